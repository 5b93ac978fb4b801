"""Raven matrix: a 3x3 grid of pictures whose rows follow rules; draw the missing picture.

Each picture is a number of equal shapes of one colour. Along every row the shape, the
count and the colour each follow one rule: constant, progression (shapes by one side,
counts by one) or distribute-three (the same three values in every row, in another
order). Rules are inferred from the eight visible pictures; instances where two rules
fit the visible pictures but disagree on the missing one are rejected, so the answer is
unique.
"""

from __future__ import annotations

from generators.kit import (
    FAINT,
    HIGHLIGHT,
    INK,
    MUTED,
    NAMED,
    SUCCESS,
    Canvas,
    Param,
    Task,
    choose,
    pick,
    register,
    require,
)

SIDED = ("triangle", "square", "pentagon", "hexagon")  # ordered by number of sides
SHAPES = (*SIDED, "circle", "star")
COLORS = ("red", "blue", "green", "orange", "purple", "pink", "cyan", "brown")
MAX_COUNT = 6
ATTRS = ("shape", "count", "color")
RULES = {"shape": ("constant", "progression", "distribute"),
         "count": ("constant", "progression", "distribute"),
         "color": ("constant", "distribute")}  # fmt: skip
SIDES = {"triangle": 3, "square": 4, "pentagon": 5, "hexagon": 6}
GRID_X, GRID_Y, CELL = 125.0, 150.0, 250.0
SHAPE_GAP = 8.0  # least space between two shapes of a picture


def values(attr: str) -> list:
    return {"shape": list(SHAPES), "count": list(range(1, MAX_COUNT + 1)),
            "color": list(COLORS)}[attr]  # fmt: skip


def ordinal(attr: str, v):
    """A number for ordered attributes (sides of a shape, the count); None if unordered."""
    if attr == "count":
        return v
    if attr == "shape":
        return SIDES.get(v)
    return None


def from_ordinal(attr: str, n: int):
    if attr == "count":
        return n if 1 <= n <= MAX_COUNT else None
    if attr == "shape":
        return next((s for s, k in SIDES.items() if k == n), None)
    return None


def predictions(attr: str, rows: list[list]) -> dict[str, object]:
    """Rule name -> predicted missing value, for every rule the visible values allow.

    `rows` holds three rows of values; the last row's third value is unknown (ignored).
    """
    full, last = rows[:2], rows[2][:2]
    out: dict[str, object] = {}
    if all(r[0] == r[1] == r[2] for r in full) and last[0] == last[1]:
        out["constant"] = last[0]
    nums = [[ordinal(attr, v) for v in r] for r in full]
    tail = [ordinal(attr, v) for v in last]
    if all(n is not None for r in nums for n in r) and None not in tail:
        steps = {(r[1] - r[0], r[2] - r[1]) for r in nums}
        if len(steps) == 1:
            d, e = next(iter(steps))
            if d == e and d != 0 and tail[1] - tail[0] == d:
                value = from_ordinal(attr, tail[1] + d)
                if value is not None:
                    out["progression"] = value
    sets = [sorted(map(str, r)) for r in full]
    if (len(set(map(str, full[0]))) == 3 and sets[0] == sets[1]
            and last[0] != last[1] and all(str(v) in sets[0] for v in last)):  # fmt: skip
        rest = [v for v in full[0] if v not in last]
        if len(rest) == 1:
            out["distribute"] = rest[0]
    return out


def row_values(rng, attr: str, rule: str, most: int) -> list[list]:
    """Three rows of three values following `rule`, with counts of at most `most`."""
    pool = values(attr) if attr != "count" else list(range(1, most + 1))
    if rule == "constant":
        return [[pick(rng, pool)] * 3 for _ in range(3)]
    if rule == "distribute":
        picks = choose(rng, pool, 3)
        shift = 1 if rng.random() < 0.5 else 2
        return [[picks[(j + shift * i) % 3] for j in range(3)] for i in range(3)]
    d = 1 if rng.random() < 0.5 else -1
    ords = sorted(ordinal(attr, v) for v in pool if ordinal(attr, v) is not None)
    lo, hi = ords[0], ords[-1]
    rows = []
    for _ in range(3):
        start = int(rng.integers(lo, hi - 2 + 1)) if d == 1 else int(rng.integers(lo + 2, hi + 1))
        rows.append([from_ordinal(attr, start + d * j) for j in range(3)])
    return rows


@register(
    "O-60_raven_matrix",
    title="Raven matrix",
    description="Complete a 3x3 Raven-style matrix whose rows follow shape, count and colour rules.",
    category="puzzles-logic",
    params=[Param("varying", "int", 2, 1, 3,
                  help="how many of shape, count and colour change along a row"),
            Param("max_count", "int", MAX_COUNT, 3, MAX_COUNT, help="most shapes in a picture")],
    shard_size=60,
    memory="low",
    faculty="abstraction",
    levels={1: {"varying": 1, "max_count": 4}, 2: {"varying": 2, "max_count": 4},
            3: {"varying": 2, "max_count": 6}, 4: {"varying": 3, "max_count": 4},
            5: {"varying": 3, "max_count": 6}},
    # measured: no repeat in 4,000 draws (at least 2.6 M distinct puzzles)
    instances=2_000_000,
)  # fmt: skip
class RavenMatrix(Task):
    def generate(self, rng, params):
        while True:
            varying = {ATTRS[int(i)] for i in rng.choice(3, params["varying"], replace=False)}
            rules = {}
            for a in ATTRS:
                options = [r for r in RULES[a] if (r != "constant") == (a in varying)]
                rules[a] = pick(rng, options)
            grids = {a: row_values(rng, a, rules[a], params["max_count"]) for a in ATTRS}
            cells = [[{a: grids[a][i][j] for a in ATTRS} for j in range(3)] for i in range(3)]
            cells[2][2] = None
            puzzle = {"cells": cells, "rules": rules}
            ok = True
            for a in ATTRS:
                preds = predictions(a, visible_rows(puzzle, a))
                if len(set(map(str, preds.values()))) != 1 or rules[a] not in preds:
                    ok = False
            # the missing picture must not copy a visible one exactly
            missing = {a: grids[a][2][2] for a in ATTRS}
            if ok and all(c != missing for row in cells for c in row if c):
                return puzzle

    def solve(self, puzzle, params):
        out = {}
        for a in ATTRS:
            rows = visible_rows(puzzle, a)
            rule = puzzle["rules"][a]
            if rule == "constant":
                out[a] = rows[2][1]
            elif rule == "distribute":
                out[a] = next(v for v in rows[0] if v not in rows[2][:2])
            else:
                d = ordinal(a, rows[2][1]) - ordinal(a, rows[2][0])
                out[a] = from_ordinal(a, ordinal(a, rows[2][1]) + d)
        return out

    def check(self, puzzle, answer, params):
        cells = puzzle["cells"]
        require(cells[2][2] is None and all(c for row in cells for c in row[:2]),
                "the missing picture is not the bottom-right one")  # fmt: skip
        require(sorted(answer) == sorted(ATTRS), "answer must give shape, count and colour")
        for a in ATTRS:
            preds = predictions(a, visible_rows(puzzle, a))
            require(bool(preds), f"no rule explains the {a} in the rows")
            agreed = {str(v) for v in preds.values()}
            require(len(agreed) == 1, f"the rows allow more than one {a}")
            require(str(answer[a]) in agreed, f"the missing {a} is {next(iter(preds.values()))}")

    def prompt(self, puzzle, params):
        return (
            "The image shows a 3x3 matrix of pictures; the bottom-right picture is missing and "
            "shows a question mark. Each picture is a group of identical shapes of one colour. "
            "In every row the shape, the number of shapes and the colour each follow the same "
            "rule as in the other rows: it stays the same along the row, or it steps from left "
            "to right (one more or one fewer shape; or one more or one fewer side: triangle, "
            "square, pentagon, hexagon), or the row uses the same three values as the other "
            "rows in a different order. Work out the rules from the first two rows and draw the "
            "missing picture in the empty cell. The other eight pictures and the grid stay "
            "unchanged. The video ends when the missing picture is drawn."
        )

    def rubric(self, puzzle, answer, params):
        n, shape, color = answer["count"], answer["shape"], answer["color"]
        what = f"{n} {color} {shape}{'s' if n > 1 else ''}"
        rules = puzzle["rules"]
        words = {"constant": "stays the same along the row", "progression": "steps by one",
                 "distribute": "runs through the same three values in every row"}  # fmt: skip
        explain = "; ".join(f"the {a} {words[rules[a]]}" for a in ATTRS)
        return "\n".join([
            f"1. The bottom-right cell ends up showing exactly {what}, and nothing else.",
            f"2. The shapes are {shape}s (not another shape) and all are {color}.",
            f"3. Along each row {explain}; the new picture follows all three rules.",
            "4. The question mark is gone; the eight given pictures are unchanged.",
            "5. The grid, its layout and the background do not change.",
        ])  # fmt: skip

    def render(self, puzzle, answer, params, film):
        base = film.canvas()
        base.text(500, 80, "Which picture completes the matrix?", size=48, bold=True)
        for i in range(3):
            for j in range(3):
                box(base, i, j, fill=(255, 255, 255))
                if puzzle["cells"][i][j]:
                    draw_picture(base, i, j, puzzle["cells"][i][j])
        first = base.copy()
        question(first)
        film.opening(first)
        work = first.copy()  # the last row, where the missing picture goes, lights up
        for j in range(3):
            box(work, 2, j, outline=HIGHLIGHT, width=12)
        film.hold(work, 0.5)
        work = base.copy()
        for j in range(3):
            box(work, 2, j, outline=HIGHLIGHT, width=12)
        film.hold(work, 0.3)
        for k in range(1, answer["count"] + 1):  # the shapes of the answer appear one by one
            frame = work.copy()
            draw_picture(frame, 2, 2, answer, upto=k)
            film.hold(frame, 0.35)
        final = base.copy()
        draw_picture(final, 2, 2, answer)
        box(final, 2, 2, outline=SUCCESS, width=12)
        film.closing(final)


def visible_rows(puzzle: dict, attr: str) -> list[list]:
    rows = []
    for row in puzzle["cells"]:
        rows.append([c[attr] if c else None for c in row])
    return rows


def box(canvas: Canvas, i: int, j: int, fill=None, outline=INK, width=5.0) -> None:
    x, y = GRID_X + j * CELL, GRID_Y + i * CELL
    pad = 8
    canvas.rect(x + pad, y + pad, x + CELL - pad, y + CELL - pad, fill=fill, outline=outline,
                width=width, radius=14)  # fmt: skip


def question(canvas: Canvas) -> None:
    x, y = GRID_X + 2.5 * CELL, GRID_Y + 2.5 * CELL
    box(canvas, 2, 2, fill=FAINT)
    canvas.text(x, y, "?", size=130, fill=MUTED, bold=True)


def layout(n: int) -> tuple[float, list[tuple[float, float]]]:
    """(shape radius, centre offsets) for n shapes in a cell: every two shapes at least
    SHAPE_GAP apart (radius is the circumradius, so any shape fits inside it)."""
    s = 58.0
    return {
        1: (72.0, [(0.0, 0.0)]),
        2: (46.0, [(-s, 0.0), (s, 0.0)]),
        3: (42.0, [(0.0, -s), (-s, s * 0.8), (s, s * 0.8)]),
        4: (40.0, [(-s, -s), (s, -s), (-s, s), (s, s)]),
        5: (33.0, [(-s, -s), (s, -s), (0.0, 0.0), (-s, s), (s, s)]),
        6: (30.0, [(-70.0, -50.0), (0.0, -50.0), (70.0, -50.0), (-70.0, 50.0), (0.0, 50.0),
                   (70.0, 50.0)]),
    }[n]  # fmt: skip


def draw_picture(canvas: Canvas, i: int, j: int, cell: dict, upto: int | None = None) -> None:
    cx, cy = GRID_X + (j + 0.5) * CELL, GRID_Y + (i + 0.5) * CELL
    r, spots = layout(cell["count"])
    for dx, dy in spots[: upto if upto is not None else len(spots)]:
        canvas.shape(cell["shape"], cx + dx, cy + dy, r, fill=NAMED[cell["color"]], outline=INK,
                     width=4)  # fmt: skip
