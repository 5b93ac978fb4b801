"""G-30 tracking look-alikes: the pad and the crossings re-derived from the tracks, the
staggered glide checked sample by sample, every rubric fact corrupted; the ringed disc
followed through the decoded video among its look-alikes."""

from __future__ import annotations

import copy

import numpy as np
import pytest
from scipy import ndimage

from generators import lookup
from generators.kit import NAMED, CheckFailed
from generators.kit.easing import along_polyline
from generators.tasks.g30_tracking_lookalikes import (
    GLIDE,
    LAG,
    PAD_Y,
    columns,
    crossings,
    position,
    track_points,
)

from .conftest import VALIDATE, Gen
from .decoded import decoded_sample, frame_time

GEN = Gen("G-30_tracking_lookalikes")


def test_lookup_short_name():
    assert lookup("G-tracking_lookalikes") == GEN.id


@pytest.mark.parametrize("index,video,params", VALIDATE)
def test_samples_validate(tmp_path, index, video, params):
    GEN.assert_valid(tmp_path, index, video, **params)


def test_checker_accepts_solver_answers_at_every_level():
    GEN.assert_solves(range(15), vary=lambda i: {"difficulty": 1 + i % 5})


def neighbours_track(puzzle, answer):
    """The samples of the disc that set off next to the ringed one."""
    i = puzzle["target"]
    j = i + 1 if i + 1 < len(puzzle["tracks"]) else i - 1
    line = track_points(puzzle["tracks"][j])
    rows = [[t, *position(line, j, t)] for t, _, _ in answer["samples"]]
    pad = "ABCDEFG"[columns(len(puzzle["tracks"])).index(line[-1][0])]
    return {**answer, "samples": rows, "pad": pad}


def all_at_once(puzzle, answer):
    """The ringed disc setting off at the start, not at its turn."""
    line = track_points(puzzle["tracks"][puzzle["target"]])
    rows = [[t, *position(line, 0, t)] for t, _, _ in answer["samples"]]
    return {**answer, "samples": rows}


def steady_pace(puzzle, answer):
    """No glide: the same track at a constant pace."""
    i = puzzle["target"]
    line = track_points(puzzle["tracks"][i])
    rows = [
        [t, *along_polyline(line, min(max((t - i * LAG) / GLIDE, 0), 1))]
        for t, _, _ in answer["samples"]
    ]
    return {**answer, "samples": rows}


def other_pad(puzzle, answer):
    return {**answer, "pad": "B" if answer["pad"] == "A" else "A"}


def more_crossings(puzzle, answer):
    return {**answer, "crossings": answer["crossings"] + 1}


@pytest.mark.parametrize("corrupt,reason", [
    (neighbours_track, "not where"), (all_at_once, "not where"), (steady_pace, "not where"),
    (other_pad, "another pad"), (more_crossings, "crossed"),
])  # fmt: skip
@pytest.mark.parametrize("level", [2, 5])
def test_checker_rejects_each_wrong_fact(corrupt, reason, level):
    puzzle, answer, params = GEN.instance(4, difficulty=level)
    if corrupt is all_at_once and puzzle["target"] == 0:
        puzzle, answer, params = GEN.instance(5, difficulty=level)
    with pytest.raises(CheckFailed, match=reason):
        GEN.check(puzzle, corrupt(puzzle, copy.deepcopy(answer)), params)


def test_checker_rejects_overlapping_discs():
    puzzle, _, params = GEN.instance(1, difficulty=3)
    bad = copy.deepcopy(puzzle)
    bad["tracks"][1]["controls"][1:3] = copy.deepcopy(bad["tracks"][0]["controls"][1:3])
    bad["tracks"][1]["controls"][0] = bad["tracks"][0]["controls"][0]
    with pytest.raises(CheckFailed, match="overlap"):
        GEN.check(bad, GEN.solve(bad, params), params)


def test_level_5_has_more_discs_and_crossings_than_level_1():
    easy = [GEN.instance(i, difficulty=1) for i in range(8)]
    hard = [GEN.instance(i, difficulty=5) for i in range(8)]
    assert all(len(p["tracks"]) == 3 for p, _, _ in easy)
    assert all(len(p["tracks"]) == 7 and a["crossings"] >= 4 for p, a, _ in hard)
    assert (
        np.mean([a["crossings"] for _, a, _ in hard])
        > np.mean([a["crossings"] for _, a, _ in easy]) + 2
    )


def test_crossings_count_tracks_not_points():
    x = [(0.0, 0.0), (10.0, 10.0)]
    zigzag = [(0.0, 10.0), (5.0, 0.0), (6.0, 10.0), (10.0, 0.0)]  # crosses x three times
    assert crossings([x, zigzag], 0) == 1


def discs(frame, size):
    """Centres (canvas units) of the blue discs in a decoded frame."""
    near = np.linalg.norm(frame.astype(float) - NAMED["blue"], axis=2) < 60
    labels, n = ndimage.label(near)
    found = ndimage.center_of_mass(near, labels, range(1, n + 1))
    counts = ndimage.sum(near, labels, range(1, n + 1))
    k = 1000 / size
    return [((x + 0.5) * k, (y + 0.5) * k) for (y, x), c in zip(found, counts) if c > 30]


def test_decoded_video_ringed_disc_followed_to_its_pad(tmp_path):
    """Follow the ringed disc from frame to frame (always the nearest disc: discs keep 72
    units apart and move at most 25 a frame); it keeps to its glide within 1% of the width
    and ends on the answered pad."""
    meta, frames = decoded_sample(GEN.id, tmp_path, index=3, size=256, difficulty=4)
    puzzle, answer, fps = meta["puzzle"], meta["answer"], meta["fps"]
    i = puzzle["target"]
    line = track_points(puzzle["tracks"][i])
    here, worst, moved = line[0], 0.0, 0
    for k, frame in enumerate(frames):
        spots = discs(frame, 256)
        assert len(spots) == len(puzzle["tracks"])
        here = min(spots, key=lambda s: np.hypot(s[0] - here[0], s[1] - here[1]))
        expected = position(line, i, frame_time(k, fps))
        worst = max(worst, float(np.hypot(here[0] - expected[0], here[1] - expected[1])))
        moved += expected != line[0]
    assert moved > 30 and worst < 10
    pads = columns(len(puzzle["tracks"]))
    assert abs(here[1] - PAD_Y) < 10
    assert "ABCDEFG"[int(np.argmin([abs(x - here[0]) for x in pads]))] == answer["pad"]


def test_same_sample_is_byte_identical(tmp_path):
    GEN.assert_byte_identical(tmp_path)


def test_answer_does_not_depend_on_render_params():
    GEN.assert_render_params_ignored()


def test_200_distinct_instances():
    GEN.assert_distinct(seeds=(0, 7))
