"""O-93 shape sorter: each shape turned by the answer's turn covers its hole's corners
exactly and no smaller turn does (checked on the drawn polygons), each rubric fact corrupted
and rejected, level 5 sorts more shapes among decoy and twin holes."""

from __future__ import annotations

import copy

import pytest

from generators.kit import CheckFailed, shape_points

from .conftest import VALIDATE, Gen

GEN = Gen("O-93_shape_sorter", seed=3)


@pytest.mark.parametrize(("index", "video", "kw"), VALIDATE)
def test_samples_validate(tmp_path, index, video, kw):
    GEN.assert_valid(tmp_path, index, video, **kw)


def test_checker_accepts_solver_answers():
    GEN.assert_solves(range(15), vary=lambda i: {"difficulty": 1 + i % 5})


def fits(kind: str, angle: float, goal: float) -> bool:
    if kind == "circle":
        return True
    a = sorted((round(x, 6), round(y, 6)) for x, y in shape_points(kind, 0, 0, 1, angle))
    b = sorted((round(x, 6), round(y, 6)) for x, y in shape_points(kind, 0, 0, 1, goal))
    return a == b


def test_each_turn_is_the_smallest_that_fits():
    for i in range(20):
        puzzle, answer, _ = GEN.instance(i, difficulty=1 + i % 5)
        for m in answer["moves"]:
            s, h = puzzle["shapes"][m["shape"]], puzzle["holes"][m["hole"]]
            assert (s["kind"], s["size"]) == (h["kind"], h["size"])
            assert fits(s["kind"], s["angle"] + m["turn"], h["angle"])
            smaller = [t for t in range(-180, 181) if abs(t) < abs(m["turn"])]
            assert not any(fits(s["kind"], s["angle"] + t, h["angle"]) for t in smaller)


def wrong_hole(answer, puzzle):
    m = answer["moves"][0]
    m["hole"] = next(j for j in range(len(puzzle["holes"])) if j != m["hole"])


def turn_the_long_way(answer, puzzle):
    m = next(m for m in answer["moves"] if m["turn"])
    m["turn"] += -360 if m["turn"] > 0 else 360


def forget_a_shape(answer, puzzle):
    answer["moves"].pop()


@pytest.mark.parametrize(("corrupt", "reason"), [
    (wrong_hole, "does not fit"), (turn_the_long_way, "must turn"), (forget_a_shape, "exactly once"),
])  # fmt: skip
def test_checker_rejects_each_wrong_fact(corrupt, reason):
    for i in range(30):
        puzzle, answer, p = GEN.instance(i, difficulty=5)
        if any(m["turn"] for m in answer["moves"]):
            break
    bad = copy.deepcopy(answer)
    corrupt(bad, puzzle)
    with pytest.raises(CheckFailed, match=reason):
        GEN.check(puzzle, bad, p)


def test_checker_rejects_two_alike_holes():
    puzzle, answer, p = GEN.instance(3)
    twice = {**puzzle, "holes": [*puzzle["holes"], puzzle["holes"][0]]}
    with pytest.raises(CheckFailed, match="same kind and size"):
        GEN.check(twice, answer, p)


def test_level_5_sorts_more_shapes_among_more_holes():
    def measure(level):
        out = [GEN.instance(i, difficulty=level)[0] for i in range(6)]
        return {(len(pz["shapes"]), len(pz["holes"]), len(pz["holes"]) - len({h["kind"] for h in pz["holes"]}))
                for pz in out}  # fmt: skip

    assert measure(1) == {(2, 2, 0)} and measure(5) == {(5, 7, 2)}


def test_byte_identical(tmp_path):
    GEN.assert_byte_identical(tmp_path)


def test_render_params_ignored():
    GEN.assert_render_params_ignored()


def test_distinct_instances():
    GEN.assert_distinct(n=200, seeds=(0, 2024))
