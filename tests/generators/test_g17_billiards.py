import copy
import math

import pytest

from generators import build_sample, get_spec, lookup, param_hash, validate_sample
from generators.kit import CheckFailed
from generators.kit.rng import sample_rng
from generators.sample import normalize

GID = "G-17_billiards"
SMALL = {"image_size": 128}


def instance(i, seed=3, **params):
    spec = get_spec(GID)
    resolved = spec.resolve_params({**SMALL, **params})
    task = spec.task_class()
    puzzle = normalize(task.generate(sample_rng(seed, i), resolved))
    return task, puzzle, normalize(task.solve(puzzle, resolved)), resolved


def test_lookup_short_name():
    assert lookup("G-billiards") == GID


@pytest.mark.parametrize("index,video", [(0, True), (1, True), (2, False), (3, False)])
def test_samples_validate(tmp_path, index, video):
    result = build_sample(GID, 5, index, {**SMALL, "video": video}, tmp_path)
    assert validate_sample(result.folder) == []


def test_checker_accepts_solver_answers():
    for i in range(20):
        task, puzzle, answer, params = instance(i, min_cushions=1, max_cushions=5)
        task.check(puzzle, answer, params)
        assert 1 <= answer["count"] <= 5


def test_checker_rejects_corrupted_answers():
    task, puzzle, answer, params = instance(4, min_cushions=2, max_cushions=3)
    mid = len(answer["samples"]) // 2
    bad = copy.deepcopy(answer)
    bad["samples"][mid][1] += 0.06  # 6 cm: about 3% of the table
    with pytest.raises(CheckFailed):
        task.check(puzzle, bad, params)
    bad = copy.deepcopy(answer)  # a rebound moved along its cushion breaks the reflection law
    v = bad["vertices"][1]
    if answer["cushions"][0] in ("left", "right"):
        v[1] += 0.05
    else:
        v[0] += 0.05
    with pytest.raises(CheckFailed):
        task.check(puzzle, bad, params)
    bad = copy.deepcopy(answer)  # the wrong pocket named
    bad["pocket"] = next(p for p in ("top-left", "bottom-right") if p != answer["pocket"])
    with pytest.raises(CheckFailed):
        task.check(puzzle, bad, params)
    bad = copy.deepcopy(answer)  # a cushion left out
    del bad["vertices"][1], bad["cushions"][0]
    bad["count"] -= 1
    with pytest.raises(CheckFailed):
        task.check(puzzle, bad, params)


def test_cushion_count_and_unique_first_pocket():
    from generators.tasks.g17_billiards import POCKETS, trace

    for i in range(20):
        _, puzzle, answer, _ = instance(i, min_cushions=2, max_cushions=2)
        assert answer["count"] == 2
        # the ball really is captured by the named pocket and no other pocket lies near the path
        path = trace(puzzle["start"], puzzle["direction"])
        assert path["pocket"] == answer["pocket"]
        end = answer["vertices"][-1]
        assert math.dist(end, POCKETS[answer["pocket"]]) < 1e-3


def test_same_sample_is_byte_identical(tmp_path):
    a = build_sample(GID, 9, 7, SMALL, tmp_path / "a")
    b = build_sample(GID, 9, 7, SMALL, tmp_path / "b")
    for name in a.files:
        assert (a.folder / name).read_bytes() == (b.folder / name).read_bytes(), name


def test_answer_does_not_depend_on_render_params():
    assert instance(2, fps=30, video_scale=2.0)[2] == instance(2)[2]


def test_200_distinct_instances():
    for seed in (0, 7):
        hashes = {param_hash(GID, instance(i, seed=seed)[1]) for i in range(200)}
        assert len(hashes) == 200
