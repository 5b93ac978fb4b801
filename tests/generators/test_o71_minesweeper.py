"""O-71 Minesweeper deduction: valid samples, a checker that proves each mark is forced."""

import filecmp
import itertools

import pytest

from generators import build_sample, get_spec, param_hash, validate_sample
from generators.kit import CheckFailed
from generators.kit.rng import sample_rng
from generators.sample import normalize

GID = "O-71_minesweeper"
SPEC = get_spec(GID)
TASK = SPEC.task_class()
PARAMS = SPEC.resolve_params({})


def instance(index, params=PARAMS, seed=7):
    puzzle = normalize(TASK.generate(sample_rng(seed, index), params))
    return puzzle, normalize(TASK.solve(puzzle, params))


def brute_force(board):
    """Forced mines and safe cells by trying every layout of the covered cells next to numbers."""
    n = len(board)

    def near(r, c):
        return [(r + a, c + b) for a in (-1, 0, 1) for b in (-1, 0, 1)
                if (a or b) and 0 <= r + a < n and 0 <= c + b < n]  # fmt: skip

    numbers = [(r, c) for r in range(n) for c in range(n) if board[r][c] >= 0]
    frontier = sorted({p for q in numbers for p in near(*q) if board[p[0]][p[1]] < 0})
    layouts = []
    for bits in itertools.product((0, 1), repeat=len(frontier)):
        mine = dict(zip(frontier, bits))
        if all(sum(mine.get(p, 0) for p in near(r, c)) == board[r][c] for r, c in numbers):
            layouts.append(bits)
    mines = [list(p) for i, p in enumerate(frontier) if all(b[i] for b in layouts)]
    safe = [list(p) for i, p in enumerate(frontier) if not any(b[i] for b in layouts)]
    return mines, safe, len(frontier)


def test_samples_validate(tmp_path):
    for i in range(4):
        params = {"image_size": 128, "video": i < 2, "size": 6 + 2 * (i % 3)}
        result = build_sample(GID, 3, i, params, tmp_path)
        assert validate_sample(result.folder) == []


def test_checker_accepts_solver_answers():
    for size, density in ((6, 0.1), (8, 0.18), (10, 0.25)):
        params = SPEC.resolve_params({"size": size, "density": density})
        for i in range(7):
            puzzle, answer = instance(i, params)
            TASK.check(puzzle, answer, params)
            assert answer["mines"] and answer["safe"]


def test_marks_match_exhaustive_search():
    params = SPEC.resolve_params({"size": 6})
    checked = 0
    for i in range(40):
        puzzle, answer = instance(i, params)
        mines, safe, frontier = brute_force(puzzle["board"])
        if frontier > 16:
            continue
        assert sorted(answer["mines"]) == mines and sorted(answer["safe"]) == safe
        checked += 1
    assert checked >= 10


def test_checker_rejects_wrong_answers():
    puzzle, answer = instance(2)
    mine, safe = answer["mines"][0], answer["safe"][0]
    swapped = {
        **answer,
        "mines": [safe, *answer["mines"][1:]],
        "safe": [mine, *answer["safe"][1:]],
        "order": [[r, c, "safe" if k == "mine" else "mine"] for r, c, k in answer["order"]],
    }
    missing = {
        **answer,
        "mines": answer["mines"][1:],
        "order": [o for o in answer["order"] if o[:2] != mine],
    }
    revealed = next(
        [r, c] for r, row in enumerate(puzzle["board"]) for c, v in enumerate(row) if v >= 0
    )
    on_number = {**answer, "safe": [*answer["safe"], revealed]}
    for bad in (swapped, missing, on_number):
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
