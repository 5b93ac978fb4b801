"""G-41 rolling race: a = g sin(theta) / (1 + k), measured from the decoded video."""

from __future__ import annotations

import math

import numpy as np
import pytest

from generators import build_sample
from generators.kit import NAMED, CheckFailed
from generators.kit.video import OPENING_S, read_frames
from generators.tasks.g41_rolling_race import KINDS, RollingRace, layout

from .conftest import Gen

GEN = Gen("G-41_rolling_race", seed=2)


@pytest.mark.parametrize(("index", "video", "kw"), [
    (0, True, {}), (1, False, {"racers": 4}), (2, False, {"racers": 2, "distractors": False}),
])  # fmt: skip
def test_samples_validate(tmp_path, index, video, kw):
    GEN.assert_valid(tmp_path, index, video, **kw)


def test_checker_accepts_solver_answers():
    GEN.assert_solves(range(20), vary=lambda i: {"racers": 2 + i % 3})


def test_textbook_order():
    puzzle = {"angle": 30, "length": 2.0, "racers": [
        {"kind": k, "color": "red", "mass": 1.0, "radius": 0.1} for k in KINDS]}  # fmt: skip
    answer = GEN.solve(puzzle, GEN.params())
    assert answer["order"] == ["solid sphere", "solid cylinder", "hollow sphere", "hollow cylinder"]
    assert answer["racers"][3]["acceleration"] == pytest.approx(9.81 * 0.5 / 2, abs=1e-4)


def wrong_law(puzzle, k=None, g=9.81):
    """Answers computed with another I/(m r^2) (k) for every body, or another g."""
    out = []
    for r in puzzle["racers"]:
        a = (
            g
            * math.sin(math.radians(puzzle["angle"]))
            / (1 + (KINDS[r["kind"]] if k is None else k))
        )
        out.append({"kind": r["kind"], "acceleration": round(a, 4),
                    "time": round(math.sqrt(2 * puzzle["length"] / a), 4)})  # fmt: skip
    return out


def test_checker_rejects_corrupted_answers():
    """One corruption per rubric fact: accelerations and times from a slipping slide (k = 0)
    or a wrong g, a time alone, and the finishing order."""
    puzzle, answer, p = GEN.instance(3)
    for bad in (wrong_law(puzzle, k=0.0), wrong_law(puzzle, g=9.0)):
        with pytest.raises(CheckFailed, match="acceleration"):
            GEN.check(puzzle, {**answer, "racers": bad}, p)
    late = [dict(r) for r in answer["racers"]]
    late[0]["time"] *= 1.05
    with pytest.raises(CheckFailed, match="time"):
        GEN.check(puzzle, {**answer, "racers": late}, p)
    with pytest.raises(CheckFailed, match="order"):
        GEN.check(puzzle, {**answer, "order": answer["order"][::-1]}, p)


def test_accelerations_measured_from_the_decoded_video(tmp_path):
    """Each body's centre (the middle of its colour's extent), in the decoded frames before
    it reaches the finish, moves along its lane as s = a t^2 / 2 with
    a = g sin(theta) / (1 + k) (within 1%)."""
    size, fps = 320, 16
    result = build_sample(GEN.id, GEN.seed, 0, {"image_size": size, "fps": fps}, tmp_path)
    puzzle, answer, _ = GEN.instance(0)
    slow = RollingRace.slow(puzzle)
    end = max(a["time"] for a in answer["racers"])
    steps = round(end * slow * fps)  # the film's frames of the race: frame k shows end k / steps
    geo = layout(puzzle)
    frames = list(read_frames(result.folder / "ground_truth.mp4"))
    hold = round(OPENING_S * fps)
    scale = size / 1000
    for i, (r, a) in enumerate(zip(puzzle["racers"], answer["racers"])):
        colour = np.array(NAMED[r["color"]], dtype=float)
        ts, ss = [], []
        for k, f in enumerate(frames[hold - 1 :]):
            t = end * k / steps
            if t > 0.95 * a["time"]:
                break
            near = np.abs(f.astype(float) - colour).sum(axis=2) < 50
            ys, xs = np.nonzero(near)
            # the middle of the colour's extent: the turning spoke and the highlight inside
            # the body take pixels from its colour but never from its outer edge
            cx = (xs.min() + xs.max() + 1) / 2 / scale
            cy = (ys.min() + ys.max() + 1) / 2 / scale
            x0, y0 = geo["starts"][i]
            ts.append(t)
            ss.append(((cx - x0) * geo["u"][0] + (cy - y0) * geo["u"][1]) / geo["scale"])
        measured = 2 * np.polyfit(ts, ss, 2)[0]
        law = 9.81 * math.sin(math.radians(puzzle["angle"])) / (1 + KINDS[r["kind"]])
        assert measured == pytest.approx(law, rel=0.01), r


def test_level_5_races_more_bodies_than_level_1():
    def size(level):
        puzzles = [GEN.puzzle(i, difficulty=level) for i in range(10)]
        return {len(p["racers"]) for p in puzzles}, {
            r["mass"] for p in puzzles for r in p["racers"]
        }

    (n1, m1), (n5, m5) = size(1), size(5)
    assert n1 == {2} and n5 == {4} and m1 == {1.0} and len(m5) > 1


def test_byte_identical(tmp_path):
    GEN.assert_byte_identical(tmp_path)


def test_render_params_ignored():
    GEN.assert_render_params_ignored()


def test_distinct_instances():
    GEN.assert_distinct(seeds=(0, 7))
