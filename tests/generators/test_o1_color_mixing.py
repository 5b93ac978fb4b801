"""Colour mixing: rendered overlaps have the mixed colour the answer names."""

from __future__ import annotations

import math

import pytest

from generators.kit import CheckFailed
from generators.tasks.o1_color_mixing import (
    LEVELS,
    STAGE,
    Scene,
    groups,
    mix,
    question_count,
    questions,
    region_points,
)

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
    ("additive", ("red", "dark green")): "orange",
    ("additive", ("navy", "green")): "spring green",
    ("additive", ("maroon", "teal")): "gray",
    ("subtractive", ("orange", "magenta")): "red",
    ("subtractive", ("cyan", "gray")): "teal",
    ("subtractive", ("rose", "violet")): "purple",
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
    """One corruption per fact the rubric names: the colour's RGB and name, an overlap's
    colour, the list of overlaps, and the mixing law (the mode)."""
    puzzle, answer, p = solved(4)
    wrong = [255 - v for v in answer["rgb"]]
    with pytest.raises(CheckFailed, match="RGB"):
        TASK.check(puzzle, {**answer, "rgb": wrong}, p)
    other = "black" if answer["name"] != "black" else "white"
    with pytest.raises(CheckFailed, match="name"):
        TASK.check(puzzle, {**answer, "name": other}, p)
    regions = [dict(r) for r in answer["regions"]]
    regions[-1]["name"] = "white" if regions[-1]["name"] != "white" else "black"
    with pytest.raises(CheckFailed, match="overlap region"):
        TASK.check(puzzle, {**answer, "regions": regions}, p)
    with pytest.raises(CheckFailed, match="every overlap"):
        TASK.check(puzzle, {**answer, "regions": answer["regions"][:-1]}, p)
    flipped = {**puzzle, "mode": "additive" if puzzle["mode"] == "subtractive" else "subtractive"}
    with pytest.raises(CheckFailed):
        TASK.check(flipped, answer, p)


def test_lights_never_clip_and_no_channel_is_halved_twice():
    """Magenta + yellow light would be past full red (not 'white'); two half filters would
    leave a quarter: neither is ever asked or drawn."""
    assert mix("additive", ("magenta", "yellow")) is None
    assert mix("additive", ("green", "yellow")) is None
    assert mix("subtractive", ("gray", "maroon")) is None
    for mode in ("additive", "subtractive"):
        for qs in questions(mode, 3, "half", 0).values():
            for colors, _ in qs:
                assert all(mix(mode, g) is not None for g in groups(colors))


def test_answers_are_spread_over_colours():
    names = [solved(i, mode="subtractive")[1]["name"] for i in range(300)]
    assert names.count("black") < 0.3 * len(names)
    assert len(set(names)) >= 12
    names = [solved(i, mode="additive")[1]["name"] for i in range(100)]
    assert len(set(names)) >= 10


def test_declared_instances_are_the_questions_at_the_defaults():
    assert GEN.spec.instances <= question_count(GEN.params()) < 1.1 * GEN.spec.instances
    assert "distinct" in GEN.spec.description


def half_channels(puzzle):
    return sum(1 in LEVELS[d["color"]] for d in puzzle["discs"]) + len(puzzle["discs"])


def test_level_5_mixes_more_discs_and_shades_than_level_1():
    easy = [half_channels(GEN.puzzle(i, difficulty=1)) for i in range(40)]
    hard = [half_channels(GEN.puzzle(i, difficulty=5)) for i in range(40)]
    assert max(easy) == 2 and min(hard) >= 5


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


def test_distinct_instances_at_several_seeds():
    GEN.assert_distinct(seeds=(0, 1, 2024, 2**40 + 3))
