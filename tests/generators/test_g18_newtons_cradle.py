import copy

import pytest

from generators import build_sample, get_spec, lookup, param_hash, validate_sample
from generators.kit import CheckFailed
from generators.kit.rng import sample_rng
from generators.sample import normalize

GID = "G-18_newtons_cradle"
SMALL = {"image_size": 128}


def instance(i, seed=3, **params):
    spec = get_spec(GID)
    resolved = spec.resolve_params({**SMALL, **params})
    task = spec.task_class()
    puzzle = normalize(task.generate(sample_rng(seed, i), resolved))
    return task, puzzle, normalize(task.solve(puzzle, resolved)), resolved


def test_lookup_short_name():
    assert lookup("G-newtons_cradle") == GID


@pytest.mark.parametrize("index,video", [(0, True), (1, True), (2, False), (3, False)])
def test_samples_validate(tmp_path, index, video):
    result = build_sample(GID, 5, index, {**SMALL, "video": video}, tmp_path)
    assert validate_sample(result.folder) == []


def test_checker_accepts_solver_answers():
    for i in range(20):
        task, puzzle, answer, params = instance(i, min_balls=3, max_balls=6)
        task.check(puzzle, answer, params)


def test_checker_rejects_corrupted_answers():
    task, puzzle, answer, params = instance(0)  # 3 of 5 pulled, three impacts
    n = puzzle["balls"]
    mid = len(answer["samples"]) // 3
    bad = copy.deepcopy(answer)
    bad["samples"][mid][1] += 0.1  # a ball ~4% of the frame off its arc
    with pytest.raises(CheckFailed):
        task.check(puzzle, bad, params)
    bad = copy.deepcopy(answer)  # one ball too many knocked out
    k = puzzle["pulled"]
    extra = (n - k - 1) if puzzle["side"] == "left" else k
    bad["impacts"][0]["moving_after"] = sorted({*bad["impacts"][0]["moving_after"], extra})
    with pytest.raises(CheckFailed):
        task.check(puzzle, bad, params)
    bad = copy.deepcopy(answer)  # an inelastic link in the chain
    c = bad["impacts"][0]["chain"][0]
    c["after"] = [sum(c["before"]) / 2] * 2
    with pytest.raises(CheckFailed):
        task.check(puzzle, bad, params)
    bad = copy.deepcopy(answer)  # swings out lower than released
    bad["final_angles"] = [a * 0.8 for a in bad["final_angles"]]
    bad["samples"][-1][1 : n + 1] = bad["final_angles"]
    with pytest.raises(CheckFailed):
        task.check(puzzle, bad, params)


def test_k_in_k_out_with_momentum_and_energy_passed_on():
    for i in range(30):
        _, puzzle, answer, _ = instance(i)
        n, k = puzzle["balls"], puzzle["pulled"]
        assert len(answer["swinging_out"]) == k
        for ev in answer["impacts"]:
            assert len(ev["moving_after"]) == k
            assert len(ev["chain"]) == k * (n - k)  # each incoming ball's momentum crosses the row
            for c in ev["chain"]:
                assert c["after"] == [
                    c["before"][1],
                    c["before"][0],
                ]  # equal masses swap velocities
        far = list(range(n - k, n)) if puzzle["side"] == "left" else list(range(k))
        assert answer["swinging_out"] == far


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
