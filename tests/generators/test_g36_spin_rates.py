"""G-36 spin rates: constant rates, hours on the dial, and the rates measured from video."""

from __future__ import annotations

import math

import numpy as np
import pytest

from generators import build_sample
from generators.kit import CheckFailed
from generators.kit.video import OPENING_S, read_frames
from generators.tasks.g36_spin_rates import centres, pointer_colour, radius

from .conftest import Gen

GEN = Gen("G-36_spin_rates", seed=4)


@pytest.mark.parametrize(("index", "video", "kw"), [
    (0, True, {}), (1, False, {"wheels": 5}), (2, False, {"wheels": 2, "max_rate": 30}),
    (3, False, {"wheels": 4, "max_seconds": 2}),
])  # fmt: skip
def test_samples_validate(tmp_path, index, video, kw):
    GEN.assert_valid(tmp_path, index, video, **kw)


def test_checker_accepts_solver_answers():
    GEN.assert_solves(range(30), vary=lambda i: {"wheels": 2 + i % 4})


def test_hours_by_hand():
    puzzle = {"seconds": 3, "wheels": [
        {"color": "red", "start": 0, "rate": 90, "direction": "clockwise"},  # 270: 9 o'clock
        {"color": "blue", "start": 90, "rate": 150, "direction": "counter-clockwise"},  # 90 - 450
        {"color": "green", "start": 330, "rate": 30, "direction": "clockwise"},  # 420: 2
    ]}  # fmt: skip
    answer = GEN.solve(puzzle, GEN.params())
    assert [w["hour"] for w in answer["wheels"]] == [9, 12, 2]
    assert [w["turns"] for w in answer["wheels"]] == [0.75, 1.25, 0.25]


def rerun(puzzle, **changed):
    """The answer of the same puzzle with every wheel changed as given (a wrong law)."""
    wheels = [{**w, **{k: f(w) for k, f in changed.items()}} for w in puzzle["wheels"]]
    return GEN.solve({**puzzle, "wheels": wheels}, GEN.params())


def test_checker_rejects_corrupted_answers():
    """One corruption per rubric fact: the turns (a wrong rate), the final hour and angle (a
    wrong direction or time), and the wheel order."""
    puzzle, answer, p = GEN.instance(3)
    wrong = [
        ("turns", rerun(puzzle, rate=lambda w: w["rate"] + 30)),
        ("angle|turns", rerun(puzzle, direction=lambda w: "clockwise"
                              if w["direction"] != "clockwise" else "counter-clockwise")),
        ("angle|turns", GEN.solve({**puzzle, "seconds": puzzle["seconds"] + 1}, p)),
        ("out of order", {"wheels": answer["wheels"][::-1]}),
    ]  # fmt: skip
    for match, bad in wrong:
        if bad != answer:
            with pytest.raises(CheckFailed, match=match):
                GEN.check(puzzle, bad, p)
    hours = [{**w, "hour": w["hour"] % 12 + 1} for w in answer["wheels"]]
    with pytest.raises(CheckFailed, match="hour"):
        GEN.check(puzzle, {"wheels": hours}, p)


def test_rates_measured_from_the_decoded_video_are_the_stated_ones(tmp_path):
    """Each pointer's angle, from the centroid of its colour in every decoded frame, grows
    linearly at the stated rate (within 1%)."""
    size, fps = 256, 16
    result = build_sample(GEN.id, GEN.seed, 6, {"image_size": size, "fps": fps}, tmp_path)
    puzzle = GEN.puzzle(6)
    frames = list(read_frames(result.folder / "ground_truth.mp4"))
    hold = round(OPENING_S * fps)
    moving = frames[hold - 1 : hold + puzzle["seconds"] * fps]
    scale = size / 1000
    r = radius(len(puzzle["wheels"]))
    yy, xx = np.mgrid[0:size, 0:size]
    for wheel, (cx, cy) in zip(puzzle["wheels"], centres(len(puzzle["wheels"]))):
        inside = (xx - cx * scale) ** 2 + (yy - cy * scale) ** 2 < (0.9 * r * scale) ** 2
        colour = np.array(pointer_colour(wheel["color"]), dtype=float)
        angles = []
        for f in moving:
            near = (np.abs(f.astype(float) - colour).sum(axis=2) < 60) & inside
            # pixel i covers [i, i + 1): its centre is at i + 0.5
            px = (xx[near].mean() + 0.5) / scale - cx
            py = (yy[near].mean() + 0.5) / scale - cy
            angles.append(math.degrees(math.atan2(px, -py)))
        turned = np.unwrap(np.radians(angles))
        t = np.arange(len(turned)) / fps
        slope = math.degrees(np.polyfit(t, turned, 1)[0])
        sign = 1 if wheel["direction"] == "clockwise" else -1
        assert slope == pytest.approx(sign * wheel["rate"], rel=0.01), wheel


def test_level_5_turns_more_wheels_further_than_level_1():
    def work(level):
        puzzles = [GEN.puzzle(i, difficulty=level) for i in range(30)]
        wheels = sum(len(p["wheels"]) for p in puzzles) / 30
        turns = sum(w["rate"] * p["seconds"] / 360 for p in puzzles for w in p["wheels"]) / 30
        return wheels, turns

    (w1, t1), (w5, t5) = work(1), work(5)
    assert w5 >= w1 + 2 and t5 > 3 * t1


def test_byte_identical(tmp_path):
    GEN.assert_byte_identical(tmp_path)


def test_render_params_ignored():
    GEN.assert_render_params_ignored()


def test_distinct_instances():
    GEN.assert_distinct(seeds=(0, 7))
