"""G-26_bounce_to_target: two parabolas joined by a bounce with restitution e; one target hit."""

import copy

import pytest

from generators import build_sample, get_spec, param_hash, validate_sample
from generators.kit import CheckFailed
from generators.kit.rng import sample_rng
from generators.review import timeline
from generators.sample import normalize
from generators.tasks import g26_bounce_to_target as bounce

GID = "G-26_bounce_to_target"
SPEC = get_spec(GID)
TASK = SPEC.task_class()


def solved(index, seed=5, **given):
    params = SPEC.resolve_params(given)
    puzzle = normalize(TASK.generate(sample_rng(seed, index), params))
    return puzzle, normalize(TASK.solve(puzzle, params)), params


def test_samples_are_valid(tmp_path):
    for index, video in ((0, True), (1, False), (2, False)):
        params = {"image_size": 128, "video": video, "targets": 2 + index}
        result = build_sample(GID, 11, index, params, tmp_path)
        assert validate_sample(result.folder) == []


@pytest.mark.parametrize("targets", [2, 3, 4, 5])
def test_checker_accepts_solver(targets):
    for index in range(7):
        puzzle, answer, params = solved(index, targets=targets)
        TASK.check(puzzle, answer, params)


def test_bounce_law_and_single_hit():
    for index in range(10):
        puzzle, answer, _ = solved(index)
        b = answer["bounce"]
        assert b["vy_out"] == pytest.approx(-puzzle["restitution"] * b["vy_in"], abs=1e-5)
        assert answer["hit_time"] > b["t"]
        # exactly one target touches the path before the end of the second arc
        reach = bounce.R + bounce.TARGET_R
        touched = {
            t["colour"]
            for t in puzzle["targets"]
            for _, x, y in answer["samples"]
            if ((x - t["x"]) ** 2 + (y - t["y"]) ** 2) ** 0.5 <= reach + 1e-4
        }
        assert touched == {answer["hit"]}


def test_checker_rejects_perturbed_trajectory():
    puzzle, answer, params = solved(3)
    bad = copy.deepcopy(answer)
    mid = len(bad["samples"]) // 2
    bad["samples"][mid][2] += 0.3  # 0.3 m: a few percent of the scene
    with pytest.raises(CheckFailed):
        TASK.check(puzzle, bad, params)
    bad = copy.deepcopy(answer)
    bad["bounce"]["vy_out"] *= 1.2  # a bounce that ignores the restitution
    with pytest.raises(CheckFailed, match="restitution"):
        TASK.check(puzzle, bad, params)


def test_checker_rejects_wrong_result():
    puzzle, answer, params = solved(4)
    bad = copy.deepcopy(answer)
    bad["hit"] = next(t["colour"] for t in puzzle["targets"] if t["colour"] != answer["hit"])
    with pytest.raises(CheckFailed):
        TASK.check(puzzle, bad, params)
    bad = copy.deepcopy(answer)
    bad["hit_point"][0] += 0.3
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


def test_checker_rejects_runs_with_wrong_physics(monkeypatch):
    """Dynamics re-derived: the same launch flown with a wrong restitution or a wrong g
    (bounce, hit and samples all consistent with that wrong run) is rejected."""
    puzzle, _, params = solved(5)
    bad = normalize(TASK.solve(dict(puzzle, restitution=puzzle["restitution"] + 0.1), params))
    with pytest.raises(CheckFailed):
        TASK.check(puzzle, bad, params)
    with monkeypatch.context() as m:
        m.setattr(bounce, "G", bounce.G * 0.8)
        bad = normalize(TASK.solve(puzzle, params))
    with pytest.raises(CheckFailed):
        TASK.check(puzzle, bad, params)


def test_the_prompt_states_radius_and_centre_height():
    puzzle, _, params = solved(1)
    text = TASK.prompt(puzzle, params)
    assert f"radius {bounce.R:g} m" in text
    assert f"its centre {puzzle['launch_height']:g} m above the floor" in text


def test_ball_is_legible_and_motion_glides():
    """The ball is at least 20 canvas units across; slow motion keeps it under 3% a frame."""
    for index in range(8):
        puzzle, answer, _ = solved(index)
        view = bounce.View(puzzle)
        assert 2 * bounce.R * view.s >= 40
        vx = bounce.launch_velocity(puzzle)[0]
        top = view.s * (vx**2 + answer["bounce"]["vy_in"] ** 2) ** 0.5
        assert top / bounce.slowness(puzzle) / 16 <= 30
    line = timeline(GID, 5, 0, {"image_size": 64})
    assert line.opening_s == 0.5 and line.closing_s == 1.0


def test_level_five_is_harder_than_level_one():
    """More targets, and the missed ones closer to the ball's path."""

    def measure(level):
        runs = [solved(i, difficulty=level) for i in range(6)]
        return sum(len(p["targets"]) for p, _, _ in runs) / 6, runs[0][2]["margin"]

    (easy, easy_margin), (hard, hard_margin) = measure(1), measure(5)
    assert easy == 2 and hard == 5 and hard_margin < easy_margin
