"""N queens: the completion is valid, keeps the givens and is the only one."""

from __future__ import annotations

import itertools

import pytest

from generators import build_sample, param_hash, validate_sample
from generators.kit import CheckFailed
from generators.kit.rng import sample_rng
from generators.sample import normalize
from generators.tasks.o55_n_queens import NQueens, all_solutions, count_completions

GID = "O-55_n_queens"
TASK = NQueens()


def params(**kw):
    return TASK.spec.resolve_params(kw)


def solved(index, **kw):
    p = params(**kw)
    puzzle = normalize(TASK.generate(sample_rng(13, index), p))
    return puzzle, normalize(TASK.solve(puzzle, p)), p


@pytest.mark.parametrize(("index", "video", "n"), [(0, True, 12), (1, True, 8), (2, False, 4),
                                                    (3, False, 10)])  # fmt: skip
def test_samples_validate(tmp_path, index, video, n):
    res = build_sample(GID, 3, index, {"image_size": 128, "video": video, "n": n}, tmp_path)
    assert validate_sample(res.folder) == []


def test_known_solution_counts():
    assert [len(all_solutions(n)) for n in range(4, 13)] == [2, 10, 4, 40, 92, 352, 724, 2680,
                                                             14200]  # fmt: skip


def test_checker_accepts_solver_answers():
    for i in range(20):
        puzzle, answer, p = solved(i, n=4 + i % 9)
        TASK.check(puzzle, answer, p)


def brute_force_completions(n, givens):
    """Completions by trying every permutation of columns (independent of both searches)."""
    fixed = dict(map(tuple, givens))
    count = 0
    for cols in itertools.permutations(range(n)):
        if all(cols[r] == c for r, c in fixed.items()) and all(
            abs(cols[a] - cols[b]) != b - a for a in range(n) for b in range(a + 1, n)
        ):
            count += 1
    return count


def test_givens_pin_down_one_completion():
    for i in range(10):
        puzzle, _, _ = solved(i, n=6 + i % 3)
        assert brute_force_completions(puzzle["n"], puzzle["givens"]) == 1
        assert count_completions(puzzle["n"], puzzle["givens"]) == 1


def test_checker_rejects_bad_boards():
    puzzle, answer, p = solved(0, n=8)
    moved = [list(q) for q in answer["queens"]]
    moved[0][1] = (moved[0][1] + 1) % 8
    with pytest.raises(CheckFailed):
        TASK.check(puzzle, {**answer, "queens": moved}, p)
    with pytest.raises(CheckFailed, match="queens instead"):
        TASK.check(puzzle, {**answer, "queens": answer["queens"][:-1]}, p)
    loose = {**puzzle, "givens": puzzle["givens"][:1]}
    placed = [q for q in answer["queens"] if q not in loose["givens"]]
    with pytest.raises(CheckFailed, match="more than one"):
        TASK.check(loose, {"queens": answer["queens"], "placed": placed}, p)


def test_byte_identical(tmp_path):
    a = build_sample(GID, 11, 5, {"image_size": 128}, tmp_path / "a")
    b = build_sample(GID, 11, 5, {"image_size": 128}, tmp_path / "b")
    for name in a.files:
        assert (a.folder / name).read_bytes() == (b.folder / name).read_bytes(), name


def test_distinct_instances():
    p = params()
    hashes = {param_hash(GID, normalize(TASK.generate(sample_rng(0, i), p))) for i in range(200)}
    assert len(hashes) == 200
