"""N queens: complete a board on which some queens are already placed; the completion is unique.

Place N queens on an N x N board so that no two share a row, a column or a diagonal.
Enough queens are given that exactly one completion exists. The video places the
missing queens one row at a time.
"""

from __future__ import annotations

from functools import cache, lru_cache

import numpy as np

from generators.kit import (
    FAINT,
    HIGHLIGHT,
    INK,
    MUTED,
    NAMED,
    Canvas,
    Param,
    Task,
    distinct,
    easing,
    register,
    require,
)
from generators.kit.palette import lighten

BOARD = (120, 125, 880, 885)  # x0, y0, x1, y1
# the ends of the highlighted row glide at this many canvas units a second: below the
# kit's 400, as a glide of one row lasts a few frames and rounding them shortens it
BAND_SPEED = 300.0
DARK = lighten(NAMED["brown"], 0.55)
PLACED = NAMED["blue"]
FILES = "abcdefghijkl"


@lru_cache(maxsize=4)
def all_solutions(n: int) -> np.ndarray:
    """Every placement as a row of cols[row], in lexicographic order; read-only and cached
    (a pure function of n: 14200 placements at n=12 take well under a second)."""
    out: list[list[int]] = []
    cols: list[int] = []
    full = (1 << n) - 1

    def place(used: int, left: int, right: int) -> None:
        if len(cols) == n:
            out.append(list(cols))
            return
        free = full & ~(used | left | right)
        while free:
            bit = free & -free
            free ^= bit
            cols.append(bit.bit_length() - 1)
            place(used | bit, ((left | bit) << 1) & full, (right | bit) >> 1)
            cols.pop()

    place(0, 0, 0)
    table = np.array(out, dtype=np.int8)
    table.flags.writeable = False
    return table


def matching(n: int, givens: list[list[int]]) -> np.ndarray:
    """Which placements contain every given queen."""
    table = all_solutions(n)
    if not givens:
        return np.ones(len(table), dtype=bool)
    rows = [r for r, _ in givens]
    return np.all(table[:, rows] == np.array([c for _, c in givens]), axis=1)


@cache
def given_sets(n: int) -> tuple[tuple[int, int], ...]:
    """Every (placement, bitmask of given rows) with at most n // 2 + 1 givens that no other
    placement shares, for the small boards (a set pins its placement down; 14012 at n=8)."""
    table = all_solutions(n).astype(np.int64)
    agree = np.zeros((len(table), len(table)), dtype=np.int64)  # rows where two placements agree
    for r in range(n):
        agree |= (table[:, r, None] == table[None, :, r]).astype(np.int64) << r
    np.fill_diagonal(agree, 0)
    out = []
    for rows in range(1, 1 << n):
        if rows.bit_count() <= n // 2 + 1:
            alone = np.all(rows & ~agree != 0, axis=1)  # no other placement has these queens
            out += [(int(p), rows) for p in np.flatnonzero(alone)]
    return tuple(sorted(out))


def count_completions(n: int, givens: list[list[int]], limit: int = 2) -> int:
    """Placements that contain the given queens, stopping at `limit`: a direct bitmask search,
    independent of the placement table."""
    fixed = {r: c for r, c in givens}
    full = (1 << n) - 1
    count = 0

    def place(r: int, used: int, left: int, right: int) -> None:
        nonlocal count
        if r == n:
            count += 1
            return
        free = full & ~(used | left | right)
        if r in fixed:
            free &= 1 << fixed[r]
        while free and count < limit:
            bit = free & -free
            free ^= bit
            place(r + 1, used | bit, ((left | bit) << 1) & full, (right | bit) >> 1)

    place(0, 0, 0, 0)
    return count


@register(
    "O-55_n_queens",
    title="N queens",
    description="Complete an N-queens board from a few given queens; exactly one completion exists.",
    category="puzzles-logic",
    params=[
        Param("n", "int", 12, 4, 12, help="board size and number of queens"),
        Param(
            "max_extra",
            "int",
            6,
            0,
            6,
            help="most queens given beyond the fewest that make the completion unique",
        ),
    ],
    shard_size=60,
    memory="low",
    faculty="spatiality",
    levels={
        1: {"n": 6, "max_extra": 6},
        2: {"n": 8, "max_extra": 6},
        3: {"n": 12, "max_extra": 6},
        4: {"n": 12, "max_extra": 2},
        5: {"n": 12, "max_extra": 0},
    },
    # at the default n=12: 14200 placements, each pinned down by many sets of givens (n=10
    # gives about 5 * 10^5 puzzles, n=8 exactly 14012, n=4 only 28)
    instances=2_000_000,
)
class NQueens(Task):
    def generate(self, rng, params):
        n = params["n"]
        table = all_solutions(n)
        most = n // 2 + 1  # more givens would leave too little to solve
        if len(table) < 200:  # a small board: the givens themselves come from `distinct`
            sets = given_sets(n)
            p, rows = sets[distinct(rng, len(sets))]
            return {"n": n, "givens": [[r, int(table[p][r])] for r in range(n) if rows >> r & 1]}
        # the placement to complete comes from `distinct`: different placements need
        # different givens, since the givens pin down their placement
        cols = [int(c) for c in table[distinct(rng, len(table))]]
        while True:
            rows = [int(r) for r in rng.permutation(n)]
            givens: list[list[int]] = []
            for r in rows:  # add queens of the chosen placement until it is the only one
                if givens and matching(n, givens).sum() == 1:
                    break
                givens.append([r, cols[r]])
            if len(givens) <= most:
                break
        # some extra queens (the puzzle stays unique), so the same few minimal sets of givens
        # do not repeat across samples
        extra = int(rng.integers(0, min(params["max_extra"], most - len(givens)) + 1))
        for r in [r for r in rows if r not in {g[0] for g in givens}][:extra]:
            givens.append([r, cols[r]])
        return {"n": n, "givens": sorted(givens)}

    def solve(self, puzzle, params):
        n, givens = puzzle["n"], puzzle["givens"]
        fixed = {r for r, _ in givens}
        cols = all_solutions(n)[int(np.argmax(matching(n, givens)))]
        queens = [[r, int(cols[r])] for r in range(n)]
        return {"queens": queens, "placed": [q for q in queens if q[0] not in fixed]}

    def check(self, puzzle, answer, params):
        n, givens, queens = puzzle["n"], puzzle["givens"], answer["queens"]
        require(len(queens) == n, f"{len(queens)} queens instead of {n}")
        require(all(0 <= r < n and 0 <= c < n for r, c in queens), "a queen is off the board")
        for i, (r1, c1) in enumerate(queens):
            for r2, c2 in queens[i + 1 :]:
                require(r1 != r2 and c1 != c2, "two queens share a row or a column")
                require(abs(r1 - r2) != abs(c1 - c2), "two queens share a diagonal")
        spots = {(r, c) for r, c in queens}
        require(all((r, c) in spots for r, c in givens), "a given queen was moved or removed")
        require(sorted(answer["placed"] + givens) == sorted(queens),
                "the placed queens and the givens do not make up the board")  # fmt: skip
        rows = [r for r, _ in answer["placed"]]
        require(rows == sorted(rows), "the queens are not placed one row at a time from the top")
        require(count_completions(n, givens) == 1, "the givens allow more than one completion")

    def prompt(self, puzzle, params):
        n, k = puzzle["n"], len(puzzle["givens"])
        return (
            f"The image shows an empty {n}x{n} chessboard except for {k} black queen"
            f"{'s' if k > 1 else ''} already placed. Add {n - k} more queens so that the board "
            f"holds {n} queens and no two attack each other: no two in the same row, column or "
            "diagonal. Exactly one way to do this exists. The given queens stay where they are. "
            "Place the new queens in blue, one row at a time from the top; the video ends when "
            f"all {n} queens are on the board."
        )

    def rubric(self, puzzle, answer, params):
        n = puzzle["n"]
        files = FILES
        where = ", ".join(f"{files[c]}{n - r}" for r, c in answer["placed"])
        return "\n".join([
            f"1. The {len(puzzle['givens'])} given black queens do not move.",
            f"2. {len(answer['placed'])} blue queens are added, one at a time.",
            f"3. The final board holds exactly {n} queens, one in every row and every column.",
            "4. No two queens share a diagonal.",
            f"5. The added queens stand on {where} (files a-{files[n - 1]} from the left and "
            f"ranks 1-{n} from the bottom, as marked beside the board).",
        ])  # fmt: skip

    def render(self, puzzle, answer, params, film):
        n = puzzle["n"]
        cell = (BOARD[2] - BOARD[0]) / n
        base = film.canvas()
        base.text(500, 65, f"Place {n} queens: none may attack another", size=46, bold=True)
        for r in range(n):
            for c in range(n):
                base.cell(BOARD[0], BOARD[1], cell, r, c, DARK if (r + c) % 2 else FAINT)
        base.rect(*BOARD, outline=INK, width=6)
        for k in range(n):  # files a.. left to right, ranks 1.. bottom to top
            base.text(BOARD[0] + (k + 0.5) * cell, BOARD[3] + 38, FILES[k], size=40,
                      fill=MUTED, bold=True)  # fmt: skip
            base.text(BOARD[0] - 36, BOARD[1] + (k + 0.5) * cell, str(n - k), size=40,
                      fill=MUTED, bold=True)  # fmt: skip
        for r, c in puzzle["givens"]:
            queen(base, r, c, cell, INK)
        film.opening(base)
        board = base.copy()

        def band(canvas: Canvas, row: float, closed: bool = True) -> Canvas:
            """The row being filled, outlined in crisp lines (whole pixels: a thin blended
            outline gliding by sub-pixels flickers between one and two pixels). While it
            glides only its two ends show, on the board's edges: lines sliding across the
            squares would cut them into pieces that seem to jump."""
            frame = canvas.copy()
            top, bottom = BOARD[1] + row * cell, BOARD[1] + (row + 1) * cell
            for x in (BOARD[0], BOARD[2]):
                frame.crisp_line(x, top, x, bottom, HIGHLIGHT, 12)
            if closed:
                for y in (top, bottom):
                    frame.crisp_line(BOARD[0], y, BOARD[2], y, HIGHLIGHT, 8)
            return frame

        at = None  # the band appears on the first row to fill, then glides from row to row
        for r, c in answer["placed"]:
            if at is not None:
                glide = film.seconds(easing.glide_seconds((r - at) * cell, speed=BAND_SPEED))
                for t in easing.steps(glide, easing.cruise):
                    film.add(band(board, easing.lerp(at, r, t), closed=t == 1.0))
            at = r
            film.hold(band(board, r), 0.15)
            for t in easing.steps(film.seconds(0.3), easing.ease_out):
                frame = band(board, r)
                queen(frame, r, c, cell, easing.lerp_color((255, 255, 255), PLACED, t), scale=t)
                film.add(frame)
            queen(board, r, c, cell, PLACED)
        film.closing(board)


def queen(canvas: Canvas, r: int, c: int, cell: float, color, scale: float = 1.0) -> None:
    """A crown-shaped queen centred in cell (r, c)."""
    if scale < 0.05:
        return
    cx = BOARD[0] + (c + 0.5) * cell
    cy = BOARD[1] + (r + 0.5) * cell
    s = cell * 0.38 * scale
    crown = [(-0.72, 0.62), (0.72, 0.62), (0.9, -0.42), (0.45, 0.02), (0.0, -0.62),
             (-0.45, 0.02), (-0.9, -0.42)]  # fmt: skip
    canvas.polygon([(cx + x * s, cy + y * s) for x, y in crown], fill=color, outline=INK,
                   width=3)  # fmt: skip
    canvas.rect(cx - 0.78 * s, cy + 0.6 * s, cx + 0.78 * s, cy + 0.86 * s, fill=color,
                outline=INK, width=3)  # fmt: skip
    for x, y in ((-0.9, -0.42), (0.0, -0.62), (0.9, -0.42)):
        canvas.circle(cx + x * s, cy + y * s - 0.12 * s, 0.14 * s, fill=color, outline=INK,
                      width=3)  # fmt: skip
