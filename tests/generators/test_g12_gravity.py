import copy

import pytest

from generators import lookup
from generators.kit import CheckFailed

from .conftest import VALIDATE, Gen

GEN = Gen("G-12_gravity")


def test_lookup_short_name():
    assert lookup("G-gravity") == GEN.id


@pytest.mark.parametrize("index,video,params", VALIDATE)
def test_samples_validate(tmp_path, index, video, params):
    GEN.assert_valid(tmp_path, index, video, **params)


def test_checker_accepts_solver_answers():
    GEN.assert_solves(min_boxes=2, max_boxes=6)


def falling_moment(answer, box):
    fate = answer["boxes"][box]
    return round((fate["release"] + fate["land"]) / 2 * 50)


def test_checker_rejects_corrupted_answers():
    puzzle, answer, params = GEN.instance(4)
    k = falling_moment(answer, 0)
    bad = copy.deepcopy(answer)
    bad["samples"][k][1] += 0.3  # a few percent of the 8 m scene, mid-fall
    with pytest.raises(CheckFailed):
        GEN.check(puzzle, bad, params)
    stacked = next(j for j, f in enumerate(answer["boxes"]) if f["on"])
    bad = copy.deepcopy(answer)  # the stacked box rests on the ground instead (overlaps)
    bad["boxes"][stacked]["rest"] = 0.0
    with pytest.raises(CheckFailed):
        GEN.check(puzzle, bad, params)
    bad = copy.deepcopy(answer)  # released in the wrong order
    bad["boxes"][0]["release"], bad["boxes"][1]["release"] = (
        bad["boxes"][1]["release"],
        bad["boxes"][0]["release"],
    )
    with pytest.raises(CheckFailed):
        GEN.check(puzzle, bad, params)


def test_every_instance_stacks_and_nothing_floats():
    for i in range(30):
        puzzle, answer, _ = GEN.instance(i)
        fates = answer["boxes"]
        assert any(f["on"] for f in fates)
        for f in fates:
            if not f["on"]:
                assert f["rest"] == 0.0
            for j in f["on"]:
                top = fates[j]["rest"] + puzzle["boxes"][j]["height"]
                assert top == pytest.approx(f["rest"], abs=1e-6)
                assert fates[j]["land"] < f["land"]
        assert answer["duration"] <= 4.0


def test_same_sample_is_byte_identical(tmp_path):
    GEN.assert_byte_identical(tmp_path)


def test_answer_does_not_depend_on_render_params():
    GEN.assert_render_params_ignored()


def test_200_distinct_instances():
    GEN.assert_distinct()
