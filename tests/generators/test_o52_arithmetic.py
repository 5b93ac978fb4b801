"""Arithmetic: object counts and written column sums agree with integer arithmetic."""

from __future__ import annotations

import copy

import pytest

from generators import build_sample, lookup, param_hash, validate_sample
from generators.kit import CheckFailed
from generators.kit.rng import sample_rng
from generators.sample import normalize
from generators.tasks.o52_arithmetic import Arithmetic, column_steps

GID = "O-52_arithmetic"
TASK = Arithmetic()


def params(**kw):
    return TASK.spec.resolve_params(kw)


def solved(index, **kw):
    p = params(**kw)
    puzzle = normalize(TASK.generate(sample_rng(8, index), p))
    return puzzle, normalize(TASK.solve(puzzle, p)), p


def test_lookup_short_name():
    assert lookup("O-arithmetic") == GID


@pytest.mark.parametrize(("index", "video", "kw"), [
    (0, True, {"mode": "objects", "op": "subtract"}), (1, True, {"mode": "column"}),
    (2, False, {"mode": "objects", "op": "multiply"}), (3, False, {"mode": "objects", "op": "add"}),
    (4, False, {"mode": "column", "op": "multiply", "digits": 5}),
])  # fmt: skip
def test_samples_validate(tmp_path, index, video, kw):
    res = build_sample(GID, 3, index, {"image_size": 128, "video": video, **kw}, tmp_path)
    assert validate_sample(res.folder) == []


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


def test_byte_identical(tmp_path):
    a = build_sample(GID, 11, 5, {"image_size": 128}, tmp_path / "a")
    b = build_sample(GID, 11, 5, {"image_size": 128}, tmp_path / "b")
    for name in a.files:
        assert (a.folder / name).read_bytes() == (b.folder / name).read_bytes(), name


def test_distinct_instances():
    p = params()
    hashes = {param_hash(GID, normalize(TASK.generate(sample_rng(0, i), p))) for i in range(200)}
    assert len(hashes) == 200
