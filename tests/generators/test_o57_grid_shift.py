"""Grid shift: valid samples, shifts verified cell by cell, wrap and no-wrap both exercised."""

from __future__ import annotations

import pytest

from generators import build_sample, param_hash, validate_sample
from generators.kit import CheckFailed
from generators.kit.rng import sample_rng
from generators.sample import normalize
from generators.tasks.o57_grid_shift import GridShift

GID = "O-57_grid_shift"
TASK = GridShift()


def params(**kw):
    return TASK.spec.resolve_params(kw)


def solved(index, seed=7, **kw):
    p = params(**kw)
    puzzle = normalize(TASK.generate(sample_rng(seed, index), p))
    return puzzle, normalize(TASK.solve(puzzle, p)), p


@pytest.mark.parametrize(("index", "video", "extra"), [(0, True, {"wrap": "wrap"}),
                                                       (1, True, {"wrap": "no_wrap"}),
                                                       (2, False, {"max_size": 8, "max_shift": 4}),
                                                       (3, False, {"max_size": 4})])  # fmt: skip
def test_samples_validate(tmp_path, index, video, extra):
    res = build_sample(GID, 3, index, {"image_size": 128, "video": video, **extra}, tmp_path)
    assert validate_sample(res.folder) == []


def test_checker_accepts_solver_answers():
    for i in range(20):
        puzzle, answer, p = solved(i, max_size=4 + i % 5, max_shift=1 + i % 4)
        TASK.check(puzzle, answer, p)


def test_checker_rejects_corrupted_answers():
    puzzle, answer, p = solved(4)
    with pytest.raises(CheckFailed):  # the unshifted grid
        TASK.check(puzzle, {"grid": puzzle["grid"]}, p)
    flipped = {**puzzle, "wrap": not puzzle["wrap"]}
    with pytest.raises(CheckFailed):  # the answer of the other edge rule
        TASK.check(puzzle, normalize(TASK.solve(flipped, p)), p)
    grid = [row[:] for row in answer["grid"]]
    grid[0][0] = "" if grid[0][0] else "red"
    with pytest.raises(CheckFailed):
        TASK.check(puzzle, {"grid": grid}, p)
    with pytest.raises(CheckFailed):
        TASK.check(puzzle, {"grid": answer["grid"][:-1]}, p)


def test_shift_moves_every_cell_by_k():
    """Each coloured cell's new place, computed by coordinates, holds its colour."""
    steps = {"right": (0, 1), "left": (0, -1), "down": (1, 0), "up": (-1, 0)}
    seen = set()
    for i in range(40):
        puzzle, answer, _ = solved(i, seed=5)
        seen.add(puzzle["wrap"])
        src, out = puzzle["grid"], answer["grid"]
        rows, cols = len(src), len(src[0])
        dr, dc = steps[puzzle["direction"]]
        k = puzzle["shift"]
        kept = 0
        for r in range(rows):
            for c in range(cols):
                if not src[r][c]:
                    continue
                nr, nc = r + dr * k, c + dc * k
                if puzzle["wrap"]:
                    assert out[nr % rows][nc % cols] == src[r][c]
                    kept += 1
                elif 0 <= nr < rows and 0 <= nc < cols:
                    assert out[nr][nc] == src[r][c]
                    kept += 1
        assert kept == sum(1 for row in out for v in row if v)
    assert seen == {True, False}


def test_byte_identical(tmp_path):
    a = build_sample(GID, 11, 5, {"image_size": 128}, tmp_path / "a")
    b = build_sample(GID, 11, 5, {"image_size": 128}, tmp_path / "b")
    for name in a.files:
        assert (a.folder / name).read_bytes() == (b.folder / name).read_bytes(), name


def test_distinct_instances():
    p = params()
    hashes = {param_hash(GID, normalize(TASK.generate(sample_rng(0, i), p))) for i in range(200)}
    assert len(hashes) == 200
