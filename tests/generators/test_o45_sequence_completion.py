"""Sequence completion: one rule fits, and the answer continues it."""

from __future__ import annotations

import copy

import pytest

from generators import lookup
from generators.kit import CheckFailed
from generators.tasks.o45_sequence_completion import (
    continuations,
    numeric_count,
    numeric_option,
)

from .conftest import Gen

GEN = Gen("O-45_sequence_completion", seed=12)
TASK = GEN.task


def params(**kw):
    return GEN.params(**kw)


def solved(index, **kw):
    return GEN.instance(index, **kw)


def test_lookup_short_names():
    assert lookup("O-sequence") == GEN.id
    assert lookup("O-45_sequence_completion") == GEN.id


@pytest.mark.parametrize(("index", "video", "kw"), [
    (0, True, {"kind": "numeric"}), (1, True, {"kind": "visual", "missing": 2}),
    (3, False, {"missing": 2}),
])  # fmt: skip
def test_samples_validate(tmp_path, index, video, kw):
    GEN.assert_valid(tmp_path, index, video, seed=3, **kw)


def test_checker_accepts_solver_answers_for_every_family():
    families = set()
    for i in range(60):
        puzzle, answer, p = solved(i, missing=1 + i % 2)
        TASK.check(puzzle, answer, p)
        families.add(puzzle["family"])
    assert families == {"arithmetic", "geometric", "squares", "fibonacci", "shape cycle",
                        "colour cycle", "shape and colour cycle", "turning arrow"}  # fmt: skip


def test_known_sequences():
    assert continuations([2, 5, 8, 11, 14], 1)["arithmetic"] == [17]
    assert continuations([3, 6, 12, 24, 48], 2)["geometric"] == [96, 192]
    assert continuations([64, 32, 16, 8, 4], 1)["geometric"] == [2]
    assert continuations([16, 25, 36, 49, 64], 1)["squares"] == [81]
    assert continuations([23, 32, 43, 56, 71], 1)["squares"] == [88]  # 4x4+7, 5x5+7, ...
    assert continuations([93, 74, 57, 42], 1) == {"squares": [29], "quadratic": [29]}  # 10x10-7
    assert continuations([2, 3, 5, 8, 13], 2)["fibonacci"] == [21, 34]
    assert set(continuations([1, 4, 9, 16, 25], 1)) == {"squares", "quadratic"}


def test_numeric_answers_are_unambiguous():
    for i in range(40):
        puzzle, answer, _ = solved(i, kind="numeric", missing=2)
        options = continuations(puzzle["shown"], 2)
        assert {tuple(v) for v in options.values()} == {tuple(answer["terms"])}


def test_checker_rejects_wrong_answers():
    puzzle, answer, p = solved(0, kind="numeric")
    wrong = {**answer, "terms": [answer["terms"][0] + 1]}
    with pytest.raises(CheckFailed):
        TASK.check(puzzle, wrong, p)
    for i in range(50):
        puzzle, answer, p = solved(i, kind="visual")
        if puzzle["family"] in ("shape cycle", "colour cycle"):
            break
    bad = copy.deepcopy(answer)
    bad["terms"][0] = puzzle["shown"][-1]  # repeating the last term breaks every cycle
    bad["described"] = answer["described"]
    with pytest.raises(CheckFailed):
        TASK.check(puzzle, bad, p)
    with pytest.raises(CheckFailed, match="missing"):
        TASK.check(puzzle, {**answer, "terms": []}, p)


def test_checker_rejects_a_misnamed_rule_and_wrong_descriptions():
    puzzle, answer, p = solved(0, kind="numeric")
    with pytest.raises(CheckFailed, match="rule"):
        TASK.check(puzzle, {**answer, "rule": "add 1 each time"}, p)
    with pytest.raises(CheckFailed, match="descriptions"):
        TASK.check(puzzle, {**answer, "described": ["0"]}, p)


def test_checker_rejects_an_arrow_that_turns_wrongly_or_breaks_its_colours():
    for i in range(80):
        puzzle, answer, p = solved(i, kind="visual", rules="hard", missing=2)
        if puzzle["family"] == "turning arrow" and len({t["color"] for t in puzzle["shown"]}) > 1:
            break
    turned = copy.deepcopy(answer)
    turned["terms"][1]["angle"] = (turned["terms"][1]["angle"] + 45) % 360
    with pytest.raises(CheckFailed, match="wrong way"):
        TASK.check(puzzle, turned, p)
    recoloured = copy.deepcopy(answer)
    recoloured["terms"][0]["color"] = recoloured["terms"][1]["color"]
    with pytest.raises(CheckFailed, match="color"):
        TASK.check(puzzle, recoloured, p)


def test_every_family_is_drawn_often():
    counts = {}
    for i in range(240):
        fam = GEN.puzzle(i, seed=5)["family"]
        counts[fam] = counts.get(fam, 0) + 1
    assert len(counts) == 8 and min(counts.values()) >= 15, counts


def test_levels_go_from_simple_rules_and_one_term_to_hard_rules_and_two():
    easy = [GEN.puzzle(i, difficulty=1) for i in range(12)]
    hard = [GEN.puzzle(i, difficulty=5) for i in range(12)]
    assert {pz["family"] for pz in easy} <= {"arithmetic", "shape cycle", "colour cycle"}
    assert not {pz["family"] for pz in hard} & {"arithmetic", "shape cycle", "colour cycle"}
    assert {pz["missing"] for pz in easy} == {1} and {pz["missing"] for pz in hard} == {2}


def test_checker_rejects_an_ambiguous_cycle():
    shown = [{"shape": s, "color": "red", "angle": 0} for s in ("circle", "square", "circle")]
    puzzle = {"kind": "visual", "family": "shape cycle", "shown": shown, "missing": 1}
    answer = {"terms": [shown[1]], "rule": "", "described": ["a red square"]}
    with pytest.raises(CheckFailed, match="twice"):
        TASK.check(puzzle, answer, params())


def test_byte_identical(tmp_path):
    GEN.assert_byte_identical(tmp_path, seed=11, index=5)


@pytest.mark.parametrize("fam", ["geometric", "squares"])
@pytest.mark.parametrize("k", [1, 2])
def test_listed_families_hold_tens_of_thousands_of_valid_sequences(fam, k):
    """The instance number picks one of these: each family is large, its sequences differ,
    fit the family's rule and no other rule continues them differently."""
    count = numeric_count(fam, k)
    assert count >= 45_000
    spread = [tuple(numeric_option(fam, k, x)) for x in range(0, count, 37)]
    assert len(set(spread)) == len(spread)
    for shown in spread:
        options = continuations(list(shown), k)
        assert fam in options and len({tuple(v) for v in options.values()}) == 1


@pytest.mark.parametrize("given", [{}, {"kind": "numeric", "missing": 2}, {"kind": "visual"}])
def test_distinct_instances_at_several_seeds(given):
    GEN.assert_distinct(seeds=(0, 1, 24, 87, 2**40 + 3), **given)
