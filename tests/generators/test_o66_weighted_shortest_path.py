"""O-66 weighted grid path: valid samples, a Dijkstra/DP checker, a unique optimum."""

import filecmp
import itertools

import pytest

from generators import build_sample, get_spec, param_hash, validate_sample
from generators.kit import CheckFailed
from generators.kit.rng import sample_rng
from generators.sample import normalize
from generators.tasks.o66_weighted_shortest_path import count_optimal

GID = "O-66_weighted_shortest_path"
SPEC = get_spec(GID)
TASK = SPEC.task_class()
PARAMS = SPEC.resolve_params({})


def instance(index, params=PARAMS, seed=7):
    puzzle = normalize(TASK.generate(sample_rng(seed, index), params))
    return puzzle, normalize(TASK.solve(puzzle, params))


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


def test_samples_validate(tmp_path):
    for i in range(4):
        params = {"image_size": 128, "video": i < 2, "mode": ("lowest", "highest")[i % 2]}
        result = build_sample(GID, 3, i, params, tmp_path)
        assert validate_sample(result.folder) == []


def test_checker_accepts_solver_answers():
    for mode, size in itertools.product(("lowest", "highest"), (4, 8)):
        params = SPEC.resolve_params({"mode": mode, "size": size})
        for i in range(10):
            puzzle, answer = instance(i, params)
            TASK.check(puzzle, answer, params)
            assert count_optimal(puzzle, limit=5) == 1


def test_optimum_is_unique_by_brute_force():
    for mode in ("lowest", "highest"):
        params = SPEC.resolve_params({"mode": mode, "size": 4})
        for i in range(6):
            puzzle, answer = instance(i, params)
            totals = brute_force(puzzle)
            best = min(totals) if mode == "lowest" else max(totals)
            assert answer["cost"] == best and totals.count(best) == 1


def test_checker_rejects_wrong_answers():
    for mode in ("lowest", "highest"):
        params = SPEC.resolve_params({"mode": mode})
        puzzle, answer = instance(2, params)
        path = answer["path"]
        wrong_cost = {**answer, "cost": answer["cost"] + 1}
        jump = {**answer, "path": [path[0], *path[2:]]}
        # another legal path: along the border for "highest", a detour for "lowest"
        n = len(puzzle["costs"])
        if mode == "highest":
            other = [[0, c] for c in range(n)] + [[r, n - 1] for r in range(1, n)]
            if other == path:
                other = [[r, 0] for r in range(n)] + [[n - 1, c] for c in range(1, n)]
        else:
            other = detour(puzzle, path)
        total = sum(puzzle["costs"][r][c] for r, c in other)
        worse = {"path": other, "cost": total}
        for bad in (wrong_cost, jump, worse):
            with pytest.raises(CheckFailed):
                TASK.check(puzzle, bad, params)


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


def test_same_seed_same_bytes(tmp_path):
    a = build_sample(GID, 11, 5, {"image_size": 128}, tmp_path / "a")
    b = build_sample(GID, 11, 5, {"image_size": 128}, tmp_path / "b")
    names = sorted(p.name for p in a.folder.iterdir())
    assert names == sorted(p.name for p in b.folder.iterdir())
    _same, mismatch, errors = filecmp.cmpfiles(a.folder, b.folder, names, shallow=False)
    assert mismatch == [] and errors == []


def test_distinct_instances():
    hashes = {param_hash(GID, instance(i, seed=1)[0]) for i in range(200)}
    assert len(hashes) == 200
