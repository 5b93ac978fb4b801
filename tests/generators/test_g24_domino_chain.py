"""G-24_domino_chain: the chain falls in order up to the first gap wider than a domino."""

import copy

import pytest

from generators import build_sample, get_spec, param_hash, validate_sample
from generators.kit import CheckFailed
from generators.kit.rng import sample_rng
from generators.sample import normalize
from generators.tasks import g24_domino_chain as domino
from generators.tasks.g24_domino_chain import corners, penetration

GID = "G-24_domino_chain"
SPEC = get_spec(GID)
TASK = SPEC.task_class()


def solved(index, seed=5, **given):
    params = SPEC.resolve_params(given)
    puzzle = normalize(TASK.generate(sample_rng(seed, index), params))
    return puzzle, normalize(TASK.solve(puzzle, params)), params


def test_samples_are_valid(tmp_path):
    for index, video, n in ((0, True, 6), (1, False, 10), (2, False, 5)):
        params = {"image_size": 128, "video": video, "dominoes": n}
        result = build_sample(GID, 11, index, params, tmp_path)
        assert validate_sample(result.folder) == []


@pytest.mark.parametrize("dominoes", [5, 8, 10])
def test_checker_accepts_solver(dominoes):
    for index in range(6):
        puzzle, answer, params = solved(index, dominoes=dominoes)
        TASK.check(puzzle, answer, params)


def test_chain_stops_at_the_first_wide_gap():
    """Rows with no wide gap (all fall), one, and two (the chain stops at the first) occur."""
    kinds = set()
    for index in range(16):
        puzzle, answer, _ = solved(index)
        h, gaps = puzzle["height"], puzzle["gaps"]
        k = answer["fallen"][-1]
        assert answer["fallen"] == list(range(1, k + 1))
        assert all(g < h for g in gaps[: k - 1])
        assert k == len(gaps) + 1 or gaps[k - 1] >= h
        assert answer["start_times"] == sorted(answer["start_times"])
        assert len(set(answer["start_times"])) == k
        kinds.add(sum(g >= h for g in gaps))
    assert kinds == {0, 1, 2}


def test_a_flat_domino_stays_clear_of_the_next():
    """The domino lying in a wide gap ends at least 30 canvas units from the next one."""
    for index in range(8):
        _, answer, _ = solved(index)
        if not answer["standing"]:
            continue
        k = answer["fallen"][-1]
        row = answer["samples"][-1]
        flat = corners(*row[1 + 3 * (k - 1) : 4 + 3 * (k - 1)])
        upright = corners(*row[1 + 3 * k : 4 + 3 * k])
        assert -penetration(flat, upright) >= 30


def test_checker_rejects_a_run_at_the_wrong_gravity(monkeypatch):
    """Dynamics are re-derived: the same row simulated at 0.6 g (or 1.4 g) is rejected."""
    puzzle, _, params = solved(2)
    for factor in (0.6, 1.4):
        with monkeypatch.context() as m:
            m.setattr(domino, "G", domino.G * factor)
            bad = normalize(TASK.solve(puzzle, params))
        with pytest.raises(CheckFailed, match="gravity"):
            TASK.check(puzzle, bad, params)
    weak = dict(puzzle, push=puzzle["push"] - 10)  # a softer push than the puzzle's
    bad = normalize(TASK.solve(weak, params))
    with pytest.raises(CheckFailed):
        TASK.check(puzzle, bad, params)


def test_level_five_is_harder_than_level_one():
    """Level 5 has twice the dominoes of level 1: more gaps to judge, a longer chain."""
    easy = [solved(i, difficulty=1) for i in range(4)]
    hard = [solved(i, difficulty=5) for i in range(4)]
    assert {len(p["gaps"]) + 1 for p, _, _ in easy} == {5}
    assert {len(p["gaps"]) + 1 for p, _, _ in hard} == {10}
    assert sum(len(a["fallen"]) for _, a, _ in hard) > sum(len(a["fallen"]) for _, a, _ in easy)


def _pose(answer, k, i):
    """Sample k's row and the column where domino i's pose starts."""
    return answer["samples"][k], 1 + 3 * i


def test_checker_rejects_perturbed_trajectory():
    puzzle, answer, params = solved(3)
    n = len(puzzle["gaps"]) + 1
    mid = len(answer["samples"]) // 2
    bad = copy.deepcopy(answer)
    row, at = _pose(bad, mid, n - 1)  # a standing domino shifts by 3% of the scene
    row[at] += 30
    with pytest.raises(CheckFailed):
        TASK.check(puzzle, bad, params)
    bad = copy.deepcopy(answer)
    k = next(j for j, r in enumerate(bad["samples"]) if abs(r[3] - bad["samples"][j - 1][3]) > 1)
    row, at = _pose(bad, k, 0)  # the first domino jumps up while it falls
    row[at + 1] -= 30
    with pytest.raises(CheckFailed):
        TASK.check(puzzle, bad, params)


def test_checker_rejects_wrong_result():
    puzzle, answer, params = solved(4)
    bad = copy.deepcopy(answer)
    bad["fallen"] = bad["fallen"] + [bad["standing"][0]]
    bad["standing"] = bad["standing"][1:]
    with pytest.raises(CheckFailed):
        TASK.check(puzzle, bad, params)
    bad = copy.deepcopy(answer)
    bad["start_times"][-1] += 0.1
    with pytest.raises(CheckFailed):
        TASK.check(puzzle, bad, params)
    bad = copy.deepcopy(answer)
    bad["samples"] = bad["samples"][:10]  # stops while the dominoes are still falling
    bad["duration"] = bad["samples"][-1][0]
    with pytest.raises(CheckFailed):
        TASK.check(puzzle, bad, params)


def test_same_sample_twice_is_byte_identical(tmp_path):
    params = {"image_size": 128}
    a = build_sample(GID, 2, 6, params, tmp_path / "a")
    b = build_sample(GID, 2, 6, params, tmp_path / "b")
    for name in a.files:
        assert (a.folder / name).read_bytes() == (b.folder / name).read_bytes(), name


def test_a_hundred_distinct_puzzles():
    params = SPEC.resolve_params({})
    hashes = {
        param_hash(GID, normalize(TASK.generate(sample_rng(9, i), params))) for i in range(100)
    }
    assert len(hashes) == 100
