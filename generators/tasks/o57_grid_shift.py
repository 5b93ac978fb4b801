"""Grid shift: move a pattern of coloured cells k cells in a direction, with or without wrap.

Every instance has at least one coloured cell that crosses the edge, so wrapping around
and falling off give different answers; the video slides the pattern cell by cell.
"""

from __future__ import annotations

from generators.kit import FAINT, INK, MUTED, NAMED, Canvas, Param, Task, easing, register, require
from generators.kit.rng import choose, pick

COLORS = ("red", "blue", "green", "orange", "purple", "pink", "cyan", "brown", "yellow")
DIRECTIONS = {"right": (0, 1), "left": (0, -1), "down": (1, 0), "up": (-1, 0)}
DIRECTION_NAMES = tuple(DIRECTIONS)
TOP, BOTTOM, LEFT, RIGHT = 225.0, 935.0, 60.0, 940.0


def shift_grid(grid: list[list[str]], direction: str, k: int, wrap: bool) -> list[list[str]]:
    """The grid with every row (or column) slid k cells; vacated cells are empty without wrap."""
    cols = len(grid[0])
    if direction in ("left", "right"):
        s = k if direction == "right" else -k
        out = []
        for row in grid:
            if wrap:
                s %= cols
                out.append(row[cols - s :] + row[: cols - s])
            elif s > 0:
                out.append([""] * s + row[: cols - s])
            else:
                out.append(row[-s:] + [""] * -s)
        return out
    transposed = [list(col) for col in zip(*grid)]
    moved = shift_grid(transposed, "right" if direction == "down" else "left", k, wrap)
    return [list(r) for r in zip(*moved)]


def crossing(grid: list[list[str]], direction: str, k: int) -> int:
    """How many coloured cells the shift pushes past the edge."""
    rows, cols = len(grid), len(grid[0])
    dr, dc = DIRECTIONS[direction]
    return sum(
        1
        for r in range(rows)
        for c in range(cols)
        if grid[r][c] and not (0 <= r + dr * k < rows and 0 <= c + dc * k < cols)
    )


@register(
    "O-57_grid_shift",
    title="Grid shift",
    description="Shift a grid of coloured cells k cells up, down, left or right, with or without wrap-around.",
    category="spatial-visual",
    params=[
        Param("max_size", "int", 6, 4, 8, help="largest number of rows or columns"),
        Param("max_shift", "int", 3, 1, 4, help="largest shift in cells"),
        Param("wrap", "str", "mixed", choices=("mixed", "wrap", "no_wrap"),
              help="whether cells leaving one side re-enter on the other"),
    ],
    shard_size=80,
    memory="low",
    faculty="transformation",
    levels={
        1: {"max_size": 4, "max_shift": 1, "wrap": "no_wrap"},
        2: {"max_size": 5, "max_shift": 2, "wrap": "mixed"},
        3: {"max_size": 6, "max_shift": 3, "wrap": "mixed"},
        4: {"max_size": 7, "max_shift": 4, "wrap": "mixed"},
        5: {"max_size": 8, "max_shift": 4, "wrap": "wrap"},
    },
    # measured: no repeat in 4,000 draws (at least 2.6 M distinct puzzles)
    instances=2_000_000,
)  # fmt: skip
class GridShift(Task):
    def generate(self, rng, params):
        while True:
            rows = int(rng.integers(4, params["max_size"] + 1))
            cols = int(rng.integers(4, params["max_size"] + 1))
            direction = pick(rng, DIRECTION_NAMES)
            length = cols if direction in ("left", "right") else rows
            k = int(rng.integers(1, min(params["max_shift"], length - 1) + 1))
            wrap = {"wrap": True, "no_wrap": False}.get(params["wrap"], bool(rng.random() < 0.5))
            n_colors = int(rng.integers(2, 5))
            palette = choose(rng, COLORS, n_colors)
            density = float(rng.uniform(0.3, 0.6))
            grid = [
                [pick(rng, palette) if rng.random() < density else ""
                 for _ in range(cols)]
                for _ in range(rows)
            ]  # fmt: skip
            filled = sum(1 for row in grid for v in row if v)
            if filled < 4 or crossing(grid, direction, k) == 0:
                continue
            if shift_grid(grid, direction, k, wrap) == grid:
                continue
            if not wrap and crossing(grid, direction, k) == filled:
                continue  # something must stay on the board
            return {"grid": grid, "direction": direction, "shift": k, "wrap": wrap}

    def solve(self, puzzle, params):
        return {"grid": shift_grid(puzzle["grid"], puzzle["direction"], puzzle["shift"],
                                   puzzle["wrap"])}  # fmt: skip

    def check(self, puzzle, answer, params):
        src, out = puzzle["grid"], answer["grid"]
        rows, cols = len(src), len(src[0])
        require(len(out) == rows and all(len(r) == cols for r in out), "grid size changed")
        dr, dc = DIRECTIONS[puzzle["direction"]]
        k = puzzle["shift"]
        for r in range(rows):
            for c in range(cols):
                sr, sc = r - dr * k, c - dc * k  # the cell that lands on (r, c)
                if puzzle["wrap"]:
                    want = src[sr % rows][sc % cols]
                else:
                    want = src[sr][sc] if 0 <= sr < rows and 0 <= sc < cols else ""
                require(out[r][c] == want, f"cell ({r + 1}, {c + 1}) should be {want or 'empty'}")

    def prompt(self, puzzle, params):
        grid = puzzle["grid"]
        rows, cols = len(grid), len(grid[0])
        used = [c for c in COLORS if any(c in row for row in grid)]
        k, d = puzzle["shift"], puzzle["direction"]
        edge = {"right": ("right", "left"), "left": ("left", "right"), "down": ("bottom", "top"),
                "up": ("top", "bottom")}[d]  # fmt: skip
        line = "row" if d in ("left", "right") else "column"
        if puzzle["wrap"]:
            rule = (
                f"Wrap around: a cell pushed past the {edge[0]} edge re-enters at the {edge[1]} "
                f"edge of the same {line}."
            )
        else:
            rule = (
                f"No wrap-around: cells pushed past the {edge[0]} edge disappear, and cells left "
                f"behind at the {edge[1]} edge become empty."
            )
        return (
            f"The image shows a grid of {rows} rows and {cols} columns. Some cells are coloured "
            f'({", ".join(used)}), the others are empty. The header reads "Shift {d} by {k}": '
            f"slide the whole pattern {k} cell{'s' if k > 1 else ''} {d}, one cell at a time. "
            f"{rule} The grid, its size and the colours of the cells stay the same; only the "
            "positions of the colours change. The video ends with the shifted grid."
        )

    def rubric(self, puzzle, answer, params):
        k, d = puzzle["shift"], puzzle["direction"]
        out = answer["grid"]
        filled = sum(1 for row in out for v in row if v)
        row = next(r for r, cells in enumerate(out) if any(cells))
        names = ", ".join(v or "empty" for v in out[row])
        lost = crossing(puzzle["grid"], d, k)
        edge_rule = (
            "Cells pushed past the edge re-enter on the opposite side of the same row or column."
            if puzzle["wrap"]
            else f"The {lost} coloured cell{'s' if lost > 1 else ''} pushed past the edge "
            "disappear and the vacated cells are empty."
        )
        return "\n".join([
            f"1. Every coloured cell moves exactly {k} cell{'s' if k > 1 else ''} {d}; the "
            "pattern keeps its shape.",
            f"2. {edge_rule}",
            f"3. The final grid has {filled} coloured cells; row {row + 1} reads, left to right: "
            f"{names}.",
            "4. No colour changes, and no cell appears that was not in the original pattern.",
            "5. The grid lines, the grid size and the header do not change.",
        ])  # fmt: skip

    def render(self, puzzle, answer, params, film):
        grid = puzzle["grid"]
        layout = Layout(len(grid), len(grid[0]))
        base = film.canvas()
        layout.header(base, puzzle)
        layout.background(base)
        frame = base.copy()
        layout.cells(frame, grid, puzzle["direction"], 0.0, puzzle["wrap"])
        layout.lines(frame)
        film.opening(frame)
        glide = film.seconds(easing.glide_seconds(layout.cell))
        for step in range(puzzle["shift"]):  # one cell at a time, with a short pause after each
            for t in easing.steps(glide, easing.cruise):
                frame = base.copy()
                layout.cells(frame, grid, puzzle["direction"], step + t, puzzle["wrap"])
                layout.lines(frame)
                film.add(frame)
            if step < puzzle["shift"] - 1:  # the last step's pause is the closing hold
                film.hold(frame, 0.25)
        final = base.copy()
        layout.cells(final, answer["grid"], puzzle["direction"], 0.0, puzzle["wrap"])
        layout.lines(final)
        film.closing(final)


class Layout:
    def __init__(self, rows: int, cols: int):
        self.rows, self.cols = rows, cols
        self.cell = min(140.0, (BOTTOM - TOP) / rows, (RIGHT - LEFT) / cols)
        self.x0 = (1000.0 - cols * self.cell) / 2
        self.y0 = TOP + (BOTTOM - TOP - rows * self.cell) / 2
        self.x1 = self.x0 + cols * self.cell
        self.y1 = self.y0 + rows * self.cell

    def header(self, canvas: Canvas, puzzle: dict) -> None:
        k, d = puzzle["shift"], puzzle["direction"]
        title = f"Shift {d} by {k}"
        canvas.text(470, 95, title, size=60, bold=True)
        ax = 470 + canvas.text_width(title, 60) / 2 + 70
        dr, dc = DIRECTIONS[d]
        canvas.arrow((ax - 40 * dc, 95 - 40 * dr), (ax + 40 * dc, 95 + 40 * dr), width=10)
        sub = "wrap around" if puzzle["wrap"] else "no wrap-around: cells leaving the grid are lost"
        canvas.text(500, 170, sub, size=40)

    def background(self, canvas: Canvas) -> None:
        canvas.rect(self.x0, self.y0, self.x1, self.y1, fill=FAINT)

    def lines(self, canvas: Canvas) -> None:
        canvas.grid(self.x0, self.y0, self.cell, self.rows, self.cols, color=MUTED, width=3)
        canvas.rect(self.x0 - 4, self.y0 - 4, self.x1 + 4, self.y1 + 4, outline=INK, width=7)

    def cells(self, canvas: Canvas, grid, direction: str, offset: float, wrap: bool) -> None:
        """The pattern slid `offset` cells; pieces outside the grid are clipped or wrapped."""
        dr, dc = DIRECTIONS[direction]
        size_r, size_c = self.rows * self.cell, self.cols * self.cell
        for r, row in enumerate(grid):
            for c, name in enumerate(row):
                if not name:
                    continue
                x = self.x0 + (c + dc * offset) * self.cell
                y = self.y0 + (r + dr * offset) * self.cell
                copies = [(x, y)]
                if wrap:
                    copies += [(x - dc * size_c, y - dr * size_r)]
                for cx, cy in copies:
                    x0, x1 = max(cx, self.x0), min(cx + self.cell, self.x1)
                    y0, y1 = max(cy, self.y0), min(cy + self.cell, self.y1)
                    if x1 - x0 > 0.5 and y1 - y0 > 0.5:
                        canvas.rect(x0, y0, x1, y1, fill=NAMED[name])
