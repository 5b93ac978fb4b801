"""Majority colour: valid samples, a unique winner by the requested margin, bad answers rejected."""

from __future__ import annotations

from collections import Counter

import pytest

from generators.kit import CheckFailed
from generators.tasks.o62_majority_color import AREA, RADIUS

from .conftest import Gen

GEN = Gen("O-62_majority_color", seed=7)


@pytest.mark.parametrize(("index", "video", "extra"), [(0, True, {}),
                                                       (1, True, {"max_objects": 40, "max_colors": 6}),
                                                       (2, False, {"max_objects": 12, "max_colors": 3}),
                                                       (3, False, {"margin": 5})])  # fmt: skip
def test_samples_validate(tmp_path, index, video, extra):
    GEN.assert_valid(tmp_path, index, video, seed=3, **extra)


def test_checker_accepts_solver_answers():
    GEN.assert_solves(vary=lambda i: dict(max_colors=3 + i % 4, margin=1 + i % 3))


def test_checker_rejects_corrupted_answers():
    puzzle, answer, p = GEN.instance(4)
    loser = next(c for c in puzzle["colors"] if c != answer["color"])
    with pytest.raises(CheckFailed):
        GEN.check(puzzle, {**answer, "color": loser}, p)
    counts = {**answer["counts"], loser: answer["counts"][loser] + 1}
    with pytest.raises(CheckFailed):
        GEN.check(puzzle, {**answer, "counts": counts}, p)
    tie = {**puzzle, "objects": [o for o in puzzle["objects"] if o["color"] != answer["color"]]}
    objs = [o for o in puzzle["objects"] if o["color"] == answer["color"]]
    runner = max(v for c, v in answer["counts"].items() if c != answer["color"])
    tie["objects"] += objs[:runner]  # the winner cut down to a tie
    with pytest.raises(CheckFailed, match="more than one"):
        GEN.check(tie, GEN.solve(tie, p), p)


def test_winner_is_unique_by_margin_and_shapes_fit():
    for i in range(40):
        margin = 1 + i % 5
        puzzle, answer, _ = GEN.instance(i, seed=3, margin=margin)
        counts = Counter(o["color"] for o in puzzle["objects"]).most_common()
        assert counts[0][0] == answer["color"] and counts[0][1] - counts[1][1] >= margin
        for o in puzzle["objects"]:
            assert AREA[0] + RADIUS <= o["x"] <= AREA[2] - RADIUS
            assert AREA[1] + RADIUS <= o["y"] <= AREA[3] - RADIUS


def test_level_five_has_more_shapes_and_colours_than_level_one():
    def mean(level, key):
        return sum(key(GEN.puzzle(i, difficulty=level)) for i in range(12)) / 12

    assert mean(5, lambda p: len(p["objects"])) >= 2.5 * mean(1, lambda p: len(p["objects"]))
    assert mean(5, lambda p: len(p["colors"])) > mean(1, lambda p: len(p["colors"])) + 1


def test_byte_identical(tmp_path):
    GEN.assert_byte_identical(tmp_path, seed=11, index=5)


def test_distinct_instances():
    GEN.assert_distinct()
