import copy
import math

import pytest

from generators import lookup
from generators.kit import CheckFailed
from generators.kit.physics import MOST_PER_FRAME, PLAYBACK_FPS
from generators.tasks import g15_orbit as orbit

from .conftest import VALIDATE, Gen

GEN = Gen("G-15_orbit")


def test_lookup_short_name():
    assert lookup("G-orbit") == GEN.id


@pytest.mark.parametrize("index,video,params", VALIDATE)
def test_samples_validate(tmp_path, index, video, params):
    GEN.assert_valid(tmp_path, index, video, **params)


def test_checker_accepts_solver_answers():
    GEN.assert_solves(max_eccentricity=0.7)
    GEN.assert_solves(range(10), difficulty=5)


def test_checker_rejects_corrupted_answers():
    puzzle, answer, params = GEN.instance(4)
    mid = len(answer["samples"]) // 2
    for k in (1, 3):  # a position off by 0.1 AU (~3% of the scene), or a velocity kick
        bad = copy.deepcopy(answer)
        bad["samples"][mid][k] += 0.1
        with pytest.raises(CheckFailed):
            GEN.check(puzzle, bad, params)
    bad = copy.deepcopy(answer)
    bad["period"] *= 1.02
    with pytest.raises(CheckFailed):
        GEN.check(puzzle, bad, params)
    bad = copy.deepcopy(answer)
    bad["perihelion"] = bad["semi_major_axis"]  # a circle of the right size
    with pytest.raises(CheckFailed):
        GEN.check(puzzle, bad, params)
    bad = copy.deepcopy(answer)  # the same ellipse run backwards
    bad["direction"] = (
        "clockwise" if answer["direction"] == "counter-clockwise" else "counter-clockwise"
    )
    with pytest.raises(CheckFailed):
        GEN.check(puzzle, bad, params)


def test_checker_rejects_each_kind_of_wrong_fact():
    """Rubric facts: start (1), direction (2), closest, farthest, eccentricity (3), the
    motion (4), the period (5, 6); and a whole orbit solved around a heavier star."""
    for index in range(4):
        puzzle, answer, params = GEN.instance(index)
        other = "clockwise" if answer["direction"] == "counter-clockwise" else "counter-clockwise"
        wrong = [("direction", other), ("aphelion", answer["aphelion"] * 1.03),
                 ("eccentricity", answer["eccentricity"] + 0.02),
                 ("semi_major_axis", answer["semi_major_axis"] * 1.02),
                 ("period", answer["period"] * 1.02),
                 ("samples", [[0.0, puzzle["position"][0] + 0.05, *answer["samples"][0][2:]],
                              *answer["samples"][1:]])]  # fmt: skip
        for key, value in wrong:
            with pytest.raises(CheckFailed):
                GEN.check(puzzle, {**answer, key: value}, params)
        heavier = {**puzzle, "star_mass": puzzle["star_mass"] * 1.1}
        with pytest.raises(CheckFailed):
            GEN.check(puzzle, GEN.solve(heavier, params), params)


def test_grid_depends_only_on_the_first_frame():
    """The grid's reach comes from where the planet starts, never from its orbit."""
    for i in range(30):
        puzzle, answer, _ = GEN.instance(i)
        half = orbit.grid_half(puzzle)
        assert half == orbit.grid_half({**puzzle, "velocity": [0.1, 0.0], "star_mass": 2.0})
        assert answer["aphelion"] <= 1.25 * half


def test_motion_glides_and_the_clock_runs_at_the_stated_pace():
    for i in range(30):
        puzzle, answer, params = GEN.instance(i, difficulty=i % 5 + 1)
        k = orbit.slowness(puzzle)
        fastest = max(math.hypot(r[3], r[4]) for r in answer["samples"])
        assert fastest * orbit.orbit_view(puzzle).s / (PLAYBACK_FPS * k) <= MOST_PER_FRAME
        assert answer["period"] * k <= orbit.LONGEST_VIDEO
        assert f"one year every {k} second" in GEN.task.prompt(puzzle, params)


def test_level_5_orbits_are_more_eccentric_than_level_1():
    def ecc(level):
        return [GEN.instance(i, difficulty=level)[1]["eccentricity"] for i in range(10)]

    assert max(ecc(1)) <= 0.25 and min(ecc(5)) >= 0.55


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
        puzzle, answer, _ = GEN.instance(i)
        row = answer["samples"][80]  # a third of the way round
        x, y = leapfrog(puzzle, row[0])
        assert math.dist((x, y), row[1:3]) < 1e-4


def test_keplers_third_law_and_bounds():
    for i in range(20):
        puzzle, answer, _ = GEN.instance(i)
        a = answer["semi_major_axis"]
        assert answer["period"] ** 2 == pytest.approx(a**3 / puzzle["star_mass"], rel=1e-5)
        assert 0.15 <= answer["eccentricity"] <= 0.6
        radii = [math.hypot(r[1], r[2]) for r in answer["samples"]]
        assert min(radii) == pytest.approx(answer["perihelion"], abs=0.02)
        assert max(radii) == pytest.approx(answer["aphelion"], abs=0.02)


def test_same_sample_is_byte_identical(tmp_path):
    GEN.assert_byte_identical(tmp_path)


def test_answer_does_not_depend_on_render_params():
    GEN.assert_render_params_ignored()


def test_200_distinct_instances():
    GEN.assert_distinct()
