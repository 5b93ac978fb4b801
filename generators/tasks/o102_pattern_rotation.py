"""Pattern rotation: a pattern of coloured cells on a grid and a stated turn (90, 180 or 270
degrees clockwise) or, at higher levels, a mirror flip; fill the empty target grid with the
transformed pattern. A copy of the pattern fades in over the target grid as it is, turns or
flips smoothly and settles into the target cells.

Patterns are kept only when their eight rotations and reflections all differ, so no other
transformation gives the same target. The solver turns the grid with numpy; the checker
maps every cell by its own coordinate formula.
"""

from __future__ import annotations

import math

import numpy as np

from generators.kit import BACKGROUND, INK, MUTED, NAMED, Param, Task, easing, register, require
from generators.kit.rng import choose

COLORS = ("red", "blue", "green", "orange", "purple")
TURNS = {"rotate 90": 1, "rotate 180": 2, "rotate 270": 3}  # quarter turns clockwise
FLIPS = ("mirror left-right", "mirror top-bottom")
LABEL = {"rotate 90": "Rotate 90° clockwise", "rotate 180": "Rotate 180° clockwise",
         "rotate 270": "Rotate 270° clockwise", "mirror left-right": "Mirror left-right",
         "mirror top-bottom": "Mirror top-bottom"}  # fmt: skip
SPAN, GRID_Y = 340.0, 560.0  # each grid is SPAN units wide, centred at GRID_Y
# grid centres; the turning copy's corners (SPAN / sqrt 2 from its centre) stay on the canvas
SOURCE_X, TARGET_X = 250.0, 730.0


def source_cell(op: str, n: int, r: int, c: int) -> tuple[int, int]:
    """The source cell whose colour lands on target cell (r, c)."""
    return {
        "rotate 90": (n - 1 - c, r),
        "rotate 180": (n - 1 - r, n - 1 - c),
        "rotate 270": (c, n - 1 - r),
        "mirror left-right": (r, n - 1 - c),
        "mirror top-bottom": (n - 1 - r, c),
    }[op]


def images(grid: list[list[str]]) -> list[tuple]:
    """The pattern under all eight rotations and reflections of the square."""
    a = np.array(grid, dtype=object)
    out = []
    for m in (a, a.T):
        for k in range(4):
            out.append(tuple(map(tuple, np.rot90(m, k))))
    return out


@register(
    "O-102_pattern_rotation",
    title="Pattern rotation",
    description="Fill an empty grid with a coloured cell pattern turned 90, 180 or 270 degrees "
    "clockwise (or mirrored at higher levels).",
    category="spatial-visual",
    params=[
        Param("size", "int", 4, 3, 6, help="cells along each side of the grids"),
        Param("cells", "int", 6, 3, 14, help="coloured cells in the pattern"),
        Param("colors", "int", 3, 1, 4, help="colours used"),
        Param("mirrors", "bool", False, help="mirror flips may be asked as well as turns"),
    ],
    shard_size=60,
    memory="low",
    instances=2_666_666,
    faculty="transformation",
    levels={
        1: {"size": 3, "cells": 3, "colors": 1, "mirrors": False},
        2: {"size": 4, "cells": 5, "colors": 2, "mirrors": False},
        3: {"size": 4, "cells": 6, "colors": 3, "mirrors": False},
        4: {"size": 5, "cells": 8, "colors": 3, "mirrors": True},
        5: {"size": 6, "cells": 11, "colors": 4, "mirrors": True},
    },
)  # fmt: skip
class PatternRotation(Task):
    def generate(self, rng, params):
        n, k = params["size"], min(params["cells"], params["size"] ** 2 - 1)
        ops = list(TURNS) + (list(FLIPS) if params["mirrors"] else [])
        palette = choose(rng, COLORS, params["colors"])
        while True:
            grid = [[""] * n for _ in range(n)]
            for i in choose(rng, range(n * n), k):
                grid[i // n][i % n] = palette[int(rng.integers(len(palette)))]
            if len(set(images(grid))) == 8:
                return {"size": n, "pattern": grid, "op": ops[int(rng.integers(len(ops)))]}

    def solve(self, puzzle, params):
        a, op = np.array(puzzle["pattern"], dtype=object), puzzle["op"]
        if op in TURNS:
            b = np.rot90(a, -TURNS[op])  # numpy turns counter-clockwise for positive k
        else:
            b = np.fliplr(a) if op == "mirror left-right" else np.flipud(a)
        return {"target": [list(map(str, row)) for row in b]}

    def check(self, puzzle, answer, params):
        n, op, src = puzzle["size"], puzzle["op"], puzzle["pattern"]
        require(op in TURNS or op in FLIPS, f"unknown transformation {op!r}")
        require(len(set(images(src))) == 8, "the pattern has a symmetry: targets are ambiguous")
        grid = answer["target"]
        require(isinstance(grid, list) and len(grid) == n
                and all(isinstance(row, list) and len(row) == n for row in grid),
                f"the target must be {n} x {n} cells")  # fmt: skip
        for r in range(n):
            for c in range(n):
                want = src[source_cell(op, n, r, c)[0]][source_cell(op, n, r, c)[1]]
                require(grid[r][c] == want, f"target row {r + 1}, column {c + 1} must be "
                        f"{want or 'empty'}, not {grid[r][c] or 'empty'}")  # fmt: skip

    def prompt(self, puzzle, params):
        n, op = puzzle["size"], puzzle["op"]
        k = sum(1 for row in puzzle["pattern"] for v in row if v)
        if op in TURNS:
            what = f"turned {TURNS[op] * 90} degrees clockwise"
            move = f"turns clockwise through {TURNS[op] * 90} degrees about its centre"
        else:
            side = "left and right" if op == "mirror left-right" else "top and bottom"
            what = f"mirrored, its {side} swapped"
            move = f"flips over, swapping its {side}"
        return (
            f"The image shows two {n} x {n} grids: on the left a pattern of {k} coloured "
            "cells, on the right an empty target grid, with the instruction "
            f"'{LABEL[op]}' above them. Fill the target grid with the pattern {what}: "
            "every coloured cell lands where the transformation takes it, keeping its colour, "
            "and every other target cell stays empty. A copy of the pattern fades in over the "
            "target grid in its original orientation within half a second, then smoothly "
            f"{move}, and settles into the target cells. The left grid and the instruction stay "
            "unchanged. The video ends when the target grid is filled."
        )

    def rubric(self, puzzle, answer, params):
        n, op = puzzle["size"], puzzle["op"]
        rows = [" ".join(v or "." for v in row) for row in answer["target"]]
        motion = (f"turns clockwise through {TURNS[op] * 90} degrees about the grid's centre"
                  if op in TURNS else "flips over once about its middle line (a mirror image)")  # fmt: skip
        return "\n".join([
            "1. A copy of the pattern fades in over the target grid in its original "
            f"orientation, then smoothly {motion}; nothing jumps.",
            "2. In the final frame the target grid (rows top to bottom, '.' empty) reads: "
            + "; ".join(rows) + ".",
            f"3. Exactly {sum(1 for row in answer['target'] for v in row if v)} target cells "
            f"are coloured, each with its cell's colour from the pattern; the other "
            f"{n * n - sum(1 for row in answer['target'] for v in row if v)} stay empty.",
            "4. The left grid and the instruction do not change.",
        ])  # fmt: skip

    def render(self, puzzle, answer, params, film):
        n, op = puzzle["size"], puzzle["op"]
        cell = SPAN / n
        base = film.canvas()
        base.text(500, 120, LABEL[op], size=56, bold=True)
        base.arrow((455, GRID_Y), (545, GRID_Y), fill=MUTED, width=10)
        for x, label in ((SOURCE_X, "Pattern"), (TARGET_X, "Target")):
            base.text(x, GRID_Y - SPAN / 2 - 45, label, size=40, fill=MUTED)
        draw_grid(base, SOURCE_X, puzzle["pattern"])
        draw_grid(base, TARGET_X, [[""] * n for _ in range(n)])
        film.opening(base)
        cells = [((c + 0.5) * cell - SPAN / 2, (r + 0.5) * cell - SPAN / 2, NAMED[v])
                 for r, row in enumerate(puzzle["pattern"]) for c, v in enumerate(row) if v]  # fmt: skip

        def frame(angle=0.0, sx=1.0, sy=1.0, fade=1.0):
            """The copy on the target grid, scaled by (sx, sy), then turned by angle."""
            f = base.copy()
            ca, sa = math.cos(angle), math.sin(angle)
            # a flipping copy darkens as it turns edge-on, the way a card tilted from the light does
            edge_on = 1 - abs(sx * sy)

            def shade(color):
                return easing.lerp_color(color, INK, 0.35 * edge_on)

            def place(x, y):
                x, y = x * sx, y * sy
                return TARGET_X + x * ca - y * sa, GRID_Y + x * sa + y * ca

            h = SPAN / 2  # the copy's border turns with it, so the turn reads as one piece
            f.polygon([place(x, y) for x, y in ((-h, -h), (h, -h), (h, h), (-h, h))],
                      outline=easing.lerp_color(BACKGROUND, MUTED, fade), width=5)  # fmt: skip
            q = cell / 2 + 1.5  # neighbours overlap: no seam of blended pixels between them
            for x, y, color in cells:
                f.polygon([place(x + dx, y + dy) for dx, dy in ((-q, -q), (q, -q), (q, q), (-q, q))],
                          fill=easing.lerp_color(BACKGROUND, shade(color), fade))  # fmt: skip
            if edge_on:  # a flipping copy squeezes under the grid's lines, which stay whole
                draw_lines(f, TARGET_X, n)
            return f

        for t in easing.steps(film.seconds(0.5)):
            film.add(frame(fade=t))
        film.hold(frame(), 0.3)
        corner = SPAN / math.sqrt(2)
        if op in TURNS:
            turn = TURNS[op] * math.pi / 2
            for t in easing.steps(easing.glide_frames(film, corner * turn), easing.ease_in_out):
                film.add(frame(angle=turn * t))
        else:
            # x = h cos(pi t) eases in and out by itself: its top speed is pi / 2 its mean
            for t in easing.steps(easing.glide_frames(film, SPAN, peak=math.pi / 2)):
                k = math.cos(math.pi * t)
                film.add(frame(sx=k if op == "mirror left-right" else 1.0,
                               sy=k if op == "mirror top-bottom" else 1.0))  # fmt: skip
        final = base.copy()
        draw_grid(final, TARGET_X, answer["target"])
        film.closing(final)  # the copy settles into the target cells


def draw_grid(canvas, cx: float, grid: list[list[str]]) -> None:
    n = len(grid)
    cell, x0, y0 = SPAN / n, cx - SPAN / 2, GRID_Y - SPAN / 2
    for r, row in enumerate(grid):
        for c, v in enumerate(row):
            if v:
                canvas.cell(x0, y0, cell, r, c, NAMED[v])
    draw_lines(canvas, cx, n)


def draw_lines(canvas, cx: float, n: int) -> None:
    canvas.grid(cx - SPAN / 2, GRID_Y - SPAN / 2, SPAN / n, n, n, color=INK, width=3,
                thick_every=n, thick=5)  # fmt: skip
