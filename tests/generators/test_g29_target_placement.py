"""G-29_target_placement: every shape ends on its own outline along smooth, collision-free paths."""

import copy
import itertools
import math

import pytest

from generators import build_sample, get_spec, param_hash, validate_sample
from generators.kit import CheckFailed
from generators.kit.rng import sample_rng
from generators.review import timeline
from generators.sample import normalize
from generators.tasks import g29_target_placement as placement
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


def test_checker_rejects_the_longer_way_round():
    """The stated turn direction is checked: the same fit reached the other way round (in the
    answer's turns, or in its samples too) is rejected."""
    puzzle, answer, params = solved(4)
    kind = puzzle["objects"][0]["kind"]
    d = answer["turns"][0]
    other = d - placement.SYMMETRY[kind] * (1 if d > 0 else -1)
    bad = copy.deepcopy(answer)
    bad["turns"][0] = other
    with pytest.raises(CheckFailed, match="shorter way"):
        TASK.check(puzzle, bad, params)
    bad = copy.deepcopy(answer)
    for row in bad["samples"]:  # the samples turn the long way, the answer says the short way
        row[3] += (other - d) * (row[0] / bad["samples"][-1][0])
    with pytest.raises(CheckFailed):
        TASK.check(puzzle, bad, params)


def test_no_tied_or_invisible_turns():
    """Each turn is clearly one way: at least PLAIN degrees, and PLAIN from a tie."""
    for index in range(30):
        puzzle, answer, _ = solved(index)
        for o, d in zip(puzzle["objects"], answer["turns"]):
            half = placement.SYMMETRY[o["kind"]] / 2
            assert placement.PLAIN <= abs(d) <= half - placement.PLAIN


def test_a_diamond_is_not_a_square():
    """The diamond is a rhombus: its diagonals differ, so no turn makes it a square."""
    pts = placement._points("diamond", 0.0, 0.0, 30.0)
    long = ((pts[0][0] - pts[2][0]) ** 2 + (pts[0][1] - pts[2][1]) ** 2) ** 0.5
    short = ((pts[1][0] - pts[3][0]) ** 2 + (pts[1][1] - pts[3][1]) ** 2) ** 0.5
    assert short < 0.7 * long


def test_level_five_is_harder_than_level_one():
    easy = {len(solved(i, difficulty=1)[0]["objects"]) for i in range(5)}
    hard = {len(solved(i, difficulty=5)[0]["objects"]) for i in range(5)}
    assert easy == {1} and hard == {5}


def test_holds():
    line = timeline(GID, 5, 0, {"image_size": 64})
    assert line.opening_s == 0.5 and line.closing_s == 1.0
