"""Tower of Hanoi: moves are legal and optimal, and the optimum is unique."""

from __future__ import annotations

import itertools

import pytest

from generators import build_sample, validate_sample
from generators.kit import CheckFailed
from generators.kit.rng import sample_rng
from generators.sample import normalize
from generators.tasks.o53_tower_of_hanoi import TowerOfHanoi, optimal_moves, shortest_paths

GID = "O-53_tower_of_hanoi"
TASK = TowerOfHanoi()


def params(**kw):
    return TASK.spec.resolve_params(kw)


def solved(index, **kw):
    p = params(**kw)
    puzzle = normalize(TASK.generate(sample_rng(3, index), p))
    return puzzle, normalize(TASK.solve(puzzle, p)), p


@pytest.mark.parametrize(("index", "video", "kw"), [
    (0, True, {}), (1, True, {"disks": 3, "start": "any"}), (2, False, {"disks": 6}),
    (3, False, {"disks": 5, "start": "any"}),
])  # fmt: skip
def test_samples_validate(tmp_path, index, video, kw):
    res = build_sample(GID, 3, index, {"image_size": 128, "video": video, **kw}, tmp_path)
    assert validate_sample(res.folder) == []


def test_checker_accepts_solver_answers():
    for i in range(20):
        n = 3 + i % 4
        puzzle, answer, p = solved(i, disks=n, start="tower" if i % 2 else "any")
        TASK.check(puzzle, answer, p)
        if i % 2:
            assert answer["count"] == 2**n - 1


def test_default_covers_every_peg_pair():
    pairs = set()
    for i in range(60):
        puzzle, _, _ = solved(i)
        pairs.add((puzzle["where"][0], puzzle["target"]))
    assert len(pairs) == 6


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
    a = build_sample(GID, 11, 5, {"image_size": 128}, tmp_path / "a")
    b = build_sample(GID, 11, 5, {"image_size": 128}, tmp_path / "b")
    for name in a.files:
        assert (a.folder / name).read_bytes() == (b.folder / name).read_bytes(), name
