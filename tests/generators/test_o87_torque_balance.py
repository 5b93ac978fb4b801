"""O-87 torque balance: moments recomputed, the one balancing weight and hook proven by
trying every pair, each rubric fact corrupted and rejected, the beam's tilt measured in
the decoded video (down on the heavier side at first, level at the end), level 5 hangs more
weights and offers more choices than level 1."""

from __future__ import annotations

import copy
import json
import math

import numpy as np
import pytest

from generators import build_sample
from generators.kit import CheckFailed
from generators.kit.video import read_frames
from generators.tasks.o87_torque_balance import BEAM, TILT

from .conftest import VALIDATE, Gen

GEN = Gen("O-87_torque_balance", seed=3)


@pytest.mark.parametrize(("index", "video", "kw"), VALIDATE)
def test_samples_validate(tmp_path, index, video, kw):
    GEN.assert_valid(tmp_path, index, video, **kw)


def test_checker_accepts_solver_answers():
    GEN.assert_solves(range(15), vary=lambda i: {"difficulty": 1 + i % 5})


def beam_angle(frame: np.ndarray) -> float:
    """The beam's tilt in degrees (positive: left end down), fitted to its brown pixels."""
    near = np.abs(frame.astype(int) - np.array(BEAM)).sum(axis=2) < 60
    rows, cols = np.nonzero(near)
    slope = np.polyfit(cols, rows, 1)[0]
    return -math.degrees(math.atan(slope))


def test_the_decoded_video_tilts_toward_the_heavier_side_then_levels(tmp_path):
    result = build_sample(GEN.id, 5, 1, {"image_size": 256}, tmp_path)
    answer = json.loads((result.folder / "metadata.json").read_text())["answer"]
    frames = list(read_frames(result.folder / "ground_truth.mp4"))
    first, last = beam_angle(frames[0]), beam_angle(frames[-1])
    assert math.copysign(1, first) == (1 if answer["left"] > answer["right"] else -1)
    assert abs(abs(first) - TILT) < 0.3, first
    assert abs(last) < 0.2, last


def hang_another_weight(puzzle, answer):
    answer["mass"] = next(m for m in puzzle["tray"] if m != answer["mass"])


def hang_on_another_hook(answer):
    answer["hook"] = answer["hook"] % 6 + 1


def hang_on_the_other_side(answer):
    answer["side"] = "left" if answer["side"] == "right" else "right"


def misstate_the_moments(answer):
    answer["left"] += 1


def misstate_the_balance(answer):
    answer["balanced"] += 2


@pytest.mark.parametrize(("corrupt", "reason"), [
    (hang_another_weight, "moments are"), (hang_on_another_hook, "moments are|free hook"),
    (hang_on_the_other_side, "moments are|free hook"), (misstate_the_moments, "before"),
    (misstate_the_balance, "ends at"),
])  # fmt: skip
def test_checker_rejects_each_wrong_fact(corrupt, reason):
    puzzle, answer, p = GEN.instance(4)
    bad = copy.deepcopy(answer)
    corrupt(*((puzzle, bad) if corrupt.__code__.co_argcount == 2 else (bad,)))
    with pytest.raises(CheckFailed, match=reason):
        GEN.check(puzzle, bad, p)


def test_checker_rejects_a_tray_with_two_ways_to_balance():
    puzzle = {"weights": [["left", 4, 3]], "tray": [2, 6]}  # 12 kg m: 2 kg at 6 or 6 kg at 2
    answer = {"side": "right", "hook": 6, "mass": 2, "left": 12, "right": 0, "balanced": 12}
    with pytest.raises(CheckFailed, match="more than one"):
        GEN.check(puzzle, answer, GEN.params())
    GEN.check({**puzzle, "tray": [2, 5]}, answer, GEN.params())


def test_level_5_hangs_more_weights_and_offers_more_choices():
    easy = [GEN.puzzle(i, difficulty=1) for i in range(5)]
    hard = [GEN.puzzle(i, difficulty=5) for i in range(5)]
    assert all(len(p["weights"]) == 2 and len(p["tray"]) == 2 for p in easy)
    assert all(len(p["weights"]) == 5 and len(p["tray"]) == 5 for p in hard)


def test_byte_identical(tmp_path):
    GEN.assert_byte_identical(tmp_path)


def test_render_params_ignored():
    GEN.assert_render_params_ignored()


def test_distinct_instances():
    GEN.assert_distinct(n=200, seeds=(0, 2024))
