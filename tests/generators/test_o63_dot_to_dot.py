"""Dot to dot: valid samples, every shape recognised from its dots alone, bad answers rejected."""

from __future__ import annotations

import math

import pytest

from generators import build_sample, param_hash, validate_sample
from generators.kit import CheckFailed
from generators.kit.rng import sample_rng
from generators.sample import normalize
from generators.tasks.o63_dot_to_dot import NAMES, TEMPLATES, DotToDot, recognise, segment_distance

GID = "O-63_dot_to_dot"
TASK = DotToDot()


def params(**kw):
    return TASK.spec.resolve_params(kw)


def solved(index, seed=7, **kw):
    p = params(**kw)
    puzzle = normalize(TASK.generate(sample_rng(seed, index), p))
    return puzzle, normalize(TASK.solve(puzzle, p)), p


@pytest.mark.parametrize(("index", "video", "extra"), [(0, True, {}), (1, True, {"max_turn": 45}),
                                                       (2, False, {"max_turn": 0}), (3, False, {})])  # fmt: skip
def test_samples_validate(tmp_path, index, video, extra):
    res = build_sample(GID, 3, index, {"image_size": 128, "video": video, **extra}, tmp_path)
    assert validate_sample(res.folder) == []


def test_checker_accepts_solver_answers():
    for i in range(20):
        puzzle, answer, p = solved(i, max_turn=5 * (i % 10))
        TASK.check(puzzle, answer, p)


def test_checker_rejects_corrupted_answers():
    puzzle, answer, p = solved(4)
    same_size = [n for n in NAMES if n != answer["shape"]]
    with pytest.raises(CheckFailed):
        TASK.check(puzzle, {**answer, "shape": same_size[0]}, p)
    path = answer["path"]
    with pytest.raises(CheckFailed):  # not closed
        TASK.check(puzzle, {**answer, "path": path[:-1]}, p)
    swapped = [path[0], path[2], path[1], *path[3:]]
    with pytest.raises(CheckFailed):  # dots 2 and 3 out of order
        TASK.check(puzzle, {**answer, "path": swapped}, p)


def test_every_shape_is_recognised_under_any_pose():
    """Each outline, turned, mirrored, scaled and renumbered, is recognised as itself."""
    for k, (name, pts) in enumerate(TEMPLATES.items()):
        for turn, flip, start in ((0.3, 1, 0), (-0.6, -1, 3), (1.2, 1, 5)):
            c, s = math.cos(turn), math.sin(turn)
            dots = [(400 + 300 * (flip * x * c - y * s), 500 + 300 * (flip * x * s + y * c))
                    for x, y in pts]  # fmt: skip
            dots = dots[start:] + dots[:start]
            if k % 2:
                dots = dots[::-1]
            assert recognise(dots) == name


def test_all_shapes_appear_and_numbers_stay_clear():
    seen = set()
    for i in range(60):
        puzzle, answer, _ = solved(i, seed=5)
        seen.add(answer["shape"])
        dots = puzzle["dots"]
        edges = list(zip(dots, dots[1:] + dots[:1]))
        for lab in puzzle["labels"]:
            assert all(segment_distance(lab, a, b) >= 28 for a, b in edges)
            assert all(math.dist(lab, d) >= 30 for d in dots)
            assert 60 <= lab[0] <= 940 and 150 <= lab[1] <= 945
    assert seen == set(NAMES)


def test_byte_identical(tmp_path):
    a = build_sample(GID, 11, 5, {"image_size": 128}, tmp_path / "a")
    b = build_sample(GID, 11, 5, {"image_size": 128}, tmp_path / "b")
    for name in a.files:
        assert (a.folder / name).read_bytes() == (b.folder / name).read_bytes(), name


def test_distinct_instances():
    p = params()
    hashes = {param_hash(GID, normalize(TASK.generate(sample_rng(0, i), p))) for i in range(200)}
    assert len(hashes) == 200
