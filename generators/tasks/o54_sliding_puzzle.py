"""Sliding puzzle: put the eight tiles of a 3x3 puzzle in order in the fewest moves.

Each puzzle is a position whose shortest solution has a number of moves in a range (every
such position equally likely; the prompt does not say how many). The solver finds one
shortest solution by A* search and the checker proves the length optimal by a separate
breadth-first search from both ends. The video glides the tiles one move at a time.
"""

from __future__ import annotations

import heapq
from functools import cache

import numpy as np

from generators.kit import (
    FAINT,
    INK,
    MUTED,
    NAMED,
    Canvas,
    Param,
    Task,
    distinct,
    easing,
    register,
    require,
)

GOALS = {  # 0 is the empty square
    "blank last": (1, 2, 3, 4, 5, 6, 7, 8, 0),
    "blank first": (0, 1, 2, 3, 4, 5, 6, 7, 8),
}
NEIGHBOURS = [[j for j in (i - 3, i + 3, i - 1 if i % 3 else -1, i + 1 if i % 3 < 2 else -1)
               if 0 <= j < 9] for i in range(9)]  # fmt: skip
BOARD_X, BOARD_Y, CELL = 60, 200, 220
GOAL_X, GOAL_Y, GOAL_CELL = 762, 290, 58
TILE = NAMED["blue"]


def slide(state: tuple, tile: int) -> tuple | None:
    """The state after sliding `tile` into the empty square, or None if it is not next to it."""
    z, t = state.index(0), state.index(tile)
    if t not in NEIGHBOURS[z]:
        return None
    s = list(state)
    s[z], s[t] = s[t], s[z]
    return tuple(s)


def solvable(state: tuple, goal: tuple) -> bool:
    """Same permutation parity as the goal (3 columns: the blank's row does not matter)."""

    def inversions(s):
        tiles = [v for v in s if v]
        return sum(1 for i in range(8) for j in range(i + 1, 8) if tiles[i] > tiles[j])

    return inversions(state) % 2 == inversions(goal) % 2


def astar(start: tuple, goal: tuple) -> list[int]:
    """A shortest list of tiles to slide (Manhattan-distance A*, deterministic ties)."""
    where = {v: divmod(i, 3) for i, v in enumerate(goal)}

    def h(s):
        return sum(abs(r - where[v][0]) + abs(c - where[v][1])
                   for i, v in enumerate(s) if v for r, c in [divmod(i, 3)])  # fmt: skip

    frontier = [(h(start), 0, start)]
    came: dict[tuple, tuple[tuple, int] | None] = {start: None}
    cost = {start: 0}
    while frontier:
        _, g, s = heapq.heappop(frontier)
        if s == goal:
            path = []
            while came[s] is not None:
                s, tile = came[s]
                path.append(tile)
            return path[::-1]
        if g > cost[s]:
            continue
        z = s.index(0)
        for j in NEIGHBOURS[z]:
            t = slide(s, s[j])
            if t not in cost or g + 1 < cost[t]:
                cost[t] = g + 1
                came[t] = (s, s[j])
                heapq.heappush(frontier, (g + 1 + h(t), g + 1, t))
    raise ValueError("unsolvable")


def bfs_distance(start: tuple, goal: tuple, limit: int = 40) -> int | None:
    """Fewest moves between two states (None if more than `limit`), by breadth-first search
    from both ends, one whole level at a time."""
    if start == goal:
        return 0
    sides = [{start: 0}, {goal: 0}]
    fronts = [[start], [goal]]
    depth = [0, 0]
    while depth[0] + depth[1] < limit:
        k = 0 if len(fronts[0]) <= len(fronts[1]) else 1
        seen, other = sides[k], sides[1 - k]
        nxt, best = [], None
        for s in fronts[k]:
            z = s.index(0)
            for j in NEIGHBOURS[z]:
                t = list(s)
                t[z], t[j] = t[j], t[z]
                t = tuple(t)
                if t in other:
                    length = seen[s] + 1 + other[t]
                    best = length if best is None else min(best, length)
                if t not in seen:
                    seen[t] = seen[s] + 1
                    nxt.append(t)
        if best is not None:
            return best if best <= limit else None
        fronts[k] = nxt
        depth[k] += 1
    return None


@cache
def by_distance(goal_name: str) -> tuple[np.ndarray, ...]:
    """Every position that can reach the goal, grouped by its fewest moves to it (a
    breadth-first search out from the goal, about a second), each group sorted; a position
    is stored as the 9-digit number its tiles read row by row."""
    goal = GOALS[goal_name]
    seen, layer, out = {goal}, [goal], []
    while layer:
        out.append(np.array(sorted(int("".join(map(str, s))) for s in layer), dtype=np.int32))
        nxt = []
        for s in layer:
            z = s.index(0)
            for j in NEIGHBOURS[z]:
                t = list(s)
                t[z], t[j] = t[j], t[z]
                t = tuple(t)
                if t not in seen:
                    seen.add(t)
                    nxt.append(t)
        layer = nxt
    return tuple(out)


@register(
    "O-54_sliding_puzzle",
    title="Sliding puzzle",
    description="Slide the tiles of a 3x3 puzzle into order; the shortest solution has exactly N moves.",
    category="puzzles-logic",
    params=[
        Param("min_moves", "int", 14, 1, 31, help="fewest moves of the shortest solution"),
        Param("max_moves", "int", 24, 1, 31, help="most moves of the shortest solution"),
    ],
    shard_size=20,
    memory="low",
    faculty="spatiality",
    levels={
        1: {"min_moves": 3, "max_moves": 6},
        2: {"min_moves": 7, "max_moves": 12},
        3: {"min_moves": 14, "max_moves": 24},
        4: {"min_moves": 20, "max_moves": 26},
        5: {"min_moves": 25, "max_moves": 31},
    },
    # positions whose shortest solution has 14-24 moves: 137,261 for either goal layout
    instances=274_522,
)
class SlidingPuzzle(Task):
    def generate(self, rng, params):
        """The goal layout is drawn; the position is the instance number, an index into every
        position whose shortest solution is lo..hi moves (uniform over them, as before)."""
        lo, hi = sorted((params["min_moves"], params["max_moves"]))
        goal_name = ("blank last", "blank first")[int(rng.integers(2))]
        wanted = by_distance(goal_name)[lo : hi + 1]
        ends = np.cumsum([len(level) for level in wanted])
        x = distinct(rng, int(ends[-1]))
        k = int(np.searchsorted(ends, x, side="right"))  # the group holding position x
        tiles = wanted[k][x - (int(ends[k - 1]) if k else 0)]
        return {"tiles": [int(c) for c in f"{tiles:09d}"], "goal": goal_name}

    def solve(self, puzzle, params):
        path = astar(tuple(puzzle["tiles"]), GOALS[puzzle["goal"]])
        return {"moves": path, "count": len(path)}

    def check(self, puzzle, answer, params):
        start, goal = tuple(puzzle["tiles"]), GOALS[puzzle["goal"]]
        require(sorted(start) == list(range(9)), "the board does not hold tiles 1-8 and a gap")
        require(solvable(start, goal), "the position cannot reach the goal")
        s = start
        for k, tile in enumerate(answer["moves"]):
            t = slide(s, tile)
            require(t is not None, f"move {k + 1}: tile {tile} is not next to the empty square")
            s = t
        require(s == goal, "the tiles do not end in order")
        require(answer["count"] == len(answer["moves"]), "the move count is wrong")
        best = bfs_distance(start, goal)
        require(len(answer["moves"]) == best, f"{len(answer['moves'])} moves, but {best} suffice")

    def prompt(self, puzzle, params):
        where = "bottom-right" if puzzle["goal"] == "blank last" else "top-left"
        order = ("1 2 3 / 4 5 6 / 7 8 and the empty square" if puzzle["goal"] == "blank last"
                 else "the empty square and 1 2 / 3 4 5 / 6 7 8")  # fmt: skip
        return (
            "The image shows a 3x3 sliding puzzle with eight numbered blue tiles and one empty "
            "square; the small picture labelled 'Goal' shows the target order. Slide one tile "
            "at a time into the empty square (only a tile next to it, horizontally or "
            f"vertically) until the tiles read {order} row by row, with the empty square at "
            f"the {where}. Use the fewest possible moves. Each tile glides into the empty square; "
            "tiles keep their numbers and the goal picture stays unchanged. The counter shows "
            "the moves made; the video ends when the board matches the goal."
        )

    def rubric(self, puzzle, answer, params):
        return "\n".join([
            "1. Only one tile moves at a time, sliding into the adjacent empty square.",
            "2. Each tile glides into place; no tile jumps, leaves the board or changes its number.",
            f"3. The puzzle is solved in exactly {answer['count']} moves, the fewest possible; "
            f"the counter ends at {answer['count']}.",
            "4. The final board matches the goal picture exactly.",
            f"5. One shortest solution slides the tiles {' '.join(map(str, answer['moves']))}; "
            "another shortest order is also correct.",
        ])  # fmt: skip

    def render(self, puzzle, answer, params, film):
        goal = GOALS[puzzle["goal"]]
        base = film.canvas()
        base.text(500, 90, "Slide the tiles into order", size=54, bold=True)
        base.rect(BOARD_X - 14, BOARD_Y - 14, BOARD_X + 3 * CELL + 14, BOARD_Y + 3 * CELL + 14,
                  fill=INK, radius=18)  # fmt: skip
        for i in range(9):
            r, c = divmod(i, 3)
            base.rect(BOARD_X + c * CELL + 5, BOARD_Y + r * CELL + 5, BOARD_X + (c + 1) * CELL - 5,
                      BOARD_Y + (r + 1) * CELL - 5, fill=FAINT, radius=12)  # fmt: skip
        base.text(GOAL_X + 1.5 * GOAL_CELL, GOAL_Y - 40, "Goal", size=44, bold=True)
        for i, v in enumerate(goal):
            r, c = divmod(i, 3)
            x, y = GOAL_X + c * GOAL_CELL, GOAL_Y + r * GOAL_CELL
            if v:
                base.rect(x + 2, y + 2, x + GOAL_CELL - 2, y + GOAL_CELL - 2, fill=TILE, radius=6)
                base.text(x + GOAL_CELL / 2, y + GOAL_CELL / 2, str(v), size=40,
                          fill=(255, 255, 255), bold=True)  # fmt: skip
        base.rect(GOAL_X - 4, GOAL_Y - 4, GOAL_X + 3 * GOAL_CELL + 4, GOAL_Y + 3 * GOAL_CELL + 4,
                  outline=MUTED, width=4)  # fmt: skip

        def tile(c: Canvas, v: int, x: float, y: float) -> None:  # (x, y) = top-left
            c.rect(x + 9, y + 9, x + CELL - 9, y + CELL - 9, fill=TILE, outline=INK, width=4,
                   radius=16)  # fmt: skip
            c.text(x + CELL / 2, y + CELL / 2, str(v), size=110, fill=(255, 255, 255), bold=True)

        def cell_xy(i: int) -> tuple[float, float]:
            r, c = divmod(i, 3)
            return (BOARD_X + c * CELL, BOARD_Y + r * CELL)

        def board(state, count, skip=None) -> Canvas:
            c = base.copy()
            for i, v in enumerate(state):
                if v and v != skip:
                    tile(c, v, *cell_xy(i))
            c.text(BOARD_X + 1.5 * CELL, BOARD_Y + 3 * CELL + 70, f"Moves: {count}", size=48,
                   fill=MUTED, bold=True)  # fmt: skip
            return c

        state = tuple(puzzle["tiles"])
        film.opening(board(state, 0))
        glide = film.seconds(easing.glide_seconds(CELL))
        for k, v in enumerate(answer["moves"], start=1):
            still = board(state, k - 1, skip=v)
            a, b = cell_xy(state.index(v)), cell_xy(state.index(0))
            for t in list(easing.steps(glide, easing.cruise))[:-1]:
                frame = still.copy()
                tile(frame, v, *easing.lerp_point(a, b, t))
                film.add(frame)
            state = slide(state, v)
            film.add(board(state, k))
        film.closing(board(state, len(answer["moves"])))
