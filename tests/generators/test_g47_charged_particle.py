"""G-47 charged particle: exact motion in B (circle), E (parabola) and both (drifting loops),
re-integrated by the checker; every rubric fact is checked; the decoded video shows the
radius m v / (|q| B) and the acceleration q E / m."""

from __future__ import annotations

import copy
import itertools
import math

import numpy as np
import pytest

from generators import lookup
from generators.kit import NAMED, CheckFailed
from generators.kit.physics import rk4_vec_step
from generators.tasks.g47_charged_particle import VIEW, acceleration, motion, simulate

from .conftest import VALIDATE, Gen
from .decoded import centroid, decoded_sample, frame_time

GEN = Gen("G-47_charged_particle")


def test_lookup_short_name():
    assert lookup("G-charged_particle") == GEN.id


@pytest.mark.parametrize("index,video,params", VALIDATE)
def test_samples_validate(tmp_path, index, video, params):
    GEN.assert_valid(tmp_path, index, video, **params)


def test_checker_accepts_solver_answers_at_every_level():
    GEN.assert_solves(range(15), vary=lambda i: {"difficulty": 1 + i % 5})


@pytest.mark.parametrize("level", [1, 2, 5])
def test_exact_motion_matches_a_fine_integration_of_the_lorentz_force(level):
    puzzle = GEN.puzzle(3, difficulty=level)
    state, h = (*puzzle["entry"], *puzzle["entry_velocity"]), 1e-3
    for _ in range(2000):
        state = rk4_vec_step(lambda s: (s[2], s[3], *acceleration(puzzle, s[2], s[3])), state, h)
    assert motion(puzzle, 2.0) == pytest.approx(state, abs=1e-9)


def test_a_positive_charge_turns_counterclockwise_in_a_field_into_the_table():
    puzzle = {
        **GEN.puzzle(0, difficulty=1),
        "charge": 0.01,
        "b_field": -1.0,
        "entry_velocity": [1.0, 0.0],
    }
    _, _, _, vy = motion(puzzle, 0.01)
    assert vy > 0  # moving right, pushed up: a left (counterclockwise) turn


def other_sign(puzzle, answer):
    return simulate(puzzle, charge=-puzzle["charge"])


def heavier(puzzle, answer):
    return simulate(puzzle, mass=1.3 * puzzle["mass"])


def wrong_radius(puzzle, answer):
    return {**answer, "radius": 1.1 * answer["radius"]}


def other_stretch(puzzle, answer):
    return {**answer, "stretch": answer["stretch"] + 1}


def late_exit(puzzle, answer):
    return {**answer, "exit_time": answer["exit_time"] + 0.1}


def nudged_path(puzzle, answer):
    bad = copy.deepcopy(answer)
    bad["samples"][len(bad["samples"]) // 2][2] += 0.01
    return bad


@pytest.mark.parametrize("corrupt,reason", [
    (other_sign, "Lorentz|leaves"), (heavier, "Lorentz|leaves"), (wrong_radius, "radius"),
    (other_stretch, "stretch"), (late_exit, "exit time"), (nudged_path, "Lorentz"),
])  # fmt: skip
def test_checker_rejects_each_wrong_fact_in_a_magnetic_field(corrupt, reason):
    puzzle, answer, params = GEN.instance(4, difficulty=1)
    with pytest.raises(CheckFailed, match=reason):
        GEN.check(puzzle, corrupt(puzzle, copy.deepcopy(answer)), params)


@pytest.mark.parametrize("corrupt", [other_sign, heavier, nudged_path])
def test_checker_rejects_wrong_physics_in_an_electric_field(corrupt):
    puzzle, answer, params = GEN.instance(4, difficulty=2)
    with pytest.raises(CheckFailed, match=r"Lorentz|leaves"):
        GEN.check(puzzle, corrupt(puzzle, copy.deepcopy(answer)), params)


def test_level_5_crosses_the_fields_and_angles_the_entry():
    easy = [GEN.puzzle(i, difficulty=1) for i in range(8)]
    hard = [GEN.puzzle(i, difficulty=5) for i in range(8)]
    assert all(p["angle"] == 0 and p["charge"] > 0 and not any(p["e_field"]) for p in easy)
    assert all(p["b_field"] and any(p["e_field"]) for p in hard)
    assert any(p["angle"] for p in hard)
    assert min(len_stretches(p) for p in hard) > max(len_stretches(p) for p in easy)


def len_stretches(puzzle):
    x0, y0, x1, y1 = puzzle["region"]
    return round(2 * (x1 - x0 + y1 - y0) / puzzle["segment"])


def track(tmp_path, level: int, index: int):
    meta, frames = decoded_sample(GEN.id, tmp_path, index=index, size=512, difficulty=level)
    puzzle, answer, fps = meta["puzzle"], meta["answer"], meta["fps"]
    colour = NAMED["red"] if puzzle["charge"] > 0 else NAMED["blue"]
    x0, y0, x1, y1 = puzzle["region"]
    (left, bottom), (right, top) = VIEW.pt(x0, y0), VIEW.pt(x1, y1)
    ts, xs, ys = [], [], []
    for k, frame in enumerate(frames):
        t = frame_time(k, fps)
        if answer["entry_time"] + 0.15 < t < answer["exit_time"] - 0.15:
            x, y = centroid(frame, colour, box=(left - 30, top - 30, right + 30, bottom + 30))
            ts.append(t)
            xs.append((x - VIEW.ox) / VIEW.s)
            ys.append((VIEW.oy - y) / VIEW.s)
    return puzzle, np.array(ts), np.array(xs), np.array(ys)


def test_decoded_video_shows_the_radius_m_v_over_q_b(tmp_path):
    def arc(n):  # radians of circle inside the field
        puzzle, answer, _ = GEN.instance(n, seed=5, difficulty=1)
        speed = math.hypot(*puzzle["entry_velocity"])
        return (answer["exit_time"] - answer["entry_time"]) * speed / answer["radius"]

    puzzle, ts, xs, ys = track(tmp_path, level=1, index=next(n for n in range(40) if arc(n) > 2.0))
    assert len(ts) >= 20
    # least-squares circle: x^2 + y^2 + D x + E y + F = 0
    a = np.column_stack([xs, ys, np.ones_like(xs)])
    d, e, f = np.linalg.lstsq(a, -(xs**2 + ys**2), rcond=None)[0]
    radius = math.sqrt(d * d / 4 + e * e / 4 - f)
    want = (
        puzzle["mass"]
        * math.hypot(*puzzle["entry_velocity"])
        / (abs(puzzle["charge"]) * abs(puzzle["b_field"]))
    )
    assert radius == pytest.approx(want, rel=0.01)


def test_decoded_video_shows_the_acceleration_q_e_over_m(tmp_path):
    puzzle, ts, xs, ys = track(tmp_path, level=2, index=2)
    assert len(ts) >= 20
    ax = 2 * np.polyfit(ts, xs, 2)[0]
    ay = 2 * np.polyfit(ts, ys, 2)[0]
    want = np.multiply(puzzle["charge"] / puzzle["mass"], puzzle["e_field"])
    assert math.hypot(ax - want[0], ay - want[1]) / math.hypot(*want) < 0.01


def test_nothing_moves_more_than_3_percent_of_the_width_per_frame():
    for i in range(30):
        rows = GEN.instance(i, difficulty=1 + i % 5)[1]["samples"]
        fastest = max(math.dist(a[1:], b[1:]) / (b[0] - a[0]) for a, b in itertools.pairwise(rows))
        assert fastest * VIEW.s / 16 <= 30


def test_same_sample_is_byte_identical(tmp_path):
    GEN.assert_byte_identical(tmp_path)


def test_answer_does_not_depend_on_render_params():
    GEN.assert_render_params_ignored()


def test_200_distinct_instances():
    GEN.assert_distinct(seeds=(0, 7))
