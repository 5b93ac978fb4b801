"""Tower of Hanoi: moves are legal and optimal, the optimum is unique, the goal is reached."""

from __future__ import annotations

import itertools

import pytest

from generators.kit import CheckFailed
from generators.tasks.o53_tower_of_hanoi import plan, search

from .conftest import Gen

GEN = Gen("O-53_tower_of_hanoi", seed=3)
TASK = GEN.task


@pytest.mark.parametrize(("index", "video", "kw"), [
    (1, True, {"difficulty": 1}), (2, False, {}), (3, False, {"difficulty": 5}),
])  # fmt: skip
def test_samples_validate(tmp_path, index, video, kw):
    GEN.assert_valid(tmp_path, index, video, seed=3, **kw)


def test_checker_accepts_solver_answers_at_every_level():
    GEN.assert_solves(range(15), vary=lambda i: {"difficulty": 1 + i % 5})


def test_puzzles_keep_to_their_disks_and_moves():
    for i in range(30):
        puzzle, answer, p = GEN.instance(i)
        assert p["min_disks"] <= len(puzzle["start"]) <= p["max_disks"]
        assert p["min_moves"] <= answer["count"] <= p["max_moves"]


def test_recursion_finds_the_shortest_solution_between_any_two_arrangements():
    for start in itertools.product(range(3), repeat=4):
        for goal, best in search(start, 99)[0].items():
            assert len(plan(start, goal)) == best


def test_level_five_is_harder_than_level_one():
    def mean(level, key):
        return sum(key(*GEN.instance(i, difficulty=level)[:2]) for i in range(20)) / 20

    assert mean(5, lambda p, a: a["count"]) >= 4 * mean(1, lambda p, a: a["count"])
    assert mean(5, lambda p, a: len(p["start"])) > mean(1, lambda p, a: len(p["start"])) + 3


def test_distinct_at_several_seeds():
    GEN.assert_distinct(seeds=(0, 1, 2024, 2**40 + 3))


def test_checker_rejects_each_kind_of_wrong_answer():
    puzzle, answer, p = GEN.instance(0)
    moves = answer["moves"]
    a, b = moves[0]
    spare = next(x for x in "ABC" if x not in (a, b))
    tops = {peg: len([1 for w in puzzle["start"] if "ABC"[w] == peg]) for peg in "ABC"}
    empty = next((x for x in "ABC" if tops[x] == 0), None)
    wrong = {
        "larger on smaller": [[a, b], [a, b], *moves[2:]],
        "not fewest": [[a, spare], [spare, b], *moves[1:]],
        "goal not reached": moves[:-1],
        "no peg change": [[a, a], *moves],
    }
    if empty:
        wrong["empty peg"] = [[empty, a], *moves]
    for kind, bad in wrong.items():
        with pytest.raises(CheckFailed):
            TASK.check(puzzle, {"moves": bad, "count": len(bad)}, p)
            pytest.fail(kind)
    with pytest.raises(CheckFailed, match="count"):
        TASK.check(puzzle, {**answer, "count": answer["count"] + 1}, p)


def test_checker_rejects_a_puzzle_with_two_shortest_solutions():
    start, goal = next((s, g) for s in itertools.product(range(3), repeat=3)
                       for g, w in search(s, 99)[1].items() if w > 1)  # fmt: skip
    puzzle = {"start": list(start), "goal": list(goal)}
    answer = GEN.solve(puzzle, GEN.params())
    with pytest.raises(CheckFailed, match="unique"):
        TASK.check(puzzle, answer, GEN.params())
