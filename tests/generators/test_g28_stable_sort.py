"""G-28_stable_sort: ascending numbers, ties in their original order, smooth straight glides."""

import copy

import pytest

from generators import build_sample, get_spec, param_hash, validate_sample
from generators.kit import CheckFailed, easing
from generators.kit.rng import sample_rng
from generators.review import max_jump, timeline
from generators.sample import normalize
from generators.tasks.g28_stable_sort import LANE, RATE, foot, legs, schedule, slot_x

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
    with pytest.raises(CheckFailed, match="outside its glide"):
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


def resampled(puzzle, answer, moves, where=foot):
    """The answer with `moves` and samples re-drawn from them by `where(n, move, t)`."""
    n = len(puzzle["keys"])
    end = max(m["end"] for m in moves)
    times = [k / RATE for k in range(round(end * RATE) + 1)]
    by_bar = sorted(moves, key=lambda m: m["bar"])
    samples = [[t, *(v for m in by_bar for v in where(n, m, t))] for t in times]
    return dict(copy.deepcopy(answer), moves=moves, samples=samples)


def at_constant_speed(n, m, t):
    """Like foot, but each leg at constant speed: no smooth start or stop."""
    a, c, b = legs(n, m["bar"], m["slot"])
    if t <= m["start"] or t >= m["end"]:
        return a if t <= m["start"] else b
    if t < m["corner"]:
        return easing.lerp_point(a, c, (t - m["start"]) / (m["corner"] - m["start"]))
    return easing.lerp_point(c, b, (t - m["corner"]) / (m["end"] - m["corner"]))


def test_checker_rejects_each_wrong_fact():
    """One corrupted answer per fact the rubric states, each rejected."""
    puzzle, answer, params = solved(6, bars=8)
    keys, letters, order = puzzle["keys"], puzzle["letters"], answer["order"]
    n = len(keys)
    bads = {}
    moves = copy.deepcopy(answer["moves"])  # 1: the second bar sets off before the first lands
    shift = moves[1]["start"] - moves[0]["corner"]
    for m in moves[1:]:
        for k in ("start", "corner", "end"):
            m[k] = round(m[k] - shift, 6)
    bads["one at a time"] = resampled(puzzle, answer, moves)
    moves = schedule(keys, order[::-1])  # 1: the same row, its slots filled from the right
    for m in moves:
        m["slot"] = n - 1 - m["slot"]
    bads["left to right"] = resampled(puzzle, answer, moves)
    bad = copy.deepcopy(answer)  # 2: off the straight path
    mid = len(bad["samples"]) // 2
    bar = next(m for m in bad["moves"] if m["start"] < bad["samples"][mid][0] < m["end"])["bar"]
    bad["samples"][mid][1 + 2 * bar] += 30
    bads["straight line"] = bad
    bads["smooth start and stop"] = resampled(puzzle, answer, answer["moves"], at_constant_speed)
    moves = copy.deepcopy(answer["moves"])  # 2: legs twice as fast: faster than a glide
    for m in moves:
        m["corner"] = round(m["start"] + (m["corner"] - m["start"]) / 2, 6)
        m["end"] = round(m["corner"] + (m["end"] - m["corner"]) / 2, 6)
    bads["glides, never jumps"] = resampled(puzzle, answer, moves)
    bad = copy.deepcopy(answer)  # 3: largest number first
    bad["order"][0], bad["order"][-1] = order[-1], order[0]
    bads["ascending"] = bad
    i = next(k for k in range(n - 1) if keys[order[k]] == keys[order[k + 1]])
    swapped = [*order[:i], order[i + 1], order[i], *order[i + 2 :]]  # 4: a tie swapped, all
    bads["ties keep their order"] = resampled(  # else consistent with that order
        puzzle,
        dict(answer, order=swapped, sorted_letters="".join(letters[j] for j in swapped)),
        schedule(keys, swapped),
    )
    bads["final letters"] = dict(answer, sorted_letters=answer["sorted_letters"][::-1])
    bad = copy.deepcopy(answer)  # 6: the last bar never leaves the top row
    last = order[-1]
    for row in bad["samples"]:
        row[1 + 2 * last], row[2 + 2 * last] = slot_x(n, last), legs(n, last, 0)[0][1]
    bads["top row ends empty"] = bad
    accepted = []
    for kind, bad in bads.items():
        try:
            TASK.check(puzzle, bad, params)
            accepted.append(kind)
        except CheckFailed:
            pass
    assert accepted == []


def test_bars_drop_straight_into_their_slots():
    """Below the lane a bar is over its own slot, so it never overlaps a neighbour there."""
    puzzle, answer, _ = solved(2, bars=10)
    n = len(puzzle["keys"])
    for m in answer["moves"]:
        for row in answer["samples"]:
            x, y = row[1 + 2 * m["bar"]], row[2 + 2 * m["bar"]]
            if y > LANE + 1e-9:
                assert x == pytest.approx(slot_x(n, m["slot"]))


def test_level_five_is_harder_than_level_one():
    """More bars, and more of them tied with another."""

    def tied(puzzle):
        keys = puzzle["keys"]
        return sum(keys.count(k) > 1 for k in keys)

    easy = [solved(i, difficulty=1)[0] for i in range(10)]
    hard = [solved(i, difficulty=5)[0] for i in range(10)]
    assert {len(p["keys"]) for p in easy} == {5} and {len(p["keys"]) for p in hard} == {10}
    assert sum(map(tied, hard)) > 2 * sum(map(tied, easy))


def test_holds_and_motion():
    line = timeline(GID, 5, 0, {"image_size": 64})
    assert line.opening_s == 0.5 and line.closing_s == 1.0
    assert max_jump(line)[0] <= 0.03
