"""G-31 reappearance: the checker walks the ball step by step with mirror bounces, apart
from the solver's unfolding; every rubric fact corrupted; the decoded video shows the ball
rolling at the arrow's velocity and coming out where and when the answer says."""

from __future__ import annotations

import copy
import math

import pytest

from generators import lookup
from generators.kit import NAMED, CheckFailed
from generators.tasks.g31_reappearance import R, ball_at, end_time

from .conftest import VALIDATE, Gen
from .decoded import centroid, decoded_sample, line_fit

GEN = Gen("G-31_reappearance")


def test_lookup_short_name():
    assert lookup("G-reappearance") == GEN.id


@pytest.mark.parametrize("index,video,params", VALIDATE)
def test_samples_validate(tmp_path, index, video, params):
    GEN.assert_valid(tmp_path, index, video, **params)


def test_checker_accepts_solver_answers_at_every_level():
    GEN.assert_solves(range(15), vary=lambda i: {"difficulty": 1 + i % 5})


def rolled(puzzle, answer, scale=1.0, rails=True):
    """Samples of a ball rolling `scale` times as fast, or straight through the rails."""
    y0, (vx, vy) = puzzle["start"][1], puzzle["velocity"]
    rows = []
    for t, _, _ in answer["samples"]:
        x, y, _ = ball_at({**puzzle, "velocity": [vx * scale, vy * scale]}, t)
        rows.append([t, x, y if rails else y0 + vy * t])
    return {**answer, "samples": rows}


def faster(puzzle, answer):
    return rolled(puzzle, answer, 1.05)


def through_rails(puzzle, answer):
    return rolled(puzzle, answer, rails=False)


def other_mark(puzzle, answer):
    return {**answer, "mark": "B" if answer["mark"] == "A" else "A"}


def later(puzzle, answer):
    return {**answer, "out_time": answer["out_time"] + 0.2}


def lower(puzzle, answer):
    return {**answer, "out_y": answer["out_y"] + 15}


def more_bounces(puzzle, answer):
    return {**answer, "hidden_bounces": answer["hidden_bounces"] + 1}


@pytest.mark.parametrize("corrupt,reason", [
    (faster, "where it rolls"), (through_rails, "where it rolls"), (other_mark, "mark"),
    (later, "another time"), (lower, "another height"), (more_bounces, "bounces"),
])  # fmt: skip
@pytest.mark.parametrize("level", [3, 5])
def test_checker_rejects_each_wrong_fact(corrupt, reason, level):
    puzzle, answer, params = GEN.instance(4, difficulty=level)
    with pytest.raises(CheckFailed, match=reason):
        GEN.check(puzzle, corrupt(puzzle, copy.deepcopy(answer)), params)


def test_level_5_hides_more_bounces_for_longer_than_level_1():
    easy = [GEN.instance(i, difficulty=1) for i in range(10)]
    hard = [GEN.instance(i, difficulty=5) for i in range(10)]
    assert all(a["hidden_bounces"] == 0 for _, a, _ in easy)
    assert all(a["hidden_bounces"] == 2 for _, a, _ in hard)
    width = [p["block"][1] - p["block"][0] for p, _, _ in hard]
    assert min(width) > max(p["block"][1] - p["block"][0] for p, _, _ in easy)


@pytest.mark.parametrize("level", [1, 5])
def test_decoded_video_ball_rolls_and_comes_out_as_answered(tmp_path, level):
    """The velocity fitted to the red ball before the block is the arrow's within 1%; after
    the block it has the same speed, and the fitted line meets the block's side at the
    answered height (within 1% of the width) at the answered time (within 1%)."""
    meta, frames = decoded_sample(GEN.id, tmp_path, index=2, size=512, difficulty=level)
    puzzle, answer, fps = meta["puzzle"], meta["answer"], meta["fps"]
    end, a, b = end_time(puzzle), *puzzle["block"]
    n = round(end * fps)
    seen = []
    for k, frame in enumerate(frames[: 8 + n]):
        spot = centroid(frame, NAMED["red"], box=(0, 240, 1000, 820))
        x = spot and spot[0]
        if spot and not a - R - 8 < x < b + R + 8:  # wholly in view
            seen.append((end * max(0, k - 7) / n, *spot))
    vx0, vy0 = puzzle["velocity"]
    before = [s for s in seen if s[1] < a and s[0] > 0]
    after = [s for s in seen if s[1] > b]
    assert len(before) > 5 and len(after) > 5
    vx, _ = line_fit([s[0] for s in before], [s[1] for s in before])
    vy, _ = line_fit([s[0] for s in before], [s[2] for s in before])
    assert math.hypot(vx - vx0, vy - vy0) < 0.01 * math.hypot(vx0, vy0)
    ux, cx = line_fit([s[0] for s in after], [s[1] for s in after])
    uy, cy = line_fit([s[0] for s in after], [s[2] for s in after])
    assert math.hypot(ux, uy) == pytest.approx(math.hypot(vx0, vy0), rel=0.01)
    t_out = (b - R - cx) / ux
    assert t_out == pytest.approx(answer["out_time"], rel=0.01)
    assert abs(cy + uy * t_out - answer["out_y"]) < 10


def test_same_sample_is_byte_identical(tmp_path):
    GEN.assert_byte_identical(tmp_path)


def test_answer_does_not_depend_on_render_params():
    GEN.assert_render_params_ignored()


def test_200_distinct_instances():
    GEN.assert_distinct(seeds=(0, 7))
