"""O-94 traffic light: the final phase and its time agree with a second-by-second count,
each rubric fact corrupted and rejected, level 5 runs through more changes and phases."""

from __future__ import annotations

import copy

import pytest

from generators.kit import CheckFailed

from .conftest import VALIDATE, Gen

GEN = Gen("O-94_traffic_light", seed=3)


@pytest.mark.parametrize(("index", "video", "kw"), VALIDATE)
def test_samples_validate(tmp_path, index, video, kw):
    GEN.assert_valid(tmp_path, index, video, **kw)


def test_checker_accepts_solver_answers():
    GEN.assert_solves(range(15), vary=lambda i: {"difficulty": 1 + i % 5})


def test_final_phase_agrees_with_counting_seconds():
    for i in range(25):
        puzzle, answer, _ = GEN.instance(i, difficulty=1 + i % 5)
        cycle, phase, shown = puzzle["cycle"], puzzle["phase"], puzzle["elapsed"]
        changes = 0
        for _ in range(puzzle["total"]):  # one second at a time
            shown += 1
            if shown == cycle[phase][1]:
                phase, shown, changes = (phase + 1) % len(cycle), 0, changes + 1
        assert (answer["final"], answer["shown_for"], len(answer["changes"])) == (
            cycle[phase][0],
            shown,
            changes,
        )


def end_on_the_next_phase(answer, puzzle):
    names = [n for n, _ in puzzle["cycle"]]
    answer["final"] = names[(names.index(answer["final"]) + 1) % len(names)]


def miscount_the_time_shown(answer, puzzle):
    answer["shown_for"] += 1


def change_a_second_late(answer, puzzle):
    answer["changes"][0][0] += 1


def miss_the_last_change(answer, puzzle):
    answer["changes"].pop()


@pytest.mark.parametrize(("corrupt", "reason"), [
    (end_on_the_next_phase, "ends on"), (miscount_the_time_shown, "has shown"),
    (change_a_second_late, "comes at"), (miss_the_last_change, "cover"),
])  # fmt: skip
def test_checker_rejects_each_wrong_fact(corrupt, reason):
    puzzle, answer, p = GEN.instance(4, difficulty=4)
    bad = copy.deepcopy(answer)
    corrupt(bad, puzzle)
    with pytest.raises(CheckFailed, match=reason):
        GEN.check(puzzle, bad, p)


def test_level_5_runs_through_more_changes():
    easy = [len(GEN.instance(i, difficulty=1)[1]["changes"]) for i in range(10)]
    hard = [len(GEN.instance(i, difficulty=5)[1]["changes"]) for i in range(10)]
    assert max(easy) <= 3 and min(hard) >= 8, (easy, hard)


def test_byte_identical(tmp_path):
    GEN.assert_byte_identical(tmp_path)


def test_render_params_ignored():
    GEN.assert_render_params_ignored()


def test_distinct_instances():
    GEN.assert_distinct(n=200, seeds=(0, 2024))
