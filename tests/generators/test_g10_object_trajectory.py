import copy
import math

import pytest

from generators import lookup
from generators.kit import CheckFailed
from generators.kit.physics import MOST_PER_FRAME, PLAYBACK_FPS
from generators.tasks import g10_object_trajectory as trajectory

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


def test_checker_rejects_each_kind_of_wrong_fact(monkeypatch):
    """One corruption per fact the rubric states, and whole trajectories simulated wrong."""
    for index in range(4):
        puzzle, answer, params = GEN.instance(index)

        def wrong_apex(a):  # 3
            a["apex"][1] += 0.3

        def wrong_landing(a):  # 4, 5
            a["landing_x"] += 0.3

        def wrong_time(a):  # 4
            a["flight_time"] += 0.1

        def wrong_surface(a):  # 4
            a["surface"] = "platform" if a["surface"] == "ground" else "ground"

        for corrupt in (wrong_apex, wrong_landing, wrong_time, wrong_surface):
            bad = copy.deepcopy(answer)
            corrupt(bad)
            with pytest.raises(CheckFailed):
                GEN.check(puzzle, bad, params)
        steeper = {**puzzle, "angle": puzzle["angle"] + 2}  # 1: leaves off the arrow
        with pytest.raises(CheckFailed):
            GEN.check(puzzle, GEN.solve(steeper, params), params)
        with monkeypatch.context() as m:  # 2: a parabola under the wrong gravity
            m.setattr(trajectory, "G", 0.9 * 9.81)
            bad = GEN.solve(puzzle, params)
        with pytest.raises(CheckFailed):
            GEN.check(puzzle, bad, params)


def test_field_depends_only_on_what_the_first_frame_shows():
    """The field's end comes from speed, tower and platform, never from the landing point."""
    fractions = []
    for i in range(40):
        puzzle, answer, _ = GEN.instance(i)
        field = trajectory.Field(puzzle)
        for angle in (20, 45, 70):  # the same scene launched at other angles: the same field
            assert trajectory.Field({**puzzle, "angle": angle}).end == field.end
        fractions.append(answer["landing_x"] / field.end)
    fractions.sort()
    assert fractions[20] < 0.75  # the landing point is not where the field ends


def test_motion_glides():
    """The ball moves at most MOST_PER_FRAME units a frame at 16 fps, slowed as the prompt says."""
    for i in range(40):
        puzzle = GEN.puzzle(i, difficulty=i % 5 + 1)
        field = trajectory.Field(puzzle)
        fastest = math.sqrt(puzzle["speed"] ** 2 + 2 * 9.81 * puzzle["launch_height"])
        assert field.s * fastest / (PLAYBACK_FPS * field.slow) <= MOST_PER_FRAME
        if field.slow > 1:
            assert f"{field.slow} times slower" in GEN.task.prompt(puzzle, {})


def test_level_5_has_more_in_the_scene_than_level_1():
    def objects(level):
        scenes = [GEN.puzzle(i, difficulty=level) for i in range(20)]
        return sum(bool(p["platform"]) + bool(p["launch_height"]) for p in scenes) / 20

    assert objects(1) == 0 and objects(5) >= 1.3


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
