"""O-78 symbol edit: scripts replayed, distances confirmed by breadth-first search, each
rubric fact corrupted and rejected, level 5 needs more edits on longer rows."""

from __future__ import annotations

import copy

import pytest

from generators.kit import CheckFailed

from .conftest import VALIDATE, Gen

GEN = Gen("O-78_symbol_edit", seed=3)


def bfs_distance(a, b):
    """Fewest single-tile edits from a to b, by searching rows level by level."""
    symbols = sorted(set(b))
    start, goal = tuple(a), tuple(b)
    seen, frontier, depth = {start}, [start], 0
    while goal not in seen:
        depth += 1
        nxt = []
        for w in frontier:
            options = [w[:i] + w[i + 1 :] for i in range(len(w))]
            options += [(*w[:i], c, *w[i:]) for i in range(len(w) + 1) for c in symbols]
            options += [(*w[:i], c, *w[i + 1 :]) for i in range(len(w)) for c in symbols]
            for o in options:
                if o not in seen:
                    seen.add(o)
                    nxt.append(o)
        frontier = nxt
    return depth


@pytest.mark.parametrize(("index", "video", "kw"), VALIDATE)
def test_samples_validate(tmp_path, index, video, kw):
    GEN.assert_valid(tmp_path, index, video, **kw)


def test_checker_accepts_solver_answers():
    GEN.assert_solves(range(15), vary=lambda i: {"difficulty": 1 + i % 5})


def test_distance_matches_breadth_first_search():
    for i in range(10):
        puzzle, answer, _ = GEN.instance(i, difficulty=1 + i % 2)
        assert answer["distance"] == bfs_distance(puzzle["row"], puzzle["target"])


def stop_one_edit_short(answer):
    answer["script"].pop()
    answer["distance"] -= 1


def take_a_detour(answer):
    answer["script"] += [{"op": "insert", "pos": 0, "symbol": "red star"},
                         {"op": "delete", "pos": 0}]  # fmt: skip
    answer["distance"] += 2


def edit_outside_the_row(answer):
    answer["script"][0] = {**answer["script"][0], "pos": 99}


def replace_a_tile_with_itself(answer, puzzle):
    answer["script"].insert(0, {"op": "substitute", "pos": 0, "symbol": puzzle["row"][0]})


def write_a_letter(answer):
    e = next(e for e in answer["script"] if e["op"] != "delete")
    e["symbol"] = "A"


def miscount(answer):
    answer["distance"] += 1


def misreport_the_final_row(answer):
    answer["final"] = answer["final"][1:]


@pytest.mark.parametrize(("corrupt", "reason"), [
    (stop_one_edit_short, "not the target"), (take_a_detour, "fewest"),
    (edit_outside_the_row, "outside"), (replace_a_tile_with_itself, "itself"),
    (write_a_letter, "coloured shape"), (miscount, "counter"),
    (misreport_the_final_row, "final row"),
])  # fmt: skip
def test_checker_rejects_each_wrong_fact(corrupt, reason):
    puzzle, answer, p = next((z, a, p) for z, a, p in (GEN.instance(i, difficulty=4)
                             for i in range(20)) if any(e["op"] != "delete" for e in a["script"]))  # fmt: skip
    bad = copy.deepcopy(answer)
    if corrupt is replace_a_tile_with_itself:
        corrupt(bad, puzzle)
    else:
        corrupt(bad)
    with pytest.raises(CheckFailed, match=reason):
        GEN.check(puzzle, bad, p)


def test_level_5_needs_more_edits_on_longer_rows():
    easy = [GEN.instance(i, difficulty=1)[1]["distance"] for i in range(12)]
    hard = [GEN.instance(i, difficulty=5)[1]["distance"] for i in range(12)]
    assert sum(hard) >= 3 * sum(easy), (easy, hard)
    assert len(GEN.puzzle(0, difficulty=5)["row"]) > len(GEN.puzzle(0, difficulty=1)["row"])


def test_byte_identical(tmp_path):
    GEN.assert_byte_identical(tmp_path)


def test_render_params_ignored():
    GEN.assert_render_params_ignored()


def test_distinct_instances():
    GEN.assert_distinct(n=200, seeds=(0, 2024))
