import copy
import math

import pytest

from generators import lookup
from generators.kit import CheckFailed

from .conftest import Gen

GEN = Gen("G-11_collision")


def test_lookup_short_name():
    assert lookup("G-collision") == GEN.id


@pytest.mark.parametrize(
    "index,video,params",
    [(0, True, {"mode": "track"}), (1, True, {"mode": "discs"}), (2, False, {}), (3, False, {})],
)
def test_samples_validate(tmp_path, index, video, params):
    GEN.assert_valid(tmp_path, index, video, **params)


@pytest.mark.parametrize("mode", ["track", "discs"])
def test_checker_accepts_solver_answers(mode):
    for _, answer, _ in GEN.assert_solves(mode=mode):
        assert answer["events"], "every instance has a collision"


@pytest.mark.parametrize("mode", ["track", "discs"])
def test_checker_rejects_corrupted_answers(mode):
    puzzle, answer, params = GEN.instance(4, mode=mode)
    mid = len(answer["samples"]) // 2
    bad = copy.deepcopy(answer)
    bad["samples"][mid][1] += 0.3  # a few percent of the 10 m scene
    with pytest.raises(CheckFailed):
        GEN.check(puzzle, bad, params)
    bad = copy.deepcopy(answer)
    if mode == "track":
        bad["final_velocities"][0] += 0.2
    else:
        bad["final_velocities"][0][0] += 0.2
    with pytest.raises(CheckFailed):
        GEN.check(puzzle, bad, params)
    bad = copy.deepcopy(answer)  # velocities after a collision that break momentum
    after = bad["events"][0]["after"]
    if mode == "track":
        after[0] += 0.2
    else:
        after[0][1] += 0.2
    with pytest.raises(CheckFailed):
        GEN.check(puzzle, bad, params)
    bad = copy.deepcopy(answer)  # the collision left out: bodies pass through each other
    bad["events"] = []
    bad["final_velocities"] = [b["v"] if mode == "track" else b["vel"] for b in puzzle["bodies"]]
    with pytest.raises(CheckFailed):
        GEN.check(puzzle, bad, params)


def test_conservation_laws_per_restitution():
    for kind in ("elastic", "partial", "sticky"):
        for i in range(10):
            puzzle, answer, _ = GEN.instance(i, collision=kind)
            e = puzzle["restitution"]
            bodies = puzzle["bodies"]
            vel = [b["v"] if "v" in b else b["vel"] for b in bodies]
            fin = answer["final_velocities"]
            m = [b["mass"] for b in bodies]
            if puzzle["mode"] == "track":
                assert sum(mi * v for mi, v in zip(m, vel)) == pytest.approx(
                    sum(mi * v for mi, v in zip(m, fin)), abs=1e-4
                )
                ke0 = sum(mi * v * v for mi, v in zip(m, vel))
                ke1 = sum(mi * v * v for mi, v in zip(m, fin))
            else:
                ke0 = sum(mi * (v[0] ** 2 + v[1] ** 2) for mi, v in zip(m, vel))
                ke1 = sum(mi * (v[0] ** 2 + v[1] ** 2) for mi, v in zip(m, fin))
            if e == 1:
                assert ke1 == pytest.approx(ke0, abs=1e-4)
            else:
                assert ke1 < ke0
            if kind == "sticky":
                assert puzzle["mode"] == "track" and e == 0
                for ev in answer["events"]:
                    assert math.isclose(ev["after"][0], ev["after"][1], abs_tol=1e-6)


def test_same_sample_is_byte_identical(tmp_path):
    GEN.assert_byte_identical(tmp_path)


def test_answer_does_not_depend_on_render_params():
    GEN.assert_render_params_ignored()


def test_200_distinct_instances():
    GEN.assert_distinct()
