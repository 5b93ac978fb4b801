"""G-46 pulse on a string: exact d'Alembert motion with mirror images; every rubric fact is
checked; the decoded video shows the pulse moving at the wave speed and coming back upside
down from a fixed end."""

from __future__ import annotations

import copy
import math

import numpy as np
import pytest

from generators import lookup
from generators.kit import INK, CheckFailed
from generators.tasks.g46_string_wave import LEFT_X, REST_Y, RIGHT_X, simulate, string_at

from .conftest import VALIDATE, Gen
from .decoded import decoded_sample, frame_time, line_fit

GEN = Gen("G-46_string_wave")


def test_lookup_short_name():
    assert lookup("G-string_wave") == GEN.id


@pytest.mark.parametrize("index,video,params", VALIDATE)
def test_samples_validate(tmp_path, index, video, params):
    GEN.assert_valid(tmp_path, index, video, **params)


def test_checker_accepts_solver_answers_at_every_level():
    GEN.assert_solves(range(15), vary=lambda i: {"difficulty": 1 + i % 5})


def test_the_string_keeps_its_ends_right():
    """A fixed end stays at zero; at a free end the slope is zero (its ring rides along)."""
    for i in range(10):
        puzzle = GEN.puzzle(i, difficulty=3)
        length, h = puzzle["length"], 1e-5
        for t in np.linspace(0, puzzle["duration"], 60):
            for side, x in ((0, 0.0), (1, length)):
                if puzzle["ends"][side] == "fixed":
                    assert string_at(puzzle, t, x) == pytest.approx(0.0, abs=1e-12)
                else:
                    inner = x + h if side == 0 else x - h
                    assert string_at(puzzle, t, inner) == pytest.approx(
                        string_at(puzzle, t, x), abs=1e-6
                    )


def test_the_final_string_is_the_stated_profile():
    for i in range(10):
        puzzle, answer, _ = GEN.instance(i, difficulty=5)
        xs = np.linspace(0, puzzle["length"], len(answer["profile"]))
        got = [string_at(puzzle, puzzle["duration"], x) for x in xs]
        assert got == pytest.approx(answer["profile"], abs=1e-5)


def squared_speed(puzzle, answer):  # v = T / mu, no square root
    return simulate(puzzle, speed=puzzle["tension"] / puzzle["density"])


def slower(puzzle, answer):
    return simulate(puzzle, speed=0.9 * answer["speed"])


def flipped_rule(puzzle, answer):  # upright at a fixed end, inverted at a free end
    return simulate(puzzle, flip={"fixed": 1, "free": -1})


def no_inversion(puzzle, answer):
    return simulate(puzzle, flip={"fixed": 1, "free": 1})


def wrong_place(puzzle, answer):
    return {**answer, "peak": answer["peak"] + 0.2}


def wrong_way_up(puzzle, answer):
    return {**answer, "sign": -answer["sign"]}


def wrong_direction(puzzle, answer):
    return {**answer, "moving": "left" if answer["moving"] == "right" else "right"}


def late_reflection(puzzle, answer):
    bad = copy.deepcopy(answer)
    bad["reflections"][0][0] += 0.1
    return bad


def unmirrored_profile(puzzle, answer):  # the lopsided pulse not mirrored by its reflections
    return {**answer, "profile": answer["profile"][::-1]}


@pytest.mark.parametrize("corrupt,reason", [
    (squared_speed, "sqrt"), (slower, "sqrt"), (flipped_rule, "peak"), (no_inversion, "peak"),
    (wrong_place, "wrong place"), (wrong_way_up, "way up"), (wrong_direction, "moving"),
    (late_reflection, "reflections"), (unmirrored_profile, "shape"),
])  # fmt: skip
def test_checker_rejects_each_wrong_fact(corrupt, reason):
    puzzle, answer, params = next(
        GEN.instance(i, difficulty=4) for i in range(40)
        if "fixed" in [e for _, _, e in GEN.instance(i, difficulty=4)[1]["reflections"]]
    )  # fmt: skip
    with pytest.raises(CheckFailed, match=reason):
        GEN.check(puzzle, corrupt(puzzle, copy.deepcopy(answer)), params)


def test_level_5_has_more_reflections_a_derived_speed_and_a_lopsided_pulse():
    easy = [GEN.instance(i, difficulty=1) for i in range(8)]
    hard = [GEN.instance(i, difficulty=5) for i in range(8)]
    assert {len(a["reflections"]) for _, a, _ in easy} == {1}
    assert {len(a["reflections"]) for _, a, _ in hard} == {3}
    assert all(p["speed"] is not None for p, _, _ in easy)
    assert all(p["speed"] is None and p["back"] > 1.5 * p["front"] for p, _, _ in hard)


def string_shape(frame: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(canvas x, displacement up in canvas units) of the drawn string, column by column."""
    size = frame.shape[1]
    k = 1000 / size
    near = np.linalg.norm(frame.astype(float) - INK, axis=2) < 60
    lo, hi = round((REST_Y - 150) / k), round((REST_Y + 150) / k)
    xs, ds = [], []
    for col in range(round((LEFT_X + 12) / k), round((RIGHT_X - 12) / k)):
        rows = np.nonzero(near[lo:hi, col])[0]
        if len(rows):
            xs.append((col + 0.5) * k)
            ds.append(REST_Y - (rows.mean() + lo + 0.5) * k)
    return np.array(xs), np.array(ds)


def peak_at(puzzle, speed, t) -> float:
    """Where the peak is at time t: the unfolded position folded onto the string."""
    length = puzzle["length"]
    u = (puzzle["start"] + puzzle["direction"] * speed * t) % (2 * length)
    return u if u <= length else 2 * length - u


def clear_times(puzzle, answer, fps) -> list[float]:
    """Frame times at which the whole pulse is on the string, away from both ends."""
    reach = max(puzzle["front"], puzzle["back"]) + 0.05
    times = [k / fps for k in range(1, round(puzzle["duration"] * fps))]
    return [
        t for t in times if reach < peak_at(puzzle, answer["speed"], t) < puzzle["length"] - reach
    ]


def test_decoded_video_shows_the_wave_speed_and_the_inversion(tmp_path):
    def suitable(n):
        puzzle, answer, _ = GEN.instance(n, seed=5, difficulty=1)
        bounce = answer["reflections"][0][0]
        times = clear_times(puzzle, answer, 16)
        return (answer["reflections"][0][2] == "fixed" and sum(t < bounce for t in times) >= 6
                and sum(t > bounce for t in times) >= 6)  # fmt: skip

    index = next(n for n in range(80) if suitable(n))
    meta, frames = decoded_sample(GEN.id, tmp_path, index=index, size=512, difficulty=1)
    puzzle, answer, fps = meta["puzzle"], meta["answer"], meta["fps"]
    scale = (RIGHT_X - LEFT_X) / puzzle["length"]
    usable = set(clear_times(puzzle, answer, fps))
    ts, centres, signs = [], [], []
    for k, frame in enumerate(frames):
        t = frame_time(k, fps)
        if t not in usable:
            continue
        xs, ds = string_shape(frame)
        weight = np.abs(ds) * (np.abs(ds) > 2)
        ts.append(t)
        centres.append(float((xs * weight).sum() / weight.sum()))
        signs.append(np.sign(ds[np.argmax(np.abs(ds))]))
    bounce = answer["reflections"][0][0]
    before = [i for i, t in enumerate(ts) if t < bounce]
    after = [i for i, t in enumerate(ts) if t > bounce]
    assert len(before) >= 6 and len(after) >= 6
    for part in (before, after):
        speed, _ = line_fit([ts[i] for i in part], [centres[i] for i in part])
        assert abs(speed) / scale == pytest.approx(answer["speed"], rel=0.01)
    assert all(signs[i] > 0 for i in before) and all(signs[i] < 0 for i in after)


def test_nothing_moves_more_than_3_percent_of_the_width_per_frame():
    for i in range(30):
        puzzle, answer, _ = GEN.instance(i, difficulty=1 + i % 5)
        scale = (RIGHT_X - LEFT_X) / puzzle["length"]
        steepest = math.pi * puzzle["amplitude"] / (2 * min(puzzle["front"], puzzle["back"]))
        assert answer["speed"] * scale / 16 <= 30  # the pulse along the string
        assert answer["speed"] * steepest * scale / 16 <= 30  # a point of the string, up or down


def test_same_sample_is_byte_identical(tmp_path):
    GEN.assert_byte_identical(tmp_path)


def test_answer_does_not_depend_on_render_params():
    GEN.assert_render_params_ignored()


def test_200_distinct_instances():
    GEN.assert_distinct(seeds=(0, 7))
