"""O-69 balance scale: valid samples, a checker that re-adds the pans, both question kinds."""

import collections
import filecmp

import pytest

from generators import build_sample, get_spec, param_hash, validate_sample
from generators.kit import CheckFailed
from generators.kit.rng import sample_rng
from generators.sample import normalize

GID = "O-69_balance_scale"
SPEC = get_spec(GID)
TASK = SPEC.task_class()
PARAMS = SPEC.resolve_params({})


def instance(index, params=PARAMS, seed=7):
    puzzle = normalize(TASK.generate(sample_rng(seed, index), params))
    return puzzle, normalize(TASK.solve(puzzle, params))


def test_samples_validate(tmp_path):
    for i in range(4):
        params = {"image_size": 128, "video": i < 2, "mode": ("tilt", "balance")[i % 2]}
        result = build_sample(GID, 3, i, params, tmp_path)
        assert validate_sample(result.folder) == []


def test_checker_accepts_solver_answers():
    for mode in ("tilt", "balance"):
        for top in (3, 12, 20):
            params = SPEC.resolve_params({"mode": mode, "max_weight": top})
            for i in range(7):
                puzzle, answer = instance(i, params)
                TASK.check(puzzle, answer, params)
                pans = puzzle["left"] + puzzle["right"]
                assert max(pans) <= top and 2 <= len(puzzle["left"]) <= 5


def test_small_weights_with_many_blocks():
    params = SPEC.resolve_params({"mode": "tilt", "max_weight": 3, "max_objects": 5})
    for i in range(60):
        puzzle, answer = instance(i, params)
        TASK.check(puzzle, answer, params)


def test_outcomes_are_mixed_and_answers_fit():
    params = SPEC.resolve_params({"mode": "tilt"})
    seen = collections.Counter(instance(i, params)[1]["down"] for i in range(60))
    assert set(seen) == {"left", "right", "neither"} and min(seen.values()) >= 10
    params = SPEC.resolve_params({"mode": "balance"})
    for i in range(20):
        puzzle, answer = instance(i, params)
        lt, rt = sum(puzzle["left"]), sum(puzzle["right"])
        assert 1 <= answer["weight"] <= 12
        assert (lt < rt) == (answer["pan"] == "left")
        assert len(puzzle[answer["pan"]]) < 5  # room for the '?' block


def test_checker_rejects_wrong_answers():
    tilt = SPEC.resolve_params({"mode": "tilt"})
    puzzle, answer = next(
        (p, a) for p, a in (instance(i, tilt) for i in range(20)) if a["down"] != "neither"
    )
    flipped = {**answer, "down": "left" if answer["down"] == "right" else "right"}
    level = {**answer, "down": "neither"}
    for bad in (flipped, level, {**answer, "left_total": answer["left_total"] + 1}):
        with pytest.raises(CheckFailed):
            TASK.check(puzzle, bad, tilt)
    balance = SPEC.resolve_params({"mode": "balance"})
    puzzle, answer = instance(0, balance)
    other = "left" if answer["pan"] == "right" else "right"
    for bad in ({**answer, "weight": answer["weight"] + 1}, {**answer, "pan": other}):
        with pytest.raises(CheckFailed):
            TASK.check(puzzle, bad, balance)


def test_same_seed_same_bytes(tmp_path):
    a = build_sample(GID, 11, 5, {"image_size": 128}, tmp_path / "a")
    b = build_sample(GID, 11, 5, {"image_size": 128}, tmp_path / "b")
    names = sorted(p.name for p in a.folder.iterdir())
    assert names == sorted(p.name for p in b.folder.iterdir())
    _same, mismatch, errors = filecmp.cmpfiles(a.folder, b.folder, names, shallow=False)
    assert mismatch == [] and errors == []


def test_distinct_instances():
    hashes = {param_hash(GID, instance(i, seed=1)[0]) for i in range(200)}
    assert len(hashes) == 200
