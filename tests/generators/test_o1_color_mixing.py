"""Colour mixing: rendered overlaps have the mixed colour the answer names."""

from __future__ import annotations

import math

import pytest

from generators.kit import CheckFailed
from generators.tasks.o1_color_mixing import STAGE, Scene, region_points

from .conftest import Gen

GEN = Gen("O-1_color_mixing", seed=6)
TASK = GEN.task
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


def solved(index, **kw):
    return GEN.instance(index, **kw)


@pytest.mark.parametrize(("index", "video", "kw"), [
    (1, True, {"mode": "subtractive", "sources": 2}), (2, False, {"mode": "additive"}),
    (3, False, {"sources": 2}),
])  # fmt: skip
def test_samples_validate(tmp_path, index, video, kw):
    GEN.assert_valid(tmp_path, index, video, seed=3, **kw)


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
    GEN.assert_byte_identical(tmp_path, seed=11, index=5)


def question(puzzle):
    return puzzle["mode"], tuple(d["color"] for d in puzzle["discs"]), tuple(puzzle["target"])


@pytest.mark.parametrize(("given", "count"), [({}, 960), ({"sources": 2}, 60),
                                              ({"mode": "subtractive"}, 480)])  # fmt: skip
def test_first_samples_ask_every_question_once(given, count):
    """The declared 960 questions (2 modes x 120 colour orders x 4 overlaps) are the first
    960 samples of a seed, not only different disc positions."""
    assert GEN.spec.instances == 960
    for seed in (0, 2024):
        asked = {question(GEN.puzzle(i, seed, **given)) for i in range(count)}
        assert len(asked) == count


def test_distinct_instances_at_several_seeds():
    GEN.assert_distinct(seeds=(0, 1, 2024, 2**40 + 3))
