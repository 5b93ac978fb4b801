"""Sliding puzzle: scrambles are exactly N moves from the goal and solutions are optimal."""

from __future__ import annotations

import pytest

from generators import build_sample, param_hash, validate_sample
from generators.kit import CheckFailed
from generators.kit.rng import sample_rng
from generators.sample import normalize
from generators.tasks.o54_sliding_puzzle import (
    GOALS,
    NEIGHBOURS,
    SlidingPuzzle,
    bfs_distance,
)

GID = "O-54_sliding_puzzle"
# positions at each shortest distance from the goal (the known 8-puzzle distribution)
DEPTH_COUNTS = {1: 2, 2: 4, 3: 8, 4: 16, 5: 20, 6: 39, 7: 62, 8: 116, 9: 152, 10: 286,
                11: 396, 12: 748, 13: 1024, 14: 1893, 15: 2512, 16: 4485}  # fmt: skip
TASK = SlidingPuzzle()


def params(**kw):
    return TASK.spec.resolve_params(kw)


def solved(index, **kw):
    p = params(**kw)
    puzzle = normalize(TASK.generate(sample_rng(10, index), p))
    return puzzle, normalize(TASK.solve(puzzle, p)), p


@pytest.mark.parametrize(("index", "video", "kw"), [
    (0, True, {}), (1, True, {"min_moves": 6, "max_moves": 8}), (2, False, {}),
    (3, False, {"min_moves": 24, "max_moves": 26}),
])  # fmt: skip
def test_samples_validate(tmp_path, index, video, kw):
    res = build_sample(GID, 3, index, {"image_size": 128, "video": video, **kw}, tmp_path)
    assert validate_sample(res.folder) == []


def test_checker_accepts_solver_answers_of_the_asked_length():
    goals = set()
    for i in range(20):
        puzzle, answer, p = solved(i, min_moves=10, max_moves=20)
        TASK.check(puzzle, answer, p)
        assert 10 <= answer["count"] == puzzle["moves"] <= 20
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


def test_checker_rejects_bad_solutions():
    puzzle, answer, p = solved(0)
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
    a = build_sample(GID, 11, 5, {"image_size": 128}, tmp_path / "a")
    b = build_sample(GID, 11, 5, {"image_size": 128}, tmp_path / "b")
    for name in a.files:
        assert (a.folder / name).read_bytes() == (b.folder / name).read_bytes(), name


def test_distinct_instances():
    p = params()
    hashes = {param_hash(GID, normalize(TASK.generate(sample_rng(0, i), p))) for i in range(200)}
    assert len(hashes) == 200
