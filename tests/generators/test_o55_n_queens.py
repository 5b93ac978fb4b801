"""N queens: the completion is valid, keeps the givens and is the only one."""

from __future__ import annotations

import itertools

import pytest

from generators.kit import CheckFailed
from generators.tasks.o55_n_queens import all_solutions, count_completions, given_sets

from .conftest import Gen

GEN = Gen("O-55_n_queens", seed=13)
TASK = GEN.task


def solved(index, **kw):
    return GEN.instance(index, **kw)


@pytest.mark.parametrize(("index", "video", "n"), [(1, True, 8), (2, False, 4), (3, False, 10)])
def test_samples_validate(tmp_path, index, video, n):
    GEN.assert_valid(tmp_path, index, video, seed=3, n=n)


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


def test_small_boards_list_every_set_of_givens_that_pins_one_placement():
    """On boards with fewer than 200 placements the instance number picks one of these."""
    n = 6
    sets = given_sets(n)
    table = all_solutions(n)
    want = set()
    for p, cols in enumerate(table):
        for k in range(1, n // 2 + 2):
            for rows in itertools.combinations(range(n), k):
                givens = [[r, int(cols[r])] for r in rows]
                if brute_force_completions(n, givens) == 1:
                    want.add((p, sum(1 << r for r in rows)))
    assert len(sets) == len(set(sets)) and set(sets) == want


def test_checker_rejects_each_corrupted_rubric_fact():
    puzzle, answer, p = solved(1, n=8)
    queens, placed = answer["queens"], answer["placed"]
    given = puzzle["givens"][0]
    # 1. a given queen moved: the board is otherwise the same, one given shifted a column
    shifted = [[r, (c + 1) % 8] if [r, c] == given else [r, c] for r, c in queens]
    # 3. two queens in one column, 4. two on one diagonal (rows 0 and 1 of a fresh board)
    column = [[r, queens[0][1]] if r == 1 else [r, c] for r, c in queens]
    corrupted = {
        "given moved": {**answer, "queens": shifted},
        "one queen missing": {"queens": queens[:-1], "placed": placed[:-1]},
        "not in row order": {**answer, "placed": placed[::-1]},
        "shared column": {**answer, "queens": column},
        "wrong squares": {**answer, "placed": [*placed[:-1], [placed[-1][0], 0]]},
    }
    for why, bad in corrupted.items():
        with pytest.raises(CheckFailed):
            TASK.check(puzzle, bad, p)
            pytest.fail(why)
    diagonal = {"n": 4, "givens": []}
    with pytest.raises(CheckFailed, match="diagonal"):
        TASK.check(diagonal, {"queens": [[0, 0], [1, 1], [2, 3], [3, 2]],
                              "placed": [[0, 0], [1, 1], [2, 3], [3, 2]]}, p)  # fmt: skip


def test_level_five_leaves_more_queens_to_place_than_level_one():
    def placed(level):
        return sum(len(solved(i, difficulty=level)[1]["placed"]) for i in range(12)) / 12

    assert placed(5) >= 2 * placed(1)


def test_byte_identical(tmp_path):
    GEN.assert_byte_identical(tmp_path, seed=11, index=5)


def test_distinct_instances_at_several_seeds():
    GEN.assert_distinct(seeds=(0, 1, 2024, 2**40 + 3))
    GEN.assert_distinct(seeds=(5, 9, 12), n=8)  # a board with only 92 placements
