"""O-65 pipe rotation: valid samples, a flow checker, a unique route, tiles that read apart,
smooth turns, levels."""

import numpy as np
import pytest

from generators.kit import Canvas, CheckFailed
from generators.tasks.o65_pipe_rotation import (
    AREA,
    TRAY,
    Geometry,
    count_routes,
    flows,
)

from .conftest import VALIDATE, Gen

GEN = Gen("O-65_pipe_rotation")


def instance(index, **given):
    puzzle, answer, _ = GEN.instance(index, **given)
    return puzzle, answer


def rotations(puzzle):
    return [[t[1] for t in row] for row in puzzle["tiles"]]


@pytest.mark.parametrize("index,video,params", VALIDATE)
def test_samples_validate(tmp_path, index, video, params):
    GEN.assert_valid(tmp_path, index, video, size=4 + index, **params)


def test_checker_accepts_solver_answers():
    for size in (4, 6, 8):
        GEN.assert_solves(range(8), size=size)


def test_unique_route_and_unsolved_start():
    for i in range(20):
        puzzle, answer = instance(i)
        assert count_routes(puzzle, limit=5) == 1
        assert flows(puzzle, rotations(puzzle)) is None  # the start is not already solved
        tiles = puzzle["tiles"]
        assert all(tiles[r][c][0] in ("straight", "elbow") for r, c in answer["route"])
        assert len(answer["turns"]) * 3 >= 2 * len(answer["route"])


def test_checker_rejects_each_kind_of_wrong_fact():
    """The rubric states the turned tiles (all on the route), the route, pipe ends that meet
    and water on the route only."""
    puzzle, answer = instance(1)
    params = GEN.params()
    turns, path = answer["turns"], answer["route"]
    r, c, k = turns[0]
    route = {tuple(p) for p in path}
    off = next([rr, cc] for rr, row in enumerate(puzzle["tiles"]) for cc, t in enumerate(row)
               if t[0] and (rr, cc) not in route)  # fmt: skip
    straight = next((t for t in turns if puzzle["tiles"][t[0]][t[1]][0] == "straight"), None)
    wrong = [
        {**answer, "turns": turns[1:]},  # a tile left unturned: the water stops
        {**answer, "turns": [[r, c, k % 3 + 1], *turns[1:]]},  # a wrong number of turns
        {**answer, "turns": [*turns, [*off, 1]]},  # a tile off the route turned
        {**answer, "route": path[:-1]},  # the route stops short
        {**answer, "route": [*path, off]},  # the route wanders off
        {**answer, "turns": [*turns, turns[0]]},  # a tile turned twice
    ]
    if straight is not None:  # three quarter turns of a straight pipe: the long way round
        wrong.append({**answer, "turns": [t if t != straight else [*t[:2], 3] for t in turns]})
    for bad in wrong:
        with pytest.raises(CheckFailed):
            GEN.check(puzzle, bad, params)


def test_tiles_read_apart():
    """Pipes end inside their own tile: along every line between two neighbouring tiles the
    dark tray shows, unbroken, so no pipe runs visibly into the next tile."""
    for index, size in ((0, 4), (1, 6), (2, 8)):
        puzzle, _ = instance(index, size=size)
        g, canvas = Geometry(size), Canvas(512)
        g.draw_board(canvas, puzzle)
        for r, row in enumerate(puzzle["tiles"]):
            for c, (kind, rot) in enumerate(row):
                g.draw_tile(canvas, r, c, kind, rot * 90)
        pixels = np.asarray(canvas.image).astype(int)
        scale = 512 / 1000
        inside = slice(round((g.y0 + 2) * scale), round((g.y0 + AREA - 2) * scale))
        for k in range(1, size):
            at = round((g.x0 + k * g.cell) * scale)  # the line between two columns of tiles
            assert (abs(pixels[inside, at] - TRAY).max(axis=1) < 8).all(), (size, k)
            assert (abs(pixels[at, inside] - TRAY).max(axis=1) < 8).all(), (size, k)


def test_level_5_is_harder_than_level_1():
    def size(level):
        runs = [instance(i, difficulty=level) for i in range(15)]
        tiles = sum(1 for p, _ in runs for row in p["tiles"] for kind, _ in row if kind)
        return tiles / 15, sum(len(a["turns"]) for _, a in runs) / 15

    (easy_tiles, easy_turns), (hard_tiles, hard_turns) = size(1), size(5)
    assert hard_tiles > 4 * easy_tiles and hard_turns > 1.5 * easy_turns


def test_flow_follows_facing_openings():
    puzzle = {
        "rows": 1,
        "cols": 2,
        "tiles": [[["straight", 1], ["elbow", 0]]],
        "inlet": [0, 0, 3],
        "outlet": [0, 1, 0],
    }
    assert flows(puzzle, [[1, 3]]) == [[0, 0], [0, 1]]  # elbow turned to join west and north
    assert flows(puzzle, [[1, 0]]) is None
    assert flows(puzzle, [[0, 3]]) is None


def test_same_sample_is_byte_identical(tmp_path):
    GEN.assert_byte_identical(tmp_path)


def test_render_params_do_not_change_answers():
    GEN.assert_render_params_ignored()


def test_distinct_instances():
    GEN.assert_distinct(seeds=(0, 1))
