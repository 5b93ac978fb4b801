"""O-99 sort by colour: the drops replayed tube by tube, each rubric fact corrupted and
rejected, level 5 sorts more balls of more colours among more decoy tubes."""

from __future__ import annotations

import copy

import pytest

from generators.kit import CheckFailed

from .conftest import VALIDATE, Gen

GEN = Gen("O-99_sort_by_colour", seed=3)


@pytest.mark.parametrize(("index", "video", "kw"), VALIDATE)
def test_samples_validate(tmp_path, index, video, kw):
    GEN.assert_valid(tmp_path, index, video, **kw)


def test_checker_accepts_solver_answers():
    GEN.assert_solves(range(15), vary=lambda i: {"difficulty": 1 + i % 5})


def test_decoy_tubes_stay_empty():
    for i in range(10):
        puzzle, answer, p = GEN.instance(i)
        assert sum(1 for c in puzzle["tubes"] if answer["counts"][c] == 0) == p["decoys"]


def drop_into_another_tube(answer):
    answer["drops"][0] = (answer["drops"][0] + 1) % 4


def miss_the_tubes(answer):
    answer["drops"][0] = 7


def skip_a_ball(answer):
    answer["drops"].pop()


def miscount(answer):
    color = next(iter(answer["counts"]))
    answer["counts"][color] += 1


@pytest.mark.parametrize(("corrupt", "reason"), [
    (drop_into_another_tube, "goes into the"), (miss_the_tubes, "misses"),
    (skip_a_ball, "once"), (miscount, "miscounted"),
])  # fmt: skip
def test_checker_rejects_each_wrong_fact(corrupt, reason):
    puzzle, answer, p = GEN.instance(4)
    assert len(puzzle["tubes"]) == 4
    bad = copy.deepcopy(answer)
    corrupt(bad)
    with pytest.raises(CheckFailed, match=reason):
        GEN.check(puzzle, bad, p)


def test_level_5_sorts_more_balls_of_more_colours():
    easy = [GEN.puzzle(i, difficulty=1) for i in range(5)]
    hard = [GEN.puzzle(i, difficulty=5) for i in range(5)]
    assert all(len(p["balls"]) == 4 and len(p["tubes"]) == 2 for p in easy)
    assert all(len(p["balls"]) == 9 and len(p["tubes"]) == 6 for p in hard)


def test_byte_identical(tmp_path):
    GEN.assert_byte_identical(tmp_path)


def test_render_params_ignored():
    GEN.assert_render_params_ignored()


def test_distinct_instances():
    GEN.assert_distinct(n=200, seeds=(0, 2024))
