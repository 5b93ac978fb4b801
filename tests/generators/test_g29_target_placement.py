"""G-29_target_placement: every shape ends on its own outline along smooth, collision-free paths,
turning the smallest way; decoy outlines stay empty."""

import copy
import itertools
import math

import pytest

from generators.kit import CheckFailed, easing
from generators.review import max_jump, timeline
from generators.tasks.g29_target_placement import (
    CLEAR,
    MIN_TURN,
    SYMMETRY,
    TIE_MARGIN,
    move_seconds,
    pose,
    turn,
)

from .conftest import Gen

GEN = Gen("G-29_target_placement", seed=5)


def test_samples_are_valid(tmp_path):
    for index, video, level in ((0, True, 3), (1, False, 5), (2, False, 1)):
        GEN.assert_valid(tmp_path, index, video, seed=11, difficulty=level)


@pytest.mark.parametrize("level", [1, 2, 3, 4, 5])
def test_checker_accepts_solver(level):
    GEN.assert_solves(range(6), difficulty=level)


def test_each_shape_ends_on_its_own_outline_without_collisions():
    for puzzle, answer, _ in GEN.assert_solves(range(12), objects=4, decoys=2):
        n = len(puzzle["objects"])
        last = answer["samples"][-1]
        for i, (o, j) in enumerate(zip(puzzle["objects"], answer["targets"])):
            t = puzzle["targets"][j]
            assert (o["colour"], o["kind"]) == (t["colour"], t["kind"])
            x, y, a = last[1 + 3 * i : 4 + 3 * i]
            assert math.hypot(x - t["x"], y - t["y"]) < 1e-4
            off = (a - t["angle"]) % SYMMETRY[o["kind"]]
            assert min(off, SYMMETRY[o["kind"]] - off) < 1e-3
        for row in answer["samples"]:
            for i, j in itertools.combinations(range(n), 2):
                d = math.hypot(row[1 + 3 * i] - row[1 + 3 * j], row[2 + 3 * i] - row[2 + 3 * j])
                assert d >= CLEAR - 1e-6


def test_smallest_turn_is_never_a_tie_and_always_visible():
    for puzzle, answer, _ in GEN.assert_solves(range(60), difficulty=5):
        for o, d in zip(puzzle["objects"], answer["turns"]):
            assert MIN_TURN <= abs(d) <= SYMMETRY[o["kind"]] / 2 - TIE_MARGIN


def test_decoys_share_a_shapes_colour_and_match_none():
    puzzle, answer, _ = GEN.instance(4, objects=3, decoys=3)
    pairs = {(o["colour"], o["kind"]) for o in puzzle["objects"]}
    spare = [t for k, t in enumerate(puzzle["targets"]) if k not in answer["targets"]]
    assert len(spare) == 3
    assert all((t["colour"], t["kind"]) not in pairs for t in spare)
    assert all(t["colour"] in {c for c, _ in pairs} for t in spare)


def replay(puzzle, answer, glide):
    """The answer's samples re-drawn with `glide(obj, target, t, duration)`."""
    objs, tgts = puzzle["objects"], puzzle["targets"]
    duration = answer["samples"][-1][0]
    return [
        [row[0], *(v for o, j in zip(objs, answer["targets"]) for v in glide(o, tgts[j], row[0], duration))]
        for row in answer["samples"]
    ]  # fmt: skip


def test_checker_rejects_each_wrong_fact():
    """One corrupted answer per fact the rubric states, each rejected."""
    puzzle, answer, params = GEN.instance(6, difficulty=4)
    objs, tgts = puzzle["objects"], puzzle["targets"]
    bads = {}
    bad = copy.deepcopy(answer)  # 1: the first shape waits a sample before it sets off
    for row in bad["samples"][1:2]:
        row[1:4] = bad["samples"][0][1:4]
    bads["start together"] = bad
    bad = copy.deepcopy(answer)  # 1: the first shape arrives early and waits
    for row in bad["samples"][-2:-1]:
        row[1:4] = bad["samples"][-1][1:4]
    bads["arrive together"] = bad
    bad = copy.deepcopy(answer)  # 2: off the straight line
    bad["samples"][len(bad["samples"]) // 2][1] += 30
    bads["straight line"] = bad

    def linear(o, t, time, duration):  # 2: no smooth start: constant speed
        u = time / duration
        return (o["x"] + (t["x"] - o["x"]) * u, o["y"] + (t["y"] - o["y"]) * u,
                o["angle"] + turn(o["kind"], o["angle"], t["angle"]) * u)  # fmt: skip

    bads["smooth start and stop"] = dict(answer, samples=replay(puzzle, answer, linear))

    def long_way(o, t, time, duration):  # 3: turns the other way round
        x, y, a = pose(o, t, time, duration)
        d = turn(o["kind"], o["angle"], t["angle"])
        u = (a - o["angle"]) / d
        return x, y, o["angle"] + (d - math.copysign(SYMMETRY[o["kind"]], d)) * u

    bads["turn direction (motion)"] = dict(answer, samples=replay(puzzle, answer, long_way))
    bad = copy.deepcopy(answer)
    bad["turns"][0] = -bad["turns"][0]
    bads["turn direction (stated)"] = bad
    bad = copy.deepcopy(answer)
    bad["turns"][1] += 5
    bads["turn amount"] = bad
    bad = copy.deepcopy(answer)  # 5: two shapes swap outlines
    bad["targets"][0], bad["targets"][1] = answer["targets"][1], answer["targets"][0]
    bads["own outline"] = bad
    bad = copy.deepcopy(answer)  # 5: stops beside its outline
    bad["samples"][-1][1] += 30
    bads["final placement"] = bad
    bad = copy.deepcopy(answer)  # 7: a shape sent to a decoy of its colour
    decoy = next(k for k, t in enumerate(tgts) if k not in answer["targets"])
    owner = next(i for i, o in enumerate(objs) if o["colour"] == tgts[decoy]["colour"])
    bad["targets"][owner] = decoy
    bads["decoy stays empty"] = bad
    accepted = []
    for kind, bad in bads.items():
        try:
            GEN.check(puzzle, bad, params)
            accepted.append(kind)
        except CheckFailed:
            pass
    assert accepted == []


def test_checker_rejects_a_collision():
    """4: two shapes made to cross: shape 2 follows shape 1's path."""
    puzzle, answer, params = GEN.instance(3, objects=2, decoys=0)
    crossing = copy.deepcopy(puzzle)
    crossing["objects"][1].update(x=puzzle["objects"][0]["x"] + 1, y=puzzle["objects"][0]["y"])
    bad = copy.deepcopy(answer)
    for row in bad["samples"]:
        row[4], row[5] = row[1] + 1, row[2]
    with pytest.raises(CheckFailed):
        GEN.check(crossing, bad, params)


def test_checker_rejects_a_tied_turn():
    puzzle, answer, params = GEN.instance(2, objects=2, decoys=0)
    tied, bad = copy.deepcopy(puzzle), copy.deepcopy(answer)
    o = tied["objects"][0]
    tied["targets"][answer["targets"][0]]["angle"] = o["angle"] + SYMMETRY[o["kind"]] / 2
    with pytest.raises(CheckFailed, match="tie"):
        GEN.check(tied, bad, params)


def test_glide_never_outruns_glide_speed():
    for puzzle, answer, _ in GEN.assert_solves(range(20), difficulty=5):
        duration = move_seconds(puzzle, answer["targets"])
        assert answer["samples"][-1][0] == pytest.approx(duration)
        for a, b in itertools.pairwise(answer["samples"]):
            for i in range(len(puzzle["objects"])):
                step = math.hypot(b[1 + 3 * i] - a[1 + 3 * i], b[2 + 3 * i] - a[2 + 3 * i])
                assert step <= easing.GLIDE_SPEED * (b[0] - a[0]) + 1e-6


def test_level_five_is_harder_than_level_one():
    """More shapes to place, and decoy outlines of their colours to tell apart by shape."""
    easy = [GEN.puzzle(i, difficulty=1) for i in range(8)]
    hard = [GEN.puzzle(i, difficulty=5) for i in range(8)]
    assert {(len(p["objects"]), len(p["targets"])) for p in easy} == {(2, 2)}
    assert {(len(p["objects"]), len(p["targets"])) for p in hard} == {(5, 8)}


def test_holds_and_motion():
    line = timeline(GEN.id, 5, 0, {"image_size": 64})
    assert line.opening_s == 0.5 and line.closing_s == 1.0
    assert max_jump(line)[0] <= 0.03


def test_same_sample_twice_is_byte_identical(tmp_path):
    GEN.assert_byte_identical(tmp_path)


def test_answers_ignore_render_params():
    GEN.assert_render_params_ignored()


def test_two_hundred_distinct_puzzles():
    GEN.assert_distinct(200, seeds=(9,))
