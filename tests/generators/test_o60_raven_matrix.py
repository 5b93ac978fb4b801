"""Raven matrix: valid samples, a brute-force proof that exactly one picture fits."""

from __future__ import annotations

import itertools
import math

import pytest

from generators.kit import CheckFailed
from generators.tasks.o60_raven_matrix import COLORS, MAX_COUNT, SHAPE_GAP, SHAPES, layout

from .conftest import Gen

GEN = Gen("O-60_raven_matrix", seed=7)
SIDES = {"triangle": 3, "square": 4, "pentagon": 5, "hexagon": 6}


def follows_a_rule(rows, number=None):
    """Do three complete rows of values obey one row rule (constant, progression, distribute)?"""
    if all(len(set(r)) == 1 for r in rows):
        return True
    if all(len(set(r)) == 3 for r in rows) and len({frozenset(r) for r in rows}) == 1:
        return True
    if number is not None and all(v in number for r in rows for v in r):
        diffs = {(number[r[1]] - number[r[0]], number[r[2]] - number[r[1]]) for r in rows}
        return len(diffs) == 1 and len({*next(iter(diffs))}) == 1 and 0 not in next(iter(diffs))
    return False


def fitting_pictures(puzzle):
    fits = []
    for shape, count, color in itertools.product(SHAPES, range(1, MAX_COUNT + 1), COLORS):
        guess = {"shape": shape, "count": count, "color": color}
        cells = [[guess if c is None else c for c in row] for row in puzzle["cells"]]
        rows = {a: [[c[a] for c in row] for row in cells] for a in guess}
        if (follows_a_rule(rows["shape"], SIDES)
                and follows_a_rule(rows["count"], {n: n for n in range(1, MAX_COUNT + 1)})
                and follows_a_rule(rows["color"])):  # fmt: skip
            fits.append(guess)
    return fits


@pytest.mark.parametrize(("index", "video", "extra"), [(0, True, {}), (1, True, {"varying": 3}),
                                                       (2, False, {"varying": 1}), (3, False, {})])  # fmt: skip
def test_samples_validate(tmp_path, index, video, extra):
    GEN.assert_valid(tmp_path, index, video, seed=3, **extra)


def test_checker_accepts_solver_answers():
    GEN.assert_solves(vary=lambda i: dict(difficulty=1 + i % 5))


def test_checker_rejects_corrupted_answers():
    puzzle, answer, p = GEN.instance(4)
    other_color = next(c for c in COLORS if c != answer["color"])
    with pytest.raises(CheckFailed):
        GEN.check(puzzle, {**answer, "color": other_color}, p)
    with pytest.raises(CheckFailed):
        GEN.check(puzzle, {**answer, "count": answer["count"] % MAX_COUNT + 1}, p)
    other_shape = next(s for s in SHAPES if s != answer["shape"])
    with pytest.raises(CheckFailed):
        GEN.check(puzzle, {**answer, "shape": other_shape}, p)
    with pytest.raises(CheckFailed):
        GEN.check(puzzle, {"shape": answer["shape"], "count": answer["count"]}, p)


def test_exactly_one_picture_fits():
    """Try all 288 pictures in the gap: only the answer makes every row obey the rules."""
    for i in range(25):
        puzzle, answer, _ = GEN.instance(i, seed=13, varying=1 + i % 3)
        assert fitting_pictures(puzzle) == [answer]


def test_shapes_of_a_picture_never_touch():
    for n in range(1, MAX_COUNT + 1):
        r, spots = layout(n)
        for i, a in enumerate(spots):
            assert all(math.dist(a, b) >= 2 * r + SHAPE_GAP for b in spots[i + 1 :]), n
            assert max(abs(a[0]), abs(a[1])) + r <= 110  # inside the cell's frame


def test_level_five_varies_more_than_level_one():
    def varying(level):
        rules = [GEN.puzzle(i, difficulty=level)["rules"] for i in range(10)]
        return sum(r != "constant" for rs in rules for r in rs.values()) / 10

    assert varying(1) == 1 and varying(5) == 3


def test_byte_identical(tmp_path):
    GEN.assert_byte_identical(tmp_path, seed=11, index=5)


def test_distinct_instances():
    GEN.assert_distinct()
