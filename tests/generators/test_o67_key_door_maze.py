"""O-67 keys and doors maze: valid samples, a replaying checker, a unique shortest walk, a
trail that never overdraws itself, levels."""

import itertools
import math
from collections import deque

import pytest

from generators.kit import CheckFailed, easing
from generators.tasks.o67_key_door_maze import LANE, WALKER, Maze, Scene, Trail

from .conftest import VALIDATE, Gen

GEN = Gen("O-67_key_door_maze")


def instance(index, **given):
    puzzle, answer, _ = GEN.instance(index, **given)
    return puzzle, answer


def direct_walk(puzzle):
    """The wall-respecting shortest walk that ignores doors and keys."""
    open_ = {frozenset(map(tuple, p)) for p in puzzle["passages"]}
    start, goal = tuple(puzzle["start"]), tuple(puzzle["goal"])
    back, todo = {start: None}, deque([start])
    while todo:
        r, c = todo.popleft()
        for nxt in ((r - 1, c), (r + 1, c), (r, c - 1), (r, c + 1)):
            if frozenset(((r, c), nxt)) in open_ and nxt not in back:
                back[nxt] = (r, c)
                todo.append(nxt)
    walk, node = [], goal
    while node is not None:
        walk.append(list(node))
        node = back[node]
    return walk[::-1]


@pytest.mark.parametrize("index,video,params", VALIDATE)
def test_samples_validate(tmp_path, index, video, params):
    GEN.assert_valid(tmp_path, index, video, size=4 + 2 * (index % 3), doors=1 + index, **params)


def test_checker_accepts_solver_answers():
    for size, doors in ((4, 1), (6, 2), (8, 4)):
        GEN.assert_solves(range(7), size=size, doors=doors)


def test_doors_matter_and_walk_is_unique():
    for i in range(20):
        puzzle, answer = instance(i)
        length, ways = Maze(puzzle).shortest()
        assert ways == 1 and length == answer["steps"]
        assert len(direct_walk(puzzle)) - 1 < answer["steps"]  # keys force a detour
        locked = {**puzzle, "keys": []}
        assert Maze(locked).shortest()[0] == -1  # without keys the goal is out of reach


def test_checker_rejects_each_kind_of_wrong_fact():
    """The rubric states open passages only, keys before doors, the unique shortest walk and
    its length, and the end on the star."""
    puzzle, answer = instance(3)
    params = GEN.params()
    walk, maze = answer["walk"], Maze(puzzle)
    direct = direct_walk(puzzle)
    walled = next([a, b] for a in map(list, itertools.product(range(maze.n), repeat=2))
                  for b in ([a[0] + 1, a[1]], [a[0], a[1] + 1])
                  if b[0] < maze.n and b[1] < maze.n
                  and (tuple(a), tuple(b)) not in maze.open)  # fmt: skip
    wrong = [
        {"walk": direct, "steps": len(direct) - 1},  # through a door without its key
        {**answer, "steps": answer["steps"] + 1},  # the length
        {"walk": [walk[0], walk[1], walk[0], *walk[1:]], "steps": len(walk) + 1},  # not shortest
        {"walk": [walk[0], *walk[2:]], "steps": len(walk) - 2},  # a jump
        {"walk": walk[:-1], "steps": len(walk) - 2},  # stops before the star
        {"walk": walk[1:], "steps": len(walk) - 2},  # starts elsewhere
        {"walk": walled, "steps": 1},  # through a wall
    ]
    for bad in wrong:
        with pytest.raises(CheckFailed):
            GEN.check(puzzle, bad, params)


def trail_samples(puzzle, answer, step=2.0):
    """(trail tip, walker centre, progress) every `step` units of the animation."""
    scene, walk = Scene(puzzle), [tuple(p) for p in answer["walk"]]
    trail = Trail(scene.lanes(walk), scene.cell)
    centres = [scene.centre(room) for room in walk]
    out = []
    for k in range(int(trail.length / step) + 1):
        points, progress = trail.at(k * step)
        walker = easing.along_polyline(centres, progress / (len(walk) - 1))
        out.append((points[-1], walker, progress))
    return scene, walk, out


def test_trail_keeps_right_so_a_return_walk_runs_beside_the_first():
    checked = 0
    for i in range(10):
        puzzle, answer = instance(i)
        scene, walk, samples = trail_samples(puzzle, answer)
        middle = {}  # passage -> a trail point halfway along it, once per direction walked
        for k, (a, b) in enumerate(itertools.pairwise(walk)):
            tip = min(samples, key=lambda s, k=k: abs(s[2] - (k + 0.5)))[0]
            middle.setdefault(frozenset((a, b)), []).append(tip)
        for passage, points in middle.items():
            assert len(points) <= 2
            if len(points) == 2:  # walked both ways: two lines, 2 * LANE apart across it
                checked += 1
                a, b = sorted(passage)
                across = abs((b[0] - a[0]) * (points[0][0] - points[1][0])
                             - (b[1] - a[1]) * (points[0][1] - points[1][1]))  # fmt: skip
                assert across == pytest.approx(2 * LANE * scene.cell)
    assert checked > 10


def test_trail_tip_and_walker_never_outpace_the_animation():
    """Over any stretch of the animation neither the trail's tip nor the walker moves further
    than the stretch itself."""
    for i in range(4):
        puzzle, answer = instance(i)
        _, _, samples = trail_samples(puzzle, answer)
        for (tip0, w0, _), (tip1, w1, _) in itertools.pairwise(samples):
            assert math.dist(tip0, tip1) <= 2.0 + 1e-6 and math.dist(w0, w1) <= 2.0 + 1e-6


def test_walker_never_hides_the_tip_of_the_trail():
    """The trail runs beside the walker's path, so the line being laid is always in view
    (and a hairpin at a dead end is drawn beside the walker, not under it)."""
    for i in range(3):
        puzzle, answer = instance(i)
        scene, walk = Scene(puzzle), [tuple(p) for p in answer["walk"]]
        trail = Trail(scene.lanes(walk), scene.cell)
        centres = [scene.centre(room) for room in walk]
        clear = scene.cell * (WALKER + 0.03) + 2.5  # walker, its white rim, half the line
        for k in range(0, int(trail.length), 5):
            points, progress = trail.at(k)
            walker = easing.along_polyline(centres, progress / (len(walk) - 1))
            assert math.dist(walker, points[-1]) > clear


def test_level_5_is_harder_than_level_1():
    def mean_steps(level):
        return sum(instance(i, difficulty=level)[1]["steps"] for i in range(15)) / 15

    assert mean_steps(5) > 2.5 * mean_steps(1)


def test_same_sample_is_byte_identical(tmp_path):
    GEN.assert_byte_identical(tmp_path)


def test_render_params_do_not_change_answers():
    GEN.assert_render_params_ignored()


def test_distinct_instances():
    GEN.assert_distinct(seeds=(0, 1))
