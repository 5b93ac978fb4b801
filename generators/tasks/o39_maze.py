"""Maze: a perfect maze; the video walks the unique shortest path from start to goal."""

from __future__ import annotations

import itertools
from collections import deque

from generators.kit import INK, NAMED, Param, Task, easing, register, require

# Open-side bits of a cell.
N, E, S, W = 1, 2, 4, 8
STEP = {N: (-1, 0), E: (0, 1), S: (1, 0), W: (0, -1)}
OPPOSITE = {N: S, S: N, E: W, W: E}
AREA = 880  # maze side in units, centred
START_COLOR, GOAL_COLOR, PATH_COLOR = NAMED["green"], NAMED["red"], NAMED["blue"]
STEP_UNITS = 20.0  # the most the leading dot travels between two frames
RAMP = 0.15  # share of the drawing time spent speeding up (and as much slowing down)


def neighbours(grid: list[list[int]], r: int, c: int):
    """Cells reachable from (r, c) through an open side."""
    for side, (dr, dc) in STEP.items():
        if grid[r][c] & side:
            yield r + dr, c + dc


def bfs_parents(grid: list[list[int]], start: tuple[int, int]) -> dict:
    parents = {start: None}
    todo = deque([start])
    while todo:
        cell = todo.popleft()
        for nxt in neighbours(grid, *cell):
            if nxt not in parents:
                parents[nxt] = cell
                todo.append(nxt)
    return parents


@register(
    "O-39_maze",
    title="Maze",
    description="Find the shortest path through a perfect maze from the green cell to the red cell.",
    category="spatial-visual",
    params=[Param("size", "int", 10, 4, 24, help="cells per side")],
    shard_size=50,
    memory="low",
    instances=2_666_666,  # the measured lower bound; a 10x10 maze alone has ~10^40 layouts
    faculty="spatiality",
    levels={1: {"size": 5}, 2: {"size": 7}, 3: {"size": 10}, 4: {"size": 14}, 5: {"size": 18}},
)
class Maze(Task):
    def generate(self, rng, params):
        n = params["size"]
        grid = [[0] * n for _ in range(n)]
        # Randomised depth-first carving gives a perfect maze: exactly one path between cells.
        start = (int(rng.integers(n)), int(rng.integers(n)))
        stack, seen = [start], {start}
        while stack:
            r, c = stack[-1]
            options = [side for side, (dr, dc) in STEP.items()
                       if 0 <= r + dr < n and 0 <= c + dc < n and (r + dr, c + dc) not in seen]  # fmt: skip
            if not options:
                stack.pop()
                continue
            side = options[int(rng.integers(len(options)))]
            nr, nc = r + STEP[side][0], c + STEP[side][1]
            grid[r][c] |= side
            grid[nr][nc] |= OPPOSITE[side]
            seen.add((nr, nc))
            stack.append((nr, nc))
        # Start and goal in opposite corners' quarters, so the path crosses the maze.
        q = max(1, n // 3)
        corner = int(rng.integers(4))

        def spot(flip: bool):
            rr, cc = int(rng.integers(q)), int(rng.integers(q))
            top, left = (corner in (0, 1)) ^ flip, (corner in (0, 2)) ^ flip
            return [rr if top else n - 1 - rr, cc if left else n - 1 - cc]

        return {"size": n, "cells": grid, "start": spot(False), "goal": spot(True)}

    def solve(self, puzzle, params):
        start, goal = tuple(puzzle["start"]), tuple(puzzle["goal"])
        parents = bfs_parents(puzzle["cells"], start)
        path, cell = [], goal
        while cell is not None:
            path.append(list(cell))
            cell = parents[cell]
        return {"path": path[::-1], "length": len(path) - 1}

    def check(self, puzzle, answer, params):
        grid, path = puzzle["cells"], [tuple(p) for p in answer["path"]]
        require(
            len(path) >= 1 and path[0] == tuple(puzzle["start"]), "path does not begin at the start"
        )
        require(path[-1] == tuple(puzzle["goal"]), "path does not end at the goal")
        for (r, c), nxt in itertools.pairwise(path):
            require(
                nxt in set(neighbours(grid, r, c)),
                f"path crosses a wall between {(r, c)} and {nxt}",
            )
        # Shortest: compare with breadth-first distances computed from the goal.
        dist = {tuple(puzzle["goal"]): 0}
        todo = deque([tuple(puzzle["goal"])])
        while todo:
            cell = todo.popleft()
            for nxt in neighbours(grid, *cell):
                if nxt not in dist:
                    dist[nxt] = dist[cell] + 1
                    todo.append(nxt)
        require(len(path) - 1 == dist[path[0]] == answer["length"], "path is not a shortest path")

    def prompt(self, puzzle, params):
        n = puzzle["size"]
        return (
            f"The image shows a {n}x{n} maze with black walls. The green cell is the start and the "
            "red cell is the goal. Draw the shortest route from the start to the goal as a blue "
            "line that moves from cell to cell without crossing any wall, with a blue dot leading "
            "the line at a steady pace. The walls, the start and the goal do not change. The video "
            "ends when the blue dot reaches the red cell."
        )

    def rubric(self, puzzle, answer, params):
        return "\n".join([
            "1. The blue line starts in the green cell and ends in the red cell.",
            "2. The line never passes through a black wall; it moves only through open gaps.",
            f"3. The route is the shortest one: it passes through {answer['length']} cell steps "
            f"({answer['length'] + 1} cells including start and goal).",
            "4. The line grows continuously from the start; it does not jump or branch.",
            "5. The maze walls, the green start and the red goal stay unchanged.",
        ])  # fmt: skip

    def render(self, puzzle, answer, params, film):
        n = puzzle["size"]
        cell = AREA / n
        x0 = y0 = (1000 - AREA) / 2
        wall = max(4.0, cell / 8)

        def centre(r, c):
            return (x0 + (c + 0.5) * cell, y0 + (r + 0.5) * cell)

        board = film.canvas()
        # start and goal are squares inset in their cells: floor stays open around them
        inset = wall / 2 + 0.13 * cell
        for (r, c), color in ((puzzle["start"], START_COLOR), (puzzle["goal"], GOAL_COLOR)):
            board.rect(x0 + c * cell + inset, y0 + r * cell + inset, x0 + (c + 1) * cell - inset,
                       y0 + (r + 1) * cell - inset, fill=color, radius=cell * 0.12)  # fmt: skip
        h = wall / 2  # the border is centred on the grid's edge, like the inner walls
        board.rect(x0 - h, y0 - h, x0 + AREA + h, y0 + AREA + h, outline=INK, width=wall)
        grid = puzzle["cells"]
        for k in range(1, n):  # the wall runs under row k - 1 and right of column k - 1
            below = [not grid[k - 1][c] & S for c in range(n)]
            right = [not grid[r][k - 1] & E for r in range(n)]
            for a, b in wall_runs(below):
                board.line([(x0 + a * cell - wall / 2, y0 + k * cell),
                            (x0 + b * cell + wall / 2, y0 + k * cell)], INK, wall)  # fmt: skip
            for a, b in wall_runs(right):
                board.line([(x0 + k * cell, y0 + a * cell - wall / 2),
                            (x0 + k * cell, y0 + b * cell + wall / 2)], INK, wall)  # fmt: skip
        film.opening(board)
        points = [centre(r, c) for r, c in answer["path"]]
        # the dot leaves open floor on both sides, so it never seems to touch a wall
        line_w, dot_r = max(5.0, cell / 6), max(8.0, cell / 4.5)
        dists = _cumulative(points)
        # a steady pace, eased at both ends, never faster than STEP_UNITS a frame
        steps = film.seconds(dists[-1] / (1 - RAMP) / STEP_UNITS / film.fps)
        for k, t in enumerate(easing.steps(steps, ramped), start=1):
            tip = easing.along_polyline(points, t)
            done = [p for p, d in zip(points, dists) if d <= t * dists[-1]]
            frame = board.copy()
            frame.line([*done, tip], PATH_COLOR, line_w)
            frame.dot(tip, dot_r, PATH_COLOR)
            film.add(frame) if k < steps else film.closing(frame)


def wall_runs(walled: list[bool]) -> list[tuple[int, int]]:
    """[start, end) of each run of consecutive walled cells along a grid line: one stroke per
    run (and half a wall's width past each end) leaves no seams at joints and corners."""
    runs, start = [], None
    for i, w in enumerate([*walled, False]):
        if w and start is None:
            start = i
        elif not w and start is not None:
            runs.append((start, i))
            start = None
    return runs


def ramped(t: float) -> float:
    """Distance covered by time t (both 0..1): constant speed, with smooth speed-ups of
    RAMP at both ends; the top speed is 1 / (1 - RAMP) times the average."""
    top = 1 / (1 - RAMP)
    if t < RAMP:
        return top * t * t / (2 * RAMP)
    if t > 1 - RAMP:
        return 1 - top * (1 - t) ** 2 / (2 * RAMP)
    return top * (t - RAMP / 2)


def _cumulative(points):
    total, out = 0.0, [0.0]
    for a, b in itertools.pairwise(points):
        total += ((a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2) ** 0.5
        out.append(total)
    return out
