"""Nonogram generator: valid samples, an independent uniqueness proof, rejected bad answers."""

from __future__ import annotations

import copy
import itertools

import pytest

from generators.kit import CheckFailed
from generators.tasks.o41_nonogram import arrangements, runs

from .conftest import Gen

GEN = Gen("O-41_nonogram", seed=7)
TASK = GEN.task


def params(**kw):
    return GEN.params(**kw)


def solved(index, **kw):
    return GEN.instance(index, **kw)


@pytest.mark.parametrize(("index", "video", "size"), [(1, True, 10), (2, False, 5), (3, False, 6)])
def test_samples_validate(tmp_path, index, video, size):
    GEN.assert_valid(tmp_path, index, video, seed=3, size=size)


def test_checker_accepts_solver_answers():
    for i in range(20):
        puzzle, answer, p = solved(i, size=5 + i % 6)
        TASK.check(puzzle, answer, p)
        n = len(puzzle["row_clues"])
        assert [runs(row) for row in answer["grid"]] == puzzle["row_clues"]
        assert len(answer["grid"]) == n


def break_a_row(answer, puzzle):
    answer["grid"][0][0] ^= 1


def break_a_column(answer, puzzle):
    # another arrangement of a row's own clue: every row still fits, some column does not
    n = len(puzzle["col_clues"])
    for r, clue in enumerate(puzzle["row_clues"]):
        now = sum(v << c for c, v in enumerate(answer["grid"][r]))
        other = [m for m in arrangements(clue, n) if m != now]
        if other:
            answer["grid"][r] = [other[0] >> c & 1 for c in range(n)]
            return
    raise AssertionError("every row clue has a single arrangement")


def drop_a_step(answer, puzzle):
    answer["steps"].pop()


def fill_outside_the_line(answer, puzzle):
    kind, i, cells = answer["steps"][0]
    answer["steps"][0] = [kind, (i + 1) % len(puzzle["row_clues"]), cells]


def leave_a_cell_undecided(answer, puzzle):
    answer["grid"][0][0] = -1


@pytest.mark.parametrize(("corrupt", "reason"), [
    (break_a_row, "row"), (break_a_column, "column"), (drop_a_step, "fill steps"),
    (fill_outside_the_line, "outside its line"), (leave_a_cell_undecided, "not 0 or 1"),
])  # fmt: skip
def test_checker_rejects_each_wrong_fact(corrupt, reason):
    puzzle, answer, p = solved(4)
    bad = copy.deepcopy(answer)
    corrupt(bad, puzzle)
    with pytest.raises(CheckFailed, match=reason):
        TASK.check(puzzle, bad, p)


def test_level_5_needs_more_deductions_than_level_1():
    def work(level):
        return [len(solved(i, difficulty=level)[1]["steps"]) for i in range(5)]

    easy, hard = work(1), work(5)
    assert sum(hard) >= 2 * sum(easy), (easy, hard)


def test_checker_rejects_ambiguous_clues():
    # a 2x2 diagonal: both diagonals fit these clues
    puzzle = {"row_clues": [[1], [1]], "col_clues": [[1], [1]]}
    answer = {"grid": [[1, 0], [0, 1]], "steps": [["row", 0, [[0, 0]]], ["row", 1, [[1, 1]]]]}
    with pytest.raises(CheckFailed, match="unique"):
        TASK.check(puzzle, answer, params())


def brute_force_count(row_clues, col_clues):
    """Solutions by trying every combination of row arrangements (small grids only)."""
    n = len(col_clues)
    rows = [arrangements(c, n) for c in row_clues]
    count = 0
    for combo in itertools.product(*rows):
        grid = [[m >> c & 1 for c in range(n)] for m in combo]
        if all(runs([row[c] for row in grid]) == col_clues[c] for c in range(n)):
            count += 1
    return count


def test_solutions_are_unique_by_brute_force():
    for i in range(6):
        puzzle, _, _ = solved(i, size=5)
        assert brute_force_count(puzzle["row_clues"], puzzle["col_clues"]) == 1


def test_byte_identical(tmp_path):
    GEN.assert_byte_identical(tmp_path, seed=11, index=5)


def test_distinct_instances_at_several_seeds():
    GEN.assert_distinct(seeds=(0, 1, 2024, 2**40 + 3))
    GEN.assert_distinct(seeds=(5, 6), size=5)  # the smallest grids
