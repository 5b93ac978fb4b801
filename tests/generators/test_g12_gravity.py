import copy

import pytest

from generators import lookup
from generators.kit import CheckFailed
from generators.kit.physics import MOST_PER_FRAME, PLAYBACK_FPS
from generators.tasks import g12_gravity as gravity

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


def test_checker_rejects_each_kind_of_wrong_fact(monkeypatch):
    """Rubric facts: release order and gap (1), free fall (2), supports, resting heights and
    landing times (3), no overlap (4), the last landing (5)."""
    for index in range(4):
        puzzle, answer, params = GEN.instance(index)
        stacked = next(j for j, f in enumerate(answer["boxes"]) if f["on"])

        def other_support(a, stacked=stacked):  # 3
            a["boxes"][stacked]["on"] = []

        def late_landing(a):  # 3, 5
            a["boxes"][-1]["land"] += 0.05

        def gap_changed(a, gap=puzzle["gap"]):  # 1
            for j, f in enumerate(a["boxes"]):
                f["release"] = j * (gap + 0.1)

        for corrupt in (other_support, late_landing, gap_changed):
            bad = copy.deepcopy(answer)
            corrupt(bad)
            with pytest.raises(CheckFailed):
                GEN.check(puzzle, bad, params)
        with monkeypatch.context() as m:  # 2: the whole fall simulated under another gravity
            m.setattr(gravity, "G", 0.9 * 9.81)
            bad = GEN.solve(puzzle, params)
        with pytest.raises(CheckFailed):
            GEN.check(puzzle, bad, params)


def test_motion_glides():
    """A box falling from the highest release to the ground moves at most MOST_PER_FRAME
    units a frame at 16 fps, slowed as the prompt says."""
    for i in range(30):
        puzzle, answer, params = GEN.instance(i, difficulty=i % 5 + 1)
        fastest = max(9.81 * (f["land"] - f["release"]) for f in answer["boxes"])
        slow = gravity.slowness(puzzle)
        assert fastest * gravity.SCALE / (PLAYBACK_FPS * slow) <= MOST_PER_FRAME
        assert (slow == 1) == ("in real time" in GEN.task.prompt(puzzle, params))


def test_level_5_stacks_more_boxes_than_level_1():
    def stacked(level):
        return sum(sum(bool(f["on"]) for f in GEN.instance(i, difficulty=level)[1]["boxes"])
                   for i in range(10)) / 10  # fmt: skip

    assert stacked(1) == 1 and stacked(5) >= 3


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
