"""G-38 tangent point: rolling without slipping, on the ground and around a disc, measured
from the decoded video."""

from __future__ import annotations

import math

import numpy as np
import pytest

from generators import build_sample
from generators.kit import NAMED, CheckFailed
from generators.kit.palette import darken
from generators.kit.video import CLOSING_S, OPENING_S, read_frames
from generators.tasks.g38_tangent_point import FIXED, LETTERS, VALVE

from .conftest import Gen

GEN = Gen("G-38_tangent_point", seed=5)


@pytest.mark.parametrize(("index", "video", "kw"), [
    (0, True, {}), (1, True, {"track": "circle", "max_ratio": 3}),
    (2, False, {"letters": 4}), (3, False, {"track": "circle", "letters": 6, "max_ratio": 1}),
])  # fmt: skip
def test_samples_validate(tmp_path, index, video, kw):
    GEN.assert_valid(tmp_path, index, video, **kw)


def test_checker_accepts_solver_answers():
    GEN.assert_solves(range(30), vary=lambda i: {"track": ("line", "circle")[i % 2],
                                                  "letters": 4 + 2 * (i % 3)})  # fmt: skip


def test_letters_by_hand():
    """Rolling right turns the wheel clockwise: the letters ahead come down one by one."""
    base = {"track": "line", "letters": 8, "rim": 2.0, "first": 1, "color": "red",
            "radius": 100.0, "scale": 2 * math.pi * 100 / 2.0, "start": 200.0}  # fmt: skip
    assert GEN.solve({**base, "sign": 1, "steps": 2}, {})["letter"] == "H"
    assert GEN.solve({**base, "sign": -1, "steps": 2}, {})["letter"] == "D"
    once = GEN.solve({**base, "sign": 1, "steps": 8}, {})
    assert once["letter"] == "B" and once["turns"] == 1 and once["distance_m"] == 2.0
    # around a disc of the same rim, a quarter of the way round turns the wheel half a turn
    coin = {**base, "track": "circle", "sign": 1, "steps": 2, "fixed_radius": 100.0,
            "ratio": 1, "start": 0.0}  # fmt: skip
    assert GEN.solve(coin, {})["turns"] == 0.5


def test_checker_rejects_corrupted_answers():
    """One corruption per rubric fact: the distance, the turns (the orbit's own turn left
    out), and the touching letter (one spacing off, or counted the wrong way round)."""
    puzzle, answer, p = GEN.instance(1, track="circle")
    with pytest.raises(CheckFailed, match="distance"):
        GEN.check(puzzle, {**answer, "distance_m": answer["distance_m"] + puzzle["rim"] / 8}, p)
    slipping = puzzle["steps"] / puzzle["letters"]  # turns on a straight track
    with pytest.raises(CheckFailed, match="turns"):
        GEN.check(puzzle, {**answer, "turns": round(slipping, 4)}, p)
    n = puzzle["letters"]
    i = LETTERS.index(answer["letter"])
    for wrong in ((i + 1) % n, (puzzle["first"] + puzzle["sign"] * puzzle["steps"]) % n):
        if wrong != i:
            with pytest.raises(CheckFailed, match="letter"):
                GEN.check(puzzle, {**answer, "letter": LETTERS[wrong]}, p)


def pixels(frame, colour, tol=50):
    near = np.abs(frame.astype(float) - np.array(colour, dtype=float)).sum(axis=2) < tol
    ys, xs = np.nonzero(near)
    return xs + 0.5, ys + 0.5  # pixel i's centre is at i + 0.5


def centroid(frame, colour):
    xs, ys = pixels(frame, colour)
    return xs.mean(), ys.mean()


def rim_centre(frame, colour, radius_px):
    """The centre of the circle through the rim's pixels: a least-squares fit to the pixels
    of the rim's colour lying near the rim of the circle found so far (the hub, blends at
    the letters and stray blends elsewhere are left out), refined twice."""
    xs, ys = pixels(frame, colour)
    cx, cy = xs.mean(), ys.mean()
    for _ in range(3):
        d = np.hypot(xs - cx, ys - cy)
        keep = (d > 0.8 * radius_px) & (d < 1.2 * radius_px)
        a = np.column_stack([xs[keep], ys[keep], np.ones(keep.sum())])
        b = -(xs[keep] ** 2 + ys[keep] ** 2)
        d_, e_, _ = np.linalg.lstsq(a, b, rcond=None)[0]
        cx, cy = -d_ / 2, -e_ / 2
    return cx, cy


@pytest.mark.parametrize("track", ["line", "circle"])
def test_rolling_without_slipping_measured_from_the_decoded_video(tmp_path, track):
    """From the decoded frames: the wheel's centre (its rim colour's centroid) and its
    yellow valve give the distance rolled and the wheel's turn. On the ground the centre
    moves r for every radian turned; around a disc of radius R the wheel turns (R + r) / r
    radians per radian of orbit (within 1%)."""
    size = 320
    index = next(i for i in range(40) if GEN.puzzle(i, track=track)["steps"] >= 4)
    puzzle = GEN.puzzle(index, track=track)
    result = build_sample(GEN.id, GEN.seed, index, {"image_size": size, "track": track}, tmp_path)
    frames = list(read_frames(result.folder / "ground_truth.mp4"))
    hold = round(OPENING_S * 16)
    rim = darken(NAMED[puzzle["color"]], 0.3)
    scale = size / 1000
    spins, travel = [], []
    closing = round(CLOSING_S * 16)  # the last frames add a red ring: left out
    for f in frames[hold - 1 : -closing]:
        cx, cy = rim_centre(f, rim, puzzle["radius"] * scale)
        vx, vy = centroid(f, VALVE)
        spins.append(math.atan2(vx - cx, cy - vy))  # clockwise from up
        if track == "line":
            travel.append(cx / scale)
        else:
            travel.append(math.atan2(cx / scale - FIXED[0], FIXED[1] - cy / scale))
    spin, travel = np.unwrap(spins), np.array(travel)
    if track == "circle":
        travel = np.unwrap(travel)
    slope = np.polyfit(spin, travel, 1)[0]
    if track == "line":
        assert abs(slope) == pytest.approx(puzzle["radius"], rel=0.01)
    else:
        r, big = puzzle["radius"], puzzle["fixed_radius"]
        assert 1 / slope == pytest.approx((big + r) / r, rel=0.01)


def test_level_5_rolls_further_round_a_disc_than_level_1():
    def spacings(level):
        puzzles = [GEN.puzzle(i, difficulty=level) for i in range(30)]
        return sum(p["steps"] for p in puzzles) / 30, {p["track"] for p in puzzles}

    (s1, t1), (s5, t5) = spacings(1), spacings(5)
    assert s5 > 2 * s1 and t1 == {"line"} and t5 == {"circle"}


def test_byte_identical(tmp_path):
    GEN.assert_byte_identical(tmp_path)


def test_render_params_ignored():
    GEN.assert_render_params_ignored()


def test_distinct_instances():
    GEN.assert_distinct(seeds=(0, 7))
