"""G-27_occluded_tracking: constant velocity behind sliding screens; the ball ends in one ring."""

import copy
import math

import pytest

from generators import build_sample, get_spec, param_hash, validate_sample
from generators.kit import CheckFailed
from generators.kit.rng import sample_rng
from generators.review import timeline
from generators.sample import normalize
from generators.tasks.g27_occluded_tracking import RING_R, overlaps, screen_at

GID = "G-27_occluded_tracking"
SPEC = get_spec(GID)
TASK = SPEC.task_class()


def solved(index, seed=5, **given):
    params = SPEC.resolve_params(given)
    puzzle = normalize(TASK.generate(sample_rng(seed, index), params))
    return puzzle, normalize(TASK.solve(puzzle, params)), params


def test_samples_are_valid(tmp_path):
    for index, video in ((0, True), (1, False), (2, False)):
        params = {"image_size": 128, "video": video, "screens": 1 + index}
        result = build_sample(GID, 11, index, params, tmp_path)
        assert validate_sample(result.folder) == []


@pytest.mark.parametrize("screens", [1, 2, 3])
def test_checker_accepts_solver(screens):
    for index in range(7):
        puzzle, answer, params = solved(index, screens=screens)
        TASK.check(puzzle, answer, params)


def test_hidden_then_visible_in_exactly_one_ring():
    labels = set()
    for index in range(20):
        puzzle, answer, _ = solved(index)
        visible = [r[3] for r in answer["samples"]]
        assert visible[0] and visible[-1] and not all(visible)
        assert len(answer["hidden"]) == len(puzzle["screens"])
        fx, fy = answer["final"]
        near = [r["label"] for r in puzzle["rings"] if math.hypot(r["x"] - fx, r["y"] - fy) < 40]
        assert near == [answer["ring"]]
        labels.add(answer["ring"])
    assert labels == set("ABCD")  # the right ring is not always the same letter


def test_checker_rejects_perturbed_trajectory():
    puzzle, answer, params = solved(3)
    bad = copy.deepcopy(answer)
    mid = len(bad["samples"]) // 2
    bad["samples"][mid][1] += 30  # 3% of the scene, while hidden or not
    with pytest.raises(CheckFailed, match="velocity"):
        TASK.check(puzzle, bad, params)
    bad = copy.deepcopy(answer)
    bad["hidden"][0]["emerge"][0] += 30
    with pytest.raises(CheckFailed, match="emergence"):
        TASK.check(puzzle, bad, params)


def test_checker_rejects_wrong_result():
    puzzle, answer, params = solved(4)
    bad = copy.deepcopy(answer)
    bad["ring"] = next(r["label"] for r in puzzle["rings"] if r["label"] != answer["ring"])
    with pytest.raises(CheckFailed, match="ring"):
        TASK.check(puzzle, bad, params)
    bad = copy.deepcopy(answer)
    bad["final"][1] += 30
    with pytest.raises(CheckFailed):
        TASK.check(puzzle, bad, params)


def test_same_sample_twice_is_byte_identical(tmp_path):
    params = {"image_size": 128}
    a = build_sample(GID, 2, 6, params, tmp_path / "a")
    b = build_sample(GID, 2, 6, params, tmp_path / "b")
    for name in a.files:
        assert (a.folder / name).read_bytes() == (b.folder / name).read_bytes(), name


def test_two_hundred_distinct_puzzles():
    params = SPEC.resolve_params({})
    hashes = {
        param_hash(GID, normalize(TASK.generate(sample_rng(9, i), params))) for i in range(200)
    }
    assert len(hashes) == 200


def decoys_on_the_line(puzzle, answer) -> int:
    """Wrong rings the ball's straight line passes through: direction alone cannot tell."""
    (x, y), (vx, vy) = puzzle["start"], puzzle["velocity"]
    speed = math.hypot(vx, vy)
    return sum(
        abs((r["x"] - x) * vy - (r["y"] - y) * vx) / speed < RING_R
        for r in puzzle["rings"]
        if r["label"] != answer["ring"]
    )


def test_direction_alone_never_names_the_ring():
    for index in range(20):
        puzzle, answer, _ = solved(index)
        assert decoys_on_the_line(puzzle, answer) >= 1


def test_rings_and_labels_are_clear_of_the_screens_at_both_ends():
    for index in range(12):
        puzzle, _, _ = solved(index)
        for t in (0.0, puzzle["duration"]):
            for sc in puzzle["screens"]:
                x0, y0, x1, y1 = screen_at(sc, t)
                for r in puzzle["rings"]:
                    assert not overlaps((x0, y0, x1, y1), r["x"], r["y"], RING_R)
                    label_bottom = r["y"] - RING_R - 6
                    assert not (x0 < r["x"] + 20 and r["x"] - 20 < x1
                                and y0 < label_bottom and label_bottom - 48 < y1)  # fmt: skip


def test_level_five_is_harder_than_level_one():
    """More screens, so the ball is hidden longer and more often; level 4 puts two decoys
    on the ball's own line."""

    def measure(level):
        runs = [solved(i, difficulty=level) for i in range(5)]
        screens = sum(len(p["screens"]) for p, _, _ in runs) / 5
        hidden = sum(h["to"] - h["from"] for _, a, _ in runs for h in a["hidden"]) / 5
        return screens, hidden, min(decoys_on_the_line(p, a) for p, a, _ in runs)

    (s1, h1, _), (_, _, d4), (s5, h5, _) = measure(1), measure(4), measure(5)
    assert s1 == 1 and s5 == 3 and h5 > h1 and d4 == 2


def test_holds():
    line = timeline(GID, 5, 0, {"image_size": 64})
    assert line.opening_s == 0.5 and line.closing_s == 1.0
