"""Object subtraction: rules remove the right objects; the remaining count is right."""

from __future__ import annotations

import pytest

from generators import build_sample, param_hash, validate_sample
from generators.kit import CheckFailed
from generators.kit.rng import sample_rng
from generators.sample import normalize
from generators.tasks.o43_object_subtraction import ObjectSubtraction

GID = "O-43_object_subtraction"
TASK = ObjectSubtraction()


def params(**kw):
    return TASK.spec.resolve_params(kw)


def solved(index, **kw):
    p = params(**kw)
    puzzle = normalize(TASK.generate(sample_rng(2, index), p))
    return puzzle, normalize(TASK.solve(puzzle, p)), p


@pytest.mark.parametrize(("index", "video", "kw"), [
    (0, True, {}), (1, True, {"rules": 3, "objects": 20}), (2, False, {"objects": 5}),
    (3, False, {"rules": 1}),
])  # fmt: skip
def test_samples_validate(tmp_path, index, video, kw):
    res = build_sample(GID, 3, index, {"image_size": 128, "video": video, **kw}, tmp_path)
    assert validate_sample(res.folder) == []


def test_checker_accepts_solver_answers_and_count_is_right():
    for i in range(24):
        n, rules = 5 + i % 16, 1 + i % 3
        puzzle, answer, p = solved(i, objects=n, rules=rules)
        TASK.check(puzzle, answer, p)
        objs = puzzle["objects"]
        assert len(objs) == n and len(puzzle["rules"]) == rules
        # count independently: an object stays if no rule matches it
        kept = [o for o in objs if not any(all(o[k] == v for k, v in r.items())
                                           for r in puzzle["rules"])]  # fmt: skip
        assert answer["count"] == len(kept) >= 2
        assert all(step for step in answer["steps"])  # every rule removes something new


def test_checker_rejects_corrupted_answers():
    puzzle, answer, p = solved(4, rules=2)
    with pytest.raises(CheckFailed, match="count"):
        TASK.check(puzzle, {**answer, "count": answer["count"] + 1}, p)
    spared = {**answer, "steps": [answer["steps"][0][1:], answer["steps"][1]]}
    with pytest.raises(CheckFailed, match="wrong objects"):
        TASK.check(puzzle, spared, p)
    extra = answer["remaining"][0]
    greedy = {**answer, "steps": [[*answer["steps"][0], extra], answer["steps"][1]]}
    with pytest.raises(CheckFailed):
        TASK.check(puzzle, greedy, p)


def test_byte_identical(tmp_path):
    a = build_sample(GID, 11, 5, {"image_size": 128}, tmp_path / "a")
    b = build_sample(GID, 11, 5, {"image_size": 128}, tmp_path / "b")
    for name in a.files:
        assert (a.folder / name).read_bytes() == (b.folder / name).read_bytes(), name


def test_distinct_instances():
    p = params()
    hashes = {param_hash(GID, normalize(TASK.generate(sample_rng(0, i), p))) for i in range(200)}
    assert len(hashes) == 200
