"""Tetris line clear: valid samples, a real drop, the right rows cleared, bad answers rejected."""

from __future__ import annotations

import pytest

from generators import build_sample, param_hash, validate_sample
from generators.kit import CheckFailed
from generators.kit.rng import sample_rng
from generators.sample import normalize
from generators.tasks.o56_tetris_line_clear import EMPTY, TetrisLineClear, rotations

GID = "O-56_tetris_line_clear"
TASK = TetrisLineClear()


def params(**kw):
    return TASK.spec.resolve_params(kw)


def solved(index, seed=7, **kw):
    p = params(**kw)
    puzzle = normalize(TASK.generate(sample_rng(seed, index), p))
    return puzzle, normalize(TASK.solve(puzzle, p)), p


@pytest.mark.parametrize(("index", "video", "extra"), [(0, True, {}), (1, True, {"cols": 6, "rows": 10}),
                                                       (2, False, {"max_lines": 1}), (3, False, {})])  # fmt: skip
def test_samples_validate(tmp_path, index, video, extra):
    res = build_sample(GID, 3, index, {"image_size": 128, "video": video, **extra}, tmp_path)
    assert validate_sample(res.folder) == []


def test_checker_accepts_solver_answers():
    for i in range(20):
        puzzle, answer, p = solved(i, cols=6 + i % 7, rows=10 + i % 7)
        TASK.check(puzzle, answer, p)
        assert 1 <= answer["lines"] <= 4


def test_checker_rejects_corrupted_answers():
    puzzle, answer, p = solved(4)
    with pytest.raises(CheckFailed):
        TASK.check(puzzle, {**answer, "lines": answer["lines"] + 1}, p)
    with pytest.raises(CheckFailed):
        TASK.check(puzzle, {**answer, "landing_row": answer["landing_row"] - 1}, p)
    board = list(answer["board"])
    row = board[-1]
    board[-1] = ("#" if row[0] == EMPTY else EMPTY) + row[1:]
    with pytest.raises(CheckFailed):
        TASK.check(puzzle, {**answer, "board": board}, p)
    with pytest.raises(CheckFailed):  # the pieces' blocks must not be left in place
        TASK.check(puzzle, {**answer, "board": puzzle["board"]}, p)


def test_drop_and_clear_by_hand():
    """Replay each drop cell by cell and count full rows without the module's helpers."""
    for i in range(30):
        puzzle, answer, _ = solved(i, seed=21)
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


def test_byte_identical(tmp_path):
    a = build_sample(GID, 11, 5, {"image_size": 128}, tmp_path / "a")
    b = build_sample(GID, 11, 5, {"image_size": 128}, tmp_path / "b")
    for name in a.files:
        assert (a.folder / name).read_bytes() == (b.folder / name).read_bytes(), name


def test_distinct_instances():
    p = params()
    hashes = {param_hash(GID, normalize(TASK.generate(sample_rng(0, i), p))) for i in range(200)}
    assert len(hashes) == 200
