import copy
import math

import pytest

from generators import lookup
from generators.kit import CheckFailed

from .conftest import VALIDATE, Gen

GEN = Gen("G-10_object_trajectory")


def test_lookup_short_name():
    assert lookup("G-object_trajectory") == GEN.id


@pytest.mark.parametrize("index,video,params", VALIDATE)
def test_samples_validate(tmp_path, index, video, params):
    GEN.assert_valid(tmp_path, index, video, **params)


def test_checker_accepts_solver_answers():
    GEN.assert_solves()


def test_checker_rejects_perturbed_trajectory_and_landing():
    puzzle, answer, params = GEN.instance(4)
    mid = len(answer["samples"]) // 2
    for axis in (1, 2):  # a few percent of a ~20 m scene
        bad = copy.deepcopy(answer)
        bad["samples"][mid][axis] += 0.5
        with pytest.raises(CheckFailed):
            GEN.check(puzzle, bad, params)
    bad = copy.deepcopy(answer)
    bad["landing_x"] += 0.5
    with pytest.raises(CheckFailed):
        GEN.check(puzzle, bad, params)
    bad = copy.deepcopy(answer)  # a trajectory cut short in mid-air
    bad["samples"] = bad["samples"][: mid + 1]
    bad["flight_time"], bad["landing_x"], bad["landing_y"] = bad["samples"][-1]
    with pytest.raises(CheckFailed):
        GEN.check(puzzle, bad, params)


def test_landing_is_first_contact_and_target_is_honoured():
    for target in ("ground", "platform"):
        for i in range(15):
            puzzle, answer, _ = GEN.instance(i, target=target)
            assert answer["surface"] == target
            v, a, h0 = puzzle["speed"], math.radians(puzzle["angle"]), puzzle["launch_height"]
            vx, vy = v * math.cos(a), v * math.sin(a)
            level = puzzle["platform"]["height"] if target == "platform" else 0.0
            t = (vy + math.sqrt(vy * vy + 2 * 9.81 * (h0 - level))) / 9.81
            assert answer["landing_x"] == pytest.approx(vx * t, abs=1e-5)
            assert 1.0 <= answer["flight_time"] <= 4.0


def test_same_sample_is_byte_identical(tmp_path):
    GEN.assert_byte_identical(tmp_path)


def test_answer_does_not_depend_on_render_params():
    GEN.assert_render_params_ignored()


def test_200_distinct_instances():
    GEN.assert_distinct()
