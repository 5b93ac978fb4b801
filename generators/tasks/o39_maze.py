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
    instances=10**30,
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
            "the line. The walls, the start and the goal do not change. The video ends when the "
            "blue dot reaches the red cell."
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
        board.cell(x0, y0, cell, *puzzle["start"], START_COLOR)
        board.cell(x0, y0, cell, *puzzle["goal"], GOAL_COLOR)
        board.rect(x0, y0, x0 + AREA, y0 + AREA, outline=INK, width=wall)
        for r, row in enumerate(puzzle["cells"]):
            for c, sides in enumerate(row):
                left, top = x0 + c * cell, y0 + r * cell
                if not sides & S and r < n - 1:
                    board.line([(left, top + cell), (left + cell, top + cell)], INK, wall)
                if not sides & E and c < n - 1:
                    board.line([(left + cell, top), (left + cell, top + cell)], INK, wall)
        film.hold(board, 1.0)
        points = [centre(r, c) for r, c in answer["path"]]
        steps = film.seconds(min(4.5, 1.0 + 0.12 * len(points)))
        line_w, dot_r = max(5.0, cell / 5), max(9.0, cell / 3.2)
        dists = _cumulative(points)
        frame = board
        for t in easing.steps(steps, easing.ease_in_out):
            tip = easing.along_polyline(points, t)
            done = [p for p, d in zip(points, dists) if d <= t * dists[-1]]
            frame = board.copy()
            frame.line([*done, tip], PATH_COLOR, line_w)
            frame.dot(tip, dot_r, PATH_COLOR)
            film.add(frame)
        film.hold(frame, 1.0)


def _cumulative(points):
    total, out = 0.0, [0.0]
    for a, b in itertools.pairwise(points):
        total += ((a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2) ** 0.5
        out.append(total)
    return out
