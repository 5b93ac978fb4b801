import copy
import math

import pytest

from generators import lookup
from generators.kit import CheckFailed
from generators.kit.physics import MOST_PER_FRAME, PLAYBACK_FPS
from generators.tasks import g17_billiards as billiards

from .conftest import VALIDATE, Gen

GEN = Gen("G-17_billiards")


def test_lookup_short_name():
    assert lookup("G-billiards") == GEN.id


@pytest.mark.parametrize("index,video,params", VALIDATE)
def test_samples_validate(tmp_path, index, video, params):
    GEN.assert_valid(tmp_path, index, video, **params)


def test_checker_accepts_solver_answers():
    for _, answer, _ in GEN.assert_solves(min_cushions=1, max_cushions=5):
        assert 1 <= answer["count"] <= 5


def test_checker_rejects_corrupted_answers():
    puzzle, answer, params = GEN.instance(4, min_cushions=2, max_cushions=3)
    mid = len(answer["samples"]) // 2
    bad = copy.deepcopy(answer)
    bad["samples"][mid][1] += 0.06  # 6 cm: about 3% of the table
    with pytest.raises(CheckFailed):
        GEN.check(puzzle, bad, params)
    bad = copy.deepcopy(answer)  # a rebound moved along its cushion breaks the reflection law
    v = bad["vertices"][1]
    if answer["cushions"][0] in ("left", "right"):
        v[1] += 0.05
    else:
        v[0] += 0.05
    with pytest.raises(CheckFailed):
        GEN.check(puzzle, bad, params)
    bad = copy.deepcopy(answer)  # the wrong pocket named
    bad["pocket"] = next(p for p in ("top-left", "bottom-right") if p != answer["pocket"])
    with pytest.raises(CheckFailed):
        GEN.check(puzzle, bad, params)
    bad = copy.deepcopy(answer)  # a cushion left out
    del bad["vertices"][1], bad["cushions"][0]
    bad["count"] -= 1
    with pytest.raises(CheckFailed):
        GEN.check(puzzle, bad, params)


def test_checker_rejects_each_kind_of_wrong_fact():
    """Rubric facts: the start and direction (1), constant speed (2), the cushions in order
    (3), reflection (4), the pocket and the time (5)."""
    for index in range(4):
        puzzle, answer, params = GEN.instance(index, min_cushions=2, max_cushions=3)
        first = answer["cushions"][0]
        swapped = ["top" if first != "top" else "bottom", *answer["cushions"][1:]]
        wrong = [("cushions", swapped), ("count", answer["count"] + 1),
                 ("duration", answer["duration"] * 1.05),
                 ("pocket", next(p for p in billiards.ORDER if p != answer["pocket"]))]  # fmt: skip
        for key, value in wrong:
            with pytest.raises(CheckFailed):
                GEN.check(puzzle, {**answer, key: value}, params)
        turned = dict(puzzle)  # a solver that shot along a slightly different line
        a = math.atan2(puzzle["direction"][1], puzzle["direction"][0]) + 0.02
        turned["direction"] = [math.cos(a), math.sin(a)]
        with pytest.raises(CheckFailed):
            GEN.check(puzzle, GEN.solve(turned, params), params)
        faster = {**puzzle, "speed": puzzle["speed"] * 1.1}  # ... or at another speed
        with pytest.raises(CheckFailed):
            GEN.check(puzzle, GEN.solve(faster, params), params)


def test_ball_glides_in_real_time():
    for i in range(40):
        puzzle = GEN.puzzle(i, difficulty=i % 5 + 1)
        assert puzzle["speed"] * billiards.SCALE / PLAYBACK_FPS <= MOST_PER_FRAME
        assert "2.00 m by 1.00 m" in GEN.task.prompt(puzzle, {})


def test_level_5_needs_more_cushions_than_level_1():
    def cushions(level):
        return [GEN.instance(i, difficulty=level)[1]["count"] for i in range(10)]

    assert set(cushions(1)) == {1} and min(cushions(5)) >= 4


def test_cushion_count_and_unique_first_pocket():
    from generators.tasks.g17_billiards import POCKETS, trace

    for i in range(20):
        puzzle, answer, _ = GEN.instance(i, min_cushions=2, max_cushions=2)
        assert answer["count"] == 2
        # the ball really is captured by the named pocket and no other pocket lies near the path
        path = trace(puzzle["start"], puzzle["direction"])
        assert path["pocket"] == answer["pocket"]
        end = answer["vertices"][-1]
        assert math.dist(end, POCKETS[answer["pocket"]]) < 1e-3


def test_same_sample_is_byte_identical(tmp_path):
    GEN.assert_byte_identical(tmp_path)


def test_answer_does_not_depend_on_render_params():
    GEN.assert_render_params_ignored()


def test_200_distinct_instances():
    GEN.assert_distinct(seeds=(0, 7))
