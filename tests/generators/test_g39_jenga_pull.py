"""G-39 jenga pull: one safe block, statics checked by a rigid-body simulation."""

from __future__ import annotations

import numpy as np
import pymunk
import pytest

from generators.kit import CheckFailed
from generators.kit.video import read_frames
from generators.tasks.g39_jenga_pull import SIDES, H, W, centre_x, layer_y, tip_margins

from .conftest import Gen

GEN = Gen("G-39_jenga_pull", seed=6)


@pytest.mark.parametrize(("index", "video", "kw"), [
    (0, True, {}), (1, False, {"rows": 7, "candidates": 4, "missing": 0.4}),
    (2, False, {"rows": 3, "candidates": 2}), (3, False, {"missing": 0.15, "candidates": 4}),
])  # fmt: skip
def test_samples_validate(tmp_path, index, video, kw):
    GEN.assert_valid(tmp_path, index, video, **kw)


def test_checker_accepts_solver_answers():
    for _puzzle, answer, _ in GEN.assert_solves(range(20), vary=lambda i: {"rows": 3 + i % 5}):
        assert sum(v["stands"] for v in answer["verdicts"]) == 1


def test_checker_rejects_corrupted_answers():
    """One corruption per rubric fact: the block pulled, a candidate's verdict, and the row
    where a wrong pull tips the tower."""
    puzzle, answer, p = GEN.instance(2, candidates=3)
    wrong = next(v["letter"] for v in answer["verdicts"] if not v["stands"])
    with pytest.raises(CheckFailed, match="cannot be pulled"):
        GEN.check(puzzle, {**answer, "answer": wrong}, p)
    flipped = [{**v, "stands": not v["stands"]} if v["letter"] == wrong else v
               for v in answer["verdicts"]]  # fmt: skip
    with pytest.raises(CheckFailed, match="stands"):
        GEN.check(puzzle, {**answer, "verdicts": flipped}, p)
    n = len(puzzle["rows"])
    moved = [{**v, "tips_at_row": n + 1} if v["letter"] == wrong else v
             for v in answer["verdicts"]]  # fmt: skip
    with pytest.raises(CheckFailed, match="row where"):
        GEN.check(puzzle, {**answer, "verdicts": moved}, p)


def simulate(rows, load, seconds=2.0):
    """Largest displacement (canvas units) of any block when the tower of `rows` is left
    to gravity for `seconds` in pymunk, every block a separate rigid body."""
    space = pymunk.Space()
    space.gravity = (0, 2000)  # canvas y points down
    ground = pymunk.Segment(space.static_body, (-2000, 950), (3000, 950), 20)
    ground.friction = 1.0
    space.add(ground)
    bodies = []

    def box(x0, x1, layer):
        w = x1 - x0
        body = pymunk.Body(w, pymunk.moment_for_box(w, (w, H)))
        body.position = ((x0 + x1) / 2, layer_y(layer) + H / 2)
        shape = pymunk.Poly.create_box(body, (w, H))
        shape.friction = 1.0
        space.add(body, shape)
        bodies.append((body, tuple(body.position)))

    for k, row in enumerate(rows):
        for side in range(3):
            if row[side]:
                box(centre_x(side) - W / 2, centre_x(side) + W / 2, 2 * k)
        box(500 - 1.5 * W, 500 + 1.5 * W, 2 * k + 1)
    for i in range(load[0]):
        box(500 + load[1] * W - W / 2, 500 + load[1] * W + W / 2, 2 * len(rows) + i)
    for _ in range(round(seconds * 240)):
        space.step(1 / 240)
    return max(abs(b.position - start) for b, start in bodies)


def test_the_statics_agree_with_a_rigid_body_simulation():
    """Every candidate's verdict: the tower without it stays put in pymunk when the model
    says it stands, and tips (some block moves well away) when it says not."""
    checked = 0
    for i in range(6):
        puzzle, answer, _ = GEN.instance(i)
        assert simulate(puzzle["rows"], puzzle["load"]) < 2.0  # the tower as drawn stands
        for c, v in zip(puzzle["candidates"], answer["verdicts"]):
            after = [r[:] for r in puzzle["rows"]]
            after[c["row"]][SIDES.index(c["side"])] = 0
            moved = simulate(after, puzzle["load"])
            # a tipping part may come to rest leaning on the layer below: it still moves
            assert (moved < 2.0) if v["stands"] else (moved > 8.0), (i, c, moved)
            checked += 1
    assert checked >= 18


def test_the_tower_does_not_move_in_the_decoded_video(tmp_path):
    """Only the pulled block changes between the decoded first and last frames."""
    from generators import build_sample

    result = build_sample(GEN.id, GEN.seed, 4, {"image_size": 128}, tmp_path)
    puzzle, answer, _ = GEN.instance(4)
    frames = list(read_frames(result.folder / "ground_truth.mp4"))
    first, last = (f.astype(int) for f in (frames[0], frames[-1]))
    pick = next(c for c in puzzle["candidates"] if c["letter"] == answer["answer"])
    changed = np.abs(first - last).sum(axis=2) > 60
    ys, _xs = np.nonzero(changed)
    y0, y1 = layer_y(2 * pick["row"]) * 0.128, (layer_y(2 * pick["row"]) + H) * 0.128
    below_caption = ys > 180 * 0.128
    assert ((ys[below_caption] >= y0 - 2) & (ys[below_caption] <= y1 + 2)).all()


def test_level_5_has_more_rows_and_candidates_than_level_1():
    def size(level):
        puzzles = [GEN.puzzle(i, difficulty=level) for i in range(12)]
        return (sum(len(p["rows"]) for p in puzzles) / 12,
                sum(len(p["candidates"]) for p in puzzles) / 12)  # fmt: skip

    (r1, c1), (r5, c5) = size(1), size(5)
    assert r5 >= r1 + 3 and c5 >= c1 + 2


def test_margins_by_hand():
    # one block left of centre under a full tower of two rows: the load tips past its edge
    assert min(tip_margins([[1, 0, 0], [1, 1, 1]])) < 0
    assert min(tip_margins([[1, 1, 1], [1, 1, 1]])) == pytest.approx(1.5)


def test_byte_identical(tmp_path):
    GEN.assert_byte_identical(tmp_path)


def test_distinct_instances():
    GEN.assert_distinct(seeds=(0, 7))
