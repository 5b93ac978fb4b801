"""O-98 animal size sort: swaps replayed, minimality by the checker's own cycle count and by
breadth-first search, each rubric fact corrupted and rejected, level 5 needs more swaps."""

from __future__ import annotations

import copy
import itertools

import pytest

from generators.kit import CheckFailed

from .conftest import VALIDATE, Gen

GEN = Gen("O-98_animal_size_sort", seed=3)


@pytest.mark.parametrize(("index", "video", "kw"), VALIDATE)
def test_samples_validate(tmp_path, index, video, kw):
    GEN.assert_valid(tmp_path, index, video, **kw)


def test_checker_accepts_solver_answers():
    GEN.assert_solves(range(15), vary=lambda i: {"difficulty": 1 + i % 5})


def bfs_swaps(row):
    start, goal = tuple(row), tuple(sorted(row))
    seen, frontier, depth = {start}, [start], 0
    while goal not in seen:
        depth += 1
        nxt = []
        for r in frontier:
            for i in range(len(r)):
                for j in range(i + 1, len(r)):
                    s = list(r)
                    s[i], s[j] = s[j], s[i]
                    if tuple(s) not in seen:
                        seen.add(tuple(s))
                        nxt.append(tuple(s))
        frontier = nxt
    return depth


def test_fewest_swaps_match_breadth_first_search():
    for i in range(8):
        puzzle, answer, p = GEN.instance(i, difficulty=1 + i % 4)
        assert answer["count"] == bfs_swaps(puzzle["sizes"]) == p["swaps"]


def test_sizes_differ_enough_to_see():
    for i in range(10):
        sizes = sorted(GEN.puzzle(i, difficulty=5)["sizes"])
        assert all(b / a > 1.15 for a, b in itertools.pairwise(sizes))


def stop_early(answer):
    answer["swaps"].pop()
    answer["count"] -= 1


def take_a_detour(answer):
    answer["swaps"] += [[0, 1], [0, 1]]
    answer["count"] += 2


def swap_with_itself(answer):
    answer["swaps"][0] = [1, 1]


def miscount(answer):
    answer["count"] += 1


@pytest.mark.parametrize(("corrupt", "reason"), [
    (stop_early, "not smallest to largest"), (take_a_detour, "fewest"),
    (swap_with_itself, "two places"), (miscount, "count"),
])  # fmt: skip
def test_checker_rejects_each_wrong_fact(corrupt, reason):
    puzzle, answer, p = GEN.instance(4)
    bad = copy.deepcopy(answer)
    corrupt(bad)
    with pytest.raises(CheckFailed, match=reason):
        GEN.check(puzzle, bad, p)


def test_checker_rejects_sizes_too_close_to_tell():
    puzzle, answer, p = GEN.instance(5)
    a, b = sorted(puzzle["sizes"])[:2]
    close = {**puzzle, "sizes": [a * 1.05 if s == b else s for s in puzzle["sizes"]]}
    with pytest.raises(CheckFailed, match="too close"):
        GEN.check(close, answer, p)


def test_level_5_needs_more_swaps_on_a_longer_row():
    easy = [GEN.instance(i, difficulty=1) for i in range(5)]
    hard = [GEN.instance(i, difficulty=5) for i in range(5)]
    assert all(a["count"] == 1 and len(p["sizes"]) == 3 for p, a, _ in easy)
    assert all(a["count"] == 5 and len(p["sizes"]) == 6 for p, a, _ in hard)


def test_byte_identical(tmp_path):
    GEN.assert_byte_identical(tmp_path)


def test_render_params_ignored():
    GEN.assert_render_params_ignored()


def test_distinct_instances():
    GEN.assert_distinct(n=200, seeds=(0, 2024))
