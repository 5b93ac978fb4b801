"""Magic square: fill the blank cells so every row, column and diagonal has the given sum."""

from __future__ import annotations

from fractions import Fraction

from generators.kit import (
    FAINT,
    HIGHLIGHT,
    INK,
    NAMED,
    Canvas,
    CheckFailed,
    Param,
    Task,
    register,
    require,
)
from generators.kit.palette import lighten

FILLED = NAMED["blue"]
TARGET = NAMED["orange"]
MAX_BLANKS = {3: 6, 4: 8}  # most blanks that line-by-line deduction can always fill
MAX_3X3 = 40  # largest entry of a 3x3 square


def lines(n: int) -> list[tuple[str, list[tuple[int, int]]]]:
    """Every line that must reach the magic sum, with its name."""
    out = [(f"row {r + 1}", [(r, c) for c in range(n)]) for r in range(n)]
    out += [(f"column {c + 1}", [(r, c) for r in range(n)]) for c in range(n)]
    out.append(("main diagonal", [(i, i) for i in range(n)]))
    out.append(("anti-diagonal", [(i, n - 1 - i) for i in range(n)]))
    return out


def square3(rng) -> list[list[int]]:
    """A 3x3 magic square of distinct positive integers: centre c, offsets a and b."""
    options = []
    for a in range(-9, 10):
        for b in range(-9, 10):
            steps = {abs(a), abs(b), abs(a + b), abs(a - b)}
            if 0 in steps or len(steps) < 4:
                continue
            span = abs(a) + abs(b)
            options += [(a, b, c) for c in range(span + 1, MAX_3X3 - span + 1)]
    a, b, c = options[int(rng.integers(len(options)))]
    return [[c - b, c + a + b, c - a], [c - a + b, c, c + a - b], [c + a, c - a - b, c + b]]


# A 4x4 square is found by search: each entry is free or forced by a line that it completes.
_S4 = 34
_ORDER4 = [
    ((0, 0), None), ((1, 1), None), ((2, 2), None), ((3, 3), [(0, 0), (1, 1), (2, 2)]),
    ((0, 3), None), ((1, 2), None), ((2, 1), None), ((3, 0), [(0, 3), (1, 2), (2, 1)]),
    ((0, 1), None), ((0, 2), [(0, 0), (0, 1), (0, 3)]),
    ((3, 1), [(0, 1), (1, 1), (2, 1)]), ((3, 2), [(3, 0), (3, 1), (3, 3)]),
    ((1, 0), None), ((1, 3), [(1, 0), (1, 1), (1, 2)]), ((2, 0), [(0, 0), (1, 0), (3, 0)]),
    ((2, 3), [(2, 0), (2, 1), (2, 2)]),
]  # fmt: skip
_CHECK4 = {11: [(0, 2), (1, 2), (2, 2), (3, 2)], 15: [(0, 3), (1, 3), (2, 3), (3, 3)]}


def square4(rng) -> list[list[int]]:
    """A random normal 4x4 magic square (the numbers 1..16, every line sums to 34)."""
    grid: dict = {}
    used: set[int] = set()
    values = [int(v) + 1 for v in rng.permutation(16)]

    def place(i: int) -> bool:
        if i == len(_ORDER4):
            return True
        cell, deps = _ORDER4[i]
        for v in values if deps is None else [_S4 - sum(grid[d] for d in deps)]:
            if not 1 <= v <= 16 or v in used:
                continue
            grid[cell] = v
            used.add(v)
            if (i not in _CHECK4 or sum(grid[p] for p in _CHECK4[i]) == _S4) and place(i + 1):
                return True
            used.discard(v)
            del grid[cell]
        return False

    place(0)
    return [[grid[(r, c)] for c in range(4)] for r in range(4)]


def deduction_order(grid: list[list[int]], total: int) -> list[list] | None:
    """Fill order by repeatedly completing a line with a single blank: [r, c, value, line]."""
    n = len(grid)
    g = [row[:] for row in grid]
    order = []
    while any(0 in row for row in g):
        for name, cells in lines(n):
            blank = [(r, c) for r, c in cells if g[r][c] == 0]
            if len(blank) == 1:
                r, c = blank[0]
                g[r][c] = total - sum(g[rr][cc] for rr, cc in cells if (rr, cc) != (r, c))
                order.append([r, c, g[r][c], name])
                break
        else:
            return None
    return order


def solution_rank(givens: list[list[int]]) -> tuple[int, int]:
    """(rank of the line equations in the blank cells, number of blanks), by exact elimination."""
    n = len(givens)
    blanks = [(r, c) for r in range(n) for c in range(n) if givens[r][c] == 0]
    index = {p: i for i, p in enumerate(blanks)}
    rows = []
    for _, cells in lines(n):
        row = [Fraction(0)] * len(blanks)
        for p in cells:
            if p in index:
                row[index[p]] += 1
        rows.append(row)
    rank, col = 0, 0
    while rank < len(rows) and col < len(blanks):
        pivot = next((i for i in range(rank, len(rows)) if rows[i][col] != 0), None)
        if pivot is None:
            col += 1
            continue
        rows[rank], rows[pivot] = rows[pivot], rows[rank]
        for i in range(len(rows)):
            if i != rank and rows[i][col] != 0:
                f = rows[i][col] / rows[rank][col]
                rows[i] = [a - f * b for a, b in zip(rows[i], rows[rank])]
        rank += 1
        col += 1
    return rank, len(blanks)


@register(
    "O-70_magic_square",
    title="Magic square",
    description="Fill the blanks of a 3x3 or 4x4 magic square so every row, column and "
    "diagonal reaches the stated sum.",
    category="counting-math",
    params=[
        Param(
            "size",
            "str",
            "both",
            choices=("3x3", "4x4", "both"),
            help="3x3 squares, 4x4 squares (the numbers 1-16), or either",
        ),
        Param("blanks", "int", 5, 2, 8, help="blank cells (at most 6 on a 3x3 square)"),
    ],
    shard_size=60,
    memory="low",
    instances=2_100_000,  # measured: about 2.1 million (20000 draws)
    faculty="abstraction",
    levels={
        1: {"size": "3x3", "blanks": 2},
        2: {"size": "3x3", "blanks": 4},
        3: {"size": "both", "blanks": 5},
        4: {"size": "4x4", "blanks": 6},
        5: {"size": "4x4", "blanks": 8},
    },
    jumps="the highlight steps from line to line and numbers are written one at a time",
)
class MagicSquare(Task):
    def generate(self, rng, params):
        n = {"3x3": 3, "4x4": 4}.get(params["size"]) or 3 + int(rng.integers(2))
        want = min(params["blanks"], MAX_BLANKS[n])
        full = square3(rng) if n == 3 else square4(rng)
        total = sum(full[0])
        while True:
            grid = [row[:] for row in full]
            count = 0
            for i in rng.permutation(n * n):
                r, c = divmod(int(i), n)
                keep, grid[r][c] = grid[r][c], 0
                if deduction_order(grid, total) is None:
                    grid[r][c] = keep
                else:
                    count += 1
                    if count == want:
                        return {"size": n, "sum": total, "givens": grid}

    def solve(self, puzzle, params):
        order = deduction_order(puzzle["givens"], puzzle["sum"])
        grid = [row[:] for row in puzzle["givens"]]
        for r, c, v, _ in order:
            grid[r][c] = v
        return {"grid": grid, "order": order}

    def check(self, puzzle, answer, params):
        n, total, givens = puzzle["size"], puzzle["sum"], puzzle["givens"]
        try:
            grid = [[int(v) for v in row] for row in answer["grid"]]
            order = [(int(r), int(c), int(v), str(line)) for r, c, v, line in answer["order"]]
        except (TypeError, ValueError, KeyError):
            raise CheckFailed("answer is not a grid of integers with a fill order") from None
        require(len(grid) == n and all(len(row) == n for row in grid), f"grid is not {n}x{n}")
        require(
            all(givens[r][c] in (0, grid[r][c]) for r in range(n) for c in range(n)),
            "a given number was changed",
        )
        for name, cells in lines(n):
            s = sum(grid[r][c] for r, c in cells)
            require(s == total, f"{name} sums to {s}, not {total}")
        rank, blanks = solution_rank(givens)
        require(rank == blanks, "the blanks are not determined uniquely by the sums")
        cells = [(r, c) for r, c, _, _ in order]
        require(
            sorted(cells) == sorted((r, c) for r in range(n) for c in range(n) if not givens[r][c]),
            "the fill order does not visit every blank exactly once",
        )
        require(
            all(grid[r][c] == v for r, c, v, _ in order), "the fill order writes a wrong number"
        )
        # each fill completes the line it names: that line's only empty cell at that moment
        named, sofar = dict(lines(n)), [row[:] for row in givens]
        for r, c, v, line in order:
            require(line in named and (r, c) in named[line], f"r{r + 1}c{c + 1} is not on {line}")
            empty = [p for p in named[line] if sofar[p[0]][p[1]] == 0]
            require(
                empty == [(r, c)], f"{line} has other empty cells when r{r + 1}c{c + 1} is filled"
            )
            sofar[r][c] = v

    def prompt(self, puzzle, params):
        n, total = puzzle["size"], puzzle["sum"]
        blanks = sum(1 for row in puzzle["givens"] for v in row if v == 0)
        return (
            f"The image shows a {n}x{n} grid of numbers with {blanks} empty cells; the text above "
            f"it says every row, column and diagonal must add up to {total}. Fill each empty "
            f"cell with the whole number that makes every row, every column and both main "
            f"diagonals sum to {total}; the answer is unique. Fill the cells one at a time, "
            "step by step: first highlight in yellow a row, column or diagonal in which only that "
            "cell is still empty, with the cell itself in orange, then write the missing number "
            "in blue; the highlight then jumps to the next line. The given numbers stay "
            "unchanged in black. The video ends when every cell holds a number."
        )

    def rubric(self, puzzle, answer, params):
        total = puzzle["sum"]
        fills = "; ".join(
            f"r{r + 1}c{c + 1} = {v} (from {line})" for r, c, v, line in answer["order"]
        )
        return "\n".join([
            "1. The given numbers stay in their cells, unchanged, in black.",
            f"2. Each empty cell receives exactly one number, written in blue: {fills}.",
            f"3. In the final frame every row, every column and both diagonals sum to {total}.",
            "4. Cells are filled one at a time, each after highlighting a line in which it was "
            "the only empty cell; no number is erased or rewritten.",
            "5. The final grid row by row: "
            + " / ".join(" ".join(map(str, row)) for row in answer["grid"]) + ".",
        ])  # fmt: skip

    def render(self, puzzle, answer, params, film):
        n, total = puzzle["size"], puzzle["sum"]
        cell = 200 if n == 3 else 160
        x0 = (1000 - n * cell) / 2
        y0 = 570 - n * cell / 2
        grid = [row[:] for row in puzzle["givens"]]
        named = dict(lines(n))

        def draw(marks=(), target=None) -> Canvas:
            cv = film.canvas()
            cv.text(500, 95, f"Every row, column and diagonal = {total}", size=52, bold=True)
            for r in range(n):
                for c in range(n):
                    fill = FAINT if puzzle["givens"][r][c] == 0 else (255, 255, 255)
                    if (r, c) in marks:
                        fill = lighten(HIGHLIGHT, 0.3)
                    if (r, c) == target:
                        fill = lighten(TARGET, 0.3)
                    cv.cell(x0, y0, cell, r, c, fill)
            cv.grid(x0, y0, cell, n, n, color=INK, width=5)
            for r in range(n):
                for c in range(n):
                    if grid[r][c]:
                        given = puzzle["givens"][r][c] != 0
                        cv.text(x0 + (c + 0.5) * cell, y0 + (r + 0.5) * cell, str(grid[r][c]),
                                size=72 if n == 3 else 62, fill=INK if given else FILLED,
                                bold=True)  # fmt: skip
            return cv

        film.opening(draw())
        per = min(0.7, 5.0 / max(1, len(answer["order"])))
        for r, c, v, line in answer["order"]:
            marks = set(named[line])
            film.hold(draw(marks, (r, c)), per * 0.55)
            grid[r][c] = v
            film.hold(draw(marks, (r, c)), per * 0.45)
        film.closing(draw())
