import copy
import itertools
import math

import pytest

from generators import lookup
from generators.kit import CheckFailed
from generators.kit.physics import MOST_PER_FRAME, PLAYBACK_FPS
from generators.tasks import g14_spring_mass as spring

from .conftest import Gen

GEN = Gen("G-14_spring_mass")


def test_lookup_short_name():
    assert lookup("G-spring_mass") == GEN.id


@pytest.mark.parametrize(
    "index,video,params",
    [
        (0, True, {"damping": "none"}),
        (1, True, {"damping": "light"}),
        (2, False, {}),
        (3, False, {}),
    ],
)
def test_samples_validate(tmp_path, index, video, params):
    GEN.assert_valid(tmp_path, index, video, **params)


@pytest.mark.parametrize("damping", ["none", "light"])
def test_checker_accepts_solver_answers(damping):
    for puzzle, _, _ in GEN.assert_solves(damping=damping):
        assert (puzzle["damping"] > 0) == (damping == "light")


@pytest.mark.parametrize("damping", ["none", "light"])
def test_checker_rejects_corrupted_answers(damping):
    puzzle, answer, params = GEN.instance(4, damping=damping)
    mid = len(answer["samples"]) // 2
    bad = copy.deepcopy(answer)
    bad["samples"][mid][1] += 0.03  # 3 cm: about 2.5% of the frame
    with pytest.raises(CheckFailed):
        GEN.check(puzzle, bad, params)
    bad = copy.deepcopy(answer)
    bad["period"] *= 1.05
    with pytest.raises(CheckFailed):
        GEN.check(puzzle, bad, params)
    bad = copy.deepcopy(answer)
    bad["final_x"] += 0.02
    with pytest.raises(CheckFailed):
        GEN.check(puzzle, bad, params)
    bad = copy.deepcopy(answer)  # the right shape at the wrong frequency
    w = answer["omega_damped"] * 1.1
    g = answer["decay_rate"]
    x0, v0 = puzzle["x0"], puzzle["v0"]
    b = (v0 + g * x0) / w
    bad["samples"] = [
        [
            t,
            math.exp(-g * t) * (x0 * math.cos(w * t) + b * math.sin(w * t)),
            math.exp(-g * t)
            * ((b * w - g * x0) * math.cos(w * t) - (x0 * w + g * b) * math.sin(w * t)),
        ]
        for t, _, _ in answer["samples"]
    ]
    with pytest.raises(CheckFailed):
        GEN.check(puzzle, bad, params)


def test_checker_rejects_each_kind_of_wrong_fact():
    """Rubric facts: the start (1), period and frequencies (2), the envelope or the constant
    amplitude (3), the end and its direction (4), the curve (5, with 1), the period (6)."""
    for damping in ("none", "light"):
        puzzle, answer, params = GEN.instance(2, damping=damping)
        # (key, wrong value): start, frequencies, decay, amplitude, final direction
        wrong = [("omega0", answer["omega0"] * 1.05),
                 ("omega_damped", answer["omega_damped"] * 1.05),
                 ("decay_rate", answer["decay_rate"] + 0.05),
                 ("amplitude", answer["amplitude"] * 1.1), ("final_v", -answer["final_v"]),
                 ("samples", [[0.0, puzzle["x0"] + 0.01, puzzle["v0"]], *answer["samples"][1:]])]  # fmt: skip
        for key, value in wrong:
            with pytest.raises(CheckFailed):
                GEN.check(puzzle, {**answer, key: value}, params)
        # the whole motion solved with a wrong mass, stiffness or damping
        for key, factor in (("mass", 1.2), ("stiffness", 0.85), ("damping", 1.5)):
            other = {**puzzle, key: puzzle[key] * factor + (0.3 if key == "damping" else 0)}
            with pytest.raises(CheckFailed):
                GEN.check(puzzle, GEN.solve(other, params), params)


def test_chart_scale_depends_only_on_the_first_frame():
    for i in range(40):
        puzzle, answer, _ = GEN.instance(i)
        half = spring.chart_range(puzzle)
        assert half == spring.chart_range({**puzzle, "v0": 0.0, "stiffness": 10.0})
        assert answer["amplitude"] <= 0.93 * half


def test_motion_glides():
    """The block at its fastest moves at most MOST_PER_FRAME units a frame at 16 fps."""
    for i in range(40):
        puzzle, answer, params = GEN.instance(i, difficulty=i % 5 + 1)
        fastest = max(abs(v) for _, _, v in answer["samples"])
        slow = spring.slowness(puzzle)
        assert fastest * spring.SCALE / (PLAYBACK_FPS * slow) <= MOST_PER_FRAME
        assert puzzle["duration"] * slow <= spring.LONGEST_VIDEO + 1e-9
        assert (slow == 1) == ("in real time" in GEN.task.prompt(puzzle, params))


def test_level_5_shows_more_damped_cycles_than_level_1():
    def cycles(level):
        runs = [GEN.instance(i, difficulty=level) for i in range(10)]
        return [(p["duration"] / a["period"], p["damping"] > 0) for p, a, _ in runs]

    assert not any(damped for _, damped in cycles(1))
    assert all(damped and n >= 2.5 for n, damped in cycles(5))


def test_frequency_and_envelope_follow_k_m_c():
    for i in range(20):
        puzzle, answer, _ = GEN.instance(i)
        m, k, c = puzzle["mass"], puzzle["stiffness"], puzzle["damping"]
        assert answer["omega0"] == pytest.approx(math.sqrt(k / m), rel=1e-6)
        assert answer["decay_rate"] == pytest.approx(c / (2 * m), abs=1e-6)
        peaks = [abs(x) for (_, x, v), (_, _, v2) in zip(answer["samples"], answer["samples"][1:])
                 if v * v2 < 0]  # fmt: skip
        if c:
            assert all(b < a for a, b in itertools.pairwise(peaks))
        assert 0.8 <= answer["period"] <= 2.0
        assert answer["amplitude"] <= (0.14 if c else 0.3) + 1e-9


def test_same_sample_is_byte_identical(tmp_path):
    GEN.assert_byte_identical(tmp_path)


def test_answer_does_not_depend_on_render_params():
    GEN.assert_render_params_ignored()


def test_200_distinct_instances():
    GEN.assert_distinct(seeds=(0, 7))
