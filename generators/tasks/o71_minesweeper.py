"""Minesweeper deduction: mark every covered cell the numbers prove to be a mine or safe."""

from __future__ import annotations

from generators.kit import (
    INK,
    MUTED,
    NAMED,
    Canvas,
    CheckFailed,
    Param,
    Task,
    register,
    require,
)
from generators.kit.palette import darken, lighten

COVERED = -1
NUMBER_COLORS = {1: "blue", 2: "green", 3: "red", 4: "purple", 5: "brown", 6: "cyan", 7: "pink",
                 8: "gray"}  # fmt: skip
FLAG = NAMED["red"]
REVEALED = (252, 252, 252)
SAFE = NAMED["green"]
AREA, Y0 = 760, 150
MAX_MARKS = 18


def around(r: int, c: int, rows: int, cols: int):
    for dr in (-1, 0, 1):
        for dc in (-1, 0, 1):
            if (dr or dc) and 0 <= r + dr < rows and 0 <= c + dc < cols:
                yield r + dr, c + dc


def constraints(board: list[list[int]]) -> tuple[list, list]:
    """(frontier cells in reading order, [(covered neighbour indices, mines needed)])."""
    rows, cols = len(board), len(board[0])
    frontier: dict = {}
    for r in range(rows):
        for c in range(cols):
            if board[r][c] == COVERED and any(
                board[a][b] != COVERED for a, b in around(r, c, rows, cols)
            ):
                frontier[(r, c)] = len(frontier)
    rules = []
    for r in range(rows):
        for c in range(cols):
            if board[r][c] != COVERED:
                cells = [frontier[p] for p in around(r, c, rows, cols) if p in frontier]
                if cells or board[r][c]:
                    rules.append((cells, board[r][c]))
    return list(frontier), rules


def all_layouts_agree(board) -> tuple[list, list, list]:
    """Enumerate every mine layout of the frontier that fits all numbers, one linked group of
    cells at a time; return the cells that are a mine in all layouts, safe in all of them, and
    undetermined."""
    cells, rules = constraints(board)
    n = len(cells)
    if any(not m and need for m, need in rules):
        return [], [], []
    group = list(range(n))  # union-find over cells that share a number

    def root(i):
        while group[i] != i:
            group[i] = group[group[i]]
            i = group[i]
        return i

    for members, _ in rules:
        for i in members[1:]:
            group[root(i)] = root(members[0])
    can_mine, can_safe = [False] * n, [False] * n
    for g in sorted({root(i) for i in range(n)}):
        part = [i for i in range(n) if root(i) == g]
        part_rules = [(m, need) for m, need in rules if m and root(m[0]) == g]
        enumerate_part(part, part_rules, can_mine, can_safe)
    mines = [list(cells[i]) for i in range(n) if can_mine[i] and not can_safe[i]]
    safe = [list(cells[i]) for i in range(n) if can_safe[i] and not can_mine[i]]
    unknown = [list(cells[i]) for i in range(n) if can_mine[i] and can_safe[i]]
    return mines, safe, unknown


def enumerate_part(part, rules, can_mine, can_safe) -> None:
    """Backtracking over the cells of one group, recording which values each cell can take."""
    touching: dict = {i: [] for i in part}
    for k, (members, _) in enumerate(rules):
        for i in members:
            touching[i].append(k)
    mines_in = [0] * len(rules)
    open_in = [len(m) for m, _ in rules]
    value = dict.fromkeys(part, 0)

    def go(j: int) -> None:
        if j == len(part):
            for i in part:
                if value[i]:
                    can_mine[i] = True
                else:
                    can_safe[i] = True
            return
        i = part[j]
        for v in (0, 1):
            value[i] = v
            for k in touching[i]:
                mines_in[k] += v
                open_in[k] -= 1
            if all(mines_in[k] <= rules[k][1] <= mines_in[k] + open_in[k] for k in touching[i]):
                go(j + 1)
            for k in touching[i]:
                mines_in[k] -= v
                open_in[k] += 1

    go(0)


def satisfiable(board, fixed: dict) -> bool:
    """Is there a mine layout of the covered cells, agreeing with `fixed` ({cell: 0 or 1}),
    that gives every revealed number its count? Each group of numbers linked through shared
    covered neighbours is searched on its own (their layouts are independent)."""
    rows, cols = len(board), len(board[0])

    def covered_around(r, c):
        return [p for p in around(r, c, rows, cols) if board[p[0]][p[1]] == COVERED]

    numbers = [(r, c) for r in range(rows) for c in range(cols) if board[r][c] != COVERED]
    seen: set = set()
    for first in numbers:
        if first in seen:
            continue
        group, todo = [], [first]  # breadth-first: neighbouring numbers stay close in order
        seen.add(first)
        while todo:
            r, c = todo.pop(0)
            group.append((r, c))
            for p in covered_around(r, c):
                for q in around(p[0], p[1], rows, cols):
                    if board[q[0]][q[1]] != COVERED and q not in seen:
                        seen.add(q)
                        todo.append(q)
        if not _group_fits(board, group, fixed, covered_around):
            return False
    return True


def _group_fits(board, group, fixed, covered_around) -> bool:
    layout = {p: v for p, v in fixed.items()}
    near = {rc: covered_around(*rc) for rc in group}
    watchers: dict = {}
    for rc in group:
        for p in near[rc]:
            watchers.setdefault(p, []).append(rc)

    def ok(rc) -> bool:
        mines = sum(layout.get(p, 0) for p in near[rc])
        free = sum(1 for p in near[rc] if p not in layout)
        return mines <= board[rc[0]][rc[1]] <= mines + free

    def search(k: int) -> bool:
        while k < len(group):
            free = [p for p in near[group[k]] if p not in layout]
            if free:
                p = free[0]
                for v in (1, 0):
                    layout[p] = v
                    if all(ok(q) for q in watchers[p]) and search(k):
                        return True
                    del layout[p]
                return False
            if not ok(group[k]):
                return False
            k += 1
        return True

    return all(ok(rc) for rc in group) and search(0)


def click(board, near, cell) -> None:
    """Reveal a safe cell as the game does: a 0 reveals its neighbours too, and so on."""
    n = len(board)
    stack = [cell]
    while stack:
        r, c = stack.pop()
        if board[r][c] != COVERED:
            continue
        board[r][c] = near[r][c]
        if near[r][c] == 0:
            stack += [p for p in around(r, c, n, n) if board[p[0]][p[1]] == COVERED]


def deduction_order(board, mines, safe) -> list[list]:
    """Marks in the order a player finds them: first whatever a single number settles given
    the marks so far, then (when no single number helps) the next forced cell."""
    rows, cols = len(board), len(board[0])
    todo = {tuple(p): "mine" for p in mines} | {tuple(p): "safe" for p in safe}
    known: dict = {}
    order = []
    while todo:
        found = []
        for r in range(rows):
            for c in range(cols):
                if board[r][c] == COVERED or found:
                    continue
                nb = [p for p in around(r, c, rows, cols) if board[p[0]][p[1]] == COVERED]
                flagged = sum(1 for p in nb if known.get(p) == "mine")
                free = [p for p in nb if p not in known]
                if free and board[r][c] == flagged:
                    found = [(p, "safe") for p in free if todo.get(p) == "safe"]
                elif free and board[r][c] - flagged == len(free):
                    found = [(p, "mine") for p in free if todo.get(p) == "mine"]
        if not found:
            p = min(todo)
            found = [(p, todo[p])]
        for p, kind in found:
            if p in todo:
                del todo[p]
                known[p] = kind
                order.append([p[0], p[1], kind])
    return order


@register(
    "O-71_minesweeper",
    title="Minesweeper deduction",
    description="On a partly revealed Minesweeper board, flag every cell that must be a mine "
    "and mark every cell that must be safe.",
    category="puzzles-logic",
    params=[
        Param("size", "int", 8, 6, 10, help="the board is size x size cells"),
        Param("density", "float", 0.18, 0.1, 0.25, help="share of cells holding a mine"),
    ],
    shard_size=50,
    memory="low",
    instances=1_000_000,  # measured: about 1.0 million (20000 draws)
    faculty="abstraction",
    levels={
        1: {"size": 6, "density": 0.12},
        2: {"size": 7, "density": 0.15},
        3: {"size": 8, "density": 0.18},
        4: {"size": 9, "density": 0.2},
        5: {"size": 10, "density": 0.22},
    },
    jumps="marks are placed one at a time, each appearing whole in its cell",
)
class Minesweeper(Task):
    def generate(self, rng, params):
        n = params["size"]
        while True:
            count = max(3, round(params["density"] * n * n))
            flat = set(int(i) for i in rng.choice(n * n, count, replace=False))
            mine = [[(r * n + c) in flat for c in range(n)] for r in range(n)]
            near = [[sum(mine[a][b] for a, b in around(r, c, n, n)) for c in range(n)]
                    for r in range(n)]  # fmt: skip
            zeros = [
                (r, c) for r in range(n) for c in range(n) if not mine[r][c] and not near[r][c]
            ]
            if not zeros:
                continue
            board = [[COVERED] * n for _ in range(n)]
            click(board, near, zeros[int(rng.integers(len(zeros)))])  # the opening click
            for _ in range(int(rng.integers(3))):  # a few more clicks on safe cells
                covered = [(r, c) for r in range(n) for c in range(n)
                           if board[r][c] == COVERED and not mine[r][c]]  # fmt: skip
                if covered:
                    click(board, near, covered[int(rng.integers(len(covered)))])
            shown = sum(v != COVERED for row in board for v in row)
            if not n * n * 0.2 <= shown <= n * n * 0.65:
                continue
            mines, safe, _ = all_layouts_agree(board)
            if mines and safe and len(mines) + len(safe) <= MAX_MARKS:
                return {"board": board}

    def solve(self, puzzle, params):
        board = puzzle["board"]
        mines, safe, unknown = all_layouts_agree(board)
        return {"mines": mines, "safe": safe, "order": deduction_order(board, mines, safe),
                "undetermined": len(unknown)}  # fmt: skip

    def check(self, puzzle, answer, params):
        board = puzzle["board"]
        rows, cols = len(board), len(board[0])
        try:
            mines = {(int(r), int(c)) for r, c in answer["mines"]}
            safe = {(int(r), int(c)) for r, c in answer["safe"]}
            order = [(int(r), int(c), kind) for r, c, kind in answer["order"]]
        except (TypeError, ValueError, KeyError):
            raise CheckFailed("answer is not lists of [row, col] cells") from None
        for r in range(rows):
            for c in range(cols):  # a revealed 0 would have revealed its neighbours
                require(board[r][c] != 0 or all(board[a][b] != COVERED for a, b in
                        around(r, c, rows, cols)), f"a revealed 0 at ({r}, {c}) touches a "
                        "covered cell")  # fmt: skip
        require(not mines & safe, "a cell is marked both mine and safe")
        for r, c in mines | safe:
            require(0 <= r < rows and 0 <= c < cols and board[r][c] == COVERED,
                    f"({r}, {c}) is not a covered cell")  # fmt: skip
        marks = {p: 1 for p in mines} | {p: 0 for p in safe}
        require(satisfiable(board, marks), "the marks contradict the numbers")
        # forced: each mark's opposite is impossible; unmarked covered cells are not forced
        for p, v in marks.items():
            require(not satisfiable(board, {p: 1 - v}), f"{p} is not forced")
        undecided = 0
        for r in range(rows):
            for c in range(cols):
                p = (r, c)
                if board[r][c] != COVERED or p in marks:
                    continue
                if not any(board[a][b] != COVERED for a, b in around(r, c, rows, cols)):
                    continue  # no number touches it: nothing can be deduced
                require(satisfiable(board, {p: 0}) and satisfiable(board, {p: 1}),
                        f"{p} is forced but not marked")  # fmt: skip
                undecided += 1
        require(answer.get("undetermined") == undecided,
                f"{undecided} covered cells next to numbers cannot be decided")  # fmt: skip
        require(sorted((r, c) for r, c, _ in order) == sorted(marks), "order misses a mark")
        require(all(marks[(r, c)] == (kind == "mine") for r, c, kind in order), "order kind wrong")

    def prompt(self, puzzle, params):
        n = len(puzzle["board"])
        return (
            f"The image shows a {n}x{n} Minesweeper board. Gray raised cells are still covered; "
            "light cells are revealed and safe, and a number on a revealed cell counts the "
            "mines among its eight neighbours (an empty revealed cell has none). Using only "
            "these numbers, find every covered cell that must contain a mine and every covered "
            "cell that must be safe. Mark them one at a time, step by step: a red flag on each certain mine "
            "and a green check mark on each certain safe cell. Covered cells whose state cannot "
            "be deduced stay unmarked, and the revealed cells and numbers do not change. The "
            "video ends when every certain cell is marked."
        )

    def rubric(self, puzzle, answer, params):
        def names(cells):
            return ", ".join(f"r{r + 1}c{c + 1}" for r, c in cells) or "none"

        return "\n".join([
            "1. The revealed cells and their numbers never change.",
            f"2. Red flags end up on exactly these {len(answer['mines'])} cells (row, column "
            f"from the top left): {names(answer['mines'])}.",
            f"3. Green check marks end up on exactly these {len(answer['safe'])} cells: "
            f"{names(answer['safe'])}.",
            "4. No other covered cell is marked"
            + (f" ({answer['undetermined']} cells next to numbers cannot be decided)."
               if answer["undetermined"] else "."),
            "5. Marks appear one at a time and are never removed.",
        ])  # fmt: skip

    def render(self, puzzle, answer, params, film):
        board = puzzle["board"]
        n = len(board)
        cell = AREA / n
        x0 = (1000 - AREA) / 2
        base = film.canvas()
        base.text(500, 85, "Flag certain mines, tick certain safe cells", size=48, bold=True)
        for r in range(n):
            for c in range(n):
                x, y = x0 + c * cell, Y0 + r * cell
                if board[r][c] == COVERED:
                    base.rect(x, y, x + cell, y + cell, fill=MUTED)
                    base.rect(x + 7, y + 7, x + cell - 7, y + cell - 7, fill=lighten(MUTED, 0.3))
                else:
                    base.rect(x, y, x + cell, y + cell, fill=REVEALED)
                    if board[r][c]:
                        color = NAMED[NUMBER_COLORS[board[r][c]]]
                        base.text(x + cell / 2, y + cell / 2, str(board[r][c]),
                                  size=max(44, cell * 0.55), fill=color, bold=True)  # fmt: skip
        base.grid(x0, Y0, cell, n, n, color=darken(MUTED, 0.25), width=3)
        base.rect(x0, Y0, x0 + AREA, Y0 + AREA, outline=INK, width=6)
        film.opening(base)
        per = film.seconds(min(0.45, 4.0 / max(1, len(answer["order"]))))
        for i, (r, c, kind) in enumerate(answer["order"], 1):
            cx, cy = x0 + (c + 0.5) * cell, Y0 + (r + 0.5) * cell
            if kind == "mine":
                draw_flag(base, cx, cy, cell)
            else:
                draw_check(base, cx, cy, cell)
            if i < len(answer["order"]):
                film.add(base, per)
        film.closing(base)  # the last mark stays for the closing hold


def draw_flag(cv: Canvas, cx: float, cy: float, cell: float) -> None:
    s = cell * 0.36
    cv.rect(cx - s * 0.1, cy - s, cx + s * 0.06, cy + s * 0.8, fill=INK)
    cv.polygon([(cx + s * 0.06, cy - s), (cx + s * 0.06, cy - s * 0.1), (cx - s * 0.95, cy - s * 0.55)],
               fill=FLAG)  # fmt: skip
    cv.rect(cx - s * 0.6, cy + s * 0.7, cx + s * 0.55, cy + s * 0.9, fill=INK)


def draw_check(cv: Canvas, cx: float, cy: float, cell: float) -> None:
    s = cell * 0.32
    cv.line([(cx - s, cy), (cx - s * 0.3, cy + s * 0.7), (cx + s, cy - s * 0.8)], fill=SAFE,
            width=max(8.0, cell * 0.12))  # fmt: skip
