"""O-71 Minesweeper deduction: valid samples, a checker that proves each mark is forced,
boards a real game can show, levels."""

import itertools

import pytest

from generators.kit import CheckFailed
from generators.tasks.o71_minesweeper import COVERED, around

from .conftest import VALIDATE, Gen

GEN = Gen("O-71_minesweeper")


def instance(index, **given):
    puzzle, answer, _ = GEN.instance(index, **given)
    return puzzle, answer


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


@pytest.mark.parametrize("index,video,params", VALIDATE)
def test_samples_validate(tmp_path, index, video, params):
    GEN.assert_valid(tmp_path, index, video, size=6 + 2 * (index % 3), **params)


def test_checker_accepts_solver_answers():
    for size, density in ((6, 0.1), (8, 0.18), (10, 0.25)):
        for _, answer, _ in GEN.assert_solves(range(7), size=size, density=density):
            assert answer["mines"] and answer["safe"]


def test_a_revealed_zero_never_touches_a_covered_cell():
    """A 0 reveals its neighbours in the game, so a board showing a 0 beside a covered cell
    is impossible."""
    for i in range(150):
        board = GEN.puzzle(i, seed=i % 3, size=6 + i % 5)["board"]
        n = len(board)
        for r, c in itertools.product(range(n), repeat=2):
            if board[r][c] == 0:
                assert all(board[a][b] != COVERED for a, b in around(r, c, n, n)), (i, r, c)


def test_marks_match_exhaustive_search():
    checked = 0
    for i in range(40):
        puzzle, answer = instance(i, size=6)
        mines, safe, frontier = brute_force(puzzle["board"])
        if frontier > 16:
            continue
        assert sorted(answer["mines"]) == mines and sorted(answer["safe"]) == safe
        checked += 1
    assert checked >= 10


def test_checker_rejects_each_kind_of_wrong_fact():
    """The rubric states the flags, the check marks, the undecided cells, and that revealed
    cells never change."""
    puzzle, answer = instance(2)
    params = GEN.params()
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
    wrong = [
        swapped,  # flags and checks exchanged
        missing,  # a certain mine left unflagged
        {**answer, "safe": [*answer["safe"], revealed]},  # a mark on a revealed cell
        {**answer, "order": answer["order"][1:]},  # a mark never made in the video
        {**answer, "undetermined": answer["undetermined"] + 1},  # the undecided count
    ]
    for bad in wrong:
        with pytest.raises(CheckFailed):
            GEN.check(puzzle, bad, params)
    board = [row[:] for row in puzzle["board"]]  # a 0 beside a covered cell: impossible
    r, c = mine  # a covered cell next to a number
    a, b = next(p for p in around(r, c, len(board), len(board)) if board[p[0]][p[1]] != COVERED)
    board[a][b] = 0
    with pytest.raises(CheckFailed):
        GEN.check({"board": board}, answer, params)


def test_level_5_is_harder_than_level_1():
    def size(level):
        runs = [instance(i, difficulty=level) for i in range(20)]
        covered = sum(v == COVERED for p, _ in runs for row in p["board"] for v in row)
        return covered / 20, sum(len(a["order"]) for _, a in runs) / 20

    (easy_covered, easy_marks), (hard_covered, hard_marks) = size(1), size(5)
    assert hard_covered > 3 * easy_covered and hard_marks > 1.5 * easy_marks


def test_same_sample_is_byte_identical(tmp_path):
    GEN.assert_byte_identical(tmp_path)


def test_render_params_do_not_change_answers():
    GEN.assert_render_params_ignored()


def test_distinct_instances():
    GEN.assert_distinct(seeds=(0, 1))
