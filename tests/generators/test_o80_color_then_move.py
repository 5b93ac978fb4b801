"""O-80 colour then move: every shape's colour and outline follow from the rules alone (and
only one outline fits), each rubric fact corrupted and rejected, level 5 moves more shapes
among more decoy rules and outlines."""

from __future__ import annotations

import copy

import pytest

from generators.kit import CheckFailed

from .conftest import VALIDATE, Gen

GEN = Gen("O-80_color_then_move", seed=3)


@pytest.mark.parametrize(("index", "video", "kw"), VALIDATE)
def test_samples_validate(tmp_path, index, video, kw):
    GEN.assert_valid(tmp_path, index, video, **kw)


def test_checker_accepts_solver_answers():
    GEN.assert_solves(range(15), vary=lambda i: {"difficulty": 1 + i % 5})


def test_each_shape_has_one_outline_and_a_trap():
    for i in range(15):
        puzzle, answer, _ = GEN.instance(i, difficulty=1 + i % 5)
        rules = dict(map(tuple, puzzle["rules"]))
        for m in answer["moves"]:
            piece = puzzle["pieces"][m["piece"]]
            fits = [j for j, o in enumerate(puzzle["outlines"])
                    if (o["kind"], o["color"]) == (piece["kind"], rules[piece["color"]])]  # fmt: skip
            assert fits == [m["outline"]]
        assert len(puzzle["outlines"]) > len(puzzle["pieces"])  # never one outline per shape only


def take_the_old_colour(answer, puzzle):
    m = answer["moves"][0]
    m["color"] = puzzle["pieces"][m["piece"]]["color"]


def go_onto_another_outline(answer, puzzle):
    m = answer["moves"][0]
    m["outline"] = next(j for j in range(len(puzzle["outlines"])) if j != m["outline"])


def move_a_shape_twice(answer, puzzle):
    answer["moves"].append(copy.deepcopy(answer["moves"][0]))


def leave_a_shape(answer, puzzle):
    answer["moves"].pop()


def share_an_outline(answer, puzzle):
    answer["moves"][1]["outline"] = answer["moves"][0]["outline"]


@pytest.mark.parametrize(("corrupt", "reason"), [
    (take_the_old_colour, "wrong colour"), (go_onto_another_outline, "wrong outline"),
    (move_a_shape_twice, "exactly once"), (leave_a_shape, "exactly once"),
    (share_an_outline, "wrong outline|one outline"),
])  # fmt: skip
def test_checker_rejects_each_wrong_fact(corrupt, reason):
    puzzle, answer, p = GEN.instance(4, difficulty=4)
    bad = copy.deepcopy(answer)
    corrupt(bad, puzzle)
    with pytest.raises(CheckFailed, match=reason):
        GEN.check(puzzle, bad, p)


def test_checker_rejects_chained_rules_and_lookalike_outlines():
    puzzle, answer, p = GEN.instance(4, difficulty=4)
    (a, b), *_ = puzzle["rules"]
    chained = {**puzzle, "rules": [*puzzle["rules"], [b, a]]}
    with pytest.raises(CheckFailed, match="another's left"):
        GEN.check(chained, answer, p)
    twice = {**puzzle, "outlines": [*puzzle["outlines"], puzzle["outlines"][0]]}
    with pytest.raises(CheckFailed, match="alike"):
        GEN.check(twice, answer, p)


def test_level_5_moves_more_shapes_among_more_decoys():
    def measure(level):
        out = [GEN.instance(i, difficulty=level)[0] for i in range(8)]
        return [(len(pz["pieces"]), len(pz["rules"]), len(pz["outlines"])) for pz in out]

    assert set(measure(1)) == {(1, 1, 2)} and set(measure(5)) == {(4, 6, 7)}


def test_byte_identical(tmp_path):
    GEN.assert_byte_identical(tmp_path)


def test_render_params_ignored():
    GEN.assert_render_params_ignored()


def test_distinct_instances():
    GEN.assert_distinct(n=200, seeds=(0, 2024))
