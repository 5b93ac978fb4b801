"""Majority colour: valid samples, a unique winner by the requested margin, bad answers rejected."""

from __future__ import annotations

from collections import Counter

import pytest

from generators import build_sample, param_hash, validate_sample
from generators.kit import CheckFailed
from generators.kit.rng import sample_rng
from generators.sample import normalize
from generators.tasks.o62_majority_color import AREA, RADIUS, MajorityColor

GID = "O-62_majority_color"
TASK = MajorityColor()


def params(**kw):
    return TASK.spec.resolve_params(kw)


def solved(index, seed=7, **kw):
    p = params(**kw)
    puzzle = normalize(TASK.generate(sample_rng(seed, index), p))
    return puzzle, normalize(TASK.solve(puzzle, p)), p


@pytest.mark.parametrize(("index", "video", "extra"), [(0, True, {}),
                                                       (1, True, {"max_objects": 40, "max_colors": 6}),
                                                       (2, False, {"max_objects": 12, "max_colors": 3}),
                                                       (3, False, {"margin": 5})])  # fmt: skip
def test_samples_validate(tmp_path, index, video, extra):
    res = build_sample(GID, 3, index, {"image_size": 128, "video": video, **extra}, tmp_path)
    assert validate_sample(res.folder) == []


def test_checker_accepts_solver_answers():
    for i in range(20):
        puzzle, answer, p = solved(i, max_colors=3 + i % 4, margin=1 + i % 3)
        TASK.check(puzzle, answer, p)


def test_checker_rejects_corrupted_answers():
    puzzle, answer, p = solved(4)
    loser = next(c for c in puzzle["colors"] if c != answer["color"])
    with pytest.raises(CheckFailed):
        TASK.check(puzzle, {**answer, "color": loser}, p)
    counts = {**answer["counts"], loser: answer["counts"][loser] + 1}
    with pytest.raises(CheckFailed):
        TASK.check(puzzle, {**answer, "counts": counts}, p)
    tie = {**puzzle, "objects": [o for o in puzzle["objects"] if o["color"] != answer["color"]]}
    objs = [o for o in puzzle["objects"] if o["color"] == answer["color"]]
    runner = max(v for c, v in answer["counts"].items() if c != answer["color"])
    tie["objects"] += objs[:runner]  # the winner cut down to a tie
    with pytest.raises(CheckFailed, match="more than one"):
        TASK.check(tie, normalize(TASK.solve(tie, p)), p)


def test_winner_is_unique_by_margin_and_shapes_fit():
    for i in range(40):
        margin = 1 + i % 5
        puzzle, answer, _ = solved(i, seed=3, margin=margin)
        counts = Counter(o["color"] for o in puzzle["objects"]).most_common()
        assert counts[0][0] == answer["color"] and counts[0][1] - counts[1][1] >= margin
        for o in puzzle["objects"]:
            assert AREA[0] + RADIUS <= o["x"] <= AREA[2] - RADIUS
            assert AREA[1] + RADIUS <= o["y"] <= AREA[3] - RADIUS


def test_byte_identical(tmp_path):
    a = build_sample(GID, 11, 5, {"image_size": 128}, tmp_path / "a")
    b = build_sample(GID, 11, 5, {"image_size": 128}, tmp_path / "b")
    for name in a.files:
        assert (a.folder / name).read_bytes() == (b.folder / name).read_bytes(), name


def test_distinct_instances():
    p = params()
    hashes = {param_hash(GID, normalize(TASK.generate(sample_rng(0, i), p))) for i in range(200)}
    assert len(hashes) == 200
