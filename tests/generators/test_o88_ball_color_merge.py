"""O-88 ball colour merging: the final row matches a direct reduction of the whole sequence,
no two neighbours ever share a colour, each rubric fact corrupted and rejected, level 5
enters more balls and merges more."""

from __future__ import annotations

import copy
import itertools

import pytest

from generators.kit import CheckFailed

from .conftest import VALIDATE, Gen

GEN = Gen("O-88_ball_color_merge", seed=3)
CHART = ("yellow", "orange", "red", "purple", "blue", "green")


@pytest.mark.parametrize(("index", "video", "kw"), VALIDATE)
def test_samples_validate(tmp_path, index, video, kw):
    GEN.assert_valid(tmp_path, index, video, **kw)


def test_checker_accepts_solver_answers():
    GEN.assert_solves(range(15), vary=lambda i: {"difficulty": 1 + i % 5})


def reduce_all(balls: list[int]) -> list[int]:
    """Merge any touching equal pair, leftmost first, until none is left: the same row as
    entering the balls one by one, since a merge only ever meets its left neighbour."""
    row = list(balls)
    while any(a == b for a, b in itertools.pairwise(row)):
        i = next(i for i in range(len(row) - 1) if row[i] == row[i + 1])
        row[i : i + 2] = [row[i] + 1]
    return row


def test_final_row_matches_a_direct_reduction():
    for i in range(20):
        puzzle, answer, _ = GEN.instance(i, difficulty=1 + i % 5)
        balls = [CHART.index(c) for c in puzzle["tray"] + puzzle["queue"]]
        final = [CHART.index(c) for c in answer["final"]]
        assert final == reduce_all(balls)
        merges = sum(e["merges"] for e in answer["entries"])
        assert merges == len(balls) - len(final)  # every merge removes one ball


def miscount_merges(answer):
    answer["entries"][-1]["merges"] += 1


def misreport_the_final_row(answer):
    answer["final"][-1] = CHART[(CHART.index(answer["final"][-1]) + 1) % 5]


def enter_out_of_order(answer):
    answer["entries"].reverse()


def skip_a_ball(answer):
    answer["entries"].pop(0)


@pytest.mark.parametrize(("corrupt", "reason"), [
    (miscount_merges, "merges"), (misreport_the_final_row, "final row"),
    (enter_out_of_order, "order|merges"), (skip_a_ball, "order"),
])  # fmt: skip
def test_checker_rejects_each_wrong_fact(corrupt, reason):
    puzzle, answer, p = GEN.instance(4)
    if answer["entries"][0]["ball"] == answer["entries"][-1]["ball"]:
        puzzle, answer, p = GEN.instance(5)
    bad = copy.deepcopy(answer)
    corrupt(bad)
    with pytest.raises(CheckFailed, match=reason):
        GEN.check(puzzle, bad, p)


def test_checker_rejects_touching_twins_at_the_start():
    puzzle, answer, p = GEN.instance(4)
    twins = {**puzzle, "tray": ["red", "red"]}
    with pytest.raises(CheckFailed, match="touch"):
        GEN.check(twins, answer, p)


def test_level_5_enters_more_balls_and_merges_more():
    def measure(level):
        out = [GEN.instance(i, difficulty=level)[1] for i in range(10)]
        return [sum(e["merges"] for e in a["entries"]) for a in out], [
            len(a["entries"]) for a in out
        ]

    (easy, n1), (hard, n5) = measure(1), measure(5)
    assert max(n1) < min(n5) and sum(hard) >= 2 * sum(easy), (easy, hard)


def test_byte_identical(tmp_path):
    GEN.assert_byte_identical(tmp_path)


def test_render_params_ignored():
    GEN.assert_render_params_ignored()


def test_distinct_instances():
    GEN.assert_distinct(n=200, seeds=(0, 2024))
