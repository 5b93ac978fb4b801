"""O-84 stack to silhouette: the stack rebuilt cell by cell, the decomposition proven unique,
each rubric fact corrupted and rejected, level 5 stacks more blocks among more decoys."""

from __future__ import annotations

import copy
import itertools

import pytest

from generators.kit import CheckFailed
from generators.tasks.o84_stack_to_silhouette import cells_of, stacks

from .conftest import VALIDATE, Gen

GEN = Gen("O-84_stack_to_silhouette", seed=3)


@pytest.mark.parametrize(("index", "video", "kw"), VALIDATE)
def test_samples_validate(tmp_path, index, video, kw):
    GEN.assert_valid(tmp_path, index, video, **kw)


def test_checker_accepts_solver_answers():
    GEN.assert_solves(range(15), vary=lambda i: {"difficulty": 1 + i % 5})


def test_the_widest_tray_fits():
    from generators.tasks.o84_stack_to_silhouette import SIZES, TRAY, U, tray_spots

    widest = sorted(SIZES, key=lambda s: -s[0])[:7]
    spots = tray_spots(widest)
    assert spots[0][0] - widest[0][0] * U / 2 >= TRAY[0] + 8
    assert spots[-1][0] + widest[-1][0] * U / 2 <= TRAY[2] - 8


def test_every_layer_shows_in_the_outline_and_rests_on_the_one_below():
    for i in range(10):
        _, answer, _ = GEN.instance(i, difficulty=5)
        layers = answer["layers"]
        assert all(a[0] != b[0] for a, b in itertools.pairwise(layers))
        assert all(b[2] <= a[2] + a[0] - 1 and b[2] + b[0] - 1 >= a[2]
                   for a, b in itertools.pairwise(layers))  # fmt: skip


def test_stacks_finds_both_ways_when_two_blocks_can_swap():
    """A 2x2 square filled by two 2x1 blocks: either one can go at the bottom."""
    assert len(stacks({(0, 0), (1, 0), (0, 1), (1, 1)}, [[2, 1], [2, 1], [1, 1]])) == 2
    assert len(stacks({(0, 0), (1, 0), (0, 1), (1, 1)}, [[2, 2], [2, 1]])) == 1


def reuse_a_block(answer):
    answer["order"][1] = answer["order"][0]


def stack_a_decoy(puzzle, answer):
    spare = next(i for i in range(len(puzzle["tray"])) if i not in answer["order"])
    answer["order"][0] = spare
    answer["layers"][0][:2] = puzzle["tray"][spare]


def misstate_a_size(answer):
    answer["layers"][0][0] += 1


def shift_a_layer_off_its_support(answer):
    answer["layers"][-1][2] += 20


def leave_the_top_empty(answer):
    answer["order"].pop()
    answer["layers"].pop()


@pytest.mark.parametrize(("corrupt", "reason"), [
    (reuse_a_block, "once each"), (stack_a_decoy, "rest on|fill the silhouette"),
    (misstate_a_size, "size of its tray block"), (shift_a_layer_off_its_support, "rest on"),
    (leave_the_top_empty, "fill the silhouette"),
])  # fmt: skip
def test_checker_rejects_each_wrong_fact(corrupt, reason):
    puzzle, answer, p = GEN.instance(4)
    bad = copy.deepcopy(answer)
    corrupt(*((puzzle, bad) if corrupt.__code__.co_argcount == 2 else (bad,)))
    with pytest.raises(CheckFailed, match=reason):
        GEN.check(puzzle, bad, p)


def test_checker_rejects_a_silhouette_two_stacks_fill():
    puzzle = {"cells": [[0, 0], [1, 0], [0, 1], [1, 1]], "tray": [[2, 1], [2, 1]],
              "colors": ["red", "blue"]}  # fmt: skip
    answer = {"order": [0, 1], "layers": [[2, 1, 0], [2, 1, 0]]}
    assert cells_of(answer["layers"]) == {(0, 0), (1, 0), (0, 1), (1, 1)}
    with pytest.raises(CheckFailed, match="2 stacks"):
        GEN.check(puzzle, answer, GEN.params())


def test_level_5_stacks_more_blocks_among_more_decoys():
    easy = [GEN.instance(i, difficulty=1) for i in range(5)]
    hard = [GEN.instance(i, difficulty=5) for i in range(5)]
    assert all(len(a["order"]) == 2 and len(p["tray"]) == 2 for p, a, _ in easy)
    assert all(len(a["order"]) == 5 and len(p["tray"]) == 7 for p, a, _ in hard)


def test_byte_identical(tmp_path):
    GEN.assert_byte_identical(tmp_path)


def test_render_params_ignored():
    GEN.assert_render_params_ignored()


def test_distinct_instances():
    GEN.assert_distinct(n=200, seeds=(0, 2024))
