import copy
import math

import pytest

from generators import lookup
from generators.kit import CheckFailed
from generators.kit.physics import pendulum_period, rk4_step

from .conftest import VALIDATE, Gen

GEN = Gen("G-13_pendulum")


def test_lookup_short_name():
    assert lookup("G-pendulum") == GEN.id


@pytest.mark.parametrize("index,video,params", VALIDATE)
def test_samples_validate(tmp_path, index, video, params):
    GEN.assert_valid(tmp_path, index, video, **params)


def test_checker_accepts_solver_answers():
    GEN.assert_solves(min_angle=5, max_angle=160)


def test_checker_rejects_corrupted_answers():
    puzzle, answer, params = GEN.instance(4)
    mid = len(answer["samples"]) // 2
    bad = copy.deepcopy(answer)
    bad["samples"][mid][1] += 0.08  # the bob moved ~3% of the frame along its arc
    with pytest.raises(CheckFailed):
        GEN.check(puzzle, bad, params)
    bad = copy.deepcopy(answer)
    bad["period"] = answer["small_angle_period"]  # the small-angle answer is wrong here
    with pytest.raises(CheckFailed):
        GEN.check(puzzle, bad, params)
    bad = copy.deepcopy(answer)
    bad["final_angle"] += 0.05
    with pytest.raises(CheckFailed):
        GEN.check(puzzle, bad, params)
    bad = copy.deepcopy(answer)  # small-angle motion: wrong for a large release angle
    length, theta0 = puzzle["length"], math.radians(puzzle["angle"])
    theta0 *= 1 if puzzle["side"] == "right" else -1
    w0 = math.sqrt(9.81 / length)
    bad["samples"] = [
        [t, theta0 * math.cos(w0 * t), -theta0 * w0 * math.sin(w0 * t)]
        for t, _, _ in bad["samples"]
    ]
    with pytest.raises(CheckFailed):
        GEN.check(puzzle, bad, params)


def rk4(length, theta0, t_end, steps=20000):
    th, w, h = theta0, 0.0, t_end / steps
    for _ in range(steps):
        th, w = rk4_step(lambda th, w: -9.81 / length * math.sin(th), th, w, h)
    return th, w


def test_exact_motion_matches_a_fine_numerical_integration():
    for i in range(6):
        puzzle, answer, _ = GEN.instance(i)
        theta0 = math.radians(puzzle["angle"]) * (1 if puzzle["side"] == "right" else -1)
        th, w = rk4(puzzle["length"], theta0, puzzle["duration"])
        assert answer["final_angle"] == pytest.approx(th, abs=1e-5)
        assert answer["final_angular_velocity"] == pytest.approx(w, abs=1e-4)


def test_period_grows_with_amplitude():
    t0 = 2 * math.pi * math.sqrt(1 / 9.81)
    assert pendulum_period(1.0, math.radians(1)) == pytest.approx(t0, rel=1e-4)
    assert pendulum_period(1.0, math.radians(90)) / t0 == pytest.approx(1.180341, rel=1e-6)


def test_same_sample_is_byte_identical(tmp_path):
    GEN.assert_byte_identical(tmp_path)


def test_answer_does_not_depend_on_render_params():
    GEN.assert_render_params_ignored()


def test_200_distinct_instances():
    GEN.assert_distinct(seeds=(0, 7))
