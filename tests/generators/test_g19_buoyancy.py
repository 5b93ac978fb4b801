import copy

import pytest

from generators import lookup
from generators.kit import CheckFailed
from generators.kit.physics import MOST_PER_FRAME, PLAYBACK_FPS
from generators.tasks import g19_buoyancy as buoyancy

from .conftest import VALIDATE, Gen

GEN = Gen("G-19_buoyancy")


def test_lookup_short_name():
    assert lookup("G-buoyancy") == GEN.id


@pytest.mark.parametrize("index,video,params", VALIDATE)
def test_samples_validate(tmp_path, index, video, params):
    GEN.assert_valid(tmp_path, index, video, **params)


def test_checker_accepts_solver_answers():
    GEN.assert_solves(min_blocks=1, max_blocks=4)


def first(answer, floats):
    return next(j for j, b in enumerate(answer["blocks"]) if b["floats"] == floats)


def test_checker_rejects_corrupted_answers():
    i = next(
        i for i in range(50) if {b["floats"] for b in GEN.instance(i)[1]["blocks"]} == {True, False}
    )
    puzzle, answer, params = GEN.instance(i)
    bad = copy.deepcopy(answer)
    mid = len(bad["blocks"][0]["samples"]) // 3
    bad["blocks"][0]["samples"][mid][0] += 0.1  # 10 cm: about 3% of the scene
    with pytest.raises(CheckFailed):
        GEN.check(puzzle, bad, params)
    f = first(answer, True)
    bad = copy.deepcopy(answer)  # the classic slip: the fraction above water, not below
    bad["blocks"][f]["submerged_fraction"] = 1 - puzzle["blocks"][f]["density"]
    with pytest.raises(CheckFailed):
        GEN.check(puzzle, bad, params)
    bad = copy.deepcopy(answer)  # floating at the wrong depth at the end
    for row in bad["blocks"][f]["samples"][-10:]:
        row[0] += 0.05
    bad["blocks"][f]["final_bottom"] += 0.05
    with pytest.raises(CheckFailed):
        GEN.check(puzzle, bad, params)
    sink = first(answer, False)
    bad = copy.deepcopy(answer)
    bad["blocks"][sink]["floats"] = True
    with pytest.raises(CheckFailed):
        GEN.check(puzzle, bad, params)


def test_checker_rejects_each_kind_of_wrong_fact(monkeypatch):
    """Rubric facts: the fall and the water's forces (1, 2), each outcome with its fraction
    and depth (3, 5), the floor (4); and whole runs simulated with a wrong g or density."""
    for index in range(3):
        puzzle, answer, params = GEN.instance(index, min_blocks=2)
        j = 0
        block = answer["blocks"][j]
        wrong = [("floats", not block["floats"]), ("rest_bottom", block["rest_bottom"] - 0.05),
                 ("submerged_fraction", block["submerged_fraction"] * 0.9),
                 ("final_bottom", block["final_bottom"] + 0.02)]  # fmt: skip
        for key, value in wrong:
            bad = copy.deepcopy(answer)
            bad["blocks"][j][key] = value
            with pytest.raises(CheckFailed):
                GEN.check(puzzle, bad, params)
        bad = copy.deepcopy(answer)  # through the floor
        bad["blocks"][j]["samples"][-1][0] = -puzzle["depth"] - 0.1
        with pytest.raises(CheckFailed):
            GEN.check(puzzle, bad, params)
        with monkeypatch.context() as m:  # every block falling under a weaker gravity
            m.setattr(buoyancy, "G", 0.9 * 9.81)
            bad = GEN.solve(puzzle, params)
        with pytest.raises(CheckFailed):
            GEN.check(puzzle, bad, params)
        denser = copy.deepcopy(puzzle)  # one block solved as if 10% denser
        denser["blocks"][j]["density"] *= 1.1
        with pytest.raises(CheckFailed):
            GEN.check(puzzle, GEN.solve(denser, params), params)


def test_motion_glides():
    for i in range(30):
        puzzle, answer, params = GEN.instance(i, difficulty=i % 5 + 1)
        fastest = max(abs(v) for b in answer["blocks"] for _, v in b["samples"])
        slow = buoyancy.slowness(puzzle)
        assert fastest * buoyancy.SCALE / (PLAYBACK_FPS * slow) <= MOST_PER_FRAME
        assert (slow == 1) == ("in real time" in GEN.task.prompt(puzzle, params))


def test_level_5_drops_more_blocks_than_level_1():
    def blocks(level):
        return [len(GEN.puzzle(i, difficulty=level)["blocks"]) for i in range(10)]

    assert max(blocks(1)) == 1 and min(blocks(5)) == 4


def test_equilibrium_depths():
    for i in range(15):
        puzzle, answer, _ = GEN.instance(i)
        for b, a in zip(puzzle["blocks"], answer["blocks"]):
            if b["density"] < 1:
                assert a["floats"]
                under = -a["final_bottom"] / b["height"]
                assert under == pytest.approx(b["density"], abs=0.005)  # Archimedes
                assert min(y for y, _ in a["samples"]) > -puzzle["depth"]
            else:
                assert not a["floats"] and a["final_bottom"] == -puzzle["depth"]


def test_same_sample_is_byte_identical(tmp_path):
    GEN.assert_byte_identical(tmp_path)


def test_answer_does_not_depend_on_render_params():
    GEN.assert_render_params_ignored()


def test_200_distinct_instances():
    GEN.assert_distinct()
