"""Dye diffusion: dye dropped into one cell of a grid of water cells spreads, one step at a
time, into every neighbouring cell not cut off by a wall; show the spread step by step until
it stops, and when the ringed target cell turns blue.

The solver spreads the dye breadth-first. The checker verifies the answer's step of every
cell from the walls alone: the source is step 0, every other dyed cell has an open
neighbour one step earlier and none earlier still, and no clean cell has a dyed open
neighbour; that pins the steps down uniquely.
"""

from __future__ import annotations

from generators.kit import INK, MUTED, NAMED, Param, Task, easing, register, require
from generators.kit.rng import pick

DYE, WATER = NAMED["blue"], (214, 234, 248)
DROP = (20, 50, 120)  # the dark blue drop that marks the source cell
GRID_Y = 150.0


def neighbours(puzzle: dict, r: int, c: int):
    """Open neighbours of a cell: inside the grid, not a rock, no wall between."""
    n, walls, rocks = puzzle["size"], puzzle["walls"], puzzle["rocks"]
    for dr, dc in ((0, 1), (1, 0), (0, -1), (-1, 0)):
        rr, cc = r + dr, c + dc
        if 0 <= rr < n and 0 <= cc < n and [rr, cc] not in rocks:
            edge = sorted([[r, c], [rr, cc]])
            if edge not in walls:
                yield rr, cc


def spread(puzzle: dict) -> dict[tuple[int, int], int]:
    """The step at which the dye reaches each cell it reaches (breadth-first)."""
    start = tuple(puzzle["source"])
    steps, frontier = {start: 0}, [start]
    while frontier:
        nxt = []
        for r, c in frontier:
            for cell in neighbours(puzzle, r, c):
                if cell not in steps:
                    steps[cell] = steps[(r, c)] + 1
                    nxt.append(cell)
        frontier = nxt
    return steps


@register(
    "O-100_dye_diffusion",
    title="Dye diffusion",
    description="Dye dropped into one cell spreads step by step into every neighbouring cell not cut off by a wall; show the spread and when the ringed target turns blue.",
    category="spatial-visual",
    params=[
        Param("size", "int", 6, 4, 8, help="cells per side of the grid"),
        Param("walls", "float", 0.3, 0.1, 0.4, help="share of inner cell edges that are walls"),
        Param("rocks", "int", 3, 0, 6, help="solid cells the dye cannot enter"),
    ],
    shard_size=60,
    memory="low",
    instances=2_666_666,
    faculty="transformation",
    levels={
        1: {"size": 4, "walls": 0.15, "rocks": 1},
        2: {"size": 5, "walls": 0.2, "rocks": 2},
        3: {"size": 6, "walls": 0.3, "rocks": 3},
        4: {"size": 7, "walls": 0.3, "rocks": 4},
        5: {"size": 8, "walls": 0.35, "rocks": 6},
    },
)  # fmt: skip
class DyeDiffusion(Task):
    def generate(self, rng, params):
        n = params["size"]
        cells = [[r, c] for r in range(n) for c in range(n)]
        while True:
            edges = [[[r, c], [r, c + 1]] for r in range(n) for c in range(n - 1)]
            edges += [[[r, c], [r + 1, c]] for r in range(n - 1) for c in range(n)]
            walls = [e for e in edges if rng.random() < params["walls"]]
            order = [cells[int(i)] for i in rng.permutation(len(cells))]
            rocks, source = sorted(order[: params["rocks"]]), order[params["rocks"]]
            puzzle = {"size": n, "walls": walls, "rocks": rocks, "source": source}
            steps = spread(puzzle)
            far = [list(cell) for cell, d in steps.items() if d >= n - 1]
            if len(steps) >= n * n // 2 and far:  # the dye gets somewhere
                puzzle["target"] = pick(rng, sorted(far))
                return puzzle

    def solve(self, puzzle, params):
        steps = spread(puzzle)
        n = puzzle["size"]
        grid = [[steps.get((r, c), -1) for c in range(n)] for r in range(n)]
        clean = sum(1 for row in grid for d in row if d < 0) - len(puzzle["rocks"])
        return {"steps": grid, "target_step": steps[tuple(puzzle["target"])],
                "last_step": max(steps.values()), "clean": clean}  # fmt: skip

    def check(self, puzzle, answer, params):
        n, grid = puzzle["size"], answer["steps"]
        require(len(grid) == n and all(len(row) == n for row in grid), f"the steps are not {n}x{n}")
        sr, sc = puzzle["source"]
        require(grid[sr][sc] == 0, "the source cell is not dyed at step 0")
        for r in range(n):
            for c in range(n):
                d = grid[r][c]
                if [r, c] in puzzle["rocks"]:
                    require(d == -1, f"rock ({r + 1}, {c + 1}) cannot take dye")
                    continue
                near = [grid[rr][cc] for rr, cc in neighbours(puzzle, r, c) if grid[rr][cc] >= 0]
                if d < 0:
                    require(not near, f"cell ({r + 1}, {c + 1}) touches dye but stays clean")
                elif d > 0:
                    require(min(near, default=99) == d - 1,
                            f"cell ({r + 1}, {c + 1}) cannot be dyed at step {d}")  # fmt: skip
        tr, tc = puzzle["target"]
        require(answer["target_step"] == grid[tr][tc] >= 0,
                f"the target turns blue at step {grid[tr][tc]}")  # fmt: skip
        require(answer["last_step"] == max(max(row) for row in grid),
                "the spread's last step is wrong")  # fmt: skip
        clean = sum(1 for row in grid for d in row if d < 0) - len(puzzle["rocks"])
        require(answer["clean"] == clean, f"{clean} water cells stay clean")

    def prompt(self, puzzle, params):
        n, w, k = puzzle["size"], len(puzzle["walls"]), len(puzzle["rocks"])
        rocks = f", {k} grey rock cells that nothing enters" if k else ""
        return (
            f"The image shows a {n}x{n} grid of water cells with {w} thick black walls between "
            f"some neighbouring cells{rocks}, a dark blue drop of dye in one cell and a ringed "
            "target cell. At every step the dye spreads from each dyed cell into each "
            "neighbouring water cell (up, down, left or right) that no wall separates from it. "
            "Show the spread: the video shows one step every half second, the newly reached "
            "cells turning blue, with a step counter, until the dye can spread no further. "
            "Walls and rocks never change."
        )

    def rubric(self, puzzle, answer, params):
        a = answer
        return "\n".join([
            "1. The grid, walls, rocks and the ring stay unchanged; only cells change colour.",
            "2. Step by step, exactly the water cells next to a dyed cell with no wall between "
            "them turn blue; dye never crosses a wall or enters a rock.",
            f"3. The ringed target turns blue at step {a['target_step']}.",
            f"4. The spread stops after step {a['last_step']}; the counter ends at "
            f"{a['last_step']}.",
            f"5. In the final frame {a['clean']} water cell{'s' if a['clean'] != 1 else ''} "
            "stay clean (walled off from the dye).",
        ])  # fmt: skip

    def render(self, puzzle, answer, params, film):
        n, grid = puzzle["size"], answer["steps"]
        cell = min(110.0, 760.0 / n)
        x0, y0 = 500 - cell * n / 2, GRID_Y + 40

        def board(level: float, step: int):
            """The board with cells of steps < level dyed (the cells of step `level` rounded
            up fading in)."""
            f = film.canvas()
            for r in range(n):
                for c in range(n):
                    d = grid[r][c]
                    if [r, c] in puzzle["rocks"]:
                        color = (150, 150, 150)
                    elif d >= 0 and level - d + 1 > 0:
                        color = easing.lerp_color(WATER, DYE, min(1.0, level - d + 1))
                    else:
                        color = WATER
                    f.cell(x0, y0, cell, r, c, color)
            f.grid(x0, y0, cell, n, n, color=MUTED, width=2)
            for a, b in puzzle["walls"]:
                draw_wall(f, x0, y0, cell, a, b)
            f.rect(x0, y0, x0 + n * cell, y0 + n * cell, outline=INK, width=8)
            tr, tc = puzzle["target"]
            f.circle(x0 + (tc + 0.5) * cell, y0 + (tr + 0.5) * cell, cell * 0.3, outline=INK,
                     width=7)  # fmt: skip
            sr, sc = puzzle["source"]
            f.circle(x0 + (sc + 0.5) * cell, y0 + (sr + 0.5) * cell, cell * 0.14, fill=DROP)
            f.text(500, 95, f"Step {step}", size=52, bold=True)
            return f

        film.opening(board(-1.0, 0))
        for step in range(answer["last_step"] + 1):
            frames = film.seconds(0.25)
            for t in easing.steps(frames):  # the new cells fade in, then the step holds
                film.add(board(step - 1 + t, step))
            if step < answer["last_step"]:
                film.hold(board(float(step), step), 0.25)
        film.closing(board(float(answer["last_step"]), answer["last_step"]))


def draw_wall(canvas, x0: float, y0: float, cell: float, a, b) -> None:
    (r, c), (rr, cc) = a, b
    if r == rr:  # side by side: a vertical wall on their shared edge
        x = x0 + cc * cell
        canvas.line([(x, y0 + r * cell - 4), (x, y0 + (r + 1) * cell + 4)], fill=INK, width=12)
    else:
        y = y0 + rr * cell
        canvas.line([(x0 + c * cell - 4, y), (x0 + (c + 1) * cell + 4, y)], fill=INK, width=12)
