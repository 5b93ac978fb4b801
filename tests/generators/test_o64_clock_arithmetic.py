"""O-64 clock arithmetic: valid samples, an independent checker, smooth hands, levels."""

import math

import pytest

from generators.kit import CheckFailed
from generators.kit.easing import GLIDE_SPEED
from generators.review import timeline
from generators.tasks.o64_clock_arithmetic import MINUTE_LENGTH

from .conftest import VALIDATE, Gen

GEN = Gen("O-64_clock_arithmetic")


@pytest.mark.parametrize("index,video,params", VALIDATE)
def test_samples_validate(tmp_path, index, video, params):
    GEN.assert_valid(tmp_path, index, video, **params)


def test_checker_accepts_solver_answers():
    GEN.assert_solves()
    GEN.assert_solves(range(10), max_hours=12, direction="earlier")
    GEN.assert_solves(range(10), difficulty=1)


def test_checker_rejects_each_kind_of_wrong_fact():
    """The rubric states the final time, the turning direction and the number of turns."""
    puzzle, answer, params = GEN.instance(0)
    h, m = map(int, answer["time"].split(":"))
    moved = answer["moved_minutes"]
    wrong = [
        {**answer, "time": f"{h:02d}:{(m + 5) % 60:02d}"},  # minute hand misread
        {**answer, "time": f"{h % 12 + 1:02d}:{m:02d}"},  # hour hand misread
        {**answer, "time": "13:00"},  # not a 12-hour reading
        {**answer, "time": "7"},
        {**answer, "moved_minutes": -moved},  # turned the other way
        {**answer, "moved_minutes": moved + math.copysign(720, moved)},  # 12 h more: same time
    ]
    for bad in wrong:
        with pytest.raises(CheckFailed):
            GEN.check(puzzle, bad, params)


def test_known_answers():
    p = GEN.params()
    cases = [
        ({"start": "11:50", "hours": 2, "minutes": 15, "direction": "later"}, "02:05"),
        ({"start": "12:00", "hours": 12, "minutes": 0, "direction": "earlier"}, "12:00"),
        ({"start": "09:45", "hours": 0, "minutes": 15, "direction": "earlier"}, "09:30"),
    ]
    for puzzle, time in cases:
        assert GEN.solve({**puzzle, "numerals": "arabic"}, p)["time"] == time


def test_minute_hand_tip_never_jumps():
    """The tip moves at most GLIDE_SPEED / fps units a frame (under 3% of the width)."""
    for index in range(3):
        _, answer, p = GEN.instance(index)
        line = timeline(GEN.id, GEN.seed, index, {"image_size": 128})
        moving = len(line.holds) - 2  # every frame between the two holds is a new angle
        turn = math.radians(abs(answer["moved_minutes"]) * 6)
        assert turn * MINUTE_LENGTH * 1.25 / moving <= GLIDE_SPEED / p["fps"] * 1.05


def test_level_5_is_harder_than_level_1():
    def mean_minutes(level):
        runs = [GEN.instance(i, difficulty=level)[1]["moved_minutes"] for i in range(40)]
        return sum(abs(m) for m in runs) / len(runs)

    easy = [GEN.instance(i, difficulty=1) for i in range(40)]
    assert all(p["minutes"] % 15 == 0 and p["direction"] == "later" for p, _, _ in easy)
    assert mean_minutes(5) > 2.5 * mean_minutes(1)
    hard = [GEN.instance(i, difficulty=5)[0] for i in range(40)]
    assert sum(p["minutes"] % 5 != 0 for p in hard) > 20  # minutes off the 5-minute marks


def test_same_sample_is_byte_identical(tmp_path):
    GEN.assert_byte_identical(tmp_path)


def test_render_params_do_not_change_answers():
    GEN.assert_render_params_ignored()


def test_distinct_instances():
    GEN.assert_distinct(seeds=(0, 1))
