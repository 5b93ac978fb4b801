"""O-89 bookshelf sort: the moves are the fewest (checked by trying every set of books to
leave in place), the books that move are the only such set, each rubric fact corrupted and
rejected, level 5 moves more books on a longer shelf."""

from __future__ import annotations

import copy
import itertools

import pytest

from generators.kit import CheckFailed

from .conftest import VALIDATE, Gen

GEN = Gen("O-89_bookshelf_sort", seed=3)


@pytest.mark.parametrize(("index", "video", "kw"), VALIDATE)
def test_samples_validate(tmp_path, index, video, kw):
    GEN.assert_valid(tmp_path, index, video, **kw)


def test_checker_accepts_solver_answers():
    GEN.assert_solves(range(15), vary=lambda i: {"difficulty": 1 + i % 5})


def test_the_moved_books_are_the_only_fewest():
    for i in range(12):
        puzzle, answer, _ = GEN.instance(i, difficulty=1 + i % 5)
        heights, colors = puzzle["heights"], puzzle["colors"]
        n = len(heights)
        for k in range(n + 1):  # the fewest books whose removal leaves an increasing shelf
            fits = [set(gone) for gone in itertools.combinations(range(n), k)
                    if all(a < b for a, b in itertools.pairwise(
                        h for j, h in enumerate(heights) if j not in gone))]  # fmt: skip
            if fits:
                break
        assert fits == [{colors.index(m["book"]) for m in answer["moves"]}]


def move_one_more_book(answer, puzzle):
    stay = next(c for c in puzzle["colors"] if c not in {m["book"] for m in answer["moves"]})
    answer["moves"].insert(0, {"book": stay, "to": puzzle["colors"].index(stay)})


def put_a_book_in_the_wrong_place(answer, puzzle):
    m = answer["moves"][-1]
    m["to"] = (m["to"] + 1) % len(puzzle["colors"])


def move_a_book_twice(answer, puzzle):
    answer["moves"].append(copy.deepcopy(answer["moves"][-1]))


def misreport_the_final_shelf(answer, puzzle):
    answer["final"] = answer["final"][::-1]


@pytest.mark.parametrize(("corrupt", "reason"), [
    (move_one_more_book, "moves, not"), (put_a_book_in_the_wrong_place, "sorted"),
    (move_a_book_twice, "twice"), (misreport_the_final_shelf, "final shelf"),
])  # fmt: skip
def test_checker_rejects_each_wrong_fact(corrupt, reason):
    puzzle, answer, p = GEN.instance(4, difficulty=4)
    bad = copy.deepcopy(answer)
    corrupt(bad, puzzle)
    with pytest.raises(CheckFailed, match=reason):
        GEN.check(puzzle, bad, p)


def test_checker_rejects_a_shelf_with_two_fewest_sets():
    _, _, p = GEN.instance(4)
    twice = {"heights": [204, 180, 228], "colors": ["red", "blue", "green"]}
    with pytest.raises(CheckFailed, match="not unique"):
        GEN.check(
            twice, {"moves": [{"book": "red", "to": 1}], "final": ["blue", "red", "green"]}, p
        )


def test_level_5_moves_more_books():
    easy = [len(GEN.instance(i, difficulty=1)[1]["moves"]) for i in range(6)]
    hard = [len(GEN.instance(i, difficulty=5)[1]["moves"]) for i in range(6)]
    assert set(easy) == {1} and set(hard) == {5}


def test_byte_identical(tmp_path):
    GEN.assert_byte_identical(tmp_path)


def test_render_params_ignored():
    GEN.assert_render_params_ignored()


def test_distinct_instances():
    GEN.assert_distinct(n=200, seeds=(0, 2024))
