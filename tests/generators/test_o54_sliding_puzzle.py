"""Sliding puzzle: scrambles are exactly N moves from the goal and solutions are optimal."""

from __future__ import annotations

import re

import pytest

from generators.kit import CheckFailed
from generators.tasks.o54_sliding_puzzle import GOALS, NEIGHBOURS, bfs_distance, by_distance

from .conftest import Gen

GEN = Gen("O-54_sliding_puzzle", seed=10)
# positions at each shortest distance from the goal (the known 8-puzzle distribution)
DEPTH_COUNTS = {1: 2, 2: 4, 3: 8, 4: 16, 5: 20, 6: 39, 7: 62, 8: 116, 9: 152, 10: 286,
                11: 396, 12: 748, 13: 1024, 14: 1893, 15: 2512, 16: 4485}  # fmt: skip
TASK = GEN.task


def solved(index, **kw):
    return GEN.instance(index, **kw)


@pytest.mark.parametrize(("index", "video", "kw"), [
    (1, True, {"min_moves": 6, "max_moves": 8}), (2, False, {}),
    (3, False, {"min_moves": 24, "max_moves": 26}),
])  # fmt: skip
def test_samples_validate(tmp_path, index, video, kw):
    GEN.assert_valid(tmp_path, index, video, seed=3, **kw)


def test_checker_accepts_solver_answers_of_the_asked_length():
    goals = set()
    for i in range(20):
        puzzle, answer, p = solved(i, min_moves=10, max_moves=20)
        TASK.check(puzzle, answer, p)
        assert (
            10
            <= answer["count"]
            == bfs_distance(tuple(puzzle["tiles"]), GOALS[puzzle["goal"]])
            <= 20
        )
        goals.add(puzzle["goal"])
    assert goals == set(GOALS)


def test_bfs_distance_matches_a_one_sided_search():
    goal = GOALS["blank last"]
    seen, layer = {goal}, [goal]
    for depth in range(1, 17):
        nxt = []
        for s in layer:
            z = s.index(0)
            for j in NEIGHBOURS[z]:
                t = list(s)
                t[z], t[j] = t[j], t[z]
                t = tuple(t)
                if t not in seen:
                    seen.add(t)
                    nxt.append(t)
        layer = nxt
        assert len(layer) == DEPTH_COUNTS[depth], depth
        for s in layer[:: max(1, len(layer) // 25)]:
            assert bfs_distance(s, goal) == depth
            assert bfs_distance(s, goal, limit=depth - 1) is None


def test_prompt_does_not_give_the_move_count_away():
    for i in range(5):
        puzzle, answer, p = solved(i)
        assert not re.search(rf"\b{answer['count']}\b", TASK.prompt(puzzle, p))


def test_level_five_takes_more_moves_than_level_one():
    def mean(level):
        return sum(solved(i, difficulty=level)[1]["count"] for i in range(10)) / 10

    assert mean(5) >= 4 * mean(1)


def test_checker_rejects_bad_solutions():
    puzzle, answer, p = solved(0)
    with pytest.raises(CheckFailed, match="count"):
        TASK.check(puzzle, {**answer, "count": answer["count"] + 1}, p)
    jump = {**answer, "moves": [answer["moves"][1], *answer["moves"][1:]]}
    with pytest.raises(CheckFailed):
        TASK.check(puzzle, jump, p)
    short = {"moves": answer["moves"][:-1], "count": answer["count"] - 1}
    with pytest.raises(CheckFailed, match="order"):
        TASK.check(puzzle, short, p)
    m = answer["moves"][0]
    detour = [m, m, *answer["moves"]]  # slide a tile out and back: legal but not shortest
    with pytest.raises(CheckFailed, match="suffice"):
        TASK.check(puzzle, {"moves": detour, "count": len(detour)}, p)


def test_bfs_distance():
    goal = GOALS["blank last"]
    assert bfs_distance(goal, goal) == 0
    assert bfs_distance((1, 2, 3, 4, 5, 6, 7, 0, 8), goal) == 1
    assert bfs_distance((8, 6, 7, 2, 5, 4, 3, 0, 1), goal) == 31  # a hardest position


def test_byte_identical(tmp_path):
    GEN.assert_byte_identical(tmp_path, seed=11, index=5)


@pytest.mark.parametrize("goal", list(GOALS))
def test_levels_hold_every_position_at_its_distance(goal):
    """The instance number indexes these groups, so they must be the known distribution."""
    groups = by_distance(goal)
    assert sum(map(len, groups)) == 181440 and len(groups) == 32  # 9!/2 positions, 0..31 moves
    assert {d: len(groups[d]) for d in DEPTH_COUNTS} == DEPTH_COUNTS
    assert all(len(set(g.tolist())) == len(g) for g in groups)
    for d in (5, 14, 24):
        for code in groups[d][:: max(1, len(groups[d]) // 5)]:
            assert bfs_distance(tuple(int(c) for c in f"{code:09d}"), GOALS[goal]) == d


def test_positions_are_uniform_over_the_range():
    counts = {}
    for i in range(400):
        puzzle = GEN.puzzle(i, min_moves=4, max_moves=6)
        moves = bfs_distance(tuple(puzzle["tiles"]), GOALS[puzzle["goal"]])
        counts[moves] = counts.get(moves, 0) + 1
    assert sum(counts.values()) == 400 and set(counts) == {4, 5, 6}
    assert counts[6] > counts[5] > counts[4]  # 16, 20 and 39 positions per goal


@pytest.mark.parametrize("given", [{}, {"min_moves": 10, "max_moves": 10}])  # 286 per goal
def test_distinct_instances_at_several_seeds(given):
    GEN.assert_distinct(seeds=(0, 1, 13, 2024, 2**40 + 3), **given)
