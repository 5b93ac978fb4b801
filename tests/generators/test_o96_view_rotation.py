"""O-96 view rotation: every piece's cell turned again with the rotation matrix, each rubric
fact corrupted and rejected, level 5 turns a larger board with more pieces."""

from __future__ import annotations

import copy

import pytest

from generators.kit import CheckFailed
from generators.tasks.o96_view_rotation import turned

from .conftest import VALIDATE, Gen

GEN = Gen("O-96_view_rotation", seed=3)


@pytest.mark.parametrize(("index", "video", "kw"), VALIDATE)
def test_samples_validate(tmp_path, index, video, kw):
    GEN.assert_valid(tmp_path, index, video, **kw)


def test_checker_accepts_solver_answers():
    GEN.assert_solves(range(15), vary=lambda i: {"difficulty": 1 + i % 5})


def test_each_viewer_side_comes_to_the_bottom():
    """The piece nearest the viewer ends on the bottom row, in every viewer's case."""
    n = 4
    assert turned(1, n - 1, n, 90)[0] == n - 1  # right edge -> bottom
    assert turned(0, 2, n, 180)[0] == n - 1  # top edge -> bottom
    assert turned(2, 0, n, -90)[0] == n - 1  # left edge -> bottom
    assert turned(0, 0, n, 90) == (0, n - 1)  # top-left -> top-right, clockwise


def test_all_three_viewer_sides_occur():
    assert {GEN.puzzle(i)["viewer"] for i in range(30)} == {"left", "right", "top"}


def turn_the_wrong_way(answer):
    answer["turn"] = -answer["turn"] if answer["turn"] != 180 else 90


def misplace_a_piece(answer):
    answer["pieces"][0][0] = (answer["pieces"][0][0] + 1) % 4


def recolour_a_piece(answer):
    answer["pieces"][0][3] = "pink"


def lose_a_piece(answer):
    answer["pieces"].pop()


def mirror_instead_of_turning(puzzle, answer):
    n = puzzle["size"]
    answer["pieces"] = sorted([r, n - 1 - c, k, col] for r, c, k, col in puzzle["pieces"])


@pytest.mark.parametrize(("corrupt", "reason"), [
    (turn_the_wrong_way, "sees the board turned"), (misplace_a_piece, "where the viewer"),
    (recolour_a_piece, "where the viewer"), (lose_a_piece, "missing"),
    (mirror_instead_of_turning, "where the viewer"),
])  # fmt: skip
def test_checker_rejects_each_wrong_fact(corrupt, reason):
    puzzle, answer, p = GEN.instance(4)
    bad = copy.deepcopy(answer)
    corrupt(*((puzzle, bad) if corrupt.__code__.co_argcount == 2 else (bad,)))
    with pytest.raises(CheckFailed, match=reason):
        GEN.check(puzzle, bad, p)


def test_level_5_turns_a_larger_board_with_more_pieces():
    easy = [GEN.puzzle(i, difficulty=1) for i in range(5)]
    hard = [GEN.puzzle(i, difficulty=5) for i in range(5)]
    assert all(p["size"] == 3 and len(p["pieces"]) == 3 for p in easy)
    assert all(p["size"] == 5 and len(p["pieces"]) == 9 for p in hard)


def test_byte_identical(tmp_path):
    GEN.assert_byte_identical(tmp_path)


def test_render_params_ignored():
    GEN.assert_render_params_ignored()


def test_distinct_instances():
    GEN.assert_distinct(n=200, seeds=(0, 2024))
