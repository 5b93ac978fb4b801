"""O-65 pipe rotation: valid samples, a flow checker, a unique route."""

import filecmp

import pytest

from generators import build_sample, get_spec, param_hash, validate_sample
from generators.kit import CheckFailed
from generators.kit.rng import sample_rng
from generators.sample import normalize
from generators.tasks.o65_pipe_rotation import count_routes, flows

GID = "O-65_pipe_rotation"
SPEC = get_spec(GID)
TASK = SPEC.task_class()
PARAMS = SPEC.resolve_params({})


def instance(index, params=PARAMS, seed=7):
    puzzle = normalize(TASK.generate(sample_rng(seed, index), params))
    return puzzle, normalize(TASK.solve(puzzle, params))


def rotations(puzzle):
    return [[t[1] for t in row] for row in puzzle["tiles"]]


def test_samples_validate(tmp_path):
    for i in range(4):
        params = {"image_size": 128, "video": i < 2, "size": 4 + i}
        result = build_sample(GID, 3, i, params, tmp_path)
        assert validate_sample(result.folder) == []


def test_checker_accepts_solver_answers():
    for size in (4, 6, 8):
        params = SPEC.resolve_params({"size": size})
        for i in range(8):
            puzzle, answer = instance(i, params)
            TASK.check(puzzle, answer, params)


def test_unique_route_and_unsolved_start():
    for i in range(20):
        puzzle, answer = instance(i)
        assert count_routes(puzzle, limit=5) == 1
        assert flows(puzzle, rotations(puzzle)) is None  # the start is not already solved
        tiles = puzzle["tiles"]
        assert all(tiles[r][c][0] in ("straight", "elbow") for r, c in answer["route"])
        assert len(answer["turns"]) * 3 >= 2 * len(answer["route"])


def test_checker_rejects_wrong_answers():
    puzzle, answer = instance(1)
    r, c, k = answer["turns"][0]
    skipped = {**answer, "turns": answer["turns"][1:]}
    wrong_turn = {**answer, "turns": [[r, c, k % 3 + 1], *answer["turns"][1:]]}
    route = {tuple(p) for p in answer["route"]}
    off = next(
        [rr, cc]
        for rr, row in enumerate(puzzle["tiles"])
        for cc, t in enumerate(row)
        if t[0] and (rr, cc) not in route
    )
    extra = {**answer, "turns": [*answer["turns"], [*off, 1]]}
    short_route = {**answer, "route": answer["route"][:-1]}
    for bad in (skipped, wrong_turn, extra, short_route):
        with pytest.raises(CheckFailed):
            TASK.check(puzzle, bad, PARAMS)


def test_flow_follows_facing_openings():
    puzzle = {
        "rows": 1,
        "cols": 2,
        "tiles": [[["straight", 1], ["elbow", 0]]],
        "inlet": [0, 0, 3],
        "outlet": [0, 1, 0],
    }
    assert flows(puzzle, [[1, 3]]) == [[0, 0], [0, 1]]  # elbow turned to join west and north
    assert flows(puzzle, [[1, 0]]) is None
    assert flows(puzzle, [[0, 3]]) is None


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
