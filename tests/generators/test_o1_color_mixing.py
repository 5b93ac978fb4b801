"""Colour mixing: rendered overlaps have the mixed colour the answer names."""

from __future__ import annotations

import math

import pytest

from generators import build_sample, param_hash, validate_sample
from generators.kit import CheckFailed
from generators.kit.rng import sample_rng
from generators.sample import normalize
from generators.tasks.o1_color_mixing import STAGE, ColorMixing, Scene, region_points

GID = "O-1_color_mixing"
TASK = ColorMixing()
KNOWN = {  # textbook results
    ("additive", ("red", "green")): "yellow",
    ("additive", ("red", "blue")): "magenta",
    ("additive", ("green", "blue")): "cyan",
    ("additive", ("red", "green", "blue")): "white",
    ("subtractive", ("cyan", "magenta")): "blue",
    ("subtractive", ("cyan", "yellow")): "green",
    ("subtractive", ("magenta", "yellow")): "red",
    ("subtractive", ("cyan", "magenta", "yellow")): "black",
}


def params(**kw):
    return TASK.spec.resolve_params(kw)


def solved(index, **kw):
    p = params(**kw)
    puzzle = normalize(TASK.generate(sample_rng(6, index), p))
    return puzzle, normalize(TASK.solve(puzzle, p)), p


@pytest.mark.parametrize(("index", "video", "kw"), [
    (0, True, {}), (1, True, {"mode": "subtractive", "sources": 2}),
    (2, False, {"mode": "additive"}), (3, False, {"sources": 2}),
])  # fmt: skip
def test_samples_validate(tmp_path, index, video, kw):
    res = build_sample(GID, 3, index, {"image_size": 128, "video": video, **kw}, tmp_path)
    assert validate_sample(res.folder) == []


def test_textbook_mixes():
    for (mode, colors), name in KNOWN.items():
        puzzle = {"mode": mode, "target": list(colors)}
        assert TASK.solve({**puzzle, "discs": [{"color": c} for c in colors]}, {})["name"] == name


def test_checker_accepts_solver_answers():
    seen = set()
    for i in range(24):
        puzzle, answer, p = solved(i, sources=2 + i % 2)
        TASK.check(puzzle, answer, p)
        seen.add(puzzle["mode"])
    assert seen == {"additive", "subtractive"}


def test_checker_rejects_corrupted_answers():
    puzzle, answer, p = solved(4)
    wrong = [255 - v for v in answer["rgb"]]
    with pytest.raises(CheckFailed, match="RGB"):
        TASK.check(puzzle, {**answer, "rgb": wrong}, p)
    other = "black" if answer["name"] != "black" else "white"
    with pytest.raises(CheckFailed, match="name"):
        TASK.check(puzzle, {**answer, "name": other}, p)
    flipped = {**puzzle, "mode": "additive" if puzzle["mode"] == "subtractive" else "subtractive"}
    with pytest.raises(CheckFailed):
        TASK.check(flipped, answer, p)


def deepest_point(puzzle):
    """The point of the asked region farthest from every disc's edge."""
    best, where = -1.0, None
    for x, y in region_points(puzzle["discs"], puzzle["target"]):
        margin = min(abs(math.dist((x, y), d["end"]) - d["r"]) for d in puzzle["discs"])
        if margin > best:
            best, where = margin, (x, y)
    return where


def test_rendered_overlap_has_the_answer_colour():
    for i in range(8):
        puzzle, answer, _ = solved(i, sources=2 + i % 2)
        scene = Scene(puzzle, 256)
        stage = scene.stage(1.0)
        x, y = deepest_point(puzzle)
        px = (
            round(x * 0.256) - round(STAGE[0] * 0.256),
            round(y * 0.256) - round(STAGE[1] * 0.256),
        )
        assert list(stage.getpixel(px)) == answer["rgb"]


def test_byte_identical(tmp_path):
    a = build_sample(GID, 11, 5, {"image_size": 128}, tmp_path / "a")
    b = build_sample(GID, 11, 5, {"image_size": 128}, tmp_path / "b")
    for name in a.files:
        assert (a.folder / name).read_bytes() == (b.folder / name).read_bytes(), name


def test_distinct_instances():
    p = params()
    hashes = {param_hash(GID, normalize(TASK.generate(sample_rng(0, i), p))) for i in range(200)}
    assert len(hashes) == 200
