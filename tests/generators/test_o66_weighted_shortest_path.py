"""O-66 weighted grid path: valid samples, a Dijkstra/DP checker, a unique optimum, levels."""

import itertools

import pytest

from generators.kit import CheckFailed
from generators.tasks.o66_weighted_shortest_path import count_optimal

from .conftest import VALIDATE, Gen

GEN = Gen("O-66_weighted_shortest_path")


def instance(index, **given):
    return GEN.instance(index, **given)


def brute_force(puzzle):
    """Every simple path's total by exhaustive search (small grids only)."""
    costs, mode = puzzle["costs"], puzzle["mode"]
    n = len(costs)
    moves = ((-1, 0), (1, 0), (0, -1), (0, 1)) if mode == "lowest" else ((1, 0), (0, 1))
    goal, totals = tuple(puzzle["goal"]), []

    def walk(cell, seen, total):
        if cell == goal:
            totals.append(total)
            return
        for dr, dc in moves:
            nxt = (cell[0] + dr, cell[1] + dc)
            if 0 <= nxt[0] < n and 0 <= nxt[1] < n and nxt not in seen:
                walk(nxt, seen | {nxt}, total + costs[nxt[0]][nxt[1]])

    start = tuple(puzzle["start"])
    walk(start, {start}, costs[start[0]][start[1]])
    return totals


@pytest.mark.parametrize("index,video,params", VALIDATE)
def test_samples_validate(tmp_path, index, video, params):
    GEN.assert_valid(tmp_path, index, video, mode=("lowest", "highest")[index % 2], **params)


def test_checker_accepts_solver_answers():
    for mode, size in itertools.product(("lowest", "highest"), (4, 8)):
        for puzzle, _, _ in GEN.assert_solves(range(10), mode=mode, size=size):
            assert count_optimal(puzzle, limit=5) == 1


def test_optimum_is_unique_by_brute_force():
    for mode in ("lowest", "highest"):
        for i in range(6):
            puzzle, answer, _ = instance(i, mode=mode, size=4)
            totals = brute_force(puzzle)
            best = min(totals) if mode == "lowest" else max(totals)
            assert answer["cost"] == best and totals.count(best) == 1


def test_checker_rejects_each_kind_of_wrong_fact():
    """The rubric states the ends, the moves, the unique optimal path and the total."""
    for mode in ("lowest", "highest"):
        puzzle, answer, params = instance(2, mode=mode)
        path, n = answer["path"], len(puzzle["costs"])
        if mode == "highest":  # another legal path: along the border
            other = [[0, c] for c in range(n)] + [[r, n - 1] for r in range(1, n)]
            if other == path:
                other = [[r, 0] for r in range(n)] + [[n - 1, c] for c in range(1, n)]
        else:  # a detour
            other = detour(puzzle, path)
        wrong = [
            {**answer, "cost": answer["cost"] + 1},  # the total
            {**answer, "path": [path[0], *path[2:]]},  # a jump over a cell
            {**answer, "path": path[1:], "cost": answer["cost"] - cost(puzzle, path[:1])},
            {**answer, "path": path[:-1], "cost": answer["cost"] - cost(puzzle, path[-1:])},
            {**answer, "path": [*path[:2], path[0], *path[1:]]},  # a cell visited twice
            {"path": other, "cost": cost(puzzle, other)},  # a legal path, not the best one
        ]
        for bad in wrong:
            with pytest.raises(CheckFailed):
                GEN.check(puzzle, bad, params)


def cost(puzzle, cells):
    return sum(puzzle["costs"][r][c] for r, c in cells)


def detour(puzzle, path):
    """The same path with one step replaced by a three-step bend (still legal, dearer)."""
    n = len(puzzle["costs"])
    for i, ((r0, c0), (r1, c1)) in enumerate(itertools.pairwise(path)):
        for dr, dc in ((1, 0), (-1, 0), (0, 1), (0, -1)):
            if (dr, dc) in ((r1 - r0, c1 - c0), (r0 - r1, c0 - c1)):
                continue
            a, b = [r0 + dr, c0 + dc], [r1 + dr, c1 + dc]
            if all(0 <= v < n for v in a + b) and a not in path and b not in path:
                return [*path[: i + 1], a, b, *path[i + 1 :]]
    raise AssertionError("no detour")


def test_level_5_is_harder_than_level_1():
    def mean_cells(level):
        return sum(len(instance(i, difficulty=level)[1]["path"]) for i in range(20)) / 20

    assert mean_cells(5) > 1.8 * mean_cells(1)


def test_same_sample_is_byte_identical(tmp_path):
    GEN.assert_byte_identical(tmp_path)


def test_render_params_do_not_change_answers():
    GEN.assert_render_params_ignored()


def test_distinct_instances():
    GEN.assert_distinct(seeds=(0, 1))
