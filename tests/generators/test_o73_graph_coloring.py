"""O-73 graph colouring: valid samples, a proper-colouring checker, a unique completion."""

import filecmp
import itertools

import pytest

from generators import build_sample, get_spec, param_hash, validate_sample
from generators.kit import CheckFailed
from generators.kit.rng import sample_rng
from generators.sample import normalize
from generators.tasks.o73_graph_coloring import LABELS, segments_cross

GID = "O-73_graph_coloring"
SPEC = get_spec(GID)
TASK = SPEC.task_class()
PARAMS = SPEC.resolve_params({})


def instance(index, params=PARAMS, seed=7):
    puzzle = normalize(TASK.generate(sample_rng(seed, index), params))
    return puzzle, normalize(TASK.solve(puzzle, params))


def brute_force_completions(puzzle):
    """Every proper colouring consistent with the givens, by trying all assignments."""
    n, names = len(puzzle["nodes"]), puzzle["colors"]
    given = {LABELS.index(k): v for k, v in puzzle["given"].items()}
    free = [i for i in range(n) if i not in given]
    out = []
    for combo in itertools.product(names, repeat=len(free)):
        color = dict(given) | dict(zip(free, combo))
        if all(color[a] != color[b] for a, b in puzzle["edges"]):
            out.append(color)
    return out


def test_samples_validate(tmp_path):
    for i in range(4):
        params = {"image_size": 128, "video": i < 2, "colors": 3 + i % 2}
        result = build_sample(GID, 3, i, params, tmp_path)
        assert validate_sample(result.folder) == []


def test_checker_accepts_solver_answers():
    for nodes, colors in ((6, 3), (9, 3), (12, 3), (6, 4), (9, 4)):
        params = SPEC.resolve_params({"nodes": nodes, "colors": colors})
        for i in range(4):
            puzzle, answer = instance(i, params)
            TASK.check(puzzle, answer, params)
            assert len(puzzle["given"]) <= 3 * nodes // 5


def test_completion_is_unique_and_drawing_planar():
    params = SPEC.resolve_params({"nodes": 7, "colors": 3})
    for i in range(10):
        puzzle, answer = instance(i, params)
        (only,) = brute_force_completions(puzzle)
        assert {LABELS[j]: c for j, c in only.items()} == answer["colors"]
        pts, edges = puzzle["nodes"], puzzle["edges"]
        for (a, b), (c, d) in itertools.combinations(edges, 2):
            assert not segments_cross(pts[a], pts[b], pts[c], pts[d])


def test_checker_rejects_wrong_answers():
    puzzle, answer = instance(1)
    a, b = puzzle["edges"][0]
    clash = dict(answer["colors"])
    clash[LABELS[b]] = clash[LABELS[a]]
    given_label = next(iter(puzzle["given"]))
    others = [c for c in puzzle["colors"] if c != puzzle["given"][given_label]]
    recolored = {**answer["colors"], given_label: others[0]}
    missing = {k: v for k, v in answer["colors"].items() if k != answer["order"][0]}
    for colors in (clash, recolored, missing):
        with pytest.raises(CheckFailed):
            TASK.check(puzzle, {**answer, "colors": colors}, PARAMS)
    with pytest.raises(CheckFailed):
        TASK.check(puzzle, {**answer, "order": answer["order"][1:]}, PARAMS)
    purple = {**answer["colors"], answer["order"][0]: "purple"}
    with pytest.raises(CheckFailed, match="not allowed"):
        TASK.check(puzzle, {**answer, "colors": purple}, PARAMS)


def test_checker_rejects_an_order_that_skips_a_forced_node():
    rejected = 0
    for i in range(12):
        puzzle, answer = instance(i)
        try:
            TASK.check(puzzle, {**answer, "order": answer["order"][::-1]}, PARAMS)
        except CheckFailed as e:
            assert "forced node waits" in str(e)
            rejected += 1
    assert rejected >= 6


def test_level_5_leaves_more_nodes_and_colours_open_than_level_1():
    def open_nodes(level):
        params = SPEC.resolve_params({"difficulty": level})
        puzzles = [instance(i, params)[0] for i in range(8)]
        return sum(len(p["nodes"]) - len(p["given"]) for p in puzzles) / 8, params["colors"]

    (easy, k1), (hard, k5) = open_nodes(1), open_nodes(5)
    assert hard >= easy + 2 and k5 > k1


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
