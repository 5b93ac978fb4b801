"""Edit distance: valid samples, scripts replayed, distances confirmed by breadth-first search."""

from __future__ import annotations

import pytest

from generators.kit import CheckFailed

from .conftest import Gen

GEN = Gen("O-61_edit_distance", seed=7)


def bfs_distance(a, b):
    """Fewest single-letter edits from a to b, by searching words level by level."""
    letters = sorted(set(b))
    seen, frontier, depth = {a}, [a], 0
    while b not in seen:
        depth += 1
        nxt = []
        for w in frontier:
            options = [w[:i] + w[i + 1 :] for i in range(len(w))]
            options += [w[:i] + c + w[i:] for i in range(len(w) + 1) for c in letters]
            options += [w[:i] + c + w[i + 1 :] for i in range(len(w)) for c in letters]
            for o in options:
                if o not in seen:
                    seen.add(o)
                    nxt.append(o)
        frontier = nxt
    return depth


@pytest.mark.parametrize(("index", "video", "extra"), [(0, True, {}),
                                                       (1, True, {"min_len": 9, "max_len": 9, "max_edits": 5}),
                                                       (2, False, {"min_len": 2, "max_len": 2, "max_edits": 1}),
                                                       (3, False, {})])  # fmt: skip
def test_samples_validate(tmp_path, index, video, extra):
    GEN.assert_valid(tmp_path, index, video, seed=3, **extra)


def test_checker_accepts_solver_answers():
    GEN.assert_solves(vary=lambda i: dict(difficulty=1 + i % 5))


def test_checker_rejects_corrupted_answers():
    puzzle, answer, p = GEN.instance(4, min_len=6, max_edits=4)
    script = answer["script"]
    with pytest.raises(CheckFailed):  # one edit short
        GEN.check(puzzle, {**answer, "script": script[:-1]}, p)
    longer = [*script, {"op": "insert", "pos": 0, "char": "Q"}, {"op": "delete", "pos": 0}]
    with pytest.raises(CheckFailed):  # reaches the target, but not in the fewest edits
        GEN.check(puzzle, {"distance": len(longer), "script": longer}, p)
    with pytest.raises(CheckFailed):
        GEN.check(puzzle, {**answer, "script": [{"op": "delete", "pos": 99}, *script[1:]]}, p)
    with pytest.raises(CheckFailed):
        GEN.check(puzzle, {**answer, "distance": answer["distance"] + 1}, p)
    wrong = {"op": "insert", "pos": 0, "char": "Q"}  # Q is never a tile: the word misses
    with pytest.raises(CheckFailed, match="spell"):
        GEN.check(puzzle, {**answer, "script": [*script[:-1], wrong]}, p)
    with pytest.raises(CheckFailed, match="itself"):  # a replacement that changes nothing
        same = {"op": "substitute", "pos": 0, "char": puzzle["start"][0]}
        GEN.check(puzzle, {**answer, "script": [same, *script[1:]]}, p)


def test_level_five_needs_more_edits_than_level_one():
    def mean(level):
        return sum(GEN.instance(i, difficulty=level)[1]["distance"] for i in range(20)) / 20

    assert mean(5) >= 2.5 * mean(1)


def test_distance_matches_breadth_first_search():
    for i in range(12):
        puzzle, answer, _ = GEN.instance(i, seed=17, min_len=3, max_len=4, max_edits=3)
        assert answer["distance"] == bfs_distance(puzzle["start"], puzzle["target"])


def test_byte_identical(tmp_path):
    GEN.assert_byte_identical(tmp_path, seed=11, index=5)


def test_distinct_instances():
    GEN.assert_distinct()
