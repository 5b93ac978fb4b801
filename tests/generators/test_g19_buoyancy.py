import copy

import pytest

from generators import build_sample, get_spec, lookup, param_hash, validate_sample
from generators.kit import CheckFailed
from generators.kit.rng import sample_rng
from generators.sample import normalize

GID = "G-19_buoyancy"
SMALL = {"image_size": 128}


def instance(i, seed=3, **params):
    spec = get_spec(GID)
    resolved = spec.resolve_params({**SMALL, **params})
    task = spec.task_class()
    puzzle = normalize(task.generate(sample_rng(seed, i), resolved))
    return task, puzzle, normalize(task.solve(puzzle, resolved)), resolved


def test_lookup_short_name():
    assert lookup("G-buoyancy") == GID


@pytest.mark.parametrize("index,video", [(0, True), (1, True), (2, False), (3, False)])
def test_samples_validate(tmp_path, index, video):
    result = build_sample(GID, 5, index, {**SMALL, "video": video}, tmp_path)
    assert validate_sample(result.folder) == []


def test_checker_accepts_solver_answers():
    for i in range(20):
        task, puzzle, answer, params = instance(i, min_blocks=1, max_blocks=4)
        task.check(puzzle, answer, params)


def first(answer, floats):
    return next(j for j, b in enumerate(answer["blocks"]) if b["floats"] == floats)


def test_checker_rejects_corrupted_answers():
    i = next(
        i for i in range(50) if {b["floats"] for b in instance(i)[2]["blocks"]} == {True, False}
    )
    task, puzzle, answer, params = instance(i)
    bad = copy.deepcopy(answer)
    mid = len(bad["blocks"][0]["samples"]) // 3
    bad["blocks"][0]["samples"][mid][0] += 0.1  # 10 cm: about 3% of the scene
    with pytest.raises(CheckFailed):
        task.check(puzzle, bad, params)
    f = first(answer, True)
    bad = copy.deepcopy(answer)  # the classic slip: the fraction above water, not below
    bad["blocks"][f]["submerged_fraction"] = 1 - puzzle["blocks"][f]["density"]
    with pytest.raises(CheckFailed):
        task.check(puzzle, bad, params)
    bad = copy.deepcopy(answer)  # floating at the wrong depth at the end
    for row in bad["blocks"][f]["samples"][-10:]:
        row[0] += 0.05
    bad["blocks"][f]["final_bottom"] += 0.05
    with pytest.raises(CheckFailed):
        task.check(puzzle, bad, params)
    sink = first(answer, False)
    bad = copy.deepcopy(answer)
    bad["blocks"][sink]["floats"] = True
    with pytest.raises(CheckFailed):
        task.check(puzzle, bad, params)


def test_equilibrium_depths():
    for i in range(15):
        _, puzzle, answer, _ = instance(i)
        for b, a in zip(puzzle["blocks"], answer["blocks"]):
            if b["density"] < 1:
                assert a["floats"]
                under = -a["final_bottom"] / b["height"]
                assert under == pytest.approx(b["density"], abs=0.005)  # Archimedes
                assert min(y for y, _ in a["samples"]) > -puzzle["depth"]
            else:
                assert not a["floats"] and a["final_bottom"] == -puzzle["depth"]


def test_same_sample_is_byte_identical(tmp_path):
    a = build_sample(GID, 9, 7, SMALL, tmp_path / "a")
    b = build_sample(GID, 9, 7, SMALL, tmp_path / "b")
    for name in a.files:
        assert (a.folder / name).read_bytes() == (b.folder / name).read_bytes(), name


def test_answer_does_not_depend_on_render_params():
    assert instance(2, fps=30, video_scale=2.0)[2] == instance(2)[2]


def test_200_distinct_instances():
    spec = get_spec(GID)
    task, params = spec.task_class(), spec.resolve_params(SMALL)
    hashes = {
        param_hash(GID, normalize(task.generate(sample_rng(0, i), params))) for i in range(200)
    }
    assert len(hashes) == 200
