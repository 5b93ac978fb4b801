"""G-25_rolling_platforms: rolling with drag, parabolic flights, first landing, resting place."""

import copy

import pytest

from generators import build_sample, get_spec, param_hash, validate_sample
from generators.kit import CheckFailed
from generators.kit.rng import sample_rng
from generators.review import timeline
from generators.sample import normalize
from generators.tasks import g25_rolling_platforms as rolling

GID = "G-25_rolling_platforms"
SPEC = get_spec(GID)
TASK = SPEC.task_class()


def solved(index, seed=5, **given):
    params = SPEC.resolve_params(given)
    puzzle = normalize(TASK.generate(sample_rng(seed, index), params))
    return puzzle, normalize(TASK.solve(puzzle, params)), params


def test_samples_are_valid(tmp_path):
    for index, video in ((0, True), (1, False), (2, False)):
        params = {"image_size": 128, "video": video, "platforms": 2 + index}
        result = build_sample(GID, 11, index, params, tmp_path)
        assert validate_sample(result.folder) == []


@pytest.mark.parametrize("platforms", [2, 3, 4, 5])
def test_checker_accepts_solver(platforms):
    for index in range(8):
        puzzle, answer, params = solved(index, platforms=platforms)
        TASK.check(puzzle, answer, params)


def test_flights_are_parabolas_and_rolls_decelerate():
    for index in range(10):
        puzzle, answer, _ = solved(index)
        g, a, dt = puzzle["g"], puzzle["drag"], 1 / 20
        times = [e["t"] for e in answer["events"]]
        s = answer["samples"][:-1]
        for p, q, r in zip(s, s[1:], s[2:]):
            if any(p[0] < t < r[0] for t in times):
                continue  # an event between the samples
            ax = (r[1] - 2 * q[1] + p[1]) / dt**2
            ay = (r[2] - 2 * q[2] + p[2]) / dt**2
            flying = p[2] != q[2] or q[2] != r[2]
            assert (ax, ay) == pytest.approx((0, -g) if flying else (-a, 0), abs=1e-2)


def test_checker_rejects_perturbed_trajectory():
    puzzle, answer, params = solved(3)
    bad = copy.deepcopy(answer)
    mid = len(bad["samples"]) // 2
    bad["samples"][mid][2] += 0.3  # 30 canvas units: 3% of the scene
    with pytest.raises(CheckFailed, match="off its path"):
        TASK.check(puzzle, bad, params)
    bad = copy.deepcopy(answer)
    land = next(e for e in bad["events"] if e["kind"] == "land")
    land["x"] += 0.3
    with pytest.raises(CheckFailed):
        TASK.check(puzzle, bad, params)


def test_checker_rejects_wrong_result():
    puzzle, answer, params = solved(4)
    bad = copy.deepcopy(answer)
    bad["rest_x"] += 0.3
    with pytest.raises(CheckFailed):
        TASK.check(puzzle, bad, params)
    bad = copy.deepcopy(answer)
    labels = [p["label"] for p in puzzle["platforms"]] + ["floor"]
    bad["rest_on"] = next(x for x in labels if x != answer["rest_on"])
    with pytest.raises(CheckFailed):
        TASK.check(puzzle, bad, params)


def test_checker_rejects_each_wrong_fact(monkeypatch):
    """One corrupted answer per rubric fact: landing order, resting surface, place and time,
    and a whole run simulated with the wrong gravity or the wrong rolling drag."""
    puzzle, answer, params = solved(6, platforms=4, hops=2)
    bads = {}
    bad = copy.deepcopy(answer)
    bad["landings"] = bad["landings"][::-1]
    bads["landing order"] = bad
    bads["a landing left out"] = dict(answer, landings=answer["landings"][1:])
    bads["rest time"] = dict(answer, rest_time=answer["rest_time"] + 0.2)
    bads["rest place"] = dict(answer, rest_x=answer["rest_x"] - 0.3)
    for key, factor in (("g", 0.6), ("drag", 1.3)):
        wrong = dict(puzzle, **{key: puzzle[key] * factor})
        with monkeypatch.context() as m:
            m.setattr(rolling, "G", wrong["g"])
            bads[f"run with wrong {key}"] = normalize(TASK.solve(wrong, params))
    accepted = []
    for kind, bad in bads.items():
        try:
            TASK.check(puzzle, bad, params)
            accepted.append(kind)
        except CheckFailed:
            pass
    assert answer["landings"] != answer["landings"][::-1]
    assert accepted == []


def test_level_five_is_harder_than_level_one():
    """More platforms and more landings on the way."""

    def measure(level):
        runs = [solved(i, difficulty=level) for i in range(10)]
        plats = sum(len(p["platforms"]) for p, _, _ in runs) / 10
        return plats, sum(len(a["landings"]) for _, a, _ in runs) / 10

    easy, hard = measure(1), measure(5)
    assert easy[0] == 2 and hard[0] == 5
    assert hard[1] >= easy[1] + 0.5


def test_slow_motion_is_stated_and_the_clock_is_honest():
    """Falls are played slower so they glide; the prompt says how much slower."""
    puzzle, _, params = solved(0)
    slow = rolling.slowness(puzzle)
    assert slow >= 2 and f"{slow} times slower" in TASK.prompt(puzzle, params)
    line = timeline(GID, 5, 0, {"image_size": 64})
    assert line.opening_s == 0.5 and line.closing_s == 1.0


def test_resting_places_vary():
    places = {solved(i, platforms=3)[1]["rest_on"] for i in range(30)}
    assert {"B", "C", "floor"} <= places
    hops = {len(solved(i, platforms=4)[1]["landings"]) for i in range(30)}
    assert {1, 2} <= hops
    assert "A" not in places


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
