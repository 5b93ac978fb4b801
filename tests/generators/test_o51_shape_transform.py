"""Shape analogies: the rule from A to B is unique, and D is C under that rule."""

from __future__ import annotations

import copy
import itertools

import numpy as np
import pytest
from PIL import Image, ImageDraw

from generators import lookup
from generators.kit import CheckFailed
from generators.tasks.o51_shape_transform import (
    ALL_POSES,
    CHIRAL,
    FAMILIES,
    pose_points,
    rule_count,
)

from .conftest import Gen

GEN = Gen("O-51_shape_transform", seed=4)
TASK = GEN.task


def solved(index, **kw):
    return GEN.instance(index, **kw)


def test_lookup_short_name():
    assert lookup("O-shape_transform") == GEN.id


@pytest.mark.parametrize(("index", "video", "steps"), [(1, True, 3), (2, False, 1),
                                                        (3, False, 3)])  # fmt: skip
def test_samples_validate(tmp_path, index, video, steps):
    GEN.assert_valid(tmp_path, index, video, seed=3, max_steps=steps)


def test_checker_accepts_solver_answers():
    families = set()
    for i in range(30):
        puzzle, answer, p = solved(i, max_steps=3)
        TASK.check(puzzle, answer, p)
        families |= {s["family"] for s in puzzle["steps"]}
        assert puzzle["a"] != puzzle["b"]
    assert families == {"geometry", "size", "fill", "color"}


def first_with(family):
    for i in range(100):
        puzzle, answer, p = solved(i, max_steps=1)
        if puzzle["steps"][0]["family"] == family:
            return puzzle, answer, p
    raise AssertionError(family)


def test_checker_rejects_wrong_answers():
    puzzle, answer, p = first_with("geometry")
    turned = copy.deepcopy(answer)
    turned["d"]["pose"] = [turned["d"]["pose"][0], (turned["d"]["pose"][1] + 90) % 360]
    with pytest.raises(CheckFailed, match="rotated or reflected"):
        TASK.check(puzzle, turned, p)
    puzzle, answer, p = first_with("color")
    recoloured = copy.deepcopy(answer)
    recoloured["d"]["color"] = puzzle["c"]["color"]
    with pytest.raises(CheckFailed, match="color"):
        TASK.check(puzzle, recoloured, p)
    resized = copy.deepcopy(answer)
    resized["d"]["size"] = "small" if resized["d"]["size"] == "large" else "large"
    with pytest.raises(CheckFailed, match="size"):
        TASK.check(puzzle, resized, p)


def test_checker_rejects_a_wrong_fill_shape_or_description():
    puzzle, answer, p = first_with("fill")
    unfilled = copy.deepcopy(answer)
    unfilled["d"]["filled"] = not unfilled["d"]["filled"]
    with pytest.raises(CheckFailed, match="filled"):
        TASK.check(puzzle, unfilled, p)
    reshaped = copy.deepcopy(answer)
    reshaped["d"]["shape"] = puzzle["a"]["shape"]
    with pytest.raises(CheckFailed, match="shape"):
        TASK.check(puzzle, reshaped, p)
    with pytest.raises(CheckFailed, match="description"):
        TASK.check(puzzle, {**answer, "description": "a large filled red star"}, p)


def test_levels_combine_more_changes_and_always_turn_at_level_5():
    easy = [GEN.puzzle(i, difficulty=1)["steps"] for i in range(8)]
    hard = [GEN.puzzle(i, difficulty=5)["steps"] for i in range(8)]
    assert all(len(s) == 1 and s[0]["family"] != "geometry" for s in easy)
    assert all(len(s) == 3 and s[0]["family"] == "geometry" for s in hard)
    for i in range(8):
        GEN.check(*GEN.instance(i, difficulty=5))


def test_checker_rejects_ambiguous_puzzles():
    puzzle, answer, p = first_with("color")
    other = copy.deepcopy(puzzle)
    other["c"]["color"] = "blue" if puzzle["a"]["color"] != "blue" else "red"
    with pytest.raises(CheckFailed, match="ambiguous"):
        TASK.check(other, {**answer, "d": {**answer["d"]}}, p)


def mask(shape, pose, size=96):
    img = Image.new("L", (size, size), 0)
    pts = [(size / 2 + x * size * 0.38, size / 2 + y * size * 0.38) for x, y in
           pose_points(shape, pose)]  # fmt: skip
    ImageDraw.Draw(img).polygon(pts, fill=1)
    return np.asarray(img, dtype=bool)


@pytest.mark.parametrize("shape", list(CHIRAL))
def test_chiral_shapes_look_different_in_every_pose(shape):
    masks = [mask(shape, pose) for pose in ALL_POSES]
    for i in range(8):
        for j in range(i + 1, 8):
            differ = np.logical_xor(masks[i], masks[j]).sum() / masks[i].sum()
            assert differ > 0.2, (shape, ALL_POSES[i], ALL_POSES[j], differ)


def test_byte_identical(tmp_path):
    GEN.assert_byte_identical(tmp_path, seed=11, index=5)


def test_every_rule_has_room_for_200_different_analogies():
    """Samples with the same rule families differ in the instance number, so at least 200 of
    them must exist for every family list the generator can draw."""
    for k in (1, 2, 3):
        for families in itertools.permutations(FAMILIES, k):
            assert rule_count(list(families)) >= 200, families


def test_distinct_instances_at_several_seeds():
    GEN.assert_distinct(seeds=(0, 1, 29, 2024, 2**40 + 3))
    GEN.assert_distinct(seeds=(5, 6), max_steps=1)
