"""O-92 light sequence: every one of the 256 neighbourhood rules that fits the rows shown
continues them the same way (the answer), each rubric fact corrupted and rejected, level 5
fills more rows of more lamps from fewer rows shown."""

from __future__ import annotations

import copy
import itertools

import pytest

from generators.kit import CheckFailed

from .conftest import VALIDATE, Gen

GEN = Gen("O-92_light_sequence", seed=3)


@pytest.mark.parametrize(("index", "video", "kw"), VALIDATE)
def test_samples_validate(tmp_path, index, video, kw):
    GEN.assert_valid(tmp_path, index, video, **kw)


def test_checker_accepts_solver_answers():
    GEN.assert_solves(range(15), vary=lambda i: {"difficulty": 1 + i % 5})


def step(rule: int, row: list[int]) -> list[int]:
    n = len(row)
    return [(rule >> (4 * row[i - 1] + 2 * row[i] + row[(i + 1) % n])) & 1 for i in range(n)]


def test_every_fitting_rule_continues_the_same_way():
    for i in range(12):
        puzzle, answer, _ = GEN.instance(i, difficulty=1 + i % 5)
        rows = puzzle["rows"]
        fits = [rule for rule in range(256)
                if all(step(rule, a) == b for a, b in itertools.pairwise(rows))]  # fmt: skip
        assert fits
        for rule in fits:
            out = [rows[-1]]
            for _ in range(puzzle["fill"]):
                out.append(step(rule, out[-1]))
            assert out[1:] == answer["rows"]


def flip_a_lamp(answer):
    answer["rows"][-1][0] ^= 1


def leave_a_row_empty(answer):
    answer["rows"].pop()


def copy_the_last_row_shown(answer, puzzle):
    answer["rows"][0] = list(puzzle["rows"][-1])


@pytest.mark.parametrize(("corrupt", "reason"), [
    (flip_a_lamp, "breaks the rule"), (leave_a_row_empty, "every empty row"),
    (copy_the_last_row_shown, "breaks the rule"),
])  # fmt: skip
def test_checker_rejects_each_wrong_fact(corrupt, reason):
    puzzle, answer, p = GEN.instance(4, difficulty=4)
    bad = copy.deepcopy(answer)
    corrupt(bad, puzzle) if corrupt is copy_the_last_row_shown else corrupt(bad)
    with pytest.raises(CheckFailed, match=reason):
        GEN.check(puzzle, bad, p)


def test_checker_rejects_contradicting_rows_and_unseen_neighbourhoods():
    puzzle, _, p = GEN.instance(4)
    clash = {**puzzle, "rows": [[1, 0, 0, 0, 0, 0], [0, 1, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0]]}
    with pytest.raises(CheckFailed, match="no single rule"):
        GEN.check(clash, {"rows": [[0] * 6]}, p)
    thin = {"rows": [[1, 0, 0, 0, 0, 0], [1, 1, 0, 0, 0, 0]], "fill": 1}  # 011 is never shown
    with pytest.raises(CheckFailed, match="never show"):
        GEN.check(thin, {"rows": [[1, 1, 1, 0, 0, 0]]}, p)


def test_level_5_fills_more_lamps_from_fewer_rows():
    easy = [GEN.instance(i, difficulty=1)[0] for i in range(5)]
    hard = [GEN.instance(i, difficulty=5)[0] for i in range(5)]
    work = lambda pz: pz["fill"] * len(pz["rows"][0]) / len(pz["rows"])  # noqa: E731
    assert max(map(work, easy)) * 4 < min(map(work, hard))


def test_byte_identical(tmp_path):
    GEN.assert_byte_identical(tmp_path)


def test_render_params_ignored():
    GEN.assert_render_params_ignored()


def test_distinct_instances():
    GEN.assert_distinct(n=200, seeds=(0, 2024))
