"""Symmetry completion: mirror half of a coloured pattern across a drawn axis.

The axis is vertical, horizontal or one of the two diagonals of a square grid; the given
half (cells on the axis included) holds the pattern and the other half is empty, so the
completed picture is determined cell by cell. The video fills the mirror image outward
from the axis.
"""

from __future__ import annotations

from generators.kit import (
    FAINT,
    HIGHLIGHT,
    INK,
    MUTED,
    NAMED,
    Canvas,
    Param,
    Task,
    choose,
    pick,
    register,
    require,
)

COLORS = ("blue", "green", "orange", "purple", "pink", "cyan", "brown")
AXIS_COLOR = "red"
AXES = ("vertical", "horizontal", "diagonal", "antidiagonal")
EMPTY_SIDE = (255, 255, 255)
GRID_TOP, GRID_SIZE = 170.0, 760.0


def mirror(axis: str, n: int, r: int, c: int) -> tuple[int, int]:
    """The cell that (r, c) maps to across the axis."""
    if axis == "vertical":
        return r, n - 1 - c
    if axis == "horizontal":
        return n - 1 - r, c
    if axis == "diagonal":  # top-left to bottom-right
        return c, r
    return n - 1 - c, n - 1 - r  # antidiagonal: top-right to bottom-left


def side_value(axis: str, n: int, r: int, c: int) -> float:
    """Signed distance from the axis in cells: negative on one side, 0 on it, positive on the other."""
    if axis == "vertical":
        return c - (n - 1) / 2
    if axis == "horizontal":
        return r - (n - 1) / 2
    if axis == "diagonal":
        return (c - r) / 2
    return (r + c - (n - 1)) / 2


def is_given(puzzle: dict, r: int, c: int) -> bool:
    s = side_value(puzzle["axis"], len(puzzle["grid"]), r, c)
    return s == 0 or (s < 0) == (puzzle["given_side"] == "negative")


def side_words(axis: str, side: str) -> tuple[str, str]:
    """(given side, empty side) in words."""
    names = {
        "vertical": ("left", "right"),
        "horizontal": ("top", "bottom"),
        "diagonal": ("lower-left", "upper-right"),
        "antidiagonal": ("upper-left", "lower-right"),
    }[axis]
    return names if side == "negative" else (names[1], names[0])


AXIS_WORDS = {
    "vertical": "a vertical mirror line down the middle",
    "horizontal": "a horizontal mirror line across the middle",
    "diagonal": "a diagonal mirror line from the top-left corner to the bottom-right corner",
    "antidiagonal": "a diagonal mirror line from the top-right corner to the bottom-left corner",
}


@register(
    "O-58_symmetry_completion",
    title="Symmetry completion",
    description="Complete the mirror image of a half-drawn coloured pattern across a vertical, horizontal or diagonal axis.",
    category="spatial-visual",
    params=[
        Param("min_size", "int", 5, 4, 10, help="smallest grid side in cells"),
        Param("max_size", "int", 8, 4, 10, help="largest grid side in cells"),
        Param("axes", "str", "all", choices=("all", "straight", "diagonal"),
              help="which mirror axes may appear"),
    ],
    shard_size=80,
    memory="low",
    faculty="transformation",
    levels={
        1: {"min_size": 4, "max_size": 5, "axes": "straight"},
        2: {"min_size": 5, "max_size": 6, "axes": "straight"},
        3: {"min_size": 5, "max_size": 8, "axes": "all"},
        4: {"min_size": 7, "max_size": 9, "axes": "all"},
        5: {"min_size": 8, "max_size": 10, "axes": "diagonal"},
    },
    # measured: no repeat in 4,000 draws (at least 2.6 M distinct puzzles)
    instances=2_000_000,
)  # fmt: skip
class SymmetryCompletion(Task):
    def generate(self, rng, params):
        lo, hi = sorted((params["min_size"], params["max_size"]))
        pool = {"all": AXES, "straight": AXES[:2], "diagonal": AXES[2:]}[params["axes"]]
        while True:
            n = int(rng.integers(lo, hi + 1))
            axis = pick(rng, pool)
            side = pick(rng, ("negative", "positive"))
            n_colors = int(rng.integers(2, 5))
            palette = choose(rng, COLORS, n_colors)
            density = float(rng.uniform(0.35, 0.6))
            puzzle = {"grid": [[""] * n for _ in range(n)], "axis": axis, "given_side": side}
            for r in range(n):
                for c in range(n):
                    if is_given(puzzle, r, c) and rng.random() < density:
                        puzzle["grid"][r][c] = pick(rng, palette)
            off_axis = [(r, c) for r in range(n) for c in range(n)
                        if puzzle["grid"][r][c] and side_value(axis, n, r, c) != 0]  # fmt: skip
            if len(off_axis) >= max(4, n) and len({puzzle["grid"][r][c] for r, c in off_axis}) > 1:
                return puzzle

    def solve(self, puzzle, params):
        n = len(puzzle["grid"])
        out = [row[:] for row in puzzle["grid"]]
        for r in range(n):
            for c in range(n):
                if not is_given(puzzle, r, c):
                    mr, mc = mirror(puzzle["axis"], n, r, c)
                    out[r][c] = puzzle["grid"][mr][mc]
        # fill order: outward from the axis, nearest cells first
        order = sorted(
            ((abs(side_value(puzzle["axis"], n, r, c)), r, c) for r in range(n) for c in range(n)
             if not is_given(puzzle, r, c) and out[r][c]),
        )  # fmt: skip
        return {"grid": out, "order": [[r, c] for _, r, c in order]}

    def check(self, puzzle, answer, params):
        given, out = puzzle["grid"], answer["grid"]
        n = len(given)
        axis = puzzle["axis"]
        require(len(out) == n and all(len(row) == n for row in out), "grid size changed")
        for r in range(n):
            for c in range(n):
                mr, mc = mirror(axis, n, r, c)
                require(mirror(axis, n, mr, mc) == (r, c), "mirror map is not an involution")
                require(
                    out[r][c] == out[mr][mc],
                    f"cells ({r + 1},{c + 1}) and ({mr + 1},{mc + 1}) differ",
                )
                s = side_value(axis, n, r, c)
                on_given = s == 0 or (s < 0) == (puzzle["given_side"] == "negative")
                if on_given:
                    require(out[r][c] == given[r][c], f"given cell ({r + 1},{c + 1}) changed")
                else:
                    require(given[r][c] == "", "the half to complete was not empty")
        added = {(r, c) for r in range(n) for c in range(n) if out[r][c] and not given[r][c]}
        order = [tuple(rc) for rc in answer["order"]]
        require(set(order) == added and len(order) == len(added), "fill order misses cells")

    def prompt(self, puzzle, params):
        n = len(puzzle["grid"])
        given, empty = side_words(puzzle["axis"], puzzle["given_side"])
        used = [c for c in COLORS if any(c in row for row in puzzle["grid"])]
        on_axis = (
            " Cells the line passes through belong to the given half."
            if puzzle["axis"] in ("diagonal", "antidiagonal") or n % 2
            else ""
        )
        return (
            f"The image shows {'an' if n == 8 else 'a'} {n}x{n} grid with {AXIS_WORDS[puzzle['axis']]}, drawn as a "
            f"dashed red line. The {given} half holds a pattern of coloured cells "
            f"({', '.join(used)}); the {empty} half, shaded white, is empty.{on_axis} Complete "
            f"the picture so that it is mirror-symmetric about the red line: colour every cell "
            f"of the {empty} half with the colour of its mirror image across the line, and leave "
            f"it empty where the mirror image is empty. The given half, the grid and the line "
            "stay unchanged. The video ends when the whole pattern is symmetric."
        )

    def rubric(self, puzzle, answer, params):
        n = len(puzzle["grid"])
        given, empty = side_words(puzzle["axis"], puzzle["given_side"])
        out = answer["grid"]
        added = len(answer["order"])
        total = sum(1 for row in out for v in row if v)
        r0 = next(r for r in range(n) if any(out[r][c] and not is_given(puzzle, r, c)
                                             for c in range(n)))  # fmt: skip
        row = ", ".join(v or "empty" for v in out[r0])
        return "\n".join([
            f"1. The {given} half is unchanged: no given cell is recoloured or erased.",
            f"2. Exactly {added} cells of the {empty} half get coloured, each with the colour of "
            "its mirror image across the red line; the other cells there stay empty.",
            f"3. The final pattern is mirror-symmetric about the line and has {total} coloured "
            f"cells; row {r0 + 1} reads, left to right: {row}.",
            "4. No colour is used that is not in the given half.",
            "5. The grid, the red mirror line and the background do not change.",
        ])  # fmt: skip

    def render(self, puzzle, answer, params, film):
        n = len(puzzle["grid"])
        lay = Layout(n)
        base = film.canvas()
        base.text(500, 90, "Complete the mirror image", size=52, bold=True)
        for r in range(n):
            for c in range(n):
                lay.fill(base, r, c, FAINT if is_given(puzzle, r, c) else EMPTY_SIDE)
                if puzzle["grid"][r][c]:
                    lay.fill(base, r, c, NAMED[puzzle["grid"][r][c]])
        lay.lines(base)
        lay.axis(base, puzzle["axis"])
        film.opening(base)
        groups: list[list[list[int]]] = []
        last = None
        for r, c in answer["order"]:  # cells at the same distance from the axis appear together
            d = abs(side_value(puzzle["axis"], n, r, c))
            if d != last:
                groups.append([])
                last = d
            groups[-1].append([r, c])
        for i, group in enumerate(groups):
            frame = base.copy()
            for r, c in group:
                mr, mc = mirror(puzzle["axis"], n, r, c)
                lay.fill(frame, r, c, NAMED[answer["grid"][r][c]])
                lay.ring(frame, r, c)
                lay.ring(frame, mr, mc)
            lay.axis(frame, puzzle["axis"])
            film.hold(frame, 0.45)
            for r, c in group:
                lay.fill(base, r, c, NAMED[answer["grid"][r][c]])
            lay.lines(base)
            lay.axis(base, puzzle["axis"])
            if i < len(groups) - 1:  # after the last group the closing hold follows
                film.hold(base, 0.15)
        film.closing(base)


class Layout:
    def __init__(self, n: int):
        self.n = n
        self.cell = GRID_SIZE / n
        self.x0 = (1000.0 - GRID_SIZE) / 2
        self.y0 = GRID_TOP

    def fill(self, canvas: Canvas, r: int, c: int, color) -> None:
        canvas.cell(self.x0, self.y0, self.cell, r, c, color)

    def ring(self, canvas: Canvas, r: int, c: int) -> None:
        x, y = self.x0 + c * self.cell, self.y0 + r * self.cell
        canvas.rect(x + 4, y + 4, x + self.cell - 4, y + self.cell - 4, outline=HIGHLIGHT, width=9)

    def lines(self, canvas: Canvas) -> None:
        canvas.grid(self.x0, self.y0, self.cell, self.n, self.n, color=MUTED, width=3)
        x1, y1 = self.x0 + GRID_SIZE, self.y0 + GRID_SIZE
        canvas.rect(self.x0 - 4, self.y0 - 4, x1 + 4, y1 + 4, outline=INK, width=7)

    def axis(self, canvas: Canvas, axis: str) -> None:
        x0, y0, s, ext = self.x0, self.y0, GRID_SIZE, 20.0
        a, b = {
            "vertical": ((x0 + s / 2, y0 - ext), (x0 + s / 2, y0 + s + ext)),
            "horizontal": ((x0 - ext, y0 + s / 2), (x0 + s + ext, y0 + s / 2)),
            "diagonal": ((x0 - ext, y0 - ext), (x0 + s + ext, y0 + s + ext)),
            "antidiagonal": ((x0 + s + ext, y0 - ext), (x0 - ext, y0 + s + ext)),
        }[axis]
        canvas.dashed(a, b, fill=NAMED[AXIS_COLOR], width=9, dash=34, gap=18)
