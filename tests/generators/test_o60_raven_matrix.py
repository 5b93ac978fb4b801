"""Raven matrix: valid samples, a brute-force proof that exactly one picture fits."""

from __future__ import annotations

import itertools

import pytest

from generators import build_sample, param_hash, validate_sample
from generators.kit import CheckFailed
from generators.kit.rng import sample_rng
from generators.sample import normalize
from generators.tasks.o60_raven_matrix import COLORS, MAX_COUNT, SHAPES, RavenMatrix

GID = "O-60_raven_matrix"
TASK = RavenMatrix()
SIDES = {"triangle": 3, "square": 4, "pentagon": 5, "hexagon": 6}


def params(**kw):
    return TASK.spec.resolve_params(kw)


def solved(index, seed=7, **kw):
    p = params(**kw)
    puzzle = normalize(TASK.generate(sample_rng(seed, index), p))
    return puzzle, normalize(TASK.solve(puzzle, p)), p


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
    res = build_sample(GID, 3, index, {"image_size": 128, "video": video, **extra}, tmp_path)
    assert validate_sample(res.folder) == []


def test_checker_accepts_solver_answers():
    for i in range(20):
        puzzle, answer, p = solved(i, varying=1 + i % 3)
        TASK.check(puzzle, answer, p)


def test_checker_rejects_corrupted_answers():
    puzzle, answer, p = solved(4)
    other_color = next(c for c in COLORS if c != answer["color"])
    with pytest.raises(CheckFailed):
        TASK.check(puzzle, {**answer, "color": other_color}, p)
    with pytest.raises(CheckFailed):
        TASK.check(puzzle, {**answer, "count": answer["count"] % MAX_COUNT + 1}, p)
    other_shape = next(s for s in SHAPES if s != answer["shape"])
    with pytest.raises(CheckFailed):
        TASK.check(puzzle, {**answer, "shape": other_shape}, p)
    with pytest.raises(CheckFailed):
        TASK.check(puzzle, {"shape": answer["shape"], "count": answer["count"]}, p)


def test_exactly_one_picture_fits():
    """Try all 288 pictures in the gap: only the answer makes every row obey the rules."""
    for i in range(25):
        puzzle, answer, _ = solved(i, seed=13, varying=1 + i % 3)
        assert fitting_pictures(puzzle) == [answer]


def test_byte_identical(tmp_path):
    a = build_sample(GID, 11, 5, {"image_size": 128}, tmp_path / "a")
    b = build_sample(GID, 11, 5, {"image_size": 128}, tmp_path / "b")
    for name in a.files:
        assert (a.folder / name).read_bytes() == (b.folder / name).read_bytes(), name


def test_distinct_instances():
    p = params()
    hashes = {param_hash(GID, normalize(TASK.generate(sample_rng(0, i), p))) for i in range(200)}
    assert len(hashes) == 200
