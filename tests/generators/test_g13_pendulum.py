import copy
import math

import pytest

from generators import lookup
from generators.kit import CheckFailed
from generators.kit.physics import MOST_PER_FRAME, PLAYBACK_FPS, pendulum_period, rk4_step
from generators.tasks import g13_pendulum as pendulum

from .conftest import VALIDATE, Gen

GEN = Gen("G-13_pendulum")


def test_lookup_short_name():
    assert lookup("G-pendulum") == GEN.id


@pytest.mark.parametrize("index,video,params", VALIDATE)
def test_samples_validate(tmp_path, index, video, params):
    GEN.assert_valid(tmp_path, index, video, **params)


def test_checker_accepts_solver_answers():
    GEN.assert_solves(min_angle=5, max_angle=130)
    GEN.assert_solves(range(10), difficulty=5)


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


def test_checker_rejects_each_kind_of_wrong_fact():
    """Rubric facts: the release (1), the swing and its energy (2, 3), the period and the
    small-angle period (4, 6), where the bob is at the end and which way it moves (5)."""
    for index in range(4):
        puzzle, answer, params = GEN.instance(index)

        def released_elsewhere(a):  # 1
            a["samples"][0][1] += 0.05

        def wrong_small_angle_period(a):  # 4
            a["small_angle_period"] *= 1.05

        def wrong_period(a):  # 4, 6
            a["period"] *= 1.02

        def moving_the_other_way(a):  # 5
            a["final_angular_velocity"] = -a["final_angular_velocity"]

        for corrupt in (released_elsewhere, wrong_small_angle_period, wrong_period,
                        moving_the_other_way):  # fmt: skip
            bad = copy.deepcopy(answer)
            corrupt(bad)
            with pytest.raises(CheckFailed):
                GEN.check(puzzle, bad, params)
        # 2, 3: the whole swing of a pendulum 10% longer (as if gravity were 10% weaker)
        longer = {**puzzle, "length": puzzle["length"] * 1.1}
        with pytest.raises(CheckFailed):
            GEN.check(puzzle, GEN.solve(longer, params), params)


def test_motion_glides():
    """The bob at its fastest moves at most MOST_PER_FRAME units a frame at 16 fps."""
    for i in range(40):
        puzzle, answer, params = GEN.instance(i, difficulty=i % 5 + 1)
        fastest = max(abs(w) for _, _, w in answer["samples"])
        slow = pendulum.slowness(puzzle)
        assert fastest * pendulum.ROD / (PLAYBACK_FPS * slow) <= MOST_PER_FRAME
        assert puzzle["duration"] * slow <= pendulum.LONGEST_VIDEO + 1e-9
        assert (slow == 1) == ("in real time" in GEN.task.prompt(puzzle, params))


def test_level_5_strays_further_from_the_small_angle_period_than_level_1():
    def excess(level):
        runs = [GEN.instance(i, difficulty=level)[1] for i in range(10)]
        return sum(a["period"] / a["small_angle_period"] - 1 for a in runs) / 10

    assert excess(1) < 0.005 and excess(5) > 0.15


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
