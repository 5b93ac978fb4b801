"""Logic-gate circuits: valid samples, correct evaluation, rejected bad answers."""

from __future__ import annotations

import itertools

import pytest

from generators import lookup
from generators.kit import CheckFailed
from generators.kit.rng import sample_rng
from generators.tasks.o50_logic_gates import CircuitLayout, layer_sizes, layer_types

from .conftest import Gen

GEN = Gen("O-50_logic_gates", seed=5)
TASK = GEN.task
GID = GEN.id
TRUTH = {  # (a, b) -> value, written out by hand
    "AND": {(0, 0): 0, (0, 1): 0, (1, 0): 0, (1, 1): 1},
    "OR": {(0, 0): 0, (0, 1): 1, (1, 0): 1, (1, 1): 1},
    "XOR": {(0, 0): 0, (0, 1): 1, (1, 0): 1, (1, 1): 0},
    "NAND": {(0, 0): 1, (0, 1): 1, (1, 0): 1, (1, 1): 0},
}


def solved(index, **kw):
    return GEN.instance(index, **kw)


def test_lookup_short_names():
    assert lookup("O-logic_gates") == GID
    assert lookup("O-50_logic_gates") == GID


@pytest.mark.parametrize(("index", "video", "kw"), [
    (1, True, {"inputs": 6}), (2, False, {"inputs": 2, "depth": 1}),
    (3, False, {"inputs": 5, "depth": 2}),
])  # fmt: skip
def test_samples_validate(tmp_path, index, video, kw):
    GEN.assert_valid(tmp_path, index, video, seed=3, **kw)


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
    skipped = {**answer, "order": answer["order"][1:]}
    with pytest.raises(CheckFailed, match="every gate"):
        TASK.check(puzzle, skipped, p)


def segments(net):
    out = []
    for line in net.polylines():
        out += [(a, b) for a, b in itertools.pairwise(line) if a != b]
    return out


def distance(p, seg):
    """From point p to an axis-aligned segment."""
    (x0, y0), (x1, y1) = seg
    x = min(max(p[0], min(x0, x1)), max(x0, x1))
    y = min(max(p[1], min(y0, y1)), max(y0, y1))
    return ((p[0] - x) ** 2 + (p[1] - y) ** 2) ** 0.5


@pytest.mark.parametrize("inputs", [2, 4, 6])
def test_wires_are_orthogonal_and_never_touch_another_signal(inputs):
    """Every corner, branch and end of a signal's wire keeps clear of every other signal's
    wires (crossings are clean right angles away from any corner), and branch points carry
    a dot: the drawn circuit reads one way only."""
    for i in range(12):
        layout = CircuitLayout(GEN.puzzle(i, inputs=inputs))
        assert layout.routed
        for net in layout.nets:
            for a, b in segments(net):
                assert a[0] == b[0] or a[1] == b[1], "a diagonal wire"
            corners = {p for line in net.polylines() for p in line}
            for other in layout.nets:
                if other is net:
                    continue
                for seg in segments(other):
                    assert min(distance(p, seg) for p in corners) >= 12, (i, net.name, other.name)
            fan_out = len(net.pins) > 1 and len({p[1] for p in net.pins} | {net.src[1]}) > 2
            assert not fan_out or net.junctions()


def test_prompt_names_only_the_gate_types_drawn():
    for i in range(20):
        puzzle, _, p = solved(i)
        listed = TASK.prompt(puzzle, p).split("labelled ")[1].split(", and an output")[0]
        drawn = {g["type"] for g in puzzle["gates"]}
        assert set(listed.replace(" or ", ", ").split(", ")) == drawn


def test_level_5_has_more_gates_and_inputs_than_level_1():
    easy = [len(GEN.puzzle(i, difficulty=1)["gates"]) for i in range(20)]
    hard = [len(GEN.puzzle(i, difficulty=5)["gates"]) for i in range(20)]
    assert max(easy) <= 3 and min(hard) >= 5  # level 1: three inputs, two layers


def test_byte_identical(tmp_path):
    GEN.assert_byte_identical(tmp_path, seed=11, index=5)


def test_layer_types_fit_their_layer():
    for size, sources in [(2, 2), (2, 3), (3, 4), (4, 4), (4, 6)]:
        kinds = layer_types(size, sources)
        assert len(set(kinds)) == len(kinds)
        for types in kinds:
            assert sum(1 if t == "NOT" else 2 for t in types) >= sources
            binary = [t for t in types if t != "NOT"]
            assert sources > 2 or len(set(binary)) == len(binary)  # two gates on one pair
    assert len(layer_types(2, 2)) == 4 * 3 + 1 + 2 * 4  # two binaries, two NOTs, or one each


def test_every_layer_shape_leaves_room_for_200_circuits():
    """Samples with the same layer sizes differ in their input bits and gate types (all but
    the output gate's), so at least 200 of those must exist for every shape at the defaults."""
    inputs, depth = 4, 3
    shapes = {tuple(layer_sizes(sample_rng(0, i), inputs, depth)[:-1]) for i in range(300)}
    assert shapes == {(4, 2, 2), (4, 3, 2), (4, 4, 2)}
    for sizes in shapes:
        count = 2**inputs
        for before, size in itertools.pairwise(sizes):
            count *= len(layer_types(size, before))
        assert count >= 200, sizes


def test_distinct_instances_at_several_seeds():
    GEN.assert_distinct(seeds=(0, 1, 73, 2024, 2**40 + 3))
    GEN.assert_distinct(seeds=(4, 8), inputs=6)
