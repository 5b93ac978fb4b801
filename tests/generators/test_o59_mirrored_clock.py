"""Mirrored clock: valid samples, mirror geometry checked by angles and by pixels."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from generators import build_sample
from generators.kit import CheckFailed
from generators.tasks.o59_mirrored_clock import CX, CY, NUMERALS

from .conftest import Gen

GEN = Gen("O-59_mirrored_clock", seed=7)


@pytest.mark.parametrize(("index", "video", "extra"), [(0, True, {"mirror": "left-right"}),
                                                       (1, True, {"mirror": "top-bottom"}),
                                                       (2, False, {"minute_step": 1}),
                                                       (3, False, {"minute_step": 15})])  # fmt: skip
def test_samples_validate(tmp_path, index, video, extra):
    GEN.assert_valid(tmp_path, index, video, seed=3, **extra)


def test_checker_accepts_solver_answers():
    for _, answer, _ in GEN.assert_solves(vary=lambda i: dict(minute_step=(1, 5, 15)[i % 3])):
        assert answer["time"] != answer["mirror_reading"]


def test_checker_rejects_corrupted_answers():
    puzzle, answer, p = GEN.instance(4)
    with pytest.raises(CheckFailed):  # reading the mirror image as if it were the clock
        h, m = answer["mirror_reading"].split(":")
        GEN.check(puzzle, {"time": answer["mirror_reading"], "hour": int(h), "minute": int(m)}, p)
    hour = answer["hour"] % 12 + 1
    with pytest.raises(CheckFailed):  # an hour off
        GEN.check(puzzle, {**answer, "time": f"{hour:02d}:{answer['minute']:02d}", "hour": hour}, p)
    with pytest.raises(CheckFailed):
        GEN.check(puzzle, {**answer, "time": "7.30"}, p)
    minute = (answer["minute"] + 5) % 60
    with pytest.raises(CheckFailed, match="hand does not match"):  # the minute hand misread
        GEN.check(puzzle, {**answer, "time": f"{answer['hour']:02d}:{minute:02d}",
                           "minute": minute}, p)  # fmt: skip
    with pytest.raises(CheckFailed, match="mirror image read"):  # rubric 3's naive reading
        GEN.check(puzzle, {**answer, "mirror_reading": answer["time"]}, p)


def test_every_face_carries_numerals_that_show_the_mirror():
    assert NUMERALS == ("arabic", "roman", "quarters")  # no ticks-only face
    assert {GEN.puzzle(i)["numerals"] for i in range(30)} == set(NUMERALS)


def test_level_five_is_harder_than_level_one():
    """Level 1: a wall mirror, quarter hours, all numerals; level 5: the mirror below the
    clock, any minute, only four numerals."""
    easy = [GEN.instance(i, difficulty=1) for i in range(20)]
    hard = [GEN.instance(i, difficulty=5) for i in range(20)]
    assert all(a["minute"] % 15 == 0 and p["mirror"] == "left-right" for p, a, _ in easy)
    assert sum(a["minute"] % 5 != 0 for _, a, _ in hard) >= 10
    assert all(p["mirror"] == "top-bottom" and p["numerals"] == "quarters" for p, _, _ in hard)


def test_known_readings():
    """A wall mirror shows 12:00 - t; a mirror below the clock turns minutes m into 30 - m."""
    p = GEN.params(minute_step=1)
    for mirror, real, seen in [
        ("left-right", "10:20", "01:40"),
        ("left-right", "03:00", "09:00"),
        ("top-bottom", "08:20", "09:10"),
        ("top-bottom", "12:00", "06:30"),
    ]:
        h, m = map(int, real.split(":"))
        hand_h, hand_m = 30 * (h % 12) + m / 2, 6 * m
        flip = (lambda a: -a % 360) if mirror == "left-right" else (lambda a: (180 - a) % 360)
        puzzle = {"mirror": mirror, "shown_hour_angle": flip(hand_h),
                  "shown_minute_angle": flip(hand_m)}  # fmt: skip
        answer = GEN.task.solve(puzzle, p)
        assert (answer["time"], answer["mirror_reading"]) == (real, seen)
        GEN.check(puzzle, answer, p)


def test_first_frame_is_the_flipped_clock(tmp_path):
    """The posed clock, flipped back, is the clock of the final frame."""
    for index, mirror in ((6, "left-right"), (7, "top-bottom")):
        res = build_sample(GEN.id, 3, index, {"image_size": 256, "video": False, "mirror": mirror},
                           tmp_path)  # fmt: skip
        first = Image.open(res.folder / "first_frame.png")
        final = Image.open(res.folder / "final_frame.png")
        half = 300 * 256 / 1000
        c = (CX * 256 / 1000, CY * 256 / 1000)
        box = tuple(round(v) for v in (c[0] - half, c[1] - half, c[0] + half, c[1] + half))
        flip = (Image.Transpose.FLIP_LEFT_RIGHT if mirror == "left-right"
                else Image.Transpose.FLIP_TOP_BOTTOM)  # fmt: skip
        a = np.asarray(first.crop(box).transpose(flip), dtype=float)
        b = np.asarray(final.crop(box), dtype=float)
        assert np.abs(a - b).mean() < 2.0


def test_byte_identical(tmp_path):
    GEN.assert_byte_identical(tmp_path, seed=11, index=5)


@pytest.mark.parametrize("seed", [0, 7])
def test_distinct_instances(seed):
    GEN.assert_distinct(seeds=(seed,))
