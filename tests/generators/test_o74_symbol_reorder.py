"""O-74 symbol reorder: swaps replayed, minimality confirmed by breadth-first search, each
rubric fact corrupted and rejected, level 5 needs more swaps than level 1."""

from __future__ import annotations

import copy

import pytest

from generators.kit import CheckFailed

from .conftest import VALIDATE, Gen

GEN = Gen("O-74_symbol_reorder", seed=3)


def bfs_swaps(row, target):
    """Fewest swaps of any two places from row to target, by searching level by level."""
    start, goal = tuple(row), tuple(target)
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


@pytest.mark.parametrize(("index", "video", "kw"), VALIDATE)
def test_samples_validate(tmp_path, index, video, kw):
    GEN.assert_valid(tmp_path, index, video, **kw)


def test_checker_accepts_solver_answers():
    GEN.assert_solves(range(15), vary=lambda i: {"difficulty": 1 + i % 5})


def test_fewest_swaps_match_breadth_first_search():
    for i in range(12):
        puzzle, answer, _ = GEN.instance(i, difficulty=1 + i % 3)
        assert answer["count"] == bfs_swaps(puzzle["row"], puzzle["target"])
        assert answer["count"] == GEN.params(difficulty=1 + i % 3)["swaps"]


def leave_the_row_unfinished(answer):
    answer["swaps"].pop()
    answer["count"] -= 1


def swap_a_tile_with_itself(answer):
    answer["swaps"][0] = [answer["swaps"][0][0]] * 2


def swap_outside_the_row(answer):
    answer["swaps"][0] = [0, 99]


def take_a_detour(answer):
    answer["swaps"] += [[0, 1], [0, 1]]
    answer["count"] += 2


def miscount(answer):
    answer["count"] += 1


def misreport_the_final_row(answer):
    answer["final"] = answer["final"][::-1]


@pytest.mark.parametrize(("corrupt", "reason"), [
    (leave_the_row_unfinished, "not the target"), (swap_a_tile_with_itself, "itself"),
    (swap_outside_the_row, "two places"), (take_a_detour, "fewest"), (miscount, "counter"),
    (misreport_the_final_row, "final row"),
])  # fmt: skip
def test_checker_rejects_each_wrong_fact(corrupt, reason):
    puzzle, answer, p = GEN.instance(4)
    bad = copy.deepcopy(answer)
    corrupt(bad)
    with pytest.raises(CheckFailed, match=reason):
        GEN.check(puzzle, bad, p)


def test_checker_rejects_a_target_that_is_not_a_rearrangement():
    puzzle, answer, p = GEN.instance(5)
    bad = {**puzzle, "target": [puzzle["target"][1], *puzzle["target"][1:]]}
    with pytest.raises(CheckFailed):
        GEN.check(bad, answer, p)


def test_level_5_needs_more_swaps_on_a_longer_row():
    easy = [GEN.instance(i, difficulty=1)[1]["count"] for i in range(5)]
    hard = [GEN.instance(i, difficulty=5)[1]["count"] for i in range(5)]
    assert max(easy) + 5 <= min(hard), (easy, hard)
    assert len(GEN.puzzle(0, difficulty=5)["row"]) > len(GEN.puzzle(0, difficulty=1)["row"])


def test_byte_identical(tmp_path):
    GEN.assert_byte_identical(tmp_path)


def test_render_params_ignored():
    GEN.assert_render_params_ignored()


def test_distinct_instances():
    GEN.assert_distinct(n=200, seeds=(0, 2024))
