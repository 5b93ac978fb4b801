"""Shape analogies: the rule from A to B is unique, and D is C under that rule."""

from __future__ import annotations

import copy

import numpy as np
import pytest
from PIL import Image, ImageDraw

from generators import build_sample, lookup, param_hash, validate_sample
from generators.kit import CheckFailed
from generators.kit.rng import sample_rng
from generators.sample import normalize
from generators.tasks.o51_shape_transform import ALL_POSES, CHIRAL, ShapeTransform, pose_points

GID = "O-51_shape_transform"
TASK = ShapeTransform()


def params(**kw):
    return TASK.spec.resolve_params(kw)


def solved(index, **kw):
    p = params(**kw)
    puzzle = normalize(TASK.generate(sample_rng(4, index), p))
    return puzzle, normalize(TASK.solve(puzzle, p)), p


def test_lookup_short_name():
    assert lookup("O-shape_transform") == GID


@pytest.mark.parametrize(("index", "video", "steps"), [(0, True, 2), (1, True, 3), (2, False, 1),
                                                        (3, False, 3)])  # fmt: skip
def test_samples_validate(tmp_path, index, video, steps):
    res = build_sample(GID, 3, index, {"image_size": 128, "video": video, "max_steps": steps},
                       tmp_path)  # fmt: skip
    assert validate_sample(res.folder) == []


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
    a = build_sample(GID, 11, 5, {"image_size": 128}, tmp_path / "a")
    b = build_sample(GID, 11, 5, {"image_size": 128}, tmp_path / "b")
    for name in a.files:
        assert (a.folder / name).read_bytes() == (b.folder / name).read_bytes(), name


def test_distinct_instances():
    p = params()
    hashes = {param_hash(GID, normalize(TASK.generate(sample_rng(0, i), p))) for i in range(200)}
    assert len(hashes) == 200
