"""O-79 geometric transform: the moves and outline are the only ones (recounted here from the
outlines' corners, apart from the checker's square counting), each rubric fact corrupted and
rejected, level 5 makes more moves among more decoy outlines."""

from __future__ import annotations

import copy

import pytest

from generators.kit import CheckFailed
from generators.kit.polyomino import IDENTITY, TURNS, act, boundary

from .conftest import VALIDATE, Gen

GEN = Gen("O-79_geometric_transform", seed=3)


@pytest.mark.parametrize(("index", "video", "kw"), VALIDATE)
def test_samples_validate(tmp_path, index, video, kw):
    GEN.assert_valid(tmp_path, index, video, **kw)


def test_checker_accepts_solver_answers():
    GEN.assert_solves(range(15), vary=lambda i: {"difficulty": 1 + i % 5})


def corner_fits(puzzle) -> list[tuple]:
    """Every (turn or flip, factor, outline) whose image of the shape's outline corners,
    slid, is an outline's corners: polygons on the grid are fixed by their corners."""
    (px, py), (ax, ay), k = puzzle["pivot"], puzzle["at"], puzzle["scale"]
    corners = [(k * (x - px), k * (y - py)) for x, y in boundary(map(tuple, puzzle["cells"]))]
    goals = [{(float(x), float(y)) for x, y in boundary(map(tuple, o))} for o in puzzle["outlines"]]
    fits = []
    for name, m in [("", IDENTITY), *TURNS.items()]:
        for factor in (0.5, 1, 2):
            moved = [(ax + factor * u, ay + factor * v) for u, v in (act(m, c) for c in corners)]
            for i, goal in enumerate(goals):
                dx = min(x for x, _ in goal) - min(x for x, _ in moved)
                dy = min(y for _, y in goal) - min(y for _, y in moved)
                if {(x + dx, y + dy) for x, y in moved} == goal:
                    fits.append((name, factor, i, (dx, dy)))
    return fits


def test_exactly_one_transformation_fits_one_outline():
    for i in range(15):
        puzzle, answer, _ = GEN.instance(i, difficulty=1 + i % 5)
        (name, factor, index, slide), *rest = corner_fits(puzzle)
        assert not rest
        steps = {s["kind"]: s for s in answer["steps"]}
        assert name == steps.get("turn", {}).get("move", "")
        assert factor == steps.get("scale", {}).get("factor", 1)
        assert slide == (steps.get("slide", {}).get("dx", 0), steps.get("slide", {}).get("dy", 0))
        assert index == answer["outline"]


def turn_the_other_way(answer):
    s = next(s for s in answer["steps"] if s["kind"] == "turn")
    s["move"] = (
        "turn 180 degrees" if s["move"] != "turn 180 degrees" else "turn 90 degrees clockwise"
    )


def scale_the_other_way(answer):
    s = next(s for s in answer["steps"] if s["kind"] == "scale")
    s["factor"] = 2 if s["factor"] == 0.5 else 0.5


def slide_one_square_too_far(answer):
    next(s for s in answer["steps"] if s["kind"] == "slide")["dx"] += 1


def swap_the_order(answer):
    answer["steps"].reverse()


def name_another_outline(answer):
    answer["outline"] = (answer["outline"] + 1) % 3


def misplace_the_dot(answer):
    answer["dot"][1] += 1


def misdescribe(answer):
    answer["description"] = answer["description"].replace("then", "and")


@pytest.mark.parametrize(("corrupt", "reason"), [
    (turn_the_other_way, "does not lie on the outline"),
    (scale_the_other_way, "does not lie on the outline|between half squares"),
    (slide_one_square_too_far, "does not lie on the outline"), (swap_the_order, "order"),
    (name_another_outline, "does not lie on the outline"), (misplace_the_dot, "dot"),
    (misdescribe, "description"),
])  # fmt: skip
def test_checker_rejects_each_wrong_fact(corrupt, reason):
    for i in range(40):  # a puzzle with all three moves and decoy outlines
        puzzle, answer, p = GEN.instance(i, difficulty=5)
        if len(answer["steps"]) == 3:
            break
    bad = copy.deepcopy(answer)
    corrupt(bad)
    with pytest.raises(CheckFailed, match=reason):
        GEN.check(puzzle, bad, p)


def test_checker_rejects_a_symmetric_shape():
    puzzle, answer, p = GEN.instance(5)
    square = {**puzzle, "cells": [[0, 0], [1, 0], [0, 1], [1, 1]]}
    with pytest.raises(CheckFailed, match="symmetry"):
        GEN.check(square, answer, p)


def test_level_5_makes_more_moves_among_more_outlines():
    def measure(level):
        out = [GEN.instance(i, difficulty=level) for i in range(8)]
        return [(len(a["steps"]), len(pz["outlines"])) for pz, a, _ in out]

    easy, hard = measure(1), measure(5)
    assert all(e == (1, 1) for e in easy) and all(h == (3, 3) for h in hard), (easy, hard)


def test_byte_identical(tmp_path):
    GEN.assert_byte_identical(tmp_path)


def test_render_params_ignored():
    GEN.assert_render_params_ignored()


def test_distinct_instances():
    GEN.assert_distinct(n=200, seeds=(0, 2024))
