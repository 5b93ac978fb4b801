import copy
import math

import pytest

from generators.kit import CheckFailed
from generators.kit.physics import MOST_PER_FRAME, PLAYBACK_FPS
from generators.tasks import g3_bounce as bounce

from .conftest import VALIDATE, Gen

GEN = Gen("G-3_bounce")


@pytest.mark.parametrize("index,video,params", VALIDATE)
def test_samples_validate(tmp_path, index, video, params):
    GEN.assert_valid(tmp_path, index, video, **params)


def test_checker_accepts_solver_answers():
    for puzzle, answer, _ in GEN.assert_solves(range(30), vary=lambda i: {"difficulty": i % 5 + 1}):
        assert len(answer["events"]) == puzzle["bounces"]


def relaunched(puzzle: dict, turn: float = 0.0, speed: float = 1.0):
    """The answer a solver would give for a slightly different launch."""
    other = copy.deepcopy(puzzle)
    a = math.radians(puzzle["angle"]) + turn
    other["velocity"] = [
        puzzle["speed"] * speed * math.cos(a),
        puzzle["speed"] * speed * math.sin(a),
    ]
    return GEN.solve(other, {})


def test_checker_rejects_each_kind_of_wrong_fact(monkeypatch):
    """One corruption per fact the rubric states."""
    for index in range(6):
        puzzle, answer, params = GEN.instance(index)

        def wrong_walls(a):  # 3: the walls in another order
            a["walls"] = a["walls"][::-1] if len(set(a["walls"])) > 1 else ["top"] * len(a["walls"])

        def one_bounce_short(a):  # 3: a bounce left out
            a["events"].pop()

        def bent_path(a):  # 2: a sample off the straight line
            a["trajectory"][len(a["trajectory"]) // 2][1] += 17.0

        def break_reflection(a):  # 4
            a["events"][0]["v_out"] = [-v for v in a["events"][0]["v_in"]]

        def lose_speed(a):  # 4
            a["events"][-1]["v_out"] = [v * 0.9 for v in a["events"][-1]["v_out"]]

        def wrong_end(a):  # 6
            a["final"] = [a["final"][0] + 20, a["final"][1]]

        corruptions = [
            wrong_walls,
            one_bounce_short,
            bent_path,
            break_reflection,
            lose_speed,
            wrong_end,
        ]
        for corrupt in corruptions:
            bad = copy.deepcopy(answer)
            corrupt(bad)
            with pytest.raises(CheckFailed):
                GEN.check(puzzle, bad, params)
        # whole answers that are consistent but simulated wrong: another launch direction (1),
        # a slower ball (2)
        for bad in (relaunched(puzzle, turn=0.05), relaunched(puzzle, speed=0.9)):
            with pytest.raises(CheckFailed):
                GEN.check(puzzle, bad, params)
        # 5: a solver whose walls sit further out lets the ball pass through the real ones
        with monkeypatch.context() as m:
            m.setattr(bounce, "BOX", (40.0, 40.0, 960.0, 960.0))
            bad = GEN.solve(puzzle, params)
        with pytest.raises(CheckFailed):
            GEN.check(puzzle, bad, params)


def test_motion_glides_in_real_time():
    """The ball never moves more than MOST_PER_FRAME units between two frames at 16 fps."""
    for i in range(40):
        puzzle = GEN.puzzle(i)
        assert math.hypot(*puzzle["velocity"]) / PLAYBACK_FPS <= MOST_PER_FRAME


def test_level_5_needs_more_bounces_than_level_1():
    def bounces(level):
        return sum(len(GEN.instance(i, difficulty=level)[1]["events"]) for i in range(10)) / 10

    assert bounces(1) == 1 and bounces(5) >= 7


def test_same_sample_is_byte_identical(tmp_path):
    GEN.assert_byte_identical(tmp_path)


def test_answer_does_not_depend_on_render_params():
    GEN.assert_render_params_ignored()


def test_200_distinct_instances():
    GEN.assert_distinct()
