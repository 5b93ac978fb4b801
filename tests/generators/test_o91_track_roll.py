"""O-91 track roll: how many balls reach each bin agrees with a count of the flow through
the board (a swinging paddle sends its balls alternately each way; a fixed one all one way),
each rubric fact corrupted and rejected, level 5 drops more balls through more junctions."""

from __future__ import annotations

import copy
from collections import Counter

import pytest

from generators.kit import CheckFailed

from .conftest import VALIDATE, Gen

GEN = Gen("O-91_track_roll", seed=3)


@pytest.mark.parametrize(("index", "video", "kw"), VALIDATE)
def test_samples_validate(tmp_path, index, video, kw):
    GEN.assert_valid(tmp_path, index, video, **kw)


def test_checker_accepts_solver_answers():
    GEN.assert_solves(range(15), vary=lambda i: {"difficulty": 1 + i % 5})


def bin_counts(board, balls: int) -> Counter:
    flow = [balls]
    for row in board:
        below = [0] * (len(row) + 1)
        for c, (n, j) in enumerate(zip(flow, row)):
            first, other = (0, 1) if j["side"] == "left" else (1, 0)
            there = (n + 1) // 2 if j["kind"] == "swing" else n
            below[c + first] += there
            below[c + other] += n - there
        flow = below
    return Counter({"ABCDEF"[c]: n for c, n in enumerate(flow) if n})


def test_bin_counts_agree_with_the_flow_through_the_board():
    for i in range(20):
        puzzle, answer, _ = GEN.instance(i, difficulty=1 + i % 5)
        assert Counter(answer["bins"]) == bin_counts(puzzle["board"], len(puzzle["balls"]))


def name_another_bin(answer):
    answer["bins"][-1] = "A" if answer["bins"][-1] != "A" else "B"


def roll_against_a_paddle(answer):
    path = answer["paths"][0]
    path[1] = 1 - path[1]
    for r in range(2, len(path)):
        path[r] = min(max(path[r], path[r - 1]), path[r - 1] + 1)


def leave_the_paddles_unswung(answer):
    answer["final_sides"] = [[("left", "right")[k % 2] for k in range(len(row))]
                             for row in answer["final_sides"]]  # fmt: skip


def drop_a_ball_less(answer):
    answer["paths"].pop()


@pytest.mark.parametrize(("corrupt", "reason"), [
    (name_another_bin, "lands in bin"), (roll_against_a_paddle, "against the paddle"),
    (leave_the_paddles_unswung, "paddles"), (drop_a_ball_less, "every ball"),
])  # fmt: skip
def test_checker_rejects_each_wrong_fact(corrupt, reason):
    puzzle, answer, p = GEN.instance(2, difficulty=4)
    bad = copy.deepcopy(answer)
    corrupt(bad)
    if bad["final_sides"] == answer["final_sides"] and corrupt is leave_the_paddles_unswung:
        bad["final_sides"][0][0] = "left" if bad["final_sides"][0][0] == "right" else "right"
    with pytest.raises(CheckFailed, match=reason):
        GEN.check(puzzle, bad, p)


def test_level_5_drops_more_balls_through_more_junctions():
    def passes(level):
        out = [GEN.instance(i, difficulty=level) for i in range(6)]
        return [len(a["paths"]) * len(pz["board"]) for pz, a, _ in out]

    assert max(passes(1)) * 3 <= min(passes(5))


def test_byte_identical(tmp_path):
    GEN.assert_byte_identical(tmp_path)


def test_render_params_ignored():
    GEN.assert_render_params_ignored()


def test_distinct_instances():
    GEN.assert_distinct(n=200, seeds=(0, 2024))
