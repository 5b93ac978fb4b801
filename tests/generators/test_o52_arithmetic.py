"""Arithmetic: object counts and written column sums agree with integer arithmetic."""

from __future__ import annotations

import copy

import pytest

from generators import lookup
from generators.kit import CheckFailed
from generators.tasks.o52_arithmetic import column_pair, column_pairs, column_steps

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
    """The default mix, and the smallest spaces (720 to 7200 instances) on their own."""
    GEN.assert_distinct(seeds=(0, 1, 32, 2024, 2**40 + 3), **given)
