"""O-90 ball eater: the eater's path, number and stop follow from the numbers (recomputed
here by a different route), balls never overlap, each rubric fact corrupted and rejected,
level 5 eats more balls with numbers closer to the eater's."""

from __future__ import annotations

import copy

import pytest

from generators.kit import CheckFailed
from generators.tasks.o90_ball_eater import places, radius

from .conftest import VALIDATE, Gen

GEN = Gen("O-90_ball_eater", seed=3)


@pytest.mark.parametrize(("index", "video", "kw"), VALIDATE)
def test_samples_validate(tmp_path, index, video, kw):
    GEN.assert_valid(tmp_path, index, video, **kw)


def test_checker_accepts_solver_answers():
    GEN.assert_solves(range(15), vary=lambda i: {"difficulty": 1 + i % 5})


def test_the_stop_is_the_first_ball_no_smaller_than_the_running_sum():
    for i in range(20):
        puzzle, answer, _ = GEN.instance(i, difficulty=1 + i % 5)
        numbers, start = puzzle["numbers"], puzzle["start"]
        sums = [start + sum(numbers[:j]) for j in range(len(numbers) + 1)]
        blocked = [j for j in range(len(numbers)) if numbers[j] >= sums[j]]
        stop = blocked[0] if blocked else "wall"
        assert answer["stops_at"] == stop
        assert answer["final"] == sums[len(answer["eaten"])]
        xs = places(start, numbers, puzzle["gaps"])  # no two balls touch at the start
        rights = [x + radius(k) for x, k in zip(xs, numbers)]
        assert all(xs[j + 1] - radius(numbers[j + 1]) > rights[j] for j in range(len(xs) - 1))


def eat_the_blocker_too(answer, puzzle):
    answer["eaten"].append(len(answer["eaten"]))


def stop_one_ball_early(answer, puzzle):
    answer["eaten"].pop()


def misstate_the_final_number(answer, puzzle):
    answer["final"] += 1


def misplace_the_stop(answer, puzzle):
    answer["stops_at"] = "wall"


@pytest.mark.parametrize(("corrupt", "reason"), [
    (eat_the_blocker_too, "not smaller"), (stop_one_ball_early, "ends at|eaten too"),
    (misstate_the_final_number, "ends at"), (misplace_the_stop, "stops at"),
])  # fmt: skip
def test_checker_rejects_each_wrong_fact(corrupt, reason):
    for i in range(40):  # a run that eats some balls and stops at one
        puzzle, answer, p = GEN.instance(i, difficulty=4)
        if answer["eaten"] and answer["stops_at"] != "wall":
            break
    bad = copy.deepcopy(answer)
    corrupt(bad, puzzle)
    with pytest.raises(CheckFailed, match=reason):
        GEN.check(puzzle, bad, p)


def test_level_5_eats_more_with_closer_numbers():
    def measure(level):
        out = []
        for i in range(12):
            puzzle, answer, _ = GEN.instance(i, difficulty=level)
            n = puzzle["start"]
            for j in answer["eaten"]:  # how far below the eater each eaten number is
                out.append(n - puzzle["numbers"][j])
                n += puzzle["numbers"][j]
        return out

    easy, hard = measure(1), measure(5)
    assert len(hard) > len(easy) and max(hard) <= 2 < max(easy), (easy, hard)


def test_byte_identical(tmp_path):
    GEN.assert_byte_identical(tmp_path)


def test_render_params_ignored():
    GEN.assert_render_params_ignored()


def test_distinct_instances():
    GEN.assert_distinct(n=200, seeds=(0, 2024))
