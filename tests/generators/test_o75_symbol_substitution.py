"""O-75 symbol substitution: replacements recomputed from the legend, each rubric fact
corrupted and rejected, level 5 replaces more tiles among more rules and decoys."""

from __future__ import annotations

import copy

import pytest

from generators.kit import CheckFailed

from .conftest import VALIDATE, Gen

GEN = Gen("O-75_symbol_substitution", seed=3)


@pytest.mark.parametrize(("index", "video", "kw"), VALIDATE)
def test_samples_validate(tmp_path, index, video, kw):
    GEN.assert_valid(tmp_path, index, video, **kw)


def test_checker_accepts_solver_answers():
    GEN.assert_solves(range(15), vary=lambda i: {"difficulty": 1 + i % 5})


def test_every_rule_is_used_once_decoys_never_and_a_tile_is_kept():
    for i in range(20):
        p = GEN.params(difficulty=1 + i % 5)
        puzzle, answer, _ = GEN.instance(i, difficulty=1 + i % 5)
        used = {s["from"] for s in answer["steps"]}
        assert len(used) == p["rules"]
        assert len(puzzle["rules"]) == p["rules"] + p["decoys"]
        assert len(answer["steps"]) < len(puzzle["row"])
        # a rule applied to its own result would change nothing: no chains
        lefts = {a for a, _ in puzzle["rules"]}
        assert not lefts & set(answer["final"])


def skip_a_tile(answer):
    answer["steps"].pop()


def write_a_wrong_symbol(answer):
    answer["steps"][0]["to"] = answer["steps"][0]["from"]


def replace_a_kept_tile(answer, puzzle):
    lefts = {a for a, _ in puzzle["rules"]}
    p = next(i for i, t in enumerate(puzzle["row"]) if t not in lefts)
    answer["steps"].append({"pos": p, "from": puzzle["row"][p], "to": puzzle["rules"][0][1]})
    answer["steps"].sort(key=lambda s: s["pos"])


def go_right_to_left(answer):
    answer["steps"].reverse()


def misreport_the_final_row(answer):
    answer["final"][0] = answer["final"][-1] if answer["final"][0] != answer["final"][-1] else "Z"


@pytest.mark.parametrize(("corrupt", "reason"), [
    (skip_a_tile, "must all change"), (write_a_wrong_symbol, "wrong symbol"),
    (replace_a_kept_tile, "no rule names"), (go_right_to_left, "right of"),
    (misreport_the_final_row, "final row"),
])  # fmt: skip
def test_checker_rejects_each_wrong_fact(corrupt, reason):
    puzzle, answer, p = GEN.instance(4, difficulty=4)
    assert len(answer["steps"]) >= 2
    bad = copy.deepcopy(answer)
    if corrupt is replace_a_kept_tile:
        corrupt(bad, puzzle)
    else:
        corrupt(bad)
    with pytest.raises(CheckFailed, match=reason):
        GEN.check(puzzle, bad, p)


def test_checker_rejects_chained_rules():
    puzzle, answer, p = GEN.instance(6)
    chained = copy.deepcopy(puzzle)
    chained["rules"][0][1] = chained["rules"][1][0]
    with pytest.raises(CheckFailed, match="right symbol"):
        GEN.check(chained, answer, p)


def test_level_5_replaces_more_tiles_among_more_rules():
    def measure(level):
        out = []
        for i in range(6):
            puzzle, answer, _ = GEN.instance(i, difficulty=level)
            out.append((len(answer["steps"]), len(puzzle["rules"])))
        return out

    easy, hard = measure(1), measure(5)
    assert max(s for s, _ in easy) < min(s for s, _ in hard), (easy, hard)
    assert max(r for _, r in easy) + 4 <= min(r for _, r in hard)


def test_byte_identical(tmp_path):
    GEN.assert_byte_identical(tmp_path)


def test_render_params_ignored():
    GEN.assert_render_params_ignored()


def test_distinct_instances():
    GEN.assert_distinct(n=200, seeds=(0, 2024))
