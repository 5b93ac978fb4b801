"""O-67 keys and doors maze: valid samples, a replaying checker, a unique shortest walk."""

import filecmp
from collections import deque

import pytest

from generators import build_sample, get_spec, param_hash, validate_sample
from generators.kit import CheckFailed
from generators.kit.rng import sample_rng
from generators.sample import normalize
from generators.tasks.o67_key_door_maze import Maze

GID = "O-67_key_door_maze"
SPEC = get_spec(GID)
TASK = SPEC.task_class()
PARAMS = SPEC.resolve_params({})


def instance(index, params=PARAMS, seed=7):
    puzzle = normalize(TASK.generate(sample_rng(seed, index), params))
    return puzzle, normalize(TASK.solve(puzzle, params))


def direct_walk(puzzle):
    """The wall-respecting shortest walk that ignores doors and keys."""
    open_ = {frozenset(map(tuple, p)) for p in puzzle["passages"]}
    start, goal = tuple(puzzle["start"]), tuple(puzzle["goal"])
    back, todo = {start: None}, deque([start])
    while todo:
        r, c = todo.popleft()
        for nxt in ((r - 1, c), (r + 1, c), (r, c - 1), (r, c + 1)):
            if frozenset(((r, c), nxt)) in open_ and nxt not in back:
                back[nxt] = (r, c)
                todo.append(nxt)
    walk, node = [], goal
    while node is not None:
        walk.append(list(node))
        node = back[node]
    return walk[::-1]


def test_samples_validate(tmp_path):
    for i in range(4):
        params = {"image_size": 128, "video": i < 2, "size": 4 + 2 * (i % 3), "doors": 1 + i}
        result = build_sample(GID, 3, i, params, tmp_path)
        assert validate_sample(result.folder) == []


def test_checker_accepts_solver_answers():
    for size, doors in ((4, 1), (6, 2), (8, 4)):
        params = SPEC.resolve_params({"size": size, "doors": doors})
        for i in range(7):
            puzzle, answer = instance(i, params)
            TASK.check(puzzle, answer, params)


def test_doors_matter_and_walk_is_unique():
    for i in range(20):
        puzzle, answer = instance(i)
        length, ways = Maze(puzzle).shortest()
        assert ways == 1 and length == answer["steps"]
        assert len(direct_walk(puzzle)) - 1 < answer["steps"]  # keys force a detour
        locked = {**puzzle, "keys": []}
        assert Maze(locked).shortest()[0] == -1  # without keys the goal is out of reach


def test_checker_rejects_wrong_answers():
    puzzle, answer = instance(3)
    walk = answer["walk"]
    direct = direct_walk(puzzle)
    no_keys = {"walk": direct, "steps": len(direct) - 1}
    wrong_steps = {**answer, "steps": answer["steps"] + 1}
    longer = {"walk": [walk[0], walk[1], walk[0], *walk[1:]], "steps": len(walk) + 1}
    jump = {"walk": [walk[0], *walk[2:]], "steps": len(walk) - 2}
    for bad in (no_keys, wrong_steps, longer, jump):
        with pytest.raises(CheckFailed):
            TASK.check(puzzle, bad, PARAMS)


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
