"""O-95 switch panel: the flips replayed, the fewest set proven unique by trying every set,
each rubric fact corrupted and rejected, level 5 needs more flips on a larger panel."""

from __future__ import annotations

import copy

import pytest

from generators.kit import CheckFailed

from .conftest import VALIDATE, Gen

GEN = Gen("O-95_switch_panel", seed=3)


@pytest.mark.parametrize(("index", "video", "kw"), VALIDATE)
def test_samples_validate(tmp_path, index, video, kw):
    GEN.assert_valid(tmp_path, index, video, **kw)


def test_checker_accepts_solver_answers():
    GEN.assert_solves(range(15), vary=lambda i: {"difficulty": 1 + i % 5})


def test_the_fewest_flips_are_as_asked():
    for i in range(10):
        _, answer, p = GEN.instance(i)
        assert answer["count"] == p["flips"] == len(answer["flips"])


def leave_one_out(answer):
    answer["flips"].pop()
    answer["count"] -= 1


def flip_a_switch_twice(answer):
    answer["flips"].append(answer["flips"][0])
    answer["count"] += 1


def flip_an_unknown_switch(answer):
    answer["flips"][0] = "Z"


def flip_right_to_left(answer):
    answer["flips"].reverse()


def miscount(answer):
    answer["count"] += 1


@pytest.mark.parametrize(("corrupt", "reason"), [
    (leave_one_out, "do not show the goal"), (flip_a_switch_twice, "different switches"),
    (flip_an_unknown_switch, "different switches"), (flip_right_to_left, "left to right"),
    (miscount, "count"),
])  # fmt: skip
def test_checker_rejects_each_wrong_fact(corrupt, reason):
    puzzle, answer, p = GEN.instance(4)
    assert len(answer["flips"]) == 2
    bad = copy.deepcopy(answer)
    corrupt(bad)
    with pytest.raises(CheckFailed, match=reason):
        GEN.check(puzzle, bad, p)


def test_checker_rejects_more_flips_than_the_fewest():
    """Switches A and B toggle the same lamps, so flipping both changes nothing."""
    puzzle = {"lamps": [0, 0, 0], "switches": [[1], [1], [2, 3]], "goal": [0, 1, 1]}
    GEN.check(puzzle, {"flips": ["C"], "count": 1}, GEN.params())
    with pytest.raises(CheckFailed, match="fewest"):
        GEN.check(puzzle, {"flips": ["A", "B", "C"], "count": 3}, GEN.params())


def test_checker_rejects_two_fewest_sets():
    puzzle = {"lamps": [0, 0, 0], "switches": [[1], [1], [2, 3]], "goal": [1, 0, 0]}
    with pytest.raises(CheckFailed, match="ambiguous"):
        GEN.check(puzzle, {"flips": ["A"], "count": 1}, GEN.params())


def test_level_5_needs_more_flips_on_a_larger_panel():
    easy = [GEN.instance(i, difficulty=1) for i in range(5)]
    hard = [GEN.instance(i, difficulty=5) for i in range(5)]
    assert all(a["count"] == 1 and len(p["switches"]) == 3 for p, a, _ in easy)
    assert all(a["count"] == 4 and len(p["switches"]) == 7 for p, a, _ in hard)


def test_byte_identical(tmp_path):
    GEN.assert_byte_identical(tmp_path)


def test_render_params_ignored():
    GEN.assert_render_params_ignored()


def test_distinct_instances():
    GEN.assert_distinct(n=200, seeds=(0, 2024))
