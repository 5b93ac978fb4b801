"""G-48 projectile in the wind: drag against the velocity through the air, exact (linear) or
integrated (quadratic); the checker integrates afresh; every rubric fact is checked; the
decoded video shows the drag rate b / m."""

from __future__ import annotations

import copy
import itertools
import math

import numpy as np
import pytest

from generators import lookup
from generators.kit import NAMED, CheckFailed
from generators.kit.physics import rk4_vec_step
from generators.tasks.g48_wind_projectile import _view, fly, simulate

from .conftest import VALIDATE, Gen
from .decoded import centroid, decoded_sample, frame_time

GEN = Gen("G-48_wind_projectile")


def test_lookup_short_name():
    assert lookup("G-wind_projectile") == GEN.id


@pytest.mark.parametrize("index,video,params", VALIDATE)
def test_samples_validate(tmp_path, index, video, params):
    GEN.assert_valid(tmp_path, index, video, **params)


def test_checker_accepts_solver_answers_at_every_level():
    GEN.assert_solves(range(15), vary=lambda i: {"difficulty": 1 + i % 5})


def test_exact_linear_drag_matches_a_fine_integration():
    puzzle = GEN.puzzle(2, difficulty=1)
    k, w = puzzle["drag"] / puzzle["mass"], puzzle["wind"]
    a = math.radians(puzzle["angle"])
    s = (0.0, puzzle["height"], puzzle["speed"] * math.cos(a), puzzle["speed"] * math.sin(a))
    for _ in range(1000):
        s = rk4_vec_step(lambda q: (q[2], q[3], -k * (q[2] - w), -9.81 - k * q[3]), s, 1e-3)
    (row,), _ = fly(puzzle, [1.0])
    assert row[1:] == pytest.approx(s, abs=1e-9)


def no_wind(puzzle, answer):
    return simulate(puzzle, wind=0.0)


def reversed_wind(puzzle, answer):
    return simulate(puzzle, wind=-puzzle["wind"])


def more_drag(puzzle, answer):
    return simulate(puzzle, drag=1.3 * puzzle["drag"])


def heavier(puzzle, answer):
    return simulate(puzzle, mass=1.3 * puzzle["mass"])


def weaker_gravity(puzzle, answer):
    return simulate(puzzle, g=9.5)


def other_flags(puzzle, answer):
    a, b = answer["between"]
    return {**answer, "between": [a + 1, b + 1] if b < len(puzzle["flags"]) else [a - 1, b - 1]}


def further(puzzle, answer):
    return {**answer, "landing_x": answer["landing_x"] + 0.5}


def higher_apex(puzzle, answer):
    return {**answer, "apex": answer["apex"] + 0.5}


@pytest.mark.parametrize("corrupt,reason", [
    (no_wind, "wind, drag"), (reversed_wind, "wind, drag"), (more_drag, "wind, drag"),
    (heavier, "wind, drag"), (weaker_gravity, "wind, drag"), (other_flags, "other flags"),
    (further, "landing"), (higher_apex, "highest"),
])  # fmt: skip
@pytest.mark.parametrize("level", [2, 4])
def test_checker_rejects_each_wrong_fact(corrupt, reason, level):
    puzzle, answer, params = GEN.instance(4, difficulty=level)
    with pytest.raises(CheckFailed, match=reason):
        GEN.check(puzzle, corrupt(puzzle, copy.deepcopy(answer)), params)


def test_the_lure_holds_leaving_out_wind_or_drag_changes_the_flags():
    for i in range(6):
        puzzle, answer, _ = GEN.instance(i, difficulty=3)
        assert simulate(puzzle, wind=0.0)["between"] != answer["between"]


def test_level_5_has_more_flags_quadratic_drag_and_a_tower():
    easy = [GEN.puzzle(i, difficulty=1) for i in range(8)]
    hard = [GEN.puzzle(i, difficulty=5) for i in range(8)]
    assert all(len(p["flags"]) == 4 and p["law"] == "linear" and p["height"] == 0 for p in easy)
    assert all(len(p["flags"]) == 7 and p["law"] == "quadratic" and p["height"] > 0 for p in hard)


def test_decoded_video_shows_the_drag_rate_b_over_m(tmp_path):
    """Fit the drag rate k to the ball's decoded path: x = w t + (u - w)(1 - e^-kt) / k,
    y = h - g t / k + (v + g / k)(1 - e^-kt) / k."""

    def curved(n):
        puzzle, answer, _ = GEN.instance(n, seed=5, difficulty=1)
        return puzzle["drag"] / puzzle["mass"] * answer["landing_time"] > 0.6

    index = next(n for n in range(60) if curved(n))
    meta, frames = decoded_sample(GEN.id, tmp_path, index=index, size=512, difficulty=1)
    puzzle, answer, fps = meta["puzzle"], meta["answer"], meta["fps"]
    view = _view(puzzle)
    ts, xs, ys = [], [], []
    for k, frame in enumerate(frames):
        t = frame_time(k, fps)
        if 0.05 < t < answer["landing_time"] - 0.05:
            x, y = centroid(frame, NAMED["red"], box=(0, 200, 1000, 1000))
            ts.append(t)
            xs.append((x - view.ox) / view.s)
            ys.append((view.oy - y) / view.s)
    ts, xs, ys = map(np.array, (ts, xs, ys))
    a = math.radians(puzzle["angle"])
    u, v, w, g = puzzle["speed"] * math.cos(a), puzzle["speed"] * math.sin(a), puzzle["wind"], 9.81

    def misfit(k):
        e = 1 - np.exp(-k * ts)
        return np.sum(
            (w * ts + (u - w) * e / k - xs) ** 2 + (-g / k * ts + (v + g / k) * e / k - ys) ** 2
        )

    lo, hi = 0.01, 2.0
    for _ in range(80):  # golden-section search for the best k
        m1, m2 = hi - (hi - lo) / 1.618, lo + (hi - lo) / 1.618
        lo, hi = (lo, m2) if misfit(m1) < misfit(m2) else (m1, hi)
    assert (lo + hi) / 2 == pytest.approx(puzzle["drag"] / puzzle["mass"], rel=0.01)


def test_nothing_moves_more_than_3_percent_of_the_width_per_frame():
    for i in range(30):
        puzzle, answer, _ = GEN.instance(i, difficulty=1 + i % 5)
        rows = answer["samples"]
        fastest = max(math.dist(a[1:], b[1:]) / (b[0] - a[0]) for a, b in itertools.pairwise(rows))
        assert fastest * _view(puzzle).s / 16 <= 30


def test_same_sample_is_byte_identical(tmp_path):
    GEN.assert_byte_identical(tmp_path)


def test_answer_does_not_depend_on_render_params():
    GEN.assert_render_params_ignored()


def test_200_distinct_instances():
    GEN.assert_distinct(seeds=(0, 7))
