"""Dot to dot: valid samples, every shape recognised from its dots alone, bad answers rejected."""

from __future__ import annotations

import math

import pytest

from generators.kit import CheckFailed
from generators.kit.geometry import box_point_distance, box_segment_distance
from generators.tasks.o63_dot_to_dot import DOT_R, NAMES, label_box, recognise, templates

from .conftest import Gen

GEN = Gen("O-63_dot_to_dot", seed=7)


@pytest.mark.parametrize(("index", "video", "extra"), [(0, True, {}), (1, True, {"difficulty": 5}),
                                                       (2, False, {"difficulty": 1}), (3, False, {})])  # fmt: skip
def test_samples_validate(tmp_path, index, video, extra):
    GEN.assert_valid(tmp_path, index, video, seed=3, **extra)


def test_checker_accepts_solver_answers():
    GEN.assert_solves(vary=lambda i: dict(difficulty=1 + i % 5))


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
    with pytest.raises(CheckFailed, match="not a known shape"):
        GEN.check(puzzle, {**answer, "shape": "teapot"}, p)


def test_every_shape_is_recognised_under_any_pose():
    """Each outline, turned, mirrored, scaled and renumbered, is recognised as itself."""
    for k, (name, pts) in enumerate(templates(55).items()):
        for turn, flip, start in ((0.3, 1, 0), (-0.6, -1, 3), (1.2, 1, 5)):
            c, s = math.cos(turn), math.sin(turn)
            dots = [(400 + 300 * (flip * x * c - y * s), 500 + 300 * (flip * x * s + y * c))
                    for x, y in pts]  # fmt: skip
            dots = dots[start:] + dots[:start]
            if k % 2:
                dots = dots[::-1]
            assert recognise(dots, 55) == name


def test_all_shapes_appear_and_numbers_stay_clear():
    """Every number's box keeps clear of the lines, the dots and the other numbers, and is
    nearer its own dot than any other."""
    seen = set()
    for i in range(60):
        puzzle, answer, _ = GEN.instance(i, seed=5, difficulty=1 + i % 5)
        seen.add(answer["shape"])
        dots = puzzle["dots"]
        edges = list(zip(dots, dots[1:] + dots[:1]))
        boxes = [label_box(lab, k + 1) for k, lab in enumerate(puzzle["labels"])]
        for k, box in enumerate(boxes):
            assert all(box_segment_distance(box, a, b) >= 7 for a, b in edges)
            own = box_point_distance(box, dots[k])
            assert DOT_R + 6 <= own <= 30
            assert all(box_point_distance(box, d) >= own + 14 for j, d in enumerate(dots) if j != k)
            assert box[0] - box[2] >= 60 and box[0] + box[2] <= 940
            for other in boxes[k + 1 :]:
                gap_x = abs(box[0] - other[0]) - box[2] - other[2]
                gap_y = abs(box[1] - other[1]) - box[3] - other[3]
                assert max(gap_x, gap_y) >= 6
    assert seen == set(NAMES)


def test_level_five_is_harder_than_level_one():
    """More dots to join, and outlines turned any way instead of upright."""

    def dots(level):
        return sum(len(GEN.puzzle(i, difficulty=level)["dots"]) for i in range(12)) / 12

    assert dots(5) >= 1.4 * dots(1)
    assert GEN.params(difficulty=5)["max_turn"] == 180 and GEN.params(difficulty=1)["max_turn"] == 0


def test_byte_identical(tmp_path):
    GEN.assert_byte_identical(tmp_path, seed=11, index=5)


def test_distinct_instances():
    GEN.assert_distinct()
