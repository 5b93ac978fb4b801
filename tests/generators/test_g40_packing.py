"""G-40 packing: one piece left over, an exact packing of the rest, proved unique."""

from __future__ import annotations

import itertools

import pytest

from generators.kit import CheckFailed
from generators.tasks.g40_packing import ROWS, TETROMINOES, turned

from .conftest import Gen

GEN = Gen("G-40_packing", seed=3)


@pytest.mark.parametrize(("index", "video", "kw"), [
    (0, True, {}), (1, False, {"pieces": 6}), (2, False, {"pieces": 2}), (3, False, {"pieces": 3}),
])  # fmt: skip
def test_samples_validate(tmp_path, index, video, kw):
    GEN.assert_valid(tmp_path, index, video, **kw)


def test_checker_accepts_solver_answers():
    GEN.assert_solves(range(12), vary=lambda i: {"pieces": 2 + i % 4})


def brute_force_left_overs(puzzle):
    """Pieces whose leaving out lets the rest tile the box, by trying every placement of
    every piece (no shared code with the generator's search)."""
    n = puzzle["columns"]
    box = {(c, r) for c in range(n) for r in range(ROWS)}

    def options(shape):
        out = set()
        for q in range(4):
            cells = turned(TETROMINOES[shape], q)
            for dc, dr in itertools.product(range(n), range(ROWS)):
                placed = frozenset((c + dc, r + dr) for c, r in cells)
                if placed <= box:
                    out.add(placed)
        return out

    def tiles(shapes, free):
        if not shapes:
            return not free
        return any(tiles(shapes[1:], free - o) for o in options(shapes[0]) if o <= free)

    return [p["letter"] for p in puzzle["pieces"]
            if tiles([q["shape"] for q in puzzle["pieces"] if q is not p], frozenset(box))]  # fmt: skip


def test_exactly_one_piece_is_left_over_by_brute_force():
    for i in range(8):
        puzzle, answer, _ = GEN.instance(i, pieces=2 + i % 3)
        assert brute_force_left_overs(puzzle) == [answer["left_over"]]


def test_checker_rejects_corrupted_answers():
    """One corruption per rubric fact: the left-over piece, the box filled exactly (a piece
    moved or flipped), and every other piece placed."""
    puzzle, answer, p = GEN.instance(1)
    other = next(q["letter"] for q in puzzle["pieces"] if q["letter"] != answer["left_over"])
    with pytest.raises(CheckFailed):
        GEN.check(puzzle, {**answer, "left_over": other}, p)
    shifted = [dict(q) for q in answer["placements"]]
    shifted[0]["column"] = (shifted[0]["column"] + 1) % puzzle["columns"]
    with pytest.raises(CheckFailed, match="fill the box"):
        GEN.check(puzzle, {**answer, "placements": shifted}, p)
    with pytest.raises(CheckFailed, match="placed once"):
        GEN.check(puzzle, {**answer, "placements": answer["placements"][1:]}, p)


def test_level_5_packs_more_pieces_than_level_1():
    sizes = {lv: {len(GEN.puzzle(i, difficulty=lv)["pieces"]) for i in range(5)} for lv in (1, 5)}
    assert sizes == {1: {3}, 5: {7}}


def test_byte_identical(tmp_path):
    GEN.assert_byte_identical(tmp_path)


def test_distinct_instances():
    GEN.assert_distinct(seeds=(0, 7))
