"""O-86 targets without crossing: the one crossing-free assignment proven by trying them
all, the shortest assignment agrees, each rubric fact corrupted and rejected, level 5 moves
more discs than level 1."""

from __future__ import annotations

import copy

import pytest

from generators.kit import CheckFailed
from generators.tasks.o86_two_targets import cross

from .conftest import VALIDATE, Gen

GEN = Gen("O-86_two_targets", seed=3)


@pytest.mark.parametrize(("index", "video", "kw"), VALIDATE)
def test_samples_validate(tmp_path, index, video, kw):
    GEN.assert_valid(tmp_path, index, video, **kw)


def test_checker_accepts_solver_answers():
    GEN.assert_solves(range(12), vary=lambda i: {"difficulty": 1 + i % 5})


def test_segment_crossing():
    assert cross((0, 0), (10, 10), (0, 10), (10, 0))
    assert not cross((0, 0), (10, 0), (0, 5), (10, 5))
    assert not cross((0, 0), (4, 4), (6, 6), (10, 0))


def swap_two_rings(answer):
    answer["rings"][0], answer["rings"][1] = answer["rings"][1], answer["rings"][0]


def send_two_discs_to_one_ring(answer):
    answer["rings"][1] = answer["rings"][0]


def name_a_missing_ring(answer):
    answer["rings"][0] = 9


@pytest.mark.parametrize(("corrupt", "reason"), [
    (swap_two_rings, "cross"), (send_two_discs_to_one_ring, "one each"),
    (name_a_missing_ring, "one each"),
])  # fmt: skip
def test_checker_rejects_each_wrong_fact(corrupt, reason):
    puzzle, answer, p = GEN.instance(4, difficulty=1)
    bad = copy.deepcopy(answer)
    corrupt(bad)
    with pytest.raises(CheckFailed, match=reason):
        GEN.check(puzzle, bad, p)


def test_checker_rejects_a_puzzle_with_two_crossing_free_assignments():
    puzzle = {"discs": [[100, 100], [100, 900]], "rings": [[900, 100], [900, 900]],
              "colors": ["red", "blue"]}  # fmt: skip
    GEN.check(puzzle, {"rings": [1, 2]}, GEN.params())
    square = {**puzzle, "discs": [[100, 500], [900, 500]], "rings": [[500, 100], [500, 900]]}
    with pytest.raises(CheckFailed, match="ambiguous"):
        GEN.check(square, {"rings": [1, 2]}, GEN.params())


def test_level_5_moves_more_discs():
    assert all(len(GEN.puzzle(i, difficulty=1)["discs"]) == 2 for i in range(4))
    assert all(len(GEN.puzzle(i, difficulty=5)["discs"]) == 5 for i in range(4))


def test_byte_identical(tmp_path):
    GEN.assert_byte_identical(tmp_path)


def test_render_params_ignored():
    GEN.assert_render_params_ignored()


def test_distinct_instances():
    GEN.assert_distinct(n=200, seeds=(0, 2024))
