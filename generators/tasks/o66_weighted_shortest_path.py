"""Weighted path: the lowest-cost 4-neighbour path (or the highest-cost right/down path)."""

from __future__ import annotations

import heapq
import itertools

from generators.kit import (
    FAINT,
    INK,
    MUTED,
    NAMED,
    Canvas,
    CheckFailed,
    Param,
    Task,
    easing,
    register,
    require,
)
from generators.kit.palette import lighten

START = NAMED["green"]
GOAL = NAMED["red"]
PATH = NAMED["blue"]
AREA, Y0 = 700, 150
STEPS4 = ((-1, 0), (1, 0), (0, -1), (0, 1))
STEPS_RD = ((1, 0), (0, 1))
MAX_TWEAKS = 60


def neighbours(r, c, rows, cols, moves):
    for dr, dc in moves:
        if 0 <= r + dr < rows and 0 <= c + dc < cols:
            yield r + dr, c + dc


def best_from(costs, source, moves, better) -> list[list[int]]:
    """Best total (sum of visited cells, both ends included) from `source` to every cell.

    Lowest: Dijkstra. Highest on right/down moves: the grid is a DAG, so a sweep in
    reading order (or reverse reading order when walking backwards) settles every cell."""
    rows, cols = len(costs), len(costs[0])
    if better == "lowest":
        inf = float("inf")
        dist = [[inf] * cols for _ in range(rows)]
        dist[source[0]][source[1]] = costs[source[0]][source[1]]
        heap = [(dist[source[0]][source[1]], source)]
        while heap:
            d, (r, c) = heapq.heappop(heap)
            if d > dist[r][c]:
                continue
            for nr, nc in neighbours(r, c, rows, cols, moves):
                nd = d + costs[nr][nc]
                if nd < dist[nr][nc]:
                    dist[nr][nc] = nd
                    heapq.heappush(heap, (nd, (nr, nc)))
        return dist
    best = [[-1] * cols for _ in range(rows)]
    best[source[0]][source[1]] = costs[source[0]][source[1]]
    forward = moves == STEPS_RD
    order = list(itertools.product(range(rows), range(cols)))
    for r, c in order if forward else order[::-1]:
        if best[r][c] < 0:
            continue
        for nr, nc in neighbours(r, c, rows, cols, moves):
            best[nr][nc] = max(best[nr][nc], best[r][c] + costs[nr][nc])
    return best


def optimal_cells(puzzle: dict) -> tuple[int, set]:
    """The optimal total and the set of cells lying on at least one optimal path."""
    costs, mode = puzzle["costs"], puzzle["mode"]
    start, goal = tuple(puzzle["start"]), tuple(puzzle["goal"])
    fwd_moves = STEPS4 if mode == "lowest" else STEPS_RD
    back_moves = STEPS4 if mode == "lowest" else tuple((-a, -b) for a, b in STEPS_RD)
    f = best_from(costs, start, fwd_moves, mode)
    g = best_from(costs, goal, back_moves, mode)
    opt = f[goal[0]][goal[1]]
    cells = {
        (r, c)
        for r in range(len(costs))
        for c in range(len(costs[0]))
        if f[r][c] + g[r][c] - costs[r][c] == opt and f[r][c] >= 0 and g[r][c] >= 0
    }
    return opt, cells


def count_optimal(puzzle: dict, limit: int = 2) -> int:
    """Optimal paths, counted in the DAG of tight moves (capped at `limit`)."""
    costs, mode = puzzle["costs"], puzzle["mode"]
    rows, cols = len(costs), len(costs[0])
    start, goal = tuple(puzzle["start"]), tuple(puzzle["goal"])
    moves = STEPS4 if mode == "lowest" else STEPS_RD
    f = best_from(costs, start, moves, mode)
    ways = {start: 1}
    for r, c in sorted(itertools.product(range(rows), range(cols)),
                       key=lambda p: f[p[0]][p[1]] if mode == "lowest" else p[0] + p[1]):  # fmt: skip
        if (r, c) not in ways:
            continue
        for nr, nc in neighbours(r, c, rows, cols, moves):
            if f[r][c] + costs[nr][nc] == f[nr][nc]:
                ways[(nr, nc)] = min(limit, ways.get((nr, nc), 0) + ways[(r, c)])
    return ways.get(goal, 0)


@register(
    "O-66_weighted_shortest_path",
    title="Weighted grid path",
    description="Find the unique lowest-cost path (any direction) or highest-cost path "
    "(right/down only) through a grid of cell costs.",
    category="puzzles-logic",
    params=[
        Param("size", "int", 6, 4, 8, help="the grid is size x size cells"),
        Param("max_cost", "int", 9, 3, 9, help="cell costs are 1..max_cost"),
        Param(
            "mode",
            "str",
            "both",
            choices=("lowest", "highest", "both"),
            help="minimise with 4-neighbour moves, maximise with right/down moves, or either",
        ),
    ],
    shard_size=50,
    memory="low",
    instances=2_600_000,  # measured lower bound (4000 draws, no repeat); far more exist
    faculty="spatiality",
    levels={
        1: {"size": 4, "max_cost": 5},
        2: {"size": 5, "max_cost": 9},
        3: {"size": 6, "max_cost": 9},
        4: {"size": 7, "max_cost": 9},
        5: {"size": 8, "max_cost": 9},
    },
)
class WeightedShortestPath(Task):
    def generate(self, rng, params):
        n, top = params["size"], params["max_cost"]
        mode = params["mode"]
        if mode == "both":
            mode = ("lowest", "highest")[int(rng.integers(2))]
        while True:
            costs = [[int(v) for v in row] for row in rng.integers(1, top + 1, size=(n, n))]
            if mode == "highest":
                start, goal = [0, 0], [n - 1, n - 1]
            else:
                cells = [(r, c) for r in range(n) for c in range(n)]
                a, b = (cells[int(i)] for i in rng.choice(n * n, 2, replace=False))
                if abs(a[0] - b[0]) + abs(a[1] - b[1]) < n:
                    continue
                start, goal = list(a), list(b)
            puzzle = {"mode": mode, "costs": costs, "start": start, "goal": goal}
            if self._make_unique(rng, puzzle, top):
                return puzzle

    @staticmethod
    def _make_unique(rng, puzzle, top) -> bool:
        """Nudge the cost of a cell shared by only some optimal paths until one path is best."""
        costs = puzzle["costs"]
        for _ in range(MAX_TWEAKS):
            if count_optimal(puzzle) == 1:
                return True
            _, on_some = optimal_cells(puzzle)
            ends = {tuple(puzzle["start"]), tuple(puzzle["goal"])}
            choices = sorted(on_some - ends)
            r, c = choices[int(rng.integers(len(choices)))]
            if puzzle["mode"] == "lowest" and costs[r][c] < top:
                costs[r][c] += 1
            elif puzzle["mode"] == "highest" and costs[r][c] > 1:
                costs[r][c] -= 1
        return False

    def solve(self, puzzle, params):
        costs, mode = puzzle["costs"], puzzle["mode"]
        rows, cols = len(costs), len(costs[0])
        start, goal = tuple(puzzle["start"]), tuple(puzzle["goal"])
        moves = STEPS4 if mode == "lowest" else STEPS_RD
        best = {start: costs[start[0]][start[1]]}
        back = {start: None}
        if mode == "lowest":  # uniform relaxation until nothing improves (Bellman-Ford)
            changed = True
            while changed:
                changed = False
                for r, c in sorted(best):
                    for nb in neighbours(r, c, rows, cols, moves):
                        cand = best[(r, c)] + costs[nb[0]][nb[1]]
                        if nb not in best or cand < best[nb]:
                            best[nb], back[nb], changed = cand, (r, c), True
        else:
            for r, c in itertools.product(range(rows), range(cols)):
                for nb in neighbours(r, c, rows, cols, moves):
                    cand = best[(r, c)] + costs[nb[0]][nb[1]]
                    if nb not in best or cand > best[nb]:
                        best[nb], back[nb] = cand, (r, c)
        path, node = [], goal
        while node is not None:
            path.append(list(node))
            node = back[node]
        return {"path": path[::-1], "cost": best[goal]}

    def check(self, puzzle, answer, params):
        costs, mode = puzzle["costs"], puzzle["mode"]
        rows, cols = len(costs), len(costs[0])
        try:
            path = [(int(r), int(c)) for r, c in answer["path"]]
            claimed = int(answer["cost"])
        except (TypeError, ValueError, KeyError):
            raise CheckFailed("answer is not a list of [row, col] cells and a cost") from None
        require(len(path) >= 2, "path too short")
        require(path[0] == tuple(puzzle["start"]), "path does not start at the start cell")
        require(path[-1] == tuple(puzzle["goal"]), "path does not end at the goal cell")
        require(all(0 <= r < rows and 0 <= c < cols for r, c in path), "path leaves the grid")
        require(len(set(path)) == len(path), "path visits a cell twice")
        moves = STEPS4 if mode == "lowest" else STEPS_RD
        for (r0, c0), (r1, c1) in itertools.pairwise(path):
            require((r1 - r0, c1 - c0) in moves, f"illegal move from {(r0, c0)} to {(r1, c1)}")
        total = sum(costs[r][c] for r, c in path)
        require(total == claimed, f"path costs {total}, answer says {claimed}")
        opt, on_some = optimal_cells(puzzle)
        require(total == opt, f"path costs {total}, the {mode} possible is {opt}")
        require(on_some == set(path), "another path has the same total: not unique")

    def prompt(self, puzzle, params):
        n = len(puzzle["costs"])
        common = (
            f"The image shows a {n}x{n} grid; every cell holds a cost from 1 to "
            f"{max(max(row) for row in puzzle['costs'])}. The start cell has a green border "
            "and the goal cell a red border. A path's total is the sum of the costs of all the "
            "cells it visits, start and goal included. "
        )
        if puzzle["mode"] == "lowest":
            task = (
                "Find the path from the start to the goal with the lowest total, moving one cell "
                "at a time up, down, left or right. Exactly one path has the lowest total. "
            )
        else:
            task = (
                "Find the path from the start (top-left) to the goal (bottom-right) with the "
                "highest total, moving one cell at a time only right or down. Exactly one path "
                "has the highest total. "
            )
        return (
            common
            + task
            + (
                "Trace the path with a blue line that glides from the start through the centres "
                "of its cells; each cell it reaches is shaded light blue and its cost is added to "
                "the running total below the grid. The costs, the grid and the borders stay "
                "unchanged. The video ends when the line reaches the goal and the final total is "
                "shown."
            )
        )

    def rubric(self, puzzle, answer, params):
        cells = " -> ".join(f"r{r + 1}c{c + 1}" for r, c in answer["path"])
        rule = ("lowest total with up/down/left/right moves" if puzzle["mode"] == "lowest"
                else "highest total with right/down moves only")  # fmt: skip
        return "\n".join([
            f"1. The path starts at the green-bordered cell r{puzzle['start'][0] + 1}"
            f"c{puzzle['start'][1] + 1} and ends at the red-bordered cell "
            f"r{puzzle['goal'][0] + 1}c{puzzle['goal'][1] + 1} (row, column from the top left).",
            "2. Every step moves to an adjacent cell"
            + (" (up, down, left or right)" if puzzle["mode"] == "lowest" else " to the right "
               "or below") + "; no cell is visited twice.",
            f"3. The path is the unique one with the {rule}: {cells}.",
            f"4. The final total shown is {answer['cost']}.",
            "5. The cell costs, grid and borders do not change.",
        ])  # fmt: skip

    def render(self, puzzle, answer, params, film):
        costs, n = puzzle["costs"], len(puzzle["costs"])
        cell = AREA / n
        x0 = (1000 - AREA) / 2
        word = "Lowest" if puzzle["mode"] == "lowest" else "Highest"
        rule = "any direction" if puzzle["mode"] == "lowest" else "right / down only"

        def centre(r, c):
            return (x0 + (c + 0.5) * cell, Y0 + (r + 0.5) * cell)

        def board(shaded) -> Canvas:
            cv = film.canvas()
            cv.text(500, 85, f"{word} total path: {rule}", size=52, bold=True)
            on = {tuple(p) for p in shaded}
            for r in range(n):
                for c in range(n):
                    if (r, c) in on:
                        cv.cell(x0, Y0, cell, r, c, lighten(PATH, 0.7))
                    elif (r + c) % 2:
                        cv.cell(x0, Y0, cell, r, c, FAINT)
            cv.grid(x0, Y0, cell, n, n, color=INK, width=3)
            for (r, c), color in ((puzzle["start"], START), (puzzle["goal"], GOAL)):
                cv.rect(x0 + c * cell + 5, Y0 + r * cell + 5, x0 + (c + 1) * cell - 5,
                        Y0 + (r + 1) * cell - 5, outline=color, width=12)  # fmt: skip
            return cv

        def numbers(cv: Canvas) -> None:
            for r in range(n):
                for c in range(n):
                    x, y = centre(r, c)
                    cv.text(x, y, str(costs[r][c]), size=max(40, cell * 0.42), bold=True)

        def total_text(cv: Canvas, value: str, done: bool) -> None:
            # the number sits left of a fixed point, so the words stay still as it grows
            cv.text(505, 915, "total =", size=48, fill=MUTED if value == "?" else INK,
                    anchor="rm")  # fmt: skip
            cv.text(517, 915, value, size=48, fill=PATH if done else MUTED if value == "?"
                    else INK, anchor="lm", bold=done)  # fmt: skip

        first = board([])
        numbers(first)
        total_text(first, "?", False)
        film.opening(first)
        path = answer["path"]
        points = [centre(r, c) for r, c in path]
        length = cell * (len(path) - 1)
        for t in easing.steps(film.seconds(easing.glide_seconds(length)), easing.cruise):
            reached = min(len(path) - 1, int(t * (len(path) - 1) + 1e-9))  # cells passed
            frame = board(path[: reached + 1])
            head = easing.along_polyline(points, t)
            frame.line([*points[: reached + 1], head], fill=PATH, width=14)
            for r, c in path[: reached + 1]:  # a disc under each digit keeps it readable
                frame.circle(*centre(r, c), cell * 0.3, fill=lighten(PATH, 0.7))
            numbers(frame)
            total = sum(costs[r][c] for r, c in path[: reached + 1])
            total_text(frame, str(total), t == 1)
            film.add(frame)
        film.closing(frame)
