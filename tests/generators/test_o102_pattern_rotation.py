"""O-102 pattern rotation: every target cell re-derived by the checker's own coordinate map,
each rubric fact corrupted and rejected, symmetric patterns refused, level 5 larger with
mirror flips."""

from __future__ import annotations

import copy

import pytest

from generators.kit import CheckFailed

from .conftest import VALIDATE, Gen

GEN = Gen("O-102_pattern_rotation", seed=3)


@pytest.mark.parametrize(("index", "video", "kw"), VALIDATE)
def test_samples_validate(tmp_path, index, video, kw):
    GEN.assert_valid(tmp_path, index, video, **kw)


def test_checker_accepts_solver_answers():
    GEN.assert_solves(range(20), vary=lambda i: {"difficulty": 1 + i % 5})


def test_a_known_turn_and_flip():
    pattern = [["red", "", ""], ["blue", "", ""], ["", "", "green"]]
    puzzle = {"size": 3, "pattern": pattern, "op": "rotate 90"}
    turned = [["", "blue", "red"], ["", "", ""], ["green", "", ""]]
    assert GEN.solve(puzzle, GEN.params())["target"] == turned
    GEN.check(puzzle, {"target": turned}, GEN.params())
    flipped = [["", "", "red"], ["", "", "blue"], ["green", "", ""]]
    puzzle = {**puzzle, "op": "mirror left-right"}
    assert GEN.solve(puzzle, GEN.params())["target"] == flipped


def copy_the_pattern_unturned(puzzle, answer):
    answer["target"] = copy.deepcopy(puzzle["pattern"])


def turn_the_wrong_way(puzzle, answer):
    answer["target"] = GEN.solve({**puzzle, "op": "rotate 270"}, GEN.params())["target"]


def recolour_a_cell(puzzle, answer):
    r, c = next((r, c) for r, row in enumerate(answer["target"]) for c, v in enumerate(row) if v)
    answer["target"][r][c] = "gray"


def drop_a_cell(puzzle, answer):
    r, c = next((r, c) for r, row in enumerate(answer["target"]) for c, v in enumerate(row) if v)
    answer["target"][r][c] = ""


def colour_an_empty_cell(puzzle, answer):
    r, c = next((r, c) for r, row in enumerate(answer["target"]) for c, v in enumerate(row)
                if not v)  # fmt: skip
    answer["target"][r][c] = "red"


def drop_a_row(puzzle, answer):
    answer["target"].pop()


@pytest.mark.parametrize(("corrupt", "reason"), [
    (copy_the_pattern_unturned, "must be"), (turn_the_wrong_way, "must be"),
    (recolour_a_cell, "not gray"), (drop_a_cell, "not empty"),
    (colour_an_empty_cell, "must be empty, not red"), (drop_a_row, "4 x 4 cells"),
])  # fmt: skip
def test_checker_rejects_each_wrong_fact(corrupt, reason):
    puzzle, answer, p = GEN.instance(4)
    puzzle = {**puzzle, "op": "rotate 90"}
    answer = GEN.solve(puzzle, p)
    bad = copy.deepcopy(answer)
    corrupt(puzzle, bad)
    with pytest.raises(CheckFailed, match=reason):
        GEN.check(puzzle, bad, p)


def test_checker_refuses_a_symmetric_pattern():
    pattern = [["red", "", "red"], ["", "", ""], ["red", "", "red"]]
    puzzle = {"size": 3, "pattern": pattern, "op": "rotate 90"}
    with pytest.raises(CheckFailed, match="symmetry"):
        GEN.check(puzzle, {"target": pattern}, GEN.params())


def test_level_5_is_larger_and_asks_mirror_flips():
    easy = [GEN.instance(i, difficulty=1) for i in range(30)]
    hard = [GEN.instance(i, difficulty=5) for i in range(30)]
    cells = lambda p: sum(1 for row in p["pattern"] for v in row if v)  # noqa: E731
    assert all(p["size"] == 3 and cells(p) == 3 for p, _, _ in easy)
    assert all(p["size"] == 6 and cells(p) == 11 for p, _, _ in hard)
    assert all(p["op"].startswith("rotate") for p, _, _ in easy)
    assert any(p["op"].startswith("mirror") for p, _, _ in hard)


def test_byte_identical(tmp_path):
    GEN.assert_byte_identical(tmp_path)


def test_render_params_ignored():
    GEN.assert_render_params_ignored()


def test_distinct_instances():
    GEN.assert_distinct(n=200, seeds=(0, 2024))
