"""G-34 cued attention: the nearest-uncued order, re-derived by the checker, and the ring's
path through the circles measured from the decoded video."""

from __future__ import annotations

import math

import pytest

from generators.kit import HIGHLIGHT, CheckFailed

from .conftest import Gen
from .decoded import centroid, decoded_sample

GEN = Gen("G-34_cued_attention", seed=4)


@pytest.mark.parametrize(("index", "video", "kw"), [
    (0, True, {}), (1, False, {"circles": 8, "distractors": 4}),
    (2, False, {"circles": 3, "distractors": 0}), (3, False, {"distractors": 4}),
])  # fmt: skip
def test_samples_validate(tmp_path, index, video, kw):
    GEN.assert_valid(tmp_path, index, video, **kw)


def test_checker_accepts_solver_answers():
    GEN.assert_solves(range(30), vary=lambda i: {"circles": 3 + i % 6, "distractors": i % 5})


def test_order_by_hand():
    puzzle = {"start": 0, "distractors": [[500.0, 800.0]], "circles": [
        {"color": "red", "at": [100.0, 200.0]}, {"color": "blue", "at": [800.0, 200.0]},
        {"color": "green", "at": [300.0, 250.0]}, {"color": "pink", "at": [600.0, 600.0]},
    ]}  # fmt: skip
    assert GEN.solve(puzzle, GEN.params()) == {"order": ["red", "green", "pink", "blue"],
                                                 "last": "blue"}  # fmt: skip


def test_checker_rejects_corrupted_answers():
    """One corruption per rubric fact: the start, each shift (not the nearest), a circle
    missed or repeated, and the last circle."""
    puzzle, answer, p = GEN.instance(3, circles=6)
    order = answer["order"]
    wrong = [
        ("start", {"order": order[::-1], "last": order[0]}),
        ("nearest", {"order": [order[0], *order[1:][::-1]], "last": order[1]}),
        ("nearest", {"order": [order[0], order[2], order[1], *order[3:]], "last": order[-1]}),
        ("every circle", {"order": order[:-1], "last": order[-2]}),
        ("every circle", {"order": [*order[:-1], order[0]], "last": order[0]}),
        ("ends", {"order": order, "last": order[-2]}),
    ]
    for match, bad in wrong:
        with pytest.raises(CheckFailed, match=match):
            GEN.check(puzzle, bad, p)


def test_the_decoded_ring_visits_the_circles_in_order(tmp_path):
    """The ring's centre, found by its colour in every decoded frame, rests on the circles in
    the solved order (within 12 units: 420 chroma shifts a thin ring by a pixel) and glides no faster than its stated peak speed."""
    meta, frames = decoded_sample(GEN.id, tmp_path, 2, seed=GEN.seed)
    at = {c["color"]: c["at"] for c in meta["puzzle"]["circles"]}
    visited, previous, steps = [], None, []
    for f in frames:
        ring = centroid(f, HIGHLIGHT, tol=40)
        if previous is not None:
            steps.append(math.dist(ring, previous))
        previous = ring
        on = [c for c, p in at.items() if math.dist(ring, p) < 12.0]
        if on and (not visited or visited[-1] != on[0]):
            visited.append(on[0])
    assert visited == meta["answer"]["order"]
    # at most 340 units/s x 1.25 (the cruise's peak) / 16 fps = 26.6 a frame, plus the
    # centroid's noise of about a pixel (4 units) at each end
    assert max(steps) < 26.6 + 8


def test_level_5_has_more_circles_and_distractors_than_level_1():
    def count(level):
        puzzles = [GEN.puzzle(i, difficulty=level) for i in range(10)]
        return sum(len(p["circles"]) + len(p["distractors"]) for p in puzzles) / 10

    assert count(5) >= count(1) + 8


def test_byte_identical(tmp_path):
    GEN.assert_byte_identical(tmp_path)


def test_render_params_ignored():
    GEN.assert_render_params_ignored()


def test_distinct_instances():
    GEN.assert_distinct(seeds=(0, 7))
