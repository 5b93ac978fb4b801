"""O-82 mirror reflection: the beam traced again by the law of reflection, the fewest
placement proven unique by trying them all, each rubric fact corrupted and rejected, level 5
needs more mirrors among more mounts than level 1."""

from __future__ import annotations

import copy
import math

import pytest

from generators.kit import CheckFailed
from generators.tasks.o82_mirror_reflection import reflect

from .conftest import VALIDATE, Gen

GEN = Gen("O-82_mirror_reflection", seed=3)


@pytest.mark.parametrize(("index", "video", "kw"), VALIDATE)
def test_samples_validate(tmp_path, index, video, kw):
    GEN.assert_valid(tmp_path, index, video, **kw)


def test_checker_accepts_solver_answers():
    GEN.assert_solves(range(20), vary=lambda i: {"difficulty": 1 + i % 5})


def signed_angle(v, line) -> float:
    """The angle from a mirror's line to a heading v, anticlockwise on screen positive."""
    return math.atan2(v[0] * line[1] - v[1] * line[0], v[0] * line[0] + v[1] * line[1])


@pytest.mark.parametrize("mirror", ["/", "\\"])
def test_reflection_keeps_the_angle_to_the_mirror(mirror):
    """Angle of incidence equals angle of reflection, measured against the mirror's line
    ('/' rises to the right on a y-down canvas, '\\' falls)."""
    line = (1, -1) if mirror == "/" else (1, 1)
    for d in [(1, 0), (-1, 0), (0, 1), (0, -1)]:
        r = reflect(d, mirror)
        assert math.isclose(signed_angle(r, line), -signed_angle(d, line)) and math.hypot(*r) == 1


def flip_a_mirror(answer):
    m = answer["mirrors"][0]
    m[2] = "/" if m[2] == "\\" else "\\"


def mirror_off_a_mount(puzzle, answer):
    mounts = {tuple(m) for m in puzzle["mounts"]}
    spot = next((r, c) for r in range(7) for c in range(7) if (r, c) not in mounts)
    answer["mirrors"][0][:2] = list(spot)


def add_a_needless_mirror(puzzle, answer):
    used = {(r, c) for r, c, _ in answer["mirrors"]}
    path = {tuple(p) for p in answer["path"]}
    spare = next(m for m in puzzle["mounts"] if tuple(m) not in used | path)
    answer["mirrors"].append([*spare, "/"])
    answer["count"] += 1


def misdraw_the_path(answer):
    answer["path"].pop(1)


def miscount(answer):
    answer["count"] += 1


@pytest.mark.parametrize(("corrupt", "reason"), [
    (flip_a_mirror, "does not reach"), (mirror_off_a_mount, "on a mount"),
    (add_a_needless_mirror, "fewest"), (misdraw_the_path, "path"), (miscount, "count"),
])  # fmt: skip
def test_checker_rejects_each_wrong_fact(corrupt, reason):
    puzzle, answer, p = GEN.instance(4)
    bad = copy.deepcopy(answer)
    corrupt(*((puzzle, bad) if corrupt.__code__.co_argcount == 2 else (bad,)))
    with pytest.raises(CheckFailed, match=reason):
        GEN.check(puzzle, bad, p)


def test_checker_rejects_a_puzzle_with_two_fewest_placements():
    """The target C1 is reached by '/' on B3 and B1, or by '/' on D3 and '\\' on D1."""
    puzzle = {"size": 5, "laser": 2, "target": [0, 2], "mounts": [[0, 1], [0, 3], [2, 1], [2, 3]],
              "walls": []}  # fmt: skip
    answer = {"mirrors": [[2, 1, "/"], [0, 1, "/"]], "count": 2,
              "path": [[2, 0], [2, 1], [1, 1], [0, 1], [0, 2]]}  # fmt: skip
    with pytest.raises(CheckFailed, match="ambiguous"):
        GEN.check(puzzle, answer, GEN.params())
    one_way = {**puzzle, "mounts": [[0, 1], [2, 1], [2, 3]]}
    GEN.check(one_way, answer, GEN.params())


def test_level_5_needs_more_mirrors_among_more_mounts():
    easy = [GEN.instance(i, difficulty=1) for i in range(5)]
    hard = [GEN.instance(i, difficulty=5) for i in range(5)]
    assert all(a["count"] == 1 and len(p["mounts"]) == 2 for p, a, _ in easy)
    assert all(a["count"] == 4 and len(p["mounts"]) == 10 and p["walls"] for p, a, _ in hard)


def test_byte_identical(tmp_path):
    GEN.assert_byte_identical(tmp_path)


def test_render_params_ignored():
    GEN.assert_render_params_ignored()


def test_distinct_instances():
    GEN.assert_distinct(n=200, seeds=(0, 2024))
