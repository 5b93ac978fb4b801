"""Sudoku: fill a 9x9 grid with a unique solution; the video fills cells in solving order."""

from __future__ import annotations

from generators.kit import FAINT, HIGHLIGHT, INK, NAMED, Canvas, Param, Task, register, require

DIGITS = range(1, 10)
FILLED = NAMED["blue"]
GRID_X, GRID_Y, CELL = 95, 95, 90  # 810-unit grid centred on the 1000-unit canvas


def box_of(r: int, c: int) -> int:
    return (r // 3) * 3 + c // 3


def candidates(grid: list[list[int]], r: int, c: int) -> set[int]:
    used = set(grid[r]) | {grid[i][c] for i in range(9)}
    br, bc = 3 * (r // 3), 3 * (c // 3)
    used |= {grid[i][j] for i in range(br, br + 3) for j in range(bc, bc + 3)}
    return set(DIGITS) - used


def count_solutions(grid: list[list[int]], limit: int = 2) -> int:
    """Solutions of a grid (0 = empty), stopping at `limit`.

    Bitmask search that always branches on the cell with the fewest candidates: fast
    enough to test uniqueness after every removed digit while generating.
    """
    rows, cols, boxes = [0] * 9, [0] * 9, [0] * 9
    empty = []
    for r in range(9):
        for c in range(9):
            if d := grid[r][c]:
                bit = 1 << d
                rows[r] |= bit
                cols[c] |= bit
                boxes[box_of(r, c)] |= bit
            else:
                empty.append((r, c, box_of(r, c)))

    def search(todo: list) -> int:
        if not todo:
            return 1
        best_i, best_free, best_n = -1, 0, 10
        for i, (r, c, b) in enumerate(todo):
            free = ~(rows[r] | cols[c] | boxes[b]) & 0b1111111110
            n = free.bit_count()
            if n < best_n:
                best_i, best_free, best_n = i, free, n
                if n <= 1:
                    break
        if best_n == 0:
            return 0
        r, c, b = todo[best_i]
        rest = todo[:best_i] + todo[best_i + 1 :]
        total = 0
        while best_free and total < limit:
            bit = best_free & -best_free
            best_free ^= bit
            rows[r] |= bit
            cols[c] |= bit
            boxes[b] |= bit
            total += search(rest)
            rows[r] ^= bit
            cols[c] ^= bit
            boxes[b] ^= bit
        return total

    return search(empty)


def random_full_grid(rng) -> list[list[int]]:
    """A uniformly shuffled valid grid: a base pattern under random symmetries."""

    def shuffled_groups():
        bands = [int(b) for b in rng.permutation(3)]
        return [3 * b + int(i) for b in bands for i in rng.permutation(3)]

    rows, cols = shuffled_groups(), shuffled_groups()
    digits = [int(d) + 1 for d in rng.permutation(9)]
    return [[digits[(3 * (r % 3) + r // 3 + c) % 9] for c in cols] for r in rows]


def solving_order(givens: list[list[int]], solution: list[list[int]]) -> list[list[int]]:
    """Cells in the order a solver fills them: always the most constrained empty cell."""
    grid = [row[:] for row in givens]
    order = []
    while True:
        empty = [
            (len(candidates(grid, r, c)), r, c)
            for r in range(9)
            for c in range(9)
            if grid[r][c] == 0
        ]
        if not empty:
            return order
        _, r, c = min(empty)
        grid[r][c] = solution[r][c]
        order.append([r, c, solution[r][c]])


@register(
    "O-48_sudoku",
    title="Sudoku",
    description="Complete a 9x9 Sudoku with a unique solution; cells are filled in solving order.",
    category="puzzles-logic",
    params=[Param("givens", "int", 32, 26, 60, help="digits shown at the start (fewer is harder)")],
    shard_size=50,
    memory="low",
    # the measured lower bound (no repeats in the draw); the true space is far larger
    instances=2_666_666,
    faculty="abstraction",
    levels={
        1: {"givens": 46},
        2: {"givens": 38},
        3: {"givens": 32},
        4: {"givens": 28},
        5: {"givens": 26},
    },
    jumps="digits are written one at a time, each with a highlight on its cell",
)
class Sudoku(Task):
    def generate(self, rng, params):
        solution = random_full_grid(rng)
        grid = [row[:] for row in solution]
        cells = [(int(i) // 9, int(i) % 9) for i in rng.permutation(81)]
        remaining = 81
        for r, c in cells:  # remove digits while the solution stays unique
            if remaining == params["givens"]:
                break
            keep, grid[r][c] = grid[r][c], 0
            if count_solutions([row[:] for row in grid]) != 1:
                grid[r][c] = keep
            else:
                remaining -= 1
        return {"givens": grid}

    def solve(self, puzzle, params):
        grid = [row[:] for row in puzzle["givens"]]
        cells = [(r, c) for r in range(9) for c in range(9) if grid[r][c] == 0]

        def fill(i: int) -> bool:
            if i == len(cells):
                return True
            r, c = cells[i]
            for d in sorted(candidates(grid, r, c)):
                grid[r][c] = d
                if fill(i + 1):
                    return True
            grid[r][c] = 0
            return False

        fill(0)
        return {"solution": grid, "order": solving_order(puzzle["givens"], grid)}

    def check(self, puzzle, answer, params):
        givens, sol = puzzle["givens"], answer["solution"]
        require(len(sol) == 9 and all(len(row) == 9 for row in sol), "solution is not 9x9")
        full = set(DIGITS)
        require(all(set(row) == full for row in sol), "a row does not hold 1..9 once each")
        require(
            all({sol[r][c] for r in range(9)} == full for c in range(9)), "a column repeats a digit"
        )
        boxes = [
            [sol[r][c] for r in range(9) for c in range(9) if box_of(r, c) == b] for b in range(9)
        ]
        require(all(set(b) == full for b in boxes), "a 3x3 box repeats a digit")
        require(
            all(givens[r][c] in (0, sol[r][c]) for r in range(9) for c in range(9)),
            "solution changes a given digit",
        )
        require(
            count_solutions([row[:] for row in givens]) == 1,
            "puzzle does not have a unique solution",
        )
        blanks = {(r, c) for r in range(9) for c in range(9) if givens[r][c] == 0}
        require(
            {(r, c) for r, c, _ in answer["order"]} == blanks
            and len(answer["order"]) == len(blanks),
            "fill order does not visit every empty cell exactly once",
        )
        require(
            all(sol[r][c] == d for r, c, d in answer["order"]), "fill order writes a wrong digit"
        )

    def prompt(self, puzzle, params):
        n = sum(1 for row in puzzle["givens"] for d in row if d)
        return (
            f"The image shows a 9x9 Sudoku grid with {n} given digits in black and {81 - n} empty "
            "cells. Fill every empty cell with a digit from 1 to 9 so that each row, each column "
            "and each of the nine 3x3 boxes contains every digit exactly once. The given digits "
            "and the grid stay exactly as they are. Fill the cells one at a time, step by step: "
            "each new digit appears at once in blue, its cell briefly highlighted in yellow; the "
            "video ends when every cell holds a digit."
        )

    def rubric(self, puzzle, answer, params):
        n = sum(1 for row in puzzle["givens"] for d in row if d)
        return "\n".join([
            f"1. All {n} given digits stay in their cells, unchanged, in black.",
            f"2. All {81 - n} empty cells end up filled, each with one digit from 1 to 9.",
            "3. In the final frame every row, column and 3x3 box contains 1-9 exactly once.",
            "4. The final grid matches the unique solution: row 1 reads "
            + "".join(map(str, answer["solution"][0])) + ".",
            "5. Cells are filled one at a time; no digit is erased or rewritten.",
            "6. The grid lines, layout and background do not change.",
        ])  # fmt: skip

    def render(self, puzzle, answer, params, film):
        board = film.canvas()
        draw_grid(board, puzzle["givens"])
        film.opening(board)
        for r, c, d in answer["order"]:
            frame = board.copy()
            frame.cell(GRID_X, GRID_Y, CELL, r, c, HIGHLIGHT, inset=3)
            draw_digit(frame, r, c, d, FILLED)
            film.add(frame, film.seconds(0.125))
            draw_digit(board, r, c, d, FILLED)  # the filled digit stays on the board
        film.closing(board)


def draw_grid(canvas: Canvas, givens: list[list[int]]) -> None:
    for r in range(9):
        for c in range(9):
            if (box_of(r, c) % 2) == 0:
                canvas.cell(GRID_X, GRID_Y, CELL, r, c, FAINT)
            if givens[r][c]:
                draw_digit(canvas, r, c, givens[r][c], INK)
    canvas.grid(GRID_X, GRID_Y, CELL, 9, 9, color=INK, width=3, thick_every=3, thick=9)


def draw_digit(canvas: Canvas, r: int, c: int, digit: int, color) -> None:
    canvas.text(GRID_X + (c + 0.5) * CELL, GRID_Y + (r + 0.5) * CELL, str(digit), size=62,
                fill=color, bold=color == INK)  # fmt: skip
