"""G-44 break shot: exact event-driven elastic collisions, verified event by event; every
rubric fact is checked; the decoded video shows the centre of mass moving uniformly at the
cue disc's momentum over the total mass."""

from __future__ import annotations

import copy
import math

import numpy as np
import pytest

from generators import lookup
from generators.kit import NAMED, CheckFailed
from generators.tasks.g44_break_shot import COLOURS, CUE, VIEW, H, W, simulate

from .conftest import VALIDATE, Gen
from .decoded import centroid, decoded_sample, frame_time, line_fit

GEN = Gen("G-44_break_shot")


def test_lookup_short_name():
    assert lookup("G-break_shot") == GEN.id


@pytest.mark.parametrize("index,video,params", VALIDATE)
def test_samples_validate(tmp_path, index, video, params):
    GEN.assert_valid(tmp_path, index, video, **params)


def test_checker_accepts_solver_answers_at_every_level():
    GEN.assert_solves(range(10), vary=lambda i: {"difficulty": 1 + i % 5})


def test_momentum_and_energy_are_conserved_in_every_collision():
    for i in range(5):
        puzzle, answer, _ = GEN.instance(i, difficulty=5)
        m = [d["mass"] for d in puzzle["discs"]]
        vel = [[0.0, 0.0] for _ in m]
        vel[0] = puzzle["cue_velocity"]
        for e in answer["events"]:
            if e["kind"] == "disc":
                i, j = e["discs"]
                p0 = np.add(np.multiply(m[i], vel[i]), np.multiply(m[j], vel[j]))
                p1 = np.add(
                    np.multiply(m[i], e["velocities"][0]), np.multiply(m[j], e["velocities"][1])
                )
                assert p1 == pytest.approx(p0, abs=1e-6)
            for k, v in zip(e["discs"], e["velocities"]):
                vel[k] = v
        energy = sum(mi * (v[0] ** 2 + v[1] ** 2) for mi, v in zip(m, vel))
        assert energy == pytest.approx(
            m[0] * sum(c * c for c in puzzle["cue_velocity"]), rel=1e-5
        ) or any(e["kind"] == "pocket" for e in answer["events"])


def mixed_instance():
    return GEN.instance(4, difficulty=3)


def equal_masses(puzzle, answer):
    return {**answer, "events": simulate(puzzle, masses=[0.15] * len(puzzle["discs"]))["events"]}


def lossy(puzzle, answer):
    return {**answer, "events": simulate(puzzle, restitution=0.9)["events"]}


def faster_cue(puzzle, answer):
    fast = {**puzzle, "cue_velocity": [1.05 * v for v in puzzle["cue_velocity"]]}
    return {**answer, "events": simulate(fast)["events"]}


def skipped_cushion(puzzle, answer):
    events = list(answer["events"])
    events.remove(next(e for e in events if e["kind"] == "cushion"))
    return {**answer, "events": events}


def other_pocket(puzzle, answer):
    bad = copy.deepcopy(answer)
    bad["pocketed"][0][1] = "top-left" if bad["pocketed"][0][1] != "top-left" else "top-right"
    return bad


def other_first_hit(puzzle, answer):
    return {**answer, "first_hit": "blue" if answer["first_hit"] != "blue" else "red"}


def nudged_sample(puzzle, answer):
    bad = copy.deepcopy(answer)
    row = bad["samples"][len(bad["samples"]) // 2][1]
    row[0][0] += 0.01
    return bad


@pytest.mark.parametrize("corrupt,reason", [
    (equal_masses, "momentum"), (lossy, "energy"), (faster_cue, "next contact"),
    (skipped_cushion, r"next contact|missing"), (other_pocket, "pocketed"), (other_first_hit, "first hits"),
    (nudged_sample, "where the events"),
])  # fmt: skip
def test_checker_rejects_each_wrong_fact(corrupt, reason):
    puzzle, answer, params = mixed_instance()
    assert len({d["mass"] for d in puzzle["discs"]}) > 1
    assert any(e["kind"] == "cushion" for e in answer["events"])
    with pytest.raises(CheckFailed, match=reason):
        GEN.check(puzzle, corrupt(puzzle, copy.deepcopy(answer)), params)


def test_level_5_has_more_discs_and_more_collisions():
    def collisions(level):
        return [
            sum(e["kind"] == "disc" for e in GEN.instance(i, difficulty=level)[1]["events"])
            for i in range(6)
        ]

    assert {len(GEN.puzzle(i, difficulty=1)["discs"]) for i in range(6)} == {2}
    assert {len(GEN.puzzle(i, difficulty=5)["discs"]) for i in range(6)} == {7}
    assert sum(collisions(5)) >= 2 * sum(collisions(1))


def test_the_outcome_survives_small_changes_of_the_scene():
    """Positions read off the picture to a few millimetres give the same pockets."""
    rng = np.random.default_rng(0)
    for i in range(4):
        puzzle, answer, _ = GEN.instance(i, difficulty=4)
        for _ in range(3):
            discs = [
                {**d, "at": [d["at"][0] + rng.uniform(-0.0015, 0.0015), d["at"][1]]}
                for d in puzzle["discs"]
            ]
            other = simulate({**puzzle, "discs": discs})
            assert [p[:2] for p in other["pocketed"]] == [p[:2] for p in answer["pocketed"]]


def test_decoded_centre_of_mass_moves_at_the_cue_momentum_over_the_total_mass(tmp_path):
    """Momentum conservation seen in the video: until a cushion or pocket acts, the centre of
    mass of all discs moves in a straight line at (cue mass x cue velocity) / total mass,
    through every collision."""

    def free_run(answer):
        walls = [e["t"] for e in answer["events"] if e["kind"] != "disc"]
        hits = [e["t"] for e in answer["events"] if e["kind"] == "disc"]
        return min(walls) if len(hits) >= 2 else 0.0

    index = next(n for n in range(60) if free_run(GEN.instance(n, seed=5, difficulty=2)[1]) > 1.6)
    meta, frames = decoded_sample(GEN.id, tmp_path, index=index, seed=5, difficulty=2)
    puzzle, answer, fps = meta["puzzle"], meta["answer"], meta["fps"]
    masses = [d["mass"] for d in puzzle["discs"]]
    colours = [CUE] + [NAMED[c] for c in COLOURS]
    x0, y1 = VIEW.pt(0, 0)
    x1, y0 = VIEW.pt(W, H)
    end = free_run(answer)
    ts, xs, ys = [], [], []
    for k, frame in enumerate(frames):
        t = frame_time(k, fps)
        if 0.05 < t < end - 0.05:
            spots = [centroid(frame, colours[d], box=(x0, y0, x1, y1)) for d in range(len(masses))]
            ts.append(t)
            xs.append(sum(m * s[0] for m, s in zip(masses, spots)) / sum(masses))
            ys.append(sum(m * s[1] for m, s in zip(masses, spots)) / sum(masses))
    vx, _ = line_fit(ts, xs)
    vy, _ = line_fit(ts, ys)
    want = np.multiply(masses[0] / sum(masses), puzzle["cue_velocity"]) * VIEW.s
    got = np.array([vx, -vy])
    assert np.linalg.norm(got - want) / np.linalg.norm(want) < 0.01
    residual = np.array(xs) - np.polyval(np.polyfit(ts, xs, 1), ts)
    assert np.abs(residual).max() < 1.0  # uniform, through the collisions


def test_nothing_moves_more_than_3_percent_of_the_width_per_frame():
    for i in range(20):
        _, answer, _ = GEN.instance(i, difficulty=1 + i % 5)
        fastest = max(math.hypot(*v) for e in answer["events"] for v in e["velocities"])
        assert fastest * VIEW.s / 16 <= 30


def test_same_sample_is_byte_identical(tmp_path):
    GEN.assert_byte_identical(tmp_path)


def test_answer_does_not_depend_on_render_params():
    GEN.assert_render_params_ignored()


def test_200_distinct_instances():
    GEN.assert_distinct(seeds=(0, 7))
