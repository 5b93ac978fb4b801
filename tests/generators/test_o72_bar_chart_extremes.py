"""Bar chart extremes: valid samples, unique extremes by the requested gap, bad answers rejected."""

from __future__ import annotations

import pytest

from generators import build_sample, param_hash, validate_sample
from generators.kit import CheckFailed
from generators.kit.rng import sample_rng
from generators.sample import normalize
from generators.tasks.o72_bar_chart_extremes import BarChartExtremes

GID = "O-72_bar_chart_extremes"
TASK = BarChartExtremes()


def params(**kw):
    return TASK.spec.resolve_params(kw)


def solved(index, seed=7, **kw):
    p = params(**kw)
    puzzle = normalize(TASK.generate(sample_rng(seed, index), p))
    return puzzle, normalize(TASK.solve(puzzle, p)), p


@pytest.mark.parametrize(("index", "video", "extra"), [(0, True, {}),
                                                       (1, True, {"min_bars": 10, "max_bars": 10}),
                                                       (2, False, {"min_bars": 4, "max_bars": 4, "gap": 20}),
                                                       (3, False, {"gap": 2})])  # fmt: skip
def test_samples_validate(tmp_path, index, video, extra):
    res = build_sample(GID, 3, index, {"image_size": 128, "video": video, **extra}, tmp_path)
    assert validate_sample(res.folder) == []


def test_checker_accepts_solver_answers():
    for i in range(20):
        puzzle, answer, p = solved(i, gap=2 + i % 19, min_bars=4 + i % 7, max_bars=10)
        TASK.check(puzzle, answer, p)


def test_checker_rejects_corrupted_answers():
    puzzle, answer, p = solved(4)
    with pytest.raises(CheckFailed):  # highest and lowest swapped
        TASK.check(puzzle, {**answer, "highest": answer["lowest"], "lowest": answer["highest"]}, p)
    middle = next(
        lab for lab in puzzle["labels"] if lab not in (answer["highest"], answer["lowest"])
    )
    with pytest.raises(CheckFailed):
        TASK.check(puzzle, {**answer, "lowest": middle}, p)
    with pytest.raises(CheckFailed):
        TASK.check(puzzle, {**answer, "highest_value": answer["highest_value"] - 1}, p)
    i = puzzle["labels"].index(answer["highest"])
    crowded = {**puzzle, "values": [*puzzle["values"]]}
    crowded["values"][i] = sorted(puzzle["values"])[-2] + 1  # runner-up within the gap
    with pytest.raises(CheckFailed, match="clearly"):
        TASK.check(crowded, normalize(TASK.solve(crowded, p)), p)


def test_extremes_stand_out_by_the_gap():
    for i in range(40):
        gap = 2 + i % 19
        puzzle, answer, _ = solved(i, seed=3, gap=gap)
        values = sorted(puzzle["values"])
        assert values[-1] - values[-2] >= gap and values[1] - values[0] >= gap
        by_label = dict(zip(puzzle["labels"], puzzle["values"]))
        assert by_label[answer["highest"]] == values[-1]
        assert by_label[answer["lowest"]] == values[0]
        assert len(set(puzzle["labels"])) == len(puzzle["labels"])


def test_byte_identical(tmp_path):
    a = build_sample(GID, 11, 5, {"image_size": 128}, tmp_path / "a")
    b = build_sample(GID, 11, 5, {"image_size": 128}, tmp_path / "b")
    for name in a.files:
        assert (a.folder / name).read_bytes() == (b.folder / name).read_bytes(), name


def test_distinct_instances():
    p = params()
    hashes = {param_hash(GID, normalize(TASK.generate(sample_rng(0, i), p))) for i in range(200)}
    assert len(hashes) == 200
