"""G-37 rigid translate: one velocity for every part, no turning, measured from video."""

from __future__ import annotations

import math

import numpy as np
import pytest

from generators import build_sample
from generators.kit import NAMED, CheckFailed
from generators.kit.video import OPENING_S, read_frames
from generators.tasks.g37_rigid_translate import VIEW, H, W

from .conftest import Gen

GEN = Gen("G-37_rigid_translate", seed=8)


@pytest.mark.parametrize(("index", "video", "kw"), [
    (0, True, {}), (1, False, {"parts": 4, "max_speed": 3.0}),
    (2, False, {"parts": 2, "diagonal": False}), (3, False, {"max_speed": 0.5}),
])  # fmt: skip
def test_samples_validate(tmp_path, index, video, kw):
    GEN.assert_valid(tmp_path, index, video, **kw)


def test_checker_accepts_solver_answers_and_parts_stay_on_the_field():
    for puzzle, answer, _ in GEN.assert_solves(range(30), vary=lambda i: {"parts": 2 + i % 3}):
        for p, a in zip(puzzle["parts"], answer["parts"]):
            for x, y in ((p["x"], p["y"]), a["end"]):
                assert 1 <= x <= W - 1 and 1 <= y <= H - 1
                assert x == int(x) and y == int(y)  # on grid points


def test_checker_rejects_corrupted_answers():
    """One corruption per rubric fact: the displacement (a wrong time or speed), a part's end
    (the group turned half a turn about its middle), and the part order."""
    puzzle, answer, p = GEN.instance(2)
    slow = GEN.solve({**puzzle, "velocity": [c * 0.5 for c in puzzle["velocity"]]}, p)
    with pytest.raises(CheckFailed, match="displacement"):
        GEN.check(puzzle, slow, p)
    late = GEN.solve({**puzzle, "seconds": puzzle["seconds"] + 2}, p)
    with pytest.raises(CheckFailed, match="displacement"):
        GEN.check(puzzle, late, p)
    ends = [a["end"] for a in answer["parts"]]
    mx, my = np.mean([e[0] for e in ends]), np.mean([e[1] for e in ends])
    turned = [{**a, "end": [2 * mx - a["end"][0], 2 * my - a["end"][1]]} for a in answer["parts"]]
    with pytest.raises(CheckFailed, match="ends elsewhere"):
        GEN.check(puzzle, {**answer, "parts": turned}, p)
    with pytest.raises(CheckFailed, match="order"):
        GEN.check(puzzle, {**answer, "parts": answer["parts"][::-1]}, p)


def test_velocity_measured_from_the_decoded_video_is_the_stated_one(tmp_path):
    """Every part's colour centroid, found in every decoded frame of the motion, moves at
    the stated velocity (within 1% of its speed), so the group neither turns nor stretches."""
    size, fps = 256, 16
    index = next(i for i in range(40) if GEN.puzzle(i)["seconds"] == 4)
    result = build_sample(GEN.id, GEN.seed, index, {"image_size": size, "fps": fps}, tmp_path)
    puzzle = GEN.puzzle(index)
    frames = list(read_frames(result.folder / "ground_truth.mp4"))
    hold = round(OPENING_S * fps)
    moving = frames[hold - 1 : hold + puzzle["seconds"] * fps]
    scale = size / 1000
    yy, xx = np.mgrid[0:size, 0:size]
    v = np.array(puzzle["velocity"])
    t = np.arange(len(moving)) / fps
    for part in puzzle["parts"]:
        colour = np.array(NAMED[part["color"]], dtype=float)
        track = []
        for f in moving:  # each part's colour appears nowhere else
            near = np.abs(f.astype(float) - colour).sum(axis=2) < 60
            # back to metres (world y points up); pixel i's centre is at i + 0.5
            track.append(((xx[near].mean() + 0.5) / scale, (yy[near].mean() + 0.5) / scale))
        track = np.array(track)
        vx = np.polyfit(t, track[:, 0], 1)[0] / VIEW.s
        vy = -np.polyfit(t, track[:, 1], 1)[0] / VIEW.s
        speed = math.hypot(*v)
        assert math.hypot(vx - v[0], vy - v[1]) < 0.01 * speed, (part, vx, vy)


def test_level_5_moves_more_parts_further_than_level_1():
    def work(level):
        puzzles = [GEN.puzzle(i, difficulty=level) for i in range(30)]
        parts = sum(len(p["parts"]) for p in puzzles) / 30
        diagonal = sum(all(p["velocity"]) for p in puzzles)
        return parts, diagonal

    (p1, d1), (p5, d5) = work(1), work(5)
    assert p5 >= p1 + 2 and d1 == 0 and d5 >= 15


def test_byte_identical(tmp_path):
    GEN.assert_byte_identical(tmp_path)


def test_render_params_ignored():
    GEN.assert_render_params_ignored()


def test_distinct_instances():
    GEN.assert_distinct(seeds=(0, 7))
