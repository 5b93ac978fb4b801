"""G-50 conveyor belt: the box slips at a = mu g toward the belt's speed, then rides with
it; the checker re-derives the motion; the decoded video shows the slipping acceleration."""

from __future__ import annotations

import copy

import numpy as np
import pytest

from generators import lookup
from generators.kit import NAMED, CheckFailed
from generators.kit.physics import MOST_PER_FRAME, PLAYBACK_FPS
from generators.kit.video import OPENING_S
from generators.tasks.g50_conveyor_belt import BELT_Y, BOX, Belt, motion

from .conftest import VALIDATE, Gen
from .decoded import centroid, decoded_sample

GEN = Gen("G-50_conveyor_belt")


def test_lookup_short_name():
    assert lookup("G-conveyor_belt") == GEN.id


@pytest.mark.parametrize("index,video,params", VALIDATE)
def test_samples_validate(tmp_path, index, video, params):
    GEN.assert_valid(tmp_path, index, video, **params)


def test_checker_accepts_solver_answers_at_every_level():
    GEN.assert_solves(range(20), vary=lambda i: {"difficulty": 1 + i % 5})


def solved_with(**wrong):
    """The whole answer solved again with a wrong friction coefficient or gravity."""

    def corrupt(puzzle, answer):
        return GEN.solve({**puzzle, **{k: puzzle[k] * f for k, f in wrong.items()}}, {})

    return corrupt


def shifted(key, by):
    def corrupt(puzzle, answer):
        answer[key] += by
        return answer

    return corrupt


def slips_on(puzzle, answer):
    """The samples keep accelerating past the moment the box reaches the belt's speed."""
    mo = motion(puzzle)
    for row in answer["samples"]:
        t = row[0]
        if t > mo["t_slip"]:
            row[1] += mo["a"] * (t - mo["t_slip"]) ** 2 / 2
    return answer


@pytest.mark.parametrize("corrupt,reason", [
    (solved_with(mu=1.1), "acceleration"), (solved_with(mu=0.9), "acceleration"),
    (solved_with(g=0.95), "acceleration"), (solved_with(g=1.05), "acceleration"),
    (shifted("t_slip", 0.05), "slipping does not stop"),
    (shifted("x_slip", 0.05), "slipping distance"),
    (shifted("slip_stop", 0.05), "where the slipping stops"),
    (shifted("final", 0.05), "stated time"),
    (slips_on, "ride with the belt|positions"),
])  # fmt: skip
@pytest.mark.parametrize("level", [3, 4, 5])
def test_checker_rejects_each_wrong_fact(corrupt, reason, level):
    puzzle, answer, params = GEN.instance(2, difficulty=level)
    with pytest.raises(CheckFailed, match=reason):
        GEN.check(puzzle, corrupt(puzzle, copy.deepcopy(answer)), params)


def test_wrong_physics_samples_are_rejected_even_with_the_right_summary():
    puzzle, answer, params = GEN.instance(4)
    for wrong in ({"mu": puzzle["mu"] * 1.05}, {"g": 9.5}):
        bad = {**answer, "samples": GEN.solve({**puzzle, **wrong}, params)["samples"]}
        with pytest.raises(CheckFailed):
            GEN.check(puzzle, bad, params)


def test_slipping_ends_at_the_belt_speed_and_the_box_stays_on_the_belt():
    for i in range(40):
        puzzle, answer, _ = GEN.instance(i, difficulty=1 + i % 5)
        rows = answer["samples"]
        after = [r for r in rows if r[0] > answer["t_slip"]]
        assert after and all(r[2] == pytest.approx(puzzle["belt_speed"]) for r in after)
        xs = [puzzle["start"] + r[1] for r in rows]
        assert min(xs) >= 0.3 - 1e-9 and max(xs) <= puzzle["belt_length"] - 0.3 + 1e-9
        fastest = max(abs(r[2]) for r in rows) * Belt(puzzle).s
        assert fastest / (PLAYBACK_FPS * Belt(puzzle).slow) <= MOST_PER_FRAME


def test_level_5_turns_the_box_round_and_level_1_has_round_numbers():
    easy = [GEN.instance(i, difficulty=1) for i in range(20)]
    hard = [GEN.instance(i, difficulty=5) for i in range(20)]
    assert all(p["launch_speed"] == 0 and round(p["mu"] * 10, 6) % 1 == 0 for p, _, _ in easy)
    for _, answer, _ in hard:  # moves left, stops, comes back: three phases, not two
        vs = [r[2] for r in answer["samples"]]
        assert vs[0] < 0 < vs[-1]


def test_decoded_video_shows_the_slipping_acceleration(tmp_path):
    """From rest, x = x0 + (mu g / 2) t^2 while the box slips: fitted to the box's centre in
    the first frame and in every frame of the slipping."""
    index = next(i for i in range(300) if (lambda p: motion(p)["t_slip"] > 1.5 and
                 Belt(p).slow == 1)(GEN.puzzle(i, seed=5)))  # fmt: skip
    meta, frames = decoded_sample(GEN.id, tmp_path, index, size=512)
    puzzle, answer, fps = meta["puzzle"], meta["answer"], meta["fps"]
    box = (0, BELT_Y - BOX - 10, 1000, BELT_Y - 4)
    opening, n = round(OPENING_S * fps), round(puzzle["time"] * fps)
    ts, xs = [0.0], [centroid(frames[0], NAMED["red"], box=box)[0]]
    for j in range(opening, opening + n):
        t = puzzle["time"] * (j - opening + 1) / n
        if t < answer["t_slip"]:
            ts.append(t)
            xs.append(centroid(frames[j], NAMED["red"], box=box)[0])
    assert len(ts) >= 20
    terms = np.stack([np.ones(len(ts)), np.square(ts)], axis=1)
    _, half_a = np.linalg.lstsq(terms, np.asarray(xs) / Belt(puzzle).s, rcond=None)[0]
    assert 2 * half_a == pytest.approx(puzzle["mu"] * 9.81, rel=0.01)


def test_same_sample_is_byte_identical(tmp_path):
    GEN.assert_byte_identical(tmp_path)


def test_answer_does_not_depend_on_render_params():
    GEN.assert_render_params_ignored()


def test_200_distinct_instances():
    GEN.assert_distinct(seeds=(0, 7))
