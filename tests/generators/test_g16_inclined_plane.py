import copy
import math

import pytest

from generators import lookup
from generators.kit import CheckFailed

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
