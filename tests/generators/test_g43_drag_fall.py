"""G-43 falling with drag: exact motion, re-integrated by the checker; every rubric fact is
checked; the decoded video shows each ball levelling off at its terminal speed."""

from __future__ import annotations

import copy

import pytest

from generators import lookup
from generators.kit import NAMED, CheckFailed
from generators.kit.physics import rk4_step
from generators.tasks.g43_drag_fall import COLOURS, Tower, simulate

from .conftest import VALIDATE, Gen
from .decoded import centroid, decoded_sample, frame_time, line_fit

GEN = Gen("G-43_drag_fall")


def test_lookup_short_name():
    assert lookup("G-drag_fall") == GEN.id


@pytest.mark.parametrize("index,video,params", VALIDATE)
def test_samples_validate(tmp_path, index, video, params):
    GEN.assert_valid(tmp_path, index, video, **params)


def test_checker_accepts_solver_answers_at_every_level():
    GEN.assert_solves(range(15), vary=lambda i: {"difficulty": 1 + i % 5})


def test_exact_motion_matches_a_fine_integration():
    for level in (1, 5):
        puzzle, answer, _ = GEN.instance(3, difficulty=level)
        for ball, rows in zip(puzzle["balls"], answer["samples"]):
            y, v, h = ball["height"], 0.0, 1e-3
            t_mid = rows[len(rows) // 2][0]
            for _ in range(round(t_mid / h)):
                y, v = rk4_step(drag_law(ball, puzzle["law"]), y, v, h)
            assert rows[len(rows) // 2][1:] == pytest.approx([y, v], abs=1e-6)


def drag_law(ball, law):
    k, n = ball["drag"] / ball["mass"], 1 if law == "linear" else 2
    return lambda _y, u: -9.81 - k * u * abs(u) ** (n - 1)


def heavier(puzzle, answer):
    return simulate(puzzle, mass=1.3)


def more_drag(puzzle, answer):
    return simulate(puzzle, drag=1.3)


def no_drag(puzzle, answer):
    return simulate(puzzle, drag=1e-9)


def weaker_gravity(puzzle, answer):
    return simulate(puzzle, g=9.0)


def wrong_terminal_speed(puzzle, answer):
    answer["terminal_speeds"][0] *= 1.05
    return answer


def swapped_order(puzzle, answer):
    answer["order"][0], answer["order"][1] = answer["order"][1], answer["order"][0]
    return answer


def late_landing(puzzle, answer):
    answer["landing_times"][0] += 0.2
    return answer


@pytest.mark.parametrize("corrupt,reason", [
    (heavier, "terminal speed"), (more_drag, "terminal speed"), (no_drag, "terminal speed"),
    (weaker_gravity, "terminal speed"), (wrong_terminal_speed, "terminal speed"),
    (swapped_order, "order"), (late_landing, "landing time"),
])  # fmt: skip
def test_checker_rejects_each_wrong_fact(corrupt, reason):
    puzzle, answer, params = GEN.instance(4)
    with pytest.raises(CheckFailed, match=reason):
        GEN.check(puzzle, corrupt(puzzle, copy.deepcopy(answer)), params)


def test_trajectories_with_wrong_physics_are_rejected_even_with_the_right_summary():
    puzzle, answer, params = GEN.instance(4)
    for wrong in (simulate(puzzle, mass=1.3), simulate(puzzle, drag=0.8), simulate(puzzle, g=9.5)):
        bad = {**answer, "samples": wrong["samples"]}
        with pytest.raises(CheckFailed, match=r"does not fall|land"):
            GEN.check(puzzle, bad, params)


def test_level_5_drops_more_balls_from_different_heights_and_misleads():
    easy = [GEN.instance(i, difficulty=1) for i in range(8)]
    hard = [GEN.instance(i, difficulty=5) for i in range(8)]
    assert {len(p["balls"]) for p, _, _ in easy} == {2}
    assert {len(p["balls"]) for p, _, _ in hard} == {4}
    for puzzle, answer, _ in hard:
        first = next(b for b in puzzle["balls"] if b["label"] == answer["order"][0])
        assert first["mass"] < max(b["mass"] for b in puzzle["balls"])  # heaviest is not first
        assert first["height"] > min(b["height"] for b in puzzle["balls"])  # nor the lowest
        assert len({b["height"] for b in puzzle["balls"]}) > 1


def long_runs(answer) -> list[int]:
    """Balls that fall on for 0.8 s after 3 time constants (within 0.5% of terminal speed)."""
    return [k for k, (v, t) in enumerate(zip(answer["terminal_speeds"], answer["landing_times"]))
            if t > 3 * v / 9.81 + 0.8]  # fmt: skip


def test_decoded_video_shows_the_terminal_speed(tmp_path):
    """Late in a long fall (over 3 time constants) the ball moves at sqrt(m g / c)."""
    index, i = next((n, k) for n in range(100) for k in long_runs(GEN.instance(n, seed=5)[1]))
    meta, frames = decoded_sample(GEN.id, tmp_path, index=index, seed=5)
    puzzle, answer, fps = meta["puzzle"], meta["answer"], meta["fps"]
    tower = Tower(puzzle)
    tau = [v / 9.81 for v in answer["terminal_speeds"]]
    shelf = tower.y(puzzle["balls"][i]["height"]) + 20  # below it: the ball, not its letter
    box = (tower.lanes[i] - 40, shelf + 10, tower.lanes[i] + 40, 1000)
    ts, ys = [], []
    for k, frame in enumerate(frames):
        t = frame_time(k, fps)
        if 3 * tau[i] < t < answer["landing_times"][i] - 0.1:
            ts.append(t)
            ys.append(centroid(frame, NAMED[COLOURS[i]], box=box)[1])
    assert len(ts) >= 8
    speed, _ = line_fit(ts, ys)
    assert speed / tower.s == pytest.approx(answer["terminal_speeds"][i], rel=0.01)


def test_nothing_moves_more_than_3_percent_of_the_width_per_frame():
    for i in range(40):
        puzzle, answer, _ = GEN.instance(i, difficulty=1 + i % 5)
        assert max(answer["terminal_speeds"]) * Tower(puzzle).s / 16 <= 30


def test_same_sample_is_byte_identical(tmp_path):
    GEN.assert_byte_identical(tmp_path)


def test_answer_does_not_depend_on_render_params():
    GEN.assert_render_params_ignored()


def test_200_distinct_instances():
    GEN.assert_distinct(seeds=(0, 7))
