"""G-27_occluded_tracking: constant velocity behind sliding screens; the ball ends in one ring."""

import copy
import math

import pytest

from generators import build_sample, get_spec, param_hash, validate_sample
from generators.kit import CheckFailed
from generators.kit.rng import sample_rng
from generators.sample import normalize

GID = "G-27_occluded_tracking"
SPEC = get_spec(GID)
TASK = SPEC.task_class()


def solved(index, seed=5, **given):
    params = SPEC.resolve_params(given)
    puzzle = normalize(TASK.generate(sample_rng(seed, index), params))
    return puzzle, normalize(TASK.solve(puzzle, params)), params


def test_samples_are_valid(tmp_path):
    for index, video in ((0, True), (1, False), (2, False)):
        params = {"image_size": 128, "video": video, "screens": 1 + index}
        result = build_sample(GID, 11, index, params, tmp_path)
        assert validate_sample(result.folder) == []


@pytest.mark.parametrize("screens", [1, 2, 3])
def test_checker_accepts_solver(screens):
    for index in range(7):
        puzzle, answer, params = solved(index, screens=screens)
        TASK.check(puzzle, answer, params)


def test_hidden_then_visible_in_exactly_one_ring():
    labels = set()
    for index in range(20):
        puzzle, answer, _ = solved(index)
        visible = [r[3] for r in answer["samples"]]
        assert visible[0] and visible[-1] and not all(visible)
        assert len(answer["hidden"]) == len(puzzle["screens"])
        fx, fy = answer["final"]
        near = [r["label"] for r in puzzle["rings"] if math.hypot(r["x"] - fx, r["y"] - fy) < 40]
        assert near == [answer["ring"]]
        labels.add(answer["ring"])
    assert labels == set("ABCD")  # the right ring is not always the same letter


def test_checker_rejects_perturbed_trajectory():
    puzzle, answer, params = solved(3)
    bad = copy.deepcopy(answer)
    mid = len(bad["samples"]) // 2
    bad["samples"][mid][1] += 30  # 3% of the scene, while hidden or not
    with pytest.raises(CheckFailed, match="velocity"):
        TASK.check(puzzle, bad, params)
    bad = copy.deepcopy(answer)
    bad["hidden"][0]["emerge"][0] += 30
    with pytest.raises(CheckFailed, match="emergence"):
        TASK.check(puzzle, bad, params)


def test_checker_rejects_wrong_result():
    puzzle, answer, params = solved(4)
    bad = copy.deepcopy(answer)
    bad["ring"] = next(r["label"] for r in puzzle["rings"] if r["label"] != answer["ring"])
    with pytest.raises(CheckFailed, match="ring"):
        TASK.check(puzzle, bad, params)
    bad = copy.deepcopy(answer)
    bad["final"][1] += 30
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
