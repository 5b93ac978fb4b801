"""G-22_gear_train: alternating directions, speed ratios by tooth counts, meshing teeth."""

import copy

import pytest

from generators import build_sample, get_spec, param_hash, validate_sample
from generators.kit import CheckFailed
from generators.kit.rng import sample_rng
from generators.review import timeline
from generators.sample import normalize
from generators.tasks.g22_gear_train import angle_at, mesh_error

GID = "G-22_gear_train"
SPEC = get_spec(GID)
TASK = SPEC.task_class()


def solved(index, seed=5, **given):
    params = SPEC.resolve_params(given)
    puzzle = normalize(TASK.generate(sample_rng(seed, index), params))
    return puzzle, normalize(TASK.solve(puzzle, params)), params


def test_samples_are_valid(tmp_path):
    for index, video in ((0, True), (1, False), (2, False)):
        params = {"image_size": 128, "video": video, "gears": 3 + index}
        result = build_sample(GID, 11, index, params, tmp_path)
        assert validate_sample(result.folder) == []


@pytest.mark.parametrize("gears", [2, 3, 4, 5, 6])
def test_checker_accepts_solver(gears):
    for index in range(6):
        puzzle, answer, params = solved(index, gears=gears)
        TASK.check(puzzle, answer, params)


def test_last_gear_speed_and_direction():
    for index in range(20):
        puzzle, answer, _ = solved(index)
        teeth = puzzle["teeth"]
        assert answer["last_rpm"] == pytest.approx(puzzle["rpm"] * teeth[0] / teeth[-1])
        same = len(teeth) % 2 == 1
        assert (answer["last_direction"] == puzzle["direction"]) == same
        # the stated speed has at most one decimal, so the caption is exact
        assert round(answer["last_rpm"] * 10, 6) == round(answer["last_rpm"] * 10)


def test_teeth_mesh_in_every_sample():
    puzzle, answer, _ = solved(7, gears=6)
    c, t = puzzle["centres"], puzzle["teeth"]
    for row in answer["samples"]:
        for i in range(len(t) - 1):
            assert mesh_error(row[i + 1], row[i + 2], c[i], c[i + 1], t[i], t[i + 1]) < 1e-3


def test_checker_rejects_perturbed_trajectory():
    puzzle, answer, params = solved(3)
    bad = copy.deepcopy(answer)
    mid = len(bad["samples"]) // 2
    bad["samples"][mid][2] += 10.0  # the second gear jumps by 10 degrees
    with pytest.raises(CheckFailed):
        TASK.check(puzzle, bad, params)
    bad, moved = copy.deepcopy(answer), copy.deepcopy(puzzle)
    half = 180 / puzzle["teeth"][-1]  # the last gear turned by half a tooth: teeth collide
    moved["phases"][-1] += half
    for row in bad["samples"]:
        row[-1] += half
    with pytest.raises(CheckFailed, match="collide"):
        TASK.check(moved, bad, params)


def test_checker_rejects_wrong_result():
    puzzle, answer, params = solved(4)
    bad = copy.deepcopy(answer)
    bad["last_rpm"] *= 1.1
    with pytest.raises(CheckFailed):
        TASK.check(puzzle, bad, params)
    bad = copy.deepcopy(answer)
    flip = {"clockwise": "counterclockwise", "counterclockwise": "clockwise"}
    bad["last_direction"] = flip[bad["last_direction"]]
    bad["directions"][-1] = bad["last_direction"]
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


def test_checker_rejects_each_wrong_fact():
    """One corrupted answer per fact the rubric states, each rejected."""
    puzzle, answer, params = solved(6, gears=5)
    flip = {"clockwise": "counterclockwise", "counterclockwise": "clockwise"}
    bads = {}
    fast = dict(puzzle, rpm=puzzle["rpm"] + 1)  # the whole train run at the wrong speed
    bad = copy.deepcopy(answer)
    bad["samples"] = [
        [row[0], *(angle_at(fast, i, row[0]) for i in range(5))] for row in answer["samples"]
    ]
    bads["driving speed"] = bad
    bad = copy.deepcopy(answer)
    bad["directions"][2] = flip[bad["directions"][2]]
    bads["a middle gear's direction"] = bad
    bad = copy.deepcopy(answer)
    bad["rpms"][1] *= 1.2
    bads["a middle gear's speed"] = bad
    bad = copy.deepcopy(answer)
    bad["last_rpm"] = puzzle["rpm"] * puzzle["teeth"][-1] / puzzle["teeth"][0]  # ratio inverted
    bads["last speed"] = bad
    bad = copy.deepcopy(answer)
    bad["last_direction"] = flip[bad["last_direction"]]
    bads["last direction"] = bad
    accepted = []
    for kind, bad in bads.items():
        try:
            TASK.check(puzzle, bad, params)
            accepted.append(kind)
        except CheckFailed:
            pass
    assert accepted == []


def test_level_five_is_harder_than_level_one():
    """More gears: more ratios to chain and more direction flips."""
    easy = [len(solved(i, difficulty=1)[0]["teeth"]) for i in range(8)]
    hard = [len(solved(i, difficulty=5)[0]["teeth"]) for i in range(8)]
    assert set(easy) == {2} and set(hard) == {6}


def test_holds_and_real_time_speed():
    """0.5 s opening, 1.0 s closing; the driving gear turns at its stated rpm in video time."""
    line = timeline(GID, 5, 0, {"image_size": 64})
    assert line.opening_s == 0.5 and line.closing_s == 1.0
    puzzle, answer, _ = solved(0)
    seconds = answer["samples"][-1][0]
    turned = abs(answer["samples"][-1][1] - answer["samples"][0][1])
    assert turned / 360 / seconds * 60 == pytest.approx(puzzle["rpm"])
