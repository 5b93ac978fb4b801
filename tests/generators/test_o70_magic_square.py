"""O-70 magic square: valid samples, a sum checker, a uniquely determined completion."""

import filecmp
import itertools

import pytest

from generators import build_sample, get_spec, param_hash, validate_sample
from generators.kit import CheckFailed
from generators.kit.rng import sample_rng
from generators.sample import normalize
from generators.tasks.o70_magic_square import lines, solution_rank

GID = "O-70_magic_square"
SPEC = get_spec(GID)
TASK = SPEC.task_class()
PARAMS = SPEC.resolve_params({})


def instance(index, params=PARAMS, seed=7):
    puzzle = normalize(TASK.generate(sample_rng(seed, index), params))
    return puzzle, normalize(TASK.solve(puzzle, params))


def test_samples_validate(tmp_path):
    for i in range(4):
        params = {"image_size": 128, "video": i < 2, "size": ("3x3", "4x4")[i % 2]}
        result = build_sample(GID, 3, i, params, tmp_path)
        assert validate_sample(result.folder) == []


def test_checker_accepts_solver_answers():
    for size, blanks in itertools.product((3, 4), (2, 5, 8)):
        params = SPEC.resolve_params({"size": f"{size}x{size}", "blanks": blanks})
        for i in range(4):
            puzzle, answer = instance(i, params)
            TASK.check(puzzle, answer, params)
            empty = sum(v == 0 for row in puzzle["givens"] for v in row)
            assert empty == min(blanks, 6 if size == 3 else 8)


def test_squares_have_distinct_entries_and_unique_completion():
    for size in (3, 4):
        params = SPEC.resolve_params({"size": f"{size}x{size}", "blanks": 8})
        for i in range(10):
            puzzle, answer = instance(i, params)
            flat = [v for row in answer["grid"] for v in row]
            assert len(set(flat)) == size * size and min(flat) > 0
            if size == 4:
                assert sorted(flat) == list(range(1, 17))
            rank, blanks = solution_rank(puzzle["givens"])
            assert rank == blanks


def test_ambiguous_givens_are_detected():
    # only the centre given: many 3x3 squares with sum 15 share it
    givens = [[0, 0, 0], [0, 5, 0], [0, 0, 0]]
    rank, blanks = solution_rank(givens)
    assert rank < blanks


def test_checker_rejects_wrong_answers():
    puzzle, answer = instance(0, SPEC.resolve_params({"size": "3x3"}))
    r, c, _, _ = answer["order"][0]
    grid = [row[:] for row in answer["grid"]]
    grid[r][c] += 1
    off_by_one = {**answer, "grid": grid}
    # a "magic" grid with every cell equal to sum/n changes the givens
    n, total = puzzle["size"], puzzle["sum"]
    flat_grid = [[total // n] * n for _ in range(n)]
    changed = {**answer, "grid": flat_grid}
    partial = {**answer, "order": answer["order"][1:]}
    for bad in (off_by_one, changed, partial):
        with pytest.raises(CheckFailed):
            TASK.check(puzzle, bad, PARAMS)
    assert all(sum(answer["grid"][r][c] for r, c in cells) == total for _, cells in lines(n))


def test_same_seed_same_bytes(tmp_path):
    a = build_sample(GID, 11, 5, {"image_size": 128}, tmp_path / "a")
    b = build_sample(GID, 11, 5, {"image_size": 128}, tmp_path / "b")
    names = sorted(p.name for p in a.folder.iterdir())
    assert names == sorted(p.name for p in b.folder.iterdir())
    _same, mismatch, errors = filecmp.cmpfiles(a.folder, b.folder, names, shallow=False)
    assert mismatch == [] and errors == []


def test_distinct_instances():
    for size in ("both", "4x4"):
        params = SPEC.resolve_params({"size": size})
        hashes = {param_hash(GID, instance(i, params, seed=1)[0]) for i in range(200)}
        assert len(hashes) == 200
