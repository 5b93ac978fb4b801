"""G-35 rigid spin: one rate for the whole body, hours and metres re-derived, and the rate
measured from the decoded video."""

from __future__ import annotations

import math

import numpy as np
import pytest

from generators.kit import NAMED, CheckFailed
from generators.tasks.g35_rigid_spin import PIVOT

from .conftest import Gen
from .decoded import centroid, decoded_sample, frame_time

GEN = Gen("G-35_rigid_spin", seed=4)


@pytest.mark.parametrize(("index", "video", "kw"), [
    (0, True, {}), (1, False, {"parts": 5}), (2, False, {"parts": 2, "max_rate": 15}),
    (3, False, {"parts": 4, "max_seconds": 2}),
])  # fmt: skip
def test_samples_validate(tmp_path, index, video, kw):
    GEN.assert_valid(tmp_path, index, video, **kw)


def test_checker_accepts_solver_answers():
    GEN.assert_solves(range(30), vary=lambda i: {"parts": 2 + i % 4})


def test_positions_by_hand():
    puzzle = {"rate": 45, "direction": "counter-clockwise", "seconds": 2, "parts": [
        {"color": "red", "shape": "circle", "ring": 2, "hour": 12},  # -90: 9 o'clock
        {"color": "blue", "shape": "star", "ring": 3, "hour": 5},  # 150 - 90 = 60: 2
    ]}  # fmt: skip
    answer = GEN.solve(puzzle, GEN.params())
    assert answer["turn_degrees"] == -90
    assert [p["hour"] for p in answer["parts"]] == [9, 2]
    assert answer["parts"][0]["end"] == [-2.0, 0.0]
    assert answer["parts"][1]["end"] == pytest.approx([3 * math.sin(math.pi / 3), 1.5])


def test_checker_rejects_corrupted_answers():
    """One corruption per rubric fact: the turn (a wrong rate, direction or time), a part's
    hour, its end point (off its circle, or a body that is not rigid), and the order."""
    puzzle, answer, p = GEN.instance(3)
    flipped = "clockwise" if puzzle["direction"] != "clockwise" else "counter-clockwise"
    for changed in ({"rate": puzzle["rate"] + 15}, {"direction": flipped},
                    {"seconds": puzzle["seconds"] + 2}):  # fmt: skip
        with pytest.raises(CheckFailed, match="turn"):
            GEN.check(puzzle, GEN.solve({**puzzle, **changed}, p), p)
    parts = answer["parts"]
    bad_hour = [{**parts[0], "hour": parts[0]["hour"] % 12 + 1}, *parts[1:]]
    off_ring = [{**parts[0], "end": [2 * v for v in parts[0]["end"]]}, *parts[1:]]
    # each part turned by its own amount: every end on its circle, the body not rigid
    x, y = parts[0]["end"]
    twisted = [{**parts[0], "end": [y, -x]}, *parts[1:]]
    for match, bad in (("hour", bad_hour), ("elsewhere", off_ring), ("elsewhere", twisted),
                       ("out of order", parts[::-1])):  # fmt: skip
        with pytest.raises(CheckFailed, match=match):
            GEN.check(puzzle, {**answer, "parts": bad}, p)


def test_rate_measured_from_the_decoded_video_is_the_stated_one(tmp_path):
    """Each part's angle about the pivot, from the centroid of its colour in every decoded
    frame, grows linearly at the stated rate (within 1%), and its distance from the pivot
    stays its circle's radius."""
    fps = 16
    meta, frames = decoded_sample(GEN.id, tmp_path, 6, seed=GEN.seed, fps=fps)
    puzzle = meta["puzzle"]
    sign = 1 if puzzle["direction"] == "clockwise" else -1
    moving = range(round(0.5 * fps) - 1, round(0.5 * fps) + puzzle["seconds"] * fps)
    for part in puzzle["parts"]:
        ts, angles, radii = [], [], []
        for i in moving:
            x, y = centroid(frames[i], NAMED[part["color"]], tol=40)
            ts.append(frame_time(i, fps))
            angles.append(math.atan2(x - PIVOT[0], PIVOT[1] - y))
            radii.append(math.dist((x, y), PIVOT))
        slope = math.degrees(np.polyfit(ts, np.unwrap(angles), 1)[0])
        assert slope == pytest.approx(sign * puzzle["rate"], rel=0.01), part
        assert np.std(radii) < 2.0


def test_level_5_turns_more_parts_further_than_level_1():
    def work(level):
        puzzles = [GEN.puzzle(i, difficulty=level) for i in range(30)]
        parts = sum(len(p["parts"]) for p in puzzles) / 30
        turn = sum(p["rate"] * p["seconds"] for p in puzzles) / 30
        return parts, turn

    (p1, t1), (p5, t5) = work(1), work(5)
    assert p5 >= p1 + 2 and t5 > 3 * t1


def test_byte_identical(tmp_path):
    GEN.assert_byte_identical(tmp_path)


def test_render_params_ignored():
    GEN.assert_render_params_ignored()


def test_distinct_instances():
    GEN.assert_distinct(seeds=(0, 7))
