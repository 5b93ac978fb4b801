"""O-64 clock arithmetic: valid samples, an independent checker, distinct instances."""

import filecmp

import pytest

from generators import build_sample, get_spec, param_hash, validate_sample
from generators.kit import CheckFailed
from generators.kit.rng import sample_rng
from generators.sample import normalize

GID = "O-64_clock_arithmetic"
SPEC = get_spec(GID)
TASK = SPEC.task_class()
PARAMS = SPEC.resolve_params({})


def instance(index, params=PARAMS, seed=7):
    puzzle = normalize(TASK.generate(sample_rng(seed, index), params))
    return puzzle, normalize(TASK.solve(puzzle, params))


def test_samples_validate(tmp_path):
    for i in range(4):
        params = {"image_size": 128, "video": i < 2}
        result = build_sample(GID, 3, i, params, tmp_path)
        assert validate_sample(result.folder) == []


def test_checker_accepts_solver_answers():
    for params in (PARAMS, SPEC.resolve_params({"minute_step": 1, "max_hours": 12})):
        for i in range(20):
            puzzle, answer = instance(i, params)
            TASK.check(puzzle, answer, params)


def test_checker_rejects_wrong_answers():
    puzzle, answer = instance(0)
    h, m = map(int, answer["time"].split(":"))
    wrong_minute = {**answer, "time": f"{h:02d}:{(m + 5) % 60:02d}"}
    wrong_hour = {**answer, "time": f"{h % 12 + 1:02d}:{m:02d}"}
    for bad in (wrong_minute, wrong_hour, {**answer, "time": "13:00"}, {**answer, "time": "7"}):
        with pytest.raises(CheckFailed):
            TASK.check(puzzle, bad, PARAMS)


def test_known_answers():
    puzzle = {
        "start": "11:50",
        "hours": 2,
        "minutes": 15,
        "direction": "later",
        "numerals": "arabic",
    }
    assert TASK.solve(puzzle, PARAMS)["time"] == "02:05"
    puzzle = {
        "start": "12:00",
        "hours": 12,
        "minutes": 0,
        "direction": "earlier",
        "numerals": "roman",
    }
    assert TASK.solve(puzzle, PARAMS)["time"] == "12:00"
    puzzle = {
        "start": "09:45",
        "hours": 0,
        "minutes": 15,
        "direction": "earlier",
        "numerals": "arabic",
    }
    assert TASK.solve(puzzle, PARAMS)["time"] == "09:30"


def test_same_seed_same_bytes(tmp_path):
    a = build_sample(GID, 11, 5, {"image_size": 128}, tmp_path / "a")
    b = build_sample(GID, 11, 5, {"image_size": 128}, tmp_path / "b")
    names = sorted(p.name for p in a.folder.iterdir())
    assert names == sorted(p.name for p in b.folder.iterdir())
    _same, mismatch, errors = filecmp.cmpfiles(a.folder, b.folder, names, shallow=False)
    assert mismatch == [] and errors == []


def test_distinct_instances():
    assert SPEC.instances >= 200
    hashes = {param_hash(GID, instance(i, seed=1)[0]) for i in range(200)}
    assert len(hashes) == 200
