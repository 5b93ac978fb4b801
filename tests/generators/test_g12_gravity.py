import copy

import pytest

from generators import build_sample, get_spec, lookup, param_hash, validate_sample
from generators.kit import CheckFailed
from generators.kit.rng import sample_rng
from generators.sample import normalize

GID = "G-12_gravity"
SMALL = {"image_size": 128}


def instance(i, seed=3, **params):
    spec = get_spec(GID)
    resolved = spec.resolve_params({**SMALL, **params})
    task = spec.task_class()
    puzzle = normalize(task.generate(sample_rng(seed, i), resolved))
    return task, puzzle, normalize(task.solve(puzzle, resolved)), resolved


def test_lookup_short_name():
    assert lookup("G-gravity") == GID


@pytest.mark.parametrize("index,video", [(0, True), (1, True), (2, False), (3, False)])
def test_samples_validate(tmp_path, index, video):
    result = build_sample(GID, 5, index, {**SMALL, "video": video}, tmp_path)
    assert validate_sample(result.folder) == []


def test_checker_accepts_solver_answers():
    for i in range(20):
        task, puzzle, answer, params = instance(i, min_boxes=2, max_boxes=6)
        task.check(puzzle, answer, params)


def falling_moment(answer, box):
    fate = answer["boxes"][box]
    return round((fate["release"] + fate["land"]) / 2 * 50)


def test_checker_rejects_corrupted_answers():
    task, puzzle, answer, params = instance(4)
    k = falling_moment(answer, 0)
    bad = copy.deepcopy(answer)
    bad["samples"][k][1] += 0.3  # a few percent of the 8 m scene, mid-fall
    with pytest.raises(CheckFailed):
        task.check(puzzle, bad, params)
    stacked = next(j for j, f in enumerate(answer["boxes"]) if f["on"])
    bad = copy.deepcopy(answer)  # the stacked box rests on the ground instead (overlaps)
    bad["boxes"][stacked]["rest"] = 0.0
    with pytest.raises(CheckFailed):
        task.check(puzzle, bad, params)
    bad = copy.deepcopy(answer)  # released in the wrong order
    bad["boxes"][0]["release"], bad["boxes"][1]["release"] = (
        bad["boxes"][1]["release"],
        bad["boxes"][0]["release"],
    )
    with pytest.raises(CheckFailed):
        task.check(puzzle, bad, params)


def test_every_instance_stacks_and_nothing_floats():
    for i in range(30):
        _, puzzle, answer, _ = instance(i)
        fates = answer["boxes"]
        assert any(f["on"] for f in fates)
        for f in fates:
            if not f["on"]:
                assert f["rest"] == 0.0
            for j in f["on"]:
                top = fates[j]["rest"] + puzzle["boxes"][j]["height"]
                assert top == pytest.approx(f["rest"], abs=1e-6)
                assert fates[j]["land"] < f["land"]
        assert answer["duration"] <= 4.0


def test_same_sample_is_byte_identical(tmp_path):
    a = build_sample(GID, 9, 7, SMALL, tmp_path / "a")
    b = build_sample(GID, 9, 7, SMALL, tmp_path / "b")
    for name in a.files:
        assert (a.folder / name).read_bytes() == (b.folder / name).read_bytes(), name


def test_answer_does_not_depend_on_render_params():
    assert instance(2, fps=30, video_scale=2.0)[2] == instance(2)[2]


def test_200_distinct_instances():
    hashes = {param_hash(GID, instance(i, seed=0)[1]) for i in range(200)}
    assert len(hashes) == 200
