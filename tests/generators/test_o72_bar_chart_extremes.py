"""Bar chart extremes: valid samples, unique extremes by the requested gap, bad answers rejected."""

from __future__ import annotations

import pytest

from generators.kit import CheckFailed

from .conftest import Gen

GEN = Gen("O-72_bar_chart_extremes", seed=7)


@pytest.mark.parametrize(("index", "video", "extra"), [(0, True, {}),
                                                       (1, True, {"min_bars": 12, "max_bars": 12}),
                                                       (2, False, {"min_bars": 4, "max_bars": 4, "gap": 20}),
                                                       (3, False, {"gap": 2})])  # fmt: skip
def test_samples_validate(tmp_path, index, video, extra):
    GEN.assert_valid(tmp_path, index, video, seed=3, **extra)


def test_checker_accepts_solver_answers():
    GEN.assert_solves(vary=lambda i: dict(gap=2 + i % 19, min_bars=4 + i % 7, max_bars=10))


def test_checker_rejects_corrupted_answers():
    puzzle, answer, p = GEN.instance(4)
    with pytest.raises(CheckFailed):  # highest and lowest swapped
        GEN.check(puzzle, {**answer, "highest": answer["lowest"], "lowest": answer["highest"]}, p)
    middle = next(
        lab for lab in puzzle["labels"] if lab not in (answer["highest"], answer["lowest"])
    )
    with pytest.raises(CheckFailed, match="lowest"):
        GEN.check(puzzle, {**answer, "lowest": middle}, p)
    with pytest.raises(CheckFailed, match="highest"):
        GEN.check(puzzle, {**answer, "highest": middle}, p)
    with pytest.raises(CheckFailed, match="highest"):
        GEN.check(puzzle, {**answer, "highest": "Xyz"}, p)
    with pytest.raises(CheckFailed):
        GEN.check(puzzle, {**answer, "highest_value": answer["highest_value"] - 1}, p)
    i = puzzle["labels"].index(answer["highest"])
    crowded = {**puzzle, "values": [*puzzle["values"]]}
    crowded["values"][i] = sorted(puzzle["values"])[-2] + 1  # runner-up within the gap
    with pytest.raises(CheckFailed, match="clearly"):
        GEN.check(crowded, GEN.solve(crowded, p), p)


def test_extremes_stand_out_by_the_gap():
    for i in range(40):
        gap = 2 + i % 19
        puzzle, answer, _ = GEN.instance(i, seed=3, gap=gap)
        values = sorted(puzzle["values"])
        assert values[-1] - values[-2] >= gap and values[1] - values[0] >= gap
        by_label = dict(zip(puzzle["labels"], puzzle["values"]))
        assert by_label[answer["highest"]] == values[-1]
        assert by_label[answer["lowest"]] == values[0]
        assert len(set(puzzle["labels"])) == len(puzzle["labels"])


def test_byte_identical(tmp_path):
    GEN.assert_byte_identical(tmp_path, seed=11, index=5)


def test_distinct_instances():
    GEN.assert_distinct()


def margins(puzzle):
    v = sorted(puzzle["values"])
    return min(v[-1] - v[-2], v[1] - v[0])


def test_level_5_has_more_bars_and_closer_runners_up_than_level_1():
    easy = [GEN.puzzle(i, difficulty=1) for i in range(40)]
    hard = [GEN.puzzle(i, difficulty=5) for i in range(40)]
    assert max(len(p["values"]) for p in easy) <= 5 <= 10 <= min(len(p["values"]) for p in hard)
    assert min(margins(p) for p in easy) >= 20
    assert sum(margins(p) for p in hard) / 40 < sum(margins(p) for p in easy) / 40 / 3
