import copy
import math

import pytest

from generators import build_sample, get_spec, lookup, param_hash, validate_sample
from generators.kit import CheckFailed
from generators.kit.rng import sample_rng
from generators.sample import normalize

GID = "G-10_object_trajectory"
SMALL = {"image_size": 128}


def instance(i, seed=3, **params):
    spec = get_spec(GID)
    resolved = spec.resolve_params({**SMALL, **params})
    task = spec.task_class()
    puzzle = normalize(task.generate(sample_rng(seed, i), resolved))
    return task, puzzle, normalize(task.solve(puzzle, resolved)), resolved


def test_lookup_short_name():
    assert lookup("G-object_trajectory") == GID


@pytest.mark.parametrize("index,video", [(0, True), (1, True), (2, False), (3, False)])
def test_samples_validate(tmp_path, index, video):
    result = build_sample(GID, 5, index, {**SMALL, "video": video}, tmp_path)
    assert validate_sample(result.folder) == []


def test_checker_accepts_solver_answers():
    for i in range(20):
        task, puzzle, answer, params = instance(i)
        task.check(puzzle, answer, params)


def test_checker_rejects_perturbed_trajectory_and_landing():
    task, puzzle, answer, params = instance(4)
    mid = len(answer["samples"]) // 2
    for axis in (1, 2):  # a few percent of a ~20 m scene
        bad = copy.deepcopy(answer)
        bad["samples"][mid][axis] += 0.5
        with pytest.raises(CheckFailed):
            task.check(puzzle, bad, params)
    bad = copy.deepcopy(answer)
    bad["landing_x"] += 0.5
    with pytest.raises(CheckFailed):
        task.check(puzzle, bad, params)
    bad = copy.deepcopy(answer)  # a trajectory cut short in mid-air
    bad["samples"] = bad["samples"][: mid + 1]
    bad["flight_time"], bad["landing_x"], bad["landing_y"] = bad["samples"][-1]
    with pytest.raises(CheckFailed):
        task.check(puzzle, bad, params)


def test_landing_is_first_contact_and_target_is_honoured():
    for target in ("ground", "platform"):
        for i in range(15):
            _, puzzle, answer, _ = instance(i, target=target)
            assert answer["surface"] == target
            v, a, h0 = puzzle["speed"], math.radians(puzzle["angle"]), puzzle["launch_height"]
            vx, vy = v * math.cos(a), v * math.sin(a)
            level = puzzle["platform"]["height"] if target == "platform" else 0.0
            t = (vy + math.sqrt(vy * vy + 2 * 9.81 * (h0 - level))) / 9.81
            assert answer["landing_x"] == pytest.approx(vx * t, abs=1e-5)
            assert 1.0 <= answer["flight_time"] <= 4.0


def test_same_sample_is_byte_identical(tmp_path):
    a = build_sample(GID, 9, 7, SMALL, tmp_path / "a")
    b = build_sample(GID, 9, 7, SMALL, tmp_path / "b")
    for name in a.files:
        assert (a.folder / name).read_bytes() == (b.folder / name).read_bytes(), name


def test_answer_does_not_depend_on_render_params():
    _, _, slow, _ = instance(2, fps=30, video_scale=2.0)
    _, _, base, _ = instance(2)
    assert slow == base


def test_200_distinct_instances():
    hashes = {param_hash(GID, instance(i, seed=0)[1]) for i in range(200)}
    assert len(hashes) == 200
