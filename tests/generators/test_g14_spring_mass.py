import copy
import itertools
import math

import pytest

from generators import build_sample, get_spec, lookup, param_hash, validate_sample
from generators.kit import CheckFailed
from generators.kit.rng import sample_rng
from generators.sample import normalize

GID = "G-14_spring_mass"
SMALL = {"image_size": 128}


def instance(i, seed=3, **params):
    spec = get_spec(GID)
    resolved = spec.resolve_params({**SMALL, **params})
    task = spec.task_class()
    puzzle = normalize(task.generate(sample_rng(seed, i), resolved))
    return task, puzzle, normalize(task.solve(puzzle, resolved)), resolved


def test_lookup_short_name():
    assert lookup("G-spring_mass") == GID


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
    result = build_sample(GID, 5, index, {**SMALL, "video": video, **params}, tmp_path)
    assert validate_sample(result.folder) == []


@pytest.mark.parametrize("damping", ["none", "light"])
def test_checker_accepts_solver_answers(damping):
    for i in range(20):
        task, puzzle, answer, params = instance(i, damping=damping)
        task.check(puzzle, answer, params)
        assert (puzzle["damping"] > 0) == (damping == "light")


@pytest.mark.parametrize("damping", ["none", "light"])
def test_checker_rejects_corrupted_answers(damping):
    task, puzzle, answer, params = instance(4, damping=damping)
    mid = len(answer["samples"]) // 2
    bad = copy.deepcopy(answer)
    bad["samples"][mid][1] += 0.03  # 3 cm: about 2.5% of the frame
    with pytest.raises(CheckFailed):
        task.check(puzzle, bad, params)
    bad = copy.deepcopy(answer)
    bad["period"] *= 1.05
    with pytest.raises(CheckFailed):
        task.check(puzzle, bad, params)
    bad = copy.deepcopy(answer)
    bad["final_x"] += 0.02
    with pytest.raises(CheckFailed):
        task.check(puzzle, bad, params)
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
        task.check(puzzle, bad, params)


def test_frequency_and_envelope_follow_k_m_c():
    for i in range(20):
        _, puzzle, answer, _ = instance(i)
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
    a = build_sample(GID, 9, 7, SMALL, tmp_path / "a")
    b = build_sample(GID, 9, 7, SMALL, tmp_path / "b")
    for name in a.files:
        assert (a.folder / name).read_bytes() == (b.folder / name).read_bytes(), name


def test_answer_does_not_depend_on_render_params():
    assert instance(2, fps=30, video_scale=2.0)[2] == instance(2)[2]


def test_200_distinct_instances():
    for seed in (0, 7):
        hashes = {param_hash(GID, instance(i, seed=seed)[1]) for i in range(200)}
        assert len(hashes) == 200
