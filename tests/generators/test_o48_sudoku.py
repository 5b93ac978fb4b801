"""Sudoku: every fact the rubric states is checked, and level 5 leaves more cells to fill."""

from __future__ import annotations

import copy

import pytest

from generators.kit import CheckFailed

from .conftest import VALIDATE, Gen

GEN = Gen("O-48_sudoku", seed=3)


@pytest.mark.parametrize(("index", "video", "kw"), VALIDATE)
def test_samples_validate(tmp_path, index, video, kw):
    GEN.assert_valid(tmp_path, index, video, **kw)


def test_checker_accepts_solver_answers():
    GEN.assert_solves(range(6), vary=lambda i: {"difficulty": 1 + i % 5})


def blank_cells(puzzle):
    return [(r, c) for r in range(9) for c in range(9) if puzzle["givens"][r][c] == 0]


def change_a_given(answer, puzzle):
    # swapping two digits everywhere keeps a valid grid but rewrites given digits
    swap = {1: 2, 2: 1}
    answer["solution"] = [[swap.get(d, d) for d in row] for row in answer["solution"]]


def leave_a_cell_empty(answer, puzzle):
    r, c = blank_cells(puzzle)[0]
    answer["solution"][r][c] = 0


def break_a_column(answer, puzzle):
    # swapping two blank cells of one row keeps the row whole but breaks their columns
    r = next(r for r in range(9) if sum(1 for v in puzzle["givens"][r] if v == 0) >= 2)
    a, b = [c for c in range(9) if puzzle["givens"][r][c] == 0][:2]
    row = answer["solution"][r]
    row[a], row[b] = row[b], row[a]


def fill_a_cell_twice(answer, puzzle):
    answer["order"][-1] = list(answer["order"][0])


def skip_a_cell(answer, puzzle):
    answer["order"].pop()


def write_a_wrong_digit_in_order(answer, puzzle):
    answer["order"][0][2] = answer["order"][0][2] % 9 + 1


@pytest.mark.parametrize(("corrupt", "reason"), [
    (change_a_given, "given"), (leave_a_cell_empty, "row"), (break_a_column, "column"),
    (fill_a_cell_twice, "fill order"), (skip_a_cell, "fill order"),
    (write_a_wrong_digit_in_order, "wrong digit"),
])  # fmt: skip
def test_checker_rejects_each_wrong_fact(corrupt, reason):
    puzzle, answer, p = GEN.instance(4)
    bad = copy.deepcopy(answer)
    corrupt(bad, puzzle)
    with pytest.raises(CheckFailed, match=reason):
        GEN.check(puzzle, bad, p)


def test_checker_rejects_a_puzzle_without_a_unique_solution():
    puzzle, answer, p = GEN.instance(5)
    ambiguous = copy.deepcopy(puzzle)
    ambiguous["givens"] = [[0] * 9 for _ in range(9)]
    with pytest.raises(CheckFailed, match="unique"):
        GEN.check(ambiguous, answer, p)


def test_level_5_leaves_more_cells_to_fill_than_level_1():
    def blanks(level):
        return [len(blank_cells(GEN.puzzle(i, difficulty=level))) for i in range(4)]

    easy, hard = blanks(1), blanks(5)
    assert max(easy) + 15 <= min(hard), (easy, hard)


def test_byte_identical(tmp_path):
    GEN.assert_byte_identical(tmp_path)


def test_distinct_instances():
    GEN.assert_distinct(n=60, seeds=(0, 2024))
