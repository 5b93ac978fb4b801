"""G-21_light_refraction: Snell's law, total internal reflection, mirror, speed c/n."""

import copy
import itertools
import math

import pytest

from generators import build_sample, get_spec, param_hash, validate_sample
from generators.kit import CheckFailed
from generators.kit.rng import sample_rng
from generators.sample import normalize
from generators.tasks.g21_light_refraction import index_of, layer_at, layer_bounds

GID = "G-21_light_refraction"
SPEC = get_spec(GID)
TASK = SPEC.task_class()


def solved(index, seed=5, **given):
    params = SPEC.resolve_params(given)
    puzzle = normalize(TASK.generate(sample_rng(seed, index), params))
    return puzzle, normalize(TASK.solve(puzzle, params)), params


def test_samples_are_valid(tmp_path):
    for index, video in ((0, True), (1, False), (2, False)):
        params = {"image_size": 128, "video": video, "layers": 2 + index}
        result = build_sample(GID, 11, index, params, tmp_path)
        assert validate_sample(result.folder) == []


@pytest.mark.parametrize("layers", [2, 3, 4])
def test_checker_accepts_solver(layers):
    for index in range(8):
        puzzle, answer, params = solved(index, layers=layers)
        TASK.check(puzzle, answer, params)


def test_snell_and_critical_angle():
    seen = set()
    for index in range(40):
        _, answer, _ = solved(index)
        for e in answer["events"][:-1]:
            seen.add(e["kind"])
            s_in = e["n1"] * math.sin(math.radians(e["incidence"]))
            if e["kind"] == "refraction":
                assert s_in == pytest.approx(
                    e["n2"] * math.sin(math.radians(e["outgoing"])), abs=1e-4
                )
                assert s_in < e["n2"]
            elif e["kind"] == "total_internal_reflection":
                assert s_in > e["n2"] and e["n1"] > e["n2"]
                assert e["outgoing"] == pytest.approx(e["incidence"])
    assert seen == {"refraction", "total_internal_reflection", "mirror"}


def test_front_is_slower_in_denser_layers():
    checked = 0
    for index in range(10):
        puzzle, answer, _ = solved(index)
        bounds = layer_bounds(puzzle)
        speed = answer["vacuum_speed"]
        s = answer["samples"][:-1]  # the last step is shorter
        corners = [tuple(p) for p in answer["path"]]
        for a, b in itertools.pairwise(s):
            la, lb = layer_at(bounds, a[2]), layer_at(bounds, b[2])
            bent = any(min(a[1], b[1]) < x < max(a[1], b[1]) for x, _ in corners)
            if la == lb and not bent:  # both in one straight stretch: speed c / n
                n = index_of(puzzle["media"][la])
                assert math.dist(a[1:], b[1:]) == pytest.approx(speed / 20 / n, abs=1e-4)
                checked += 1
    assert checked > 100


def test_checker_rejects_perturbed_trajectory():
    puzzle, answer, params = solved(3)
    bad = copy.deepcopy(answer)
    mid = len(bad["samples"]) // 2
    bad["samples"][mid][1] += 30  # 3% of the scene
    with pytest.raises(CheckFailed, match="beam front"):
        TASK.check(puzzle, bad, params)
    bad = copy.deepcopy(answer)
    bad["path"][1][0] += 30  # a bend off the law
    bad["events"][0]["x"] += 30
    with pytest.raises(CheckFailed):
        TASK.check(puzzle, bad, params)


def test_checker_rejects_wrong_result():
    puzzle, answer, params = solved(4)
    bad = copy.deepcopy(answer)
    bad["exit_point"][1] += 30
    with pytest.raises(CheckFailed, match="exit"):
        TASK.check(puzzle, bad, params)
    bad = copy.deepcopy(answer)
    bad["exit_edge"] = "right" if answer["exit_edge"] == "top" else "top"
    with pytest.raises(CheckFailed):
        TASK.check(puzzle, bad, params)


def test_same_sample_twice_is_byte_identical(tmp_path):
    params = {"image_size": 128}
    a = build_sample(GID, 2, 6, params, tmp_path / "a")
    b = build_sample(GID, 2, 6, params, tmp_path / "b")
    for name in a.files:
        assert (a.folder / name).read_bytes() == (b.folder / name).read_bytes(), name


def test_two_hundred_distinct_puzzles():
    params = SPEC.resolve_params({})
    hashes = {
        param_hash(GID, normalize(TASK.generate(sample_rng(9, i), params))) for i in range(200)
    }
    assert len(hashes) == 200
