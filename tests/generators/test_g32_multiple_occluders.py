"""G-32 multiple occluders: the checker walks the ball step by step with mirror bounces,
apart from the solver's folding; every rubric fact corrupted; the decoded video shows the
ball rolling at the arrow's speed, bouncing like a mirror, hidden behind the bars."""

from __future__ import annotations

import copy
import math

import pytest

from generators import lookup
from generators.kit import NAMED, CheckFailed
from generators.tasks.g32_multiple_occluders import BOX, RING_R, R, ball_at, reach

from .conftest import VALIDATE, Gen
from .decoded import centroid, decoded_sample, frame_time

GEN = Gen("G-32_multiple_occluders")


def test_lookup_short_name():
    assert lookup("G-multiple_occluders") == GEN.id


@pytest.mark.parametrize("index,video,params", VALIDATE)
def test_samples_validate(tmp_path, index, video, params):
    GEN.assert_valid(tmp_path, index, video, **params)


def test_checker_accepts_solver_answers_at_every_level():
    GEN.assert_solves(range(15), vary=lambda i: {"difficulty": 1 + i % 5})


def rolled(puzzle, answer, scale=1.0, walls=True):
    """Samples of a ball rolling `scale` times as fast, or straight through the walls."""
    (x, y), (vx, vy) = puzzle["start"], puzzle["velocity"]
    fast = {**puzzle, "velocity": [vx * scale, vy * scale]}
    rows = [[t, *(ball_at(fast, t) if walls else (x + vx * t, y + vy * t))]
            for t, _, _ in answer["samples"]]  # fmt: skip
    return {**answer, "samples": rows}


def faster(puzzle, answer):
    return rolled(puzzle, answer, 1.01)


def through_walls(puzzle, answer):
    return rolled(puzzle, answer, walls=False)


def sparse_samples(puzzle, answer):
    return {**answer, "samples": answer["samples"][::2]}


def other_order(puzzle, answer):
    order = answer["order"]
    return {**answer, "order": order[::-1] if len(set(order)) > 1 else order + order[:1]}


def bar_missed(puzzle, answer):
    return {**answer, "order": answer["order"][1:]}


def other_ring(puzzle, answer):
    return {**answer, "ring": "B" if answer["ring"] == "A" else "A"}


def other_end(puzzle, answer):
    x, y = answer["final"]
    return {**answer, "final": [x + 5, y]}


@pytest.mark.parametrize("corrupt,reason", [
    (faster, "where it rolls"), (through_walls, "where it rolls"), (sparse_samples, "fixed rate"),
    (other_order, "passes behind bars"), (bar_missed, "passes behind bars"),
    (other_ring, "ends in ring"), (other_end, "ends in ring"),
])  # fmt: skip
@pytest.mark.parametrize("level", [3, 5])
def test_checker_rejects_each_wrong_fact(corrupt, reason, level):
    puzzle, answer, params = GEN.instance(4, difficulty=level)
    with pytest.raises(CheckFailed, match=reason):
        GEN.check(puzzle, corrupt(puzzle, copy.deepcopy(answer)), params)


def test_level_5_passes_more_bars_for_longer_than_level_1():
    easy = [GEN.instance(i, difficulty=1) for i in range(10)]
    hard = [GEN.instance(i, difficulty=5) for i in range(10)]
    assert all(len(p["bars"]) == 1 and a["order"] == [1] for p, a, _ in easy)
    assert all(len(p["bars"]) == 4 and sorted(set(a["order"])) == [1, 2, 3, 4] for p, a, _ in hard)
    assert min(p["duration"] for p, _, _ in hard) > max(p["duration"] for p, _, _ in easy)


def test_both_kinds_of_bar_from_two_bars_on():
    for i in range(10):
        puzzle, _, _ = GEN.instance(i, difficulty=2 + i % 4)
        upright = {b[2] - b[0] < b[3] - b[1] for b in puzzle["bars"]}
        assert upright == {True, False}


def in_view(puzzle, p) -> bool:
    """The ball at p is wholly in view: clear of every bar and ring by a margin."""
    near_bar = any(reach([b[0] - 12, b[1] - 12, b[2] + 12, b[3] + 12], p, 0)[0]
                   for b in puzzle["bars"])  # fmt: skip
    near_ring = any(math.dist(p, r["at"]) < R + RING_R + 12 for r in puzzle["rings"])
    return not near_bar and not near_ring


def hidden(puzzle, p) -> bool:
    return any(reach(b, p, 8.0)[1] for b in puzzle["bars"])


@pytest.mark.parametrize("level", [1, 5])
def test_decoded_video_ball_rolls_bounces_and_hides(tmp_path, level):
    """The red ball found in each decoded frame where it is wholly in view sits where a
    ball rolling at the arrow's velocity and mirrored at the walls is (within 1% of the
    width); the distance it covers between such frames over the time they span gives the
    arrow's speed within 1%; behind a bar no red shows."""
    meta, frames = decoded_sample(GEN.id, tmp_path, index=2, size=512, difficulty=level)
    puzzle, fps = meta["puzzle"], meta["fps"]
    (vx, vy), box = puzzle["velocity"], (BOX[0] + 6, BOX[1] + 6, BOX[2] - 6, BOX[3] - 6)
    seen, dark = {}, 0
    for i, frame in enumerate(frames[:-1]):
        t = frame_time(i, fps)
        if t > puzzle["duration"] or (t == 0 and i > 0):
            continue
        p = ball_at(puzzle, t)
        spot = centroid(frame, NAMED["red"], box=box)
        if in_view(puzzle, p):
            assert spot is not None and math.dist(spot, p) < 10, f"t={t:g}: {spot} vs {p}"
            seen[round(t * fps)] = spot
        elif hidden(puzzle, p):
            assert spot is None, f"t={t:g}: red shows behind a bar"
            dark += 1
    assert dark > 0 and len(seen) > 10
    # speed from straight runs between consecutive frames that span no bounce
    run, span = 0.0, 0.0
    for k in sorted(seen):
        if k + 1 in seen:
            a, b = ball_at(puzzle, k / fps), ball_at(puzzle, (k + 1) / fps)
            if math.dist(a, b) == pytest.approx(math.hypot(vx, vy) / fps, rel=1e-9):
                run += math.dist(seen[k], seen[k + 1])
                span += 1 / fps
    assert span > 0.4
    assert run / span == pytest.approx(math.hypot(vx, vy), rel=0.01)


def test_same_sample_is_byte_identical(tmp_path):
    GEN.assert_byte_identical(tmp_path)


def test_answer_does_not_depend_on_render_params():
    GEN.assert_render_params_ignored()


def test_60_distinct_instances():
    GEN.assert_distinct(30, seeds=(0, 7))
