"""O-83 build from blueprint: placements replayed with support, each rubric fact corrupted
and rejected, level 5 builds more blocks in more colours than level 1."""

from __future__ import annotations

import copy

import pytest

from generators.kit import CheckFailed

from .conftest import VALIDATE, Gen

GEN = Gen("O-83_build_from_blueprint", seed=3)


@pytest.mark.parametrize(("index", "video", "kw"), VALIDATE)
def test_samples_validate(tmp_path, index, video, kw):
    GEN.assert_valid(tmp_path, index, video, **kw)


def test_checker_accepts_solver_answers():
    GEN.assert_solves(range(15), vary=lambda i: {"difficulty": 1 + i % 5})


def test_the_building_uses_every_colour_asked_and_no_decoy():
    for i in range(10):
        puzzle, answer, p = GEN.instance(i)
        used = {c for col in puzzle["columns"] for c in col}
        assert len(used) == p["colors"] and len(puzzle["supply"]) == p["colors"] + p["decoys"]
        assert max(map(len, puzzle["columns"])) == p["height"]
        assert set(answer["counts"]) == used


def place_in_mid_air(answer):
    top = max(range(len(answer["placements"])), key=lambda k: answer["placements"][k][1])
    answer["placements"].insert(0, answer["placements"].pop(top))


def use_a_wrong_colour(puzzle, answer):
    p = answer["placements"][0]
    p[2] = next(c for c in puzzle["supply"] if c != p[2])


def use_a_colour_off_the_supply(answer):
    answer["placements"][0][2] = "brown"


def leave_a_block_out(answer):
    answer["placements"].pop()


def miscount(answer):
    color = next(iter(answer["counts"]))
    answer["counts"][color] += 1


@pytest.mark.parametrize(("corrupt", "reason"), [
    (place_in_mid_air, "rest on"), (use_a_wrong_colour, "match the blueprint"),
    (use_a_colour_off_the_supply, "supply"), (leave_a_block_out, "match the blueprint"),
    (miscount, "counts"),
])  # fmt: skip
def test_checker_rejects_each_wrong_fact(corrupt, reason):
    puzzle, answer, p = GEN.instance(4)
    bad = copy.deepcopy(answer)
    corrupt(*((puzzle, bad) if corrupt.__code__.co_argcount == 2 else (bad,)))
    with pytest.raises(CheckFailed, match=reason):
        GEN.check(puzzle, bad, p)


def test_level_5_builds_more_blocks_in_more_colours():
    easy = [GEN.instance(i, difficulty=1)[1]["counts"] for i in range(5)]
    hard = [GEN.instance(i, difficulty=5)[1]["counts"] for i in range(5)]
    assert max(sum(c.values()) for c in easy) + 8 <= min(sum(c.values()) for c in hard)
    assert all(len(c) == 2 for c in easy) and all(len(c) == 4 for c in hard)


def test_byte_identical(tmp_path):
    GEN.assert_byte_identical(tmp_path)


def test_render_params_ignored():
    GEN.assert_render_params_ignored()


def test_distinct_instances():
    GEN.assert_distinct(n=200, seeds=(0, 2024))
