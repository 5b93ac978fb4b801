"""O-104 knight path: any shortest path is accepted (the distance re-derived by breadth-first
search), longer paths, illegal moves, blocked landings and wrong counts are rejected; level 5
needs more moves on a larger, more blocked board than level 1."""

from __future__ import annotations

import copy

import pytest

from generators.kit import CheckFailed
from generators.tasks.o104_knight_path import distances

from .conftest import VALIDATE, Gen

GEN = Gen("O-104_knight_path", seed=3)


@pytest.mark.parametrize(("index", "video", "kw"), VALIDATE)
def test_samples_validate(tmp_path, index, video, kw):
    GEN.assert_valid(tmp_path, index, video, **kw)


def test_checker_accepts_solver_answers():
    GEN.assert_solves(range(20), vary=lambda i: {"difficulty": 1 + i % 5})


def test_distances_on_an_empty_board():
    near = distances(8, set(), (0, 0))
    assert near[(1, 2)] == 1 and near[(7, 7)] == 6 and near[(1, 1)] == 4


OPEN = {"size": 5, "blocked": [], "start": [0, 0], "target": [4, 4]}


def test_checker_accepts_any_shortest_path():
    # a1 -> e5 takes 4 moves on 5 x 5; two different shortest paths are both right
    GEN.check(OPEN, {"moves": 4, "path": ["a1", "c2", "e3", "c4", "e5"]}, GEN.params())
    GEN.check(OPEN, {"moves": 4, "path": ["a1", "b3", "d2", "c4", "e5"]}, GEN.params())


def test_checker_rejects_a_legal_but_longer_path():
    longer = ["a1", "b3", "c5", "e4", "d2", "c4", "e5"]
    with pytest.raises(CheckFailed, match="not a shortest one"):
        GEN.check(OPEN, {"moves": 6, "path": longer}, GEN.params())


def repeat_a_square(puzzle, answer):
    answer["path"] = [*answer["path"][:-1], answer["path"][-2], answer["path"][-1]]


def illegal_move(puzzle, answer):
    first = answer["path"][1]
    answer["path"][1] = first[0] + str(int(first[1:]) % puzzle["size"] + 1)


def wrong_count(puzzle, answer):
    answer["moves"] += 1


def wrong_end(puzzle, answer):
    answer["path"] = answer["path"][:-1]


def onto_a_blocked_square(puzzle, answer):
    puzzle["blocked"].append([ord(answer["path"][1][0]) - 97, int(answer["path"][1][1:]) - 1])


@pytest.mark.parametrize(("corrupt", "reason"), [
    (repeat_a_square, "knight's move"), (illegal_move, "knight's move"),
    (wrong_count, "count"), (wrong_end, "target"), (onto_a_blocked_square, "blocked"),
])  # fmt: skip
def test_checker_rejects_each_wrong_fact(corrupt, reason):
    puzzle, answer, p = GEN.instance(4)
    puzzle, bad = copy.deepcopy(puzzle), copy.deepcopy(answer)
    corrupt(puzzle, bad)
    with pytest.raises(CheckFailed, match=reason):
        GEN.check(puzzle, bad, p)


def test_level_5_needs_more_moves_on_a_larger_blocked_board():
    easy = [GEN.instance(i, difficulty=1) for i in range(5)]
    hard = [GEN.instance(i, difficulty=5) for i in range(5)]
    assert all(a["moves"] == 2 and p["size"] == 5 and len(p["blocked"]) == 2 for p, a, _ in easy)
    assert all(a["moves"] == 6 and p["size"] == 8 and len(p["blocked"]) == 12 for p, a, _ in hard)


def test_byte_identical(tmp_path):
    GEN.assert_byte_identical(tmp_path)


def test_render_params_ignored():
    GEN.assert_render_params_ignored()


def test_distinct_instances():
    GEN.assert_distinct(n=200, seeds=(0, 2024))
