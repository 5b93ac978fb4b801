"""Tetris line clear: valid samples, a real drop, the right rows cleared, bad answers rejected."""

from __future__ import annotations

import pytest

from generators.kit import CheckFailed
from generators.tasks.o56_tetris_line_clear import EMPTY, rotations

from .conftest import Gen

GEN = Gen("O-56_tetris_line_clear", seed=7)


@pytest.mark.parametrize(("index", "video", "extra"), [(0, True, {}), (1, True, {"cols": 6, "rows": 10}),
                                                       (2, False, {"max_lines": 1}), (3, False, {})])  # fmt: skip
def test_samples_validate(tmp_path, index, video, extra):
    GEN.assert_valid(tmp_path, index, video, seed=3, **extra)


def test_checker_accepts_solver_answers():
    for _, answer, _ in GEN.assert_solves(vary=lambda i: dict(cols=6 + i % 7, rows=10 + i % 7)):
        assert 1 <= answer["lines"] <= 4


def test_checker_rejects_corrupted_answers():
    puzzle, answer, p = GEN.instance(4)
    with pytest.raises(CheckFailed):
        GEN.check(puzzle, {**answer, "lines": answer["lines"] + 1}, p)
    with pytest.raises(CheckFailed):
        GEN.check(puzzle, {**answer, "landing_row": answer["landing_row"] - 1}, p)
    board = list(answer["board"])
    row = board[-1]
    board[-1] = ("#" if row[0] == EMPTY else EMPTY) + row[1:]
    with pytest.raises(CheckFailed):
        GEN.check(puzzle, {**answer, "board": board}, p)
    with pytest.raises(CheckFailed):  # the pieces' blocks must not be left in place
        GEN.check(puzzle, {**answer, "board": puzzle["board"]}, p)
    with pytest.raises(CheckFailed, match="cleared rows"):  # another row named as cleared
        GEN.check(puzzle, {**answer, "cleared_rows": [r - 1 for r in answer["cleared_rows"]]}, p)


def test_drop_and_clear_by_hand():
    """Replay each drop cell by cell and count full rows without the module's helpers."""
    for i in range(30):
        puzzle, answer, _ = GEN.instance(i, seed=21)
        board = [list(r) for r in puzzle["board"]]
        cells = [(r, c + puzzle["column"]) for r, c in puzzle["shape"]]
        shape = sorted(tuple(c) for c in puzzle["shape"])
        assert shape in [sorted(s) for s in rotations(puzzle["kind"])]
        drop = 0
        while all(r + drop + 1 < len(board) and board[r + drop + 1][c] == EMPTY for r, c in cells):
            drop += 1
        for r, c in cells:
            board[r + drop][c] = puzzle["kind"]
        full = [r for r, row in enumerate(board) if EMPTY not in row]
        assert drop == answer["landing_row"] and full == answer["cleared_rows"] and full
        blocks_before = sum(ch != EMPTY for row in board for ch in row)
        blocks_after = sum(ch != EMPTY for row in answer["board"] for ch in row)
        assert blocks_before - blocks_after == len(full) * len(board[0])


def test_level_five_is_harder_than_level_one():
    """A bigger board with more blocks, and up to four lines to clear instead of one."""

    def mean(level, key):
        return sum(key(*GEN.instance(i, difficulty=level)[:2]) for i in range(12)) / 12

    def blocks(puzzle, answer):
        return sum(ch != "." for row in puzzle["board"] for ch in row)

    assert mean(5, blocks) >= 2 * mean(1, blocks)
    assert mean(1, lambda p, a: a["lines"]) == 1 < mean(5, lambda p, a: a["lines"])


def test_byte_identical(tmp_path):
    GEN.assert_byte_identical(tmp_path, seed=11, index=5)


def test_distinct_instances():
    GEN.assert_distinct()
