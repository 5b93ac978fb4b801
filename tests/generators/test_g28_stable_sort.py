"""G-28_stable_sort: ascending numbers, ties in their original order, smooth straight glides."""

import copy

import pytest

from generators import build_sample, get_spec, param_hash, validate_sample
from generators.kit import CheckFailed
from generators.kit.rng import sample_rng
from generators.sample import normalize

GID = "G-28_stable_sort"
SPEC = get_spec(GID)
TASK = SPEC.task_class()


def solved(index, seed=5, **given):
    params = SPEC.resolve_params(given)
    puzzle = normalize(TASK.generate(sample_rng(seed, index), params))
    return puzzle, normalize(TASK.solve(puzzle, params)), params


def test_samples_are_valid(tmp_path):
    for index, video, n in ((0, True, 7), (1, False, 10), (2, False, 5)):
        params = {"image_size": 128, "video": video, "bars": n}
        result = build_sample(GID, 11, index, params, tmp_path)
        assert validate_sample(result.folder) == []


@pytest.mark.parametrize("bars", [5, 7, 10])
def test_checker_accepts_solver(bars):
    for index in range(7):
        puzzle, answer, params = solved(index, bars=bars)
        TASK.check(puzzle, answer, params)


def test_order_is_the_stable_sort():
    for index in range(20):
        puzzle, answer, _ = solved(index)
        keys, letters = puzzle["keys"], puzzle["letters"]
        stable = sorted(range(len(keys)), key=lambda i: keys[i])  # Python's sort is stable
        assert answer["order"] == stable
        by_letter = sorted(range(len(keys)), key=lambda i: (keys[i], letters[i]))
        assert stable != by_letter  # ties are not in alphabetical order: stability matters


def test_checker_rejects_perturbed_trajectory():
    puzzle, answer, params = solved(3)
    bad = copy.deepcopy(answer)
    mid = len(bad["samples"]) // 2
    bar = next(m for m in bad["moves"] if m["start"] < bad["samples"][mid][0] < m["end"])["bar"]
    bad["samples"][mid][1 + 2 * bar] += 30  # the gliding bar leaves its straight path
    with pytest.raises(CheckFailed, match=r"path|jumps"):
        TASK.check(puzzle, bad, params)
    bad = copy.deepcopy(answer)
    resting = next(m["bar"] for m in bad["moves"] if m["start"] > bad["samples"][mid][0])
    bad["samples"][mid][2 + 2 * resting] += 30  # a waiting bar twitches
    with pytest.raises(CheckFailed, match="before its turn"):
        TASK.check(puzzle, bad, params)


def test_checker_rejects_unstable_or_unsorted_result():
    puzzle, answer, params = solved(4)
    keys = puzzle["keys"]
    order = answer["order"]
    i = next(k for k in range(len(order) - 1) if keys[order[k]] == keys[order[k + 1]])
    bad = copy.deepcopy(answer)
    bad["order"][i], bad["order"][i + 1] = order[i + 1], order[i]  # swap a tie
    with pytest.raises(CheckFailed, match="stable"):
        TASK.check(puzzle, bad, params)
    bad = copy.deepcopy(answer)
    bad["order"][0], bad["order"][-1] = order[-1], order[0]  # largest number first
    with pytest.raises(CheckFailed, match="ascending"):
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
