"""Grid shift: valid samples, shifts verified cell by cell, wrap and no-wrap both exercised."""

from __future__ import annotations

import pytest

from generators.kit import CheckFailed

from .conftest import Gen

GEN = Gen("O-57_grid_shift", seed=7)


@pytest.mark.parametrize(("index", "video", "extra"), [(0, True, {"wrap": "wrap"}),
                                                       (1, True, {"wrap": "no_wrap"}),
                                                       (2, False, {"max_size": 8, "max_shift": 4}),
                                                       (3, False, {"max_size": 4})])  # fmt: skip
def test_samples_validate(tmp_path, index, video, extra):
    GEN.assert_valid(tmp_path, index, video, seed=3, **extra)


def test_checker_accepts_solver_answers():
    GEN.assert_solves(vary=lambda i: dict(max_size=4 + i % 5, max_shift=1 + i % 4))


def test_checker_rejects_corrupted_answers():
    puzzle, answer, p = GEN.instance(4)
    with pytest.raises(CheckFailed):  # the unshifted grid
        GEN.check(puzzle, {"grid": puzzle["grid"]}, p)
    flipped = {**puzzle, "wrap": not puzzle["wrap"]}
    with pytest.raises(CheckFailed):  # the answer of the other edge rule
        GEN.check(puzzle, GEN.solve(flipped, p), p)
    grid = [row[:] for row in answer["grid"]]
    grid[0][0] = "" if grid[0][0] else "red"
    with pytest.raises(CheckFailed):
        GEN.check(puzzle, {"grid": grid}, p)
    with pytest.raises(CheckFailed):
        GEN.check(puzzle, {"grid": answer["grid"][:-1]}, p)
    for k in (puzzle["shift"] - 1, puzzle["shift"] + 1):  # shifted the wrong distance
        with pytest.raises(CheckFailed):
            GEN.check(puzzle, GEN.solve({**puzzle, "shift": k}, p), p)
    recoloured = [row[:] for row in answer["grid"]]
    r, c = next((r, c) for r, row in enumerate(recoloured) for c, v in enumerate(row) if v)
    recoloured[r][c] = "blue" if recoloured[r][c] != "blue" else "red"
    with pytest.raises(CheckFailed):  # a colour changed
        GEN.check(puzzle, {"grid": recoloured}, p)


def test_shift_moves_every_cell_by_k():
    """Each coloured cell's new place, computed by coordinates, holds its colour."""
    steps = {"right": (0, 1), "left": (0, -1), "down": (1, 0), "up": (-1, 0)}
    seen = set()
    for i in range(40):
        puzzle, answer, _ = GEN.instance(i, seed=5)
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


def test_level_five_is_harder_than_level_one():
    """Bigger grids shifted farther."""

    def mean(level, key):
        return sum(key(GEN.puzzle(i, difficulty=level)) for i in range(20)) / 20

    def cells(p):
        return len(p["grid"]) * len(p["grid"][0])

    assert mean(5, cells) >= 2 * mean(1, cells)
    assert mean(5, lambda p: p["shift"]) >= 2 * mean(1, lambda p: p["shift"])


def test_byte_identical(tmp_path):
    GEN.assert_byte_identical(tmp_path, seed=11, index=5)


def test_distinct_instances():
    GEN.assert_distinct()
