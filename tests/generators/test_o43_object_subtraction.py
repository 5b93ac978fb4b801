"""Object subtraction: rules remove the right objects; the remaining count is right."""

from __future__ import annotations

import pytest

from generators.kit import CheckFailed

from .conftest import Gen

GEN = Gen("O-43_object_subtraction", seed=2)
TASK = GEN.task


def solved(index, **kw):
    return GEN.instance(index, **kw)


@pytest.mark.parametrize(("index", "video", "kw"), [
    (1, True, {"rules": 3, "objects": 20}), (2, False, {"objects": 5}), (3, False, {"rules": 1}),
])  # fmt: skip
def test_samples_validate(tmp_path, index, video, kw):
    GEN.assert_valid(tmp_path, index, video, seed=3, **kw)


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


def test_checker_rejects_wrong_remaining_objects_names_and_summary():
    puzzle, answer, p = solved(4, rules=2)
    swapped = {**answer, "remaining": [*answer["remaining"][1:], answer["steps"][0][0]]}
    with pytest.raises(CheckFailed, match="remaining objects"):
        TASK.check(puzzle, swapped, p)
    renamed = {**answer, "remaining_names": [*answer["remaining_names"][::-1], "red star"]}
    with pytest.raises(CheckFailed, match="names"):
        TASK.check(puzzle, renamed, p)
    with pytest.raises(CheckFailed, match="summary"):
        TASK.check(puzzle, {**answer, "summary": "1 red star"}, p)


def test_level_5_removes_more_and_counts_more_than_level_1():
    def work(level):
        return [(len(pz["objects"]), len(pz["rules"]))
                for pz in (GEN.puzzle(i, difficulty=level) for i in range(4))]  # fmt: skip

    easy, hard = work(1), work(5)
    assert max(n for n, _ in easy) * 3 <= min(n for n, _ in hard)
    assert max(r for _, r in easy) < min(r for _, r in hard)


def test_byte_identical(tmp_path):
    GEN.assert_byte_identical(tmp_path, seed=11, index=5)


def test_distinct_instances_at_several_seeds():
    GEN.assert_distinct(seeds=(0, 1, 2024, 2**40 + 3))
    GEN.assert_distinct(seeds=(5, 6), objects=5)  # the fewest objects
