import copy
import math

import pytest

from generators import build_sample, get_spec, lookup, param_hash, validate_sample
from generators.kit import CheckFailed
from generators.kit.rng import sample_rng
from generators.sample import normalize

GID = "G-15_orbit"
SMALL = {"image_size": 128}


def instance(i, seed=3, **params):
    spec = get_spec(GID)
    resolved = spec.resolve_params({**SMALL, **params})
    task = spec.task_class()
    puzzle = normalize(task.generate(sample_rng(seed, i), resolved))
    return task, puzzle, normalize(task.solve(puzzle, resolved)), resolved


def test_lookup_short_name():
    assert lookup("G-orbit") == GID


@pytest.mark.parametrize("index,video", [(0, True), (1, True), (2, False), (3, False)])
def test_samples_validate(tmp_path, index, video):
    result = build_sample(GID, 5, index, {**SMALL, "video": video}, tmp_path)
    assert validate_sample(result.folder) == []


def test_checker_accepts_solver_answers():
    for i in range(20):
        task, puzzle, answer, params = instance(i, max_eccentricity=0.7)
        task.check(puzzle, answer, params)


def test_checker_rejects_corrupted_answers():
    task, puzzle, answer, params = instance(4)
    mid = len(answer["samples"]) // 2
    for k in (1, 3):  # a position off by 0.1 AU (~3% of the scene), or a velocity kick
        bad = copy.deepcopy(answer)
        bad["samples"][mid][k] += 0.1
        with pytest.raises(CheckFailed):
            task.check(puzzle, bad, params)
    bad = copy.deepcopy(answer)
    bad["period"] *= 1.02
    with pytest.raises(CheckFailed):
        task.check(puzzle, bad, params)
    bad = copy.deepcopy(answer)
    bad["perihelion"] = bad["semi_major_axis"]  # a circle of the right size
    with pytest.raises(CheckFailed):
        task.check(puzzle, bad, params)
    bad = copy.deepcopy(answer)  # the same ellipse run backwards
    bad["direction"] = (
        "clockwise" if answer["direction"] == "counter-clockwise" else "counter-clockwise"
    )
    with pytest.raises(CheckFailed):
        task.check(puzzle, bad, params)


def leapfrog(puzzle, t_end, steps=40000):
    mu = 4 * math.pi**2 * puzzle["star_mass"]
    (x, y), (vx, vy) = puzzle["position"], puzzle["velocity"]
    h = t_end / steps

    def acc(x, y):
        r3 = math.hypot(x, y) ** 3
        return -mu * x / r3, -mu * y / r3

    ax, ay = acc(x, y)
    for _ in range(steps):
        vx += h / 2 * ax
        vy += h / 2 * ay
        x += h * vx
        y += h * vy
        ax, ay = acc(x, y)
        vx += h / 2 * ax
        vy += h / 2 * ay
    return x, y


def test_kepler_solution_matches_a_numerical_integration():
    for i in range(4):
        _, puzzle, answer, _ = instance(i)
        row = answer["samples"][80]  # a third of the way round
        x, y = leapfrog(puzzle, row[0])
        assert math.dist((x, y), row[1:3]) < 1e-4


def test_keplers_third_law_and_bounds():
    for i in range(20):
        _, puzzle, answer, _ = instance(i)
        a = answer["semi_major_axis"]
        assert answer["period"] ** 2 == pytest.approx(a**3 / puzzle["star_mass"], rel=1e-5)
        assert 0.15 <= answer["eccentricity"] <= 0.6
        radii = [math.hypot(r[1], r[2]) for r in answer["samples"]]
        assert min(radii) == pytest.approx(answer["perihelion"], abs=0.02)
        assert max(radii) == pytest.approx(answer["aphelion"], abs=0.02)


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
