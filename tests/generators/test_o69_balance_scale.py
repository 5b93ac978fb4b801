"""O-69 balance scale: valid samples, a checker that re-adds the pans, both question kinds,
a release that shows even in the balanced case, levels."""

import collections

import pytest

from generators.kit import CheckFailed
from generators.review import timeline
from generators.tasks.o69_balance_scale import TILT, tilt_degrees

from .conftest import VALIDATE, Gen

GEN = Gen("O-69_balance_scale")


def instance(index, **given):
    puzzle, answer, _ = GEN.instance(index, **given)
    return puzzle, answer


@pytest.mark.parametrize("index,video,params", VALIDATE)
def test_samples_validate(tmp_path, index, video, params):
    GEN.assert_valid(tmp_path, index, video, mode=("tilt", "balance")[index % 2], **params)


def test_checker_accepts_solver_answers():
    for mode in ("tilt", "balance"):
        for top in (3, 12, 20):
            for puzzle, _, _ in GEN.assert_solves(range(7), mode=mode, max_weight=top):
                pans = puzzle["left"] + puzzle["right"]
                assert max(pans) <= top and 2 <= len(puzzle["left"]) <= 5


def test_small_weights_with_many_blocks():
    GEN.assert_solves(range(60), mode="tilt", max_weight=3, max_objects=6)


def test_outcomes_are_mixed_and_answers_fit():
    seen = collections.Counter(instance(i, mode="tilt")[1]["down"] for i in range(60))
    assert set(seen) == {"left", "right", "neither"} and min(seen.values()) >= 10
    for i in range(20):
        puzzle, answer = instance(i, mode="balance")
        lt, rt = sum(puzzle["left"]), sum(puzzle["right"])
        assert 1 <= answer["weight"] <= 12
        assert (lt < rt) == (answer["pan"] == "left")
        assert len(puzzle[answer["pan"]]) < 5  # room for the '?' block


def test_checker_rejects_each_kind_of_wrong_fact():
    """The rubric states the pan totals, the side that goes down, the balancing weight and
    the pan it goes on."""
    tilt = GEN.params(mode="tilt")
    answers = [instance(i, mode="tilt") for i in range(20)]
    puzzle, answer = next((p, a) for p, a in answers if a["down"] != "neither")
    level_puzzle, level = next((p, a) for p, a in answers if a["down"] == "neither")
    wrong = [
        (puzzle, {**answer, "down": "left" if answer["down"] == "right" else "right"}),
        (puzzle, {**answer, "down": "neither"}),
        (level_puzzle, {**level, "down": "left"}),
        (puzzle, {**answer, "left_total": answer["left_total"] + 1}),
        (puzzle, {**answer, "right_total": answer["right_total"] - 1}),
    ]
    for p, bad in wrong:
        with pytest.raises(CheckFailed):
            GEN.check(p, bad, tilt)
    balance = GEN.params(mode="balance")
    puzzle, answer = instance(0, mode="balance")
    other = "left" if answer["pan"] == "right" else "right"
    for bad in ({**answer, "weight": answer["weight"] + 1}, {**answer, "pan": other},
                {**answer, "weight": 0}):  # fmt: skip
        with pytest.raises(CheckFailed):
            GEN.check(puzzle, bad, balance)


def test_balanced_release_is_visible():
    """A balanced scale does not move its beam, but its props are lowered: the frames change
    and the final frame differs from the first."""
    index = next(i for i in range(20) if instance(i, mode="tilt")[1]["down"] == "neither")
    line = timeline(GEN.id, GEN.seed, index, {"image_size": 128, "mode": "tilt"})
    assert len(line.frames) > 5 and (line.frames[0] != line.frames[-1]).any()


def test_starting_tilt_does_not_give_the_weight_away():
    """A tipped beam shows which side is heavier, never by how much."""
    assert {abs(tilt_degrees(d)) for d in range(-20, 21) if d} == {TILT}
    assert tilt_degrees(0) == 0 and tilt_degrees(3) > 0 > tilt_degrees(-3)


def test_level_5_is_harder_than_level_1():
    def size(level):
        puzzles = [instance(i, difficulty=level)[0] for i in range(30)]
        blocks = sum(len(p["left"]) + len(p["right"]) for p in puzzles)
        return blocks, max(max(p["left"] + p["right"]) for p in puzzles)

    (easy_blocks, easy_top), (hard_blocks, hard_top) = size(1), size(5)
    assert hard_blocks > 1.4 * easy_blocks and easy_top <= 5 < hard_top


def test_same_sample_is_byte_identical(tmp_path):
    GEN.assert_byte_identical(tmp_path)


def test_render_params_do_not_change_answers():
    GEN.assert_render_params_ignored()


def test_distinct_instances():
    GEN.assert_distinct(seeds=(0, 1))
