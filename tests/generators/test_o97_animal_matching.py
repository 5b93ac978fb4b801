"""O-97 animal matching: kinds and facings compared again, each rubric fact corrupted and
rejected, level 5 matches more animals among more decoys, mirrored ones included."""

from __future__ import annotations

import copy

import pytest

from generators.kit import CheckFailed

from .conftest import VALIDATE, Gen

GEN = Gen("O-97_animal_matching", seed=3)


@pytest.mark.parametrize(("index", "video", "kw"), VALIDATE)
def test_samples_validate(tmp_path, index, video, kw):
    GEN.assert_valid(tmp_path, index, video, **kw)


def test_checker_accepts_solver_answers():
    GEN.assert_solves(range(15), vary=lambda i: {"difficulty": 1 + i % 5})


def test_mirrored_decoys_show_a_matched_animal_facing_the_other_way():
    for i in range(5):
        puzzle = GEN.puzzle(i, difficulty=5)
        turned = {(kind, -facing) for kind, facing, _ in puzzle["animals"]}
        assert turned & {tuple(s) for s in puzzle["shadows"]}


def swap_two_shadows(answer):
    answer["shadows"][0], answer["shadows"][1] = answer["shadows"][1], answer["shadows"][0]


def share_a_shadow(answer):
    answer["shadows"][1] = answer["shadows"][0]


def take_the_mirrored_shadow(puzzle, answer):
    kind, facing, _ = puzzle["animals"][0]
    answer["shadows"][0] = [tuple(s) for s in puzzle["shadows"]].index((kind, -facing)) + 1


def leave_one_out(answer):
    answer["shadows"].pop()


@pytest.mark.parametrize(("corrupt", "reason"), [
    (swap_two_shadows, "shadow"), (share_a_shadow, "one each"),
    (take_the_mirrored_shadow, "other way"), (leave_one_out, "one each"),
])  # fmt: skip
def test_checker_rejects_each_wrong_fact(corrupt, reason):
    puzzle, answer, p = GEN.instance(4, difficulty=5)
    bad = copy.deepcopy(answer)
    corrupt(*((puzzle, bad) if corrupt.__code__.co_argcount == 2 else (bad,)))
    with pytest.raises(CheckFailed, match=reason):
        GEN.check(puzzle, bad, p)


def test_checker_rejects_look_alike_shadows():
    puzzle, answer, p = GEN.instance(5)
    twins = {**puzzle, "shadows": [*puzzle["shadows"], list(puzzle["shadows"][0])]}
    with pytest.raises(CheckFailed, match="alike"):
        GEN.check(twins, answer, p)


def test_level_5_matches_more_animals_among_more_decoys():
    easy = [GEN.puzzle(i, difficulty=1) for i in range(5)]
    hard = [GEN.puzzle(i, difficulty=5) for i in range(5)]
    assert all(len(p["animals"]) == 2 and len(p["shadows"]) == 2 for p in easy)
    assert all(len(p["animals"]) == 5 and len(p["shadows"]) == 8 for p in hard)


def test_byte_identical(tmp_path):
    GEN.assert_byte_identical(tmp_path)


def test_render_params_ignored():
    GEN.assert_render_params_ignored()


def test_distinct_instances():
    GEN.assert_distinct(n=200, seeds=(0, 2024))
