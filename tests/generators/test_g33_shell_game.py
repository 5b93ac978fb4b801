"""G-33 shell game: the ball followed through the swaps by the checker, and found under the
right cup in the decoded video."""

from __future__ import annotations

import math

import pytest

from generators.kit import NAMED, CheckFailed
from generators.tasks.g33_shell_game import ROW_Y, slot_x

from .conftest import Gen
from .decoded import centroid, decoded_sample

GEN = Gen("G-33_shell_game", seed=4)


@pytest.mark.parametrize(("index", "video", "kw"), [
    (0, True, {}), (1, False, {"cups": 5, "swaps": 10}), (2, False, {"cups": 3, "swaps": 1}),
    (3, False, {"cups": 5, "swaps": 3}),
])  # fmt: skip
def test_samples_validate(tmp_path, index, video, kw):
    GEN.assert_valid(tmp_path, index, video, **kw)


def test_checker_accepts_solver_answers():
    GEN.assert_solves(range(30), vary=lambda i: {"cups": 3 + i % 3, "swaps": 1 + i % 10})


def test_ball_by_hand():
    puzzle = {"cups": 4, "start": 0, "swaps": [[0, 2], [1, 3], [1, 2], [0, 2]],
              "cup_color": "blue", "ball_color": "red"}  # fmt: skip
    # A -> C (moves), B-D (stays C), B-C -> B (moves), A-C (stays B)
    assert GEN.solve(puzzle, GEN.params()) == {
        "after_each": ["C", "C", "B", "B"],
        "ball_cup_moves": 2,
        "final": "B",
    }


def test_checker_rejects_corrupted_answers():
    """One corruption per rubric fact: the ball's slot after a swap, the number of swaps its
    cup takes part in, the final slot; and answers followed with a misread swap list."""
    puzzle, answer, p = GEN.instance(3, cups=5, swaps=8)
    after = answer["after_each"]
    other = next(s for s in "ABCDE" if s != after[2])
    wrong = [
        ("after swap 3", {**answer, "after_each": [*after[:2], other, *after[3:]]}),
        ("number of times", {**answer, "ball_cup_moves": answer["ball_cup_moves"] + 1}),
        ("ends", {**answer, "final": next(s for s in "ABCDE" if s != answer["final"])}),
    ]
    for match, bad in wrong:
        with pytest.raises(CheckFailed, match=match):
            GEN.check(puzzle, bad, p)
    for k in range(len(puzzle["swaps"])):  # one swap misread as another: some fact fails
        misread = [list(s) for s in puzzle["swaps"]]
        misread[k] = [0, 1] if misread[k] != [0, 1] else [1, 2]
        bad = GEN.solve({**puzzle, "swaps": misread}, p)
        if bad["after_each"] != after:
            with pytest.raises(CheckFailed):
                GEN.check(puzzle, bad, p)


def test_decoded_video_shows_the_ball_at_its_start_and_final_slots(tmp_path):
    """The ball's colour is found under the lifted cup on the start slot in the first
    decoded frame and on the answered slot in the last, and nowhere in between."""
    meta, frames = decoded_sample(GEN.id, tmp_path, 2, seed=GEN.seed)
    puzzle, answer = meta["puzzle"], meta["answer"]
    n, ball = puzzle["cups"], NAMED[puzzle["ball_color"]]
    first, last = centroid(frames[0], ball), centroid(frames[-1], ball)
    assert math.dist(first, (slot_x(puzzle["start"], n), ROW_Y + 32)) < 6
    final = "ABCDE".index(answer["final"])
    assert math.dist(last, (slot_x(final, n), ROW_Y + 32)) < 6
    hidden = frames[len(frames) // 3 : 2 * len(frames) // 3]
    assert all(centroid(f, ball) is None for f in hidden)


def test_level_5_has_more_cups_and_swaps_than_level_1():
    def work(level):
        puzzles = [GEN.puzzle(i, difficulty=level) for i in range(20)]
        return sum(p["cups"] * len(p["swaps"]) for p in puzzles) / 20

    assert work(5) >= 5 * work(1)


def test_byte_identical(tmp_path):
    GEN.assert_byte_identical(tmp_path)


def test_render_params_ignored():
    GEN.assert_render_params_ignored()


def test_distinct_instances():
    GEN.assert_distinct(seeds=(0, 7))
