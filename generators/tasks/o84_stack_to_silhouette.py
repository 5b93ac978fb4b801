"""Stack to silhouette: pick blocks from a tray and stack them so that they fill a dashed
target silhouette exactly.

The silhouette is a tower of layers (rectangles on a unit grid), each of a different size and
each resting with its centre over the layer below, neighbours of different widths so every
layer shows in the outline. The tray holds one block per layer, in shuffled order, plus
decoy blocks of sizes no layer has. The checker decomposes the silhouette on its own (row by
row from the floor, trying every tray block) and proves exactly one stack fills it.
"""

from __future__ import annotations

import itertools
import math

from generators.kit import INK, MUTED, NAMED, Param, Task, easing, register, require
from generators.kit.geometry import round_corners
from generators.kit.rng import choose, shuffled

U = 42.0  # canvas units per grid unit (the widest tray, 19 units and 7 blocks, fits)
SITE_COLS = 14
FLOOR_Y, SITE_X = 930.0, 500.0 - SITE_COLS * U / 2  # the floor; x of grid column 0
TRAY = (40.0, 90.0, 960.0, 250.0)  # the tray the blocks start on
GRID = (226, 226, 220)
SPEED = 0.85 * easing.GLIDE_SPEED  # a margin: the dashed outline over a gliding block
# cuts it into pieces whose centres shift a little more than the block does
SIZES = [(w, h) for w in range(1, 5) for h in (1, 2)]
COLORS = ("red", "blue", "green", "orange", "purple", "yellow", "pink", "cyan")


def cells_of(layers) -> set[tuple[int, int]]:
    """The unit cells (column, row from the floor) of layers [w, h, x] stacked bottom-up."""
    out, y = set(), 0
    for w, h, x in layers:
        out |= {(x + i, y + j) for i in range(w) for j in range(h)}
        y += h
    return out


def stacks(silhouette: set, blocks: list) -> list[list[int]]:
    """Every way to fill the silhouette with tray blocks, as lists of block indices bottom
    to top: the lowest unfilled row of the silhouette must be exactly one block's width."""
    found = []

    def fill(y: int, used: list[int]) -> None:
        row = sorted(c for c, r in silhouette if r == y)
        if not row:
            if not any(r > y for _, r in silhouette):
                found.append(list(used))
            return
        a, w = row[0], len(row)
        if row[-1] - a + 1 != w:
            return
        for i, (bw, bh) in enumerate(blocks):
            if i in used or bw != w:
                continue
            if all(sorted(c for c, r in silhouette if r == y + k) == row for k in range(bh)):
                fill(y + bh, [*used, i])

    fill(0, [])
    return found


@register(
    "O-84_stack_to_silhouette",
    title="Stack to silhouette",
    description="Pick blocks from a tray and stack them so that they fill a dashed target silhouette exactly; decoy blocks stay on the tray.",
    category="spatial-visual",
    params=[
        Param("layers", "int", 4, 2, 5, help="blocks in the stack"),
        Param("decoys", "int", 2, 0, 2, help="tray blocks no layer needs"),
    ],
    shard_size=60,
    memory="low",
    instances=2_666_666,
    faculty="spatiality",
    levels={
        1: {"layers": 2, "decoys": 0},
        2: {"layers": 3, "decoys": 1},
        3: {"layers": 4, "decoys": 2},
        4: {"layers": 5, "decoys": 1},
        5: {"layers": 5, "decoys": 2},
    },
)  # fmt: skip
class StackToSilhouette(Task):
    def generate(self, rng, params):
        n, k = params["layers"], params["decoys"]
        while True:
            sizes = choose(rng, SIZES, n + k)
            layers = [list(s) for s in sizes[:n]]
            if any(a[0] == b[0] for a, b in itertools.pairwise(layers)):
                continue
            placed = [[*layers[0], int(rng.integers(1, SITE_COLS - layers[0][0]))]]
            for w, h in layers[1:]:  # each centre strictly over the layer below
                pw, _, px = placed[-1]
                options = [s for s in range(SITE_COLS - w + 1) if px < s + w / 2 < px + pw]
                if not options:
                    break
                placed.append([w, h, options[int(rng.integers(len(options)))]])
            if len(placed) == n:
                break
        tray = shuffled(rng, [list(s) for s in sizes])
        colors = choose(rng, COLORS, n + k)
        return {"cells": sorted(map(list, cells_of(placed))), "tray": tray, "colors": colors}

    def solve(self, puzzle, params):
        cells = {tuple(c) for c in puzzle["cells"]}
        order = stacks(cells, puzzle["tray"])[0]
        layers, y = [], 0
        for i in order:
            w, h = puzzle["tray"][i]
            layers.append([w, h, min(c for c, r in cells if r == y)])
            y += h
        return {"order": order, "layers": layers}

    def check(self, puzzle, answer, params):
        tray, order = puzzle["tray"], answer["order"]
        require(all(isinstance(i, int) and 0 <= i < len(tray) for i in order)
                and len(set(order)) == len(order), "the stack does not use tray blocks once each")  # fmt: skip
        layers = answer["layers"]
        require(len(layers) == len(order) and all(list(tray[i]) == layer[:2]
                for i, layer in zip(order, layers)), "a layer is not the size of its tray block")  # fmt: skip
        for (pw, _, px), (w, _, x) in itertools.pairwise(layers):
            require(px < x + w / 2 < px + pw, "a block's centre does not rest on the one below")
        require(cells_of(layers) == {tuple(c) for c in puzzle["cells"]},
                "the stack does not fill the silhouette exactly")  # fmt: skip
        ways = stacks({tuple(c) for c in puzzle["cells"]}, tray)
        require(len(ways) == 1, f"{len(ways)} stacks fill the silhouette: it must be one")

    def prompt(self, puzzle, params):
        n = len(puzzle["tray"])
        return (
            f"The image shows a tray at the top holding {n} coloured rectangular blocks and, "
            "below it, a dashed silhouette outline standing on the floor over a faint square grid; block "
            "sizes are whole grid squares, and the tray's blocks are drawn to the same scale. Choose blocks from the tray and stack them so that "
            "they fill the silhouette exactly, with no gaps and nothing sticking out; blocks "
            "keep their orientation (no turning), and some tray blocks are not needed. Move "
            "one block at a time, from the bottom layer up: each block leaves the tray and "
            "glides down onto the floor or onto the block below it. The video ends when the "
            "silhouette is filled; unused blocks stay on the tray."
        )

    def rubric(self, puzzle, answer, params):
        tray, colors = puzzle["tray"], puzzle["colors"]
        name = lambda i: f"the {colors[i]} {tray[i][0]}x{tray[i][1]} block"  # noqa: E731
        unused = [name(i) for i in range(len(tray)) if i not in answer["order"]]
        return "\n".join([
            "1. The silhouette's outline, the grid, the floor and the tray do not change.",
            f"2. Exactly {len(answer['order'])} blocks are stacked, bottom to top: "
            + ", then ".join(name(i) for i in answer["order"]) + " (width x height in squares).",
            "3. " + ("Unused, staying on the tray: " + ", ".join(unused) + "." if unused
                     else "Every tray block is used."),
            "4. Each block glides (never jumps) from the tray onto the floor or the block "
            "below, one at a time, without turning or passing through another block.",
            "5. In the final frame the blocks fill the silhouette exactly: no gap inside the "
            "dashed outline and nothing sticking out.",
        ])  # fmt: skip

    def render(self, puzzle, answer, params, film):
        tray, colors = puzzle["tray"], puzzle["colors"]
        spots = tray_spots(tray)
        base = film.canvas()
        for c in range(SITE_COLS + 1):
            x = SITE_X + c * U
            base.line([(x, FLOOR_Y - 10 * U), (x, FLOOR_Y)], fill=GRID, width=2)
        for r in range(11):
            y = FLOOR_Y - r * U
            base.line([(SITE_X, y), (SITE_X + SITE_COLS * U, y)], fill=GRID, width=2)
        outline = outline_of(puzzle["cells"])
        base.line([(SITE_X - 30, FLOOR_Y), (SITE_X + SITE_COLS * U + 30, FLOOR_Y)], fill=INK,
                  width=8)  # fmt: skip
        base.rect(*TRAY, fill=(236, 234, 228), outline=MUTED, width=3, radius=14)
        still = base.copy()
        for i, (x, y) in enumerate(spots):
            draw_block(still, tray[i], x, y, colors[i])
        draw_silhouette(still, outline)
        film.opening(still)
        height = 0
        for i, (w, h, gx) in zip(answer["order"], answer["layers"]):
            rest = base.copy()
            for j, (x, y) in enumerate(spots):
                if j != i:
                    draw_block(rest, tray[j], x, y, colors[j])
            start = spots[i]
            land = (SITE_X + (gx + w / 2) * U, FLOOR_Y - (height + h / 2) * U)
            above = (land[0], FLOOR_Y - (height + h) * U - h * U / 2 - 30)
            out = (start[0], TRAY[3] + h * U / 2 + 25)  # down out of the tray first
            path = round_corners([start, out, above, land], 60)
            length = sum(math.dist(a, b) for a, b in itertools.pairwise(path))
            for t in easing.steps(film.seconds(easing.glide_seconds(length, SPEED)), easing.cruise):
                frame = rest.copy()
                draw_block(frame, tray[i], *easing.along_polyline(path, t), colors[i])
                draw_silhouette(frame, outline)
                film.add(frame)
            draw_block(base, tray[i], *land, colors[i])
            spots[i] = land
            height += h
        final = base.copy()
        for j, (x, y) in enumerate(spots):
            if j not in answer["order"]:
                draw_block(final, tray[j], x, y, colors[j])
        draw_silhouette(final, outline)
        film.closing(final)


def outline_of(cells) -> list[tuple[float, float]]:
    """The silhouette as one polygon (each row of cells is one run): up the right side,
    down the left side. One polygon, so no seams show between cells."""
    rows: dict[int, list[int]] = {}
    for c, r in cells:
        rows.setdefault(r, []).append(c)
    up = sorted(rows)
    pt = lambda c, r: (SITE_X + c * U, FLOOR_Y - r * U)  # noqa: E731
    right = [p for r in up for p in (pt(max(rows[r]) + 1, r), pt(max(rows[r]) + 1, r + 1))]
    left = [p for r in reversed(up) for p in (pt(min(rows[r]), r + 1), pt(min(rows[r]), r))]
    return right + left


def draw_silhouette(canvas, outline) -> None:
    """The silhouette as a dashed outline, drawn over everything: a block gliding in passes
    under it (a grey fill would split into look-alike pieces), and the final frame shows
    the blocks fitting it exactly."""
    for a, b in zip(outline, [*outline[1:], outline[0]]):
        if a != b:  # gaps wide enough that a block gliding under it stays one area
            canvas.dashed(a, b, fill=INK, width=5, dash=12, gap=13)


def tray_spots(tray) -> list[tuple[float, float]]:
    """Centres of the tray's blocks, side by side and centred in the tray."""
    gap = 16.0
    total = sum(w for w, _ in tray) * U + gap * (len(tray) - 1)
    x, out = 500 - total / 2, []
    for w, _ in tray:
        out.append((x + w * U / 2, (TRAY[1] + TRAY[3]) / 2))
        x += w * U + gap
    return out


def draw_block(canvas, size, cx: float, cy: float, color: str) -> None:
    w, h = size[0] * U / 2, size[1] * U / 2
    canvas.rect(cx - w, cy - h, cx + w, cy + h, fill=NAMED[color], outline=INK, width=4, radius=5)
