"""O-85 brick assembly: the assembly replayed stud by stud, each rubric fact corrupted and
rejected, level 5 assembles more bricks among more decoys than level 1."""

from __future__ import annotations

import copy

import pytest

from generators.kit import CheckFailed

from .conftest import VALIDATE, Gen

GEN = Gen("O-85_brick_assembly", seed=3)


@pytest.mark.parametrize(("index", "video", "kw"), VALIDATE)
def test_samples_validate(tmp_path, index, video, kw):
    GEN.assert_valid(tmp_path, index, video, **kw)


def test_checker_accepts_solver_answers():
    GEN.assert_solves(range(15), vary=lambda i: {"difficulty": 1 + i % 5})


def first_upper(answer):
    return next(k for k, s in enumerate(answer["steps"]) if s[1] > 0)


def reuse_a_part(answer):
    answer["steps"][1][0] = answer["steps"][0][0]


def take_a_decoy(puzzle, answer):
    used = {s[0] for s in answer["steps"]}
    answer["steps"][-1][0] = next(i for i in range(len(puzzle["parts"])) if i not in used)


def float_a_brick(answer):
    answer["steps"].insert(0, answer["steps"].pop(first_upper(answer)))


def push_into_another_brick(answer):
    answer["steps"][1][1:] = answer["steps"][0][1:]


def shift_along_the_plate(answer):
    answer["steps"][0][2] = (answer["steps"][0][2] + 5) % 8


@pytest.mark.parametrize(("corrupt", "reason"), [
    (reuse_a_part, "unused tray part"), (take_a_decoy, "not the model|another brick|pressed"),
    (float_a_brick, "pressed onto"), (push_into_another_brick, "into another brick"),
    (shift_along_the_plate, "not the model|another brick"),
])  # fmt: skip
def test_checker_rejects_each_wrong_fact(corrupt, reason):
    puzzle, answer, p = GEN.instance(4)
    assert any(s[1] > 0 for s in answer["steps"]) and len(puzzle["parts"]) > len(answer["steps"])
    bad = copy.deepcopy(answer)
    corrupt(*((puzzle, bad) if corrupt.__code__.co_argcount == 2 else (bad,)))
    with pytest.raises(CheckFailed, match=reason):
        GEN.check(puzzle, bad, p)


def test_checker_rejects_look_alike_parts():
    puzzle, answer, p = GEN.instance(5)
    twins = {**puzzle, "parts": [*puzzle["parts"], list(puzzle["parts"][0])]}
    with pytest.raises(CheckFailed, match="alike"):
        GEN.check(twins, answer, p)


def test_level_5_assembles_more_bricks_among_more_decoys():
    easy = [GEN.instance(i, difficulty=1) for i in range(5)]
    hard = [GEN.instance(i, difficulty=5) for i in range(5)]
    assert all(len(p["model"]) == 3 and len(p["parts"]) == 3 for p, _, _ in easy)
    assert all(len(p["model"]) == 6 and len(p["parts"]) == 8 for p, _, _ in hard)


def test_byte_identical(tmp_path):
    GEN.assert_byte_identical(tmp_path)


def test_render_params_ignored():
    GEN.assert_render_params_ignored()


def test_distinct_instances():
    GEN.assert_distinct(n=200, seeds=(0, 2024))
