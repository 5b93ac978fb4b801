"""Tower of Hanoi: moves are legal and optimal, and the optimum is unique."""

from __future__ import annotations

import itertools

import pytest

from generators.kit import CheckFailed
from generators.tasks.o53_tower_of_hanoi import optimal_moves, shortest_paths, start_positions

from .conftest import Gen

GEN = Gen("O-53_tower_of_hanoi", seed=3)
TASK = GEN.task


def solved(index, **kw):
    return GEN.instance(index, **kw)


@pytest.mark.parametrize(("index", "video", "kw"), [
    (1, True, {"disks": 3, "start": "any"}), (2, False, {"disks": 6}),
    (3, False, {"disks": 5, "start": "any"}),
])  # fmt: skip
def test_samples_validate(tmp_path, index, video, kw):
    GEN.assert_valid(tmp_path, index, video, seed=3, **kw)


def test_checker_accepts_solver_answers():
    for i in range(20):
        n = 3 + i % 4
        puzzle, answer, p = solved(i, disks=n, start="tower" if i % 2 else "any")
        TASK.check(puzzle, answer, p)
        if i % 2:
            assert answer["count"] == 2**n - 1


def test_first_six_samples_are_the_six_peg_pairs():
    """The declared 6 instances of the classic start come first, each once, at any seed."""
    assert GEN.spec.instances == 6
    for seed in (0, 3, 2024, 2**40 + 3):
        pairs = set()
        for i in range(6):
            puzzle = GEN.puzzle(i, seed)
            assert len(set(puzzle["where"])) == 1
            pairs.add((puzzle["where"][0], puzzle["target"]))
        assert len(pairs) == 6 and all("ABC"[w] != t for w, t in pairs)


def test_any_start_lists_every_position_far_enough_from_done():
    for n in (3, 4):
        listed = set(start_positions(n))
        assert len(listed) == len(start_positions(n)) == 8 * 3 ** (n + 1) // 9
        for where, target in listed:
            assert shortest_paths(list(where), target)[0] >= 2 ** (n - 2)


def test_any_start_is_distinct_at_several_seeds():
    GEN.assert_distinct(seeds=(0, 1, 2024, 2**40 + 3), start="any")  # 216 with 4 disks


def test_recursion_is_the_unique_optimum_from_every_position():
    for where in itertools.product(range(3), repeat=4):
        for target in range(3):
            best, ways = shortest_paths(list(where), target)
            assert len(optimal_moves(list(where), target)) == best
            assert ways == 1


def test_checker_rejects_bad_moves():
    puzzle, answer, p = solved(0)
    a, b = answer["moves"][0]
    illegal = {**answer, "moves": [[a, b], [a, b], *answer["moves"][2:]]}
    with pytest.raises(CheckFailed):
        TASK.check(puzzle, illegal, p)
    spare = next(x for x in "ABC" if x not in (a, b))
    detour = [[a, spare], [spare, b], *answer["moves"][1:]]  # legal but one move too many
    with pytest.raises(CheckFailed, match="suffice"):
        TASK.check(puzzle, {"moves": detour, "count": len(detour)}, p)
    with pytest.raises(CheckFailed, match="target"):
        TASK.check(puzzle, {"moves": answer["moves"][:-1], "count": answer["count"] - 1}, p)


def test_byte_identical(tmp_path):
    GEN.assert_byte_identical(tmp_path, seed=11, index=5)
