"""Build from blueprint: build the front view a blueprint shows out of coloured blocks,
bottom row first, each block resting on the floor or on a block below it.

The blueprint is a row of columns of coloured blocks (no overhangs), drawn small in its own
panel; the build site has a floor with one marked place per column and a supply of block
colours, some of which the blueprint does not use. Each block appears above its column and
drops into place. The checker replays the placements: each one is supported when it lands,
none is placed twice, and the result is the blueprint.
"""

from __future__ import annotations

from generators.kit import BACKGROUND, INK, MUTED, NAMED, Param, Task, easing, register, require
from generators.kit.palette import darken
from generators.kit.rng import choose

COLORS = ("red", "blue", "green", "orange", "purple", "yellow", "pink", "cyan")
FLOOR_Y, SITE_CX, CELL = 905.0, 640.0, 88.0
PLAN_X, PLAN_Y, PLAN_CELL = 50.0, 420.0, 44.0  # blueprint panel's top-left, its cell
DROP = 1.1 * CELL  # how far above its landing place a new block appears


def column_text(i: int) -> str:
    return "ABCDEF"[i]


@register(
    "O-83_build_from_blueprint",
    title="Build from blueprint",
    description="Build the coloured block front view a blueprint shows, bottom row first, each block dropped onto the floor or onto the block below it.",
    category="spatial-visual",
    params=[
        Param("columns", "int", 5, 3, 6, help="columns of the building"),
        Param("height", "int", 3, 2, 5, help="tallest column"),
        Param("colors", "int", 3, 2, 4, help="block colours the building uses"),
        Param("decoys", "int", 2, 0, 3, help="supply colours the building does not use"),
    ],
    shard_size=60,
    memory="low",
    instances=2_666_666,
    faculty="spatiality",
    levels={
        1: {"columns": 3, "height": 2, "colors": 2, "decoys": 0},
        2: {"columns": 4, "height": 3, "colors": 2, "decoys": 1},
        3: {"columns": 5, "height": 3, "colors": 3, "decoys": 2},
        4: {"columns": 6, "height": 4, "colors": 3, "decoys": 3},
        5: {"columns": 6, "height": 5, "colors": 4, "decoys": 3},
    },
)  # fmt: skip
class BuildFromBlueprint(Task):
    def generate(self, rng, params):
        w, h, k = params["columns"], params["height"], params["colors"]
        palette = choose(rng, COLORS, k + params["decoys"])
        used = palette[:k]
        while True:
            heights = [int(rng.integers(1, h + 1)) for _ in range(w)]
            heights[int(rng.integers(w))] = h  # the tallest column is as tall as asked
            columns = [[used[int(rng.integers(k))] for _ in range(n)] for n in heights]
            if {c for col in columns for c in col} == set(used):
                break
        return {"columns": columns, "supply": sorted(palette, key=COLORS.index)}

    def solve(self, puzzle, params):
        columns = puzzle["columns"]
        placements = [[c, r, columns[c][r]] for r in range(max(map(len, columns)))
                      for c in range(len(columns)) if r < len(columns[c])]  # fmt: skip
        counts = {}
        for _, _, color in placements:
            counts[color] = counts.get(color, 0) + 1
        return {"placements": placements, "counts": counts}

    def check(self, puzzle, answer, params):
        columns, supply = puzzle["columns"], set(puzzle["supply"])
        built: list[list[str]] = [[] for _ in columns]
        for k, p in enumerate(answer["placements"]):
            require(isinstance(p, list) and len(p) == 3 and isinstance(p[0], int)
                    and 0 <= p[0] < len(columns), f"placement {k + 1} names no column")  # fmt: skip
            col, row, color = p
            require(color in supply, f"placement {k + 1} uses a colour not in the supply")
            require(row == len(built[col]), f"placement {k + 1} does not rest on the floor or "
                    "on the block below it")  # fmt: skip
            built[col].append(color)
        require(built == columns, "the building does not match the blueprint")
        counts = {}
        for col in columns:
            for color in col:
                counts[color] = counts.get(color, 0) + 1
        require(answer["counts"] == counts, "the block counts per colour are wrong")

    def prompt(self, puzzle, params):
        w = len(puzzle["columns"])
        return (
            "The image shows a blueprint panel on the left: the front view of a building of "
            f"coloured square blocks, {w} columns wide. On the right is an empty build site: "
            f"a floor with {w} marked places, one per column, and at the top the supply of "
            f"block colours ({', '.join(puzzle['supply'])}). Build exactly what the blueprint "
            "shows on the site, at full size: the bottom row first, left to right, then the "
            "row above it, and so on. Each block appears just above its column and drops "
            "straight down onto the floor or onto the block below it. The blueprint and the "
            "supply do not change. The video ends when the building matches the blueprint."
        )

    def rubric(self, puzzle, answer, params):
        counts = answer["counts"]
        total = sum(counts.values())
        used = ", ".join(
            f"{n} {c}" for c, n in sorted(counts.items(), key=lambda x: COLORS.index(x[0]))
        )
        unused = [c for c in puzzle["supply"] if c not in counts]
        lines = [
            "1. The blueprint panel and the supply do not change.",
            f"2. Exactly {total} blocks are placed: {used}"
            + (f"; no {' or '.join(unused)} block is used." if unused else "."),
            "3. Blocks are placed one at a time, bottom row first and left to right; each drops "
            "straight down and lands on the floor or on a block, never in mid-air.",
        ]
        for c, col in enumerate(puzzle["columns"]):
            lines.append(f"{len(lines) + 1}. Column {column_text(c)} reads, bottom to top: "
                         f"{', '.join(col)}.")  # fmt: skip
        lines.append(f"{len(lines) + 1}. The final building matches the blueprint block for "
                     "block.")  # fmt: skip
        return "\n".join(lines)

    def render(self, puzzle, answer, params, film):
        columns = puzzle["columns"]
        x0 = SITE_CX - CELL * len(columns) / 2
        base = film.canvas()
        draw_blueprint(base, columns)
        draw_supply(base, puzzle["supply"])
        base.line([(x0 - 40, FLOOR_Y), (x0 + CELL * len(columns) + 40, FLOOR_Y)], fill=INK,
                  width=8)  # fmt: skip
        for c in range(len(columns)):
            base.rect(x0 + c * CELL + 6, FLOOR_Y - 14, x0 + (c + 1) * CELL - 6, FLOOR_Y - 4,
                      fill=MUTED)  # fmt: skip
            base.text(x0 + (c + 0.5) * CELL, FLOOR_Y + 45, column_text(c), size=40, fill=MUTED)
        film.opening(base)
        for col, row, color in answer["placements"]:
            x = x0 + col * CELL
            land = FLOOR_Y - (row + 1) * CELL
            start = land - DROP
            for t in easing.steps(film.seconds(0.125)):  # appears above its column
                frame = base.copy()
                draw_block(frame, x, start, CELL, easing.lerp_color(BACKGROUND, NAMED[color], t),
                           outline=easing.lerp_color(BACKGROUND, INK, t))  # fmt: skip
                film.add(frame)
            # it falls, speeding up evenly (t^2 peaks at twice the mean speed)
            for t in easing.steps(film.seconds(2.2 * DROP / easing.GLIDE_SPEED), fall):
                frame = base.copy()
                draw_block(frame, x, easing.lerp(start, land, t), CELL, NAMED[color])
                film.add(frame)
            draw_block(base, x, land, CELL, NAMED[color])
        film.closing(base)


def fall(t: float) -> float:
    return t * t


def draw_block(canvas, x: float, y: float, size: float, fill, outline=INK) -> None:
    """A block with its top-left corner at (x, y)."""
    canvas.rect(x + 2, y + 2, x + size - 2, y + size - 2, fill=fill, outline=outline, width=5,
                radius=6)  # fmt: skip


def draw_blueprint(canvas, columns) -> None:
    w = len(columns)
    top = PLAN_Y + 70
    canvas.rect(PLAN_X - 20, PLAN_Y, PLAN_X + 6 * PLAN_CELL + 20, PLAN_Y + 70 + 5 * PLAN_CELL + 40,
                fill=(234, 242, 252), outline=NAMED["blue"], width=4, radius=12)  # fmt: skip
    canvas.text(PLAN_X + 3 * PLAN_CELL, PLAN_Y + 35, "Blueprint", size=40, fill=NAMED["blue"])
    floor = top + 5 * PLAN_CELL
    left = PLAN_X + (6 - w) * PLAN_CELL / 2
    canvas.line([(left - 8, floor), (left + w * PLAN_CELL + 8, floor)], fill=INK, width=4)
    for c, col in enumerate(columns):
        for r, color in enumerate(col):
            y = floor - (r + 1) * PLAN_CELL
            draw_block_small(canvas, left + c * PLAN_CELL, y, color)


def draw_block_small(canvas, x, y, color) -> None:
    canvas.rect(x + 1, y + 1, x + PLAN_CELL - 1, y + PLAN_CELL - 1, fill=NAMED[color],
                outline=darken(NAMED[color], 0.45), width=3, radius=3)  # fmt: skip


def draw_supply(canvas, supply) -> None:
    canvas.text(500, 60, "Supply", size=40, fill=MUTED)
    step = 120.0
    for i, color in enumerate(supply):
        x = 500 + step * (i - (len(supply) - 1) / 2)
        canvas.rect(x - 36, 100, x + 36, 172, fill=NAMED[color], outline=INK, width=5, radius=6)
