import copy
import math

import pytest

from generators import lookup
from generators.kit import CheckFailed
from generators.kit.physics import MOST_PER_FRAME, PLAYBACK_FPS
from generators.tasks import g11_collision as collision

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
    GEN.assert_solves(mode=mode)
    GEN.assert_solves(range(10), difficulty=5)


def test_collision_counts_vary_and_grow_with_the_level():
    counts = [len(GEN.instance(i)[1]["events"]) for i in range(60)]
    assert {0, 1, 2} <= set(counts)  # misses, single and chained collisions at the defaults
    assert max(counts.count(k) for k in set(counts)) < 0.7 * len(counts)

    def mean(level):
        return sum(len(GEN.instance(i, difficulty=level)[1]["events"]) for i in range(10)) / 10

    assert mean(1) == 1 and mean(5) >= 3


def test_prompt_states_every_position_and_the_scale():
    for i in range(10):
        puzzle, _, params = GEN.instance(i)
        text = GEN.task.prompt(puzzle, params)
        for b in puzzle["bodies"]:
            where = f"{b['x']:g} m" if "x" in b else f"({b['pos'][0]:g}, {b['pos'][1]:g}) m"
            assert where in text
        assert "1 m long" in text if puzzle["mode"] == "track" else "10 m by 7.5 m" in text


def test_motion_glides():
    """No body moves more than MOST_PER_FRAME units a frame at 16 fps, slowed as the prompt says."""
    for i in range(40):
        puzzle, answer, params = GEN.instance(i, difficulty=i % 5 + 1)
        speeds = [abs(v) if isinstance(v, float) else math.hypot(*v)
                  for ev in answer["events"] for v in ev["after"]]  # fmt: skip
        speeds += [abs(b["v"]) if "v" in b else math.hypot(*b["vel"]) for b in puzzle["bodies"]]
        slow = collision.slowness(puzzle)
        assert max(speeds) * collision.SCALE / (PLAYBACK_FPS * slow) <= MOST_PER_FRAME
        assert (slow == 1) == ("in real time" in GEN.task.prompt(puzzle, params))


def rejected(puzzle, bad, params):
    with pytest.raises(CheckFailed):
        GEN.check(puzzle, bad, params)


@pytest.mark.parametrize("mode", ["track", "discs"])
def test_checker_rejects_each_kind_of_wrong_fact(mode, monkeypatch):
    """One corruption per fact the rubric states, and whole answers simulated wrong."""
    hits = [GEN.instance(i, mode=mode) for i in range(12)]
    hits = [h for h in hits if h[1]["events"]][:4]
    for puzzle, answer, params in hits:
        track = mode == "track"
        bad = copy.deepcopy(answer)  # 1: a bend in a straight stretch
        bad["samples"][len(bad["samples"]) // 2][1] += 0.3
        rejected(puzzle, bad, params)
        bad = copy.deepcopy(answer)  # 2: a collision at the wrong time
        bad["events"][0]["t"] += 0.1
        rejected(puzzle, bad, params)
        bad = copy.deepcopy(answer)  # 2: a collision left out (bodies pass through)
        bad["events"] = bad["events"][:-1]
        rejected(puzzle, bad, params)
        bad = copy.deepcopy(answer)  # 3: a wrong final velocity
        if track:
            bad["final_velocities"][0] += 0.2
        else:
            bad["final_velocities"][0][0] += 0.2
        rejected(puzzle, bad, params)
        bad = copy.deepcopy(answer)  # momentum: velocities after a collision that break it
        if track:
            bad["events"][0]["after"][0] += 0.2
        else:
            bad["events"][0]["after"][0][1] += 0.2
        rejected(puzzle, bad, params)
        # energy / restitution: the same scene solved with another coefficient
        other = {**puzzle, "restitution": 0.5 if puzzle["restitution"] != 0.5 else 0.8}
        rejected(puzzle, GEN.solve(other, params), params)
        # dynamics: the same scene solved with the first body twice as heavy
        heavier = copy.deepcopy(puzzle)
        heavier["bodies"][0]["mass"] *= 2
        rejected(puzzle, GEN.solve(heavier, params), params)
        if not track:  # 4: an impulse across the line of centres (momentum still kept)
            bad = copy.deepcopy(answer)
            ev = bad["events"][0]
            (ax, ay), (bx, by) = ev["pos"]
            tangent = [-(by - ay), bx - ax]
            (ma, mb) = (b["mass"] for b in puzzle["bodies"])
            for k in range(2):
                ev["after"][0][k] += 0.1 * tangent[k] / ma
                ev["after"][1][k] -= 0.1 * tangent[k] / mb
            rejected(puzzle, bad, params)


def test_checker_rejects_a_collision_invented_for_a_miss():
    misses = [GEN.instance(i, mode="discs") for i in range(40)]
    misses = [m for m in misses if not m[1]["events"]][:3]
    assert misses
    for puzzle, answer, params in misses:
        hit = next(h for h in (GEN.instance(i, mode="discs") for i in range(40)) if h[1]["events"])
        bad = copy.deepcopy(answer)
        bad["events"] = copy.deepcopy(hit[1]["events"])
        rejected(puzzle, bad, params)


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
            if e == 1 or not answer["events"]:
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
