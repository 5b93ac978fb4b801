"""The four model generators: checkers accept the solvers' answers and reject corrupted ones."""

import copy

import pytest

from generators.kit import CheckFailed
from tests.test_samples import answers


def rejects(task, puzzle, answer, params, corrupt):
    bad = copy.deepcopy(answer)
    corrupt(bad, puzzle)
    with pytest.raises(CheckFailed):
        task.check(puzzle, bad, params)


def test_sudoku():
    for task, puzzle, answer, params in answers("O-48_sudoku", 10):
        task.check(puzzle, answer, params)
        givens = sum(d > 0 for row in puzzle["givens"] for d in row)
        assert givens == params["givens"]

        def swap_two_cells(a, p):  # keeps rows valid, breaks columns or a given
            a["solution"][0][0], a["solution"][0][1] = a["solution"][0][1], a["solution"][0][0]

        def drop_a_step(a, p):
            a["order"].pop()

        rejects(task, puzzle, answer, params, swap_two_cells)
        rejects(task, puzzle, answer, params, drop_a_step)


def test_sudoku_rejects_an_ambiguous_puzzle():
    task, puzzle, answer, params = next(answers("O-48_sudoku", 1))
    puzzle = copy.deepcopy(puzzle)
    puzzle["givens"] = [[0] * 9 for _ in range(9)]
    puzzle["givens"][0] = answer["solution"][0]
    with pytest.raises(CheckFailed, match="unique"):
        task.check(puzzle, {**answer, "order": []}, params)


def test_maze():
    for task, puzzle, answer, params in answers("O-39_maze"):
        task.check(puzzle, answer, params)

        def through_wall(a, p):  # jump two cells at once
            if len(a["path"]) > 2:
                del a["path"][1]
            else:
                a["path"].append(a["path"][0])

        def detour(a, p):  # walk back and forth: connected but not shortest
            a["path"][1:1] = [a["path"][1], a["path"][0]]
            a["length"] += 2

        rejects(task, puzzle, answer, params, through_wall)
        rejects(task, puzzle, answer, params, detour)


def test_counting():
    seen = set()
    for task, puzzle, answer, params in answers("O-33_counting", 40):
        task.check(puzzle, answer, params)
        assert answer["count"] == len(puzzle["objects"])
        seen.add(answer["count"])

        def off_by_one(a, p):
            a["count"] += 1

        def count_one_twice(a, p):
            a["order"][-1] = a["order"][0]
            if len(a["order"]) == 1:
                a["order"].append(0)

        rejects(task, puzzle, answer, params, off_by_one)
        rejects(task, puzzle, answer, params, count_one_twice)
    assert len(seen) > 8  # counts spread over 1..20
