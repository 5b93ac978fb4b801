"""O-103 arrow path: the checker replays each move against the symbols, rejects loops, a
wrong exit side, cell or count; level 5 walks longer paths with more kinds of symbol."""

from __future__ import annotations

import copy

import pytest

from generators.kit import CheckFailed
from generators.tasks.o103_arrow_path import move

from .conftest import VALIDATE, Gen

GEN = Gen("O-103_arrow_path", seed=3)


@pytest.mark.parametrize(("index", "video", "kw"), VALIDATE)
def test_samples_validate(tmp_path, index, video, kw):
    GEN.assert_valid(tmp_path, index, video, **kw)


def test_checker_accepts_solver_answers():
    GEN.assert_solves(range(20), vary=lambda i: {"difficulty": 1 + i % 5})


def test_symbol_rules():
    assert move(["arrow", "left"], (2, 2), "up") == ((2, 1), "left")
    assert move(["jump", "down"], (0, 3), "") == ((2, 3), "down")
    assert move(["turn", ""], (2, 2), "up") == ((2, 3), "right")
    assert move(["turn", ""], (2, 2), "left") == ((1, 2), "up")


def exit_instance():
    return GEN.instance(0, question="exit")


def steps_instance():
    return GEN.instance(0, question="steps")


def drop_last_cell(puzzle, answer):
    answer["path"] = answer["path"][:-1]


def replace_a_middle_cell(puzzle, answer):
    rows, cols = len(puzzle["grid"]), len(puzzle["grid"][0])
    names = [f"{chr(65 + c)}{r + 1}" for r in range(rows) for c in range(cols)]
    answer["path"][2] = next(n for n in names if n not in answer["path"])


def wrong_side(puzzle, answer):
    answer["exit"] = {"up": "down", "down": "up", "left": "right", "right": "left"}[answer["exit"]]


def wrong_count(puzzle, answer):
    answer["moves"] += 1


def wrong_start(puzzle, answer):
    answer["path"] = answer["path"][1:]


@pytest.mark.parametrize(("corrupt", "reason"), [
    (drop_last_cell, "does not leave"), (replace_a_middle_cell, "does not follow"),
    (wrong_side, "another side"), (wrong_count, "count"), (wrong_start, "start cell"),
])  # fmt: skip
def test_checker_rejects_each_wrong_exit_fact(corrupt, reason):
    puzzle, answer, p = exit_instance()
    bad = copy.deepcopy(answer)
    corrupt(puzzle, bad)
    with pytest.raises(CheckFailed, match=reason):
        GEN.check(puzzle, bad, p)


@pytest.mark.parametrize(("corrupt", "reason"), [
    (drop_last_cell, "exactly the moves"), (replace_a_middle_cell, "does not follow"),
    (wrong_count, "count"),
])  # fmt: skip
def test_checker_rejects_each_wrong_steps_fact(corrupt, reason):
    puzzle, answer, p = steps_instance()
    bad = copy.deepcopy(answer)
    corrupt(puzzle, bad)
    with pytest.raises(CheckFailed, match=reason):
        GEN.check(puzzle, bad, p)


def test_checker_rejects_a_loop():
    grid = [[["arrow", "right"], ["arrow", "down"]], [["arrow", "up"], ["arrow", "left"]]]
    puzzle = {"grid": grid, "start": [0, 0], "question": "steps", "moves": 4}
    with pytest.raises(CheckFailed, match="loop"):
        GEN.check(puzzle, {"path": ["A1", "B1", "B2", "A2", "A1"], "moves": 4}, GEN.params())


def test_level_5_walks_longer_with_more_symbols():
    easy = [GEN.puzzle(i, difficulty=1) for i in range(6)]
    hard = [GEN.puzzle(i, difficulty=5) for i in range(6)]
    assert all(p["moves"] == 4 and len(p["grid"]) <= 4 for p in easy)
    assert all(p["moves"] == 14 and len(p["grid"]) >= 7 for p in hard)
    assert all({s[0] for row in p["grid"] for s in row} == {"arrow"} for p in easy)
    assert all({s[0] for row in p["grid"] for s in row} == {"arrow", "jump", "turn"} for p in hard)


def test_byte_identical(tmp_path):
    GEN.assert_byte_identical(tmp_path)


def test_render_params_ignored():
    GEN.assert_render_params_ignored()


def test_distinct_instances():
    GEN.assert_distinct(n=200, seeds=(0, 2024))
