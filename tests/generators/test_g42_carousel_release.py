"""G-42 carousel release: the puck leaves along the tangent at omega r; every rubric fact is
checked; the decoded video shows the launch speed and direction."""

from __future__ import annotations

import copy
import math

import numpy as np
import pytest

from generators import lookup
from generators.kit import NAMED, CheckFailed
from generators.tasks.g42_carousel_release import VIEW, simulate, spin

from .conftest import VALIDATE, Gen
from .decoded import centroid, decoded_sample, frame_time, line_fit

GEN = Gen("G-42_carousel_release")


def test_lookup_short_name():
    assert lookup("G-carousel_release") == GEN.id


@pytest.mark.parametrize("index,video,params", VALIDATE)
def test_samples_validate(tmp_path, index, video, params):
    GEN.assert_valid(tmp_path, index, video, **params)


def test_checker_accepts_solver_answers_at_every_level():
    GEN.assert_solves(range(15), vary=lambda i: {"difficulty": 1 + i % 5})


def faster_spin(puzzle, answer):
    return simulate(puzzle, omega=spin(puzzle) * 1.15)


def other_sense(puzzle, answer):
    return simulate(puzzle, sense=-puzzle["sense"])


def straight_outward(puzzle, answer):
    return simulate(puzzle, outward=True)


def rim_speed(puzzle, answer):  # launched at omega R instead of omega r
    return simulate(puzzle, radius=puzzle["platform_radius"])


def other_basket(puzzle, answer):
    labels = [b["label"] for b in puzzle["baskets"]]
    return {**answer, "basket": labels[(labels.index(answer["basket"]) + 1) % len(labels)]}


def late_arrival(puzzle, answer):
    return {**answer, "arrival_time": answer["arrival_time"] + 0.3}


def nudged_path(puzzle, answer):
    bad = copy.deepcopy(answer)
    bad["samples"][len(bad["samples"]) // 2][1] += 0.05
    return bad


@pytest.mark.parametrize("corrupt,reason", [
    (faster_spin, "released at the wrong time"), (other_sense, "wrong time|release point"),
    (straight_outward, "tangent"), (rim_speed, "omega r"), (other_basket, "first"),
    (late_arrival, "arrival time"), (nudged_path, "off its path"),
])  # fmt: skip
def test_checker_rejects_each_wrong_fact(corrupt, reason):
    puzzle, answer, params = GEN.instance(4, difficulty=3)
    assert puzzle["radius"] < puzzle["platform_radius"]  # omega R and omega r differ
    with pytest.raises(CheckFailed, match=reason):
        GEN.check(puzzle, corrupt(puzzle, copy.deepcopy(answer)), params)


def test_a_stated_release_time_is_used_as_stated():
    puzzle, answer, params = GEN.instance(2, difficulty=4)
    assert answer["release_time"] == puzzle["release_time"]
    bad = simulate({**puzzle, "release_time": puzzle["release_time"] + 0.2})
    with pytest.raises(CheckFailed):
        GEN.check(puzzle, bad, params)


def test_level_5_has_more_baskets_and_hides_the_release_angle():
    easy = [GEN.puzzle(i, difficulty=1) for i in range(8)]
    hard = [GEN.puzzle(i, difficulty=5) for i in range(8)]
    assert {len(p["baskets"]) for p in easy} == {2} and {len(p["baskets"]) for p in hard} == {6}
    assert all(p["mark_angle"] is not None for p in easy)  # level 1 draws where it lets go
    assert all(p["mark_angle"] is None and p["period"] for p in hard)  # level 5: work it out


def test_the_outward_lure_is_a_basket_on_the_radial_line():
    for i in range(6):
        puzzle, answer, _ = GEN.instance(i, difficulty=2)
        wrong = simulate(puzzle, outward=True)
        assert wrong["basket"] not in (None, answer["basket"])


def test_decoded_video_shows_launch_at_omega_r_along_the_tangent(tmp_path):
    meta, frames = decoded_sample(GEN.id, tmp_path, index=3)
    puzzle, answer, fps = meta["puzzle"], meta["answer"], meta["fps"]
    ts, xs, ys = [], [], []
    for i, frame in enumerate(frames):
        t = frame_time(i, fps)
        if answer["release_time"] + 0.1 < t < answer["arrival_time"] - 0.05:
            c = centroid(frame, NAMED["red"])
            ts.append(t)
            xs.append(c[0])
            ys.append(c[1])
    assert len(ts) >= 8
    vx, _ = line_fit(ts, xs)
    vy, _ = line_fit(ts, ys)
    speed = math.hypot(vx, vy) / VIEW.s  # canvas units/s to m/s
    assert speed == pytest.approx(spin(puzzle) * puzzle["radius"], rel=0.01)
    want = np.array(answer["velocity"]) / answer["speed"]
    got = np.array([vx, -vy]) / math.hypot(vx, vy)  # canvas y points down
    assert float(want @ got) > math.cos(math.radians(1.0))  # along the tangent
    residual = np.array(xs) - np.polyval(np.polyfit(ts, xs, 1), ts)
    assert np.abs(residual).max() < 2.0  # a straight line, no curving


def test_nothing_moves_more_than_3_percent_of_the_width_per_frame():
    for i in range(40):
        puzzle, answer, _ = GEN.instance(i, difficulty=1 + i % 5)
        rim = spin(puzzle) * puzzle["platform_radius"]  # the deck's edge, and the puck
        assert max(rim, answer["speed"]) * VIEW.s / 16 <= 30  # canvas units per frame at 16 fps


def test_same_sample_is_byte_identical(tmp_path):
    GEN.assert_byte_identical(tmp_path)


def test_answer_does_not_depend_on_render_params():
    GEN.assert_render_params_ignored()


def test_200_distinct_instances():
    GEN.assert_distinct(seeds=(0, 7))
