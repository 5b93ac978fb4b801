"""G-20_communicating_vessels: levels equalize through the pipe, volume is conserved."""

import copy

import pytest

from generators import build_sample, get_spec, param_hash, validate_sample
from generators.kit import CheckFailed
from generators.kit.rng import sample_rng
from generators.sample import normalize

GID = "G-20_communicating_vessels"
SPEC = get_spec(GID)
TASK = SPEC.task_class()


def solved(index, seed=5, **given):
    params = SPEC.resolve_params(given)
    puzzle = normalize(TASK.generate(sample_rng(seed, index), params))
    return puzzle, normalize(TASK.solve(puzzle, params)), params


def test_samples_are_valid(tmp_path):
    for index, video in ((0, True), (1, False), (2, False)):
        params = {"image_size": 128, "video": video, "vessels": 2 + index}
        result = build_sample(GID, 11, index, params, tmp_path)
        assert validate_sample(result.folder) == []


@pytest.mark.parametrize("vessels", [2, 3, 4])
def test_checker_accepts_solver(vessels):
    for index in range(8):
        puzzle, answer, params = solved(index, vessels=vessels)
        TASK.check(puzzle, answer, params)


def test_final_level_is_volume_over_width():
    for index in range(10):
        puzzle, answer, _ = solved(index)
        w, h = puzzle["widths"], puzzle["levels"]
        target = sum(a * b for a, b in zip(w, h)) / sum(w)
        assert answer["final_level"] == pytest.approx(target, abs=1e-6)
        assert min(h) < answer["final_level"] < max(h)
        last = answer["samples"][-1][1:]
        assert max(last) - min(last) < 0.011


def test_checker_rejects_perturbed_trajectory():
    puzzle, answer, params = solved(3)
    bad = copy.deepcopy(answer)
    mid = len(bad["samples"]) // 2
    bad["samples"][mid][1] += 0.3  # 3% of the 10-mark scale
    with pytest.raises(CheckFailed):
        TASK.check(puzzle, bad, params)
    # moving water from one vessel to another keeps the volume but breaks the flow law
    bad = copy.deepcopy(answer)
    w = puzzle["widths"]
    bad["samples"][mid][1] += 0.3 / w[0]
    bad["samples"][mid][2] -= 0.3 / w[1]
    with pytest.raises(CheckFailed, match="flow law"):
        TASK.check(puzzle, bad, params)


def test_checker_rejects_wrong_result():
    puzzle, answer, params = solved(4)
    bad = copy.deepcopy(answer)
    bad["final_level"] += 0.3
    with pytest.raises(CheckFailed):
        TASK.check(puzzle, bad, params)
    bad = copy.deepcopy(answer)
    bad["samples"] = bad["samples"][:-10]  # stops before the levels agree
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
