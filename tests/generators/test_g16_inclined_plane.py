import copy
import math

import pytest

from generators import build_sample, get_spec, lookup, param_hash, validate_sample
from generators.kit import CheckFailed
from generators.kit.rng import sample_rng
from generators.sample import normalize

GID = "G-16_inclined_plane"
SMALL = {"image_size": 128}


def instance(i, seed=3, **params):
    spec = get_spec(GID)
    resolved = spec.resolve_params({**SMALL, **params})
    task = spec.task_class()
    puzzle = normalize(task.generate(sample_rng(seed, i), resolved))
    return task, puzzle, normalize(task.solve(puzzle, resolved)), resolved


def test_lookup_short_name():
    assert lookup("G-inclined_plane") == GID


@pytest.mark.parametrize(
    "index,video,params",
    [
        (0, True, {"outcome": "slides"}),
        (1, True, {"outcome": "stays"}),
        (2, False, {}),
        (3, False, {}),
    ],
)
def test_samples_validate(tmp_path, index, video, params):
    result = build_sample(GID, 5, index, {**SMALL, "video": video, **params}, tmp_path)
    assert validate_sample(result.folder) == []


@pytest.mark.parametrize("outcome", ["slides", "stays"])
def test_checker_accepts_solver_answers(outcome):
    for i in range(20):
        task, puzzle, answer, params = instance(i, outcome=outcome)
        task.check(puzzle, answer, params)
        assert answer["slides"] == (outcome == "slides")


def test_checker_rejects_corrupted_answers():
    task, puzzle, answer, params = instance(4, outcome="slides")
    mid = len(answer["samples"]) // 2
    bad = copy.deepcopy(answer)  # 0.2 m further along the path, position moved with it
    row = bad["samples"][mid]
    row[1] += 0.2
    row[2] += 0.2 if row[3] == 0 else 0.2 * math.cos(math.radians(puzzle["angle"]))
    if row[3]:
        row[3] -= 0.2 * math.sin(math.radians(puzzle["angle"]))
    with pytest.raises(CheckFailed):
        task.check(puzzle, bad, params)
    bad = copy.deepcopy(answer)
    bad["stop_distance"] += 0.2
    with pytest.raises(CheckFailed):
        task.check(puzzle, bad, params)
    bad = copy.deepcopy(answer)  # frictionless slope: a = g sin(theta)
    bad["a"] = 9.81 * math.sin(math.radians(puzzle["angle"]))
    with pytest.raises(CheckFailed):
        task.check(puzzle, bad, params)
    task, puzzle, answer, params = instance(4, outcome="stays")
    bad = copy.deepcopy(answer)  # claims it slides
    bad["slides"] = True
    with pytest.raises(CheckFailed):
        task.check(puzzle, bad, params)


def test_stopping_distance_formula():
    for i in range(20):
        _, puzzle, answer, _ = instance(i, outcome="slides")
        th = math.radians(puzzle["angle"])
        mu_k = puzzle["mu_kinetic"]
        assert math.tan(th) > puzzle["mu_static"] >= mu_k
        # energy: g d sin(theta) = mu_k g (d cos(theta) + stop)
        want = puzzle["distance"] * (math.sin(th) - mu_k * math.cos(th)) / mu_k
        assert answer["stop_distance"] == pytest.approx(want, abs=1e-5)
        assert answer["samples"][-1][2] == pytest.approx(answer["stop_distance"], abs=1e-5)
    for i in range(10):
        _, puzzle, answer, _ = instance(i, outcome="stays")
        assert math.tan(math.radians(puzzle["angle"])) < puzzle["mu_static"] <= 1.0


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
