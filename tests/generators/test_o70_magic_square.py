"""O-70 magic square: valid samples, a sum checker, a uniquely determined completion whose
every fill completes the line it names, levels."""

import copy
import itertools

import pytest

from generators.kit import CheckFailed
from generators.tasks.o70_magic_square import lines, solution_rank

from .conftest import VALIDATE, Gen

GEN = Gen("O-70_magic_square")


def instance(index, **given):
    puzzle, answer, _ = GEN.instance(index, **given)
    return puzzle, answer


@pytest.mark.parametrize("index,video,params", VALIDATE)
def test_samples_validate(tmp_path, index, video, params):
    GEN.assert_valid(tmp_path, index, video, size=("3x3", "4x4")[index % 2], **params)


def test_checker_accepts_solver_answers():
    for size, blanks in itertools.product((3, 4), (2, 5, 8)):
        for puzzle, _, _ in GEN.assert_solves(range(4), size=f"{size}x{size}", blanks=blanks):
            empty = sum(v == 0 for row in puzzle["givens"] for v in row)
            assert empty == min(blanks, 6 if size == 3 else 8)


def test_squares_have_distinct_entries_and_unique_completion():
    for size in (3, 4):
        for i in range(10):
            puzzle, answer = instance(i, size=f"{size}x{size}", blanks=8)
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


def test_checker_rejects_each_kind_of_wrong_fact():
    """The rubric states each fill (cell, number, the line it completes), the final sums, the
    unchanged givens and one fill at a time."""
    puzzle, answer = instance(0, size="3x3")
    params = GEN.params()
    r, c, _, _ = answer["order"][0]
    grid = copy.deepcopy(answer["grid"])
    grid[r][c] += 1
    n, total = puzzle["size"], puzzle["sum"]
    named = dict(lines(n))
    order = answer["order"]
    elsewhere = next(name for name, cells in named.items() if (r, c) not in cells)
    # another line through the cell that still has a second gap when the cell is filled
    premature = [name for name, cells in named.items() if (r, c) in cells and any(
        puzzle["givens"][a][b] == 0 and (a, b) != (r, c) for a, b in cells)]  # fmt: skip
    wrong = [
        {**answer, "grid": grid},  # a wrong number: a line misses the sum
        {**answer, "grid": [[total // n] * n for _ in range(n)]},  # changes the givens
        {**answer, "order": order[1:]},  # a blank never filled
        {**answer, "order": [[*order[0][:3], elsewhere], *order[1:]]},  # names a line off the cell
        {**answer, "order": [[*order[0][:2], order[0][2] + 1, order[0][3]], *order[1:]]},
        {**answer, "order": order[::-1]},  # fills a cell while its line still has gaps
    ]  # fmt: skip
    wrong += [{**answer, "order": [[*order[0][:3], name], *order[1:]]} for name in premature]
    for bad in wrong:
        with pytest.raises(CheckFailed):
            GEN.check(puzzle, bad, params)
    assert all(sum(answer["grid"][r][c] for r, c in cells) == total for cells in named.values())


def test_level_5_is_harder_than_level_1():
    def blanks(level):
        return sum(len(instance(i, difficulty=level)[1]["order"]) for i in range(20)) / 20

    assert blanks(1) == 2 and blanks(5) == 8
    assert all(instance(i, difficulty=5)[0]["size"] == 4 for i in range(5))


def test_same_sample_is_byte_identical(tmp_path):
    GEN.assert_byte_identical(tmp_path)


def test_render_params_do_not_change_answers():
    GEN.assert_render_params_ignored()


def test_distinct_instances():
    for size in ("both", "4x4"):
        GEN.assert_distinct(seeds=(1,), size=size)
