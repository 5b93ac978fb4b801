"""Logic-gate circuits: valid samples, correct evaluation, rejected bad answers."""

from __future__ import annotations

import pytest

from generators import build_sample, lookup, param_hash, validate_sample
from generators.kit import CheckFailed
from generators.kit.rng import sample_rng
from generators.sample import normalize
from generators.tasks.o50_logic_gates import LogicGates

GID = "O-50_logic_gates"
TASK = LogicGates()
TRUTH = {  # (a, b) -> value, written out by hand
    "AND": {(0, 0): 0, (0, 1): 0, (1, 0): 0, (1, 1): 1},
    "OR": {(0, 0): 0, (0, 1): 1, (1, 0): 1, (1, 1): 1},
    "XOR": {(0, 0): 0, (0, 1): 1, (1, 0): 1, (1, 1): 0},
    "NAND": {(0, 0): 1, (0, 1): 1, (1, 0): 1, (1, 1): 0},
}


def params(**kw):
    return TASK.spec.resolve_params(kw)


def solved(index, **kw):
    p = params(**kw)
    puzzle = normalize(TASK.generate(sample_rng(5, index), p))
    return puzzle, normalize(TASK.solve(puzzle, p)), p


def test_lookup_short_names():
    assert lookup("O-logic_gates") == GID
    assert lookup("O-50_logic_gates") == GID


@pytest.mark.parametrize(("index", "video", "kw"), [
    (0, True, {}), (1, True, {"inputs": 6}), (2, False, {"inputs": 2, "depth": 1}),
    (3, False, {"inputs": 5, "depth": 2}),
])  # fmt: skip
def test_samples_validate(tmp_path, index, video, kw):
    res = build_sample(GID, 3, index, {"image_size": 128, "video": video, **kw}, tmp_path)
    assert validate_sample(res.folder) == []


def reference_value(puzzle):
    values = {n["name"]: n["value"] for n in puzzle["inputs"]}
    for g in puzzle["gates"]:
        a = [values[i] for i in g["inputs"]]
        values[g["id"]] = 1 - a[0] if g["type"] == "NOT" else TRUTH[g["type"]][tuple(a)]
    return values[puzzle["output"]]


def test_checker_accepts_solver_answers_and_output_is_right():
    outputs = []
    for i in range(24):
        puzzle, answer, p = solved(i, inputs=2 + i % 5, depth=1 + i % 3)
        TASK.check(puzzle, answer, p)
        assert answer["output"] == reference_value(puzzle)
        outputs.append(answer["output"])
        used = {src for g in puzzle["gates"] for src in g["inputs"]}
        assert {n["name"] for n in puzzle["inputs"]} <= used  # every input matters
        assert all(len(set(g["inputs"])) == len(g["inputs"]) for g in puzzle["gates"])
    assert 6 <= sum(outputs) <= 18  # both outputs occur


def test_checker_rejects_corrupted_answers():
    puzzle, answer, p = solved(4)
    wrong_out = {**answer, "output": 1 - answer["output"]}
    with pytest.raises(CheckFailed):
        TASK.check(puzzle, wrong_out, p)
    gid = puzzle["gates"][0]["id"]
    wrong_gate = {**answer, "values": {**answer["values"], gid: 1 - answer["values"][gid]}}
    with pytest.raises(CheckFailed):
        TASK.check(puzzle, wrong_gate, p)
    backwards = {**answer, "order": answer["order"][::-1]}
    with pytest.raises(CheckFailed, match="before its inputs"):
        TASK.check(puzzle, backwards, p)


def test_byte_identical(tmp_path):
    a = build_sample(GID, 11, 5, {"image_size": 128}, tmp_path / "a")
    b = build_sample(GID, 11, 5, {"image_size": 128}, tmp_path / "b")
    for name in a.files:
        assert (a.folder / name).read_bytes() == (b.folder / name).read_bytes(), name


def test_distinct_instances():
    p = params()
    hashes = {param_hash(GID, normalize(TASK.generate(sample_rng(0, i), p))) for i in range(200)}
    assert len(hashes) == 200
