"""Symmetry completion: valid samples, symmetric answers on every axis, bad answers rejected."""

from __future__ import annotations

import pytest

from generators import build_sample, param_hash, validate_sample
from generators.kit import CheckFailed
from generators.kit.rng import sample_rng
from generators.sample import normalize
from generators.tasks.o58_symmetry_completion import SymmetryCompletion

GID = "O-58_symmetry_completion"
TASK = SymmetryCompletion()


def params(**kw):
    return TASK.spec.resolve_params(kw)


def solved(index, seed=7, **kw):
    p = params(**kw)
    puzzle = normalize(TASK.generate(sample_rng(seed, index), p))
    return puzzle, normalize(TASK.solve(puzzle, p)), p


@pytest.mark.parametrize(("index", "video", "extra"), [(0, True, {"axes": "diagonal"}),
                                                       (1, True, {"axes": "straight"}),
                                                       (2, False, {"min_size": 10, "max_size": 10}),
                                                       (3, False, {"min_size": 4, "max_size": 4})])  # fmt: skip
def test_samples_validate(tmp_path, index, video, extra):
    res = build_sample(GID, 3, index, {"image_size": 128, "video": video, **extra}, tmp_path)
    assert validate_sample(res.folder) == []


def test_checker_accepts_solver_answers():
    for i in range(20):
        puzzle, answer, p = solved(i, min_size=4 + i % 7, max_size=4 + i % 7)
        TASK.check(puzzle, answer, p)


def test_checker_rejects_corrupted_answers():
    puzzle, answer, p = solved(4)
    with pytest.raises(CheckFailed):  # nothing completed
        TASK.check(puzzle, {"grid": puzzle["grid"], "order": []}, p)
    n = len(puzzle["grid"])
    r, c = answer["order"][0]
    grid = [row[:] for row in answer["grid"]]
    grid[r][c] = "pink" if grid[r][c] != "pink" else "blue"
    with pytest.raises(CheckFailed):  # one mirrored cell recoloured
        TASK.check(puzzle, {**answer, "grid": grid}, p)
    full = [["blue"] * n for _ in range(n)]
    with pytest.raises(CheckFailed):  # symmetric but overwrites the givens
        TASK.check(puzzle, {"grid": full, "order": answer["order"]}, p)
    with pytest.raises(CheckFailed):
        TASK.check(puzzle, {**answer, "order": answer["order"][1:]}, p)


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
        puzzle, answer, _ = solved(i, seed=9)
        seen.add(puzzle["axis"])
        out = answer["grid"]
        assert flips[puzzle["axis"]](out) == out
        given = sum(1 for row in puzzle["grid"] for v in row if v)
        assert sum(1 for row in out for v in row if v) == given + len(answer["order"])
    assert seen == set(flips)


def test_byte_identical(tmp_path):
    a = build_sample(GID, 11, 5, {"image_size": 128}, tmp_path / "a")
    b = build_sample(GID, 11, 5, {"image_size": 128}, tmp_path / "b")
    for name in a.files:
        assert (a.folder / name).read_bytes() == (b.folder / name).read_bytes(), name


def test_distinct_instances():
    p = params()
    hashes = {param_hash(GID, normalize(TASK.generate(sample_rng(0, i), p))) for i in range(200)}
    assert len(hashes) == 200
