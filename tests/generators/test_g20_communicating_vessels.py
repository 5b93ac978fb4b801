"""G-20_communicating_vessels: levels equalize through the pipes, volume is conserved, and a
level between two others may rise past the final level before it settles."""

import copy
import statistics

import pytest

from generators.kit import CheckFailed
from generators.review import timeline
from generators.tasks.g20_communicating_vessels import OPEN_TIME, simulate

from .conftest import VALIDATE, Gen

GEN = Gen("G-20_communicating_vessels")


@pytest.mark.parametrize("index,video,params", VALIDATE)
def test_samples_validate(tmp_path, index, video, params):
    GEN.assert_valid(tmp_path, index, video, **params)


@pytest.mark.parametrize("difficulty", [1, 2, 3, 4, 5])
def test_checker_accepts_solver_answers(difficulty):
    GEN.assert_solves(range(6), difficulty=difficulty)


def test_final_level_is_volume_over_width():
    for puzzle, answer, _ in GEN.assert_solves(range(10)):
        w, h = puzzle["widths"], puzzle["levels"]
        target = sum(a * b for a, b in zip(w, h)) / sum(w)
        assert answer["final_level"] == pytest.approx(target, abs=1e-6)
        assert min(h) < answer["final_level"] < max(h)
        last = answer["samples"][-1][1:]
        assert max(last) - min(last) < 0.06


def test_rubric_tells_each_vessels_story():
    """A level that passes the final level and turns back is told as such, never as a plain
    rise or fall (what the prompt warns about)."""
    overshoots = 0
    for i in range(30):
        puzzle, answer, p = GEN.instance(i)
        for track in answer["turns"]:
            overshoots += len(track) > 2
        rubric = GEN.task.rubric(puzzle, answer, p)
        assert rubric.count("vessel ") == len(puzzle["widths"])
    assert overshoots >= 5


def accepts(puzzle, answer, params) -> bool:
    try:
        GEN.check(puzzle, answer, params)
    except CheckFailed:
        return False
    return True


def corrupt(answer, **changes):
    bad = copy.deepcopy(answer)
    bad.update(changes)
    return bad


def test_checker_rejects_corrupted_answers():
    puzzle, answer, params = GEN.instance(3)
    mid = len(answer["samples"]) // 2
    bads = {}
    bad = copy.deepcopy(answer)
    bad["samples"][mid][1] += 1.5  # 3% of the 50 cm scale
    bads["a level jumps"] = bad
    bad = copy.deepcopy(answer)  # water moved from one vessel to another: volume kept, law broken
    w = puzzle["widths"]
    bad["samples"][mid][1] += 15 / w[0]
    bad["samples"][mid][2] -= 15 / w[1]
    bads["flow law"] = bad
    bad = copy.deepcopy(answer)
    bad["samples"][0][1] += 2
    bads["start levels"] = bad
    bads["final level"] = corrupt(answer, final_level=answer["final_level"] + 1.5)
    bads["volume"] = corrupt(answer, volume=answer["volume"] * 1.1)
    bads["stops early"] = corrupt(answer, samples=answer["samples"][:-10])
    stories = copy.deepcopy(answer["turns"])
    stories[0] = [stories[0][0], stories[0][0] + 5, stories[0][-1]]  # an invented overshoot
    bads["story"] = corrupt(answer, turns=stories)
    assert not [kind for kind, bad in bads.items() if accepts(puzzle, bad, params)]


@pytest.mark.parametrize("factor", [0.7, 1.4])
def test_checker_rejects_a_run_with_the_wrong_pipes(factor):
    """Dynamics are re-derived: the same levels reached with a wrong pipe conductance fail."""
    puzzle, answer, params = GEN.instance(5)
    times = [row[0] for row in answer["samples"]]
    states = simulate(puzzle["widths"], puzzle["levels"], puzzle["k"] * factor, times)
    bad = corrupt(answer, samples=[[t, *hs] for t, hs in zip(times, states)])
    with pytest.raises(CheckFailed):
        GEN.check(puzzle, bad, params)


def test_level_five_is_harder_than_level_one():
    def measure(level):
        vessels, turns = [], []
        for i in range(12):
            puzzle, answer, _ = GEN.instance(i, difficulty=level)
            vessels.append(len(puzzle["widths"]))
            turns.append(sum(len(t) - 2 for t in answer["turns"]))
        return statistics.mean(vessels), statistics.mean(turns)

    easy, hard = measure(1), measure(5)
    assert easy == (2, 0)  # two equal vessels: the level is the plain average
    assert hard[0] == 5 and hard[1] >= 1  # five vessels, levels that turn back on the way


def test_same_sample_twice_is_byte_identical(tmp_path):
    GEN.assert_byte_identical(tmp_path)


def test_render_params_do_not_change_the_answer():
    GEN.assert_render_params_ignored()


def test_two_hundred_distinct_puzzles():
    GEN.assert_distinct(200, seeds=(0, 9))


def test_the_video_keeps_the_times_the_prompt_states():
    """Valves turn for OPEN_TIME, the water flows for the stated time, then the closing hold."""
    for index in range(3):
        puzzle = GEN.puzzle(index, seed=5)
        line = timeline(GEN.id, 5, index, {"image_size": 64})
        fps = line.fps
        assert f"equal {puzzle['flow_time']:g} s after" in GEN.task.prompt(puzzle, {})
        moving = line.total - line.holds[0] - line.holds[-1]
        assert moving == round(OPEN_TIME * fps) + round(puzzle["flow_time"] * fps) - 1
        assert line.opening_s == 0.5 and line.closing_s == 1.0
