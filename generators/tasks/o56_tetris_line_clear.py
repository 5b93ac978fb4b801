"""Tetris line clear: drop a piece straight down, clear the rows it completes.

The board is built around the landing spot: the rows the piece will complete are full
except for the piece's cells, every other row keeps a hole, and the piece's columns are
open from the top down to where it rests, so it falls straight in and clears 1-4 lines.
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
    easing,
    pick,
    register,
    require,
)
from generators.kit.palette import darken

EMPTY, STACK = ".", "#"
BASE_SHAPES = {
    "I": [(0, 0), (0, 1), (0, 2), (0, 3)],
    "O": [(0, 0), (0, 1), (1, 0), (1, 1)],
    "T": [(0, 0), (0, 1), (0, 2), (1, 1)],
    "S": [(0, 1), (0, 2), (1, 0), (1, 1)],
    "Z": [(0, 0), (0, 1), (1, 1), (1, 2)],
    "J": [(0, 0), (1, 0), (1, 1), (1, 2)],
    "L": [(0, 2), (1, 0), (1, 1), (1, 2)],
}
PIECE_COLOR = {"I": "cyan", "O": "yellow", "T": "purple", "S": "green", "Z": "red",
               "J": "blue", "L": "orange"}  # fmt: skip
STACK_COLOR = "gray"
KINDS = tuple(BASE_SHAPES)


def normalized(cells) -> list[tuple[int, int]]:
    r0 = min(r for r, _ in cells)
    c0 = min(c for _, c in cells)
    return sorted((r - r0, c - c0) for r, c in cells)


def rotations(kind: str) -> list[list[tuple[int, int]]]:
    """The distinct orientations of a piece (quarter turns clockwise), in a fixed order."""
    out: list[list[tuple[int, int]]] = []
    cells = BASE_SHAPES[kind]
    for _ in range(4):
        shape = normalized(cells)
        if shape not in out:
            out.append(shape)
        cells = [(c, -r) for r, c in cells]
    return out


def piece_cells(puzzle: dict, row: int) -> list[tuple[int, int]]:
    """Board cells of the piece when its bounding box's top row is `row`."""
    return [(row + r, puzzle["column"] + c) for r, c in puzzle["shape"]]


def land_by_heights(board: list[str], shape, column: int) -> int:
    """Top row where the piece comes to rest, from the first block under each of its columns."""
    height = len(board)
    best = height
    for c in sorted({dc for _, dc in shape}):
        lowest = max(r for r, dc in shape if dc == c)
        first = next((r for r in range(height) if board[r][column + c] != EMPTY), height)
        best = min(best, first - 1 - lowest)
    return best


def place(board: list[str], cells, code: str) -> list[str]:
    rows = [list(row) for row in board]
    for r, c in cells:
        rows[r][c] = code
    return ["".join(row) for row in rows]


def full_rows(board: list[str]) -> list[int]:
    return [r for r, row in enumerate(board) if EMPTY not in row]


def cleared(board: list[str], rows: list[int]) -> list[str]:
    width = len(board[0])
    kept = [row for r, row in enumerate(board) if r not in rows]
    return [EMPTY * width] * (len(board) - len(kept)) + kept


def build_board(rng, width: int, height: int, max_lines: int):
    """One candidate (board, kind, shape, column); None when the draw does not work out."""
    kind = pick(rng, KINDS)
    options = rotations(kind)
    shape = pick(rng, options)
    ph = max(r for r, _ in shape) + 1
    pw = max(c for _, c in shape) + 1
    column = int(rng.integers(0, width - pw + 1))
    base = int(rng.integers(0, 4))  # rows of garbage under the piece
    top = height - base - ph
    if top < ph + 2:
        return None
    cells = {(top + r, column + c) for r, c in shape}
    lowest = {column + c: top + max(r for r, dc in shape if dc == c) for _, c in shape}

    def allowed(r: int, c: int) -> bool:
        return (r, c) not in cells and not (c in lowest and r <= lowest[c])

    completable = [
        r
        for r in range(top, top + ph)
        if all((r, c) in cells or allowed(r, c) for c in range(width))
    ]
    k = int(rng.integers(1, min(max_lines, len(completable)) + 1))
    lines = sorted(int(i) for i in rng.choice(completable, size=k, replace=False))
    density = float(rng.uniform(0.45, 0.8))
    grid = [[EMPTY] * width for _ in range(height)]
    for r in range(top, height):
        free = [c for c in range(width) if allowed(r, c)]
        if r in lines:
            for c in free:
                grid[r][c] = STACK
            continue
        for c in free:
            if rng.random() < density:
                grid[r][c] = STACK
        open_cells = [c for c in range(width) if (r, c) not in cells and grid[r][c] == EMPTY]
        if not open_cells:  # keep a hole so the row stays incomplete
            grid[r][pick(rng, free)] = EMPTY
    supports = [c for c in sorted(lowest) if lowest[c] + 1 < height]
    if len(supports) == len(lowest) and not any(grid[lowest[c] + 1][c] != EMPTY for c in supports):
        c = pick(rng, supports)
        grid[lowest[c] + 1][c] = STACK
    for r in range(top - 1, max(ph + 1, top - 3) - 1, -1):  # a few short towers beside the piece
        for c in range(width):
            if c not in lowest and grid[r + 1][c] != EMPTY and rng.random() < 0.3:
                grid[r][c] = STACK
    board = ["".join(row) for row in grid]
    return board, kind, shape, column, top, lines


@register(
    "O-56_tetris_line_clear",
    title="Tetris line clear",
    description="Drop a Tetris piece straight down; clear the rows it completes and count them.",
    category="puzzles-logic",
    params=[
        Param("cols", "int", 10, 6, 12, help="board width in cells"),
        Param("rows", "int", 14, 10, 16, help="board height in cells"),
        Param("max_lines", "int", 4, 1, 4, help="most rows the drop may complete"),
    ],
    shard_size=60,
    memory="low",
    faculty="spatiality",
    levels={
        1: {"cols": 6, "rows": 10, "max_lines": 1},
        2: {"cols": 8, "rows": 12, "max_lines": 2},
        3: {"cols": 10, "rows": 14, "max_lines": 4},
        4: {"cols": 11, "rows": 15, "max_lines": 4},
        5: {"cols": 12, "rows": 16, "max_lines": 4},
    },
    # measured: 4,000 draws at the defaults repeat as often as ~726,000 equal puzzles would
    # (the landing spot and the few rows around it decide most of a board)
    instances=700_000,
)
class TetrisLineClear(Task):
    def generate(self, rng, params):
        width, height = params["cols"], params["rows"]
        while True:
            built = build_board(rng, width, height, params["max_lines"])
            if built is None:
                continue
            board, kind, shape, column, top, lines = built
            puzzle = {"board": board, "kind": kind, "shape": [list(c) for c in shape],
                      "column": column}  # fmt: skip
            if full_rows(board) or any(board[r][c] != EMPTY for r, c in piece_cells(puzzle, 0)):
                continue
            if land_by_heights(board, shape, column) != top:
                continue
            if full_rows(place(board, piece_cells(puzzle, top), kind)) != lines:
                continue
            return puzzle

    def solve(self, puzzle, params):
        board, kind = puzzle["board"], puzzle["kind"]
        row = land_by_heights(board, puzzle["shape"], puzzle["column"])
        dropped = place(board, piece_cells(puzzle, row), kind)
        lines = full_rows(dropped)
        return {"landing_row": row, "cleared_rows": lines, "lines": len(lines),
                "board": cleared(dropped, lines)}  # fmt: skip

    def check(self, puzzle, answer, params):
        board, kind = puzzle["board"], puzzle["kind"]
        height, width = len(board), len(board[0])

        def fits(row: int) -> bool:
            return all(0 <= r < height and 0 <= c < width and board[r][c] == EMPTY
                       for r, c in piece_cells(puzzle, row))  # fmt: skip

        require(all(EMPTY in row for row in board), "the board starts with a full row")
        require(fits(0), "the piece does not start on free cells")
        row = 0
        while fits(row + 1):  # let the piece fall one row at a time
            row += 1
        require(answer["landing_row"] == row, f"the piece rests with its top on row {row}")
        after = [list(r) for r in board]
        for r, c in piece_cells(puzzle, row):
            after[r][c] = kind
        full = [r for r in range(height) if all(ch != EMPTY for ch in after[r])]
        require(len(full) >= 1, "the drop clears no line")
        require(answer["cleared_rows"] == full, "cleared rows are not the full rows")
        require(answer["lines"] == len(full), f"{len(full)} lines are cleared")
        final = answer["board"]
        require(len(final) == height and all(len(r) == width for r in final), "board size changed")
        survivors = ["".join(after[r]) for r in range(height) if r not in full]
        require(final[len(full) :] == survivors, "rows above the cleared lines did not drop")
        require(all(set(r) == {EMPTY} for r in final[: len(full)]), "new top rows are not empty")

    def prompt(self, puzzle, params):
        height, width = len(puzzle["board"]), len(puzzle["board"][0])
        color = PIECE_COLOR[puzzle["kind"]]
        return (
            f"The image shows a Tetris board {width} cells wide and {height} cells tall. Gray "
            f"blocks are stacked at the bottom and a {color} {puzzle['kind']}-piece waits at the "
            "top; the counter on the right shows how many lines have been cleared (0). Drop the "
            "piece straight down, without rotating it or moving it sideways, until it rests on a "
            "block or on the floor. Then every row that is completely filled disappears and the "
            "blocks above it move down by one row for each cleared row below them. The gray "
            "blocks keep their places apart from that, and the board and counter stay where they "
            "are. The video ends on the board after clearing, with the counter showing the number "
            "of lines cleared."
        )

    def rubric(self, puzzle, answer, params):
        height = len(puzzle["board"])
        color = PIECE_COLOR[puzzle["kind"]]
        from_bottom = ", ".join(str(height - r) for r in answer["cleared_rows"])
        n = answer["lines"]
        final = answer["board"]
        blocks = sum(ch != EMPTY for row in final for ch in row)
        bottom = final[-1].replace(puzzle["kind"], "#")
        return "\n".join([
            f"1. The {color} {puzzle['kind']}-piece falls straight down in its columns without "
            "rotating or sliding sideways, and stops on the first block (or the floor) under it.",
            f"2. After it lands exactly {n} row{'s' if n > 1 else ''} "
            f"{'are' if n > 1 else 'is'} completely full (row{'s' if n > 1 else ''} "
            f"{from_bottom} counting from the bottom) and {'they disappear' if n > 1 else 'it disappears'}.",
            "3. Every block above a cleared row moves down by the number of cleared rows below "
            "it; no other block moves, appears or disappears.",
            f"4. The final board holds {blocks} blocks; its bottom row reads {bottom} "
            "(# = block, . = empty, left to right).",
            f"5. The counter ends at {n}.",
            "6. The board size, the frame and the counter's position do not change.",
        ])  # fmt: skip

    def render(self, puzzle, answer, params, film):
        layout = Layout(len(puzzle["board"]), len(puzzle["board"][0]))
        kind = puzzle["kind"]
        board = puzzle["board"]
        empty = film.canvas()
        layout.frame(empty)
        base = empty.copy()
        layout.blocks(base, board)
        layout.counter(base, 0)
        frame = base.copy()
        layout.piece(frame, puzzle["shape"], puzzle["column"], 0.0, kind)
        film.opening(frame)
        top = answer["landing_row"]
        n = film.seconds(easing.glide_seconds(top * layout.cell))  # it falls at a steady pace
        for t in easing.steps(n, easing.cruise):
            frame = base.copy()
            layout.piece(frame, puzzle["shape"], puzzle["column"], t * top, kind)
            film.add(frame)
        landed = place(board, piece_cells(puzzle, top), kind)
        still = empty.copy()
        layout.blocks(still, landed)
        layout.counter(still, 0)
        film.hold(still, 0.5)
        flash = still.copy()
        for r in answer["cleared_rows"]:
            layout.row_band(flash, r, HIGHLIGHT)
        for _ in range(2):  # two blinks on the full rows
            film.hold(flash, 0.25)
            film.hold(still, 0.15)
        film.hold(flash, 0.25)
        lines = answer["cleared_rows"]
        gone = [row if r not in lines else EMPTY * len(row) for r, row in enumerate(landed)]
        # rows above a cleared line slide down; rows under the lowest cleared line stay put
        moving = [(r, sum(1 for c in lines if c > r)) for r in range(len(landed)) if r not in lines]
        fixed = empty.copy()
        layout.counter(fixed, answer["lines"])
        steady = [gone[r] if r not in lines and r > max(lines) else EMPTY * len(gone[r])
                  for r in range(len(gone))]  # fmt: skip
        layout.blocks(fixed, steady)
        falling = [(r, d) for r, d in moving if d and gone[r] != EMPTY * len(gone[r])]
        if falling:  # rows of blocks above a cleared line slide down after a pause
            frame = fixed.copy()
            layout.rows_at(frame, [(r, float(r)) for r, _ in falling], gone)
            film.hold(frame, 0.3)
            drop = max(d for _, d in falling)  # they fall together, the highest the farthest
            n = film.seconds(easing.glide_seconds(drop * layout.cell))
            for t in list(easing.steps(n, easing.cruise))[:-1]:  # the last is the final frame
                frame = fixed.copy()
                layout.rows_at(frame, [(r, r + d * t) for r, d in falling], gone)
                film.add(frame)
        final = empty.copy()
        layout.blocks(final, answer["board"])
        layout.counter(final, answer["lines"])
        film.closing(final)


class Layout:
    """Where the board and the counter sit on the 1000-unit canvas."""

    def __init__(self, height: int, width: int):
        self.h, self.w = height, width
        self.cell = min(60.0, 860.0 / height, 600.0 / width)
        self.x0 = 60.0 + (600.0 - width * self.cell) / 2
        self.y0 = (1000.0 - height * self.cell) / 2
        self.panel = (720.0, 940.0)

    def frame(self, canvas: Canvas) -> None:
        x1, y1 = self.x0 + self.w * self.cell, self.y0 + self.h * self.cell
        # the board is the page's own colour: a tinted board would be cut by the falling
        # piece into slivers of tint that come and go (read as motion by the jump measure)
        canvas.grid(self.x0, self.y0, self.cell, self.h, self.w, color=MUTED, width=1.5)
        canvas.rect(self.x0 - 6, self.y0 - 6, x1 + 6, y1 + 6, outline=INK, width=6)
        px0, px1 = self.panel
        canvas.rect(px0, 380, px1, 620, fill=FAINT, outline=INK, width=4, radius=16)
        canvas.text((px0 + px1) / 2, 420, "Lines", size=44, bold=True)

    def counter(self, canvas: Canvas, n: int) -> None:
        canvas.text(sum(self.panel) / 2, 530, str(n), size=110, bold=True)

    def block(self, canvas: Canvas, r: float, c: int, code: str) -> None:
        color = NAMED[PIECE_COLOR.get(code, STACK_COLOR)]
        x, y = self.x0 + c * self.cell, self.y0 + r * self.cell
        # falling blocks step by whole pixels, so each frame draws the same block moved (a
        # sub-pixel offset re-blends its thin outline differently in every frame)
        y = round(y * canvas.scale) / canvas.scale
        # a gap of two pixels at 256 px keeps each block its own shape (touching blocks would
        # blend into one mass that changes shape as rows meet)
        gap = 4.0
        canvas.rect(x + gap, y + gap, x + self.cell - gap, y + self.cell - gap, fill=color,
                    outline=darken(color, 0.35), width=3)  # fmt: skip

    def blocks(self, canvas: Canvas, board: list[str]) -> None:
        for r, row in enumerate(board):
            for c, ch in enumerate(row):
                if ch != EMPTY:
                    self.block(canvas, r, c, ch)

    def rows_at(self, canvas: Canvas, rows: list[tuple[int, float]], board: list[str]) -> None:
        """Draw board row r at (fractional) row position y, for each (r, y)."""
        for r, y in rows:
            for c, ch in enumerate(board[r]):
                if ch != EMPTY:
                    self.block(canvas, y, c, ch)

    def piece(self, canvas: Canvas, shape, column: int, row: float, kind: str) -> None:
        for r, c in shape:
            self.block(canvas, row + r, column + c, kind)

    def row_band(self, canvas: Canvas, r: int, color) -> None:
        y = self.y0 + r * self.cell
        canvas.rect(self.x0, y, self.x0 + self.w * self.cell, y + self.cell, fill=color)
