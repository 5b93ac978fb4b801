"""Nonogram generator: valid samples, an independent uniqueness proof, rejected bad answers."""

from __future__ import annotations

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


def test_checker_rejects_corrupted_answers():
    puzzle, answer, p = solved(4)
    flipped = {**answer, "grid": [row[:] for row in answer["grid"]]}
    flipped["grid"][0][0] ^= 1
    with pytest.raises(CheckFailed):
        TASK.check(puzzle, flipped, p)
    dropped = {**answer, "steps": answer["steps"][:-1]}
    with pytest.raises(CheckFailed):
        TASK.check(puzzle, dropped, p)
    moved = {**answer, "steps": [[k, (i + 1) % 8, cells] for k, i, cells in answer["steps"]]}
    with pytest.raises(CheckFailed):
        TASK.check(puzzle, moved, p)


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
