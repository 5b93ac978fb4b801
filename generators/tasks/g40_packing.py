"""Packing: all but one of the lettered tetrominoes fill a box exactly; which is left over?

The box is 4 cells high and as many cells wide as the pieces that fill it. Pieces may be
turned but not flipped over. The puzzle is a random tiling of the box plus one extra
piece; an exact-cover search proves that leaving out the extra piece is the only choice
that lets the rest fill the box. The video slides (and turns) the pieces into the box one
by one; the left-over piece stays on the tray.
"""

from __future__ import annotations

import math
from functools import lru_cache

from generators.kit import INK, MUTED, NAMED, Param, Task, easing, register, require
from generators.kit.easing import glide_seconds
from generators.kit.palette import darken

TETROMINOES = {  # cells (column, row), row down
    "I": ((0, 0), (1, 0), (2, 0), (3, 0)), "O": ((0, 0), (1, 0), (0, 1), (1, 1)),
    "T": ((0, 0), (1, 0), (2, 0), (1, 1)), "S": ((1, 0), (2, 0), (0, 1), (1, 1)),
    "Z": ((0, 0), (1, 0), (1, 1), (2, 1)), "L": ((0, 0), (0, 1), (0, 2), (1, 2)),
    "J": ((1, 0), (1, 1), (1, 2), (0, 2)),
}  # fmt: skip
COLOURS = ("red", "blue", "green", "orange", "purple", "pink", "cyan", "brown")
ROWS = 4
CELL = 50.0
BOX_TOP = 150.0
TRAY_TOP = 470.0


def turned(cells, quarter: int) -> tuple[tuple[int, int], ...]:
    """The cells turned clockwise by `quarter` quarter turns, moved to start at (0, 0)."""
    out = list(cells)
    for _ in range(quarter % 4):
        out = [(-r, c) for c, r in out]  # clockwise on screen (rows point down)
    c0, r0 = min(c for c, _ in out), min(r for _, r in out)
    return tuple(sorted((c - c0, r - r0) for c, r in out))


def placements(shape: str, cols: int):
    """Every (quarter, column, row, cells) of a shape inside a box `cols` wide."""
    seen = set()
    for q in range(4):
        cells = turned(TETROMINOES[shape], q)
        if cells in seen:
            continue
        seen.add(cells)
        for c0 in range(cols):
            for r0 in range(ROWS):
                placed = [(c + c0, r + r0) for c, r in cells]
                if all(c < cols and r < ROWS for c, r in placed):
                    yield q, c0, r0, placed


@lru_cache(maxsize=64)
def anchored(shape: str, cols: int) -> dict[int, list[tuple[int, tuple]]]:
    """The shape's placements in a box `cols` wide, by their first cell in fill order
    (column by column, top to bottom; cell bit = column * ROWS + row), as (cell bits,
    (quarter, column, row))."""
    out: dict[int, list] = {}
    for q, c0, r0, cells in placements(shape, cols):
        bits = sum(1 << (c * ROWS + r) for c, r in cells)
        first = min(c * ROWS + r for c, r in cells)
        out.setdefault(first, []).append((bits, (q, c0, r0)))
    return out


def pack(shapes: list[str], cols: int) -> list | None:
    """An exact cover of the box by these shapes (each used once): (quarter, column, row)
    per shape, or None. The first empty cell must be the first cell of the next piece;
    each distinct shape is tried once per cell, and failed states are remembered."""
    full = (1 << (cols * ROWS)) - 1
    left = {s: shapes.count(s) for s in set(shapes)}
    chosen: list = []  # (shape, placement) in the order placed
    dead: set = set()

    def go(filled: int) -> bool:
        if filled == full:
            return True
        key = (filled, tuple(left[s] for s in sorted(left)))
        if key in dead:
            return False
        empty = (~filled & (filled + 1)).bit_length() - 1  # the lowest clear bit
        for shape in sorted(left):
            if not left[shape]:
                continue
            for bits, where in anchored(shape, cols).get(empty, ()):
                if not filled & bits:
                    left[shape] -= 1
                    chosen.append((shape, where))
                    if go(filled | bits):
                        return True
                    chosen.pop()
                    left[shape] += 1
        dead.add(key)
        return False

    if len(shapes) * 4 != cols * ROWS or not go(0):
        return None
    out: list = []
    pool = list(chosen)
    for shape in shapes:  # hand the placements back in the order of `shapes`
        i = next(i for i, (s, _) in enumerate(pool) if s == shape)
        out.append(pool.pop(i)[1])
    return out


def random_tiling(rng, cols: int) -> list[str]:
    """The shapes of a random tiling of the box (each step fills the first empty cell with
    a random shape and turn that fits; dead ends back up)."""
    names = sorted(TETROMINOES)
    filled: set = set()
    used: list[str] = []

    def go() -> bool:
        empty = next(
            ((c, r) for c in range(cols) for r in range(ROWS) if (c, r) not in filled), None
        )
        if empty is None:
            return True
        for i in rng.permutation(len(names)):
            options = [cells for _, _, _, cells in placements(names[int(i)], cols)
                       if empty in cells and not filled & set(cells)]  # fmt: skip
            for k in rng.permutation(len(options)):
                filled.update(options[int(k)])
                used.append(names[int(i)])
                if go():
                    return True
                filled.difference_update(options[int(k)])
                used.pop()
        return False

    go()
    return used


@register(
    "G-40_packing",
    title="Packing",
    description="All but one of the lettered tetrominoes fill a box exactly (turning allowed, "
    "no flipping); name the piece left over and pack the others.",
    category="spatial-visual",
    params=[Param("pieces", "int", 4, 2, 6, help="pieces that fill the box (the box is 4 cells high)")],
    shard_size=60,
    memory="low",
    instances=1_000_000,  # measured lower bound 2.67 million (4,000 draws, no repeats)
    faculty="spatiality",
    levels={1: {"pieces": 2}, 2: {"pieces": 3}, 3: {"pieces": 4}, 4: {"pieces": 5}, 5: {"pieces": 6}},
)  # fmt: skip
class Packing(Task):
    def generate(self, rng, params):
        n = params["pieces"]
        names = sorted(TETROMINOES)
        while True:
            tiling = random_tiling(rng, n)
            # an extra piece unlike the others, such that leaving out any other piece
            # instead cannot fill the box
            extras = [s for s in names if s not in tiling]
            shapes = None
            for k in rng.permutation(len(extras)):
                trial = [*tiling, extras[int(k)]]
                if all(pack(trial[:i] + trial[i + 1 :], n) is None for i in range(n)):
                    shapes = trial
                    break
            if shapes is None:
                continue
            order = [int(i) for i in rng.permutation(n + 1)]
            colours = [str(c) for c in rng.choice(COLOURS, size=n + 1, replace=False)]
            turns = [int(t) for t in rng.integers(4, size=n + 1)]  # how each lies on the tray
            pieces = [{"letter": "ABCDEFG"[k], "shape": shapes[i], "color": colours[k],
                       "tray_turn": turns[k]} for k, i in enumerate(order)]  # fmt: skip
            return {"columns": n, "pieces": pieces}

    def solve(self, puzzle, params):
        pieces, n = puzzle["pieces"], puzzle["columns"]
        for out in pieces:
            rest = [p for p in pieces if p is not out]
            found = pack([p["shape"] for p in rest], n)
            if found:
                place = [{"letter": p["letter"], "quarter": q, "column": c, "row": r}
                         for p, (q, c, r) in zip(rest, found)]  # fmt: skip
                return {"left_over": out["letter"], "placements": place}
        raise ValueError("no packing")

    def check(self, puzzle, answer, params):
        pieces, n = puzzle["pieces"], puzzle["columns"]
        by_letter = {p["letter"]: p for p in pieces}
        require(answer["left_over"] in by_letter, "the left-over piece is not on the tray")
        placed = answer["placements"]
        require(sorted(p["letter"] for p in placed) == sorted(set(by_letter) - {answer["left_over"]}),
                "every piece but the left-over one must be placed once")  # fmt: skip
        covered: list = []
        for p in placed:
            cells = turned(TETROMINOES[by_letter[p["letter"]]["shape"]], p["quarter"])
            covered += [(c + p["column"], r + p["row"]) for c, r in cells]
        require(sorted(covered) == sorted((c, r) for c in range(n) for r in range(ROWS)),
                "the placed pieces do not fill the box exactly")  # fmt: skip
        others = [p for p in pieces if p["letter"] != answer["left_over"]]
        for p in others:  # no other piece could be the one left over
            rest = [q["shape"] for q in pieces if q is not p]
            require(pack(rest, n) is None, f"leaving out {p['letter']} would fill the box too")

    def prompt(self, puzzle, params):
        n = puzzle["columns"]
        letters = [p["letter"] for p in puzzle["pieces"]]
        return (
            f"The image shows an empty box {n} cells wide and {ROWS} cells high and, on the tray "
            f"below it, {len(letters)} lettered pieces ({', '.join(letters)}), each made of four "
            "cells of the same size as the box's. All but one of the pieces fill the box "
            "exactly, with no gaps or overlaps; pieces may be turned but not flipped over. "
            "Which piece is left over? Slide the other pieces into the box one at a time, "
            "turning them smoothly as they go. The video ends with the box full and the "
            "left-over piece still on the tray, named at the top."
        )

    def rubric(self, puzzle, answer, params):
        return "\n".join([
            f"1. Piece {answer['left_over']} is left over and stays on the tray.",
            f"2. The other {len(answer['placements'])} pieces fill the box exactly: every cell "
            "covered once, nothing outside.",
            "3. Pieces keep their shapes: they are only slid and turned, never flipped or cut.",
            f"4. The final frame names {answer['left_over']} at the top.",
        ])  # fmt: skip

    def render(self, puzzle, answer, params, film):
        n = puzzle["columns"]
        x0 = 500 - n * CELL / 2
        base = film.canvas()
        for c in range(n + 1):
            base.line([(x0 + c * CELL, BOX_TOP), (x0 + c * CELL, BOX_TOP + ROWS * CELL)],
                      fill=MUTED, width=2)  # fmt: skip
        for r in range(ROWS + 1):
            base.line([(x0, BOX_TOP + r * CELL), (x0 + n * CELL, BOX_TOP + r * CELL)],
                      fill=MUTED, width=2)  # fmt: skip
        base.rect(x0, BOX_TOP, x0 + n * CELL, BOX_TOP + ROWS * CELL, outline=INK, width=6)
        trays = tray_spots(puzzle)
        where = {p["letter"]: (trays[i], p["tray_turn"]) for i, p in enumerate(puzzle["pieces"])}
        title = "Which piece is left over?"
        film.opening(draw(base, puzzle, where, title))
        for p in answer["placements"]:
            piece = next(q for q in puzzle["pieces"] if q["letter"] == p["letter"])
            cells = turned(TETROMINOES[piece["shape"]], p["quarter"])
            w = max(c for c, _ in cells) + 1
            h = max(r for _, r in cells) + 1
            goal = (x0 + (p["column"] + w / 2) * CELL, BOX_TOP + (p["row"] + h / 2) * CELL)
            (start, turn) = where[p["letter"]]
            spin = ((p["quarter"] - turn + 2) % 4 - 2) * 90  # the shorter way round
            frames = max(film.seconds(glide_seconds(math.dist(start, goal), speed=300)),
                         film.seconds(abs(spin) / 200))  # fmt: skip
            others = {k: v for k, v in where.items() if k != p["letter"]}
            still = draw(base, puzzle, others, title)  # drawn once per moving piece
            for u in list(easing.steps(frames, easing.cruise))[:-1]:
                at = (start[0] + (goal[0] - start[0]) * u, start[1] + (goal[1] - start[1]) * u)
                frame = still.copy()
                draw_piece(frame, piece, at, turn + spin / 90 * u)
                film.add(frame)
            where[p["letter"]] = (goal, p["quarter"])
            film.add(draw(base, puzzle, where, title))
        film.closing(draw(base, puzzle, where, f"{answer['left_over']} is left over"))


def tray_spots(puzzle: dict) -> list[tuple[float, float]]:
    """Centres of the tray slots: up to four a row, two rows."""
    count = len(puzzle["pieces"])
    per_row = min(4, count)
    spots = []
    for i in range(count):
        row, col = divmod(i, per_row)
        in_row = min(per_row, count - row * per_row)
        spots.append((500 + (col - (in_row - 1) / 2) * 235, TRAY_TOP + 130 + row * 240))
    return spots


def draw(base, puzzle: dict, where: dict, title: str):
    """The still scene with the title and every piece named in `where` at its (centre,
    quarter turns)."""
    f = base.copy()
    f.text(500, 70, title, size=46, bold=True)
    for p in puzzle["pieces"]:
        if p["letter"] in where:
            draw_piece(f, p, *where[p["letter"]])
    return f


def draw_piece(f, p: dict, centre, quarter: float) -> None:
    """A piece turned `quarter` quarter turns clockwise about the centre of its bounding box."""
    cx, cy = centre
    whole = round(quarter)
    cells = turned(TETROMINOES[p["shape"]], whole)
    w = max(c for c, _ in cells) + 1
    h = max(r for _, r in cells) + 1
    a = math.radians((quarter - whole) * 90)  # the part of a turn still under way
    colour = NAMED[p["color"]]
    for c, r in cells:
        corners = []
        for dx, dy in ((0, 0), (1, 0), (1, 1), (0, 1)):
            x, y = (c + dx - w / 2) * CELL, (r + dy - h / 2) * CELL
            corners.append((cx + x * math.cos(a) - y * math.sin(a),
                            cy + x * math.sin(a) + y * math.cos(a)))  # fmt: skip
        f.polygon(corners, fill=colour, outline=darken(colour, 0.35), width=3)
    mx = sum((c + 0.5 - w / 2) for c, _ in cells) / 4 * CELL
    my = sum((r + 0.5 - h / 2) for _, r in cells) / 4 * CELL
    f.text(cx + mx * math.cos(a) - my * math.sin(a), cy + mx * math.sin(a) + my * math.cos(a),
           p["letter"], size=32, bold=True, fill=(255, 255, 255))  # fmt: skip
