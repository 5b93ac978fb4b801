"""Nonogram generator: valid samples, an independent uniqueness proof, rejected bad answers."""

from __future__ import annotations

import itertools

import pytest

from generators import build_sample, param_hash, validate_sample
from generators.kit import CheckFailed
from generators.kit.rng import sample_rng
from generators.sample import normalize
from generators.tasks.o41_nonogram import Nonogram, arrangements, runs

GID = "O-41_nonogram"
TASK = Nonogram()


def params(**kw):
    return TASK.spec.resolve_params(kw)


def solved(index, **kw):
    p = params(**kw)
    puzzle = normalize(TASK.generate(sample_rng(7, index), p))
    return puzzle, normalize(TASK.solve(puzzle, p)), p


@pytest.mark.parametrize(("index", "video", "size"), [(0, True, 8), (1, True, 10), (2, False, 5),
                                                       (3, False, 6)])  # fmt: skip
def test_samples_validate(tmp_path, index, video, size):
    res = build_sample(GID, 3, index, {"image_size": 128, "video": video, "size": size}, tmp_path)
    assert validate_sample(res.folder) == []


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
    a = build_sample(GID, 11, 5, {"image_size": 128}, tmp_path / "a")
    b = build_sample(GID, 11, 5, {"image_size": 128}, tmp_path / "b")
    for name in a.files:
        assert (a.folder / name).read_bytes() == (b.folder / name).read_bytes(), name


def test_distinct_instances():
    p = params()
    hashes = {param_hash(GID, normalize(TASK.generate(sample_rng(0, i), p))) for i in range(200)}
    assert len(hashes) == 200
