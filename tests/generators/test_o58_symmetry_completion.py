"""Symmetry completion: valid samples, symmetric answers on every axis, bad answers rejected."""

from __future__ import annotations

import pytest

from generators.kit import CheckFailed

from .conftest import Gen

GEN = Gen("O-58_symmetry_completion", seed=7)


@pytest.mark.parametrize(("index", "video", "extra"), [(0, True, {"axes": "diagonal"}),
                                                       (1, True, {"axes": "straight"}),
                                                       (2, False, {"min_size": 10, "max_size": 10}),
                                                       (3, False, {"min_size": 4, "max_size": 4})])  # fmt: skip
def test_samples_validate(tmp_path, index, video, extra):
    GEN.assert_valid(tmp_path, index, video, seed=3, **extra)


def test_checker_accepts_solver_answers():
    GEN.assert_solves(vary=lambda i: dict(min_size=4 + i % 7, max_size=4 + i % 7))


def test_checker_rejects_corrupted_answers():
    puzzle, answer, p = GEN.instance(4)
    with pytest.raises(CheckFailed):  # nothing completed
        GEN.check(puzzle, {"grid": puzzle["grid"], "order": []}, p)
    n = len(puzzle["grid"])
    r, c = answer["order"][0]
    grid = [row[:] for row in answer["grid"]]
    grid[r][c] = "pink" if grid[r][c] != "pink" else "blue"
    with pytest.raises(CheckFailed):  # one mirrored cell recoloured
        GEN.check(puzzle, {**answer, "grid": grid}, p)
    full = [["blue"] * n for _ in range(n)]
    with pytest.raises(CheckFailed):  # symmetric but overwrites the givens
        GEN.check(puzzle, {"grid": full, "order": answer["order"]}, p)
    with pytest.raises(CheckFailed, match="fill order"):  # one added cell never filled in
        GEN.check(puzzle, {**answer, "order": answer["order"][1:]}, p)
    with pytest.raises(CheckFailed):
        GEN.check(puzzle, {**answer, "order": answer["order"][1:]}, p)


def test_answers_are_symmetric_on_every_axis():
    """Reflect the final grid with numpy-free index arithmetic per axis: it maps onto itself."""
    flips = {
        "vertical": lambda g: [row[::-1] for row in g],
        "horizontal": lambda g: g[::-1],
        "diagonal": lambda g: [list(col) for col in zip(*g)],
        "antidiagonal": lambda g: [list(col) for col in zip(*g[::-1])][::-1],
    }
    seen = set()
    for i in range(40):
        puzzle, answer, _ = GEN.instance(i, seed=9)
        seen.add(puzzle["axis"])
        out = answer["grid"]
        assert flips[puzzle["axis"]](out) == out
        given = sum(1 for row in puzzle["grid"] for v in row if v)
        assert sum(1 for row in out for v in row if v) == given + len(answer["order"])
    assert seen == set(flips)


def test_level_five_has_more_cells_to_mirror_than_level_one():
    def added(level):
        return sum(len(GEN.instance(i, difficulty=level)[1]["order"]) for i in range(12)) / 12

    assert added(5) >= 3 * added(1)


def test_byte_identical(tmp_path):
    GEN.assert_byte_identical(tmp_path, seed=11, index=5)


def test_distinct_instances():
    GEN.assert_distinct()
