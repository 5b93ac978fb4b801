"""Object permanence: the screen hides every object once; the answer is the unchanged set."""

from __future__ import annotations

import copy

import pytest

from generators.kit import CheckFailed
from generators.review import max_jump, timeline
from generators.tasks.o42_object_permanence import hidden_on_segment

from .conftest import Gen

GEN = Gen("O-42_object_permanence", seed=9)
TASK = GEN.task


def solved(index, **kw):
    return GEN.instance(index, **kw)


@pytest.mark.parametrize(("index", "video", "n"), [(3, True, 6), (1, False, 1), (2, False, 5)])
def test_samples_validate(tmp_path, index, video, n):
    GEN.assert_valid(tmp_path, index, video, seed=3, objects=n)


def test_checker_accepts_solver_answers():
    modes = set()
    for i in range(20):
        puzzle, answer, p = solved(i, objects=1 + i % 6)
        TASK.check(puzzle, answer, p)
        assert answer["objects"] == puzzle["objects"]
        assert answer["count"] == 1 + i % 6
        modes.add(puzzle["mode"])
    assert modes == {"sweep", "drop"}


def test_checker_rejects_changed_objects():
    puzzle, answer, p = solved(4)
    moved = copy.deepcopy(answer)
    moved["objects"][0]["x"] += 30
    with pytest.raises(CheckFailed, match="moved"):
        TASK.check(puzzle, moved, p)
    recoloured = copy.deepcopy(answer)
    recoloured["objects"][1]["color"] = "gray"
    with pytest.raises(CheckFailed):
        TASK.check(puzzle, recoloured, p)
    lost = {**answer, "objects": answer["objects"][1:], "count": answer["count"] - 1}
    with pytest.raises(CheckFailed, match="count"):
        TASK.check(puzzle, lost, p)


def test_checker_rejects_a_screen_that_hides_nothing():
    puzzle, answer, p = solved(4)
    still = copy.deepcopy(puzzle)
    still["screen_path"] = [puzzle["screen_path"][0]] * 2
    with pytest.raises(CheckFailed, match="never hidden"):
        TASK.check(still, answer, p)


def test_checker_rejects_a_screen_back_where_it_started():
    puzzle, answer, p = next(s for s in (solved(i) for i in range(20)) if s[0]["mode"] == "drop")
    back = copy.deepcopy(puzzle)
    back["screen_path"][-1] = back["screen_path"][0]
    with pytest.raises(CheckFailed, match="started"):
        TASK.check(back, answer, p)


def test_checker_rejects_wrong_names():
    puzzle, answer, p = solved(4)
    renamed = copy.deepcopy(answer)
    renamed["names"] = renamed["names"][::-1]
    with pytest.raises(CheckFailed, match="names"):
        TASK.check(puzzle, renamed, p)


def test_final_frame_differs_from_the_first_in_both_modes():
    for i in range(6):
        line = timeline(GEN.id, 7, i, {"image_size": 64})
        assert line.frames[0].tobytes() != line.frames[-1].tobytes()


def test_the_screen_glides():
    for i in range(2):  # one sweep and one drop at this seed
        assert max_jump(timeline(GEN.id, 5, i, {"image_size": 128}))[0] <= 0.03


def test_level_5_has_more_objects_than_level_1():
    assert len(GEN.puzzle(0, difficulty=1)["objects"]) * 3 == len(
        GEN.puzzle(0, difficulty=5)["objects"]
    )


def test_hidden_on_segment():
    obj = {"x": 500, "y": 500, "r": 50}
    assert hidden_on_segment([0, 400, 200, 600], [800, 400, 1000, 600], obj)
    assert not hidden_on_segment([0, 400, 80, 600], [900, 400, 980, 600], obj)  # too narrow
    assert not hidden_on_segment([0, 400, 200, 600], [300, 400, 500, 600], obj)  # stops short
    assert hidden_on_segment([400, 0, 600, 200], [400, 420, 600, 620], obj)


def test_byte_identical(tmp_path):
    GEN.assert_byte_identical(tmp_path, seed=11, index=5)


def test_distinct_instances_at_several_seeds():
    GEN.assert_distinct(seeds=(0, 1, 2024, 2**40 + 3))
    GEN.assert_distinct(seeds=(5, 6), objects=1)  # a single object
