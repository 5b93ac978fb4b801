"""G-21_light_refraction: Snell's law, total internal reflection, mirror, speed c/n, and
stacks of layers that can stand as drawn."""

import copy
import itertools
import math
import statistics

import pytest

from generators.kit import CheckFailed
from generators.tasks.g21_light_refraction import (
    index_of,
    layer_at,
    layer_bounds,
    physical_stack,
    point_at,
)

from .conftest import VALIDATE, Gen

GEN = Gen("G-21_light_refraction")


def solved(index, seed=5, **given):
    return GEN.instance(index, seed, **given)


@pytest.mark.parametrize("index,video,params", VALIDATE)
def test_samples_validate(tmp_path, index, video, params):
    GEN.assert_valid(tmp_path, index, video, **params)


@pytest.mark.parametrize("difficulty", [1, 2, 3, 4, 5])
def test_checker_accepts_solver_answers(difficulty):
    GEN.assert_solves(range(6), difficulty=difficulty)


def test_stacks_can_stand():
    """Fluids float lightest on top (air only at the top), solid slabs lie below them."""
    fluids_seen = set()
    for i in range(60):
        media = GEN.puzzle(i, layers=2 + i % 4)["media"]
        assert physical_stack(media), media
        fluids_seen |= {m for m in media if m in ("air", "oil", "water")}
        if "air" in media:
            assert media[0] == "air"
        if "oil" in media and "water" in media:
            assert media.index("oil") < media.index("water")
    assert fluids_seen == {"air", "oil", "water"}
    assert not physical_stack(["water", "air", "glass"])
    assert not physical_stack(["water", "oil"])
    assert not physical_stack(["glass", "water"])
    assert physical_stack(["air", "oil", "water", "diamond", "glass", "diamond"])


def test_checker_rejects_an_impossible_stack():
    puzzle, answer, params = solved(2, layers=3)
    bad = copy.deepcopy(puzzle)
    bad["media"] = ["water", "air", "glass"]
    with pytest.raises(CheckFailed, match="cannot stand"):
        GEN.check(bad, answer, params)


def test_snell_and_critical_angle():
    seen = set()
    for index in range(40):
        _, answer, _ = solved(index)
        for e in answer["events"][:-1]:
            seen.add(e["kind"])
            s_in = e["n1"] * math.sin(math.radians(e["incidence"]))
            if e["kind"] == "refraction":
                assert s_in == pytest.approx(
                    e["n2"] * math.sin(math.radians(e["outgoing"])), abs=1e-4
                )
                assert s_in < e["n2"]
            elif e["kind"] == "total_internal_reflection":
                assert s_in > e["n2"] and e["n1"] > e["n2"]
                assert e["outgoing"] == pytest.approx(e["incidence"])
    assert seen == {"refraction", "total_internal_reflection", "mirror"}


def test_front_is_slower_in_denser_layers():
    checked = 0
    for index in range(10):
        puzzle, answer, _ = solved(index)
        bounds = layer_bounds(puzzle)
        speed = answer["vacuum_speed"]
        s = answer["samples"][:-1]  # the last step is shorter
        corners = [tuple(p) for p in answer["path"]]
        for a, b in itertools.pairwise(s):
            la, lb = layer_at(bounds, a[2]), layer_at(bounds, b[2])
            bent = any(min(a[1], b[1]) < x < max(a[1], b[1]) for x, _ in corners)
            if la == lb and not bent:  # both in one straight stretch: speed c / n
                n = index_of(puzzle["media"][la])
                assert math.dist(a[1:], b[1:]) == pytest.approx(speed / 20 / n, abs=1e-4)
                checked += 1
    assert checked > 100


def accepts(puzzle, answer, params) -> bool:
    try:
        GEN.check(puzzle, answer, params)
    except CheckFailed:
        return False
    return True


def test_checker_rejects_corrupted_answers():
    """One corruption per fact the rubric states: the start, each bend (Snell's law, total
    reflection, mirror), the front's speed c/n, the exit."""
    i = next(i for i in range(40) if any(
        e["kind"] == "total_internal_reflection" for e in solved(i)[1]["events"]))  # fmt: skip
    puzzle, answer, params = solved(i)
    bads = {}
    bad = copy.deepcopy(answer)
    bad["samples"][len(bad["samples"]) // 2][1] += 30  # the front 3% of the scene off
    bads["front position"] = bad
    bad = copy.deepcopy(answer)
    bad["path"][1][0] += 30  # a bend off the law
    bad["events"][0]["x"] += 30
    bads["bend point"] = bad
    bad = copy.deepcopy(answer)
    tir = next(j for j, e in enumerate(bad["events"]) if e["kind"] == "total_internal_reflection")
    bad["events"][tir]["kind"] = "refraction"
    bads["total reflection named a refraction"] = bad
    bad = copy.deepcopy(answer)
    bad["events"][0]["outgoing"] += 3
    bads["outgoing angle"] = bad
    bad = copy.deepcopy(answer)
    bad["exit_point"][1] += 30
    bads["exit point"] = bad
    bad = copy.deepcopy(answer)
    bad["exit_edge"] = "right" if answer["exit_edge"] == "top" else "top"
    bads["exit edge"] = bad
    bad = copy.deepcopy(answer)
    bad["vacuum_speed"] *= 1.1
    bads["speed"] = bad
    assert not [kind for kind, bad in bads.items() if accepts(puzzle, bad, params)]


def test_checker_rejects_a_front_at_one_speed_everywhere():
    """Dynamics are re-derived: a front moving at one speed whatever the index is rejected."""
    puzzle, answer, params = solved(3)
    path = answer["path"]
    total = sum(math.dist(a, b) for a, b in itertools.pairwise(path))
    bad = copy.deepcopy(answer)
    for row in bad["samples"]:
        row[1:] = point_at(path, [1.0] * (len(path) - 1), total * row[0] / puzzle["duration"])
    with pytest.raises(CheckFailed, match="c/n"):
        GEN.check(puzzle, bad, params)


def test_level_five_is_harder_than_level_one():
    def measure(level):
        runs = [solved(i, difficulty=level) for i in range(12)]
        bends = statistics.mean(len(a["events"]) - 1 for _, a, _ in runs)
        reflections = sum(any(e["kind"] == "total_internal_reflection" for e in a["events"])
                          for _, a, _ in runs)  # fmt: skip
        return statistics.mean(len(p["media"]) for p, _, _ in runs), bends, reflections

    easy, hard = measure(1), measure(5)
    assert easy[0] == 2 and hard[0] == 5
    assert hard[1] >= easy[1] + 2  # at least two more bends and reflections on average
    assert easy[2] == 0 and hard[2] == 12  # a total reflection every time at level 5


def test_same_sample_twice_is_byte_identical(tmp_path):
    GEN.assert_byte_identical(tmp_path)


def test_render_params_do_not_change_the_answer():
    GEN.assert_render_params_ignored()


def test_two_hundred_distinct_puzzles():
    GEN.assert_distinct(200, seeds=(0, 9))
