"""O-77 symbol insertion: the insertion places are the only ones (confirmed by trying every
set), tray tiles are used once, each rubric fact corrupted and rejected, level 5 inserts
more tiles among more decoys."""

from __future__ import annotations

import copy
import itertools

import pytest

from generators.kit import CheckFailed

from .conftest import VALIDATE, Gen

GEN = Gen("O-77_symbol_insertion", seed=3)


@pytest.mark.parametrize(("index", "video", "kw"), VALIDATE)
def test_samples_validate(tmp_path, index, video, kw):
    GEN.assert_valid(tmp_path, index, video, **kw)


def test_checker_accepts_solver_answers():
    GEN.assert_solves(range(15), vary=lambda i: {"difficulty": 1 + i % 5})


def test_exactly_one_set_of_places_gives_the_target():
    for i in range(12):
        puzzle, answer, _ = GEN.instance(i, difficulty=1 + i % 4)
        row, target = puzzle["row"], puzzle["target"]
        places = [set(new) for new in itertools.combinations(range(len(target)), len(target) - len(row))
                  if [t for j, t in enumerate(target) if j not in new] == row]  # fmt: skip
        assert places == [{e["pos"] for e in answer["inserts"]}]


def insert_too_few(answer):
    answer["inserts"].pop()


def insert_at_a_wrong_place(answer):
    e = answer["inserts"][0]
    e["pos"] = 0 if e["pos"] else 1


def take_a_decoy(answer, puzzle):
    used = {e["tray"] for e in answer["inserts"]}
    decoy = next(s for s in range(len(puzzle["tray"])) if s not in used)
    answer["inserts"][0].update(tray=decoy, symbol=puzzle["tray"][decoy])


def take_a_tray_tile_twice(answer):
    answer["inserts"][1]["tray"] = answer["inserts"][0]["tray"]


def name_the_wrong_tray_tile(answer, puzzle):
    e = answer["inserts"][0]
    e["symbol"] = next(t for t in puzzle["tray"] if t != e["symbol"])


def misreport_the_final_row(answer):
    answer["final"] = answer["final"][1:]


@pytest.mark.parametrize(("corrupt", "reason"), [
    (insert_too_few, "not the target"), (insert_at_a_wrong_place, "not the target"),
    (take_a_decoy, "not the target"), (take_a_tray_tile_twice, "left in the tray"),
    (name_the_wrong_tray_tile, "names"), (misreport_the_final_row, "final row"),
])  # fmt: skip
def test_checker_rejects_each_wrong_fact(corrupt, reason):
    puzzle, answer, p = GEN.instance(4, difficulty=4)
    assert len(answer["inserts"]) >= 2
    bad = copy.deepcopy(answer)
    if corrupt in (take_a_decoy, name_the_wrong_tray_tile):
        corrupt(bad, puzzle)
    else:
        corrupt(bad)
    with pytest.raises(CheckFailed, match=reason):
        GEN.check(puzzle, bad, p)


def test_checker_rejects_a_puzzle_with_two_answers():
    _, _, p = GEN.instance(5)
    twice = {"kind": "letters", "row": ["A", "B"], "target": ["A", "A", "B"], "tray": ["A"]}
    answer = {"inserts": [{"pos": 0, "symbol": "A", "tray": 0}], "final": ["A", "A", "B"]}
    with pytest.raises(CheckFailed, match="more than one"):
        GEN.check(twice, answer, p)


def test_level_5_inserts_more_tiles_among_more_decoys():
    def measure(level):
        out = []
        for i in range(6):
            puzzle, answer, _ = GEN.instance(i, difficulty=level)
            out.append((len(answer["inserts"]), len(puzzle["tray"]) - len(answer["inserts"])))
        return out

    easy, hard = measure(1), measure(5)
    assert max(n for n, _ in easy) + 3 <= min(n for n, _ in hard), (easy, hard)
    assert max(d for _, d in easy) + 3 <= min(d for _, d in hard)


def test_byte_identical(tmp_path):
    GEN.assert_byte_identical(tmp_path)


def test_render_params_ignored():
    GEN.assert_render_params_ignored()


def test_distinct_instances():
    GEN.assert_distinct(n=200, seeds=(0, 2024))
