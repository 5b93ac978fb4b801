"""O-100 dye diffusion: the spread replayed step by step by the checker, each rubric fact
corrupted and rejected, the shut valves and one-way arrows obeyed, level 5 spreads further
over a larger grid."""

from __future__ import annotations

import copy

import pytest

from generators.kit import CheckFailed

from .conftest import VALIDATE, Gen

GEN = Gen("O-100_dye_diffusion", seed=3)


@pytest.mark.parametrize(("index", "video", "kw"), VALIDATE)
def test_samples_validate(tmp_path, index, video, kw):
    GEN.assert_valid(tmp_path, index, video, **kw)


def test_checker_accepts_solver_answers():
    GEN.assert_solves(range(15), vary=lambda i: {"difficulty": 1 + i % 5})


def test_dye_spreads_at_every_step_and_some_tanks_stay_clear():
    for i in range(10):
        _, answer, p = GEN.instance(i)
        assert len(answer["waves"]) == p["steps"] and all(answer["waves"])
        assert answer["clear"]


def move_a_tank_to_a_later_step(answer):
    answer["waves"][-1].append(answer["waves"][0].pop())


def drop_a_tank_from_a_step(answer):
    answer["waves"][0].pop()


def add_a_clear_tank_to_a_step(answer):
    answer["waves"][0].append(answer["clear"][0])


def show_a_step_too_few(answer):
    answer["waves"].pop()


def claim_a_clear_tank_is_dyed(answer):
    answer["dyed"].append(answer["clear"].pop())


def forget_a_clear_tank(answer):
    answer["clear"].pop()


def name_tanks_by_number(answer):
    answer["dyed"][0] = 7


@pytest.mark.parametrize(("corrupt", "reason"), [
    (move_a_tank_to_a_later_step, "step 1 dyes"), (drop_a_tank_from_a_step, "step 1 dyes"),
    (add_a_clear_tank_to_a_step, "step 1 dyes"), (show_a_step_too_few, "must list"),
    (claim_a_clear_tank_is_dyed, "dyed tanks are"), (forget_a_clear_tank, "clear tanks are"),
    (name_tanks_by_number, "by name"),
])  # fmt: skip
def test_checker_rejects_each_wrong_fact(corrupt, reason):
    puzzle, answer, p = GEN.instance(4)
    assert len(answer["waves"][0]) >= 2
    bad = copy.deepcopy(answer)
    corrupt(bad)
    with pytest.raises(CheckFailed, match=reason):
        GEN.check(puzzle, bad, p)


ROW = {"rows": 1, "cols": 4, "steps": 2, "dye": "blue", "sources": ["A2"]}


def test_a_shut_valve_stops_the_dye():
    puzzle = {**ROW, "pipes": [["A1", "A2", "closed"], ["A2", "A3", "open"],
                               ["A3", "A4", "open"]]}  # fmt: skip
    GEN.check(puzzle, {"waves": [["A3"], ["A4"]], "dyed": ["A2", "A3", "A4"], "clear": ["A1"]},
              GEN.params())  # fmt: skip
    with pytest.raises(CheckFailed, match="step 1 dyes A3, not A1, A3"):
        GEN.check(puzzle, {"waves": [["A1", "A3"], ["A4"]], "dyed": ["A1", "A2", "A3", "A4"],
                           "clear": []}, GEN.params())  # fmt: skip


def test_dye_runs_only_along_a_one_way_arrow():
    puzzle = {**ROW, "pipes": [["A1", "A2", "one-way"], ["A2", "A3", "one-way"],
                               ["A3", "A4", "open"]]}  # fmt: skip
    GEN.check(puzzle, {"waves": [["A3"], ["A4"]], "dyed": ["A2", "A3", "A4"], "clear": ["A1"]},
              GEN.params())  # fmt: skip
    with pytest.raises(CheckFailed, match="step 1 dyes A3, not A1, A3"):
        GEN.check(puzzle, {"waves": [["A1", "A3"], ["A4"]], "dyed": ["A1", "A2", "A3", "A4"],
                           "clear": []}, GEN.params())  # fmt: skip


def test_checker_rejects_a_pipe_between_tanks_that_do_not_touch():
    puzzle = {**ROW, "pipes": [["A2", "A4", "open"], ["A2", "A3", "open"]]}
    with pytest.raises(CheckFailed, match="joins no neighbours"):
        GEN.check(puzzle, {"waves": [["A3", "A4"], []], "dyed": ["A2", "A3", "A4"],
                           "clear": ["A1"]}, GEN.params())  # fmt: skip


def test_level_5_spreads_further_over_a_larger_grid():
    def measure(level):
        runs = [GEN.instance(i, difficulty=level) for i in range(6)]
        return [(p["rows"] * p["cols"], len(a["waves"]), len(p["pipes"])) for p, a, _ in runs]

    easy, hard = measure(1), measure(5)
    assert max(e[0] for e in easy) < min(h[0] for h in hard)
    assert max(e[1] for e in easy) < min(h[1] for h in hard)
    assert max(e[2] for e in easy) < min(h[2] for h in hard)


def test_byte_identical(tmp_path):
    GEN.assert_byte_identical(tmp_path)


def test_render_params_ignored():
    GEN.assert_render_params_ignored()


def test_distinct_instances():
    GEN.assert_distinct(n=200, seeds=(0, 2024))
