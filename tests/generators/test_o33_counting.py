"""Counting: at least two objects, every rubric fact checked, level 5 counts more."""

from __future__ import annotations

import copy

import pytest

from generators.kit import CheckFailed

from .conftest import VALIDATE, Gen

GEN = Gen("O-33_counting", seed=3)


@pytest.mark.parametrize(("index", "video", "kw"), VALIDATE)
def test_samples_validate(tmp_path, index, video, kw):
    GEN.assert_valid(tmp_path, index, video, **kw)


def test_checker_accepts_solver_answers_at_every_level():
    GEN.assert_solves(range(10), vary=lambda i: {"difficulty": 1 + i % 5})


def test_never_a_single_object():
    counts = {len(GEN.puzzle(i, min_count=2, max_count=3)["objects"]) for i in range(30)}
    assert counts == {2, 3}


def wrong_total(answer, puzzle):
    answer["count"] += 1


def count_one_twice(answer, puzzle):
    answer["order"][-1] = answer["order"][0]


def skip_one(answer, puzzle):
    answer["order"].pop()


def move_a_shape_onto_another(answer, puzzle):
    a, b = puzzle["objects"][:2]
    b["x"], b["y"] = a["x"] + 5, a["y"]


def push_a_shape_off_the_field(answer, puzzle):
    puzzle["objects"][0]["x"] = -100


@pytest.mark.parametrize(("corrupt", "reason"), [
    (wrong_total, "count"), (count_one_twice, "once"), (skip_one, "once"),
    (move_a_shape_onto_another, "overlap"), (push_a_shape_off_the_field, "field"),
])  # fmt: skip
def test_checker_rejects_each_wrong_fact(corrupt, reason):
    puzzle, answer, p = GEN.instance(4)
    puzzle, answer = copy.deepcopy(puzzle), copy.deepcopy(answer)
    corrupt(answer, puzzle)
    with pytest.raises(CheckFailed, match=reason):
        GEN.check(puzzle, answer, p)


def test_level_5_has_more_objects_than_level_1():
    def counts(level):
        return [len(GEN.puzzle(i, difficulty=level)["objects"]) for i in range(6)]

    assert max(counts(1)) * 3 <= min(counts(5))


def test_byte_identical(tmp_path):
    GEN.assert_byte_identical(tmp_path)


def test_distinct_instances():
    GEN.assert_distinct(n=100, seeds=(0, 2024))
