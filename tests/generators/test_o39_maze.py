"""Maze: every rubric fact is checked, the dot glides, and level 5 has longer routes."""

from __future__ import annotations

import copy

import pytest

from generators.kit import CheckFailed
from generators.review import max_jump, timeline
from generators.tasks.o39_maze import neighbours

from .conftest import VALIDATE, Gen

GEN = Gen("O-39_maze", seed=3)


@pytest.mark.parametrize(("index", "video", "kw"), VALIDATE)
def test_samples_validate(tmp_path, index, video, kw):
    GEN.assert_valid(tmp_path, index, video, **kw)


def test_checker_accepts_solver_answers_at_every_level():
    GEN.assert_solves(range(10), vary=lambda i: {"difficulty": 1 + i % 5})


def start_elsewhere(answer, puzzle):
    answer["path"] = answer["path"][1:]


def stop_short(answer, puzzle):
    answer["path"] = answer["path"][:-1]


def walk_through_a_wall(answer, puzzle):
    path = answer["path"]
    r, c = path[1]
    open_ = set(neighbours(puzzle["cells"], r, c))
    n = puzzle["size"]
    walled = [(r + dr, c + dc) for dr, dc in ((0, 1), (1, 0), (0, -1), (-1, 0))
              if 0 <= r + dr < n and 0 <= c + dc < n and (r + dr, c + dc) not in open_]  # fmt: skip
    path[2:2] = [list(walled[0]), [r, c]]  # step into the walled cell and back


def take_a_detour(answer, puzzle):
    path = answer["path"]  # step back a cell and forward again: legal but longer
    path[2:2] = [path[2], path[1]]
    answer["length"] = len(path) - 1


def misstate_the_length(answer, puzzle):
    answer["length"] += 2


@pytest.mark.parametrize(("corrupt", "reason"), [
    (start_elsewhere, "begin"), (stop_short, "end"), (walk_through_a_wall, "wall"),
    (take_a_detour, "shortest"), (misstate_the_length, "shortest"),
])  # fmt: skip
def test_checker_rejects_each_wrong_fact(corrupt, reason):
    puzzle, answer, p = GEN.instance(4)
    bad = copy.deepcopy(answer)
    corrupt(bad, puzzle)
    with pytest.raises(CheckFailed, match=reason):
        GEN.check(puzzle, bad, p)


def test_the_dot_glides():
    line = timeline(GEN.id, 5, 2, {"image_size": 128})
    assert max_jump(line)[0] <= 0.03


def test_level_5_routes_are_longer_than_level_1_routes():
    def lengths(level):
        return [GEN.instance(i, difficulty=level)[1]["length"] for i in range(4)]

    assert max(lengths(1)) * 2 <= min(lengths(5))


def test_byte_identical(tmp_path):
    GEN.assert_byte_identical(tmp_path)


def test_distinct_instances():
    GEN.assert_distinct(n=100, seeds=(0, 2024))
