import copy
import math

import pytest

from generators import lookup
from generators.kit import CheckFailed
from generators.kit.physics import MOST_PER_FRAME, PLAYBACK_FPS
from generators.tasks import g16_inclined_plane as incline

from .conftest import Gen

GEN = Gen("G-16_inclined_plane")


def test_lookup_short_name():
    assert lookup("G-inclined_plane") == GEN.id


@pytest.mark.parametrize(
    "index,video,params",
    [
        (0, True, {"outcome": "slides"}),
        (1, True, {"outcome": "stays"}),
        (2, False, {}),
        (3, False, {}),
    ],
)
def test_samples_validate(tmp_path, index, video, params):
    GEN.assert_valid(tmp_path, index, video, **params)


@pytest.mark.parametrize("outcome", ["slides", "stays"])
def test_checker_accepts_solver_answers(outcome):
    for _, answer, _ in GEN.assert_solves(outcome=outcome):
        assert answer["slides"] == (outcome == "slides")
    GEN.assert_solves(range(10), outcome=outcome, difficulty=5)


def test_checker_rejects_corrupted_answers():
    puzzle, answer, params = GEN.instance(4, outcome="slides")
    mid = len(answer["samples"]) // 2
    bad = copy.deepcopy(answer)  # 0.2 m further along the path, position moved with it
    row = bad["samples"][mid]
    row[1] += 0.2
    row[2] += 0.2 if row[3] == 0 else 0.2 * math.cos(math.radians(puzzle["angle"]))
    if row[3]:
        row[3] -= 0.2 * math.sin(math.radians(puzzle["angle"]))
    with pytest.raises(CheckFailed):
        GEN.check(puzzle, bad, params)
    bad = copy.deepcopy(answer)
    bad["stop_distance"] += 0.2
    with pytest.raises(CheckFailed):
        GEN.check(puzzle, bad, params)
    bad = copy.deepcopy(answer)  # frictionless slope: a = g sin(theta)
    bad["a"] = 9.81 * math.sin(math.radians(puzzle["angle"]))
    with pytest.raises(CheckFailed):
        GEN.check(puzzle, bad, params)
    puzzle, answer, params = GEN.instance(4, outcome="stays")
    bad = copy.deepcopy(answer)  # claims it slides
    bad["slides"] = True
    with pytest.raises(CheckFailed):
        GEN.check(puzzle, bad, params)


def test_checker_rejects_each_kind_of_wrong_fact():
    """Rubric facts: the verdict (1), acceleration, time and speed at the foot (2), the
    braking, stopping distance and time (3, 5), no jumps or backing up (4); and a whole run
    solved with the wrong kinetic coefficient."""
    for index in range(4):
        puzzle, answer, params = GEN.instance(index, outcome="slides")
        wrong = [("slides", False), ("a", answer["a"] * 1.05),
                 ("t_bottom", answer["t_bottom"] + 0.05), ("v_bottom", answer["v_bottom"] + 0.1),
                 ("stop_distance", answer["stop_distance"] + 0.1),
                 ("t_stop", answer["t_stop"] + 0.05)]  # fmt: skip
        for key, value in wrong:
            with pytest.raises(CheckFailed):
                GEN.check(puzzle, {**answer, key: value}, params)
        rougher = {**puzzle, "mu_kinetic": puzzle["mu_kinetic"] + 0.03}
        with pytest.raises(CheckFailed):
            GEN.check(puzzle, GEN.solve(rougher, params), params)


def test_floor_depends_only_on_the_first_frame():
    """The floor's length comes from the release distance, never from the stop."""
    for i in range(30):
        puzzle, answer, _ = GEN.instance(i)
        ramp = incline.Ramp(puzzle)
        assert ramp.flat == incline.Ramp({**puzzle, "mu_kinetic": 0.1, "angle": 45}).flat
        if answer["slides"]:
            assert answer["stop_distance"] <= ramp.flat


def test_motion_glides():
    for i in range(40):
        puzzle, answer, params = GEN.instance(i, difficulty=i % 5 + 1)
        ramp = incline.Ramp(puzzle)
        fastest = answer.get("v_bottom", 0.0)
        assert fastest * ramp.s / (PLAYBACK_FPS * ramp.slow) <= MOST_PER_FRAME
        assert (ramp.slow == 1) == ("in real time" in GEN.task.prompt(puzzle, params))


def test_level_5_verdicts_are_closer_calls_than_level_1():
    def gap(level):
        runs = [GEN.puzzle(i, difficulty=level) for i in range(20)]
        return max(abs(math.tan(math.radians(p["angle"])) - p["mu_static"]) for p in runs)

    assert gap(5) <= 0.08 + 0.01 < 0.2 <= gap(1)


def test_stopping_distance_formula():
    for i in range(20):
        puzzle, answer, _ = GEN.instance(i, outcome="slides")
        th = math.radians(puzzle["angle"])
        mu_k = puzzle["mu_kinetic"]
        assert math.tan(th) > puzzle["mu_static"] >= mu_k
        # energy: g d sin(theta) = mu_k g (d cos(theta) + stop)
        want = puzzle["distance"] * (math.sin(th) - mu_k * math.cos(th)) / mu_k
        assert answer["stop_distance"] == pytest.approx(want, abs=1e-5)
        assert answer["samples"][-1][2] == pytest.approx(answer["stop_distance"], abs=1e-5)
    for i in range(10):
        puzzle, answer, _ = GEN.instance(i, outcome="stays")
        assert math.tan(math.radians(puzzle["angle"])) < puzzle["mu_static"] <= 1.0


def test_same_sample_is_byte_identical(tmp_path):
    GEN.assert_byte_identical(tmp_path)


def test_answer_does_not_depend_on_render_params():
    GEN.assert_render_params_ignored()


def test_200_distinct_instances():
    GEN.assert_distinct(seeds=(0, 7))
