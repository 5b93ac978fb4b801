"""O-76 symbol deletion: the deleted set is the only one (confirmed by trying every set),
each rubric fact corrupted and rejected, level 5 deletes more tiles that the target shares."""

from __future__ import annotations

import copy
import itertools

import pytest

from generators.kit import CheckFailed

from .conftest import VALIDATE, Gen

GEN = Gen("O-76_symbol_deletion", seed=3)


@pytest.mark.parametrize(("index", "video", "kw"), VALIDATE)
def test_samples_validate(tmp_path, index, video, kw):
    GEN.assert_valid(tmp_path, index, video, **kw)


def test_checker_accepts_solver_answers():
    GEN.assert_solves(range(15), vary=lambda i: {"difficulty": 1 + i % 5})


def test_exactly_one_set_of_tiles_leaves_the_target():
    for i in range(12):
        puzzle, answer, _ = GEN.instance(i, difficulty=1 + i % 4)
        row, target = puzzle["row"], puzzle["target"]
        sets = [set(gone) for gone in itertools.combinations(range(len(row)), len(row) - len(target))
                if [t for j, t in enumerate(row) if j not in gone] == target]  # fmt: skip
        assert sets == [set(answer["deleted"])]


def delete_too_few(answer):
    answer["deleted"].pop()


def delete_a_wrong_tile(answer, puzzle):
    keep = next(i for i in range(len(puzzle["row"])) if i not in answer["deleted"])
    answer["deleted"][0] = keep


def delete_a_tile_twice(answer):
    answer["deleted"][-1] = answer["deleted"][0]


def delete_outside_the_row(answer):
    answer["deleted"][0] = 99


def misreport_the_final_row(answer):
    answer["final"] = answer["final"][::-1] + answer["final"][:1]


@pytest.mark.parametrize(("corrupt", "reason"), [
    (delete_too_few, "not the target"), (delete_a_wrong_tile, "not the target"),
    (delete_a_tile_twice, "twice"), (delete_outside_the_row, "outside"),
    (misreport_the_final_row, "final row"),
])  # fmt: skip
def test_checker_rejects_each_wrong_fact(corrupt, reason):
    puzzle, answer, p = GEN.instance(4, difficulty=4)
    bad = copy.deepcopy(answer)
    if corrupt is delete_a_wrong_tile:
        corrupt(bad, puzzle)
    else:
        corrupt(bad)
    with pytest.raises(CheckFailed, match=reason):
        GEN.check(puzzle, bad, p)


def test_checker_rejects_a_puzzle_with_two_answers():
    puzzle, _, p = GEN.instance(5)
    twice = {**puzzle, "row": ["A", "A", "B"], "target": ["A", "B"]}
    with pytest.raises(CheckFailed, match="more than one"):
        GEN.check(twice, {"deleted": [0], "final": ["A", "B"]}, p)


def test_level_5_deletes_more_tiles_that_the_target_shares():
    def measure(level):
        out = []
        for i in range(6):
            puzzle, answer, _ = GEN.instance(i, difficulty=level)
            row = puzzle["row"]
            shared = sum(1 for j in answer["deleted"] if row[j] in puzzle["target"])
            out.append((len(answer["deleted"]), shared))
        return out

    easy, hard = measure(1), measure(5)
    assert max(d for d, _ in easy) + 4 <= min(d for d, _ in hard), (easy, hard)
    assert min(s for _, s in hard) >= 3


def test_byte_identical(tmp_path):
    GEN.assert_byte_identical(tmp_path)


def test_render_params_ignored():
    GEN.assert_render_params_ignored()


def test_distinct_instances():
    GEN.assert_distinct(n=200, seeds=(0, 2024))
