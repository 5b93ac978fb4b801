"""O-81 outline then move: every shape's style and outline looked up again, each rubric fact
corrupted and rejected, level 5 moves more shapes among more styles than level 1."""

from __future__ import annotations

import copy

import pytest

from generators.kit import CheckFailed

from .conftest import VALIDATE, Gen

GEN = Gen("O-81_outline_then_move", seed=3)


@pytest.mark.parametrize(("index", "video", "kw"), VALIDATE)
def test_samples_validate(tmp_path, index, video, kw):
    GEN.assert_valid(tmp_path, index, video, **kw)


def test_checker_accepts_solver_answers():
    GEN.assert_solves(range(15), vary=lambda i: {"difficulty": 1 + i % 5})


def test_each_shape_lands_in_the_outline_of_its_legend_style():
    for i in range(10):
        puzzle, answer, _ = GEN.instance(i)
        legend = {c: s for c, s in puzzle["legend"]}
        for m in answer["moves"]:
            assert puzzle["slots"][m["slot"]] == legend[m["color"]] == m["style"]
        assert puzzle["slots"].count(answer["moves"][0]["style"]) == 1


def take_another_style(answer):
    m = answer["moves"][0]
    m["style"] = "thick" if m["style"] != "thick" else "dotted"


def move_to_another_outline(answer):
    m = answer["moves"][0]
    m["slot"] = (m["slot"] + 1) % 4


def move_outside_the_row(answer):
    answer["moves"][0]["slot"] = 9


def leave_a_shape_behind(answer):
    answer["moves"].pop()


def handle_them_out_of_order(answer):
    answer["moves"].reverse()


@pytest.mark.parametrize(("corrupt", "reason"), [
    (take_another_style, "must take"), (move_to_another_outline, "must move into"),
    (move_outside_the_row, "must move into"), (leave_a_shape_behind, "each shape once"),
    (handle_them_out_of_order, "left to right"),
])  # fmt: skip
def test_checker_rejects_each_wrong_fact(corrupt, reason):
    puzzle, answer, p = GEN.instance(4)
    assert len(puzzle["slots"]) == 4 and len(answer["moves"]) == 2
    bad = copy.deepcopy(answer)
    corrupt(bad)
    with pytest.raises(CheckFailed, match=reason):
        GEN.check(puzzle, bad, p)


def test_checker_rejects_an_ambiguous_puzzle():
    puzzle, answer, p = GEN.instance(5)
    twice = {**puzzle, "slots": [puzzle["slots"][0], *puzzle["slots"][:-1]]}
    with pytest.raises(CheckFailed, match="exactly once"):
        GEN.check(twice, answer, p)
    legend = copy.deepcopy(puzzle["legend"])
    legend[1][0] = legend[0][0]
    with pytest.raises(CheckFailed, match="colour twice"):
        GEN.check({**puzzle, "legend": legend}, answer, p)


def test_level_5_moves_more_shapes_among_more_styles():
    easy = [GEN.instance(i, difficulty=1) for i in range(5)]
    hard = [GEN.instance(i, difficulty=5) for i in range(5)]
    assert all(len(p["slots"]) == 2 and len(a["moves"]) == 1 for p, a, _ in easy)
    assert all(len(p["slots"]) == 5 and len(a["moves"]) == 3 for p, a, _ in hard)


def test_byte_identical(tmp_path):
    GEN.assert_byte_identical(tmp_path)


def test_render_params_ignored():
    GEN.assert_render_params_ignored()


def test_distinct_instances():
    GEN.assert_distinct(n=200, seeds=(0, 2024))
