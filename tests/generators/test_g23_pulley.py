"""G-23_pulley: a = g (m1 - m2) / (m1 + m2), rope length kept, released from rest."""

import copy

import pytest

from generators import build_sample, get_spec, param_hash, validate_sample
from generators.kit import CheckFailed
from generators.kit.rng import sample_rng
from generators.review import timeline
from generators.sample import normalize
from generators.tasks.g23_pulley import PLACES, S, acceleration

GID = "G-23_pulley"
SPEC = get_spec(GID)
TASK = SPEC.task_class()


def solved(index, seed=5, **given):
    params = SPEC.resolve_params(given)
    puzzle = normalize(TASK.generate(sample_rng(seed, index), params))
    return puzzle, normalize(TASK.solve(puzzle, params)), params


def test_samples_are_valid(tmp_path):
    for index, video, setup in ((0, True, "atwood"), (1, False, "table"), (2, True, "any")):
        params = {"image_size": 128, "video": video, "setup": setup}
        result = build_sample(GID, 11, index, params, tmp_path)
        assert validate_sample(result.folder) == []


@pytest.mark.parametrize("setup", ["atwood", "table", "any"])
def test_checker_accepts_solver(setup):
    for index in range(8):
        puzzle, answer, params = solved(index, setup=setup)
        TASK.check(puzzle, answer, params)


def test_acceleration_formula():
    for index in range(20):
        puzzle, answer, _ = solved(index, setup="atwood")
        m1, m2 = puzzle["m_red"], puzzle["m_blue"]
        assert answer["acceleration"] == pytest.approx(
            puzzle["g"] * abs(m1 - m2) / (m1 + m2), abs=1e-6
        )
        assert answer["descending"] == ("red" if m1 > m2 else "blue")
        puzzle, answer, _ = solved(index, setup="table")
        m1, m2 = puzzle["m_red"], puzzle["m_blue"]
        assert answer["acceleration"] == pytest.approx(puzzle["g"] * m2 / (m1 + m2), abs=1e-6)
        assert answer["descending"] == "blue"


def test_checker_rejects_perturbed_trajectory():
    puzzle, answer, params = solved(3, setup="atwood")
    bad = copy.deepcopy(answer)
    mid = len(bad["samples"]) // 2
    bad["samples"][mid][2] += 0.1  # 0.1 m = 20 canvas units: the rope stretches
    with pytest.raises(CheckFailed, match="rope"):
        TASK.check(puzzle, bad, params)
    bad["samples"][mid][1] -= 0.1  # rope kept, but the motion jerks
    with pytest.raises(CheckFailed, match="acceleration"):
        TASK.check(puzzle, bad, params)


def test_checker_rejects_wrong_result():
    puzzle, answer, params = solved(4, setup="atwood")
    bad = copy.deepcopy(answer)
    bad["acceleration"] *= 1.05
    with pytest.raises(CheckFailed):
        TASK.check(puzzle, bad, params)
    bad = copy.deepcopy(answer)
    bad["descending"] = "red" if answer["descending"] == "blue" else "blue"
    with pytest.raises(CheckFailed):
        TASK.check(puzzle, bad, params)
    bad = copy.deepcopy(answer)
    bad["time"] += 0.1
    with pytest.raises(CheckFailed):
        TASK.check(puzzle, bad, params)


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


def simulated(puzzle, a_blue):
    """Samples of a run with blue accelerating downwards at a_blue, to the same floor."""
    first = puzzle["h_red"] if puzzle["setup"] == "atwood" else puzzle["x_red"]
    fall = puzzle["h_blue"] if a_blue > 0 else puzzle["h_red"]
    t_end = (2 * fall / abs(a_blue)) ** 0.5
    times = [i / 20 for i in range(int(t_end * 20) + (t_end * 20 % 1 > 0))] + [t_end]
    samples = [
        [t, first + a_blue * t * t / 2, puzzle["h_blue"] - a_blue * t * t / 2] for t in times
    ]
    return t_end, samples


@pytest.mark.parametrize("setup", ["atwood", "table"])
@pytest.mark.parametrize("wrong", ["g", "mass"])
def test_checker_rejects_a_run_with_wrong_physics(setup, wrong):
    """Dynamics re-derived: a consistent run simulated with the wrong g or a wrong mass fails,
    even when its stated acceleration, time and tension agree with that wrong run."""
    puzzle, answer, params = solved(2, setup=setup)
    g, m_red, m_blue = puzzle["g"], puzzle["m_red"], puzzle["m_blue"]
    if wrong == "g":
        g = next(v for v in PLACES.values() if v != g)
    else:
        m_red += 1
    a_blue = acceleration(setup, m_red, m_blue, g)
    t_end, samples = simulated(puzzle, a_blue)
    a = abs(a_blue)
    tension = (m_blue if a_blue > 0 else m_red) * (g - a) if setup == "atwood" else m_red * a
    bad = dict(answer, acceleration=a, time=t_end, tension=tension, samples=samples)
    with pytest.raises(CheckFailed):
        TASK.check(puzzle, bad, params)


def test_level_five_is_harder_than_level_one():
    """Level 1: blocks of very different mass on the Moon (plain direction, slow motion);
    level 5: masses 1 kg apart anywhere, so the direction and the small acceleration must be
    worked out from the labels."""

    def spread(level):
        out = []
        for i in range(20):
            p = solved(i, difficulty=level)[0]
            out.append(abs(p["m_red"] - p["m_blue"]) / (p["m_red"] + p["m_blue"]))
        return sum(out) / len(out)

    assert spread(1) > 0.3 > 0.15 > spread(5)


def test_motion_glides_in_real_time():
    """The falling block never moves more than 25 canvas units a frame at 16 fps."""
    for index in range(40):
        _, answer, _ = solved(index)
        assert answer["acceleration"] * answer["time"] * S <= 400 + 1e-6
    line = timeline(GID, 5, 0, {"image_size": 64})
    assert line.opening_s == 0.5 and line.closing_s == 1.0
