"""Edit distance: valid samples, scripts replayed, distances confirmed by breadth-first search."""

from __future__ import annotations

import pytest

from generators import build_sample, param_hash, validate_sample
from generators.kit import CheckFailed
from generators.kit.rng import sample_rng
from generators.sample import normalize
from generators.tasks.o61_edit_distance import EditDistance

GID = "O-61_edit_distance"
TASK = EditDistance()


def params(**kw):
    return TASK.spec.resolve_params(kw)


def solved(index, seed=7, **kw):
    p = params(**kw)
    puzzle = normalize(TASK.generate(sample_rng(seed, index), p))
    return puzzle, normalize(TASK.solve(puzzle, p)), p


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
    res = build_sample(GID, 3, index, {"image_size": 128, "video": video, **extra}, tmp_path)
    assert validate_sample(res.folder) == []


def test_checker_accepts_solver_answers():
    for i in range(20):
        puzzle, answer, p = solved(i, max_edits=1 + i % 5)
        TASK.check(puzzle, answer, p)


def test_checker_rejects_corrupted_answers():
    puzzle, answer, p = solved(4, min_len=6, max_edits=4)
    script = answer["script"]
    with pytest.raises(CheckFailed):  # one edit short
        TASK.check(puzzle, {**answer, "script": script[:-1]}, p)
    longer = [*script, {"op": "insert", "pos": 0, "char": "Q"}, {"op": "delete", "pos": 0}]
    with pytest.raises(CheckFailed):  # reaches the target, but not in the fewest edits
        TASK.check(puzzle, {"distance": len(longer), "script": longer}, p)
    with pytest.raises(CheckFailed):
        TASK.check(puzzle, {**answer, "script": [{"op": "delete", "pos": 99}, *script[1:]]}, p)
    with pytest.raises(CheckFailed):
        TASK.check(puzzle, {**answer, "distance": answer["distance"] + 1}, p)


def test_distance_matches_breadth_first_search():
    for i in range(12):
        puzzle, answer, _ = solved(i, seed=17, min_len=3, max_len=4, max_edits=3)
        assert answer["distance"] == bfs_distance(puzzle["start"], puzzle["target"])


def test_byte_identical(tmp_path):
    a = build_sample(GID, 11, 5, {"image_size": 128}, tmp_path / "a")
    b = build_sample(GID, 11, 5, {"image_size": 128}, tmp_path / "b")
    for name in a.files:
        assert (a.folder / name).read_bytes() == (b.folder / name).read_bytes(), name


def test_distinct_instances():
    p = params()
    hashes = {param_hash(GID, normalize(TASK.generate(sample_rng(0, i), p))) for i in range(200)}
    assert len(hashes) == 200
