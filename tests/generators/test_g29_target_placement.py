"""G-29_target_placement: every shape ends on its own outline along smooth, collision-free paths."""

import copy
import itertools
import math

import pytest

from generators import build_sample, get_spec, param_hash, validate_sample
from generators.kit import CheckFailed
from generators.kit.rng import sample_rng
from generators.sample import normalize
from generators.tasks.g29_target_placement import CLEAR, SYMMETRY

GID = "G-29_target_placement"
SPEC = get_spec(GID)
TASK = SPEC.task_class()


def solved(index, seed=5, **given):
    params = SPEC.resolve_params(given)
    puzzle = normalize(TASK.generate(sample_rng(seed, index), params))
    return puzzle, normalize(TASK.solve(puzzle, params)), params


def test_samples_are_valid(tmp_path):
    for index, video, n in ((0, True, 3), (1, False, 5), (2, False, 2)):
        params = {"image_size": 128, "video": video, "objects": n}
        result = build_sample(GID, 11, index, params, tmp_path)
        assert validate_sample(result.folder) == []


@pytest.mark.parametrize("objects", [2, 3, 5])
def test_checker_accepts_solver(objects):
    for index in range(7):
        puzzle, answer, params = solved(index, objects=objects)
        TASK.check(puzzle, answer, params)


def test_each_shape_ends_on_its_own_outline_without_collisions():
    for index in range(15):
        puzzle, answer, _ = solved(index, objects=4)
        n = len(puzzle["objects"])
        last = answer["samples"][-1]
        for i, (o, j) in enumerate(zip(puzzle["objects"], answer["targets"])):
            t = puzzle["targets"][j]
            assert (o["colour"], o["kind"]) == (t["colour"], t["kind"])
            x, y, a = last[1 + 3 * i : 4 + 3 * i]
            assert math.hypot(x - t["x"], y - t["y"]) < 1e-4
            off = (a - t["angle"]) % SYMMETRY[o["kind"]]
            assert min(off, SYMMETRY[o["kind"]] - off) < 1e-3
        for row in answer["samples"]:
            for i, j in itertools.combinations(range(n), 2):
                d = math.hypot(row[1 + 3 * i] - row[1 + 3 * j], row[2 + 3 * i] - row[2 + 3 * j])
                assert d >= CLEAR - 1e-6


def test_checker_rejects_perturbed_trajectory():
    puzzle, answer, params = solved(3)
    bad = copy.deepcopy(answer)
    mid = len(bad["samples"]) // 2
    bad["samples"][mid][1] += 30  # 3% of the scene off the straight path
    with pytest.raises(CheckFailed):
        TASK.check(puzzle, bad, params)
    bad = copy.deepcopy(answer)
    bad["samples"][mid][3] += 20  # a sudden twist
    with pytest.raises(CheckFailed, match="spins"):
        TASK.check(puzzle, bad, params)


def test_checker_rejects_wrong_result():
    puzzle, answer, params = solved(4)
    bad = copy.deepcopy(answer)
    bad["targets"][0], bad["targets"][1] = answer["targets"][1], answer["targets"][0]
    with pytest.raises(CheckFailed):
        TASK.check(puzzle, bad, params)
    bad = copy.deepcopy(answer)
    bad["samples"][-1][1] += 30  # stops beside its outline
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
