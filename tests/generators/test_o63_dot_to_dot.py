"""Dot to dot: valid samples, every shape recognised from its dots alone, bad answers rejected."""

from __future__ import annotations

import math

import pytest

from generators.kit import CheckFailed
from generators.kit.geometry import segment_distance
from generators.tasks.o63_dot_to_dot import NAMES, TEMPLATES, recognise

from .conftest import Gen

GEN = Gen("O-63_dot_to_dot", seed=7)


@pytest.mark.parametrize(("index", "video", "extra"), [(0, True, {}), (1, True, {"max_turn": 45}),
                                                       (2, False, {"max_turn": 0}), (3, False, {})])  # fmt: skip
def test_samples_validate(tmp_path, index, video, extra):
    GEN.assert_valid(tmp_path, index, video, seed=3, **extra)


def test_checker_accepts_solver_answers():
    GEN.assert_solves(vary=lambda i: dict(max_turn=5 * (i % 10)))


def test_checker_rejects_corrupted_answers():
    puzzle, answer, p = GEN.instance(4)
    same_size = [n for n in NAMES if n != answer["shape"]]
    with pytest.raises(CheckFailed):
        GEN.check(puzzle, {**answer, "shape": same_size[0]}, p)
    path = answer["path"]
    with pytest.raises(CheckFailed):  # not closed
        GEN.check(puzzle, {**answer, "path": path[:-1]}, p)
    swapped = [path[0], path[2], path[1], *path[3:]]
    with pytest.raises(CheckFailed):  # dots 2 and 3 out of order
        GEN.check(puzzle, {**answer, "path": swapped}, p)


def test_every_shape_is_recognised_under_any_pose():
    """Each outline, turned, mirrored, scaled and renumbered, is recognised as itself."""
    for k, (name, pts) in enumerate(TEMPLATES.items()):
        for turn, flip, start in ((0.3, 1, 0), (-0.6, -1, 3), (1.2, 1, 5)):
            c, s = math.cos(turn), math.sin(turn)
            dots = [(400 + 300 * (flip * x * c - y * s), 500 + 300 * (flip * x * s + y * c))
                    for x, y in pts]  # fmt: skip
            dots = dots[start:] + dots[:start]
            if k % 2:
                dots = dots[::-1]
            assert recognise(dots) == name


def test_all_shapes_appear_and_numbers_stay_clear():
    seen = set()
    for i in range(60):
        puzzle, answer, _ = GEN.instance(i, seed=5)
        seen.add(answer["shape"])
        dots = puzzle["dots"]
        edges = list(zip(dots, dots[1:] + dots[:1]))
        for lab in puzzle["labels"]:
            assert all(segment_distance(lab, a, b) >= 28 for a, b in edges)
            assert all(math.dist(lab, d) >= 30 for d in dots)
            assert 60 <= lab[0] <= 940 and 150 <= lab[1] <= 945
    assert seen == set(NAMES)


def test_byte_identical(tmp_path):
    GEN.assert_byte_identical(tmp_path, seed=11, index=5)


def test_distinct_instances():
    GEN.assert_distinct()
