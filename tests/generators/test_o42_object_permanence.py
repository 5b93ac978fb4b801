"""Object permanence: the screen hides every object once; the answer is the unchanged set."""

from __future__ import annotations

import copy

import pytest

from generators import build_sample, param_hash, validate_sample
from generators.kit import CheckFailed
from generators.kit.rng import sample_rng
from generators.sample import normalize
from generators.tasks.o42_object_permanence import ObjectPermanence, hidden_on_segment

GID = "O-42_object_permanence"
TASK = ObjectPermanence()


def params(**kw):
    return TASK.spec.resolve_params(kw)


def solved(index, **kw):
    p = params(**kw)
    puzzle = normalize(TASK.generate(sample_rng(9, index), p))
    return puzzle, normalize(TASK.solve(puzzle, p)), p


@pytest.mark.parametrize(("index", "video", "n"), [(0, True, 4), (3, True, 6), (1, False, 1),
                                                    (2, False, 5)])  # fmt: skip
def test_samples_validate(tmp_path, index, video, n):
    res = build_sample(GID, 3, index, {"image_size": 128, "video": video, "objects": n}, tmp_path)
    assert validate_sample(res.folder) == []


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


def test_hidden_on_segment():
    obj = {"x": 500, "y": 500, "r": 50}
    assert hidden_on_segment([0, 400, 200, 600], [800, 400, 1000, 600], obj)
    assert not hidden_on_segment([0, 400, 80, 600], [900, 400, 980, 600], obj)  # too narrow
    assert not hidden_on_segment([0, 400, 200, 600], [300, 400, 500, 600], obj)  # stops short
    assert hidden_on_segment([400, 0, 600, 200], [400, 420, 600, 620], obj)


def test_byte_identical(tmp_path):
    a = build_sample(GID, 11, 5, {"image_size": 128}, tmp_path / "a")
    b = build_sample(GID, 11, 5, {"image_size": 128}, tmp_path / "b")
    for name in a.files:
        assert (a.folder / name).read_bytes() == (b.folder / name).read_bytes(), name


def test_distinct_instances():
    p = params()
    hashes = {param_hash(GID, normalize(TASK.generate(sample_rng(0, i), p))) for i in range(200)}
    assert len(hashes) == 200
