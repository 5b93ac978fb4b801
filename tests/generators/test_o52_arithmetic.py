"""Arithmetic: object counts and written column sums agree with integer arithmetic."""

from __future__ import annotations

import copy
import itertools
import math

import pytest

from generators import lookup
from generators.kit import CheckFailed, Film
from generators.tasks.o52_arithmetic import (
    BOX_A,
    BOX_ANS,
    BOX_B,
    Flight,
    column_pair,
    column_pairs,
    column_steps,
    glide,
)

from .conftest import Gen

GEN = Gen("O-52_arithmetic", seed=8)
TASK = GEN.task


def solved(index, **kw):
    return GEN.instance(index, **kw)


def test_lookup_short_name():
    assert lookup("O-arithmetic") == GEN.id


@pytest.mark.parametrize(("index", "video", "kw"), [
    (0, True, {"mode": "objects", "op": "subtract"}), (1, True, {"mode": "column"}),
    (2, False, {"mode": "objects", "op": "multiply"}), (3, False, {"mode": "objects", "op": "add"}),
    (4, False, {"mode": "column", "op": "multiply", "digits": 5}),
])  # fmt: skip
def test_samples_validate(tmp_path, index, video, kw):
    GEN.assert_valid(tmp_path, index, video, seed=3, **kw)


def test_checker_accepts_solver_answers():
    kinds = set()
    for i in range(30):
        puzzle, answer, p = solved(i, digits=2 + i % 4)
        TASK.check(puzzle, answer, p)
        kinds.add((puzzle["mode"], puzzle["op"]))
    assert len(kinds) == 6


@pytest.mark.parametrize("op", ["add", "subtract", "multiply"])
def test_column_steps_match_integer_arithmetic(op):
    for i in range(300):
        a = 10 + (i * 7919) % 99990
        b = 2 + (i * 104729) % (9 if op == "multiply" else a - 1)
        steps = column_steps(op, a, b)
        digits = "".join(str(s["digit"]) for s in reversed(steps) if not s.get("blank"))
        assert int(digits) == {"add": a + b, "subtract": a - b, "multiply": a * b}[op]
        assert not digits.startswith("0") or digits == "0"


def test_checker_rejects_corrupted_answers():
    puzzle, answer, p = solved(1, mode="column", op="add")
    with pytest.raises(CheckFailed):
        TASK.check(puzzle, {**answer, "value": answer["value"] + 1}, p)
    bad = copy.deepcopy(answer)
    k = next(i for i, s in enumerate(bad["steps"]) if s["carry_out"])
    bad["steps"][k]["carry_out"] = 0
    with pytest.raises(CheckFailed, match="column"):
        TASK.check(puzzle, bad, p)
    puzzle, answer, p = solved(0, mode="objects", op="subtract")
    short = {**answer, "cancel": answer["cancel"][1:]}
    with pytest.raises(CheckFailed):
        TASK.check(puzzle, short, p)


def test_checker_rejects_each_wrong_fact_of_a_subtraction_with_objects():
    puzzle, answer, p = solved(0, mode="objects", op="subtract")
    twice = copy.deepcopy(answer)
    twice["cancel"][0][0] = twice["cancel"][-1][0]
    with pytest.raises(CheckFailed, match="distinct"):
        TASK.check(puzzle, twice, p)
    lost = {**answer, "kept": answer["kept"][1:]}
    with pytest.raises(CheckFailed, match="make up"):
        TASK.check(puzzle, lost, p)
    with pytest.raises(CheckFailed, match="is"):
        TASK.check(puzzle, {**answer, "value": answer["value"] - 1}, p)


@pytest.mark.parametrize("op", ["subtract", "multiply"])
def test_checker_rejects_a_wrong_written_column(op):
    puzzle, answer, p = solved(2, mode="column", op=op)
    bad = copy.deepcopy(answer)
    bad["steps"][0]["digit"] = (bad["steps"][0]["digit"] + 1) % 10
    with pytest.raises(CheckFailed):
        TASK.check(puzzle, bad, p)
    swapped = copy.deepcopy(answer)
    swapped["steps"] = swapped["steps"][::-1]
    with pytest.raises(CheckFailed, match=r"right to left|wrong"):
        TASK.check(puzzle, swapped, p)


def test_objects_glide_at_most_3_percent_of_the_width_a_frame():
    film = Film(128, 16, None)
    corners = [(x, y) for box in (BOX_A, BOX_B, BOX_ANS) for x in box[::2] for y in box[1::2]]
    for start in corners:
        for end in corners:
            flight = Flight(start, end, "circle", "red", 30)
            n = flight.frames(film)
            path = [(start[0] + (end[0] - start[0]) * glide(k / n),
                     start[1] + (end[1] - start[1]) * glide(k / n)) for k in range(n + 1)]  # fmt: skip
            steps = [math.dist(a, b) for a, b in itertools.pairwise(path)]
            assert max(steps, default=0) <= 30, (start, end)


def test_level_5_writes_longer_sums_than_level_2():
    def columns(level):
        return [len(solved(i, difficulty=level)[1]["steps"]) for i in range(6)]

    assert min(columns(5)) >= max(columns(2)) + 2
    assert {solved(i, difficulty=1)[0]["mode"] for i in range(6)} == {"objects"}


def test_generated_column_sums_carry():
    for i in range(20):
        puzzle, answer, _ = solved(i, mode="column", op="add" if i % 2 else "subtract")
        key = "carry_out" if puzzle["op"] == "add" else "borrow_out"
        assert any(s[key] for s in answer["steps"])
        assert len(str(puzzle["a"])) == 3


@pytest.mark.parametrize("op", ["add", "subtract"])
def test_column_pairs_are_every_pair_that_carries_or_borrows(op):
    """The instance number reaches every two-digit pair the rule allows, each once."""
    want = set()
    for a in range(10, 100):
        for b in range(10, 100):
            steps = column_steps(op, a, b)
            if op == "add" and any(s["carry_out"] for s in steps):
                want.add((a, b))
            if op == "subtract" and a > b and any(s["borrow_out"] for s in steps):
                want.add((a, b))
    got = [column_pair(op, 2, x) for x in range(column_pairs(op, 2))]
    assert len(got) == len(set(got)) and set(got) == want


def test_byte_identical(tmp_path):
    GEN.assert_byte_identical(tmp_path, seed=11, index=5)


@pytest.mark.parametrize("given", [{}, {"mode": "column", "op": "multiply"},
                                   {"mode": "objects", "op": "multiply"},
                                   {"mode": "column", "op": "subtract", "digits": 2}])  # fmt: skip
def test_distinct_instances_at_several_seeds(given):
    """The default mix, and the smallest spaces (1,152 to 7,200 instances) on their own."""
    GEN.assert_distinct(seeds=(0, 1, 32, 2024, 2**40 + 3), **given)
