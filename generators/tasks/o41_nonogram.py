"""Nonogram: fill a grid from its row and column clues; the solution is unique.

Every puzzle is solvable by line logic alone (which also proves the solution unique); the
video fills the cells in the order a line solver deduces them, one line at a time.
"""

from __future__ import annotations

from generators.kit import FAINT, HIGHLIGHT, INK, MUTED, Canvas, Param, Task, register, require
from generators.kit.draw import text_width
from generators.kit.palette import lighten

MARGIN = 50
UNKNOWN, EMPTY, FILLED = -1, 0, 1


def runs(line: list[int]) -> list[int]:
    """The clue of a line: lengths of its runs of filled cells ([0] for an empty line)."""
    out, n = [], 0
    for v in line:
        if v == FILLED:
            n += 1
        elif n:
            out.append(n)
            n = 0
    if n:
        out.append(n)
    return out or [0]


def arrangements(clue: list[int], n: int) -> list[int]:
    """Every way to place a clue's blocks in a line of n cells, as bitmasks (bit i = cell i)."""
    blocks = [b for b in clue if b]
    out: list[int] = []

    def place(i: int, start: int, mask: int) -> None:
        if i == len(blocks):
            out.append(mask)
            return
        rest = sum(blocks[i + 1 :]) + len(blocks) - i - 1  # room the later blocks need
        for s in range(start, n - rest - blocks[i] + 1):
            place(i + 1, s + blocks[i] + 1, mask | (((1 << blocks[i]) - 1) << s))

    place(0, 0, 0)
    return out


class LineSolver:
    """Line-by-line deduction over the arrangements of every row and column."""

    def __init__(self, row_clues: list[list[int]], col_clues: list[list[int]]):
        self.rows, self.cols = len(row_clues), len(col_clues)
        self.row_arr = [arrangements(c, self.cols) for c in row_clues]
        self.col_arr = [arrangements(c, self.rows) for c in col_clues]

    def line(self, grid, kind: str, i: int) -> list[int]:
        return grid[i] if kind == "row" else [grid[r][i] for r in range(self.rows)]

    def deduce(self, grid, kind: str, i: int) -> list[tuple[int, int]] | None:
        """Cells of line (kind, i) forced by its clue: [(position, value)], None on contradiction."""
        cells = self.line(grid, kind, i)
        filled = sum(1 << k for k, v in enumerate(cells) if v == FILLED)
        empty = sum(1 << k for k, v in enumerate(cells) if v == EMPTY)
        arrs = self.row_arr[i] if kind == "row" else self.col_arr[i]
        fits = [a for a in arrs if a & filled == filled and not a & empty]
        if not fits:
            return None
        always, ever = -1, 0
        for a in fits:
            always &= a
            ever |= a
        forced = []
        for k, v in enumerate(cells):
            if v == UNKNOWN:
                if always >> k & 1:
                    forced.append((k, FILLED))
                elif not ever >> k & 1:
                    forced.append((k, EMPTY))
        return forced

    def propagate(self, grid, steps: list | None = None) -> bool:
        """Apply line deductions until nothing changes; False on contradiction.

        Sweeps all rows, then all columns, repeatedly; a line that fixes new filled cells
        is recorded in `steps` as [kind, index, [[r, c], ...]]."""
        changed = True
        while changed:
            changed = False
            for kind, count in (("row", self.rows), ("col", self.cols)):
                for i in range(count):
                    forced = self.deduce(grid, kind, i)
                    if forced is None:
                        return False
                    new_filled = []
                    for k, v in forced:
                        r, c = (i, k) if kind == "row" else (k, i)
                        grid[r][c] = v
                        if v == FILLED:
                            new_filled.append([r, c])
                    changed |= bool(forced)
                    if steps is not None and new_filled:
                        steps.append([kind, i, new_filled])
        return True


def count_solutions(row_clues, col_clues, limit: int = 2) -> int:
    """Grids matching the clues, stopping at `limit` (line propagation plus branching)."""
    solver = LineSolver(row_clues, col_clues)

    def search(grid) -> int:
        if not solver.propagate(grid):
            return 0
        open_cells = [(r, c) for r in range(solver.rows) for c in range(solver.cols)
                      if grid[r][c] == UNKNOWN]  # fmt: skip
        if not open_cells:
            return 1
        r, c = open_cells[0]
        total = 0
        for v in (FILLED, EMPTY):
            if total >= limit:
                break
            trial = [row[:] for row in grid]
            trial[r][c] = v
            total += search(trial)
        return total

    return search([[UNKNOWN] * solver.cols for _ in range(solver.rows)])


@register(
    "O-41_nonogram",
    title="Nonogram",
    description="Fill a square grid from its row and column run clues; the solution is unique.",
    category="puzzles-logic",
    params=[
        Param("size", "int", 8, 5, 10, help="rows and columns of the grid"),
        Param("density", "float", 0.6, 0.4, 0.75, help="share of filled cells (fewer is harder)"),
    ],
    shard_size=60,
    memory="low",
    # the measured lower bound; at the default 8x8 a fair share of 2^64 grids is line-solvable
    instances=2_666_666,
    faculty="abstraction",
    levels={
        1: {"size": 5, "density": 0.65},
        2: {"size": 6, "density": 0.6},
        3: {"size": 8, "density": 0.6},
        4: {"size": 9, "density": 0.55},
        5: {"size": 10, "density": 0.5},
    },
    jumps="each line's newly deduced cells are filled in one step, with the line highlighted",
)
class Nonogram(Task):
    def generate(self, rng, params):
        n, density = params["size"], params["density"]
        while True:
            grid = [[int(rng.random() < density) for _ in range(n)] for _ in range(n)]
            row_clues = [runs(row) for row in grid]
            col_clues = [runs([grid[r][c] for r in range(n)]) for c in range(n)]
            solver = LineSolver(row_clues, col_clues)
            trial = [[UNKNOWN] * n for _ in range(n)]
            # keep only puzzles line logic solves completely: such a solution is unique
            if solver.propagate(trial) and all(v != UNKNOWN for row in trial for v in row):
                return {"row_clues": row_clues, "col_clues": col_clues}

    def solve(self, puzzle, params):
        solver = LineSolver(puzzle["row_clues"], puzzle["col_clues"])
        grid = [[UNKNOWN] * solver.cols for _ in range(solver.rows)]
        steps: list = []
        solver.propagate(grid, steps)
        return {"grid": grid, "steps": steps}

    def check(self, puzzle, answer, params):
        rc, cc, grid = puzzle["row_clues"], puzzle["col_clues"], answer["grid"]
        require(len(grid) == len(rc) and all(len(row) == len(cc) for row in grid),
                "grid does not have the clues' shape")  # fmt: skip
        require(all(v in (EMPTY, FILLED) for row in grid for v in row), "a cell is not 0 or 1")
        require(all(runs(row) == clue for row, clue in zip(grid, rc)), "a row breaks its clue")
        require(
            all(runs([row[c] for row in grid]) == clue for c, clue in enumerate(cc)),
            "a column breaks its clue",
        )
        require(count_solutions(rc, cc) == 1, "the clues do not have a unique solution")
        filled = [[r, c] for r, row in enumerate(grid) for c, v in enumerate(row) if v == FILLED]
        steps = answer["steps"]
        order = [cell for _, _, cells in steps for cell in cells]
        require(sorted(order) == filled, "the fill steps do not fill every filled cell once")
        require(
            all((r if kind == "row" else c) == i for kind, i, cells in steps for r, c in cells),
            "a fill step writes outside its line",
        )

    def prompt(self, puzzle, params):
        n = len(puzzle["row_clues"])
        return (
            f"The image shows an empty {n}x{n} nonogram grid. The numbers left of each row and "
            "above each column give, in order, the lengths of the runs of consecutive filled "
            "cells in that line, with at least one empty cell between runs (0 means the line "
            "is empty). Fill the cells in black so that every row and column matches its clue; "
            "the solution is unique. The clues and grid lines stay unchanged. Fill the grid step by "
            "step, one line at a time: the line being worked on is highlighted in yellow and the "
            "cells it settles turn black at once; the video ends when the completed picture is "
            "shown."
        )

    def rubric(self, puzzle, answer, params):
        grid = answer["grid"]
        n = len(grid)
        total = sum(map(sum, grid))
        first = "".join("#" if v else "." for v in grid[0])
        return "\n".join([
            "1. The row clues, column clues and grid lines stay exactly as in the first frame.",
            f"2. Exactly {total} of the {n * n} cells end up filled in black; the rest stay empty.",
            "3. In the final frame every row's filled runs match its clue, left to right.",
            "4. In the final frame every column's filled runs match its clue, top to bottom.",
            f"5. The top row reads {first} (# filled, . empty), matching the unique solution.",
            "6. Cells are filled progressively, line by line; no filled cell is erased.",
        ])  # fmt: skip

    def render(self, puzzle, answer, params, film):
        layout = Layout(puzzle["row_clues"], puzzle["col_clues"])
        board = film.canvas()
        layout.draw_board(board)
        film.opening(board)
        steps = answer["steps"]
        per_step = min(0.35, 4.5 / max(1, len(steps)))
        filled: set[tuple[int, int]] = set()
        for kind, i, cells in steps:
            filled.update((r, c) for r, c in cells)
            for r, c in cells:
                layout.fill(board, r, c)
            frame = board.copy()
            layout.highlight(frame, kind, i, filled)
            layout.draw_lines(frame)
            film.add(frame, film.seconds(per_step))
        layout.draw_lines(board)
        film.closing(board)


class Layout:
    """Where the grid and clues go: clues left and above, the whole centred in the canvas."""

    def __init__(self, row_clues, col_clues):
        self.rows, self.cols = len(row_clues), len(col_clues)
        self.row_clues, self.col_clues = row_clues, col_clues
        self.size = 48 if max(self.rows, self.cols) <= 8 else 42
        self.gap = self.size * 0.45
        avail = 1000 - 2 * MARGIN
        clue_w = 32 + max(
            sum(text_width(str(v), self.size) for v in c) + self.gap * (len(c) - 1)
            for c in row_clues
        )
        self.line_h = self.size * 1.08
        clue_h = max(len(c) for c in col_clues) * self.line_h + 20
        self.clue_w, self.clue_h = clue_w, clue_h
        self.cell = min((avail - clue_w) / self.cols, (avail - clue_h) / self.rows, 110)
        width, height = clue_w + self.cols * self.cell, clue_h + self.rows * self.cell
        self.x0 = (1000 - width) / 2 + clue_w
        self.y0 = (1000 - height) / 2 + clue_h

    def draw_board(self, canvas: Canvas) -> None:
        for r in range(1, self.rows, 2):  # faint bands guide the eye from clue to line
            canvas.rect(self.x0 - self.clue_w, self.y0 + r * self.cell, self.x0,
                        self.y0 + (r + 1) * self.cell, fill=FAINT)  # fmt: skip
        for c in range(1, self.cols, 2):
            canvas.rect(self.x0 + c * self.cell, self.y0 - self.clue_h, self.x0 + (c + 1) * self.cell,
                        self.y0, fill=FAINT)  # fmt: skip
        canvas.rect(self.x0, self.y0, self.x0 + self.cols * self.cell,
                    self.y0 + self.rows * self.cell, fill=(255, 255, 255))  # fmt: skip
        for r, clue in enumerate(self.row_clues):
            # number by number from the right, so the gaps survive small image sizes
            x = self.x0 - 16
            for v in reversed(clue):
                canvas.text(x, self.y0 + (r + 0.5) * self.cell, str(v), size=self.size,
                            anchor="rm", bold=True)  # fmt: skip
                x -= text_width(str(v), self.size) + self.gap
        for c, clue in enumerate(self.col_clues):
            x = self.x0 + (c + 0.5) * self.cell
            for k, v in enumerate(reversed(clue)):
                y = self.y0 - 10 - (k + 0.5) * self.line_h
                canvas.text(x, y, str(v), size=self.size, bold=True)
        self.draw_lines(canvas)

    def draw_lines(self, canvas: Canvas) -> None:
        canvas.grid(self.x0, self.y0, self.cell, self.rows, self.cols, color=MUTED, width=3,
                    thick_every=5, thick=6)  # fmt: skip
        canvas.rect(self.x0, self.y0, self.x0 + self.cols * self.cell,
                    self.y0 + self.rows * self.cell, outline=INK, width=6)  # fmt: skip

    def highlight(self, canvas: Canvas, kind: str, i: int, filled) -> None:
        """Tint the open cells of one line and outline it."""
        light = lighten(HIGHLIGHT, 0.45)
        for k in range(self.cols if kind == "row" else self.rows):
            r, c = (i, k) if kind == "row" else (k, i)
            if (r, c) not in filled:
                canvas.cell(self.x0, self.y0, self.cell, r, c, light)
        canvas.rect(*self._line_box(kind, i), outline=HIGHLIGHT, width=8)

    def _line_box(self, kind: str, i: int):
        if kind == "row":
            return (self.x0, self.y0 + i * self.cell, self.x0 + self.cols * self.cell,
                    self.y0 + (i + 1) * self.cell)  # fmt: skip
        return (self.x0 + i * self.cell, self.y0, self.x0 + (i + 1) * self.cell,
                self.y0 + self.rows * self.cell)  # fmt: skip

    def fill(self, canvas: Canvas, r: int, c: int) -> None:
        canvas.cell(self.x0, self.y0, self.cell, r, c, INK, inset=3)
