"""O-101 seesaw tipping: moments recomputed by the checker, each rubric fact corrupted and
rejected, the tilt measured in the decoded video (level at first, down on the side with the
larger moment at the end), and level 5 harder than level 1."""

from __future__ import annotations

import math

import numpy as np
import pytest

from generators.kit import CheckFailed
from generators.tasks.o101_seesaw_tipping import PLANK, TIP

from .conftest import VALIDATE, Gen
from .decoded import decoded_sample

GEN = Gen("O-101_seesaw_tipping", seed=3)


@pytest.mark.parametrize(("index", "video", "kw"), VALIDATE)
def test_samples_validate(tmp_path, index, video, kw):
    GEN.assert_valid(tmp_path, index, video, **kw)


def test_checker_accepts_solver_answers():
    GEN.assert_solves(range(30), vary=lambda i: {"difficulty": 1 + i % 5})


def test_moments_by_hand():
    puzzle = {"weights": [["left", 2, 5], ["left", 4, 1], ["right", 1, 9]]}
    assert GEN.solve(puzzle, GEN.params()) == {"left": 14, "right": 9, "down": "left",
                                                "difference": 5}  # fmt: skip


def test_checker_rejects_corrupted_answers():
    """One corruption per rubric fact: each side's moment, the difference, the side that
    goes down; and answers that count kilograms instead of kg m."""
    puzzle, answer, p = GEN.instance(4)
    up = "right" if answer["down"] == "left" else "left"
    kg = {s: sum(m for side, _, m in puzzle["weights"] if side == s) for s in ("left", "right")}
    wrong = [
        ("left side", {**answer, "left": answer["left"] + 1}),
        ("right side", {**answer, "right": answer["right"] - 1}),
        ("differ", {**answer, "difference": answer["difference"] + 2}),
        ("other side", {**answer, "down": up}),
        ("moment", {**answer, **kg}),
    ]
    for match, bad in wrong:
        with pytest.raises(CheckFailed, match=match):
            GEN.check(puzzle, bad, p)


def plank_angle(frame: np.ndarray) -> float:
    """The plank's tilt in degrees (positive: left end down), fitted to its brown pixels."""
    near = np.abs(frame.astype(int) - np.array(PLANK)).sum(axis=2) < 60
    rows, cols = np.nonzero(near)
    return -math.degrees(math.atan(np.polyfit(cols, rows, 1)[0]))


def test_the_decoded_plank_starts_level_and_tips_to_the_larger_moment(tmp_path):
    meta, frames = decoded_sample(GEN.id, tmp_path, 1, seed=5)
    first, last = plank_angle(frames[0]), plank_angle(frames[-1])
    assert abs(first) < 0.2, first
    sign = 1 if meta["answer"]["down"] == "left" else -1
    assert last * sign == pytest.approx(TIP, abs=0.4)


def test_level_5_has_more_weights_and_misleads():
    def stats(level):
        puzzles = [GEN.puzzle(i, difficulty=level) for i in range(20)]
        weights = sum(len(p["weights"]) for p in puzzles) / 20
        misled = 0
        for p in puzzles:
            kg = {s: sum(m for side, _, m in p["weights"] if side == s) for s in ("left", "right")}
            down = GEN.solve(p, GEN.params())["down"]
            misled += kg[down] < max(kg.values())
        return weights, misled

    (w1, m1), (w5, m5) = stats(1), stats(5)
    assert w5 >= w1 + 4 and m5 == 20 and m1 < 10


def test_byte_identical(tmp_path):
    GEN.assert_byte_identical(tmp_path)


def test_render_params_ignored():
    GEN.assert_render_params_ignored()


def test_distinct_instances():
    GEN.assert_distinct(seeds=(0, 7))
