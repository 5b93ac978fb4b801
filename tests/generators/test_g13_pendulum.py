import copy
import math

import pytest

from generators import build_sample, get_spec, lookup, param_hash, validate_sample
from generators.kit import CheckFailed
from generators.kit.rng import sample_rng
from generators.sample import normalize

GID = "G-13_pendulum"
SMALL = {"image_size": 128}


def instance(i, seed=3, **params):
    spec = get_spec(GID)
    resolved = spec.resolve_params({**SMALL, **params})
    task = spec.task_class()
    puzzle = normalize(task.generate(sample_rng(seed, i), resolved))
    return task, puzzle, normalize(task.solve(puzzle, resolved)), resolved


def test_lookup_short_name():
    assert lookup("G-pendulum") == GID


@pytest.mark.parametrize("index,video", [(0, True), (1, True), (2, False), (3, False)])
def test_samples_validate(tmp_path, index, video):
    result = build_sample(GID, 5, index, {**SMALL, "video": video}, tmp_path)
    assert validate_sample(result.folder) == []


def test_checker_accepts_solver_answers():
    for i in range(20):
        task, puzzle, answer, params = instance(i, min_angle=5, max_angle=160)
        task.check(puzzle, answer, params)


def test_checker_rejects_corrupted_answers():
    task, puzzle, answer, params = instance(4)
    mid = len(answer["samples"]) // 2
    bad = copy.deepcopy(answer)
    bad["samples"][mid][1] += 0.08  # the bob moved ~3% of the frame along its arc
    with pytest.raises(CheckFailed):
        task.check(puzzle, bad, params)
    bad = copy.deepcopy(answer)
    bad["period"] = answer["small_angle_period"]  # the small-angle answer is wrong here
    with pytest.raises(CheckFailed):
        task.check(puzzle, bad, params)
    bad = copy.deepcopy(answer)
    bad["final_angle"] += 0.05
    with pytest.raises(CheckFailed):
        task.check(puzzle, bad, params)
    bad = copy.deepcopy(answer)  # small-angle motion: wrong for a large release angle
    length, theta0 = puzzle["length"], math.radians(puzzle["angle"])
    theta0 *= 1 if puzzle["side"] == "right" else -1
    w0 = math.sqrt(9.81 / length)
    bad["samples"] = [
        [t, theta0 * math.cos(w0 * t), -theta0 * w0 * math.sin(w0 * t)]
        for t, _, _ in bad["samples"]
    ]
    with pytest.raises(CheckFailed):
        task.check(puzzle, bad, params)


def rk4(length, theta0, t_end, steps=20000):
    th, w, h = theta0, 0.0, t_end / steps

    def f(th, w):
        return w, -9.81 / length * math.sin(th)

    for _ in range(steps):
        k1 = f(th, w)
        k2 = f(th + h / 2 * k1[0], w + h / 2 * k1[1])
        k3 = f(th + h / 2 * k2[0], w + h / 2 * k2[1])
        k4 = f(th + h * k3[0], w + h * k3[1])
        th += h / 6 * (k1[0] + 2 * k2[0] + 2 * k3[0] + k4[0])
        w += h / 6 * (k1[1] + 2 * k2[1] + 2 * k3[1] + k4[1])
    return th, w


def test_exact_motion_matches_a_fine_numerical_integration():
    for i in range(6):
        _, puzzle, answer, _ = instance(i)
        theta0 = math.radians(puzzle["angle"]) * (1 if puzzle["side"] == "right" else -1)
        th, w = rk4(puzzle["length"], theta0, puzzle["duration"])
        assert answer["final_angle"] == pytest.approx(th, abs=1e-5)
        assert answer["final_angular_velocity"] == pytest.approx(w, abs=1e-4)


def test_period_grows_with_amplitude():
    from generators.tasks.g13_pendulum import period

    t0 = 2 * math.pi * math.sqrt(1 / 9.81)
    assert period(1.0, math.radians(1)) == pytest.approx(t0, rel=1e-4)
    assert period(1.0, math.radians(90)) / t0 == pytest.approx(1.180341, rel=1e-6)


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
