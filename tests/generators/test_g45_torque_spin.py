"""G-45 torque and spin: alpha = F r / I re-derived by the checker; every rubric fact is
checked; the decoded video shows the red mark's angle growing as alpha t^2 / 2."""

from __future__ import annotations

import copy
import math

import numpy as np
import pytest

from generators import lookup
from generators.kit import NAMED, CheckFailed
from generators.tasks.g45_torque_spin import SCALE, _centre, inertia, simulate

from .conftest import VALIDATE, Gen
from .decoded import centroid, decoded_sample, frame_time

GEN = Gen("G-45_torque_spin")


def test_lookup_short_name():
    assert lookup("G-torque_spin") == GEN.id


@pytest.mark.parametrize("index,video,params", VALIDATE)
def test_samples_validate(tmp_path, index, video, params):
    GEN.assert_valid(tmp_path, index, video, **params)


def test_checker_accepts_solver_answers_at_every_level():
    GEN.assert_solves(range(15), vary=lambda i: {"difficulty": 1 + i % 5})


def test_moments_of_inertia_of_the_shapes():
    assert inertia({"shape": "disc", "mass": 2.0, "radius": 0.3}) == pytest.approx(0.09)
    assert inertia({"shape": "ring", "mass": 2.0, "radius": 0.3}) == pytest.approx(0.18)
    assert inertia({"shape": "rod", "mass": 2.0, "radius": 0.3}) == pytest.approx(2.0 * 0.6**2 / 12)


def wrong_inertia(puzzle, answer):  # a disc taken as a ring, a ring as a disc...
    return simulate(puzzle, inertia_factor=2.0)


def heavier(puzzle, answer):
    return simulate(puzzle, inertia_factor=1.3)


def rim_lever(puzzle, answer):  # the force's arm taken as the rim radius, not the hub's
    return simulate(puzzle, arm="rim")


def no_cutoff(puzzle, answer):
    return simulate(puzzle, ignore_off=True)


def other_way(puzzle, answer):
    bad = copy.deepcopy(answer)
    bad["alphas"] = [-a for a in bad["alphas"]]
    return bad


def wrong_mark(puzzle, answer):
    return {**answer, "marks": [m % 12 + 1 for m in answer["marks"]]}


def wrong_turns(puzzle, answer):
    return {**answer, "turns": [t + 1 for t in answer["turns"]]}


def wrong_speed(puzzle, answer):
    return {**answer, "speeds": [1.1 * s for s in answer["speeds"]]}


def wrong_ranking(puzzle, answer):
    return {**answer, "ranking": answer["ranking"][::-1]}


@pytest.mark.parametrize("corrupt,reason", [
    (wrong_inertia, "F r / I"), (heavier, "F r / I"), (rim_lever, "F r / I"),
    (no_cutoff, "spun up"), (other_way, "F r / I"), (wrong_mark, "mark points"),
    (wrong_turns, "full turns"), (wrong_speed, "angular speed"), (wrong_ranking, "ranking"),
])  # fmt: skip
def test_checker_rejects_each_wrong_fact(corrupt, reason):
    puzzle, answer, params = GEN.instance(4, difficulty=4)
    assert puzzle["off"] is not None and len(puzzle["wheels"]) == 2
    with pytest.raises(CheckFailed, match=reason):
        GEN.check(puzzle, corrupt(puzzle, copy.deepcopy(answer)), params)


def test_level_5_has_more_wheels_a_cutoff_and_no_stated_inertia():
    easy = [GEN.puzzle(i, difficulty=1) for i in range(8)]
    hard = [GEN.puzzle(i, difficulty=5) for i in range(8)]
    assert {len(p["wheels"]) for p in easy} == {1} and {len(p["wheels"]) for p in hard} == {3}
    assert all(p["off"] is None and p["wheels"][0]["inertia"] is not None for p in easy)
    assert all(
        p["off"] is not None and all(w["inertia"] is None for w in p["wheels"]) for p in hard
    )
    for i in range(8):  # the strongest pull never wins at level 5
        puzzle, answer, _ = GEN.instance(i, difficulty=5)
        strongest = max(range(3), key=lambda k: puzzle["wheels"][k]["force"])
        assert answer["ranking"][0] != "ABC"[strongest]


def test_decoded_video_shows_alpha_equal_to_torque_over_inertia(tmp_path):
    meta, frames = decoded_sample(GEN.id, tmp_path, index=1, size=512, difficulty=2)
    puzzle, answer, fps = meta["puzzle"], meta["answer"], meta["fps"]
    cx, cy = _centre(puzzle, 0)
    rim = puzzle["wheels"][0]["radius"] * SCALE
    ts, angles = [], []
    for k, frame in enumerate(frames):
        t = frame_time(k, fps)
        if 0 < t < puzzle["duration"] and k < len(frames) - 16:  # the closing hold rings the answer
            x, y = centroid(frame, NAMED["red"], box=(cx - rim, cy - rim, cx + rim, cy + rim))
            ts.append(t)
            angles.append(math.atan2(x - cx, cy - y))  # clockwise from 12
    angles = np.unwrap(angles)
    curve = np.polyfit(ts, angles, 2)
    assert abs(2 * curve[0]) == pytest.approx(abs(answer["alphas"][0]), rel=0.01)
    assert math.copysign(1, curve[0]) == puzzle["wheels"][0]["sense"]


def test_nothing_moves_more_than_3_percent_of_the_width_per_frame():
    for i in range(40):
        puzzle, answer, _ = GEN.instance(i, difficulty=1 + i % 5)
        for w, speed in zip(puzzle["wheels"], answer["speeds"]):
            assert abs(speed) * w["radius"] * SCALE / 16 <= 30


def test_same_sample_is_byte_identical(tmp_path):
    GEN.assert_byte_identical(tmp_path)


def test_answer_does_not_depend_on_render_params():
    GEN.assert_render_params_ignored()


def test_200_distinct_instances():
    GEN.assert_distinct(seeds=(0, 7))
