"""Arrow path: a token follows the symbols of a grid (arrows, double arrows that jump over a
cell, circular arrows that turn it a quarter turn clockwise) from a marked cell; where does
it leave the grid, or where does it stand after N moves?

The walk is built first as a self-avoiding path (no cell landed on twice, so no loops), then
every other cell gets a random symbol. The checker replays the answer move by move against
the symbols and rejects a path that breaks a rule, stops early or visits a cell twice.
"""

from __future__ import annotations

import itertools
import math

from generators.kit import INK, MUTED, NAMED, SUCCESS, Param, Task, easing, register, require
from generators.kit.palette import lighten
from generators.kit.rng import pick

STEP = {"up": (-1, 0), "right": (0, 1), "down": (1, 0), "left": (0, -1)}
CLOCKWISE = {"up": "right", "right": "down", "down": "left", "left": "up"}
KINDS = {"none": ("arrow",), "jump": ("arrow", "jump"), "jump_turn": ("arrow", "jump", "turn")}
TOKEN = NAMED["pink"]  # light enough for the symbols to read on it


def cell_name(cell) -> str:
    return f"{chr(ord('A') + cell[1])}{cell[0] + 1}"


def move(symbol, cell, heading):
    """(landing cell, new heading) of a move from `cell` with `symbol` = [kind, direction]."""
    kind, direction = symbol
    heading = CLOCKWISE[heading] if kind == "turn" else direction
    dr, dc = STEP[heading]
    reach = 2 if kind == "jump" else 1
    return (cell[0] + dr * reach, cell[1] + dc * reach), heading


def inside(cell, rows, cols) -> bool:
    return 0 <= cell[0] < rows and 0 <= cell[1] < cols


def random_symbol(rng, kinds, heading):
    """Plain arrows twice as often as each special symbol, so the grid reads as arrows."""
    kind = pick(rng, ("arrow", *kinds) if heading else ("arrow", "arrow", "jump")[: len(kinds) + 1])
    return [kind, "" if kind == "turn" else pick(rng, tuple(STEP))]


@register(
    "O-103_arrow_path",
    title="Arrow path",
    description="Follow the arrows of a grid from a marked cell: where does the token leave the grid, or where does it stand after N moves?",
    category="spatial-visual",
    params=[
        Param("size", "int", 6, 4, 8, help="largest number of rows or columns"),
        Param("moves", "int", 8, 3, 16, help="moves the token makes inside the grid"),
        Param("specials", "str", "jump_turn", choices=tuple(KINDS),
              help="symbols besides plain arrows: double arrows (jump) and turns"),
        Param("question", "str", "mixed", choices=("mixed", "exit", "steps"),
              help="ask where the token leaves the grid, or where it is after N moves"),
    ],
    shard_size=80,
    memory="low",
    instances=1_000_000,
    faculty="spatiality",
    levels={
        1: {"size": 4, "moves": 4, "specials": "none", "question": "mixed"},
        2: {"size": 5, "moves": 6, "specials": "jump", "question": "mixed"},
        3: {"size": 6, "moves": 8, "specials": "jump_turn", "question": "mixed"},
        4: {"size": 7, "moves": 11, "specials": "jump_turn", "question": "mixed"},
        5: {"size": 8, "moves": 14, "specials": "jump_turn", "question": "mixed"},
    },
)  # fmt: skip
class ArrowPath(Task):
    def generate(self, rng, params):
        kinds, n = KINDS[params["specials"]], params["moves"]
        question = params["question"]
        if question == "mixed":
            question = pick(rng, ("exit", "steps"))
        while True:
            rows = int(rng.integers(params["size"] - 1, params["size"] + 1))
            cols = int(rng.integers(params["size"] - 1, params["size"] + 1))
            grid = self.lay_path(rng, rows, cols, n, kinds, question == "exit")
            if grid is None:
                continue
            grid, start = grid
            if {s[0] for row in grid for s in row} == set(kinds):  # every named symbol shows
                return {"grid": grid, "start": list(start), "question": question, "moves": n}

    def lay_path(self, rng, rows, cols, n, kinds, leaves):
        """A grid whose walk from its start lands on n + 1 different cells (and then leaves
        the grid if `leaves`), or None when the random path ran into a dead end."""
        start = (int(rng.integers(rows)), int(rng.integers(cols)))
        grid: list[list] = [[None] * cols for _ in range(rows)]
        cell, heading, seen = start, "", {start}
        for k in range(n + 1):
            last = k == n
            options = []
            for kind in kinds if heading else ("arrow", "jump")[: len(kinds)]:
                for direction in ("",) if kind == "turn" else tuple(STEP):
                    to, _ = move([kind, direction], cell, heading)
                    if (
                        (not inside(to, rows, cols))
                        if last
                        else (inside(to, rows, cols) and to not in seen)
                    ):
                        options.append([kind, direction])  # fmt: skip
            if last and not leaves:
                options = [random_symbol(rng, kinds, heading)]
            if not options:
                return None
            plain = [o for o in options if o[0] == "arrow"]
            if plain and rng.random() < 0.5:  # plain arrows most often on the path too
                options = plain
            grid[cell[0]][cell[1]] = options[int(rng.integers(len(options)))]
            cell, heading = move(grid[cell[0]][cell[1]], cell, heading)
            seen.add(cell)
        for r in range(rows):
            for c in range(cols):
                if grid[r][c] is None:
                    grid[r][c] = random_symbol(rng, kinds, "any")
        return grid, start

    def solve(self, puzzle, params):
        grid, n = puzzle["grid"], puzzle["moves"]
        rows, cols = len(grid), len(grid[0])
        cell, heading, path = tuple(puzzle["start"]), "", [tuple(puzzle["start"])]
        while inside(cell, rows, cols) and (puzzle["question"] == "exit" or len(path) <= n):
            cell, heading = move(grid[cell[0]][cell[1]], cell, heading)
            path.append(cell)
        answer = {"path": [cell_name(c) for c in path if inside(c, rows, cols)],
                  "moves": len(path) - 1}  # fmt: skip
        if puzzle["question"] == "exit":
            answer["exit"] = heading
        return answer

    def check(self, puzzle, answer, params):
        grid, start = puzzle["grid"], tuple(puzzle["start"])
        rows, cols = len(grid), len(grid[0])
        names = {cell_name((r, c)): (r, c) for r in range(rows) for c in range(cols)}
        path = answer["path"]
        require(all(p in names for p in path), "the path names a cell not on the grid")
        require(path and names[path[0]] == start, "the path does not begin on the start cell")
        require(len(set(path)) == len(path), "the path lands on a cell twice: a loop")
        heading = ""
        for a, b in itertools.pairwise(path):
            to, heading = move(grid[names[a][0]][names[a][1]], names[a], heading)
            require(to == names[b], f"the move from {a} does not follow its symbol to {b}")
        if puzzle["question"] == "exit":
            last = names[path[-1]]
            to, heading = move(grid[last[0]][last[1]], last, heading)
            require(
                not inside(to, rows, cols), f"the token does not leave the grid from {path[-1]}"
            )
            require(answer.get("exit") == heading, "the token leaves through another side")
            require(answer["moves"] == len(path), "the move count (with the last move) is wrong")
        else:
            require(answer["moves"] == puzzle["moves"], "the move count is not the one asked")
            require(
                len(path) == puzzle["moves"] + 1, "the path does not make exactly the moves asked"
            )

    def prompt(self, puzzle, params):
        grid, n = puzzle["grid"], puzzle["moves"]
        rows, cols = len(grid), len(grid[0])
        kinds = {s[0] for row in grid for s in row}
        rules = ["a single arrow moves it one cell in the arrow's direction"]
        if "jump" in kinds:
            rules.append(
                "a double arrow moves it two cells in its direction, jumping over the cell between"
            )
        if "turn" in kinds:
            rules.append("a circular arrow turns the token's direction (that of its last move) a "
                         "quarter turn clockwise and moves it one cell that way")  # fmt: skip
        intro = (
            f"The image shows a grid of {rows} rows, numbered 1 to {rows} from the top, and {cols} "
            f"columns, lettered A to {chr(ord('A') + cols - 1)} from the left; cells are named "
            "column then row, such as B3. Each cell holds a black symbol. The token, a pink disc, "
            f"lies under the symbol of its start cell, shaded green. Each move follows the symbol of the cell the "
            f"token stands on: {'; '.join(rules)}. "
        )
        if puzzle["question"] == "exit":
            ask = ("Follow the symbols until the token leaves the grid. From which cell, through "
                   "which side (top, bottom, left or right), and after how many moves in all "
                   "(counting the move that leaves) does it leave? ")  # fmt: skip
            end = "the video ends with the token just outside the grid."
        else:
            ask = f"On which cell does the token stand after exactly {n} moves? "
            end = f"the video ends after move {n}."
        return (intro + ask + "The token glides from cell to cell, one move at a time, leaving a "
                "pink trail; " + end)  # fmt: skip

    def rubric(self, puzzle, answer, params):
        path = answer["path"]
        side = {"up": "top", "down": "bottom", "left": "left", "right": "right"}
        facts = [f"1. The token visits, in order: {', '.join(path)}; each move follows the symbol "
                 "of the cell it leaves, and no cell is landed on twice."]  # fmt: skip
        if puzzle["question"] == "exit":
            facts.append(f"2. It leaves the grid from cell {path[-1]} through the "
                         f"{side[answer['exit']]} side, after {answer['moves']} moves in all.")  # fmt: skip
        else:
            facts.append(f"2. After exactly {answer['moves']} moves it stands on cell {path[-1]}.")
        facts.append("3. The token glides smoothly one move at a time; the grid and its symbols "
                     "stay unchanged.")  # fmt: skip
        return "\n".join(facts)

    def render(self, puzzle, answer, params, film):
        grid, start = puzzle["grid"], puzzle["start"]
        rows, cols = len(grid), len(grid[0])
        cell = min(120.0, 680.0 / max(rows, cols))
        x0, y0 = 500 - cols * cell / 2, 500 - rows * cell / 2

        def centre(rc):
            return (x0 + (rc[1] + 0.5) * cell, y0 + (rc[0] + 0.5) * cell)

        base = film.canvas()
        base.rect(x0 + start[1] * cell, y0 + start[0] * cell, x0 + (start[1] + 1) * cell,
                  y0 + (start[0] + 1) * cell, fill=lighten(SUCCESS, 0.6))  # fmt: skip
        base.grid(x0, y0, cell, rows, cols, color=MUTED, width=3)
        label = min(40.0, cell * 0.45)
        for c in range(cols):
            base.text(x0 + (c + 0.5) * cell, y0 - 125, chr(ord("A") + c), size=label, fill=MUTED)
        for r in range(rows):
            base.text(x0 - 125, y0 + (r + 0.5) * cell, str(r + 1), size=label, fill=MUTED)

        names = {cell_name((r, c)): (r, c) for r in range(rows) for c in range(cols)}
        stops = [centre(names[p]) for p in answer["path"]]
        if "exit" in answer:  # one more move: half a cell past the edge, where the token rests
            dr, dc = STEP[answer["exit"]]
            last = stops[-1]
            edge = [last[0] + dc * cell / 2, last[1] + dr * cell / 2]
            stops.append((edge[0] + dc * cell * 0.55, edge[1] + dr * cell * 0.55))

        # `bare` holds the grid and the finished trail, `shown` adds every symbol; a frame
        # copies `shown`, puts back the bare cells around the moving disc and draws the disc,
        # the trail's growing end and those cells' symbols over it (symbols over the token, so
        # its motion never cuts a symbol in pieces; a symbol, shorter than the disc is wide,
        # never cuts the disc in two)
        bare, trail = base, max(5.0, cell * 0.06)

        def with_symbols(canvas, cells):
            for r, c in cells:
                draw_symbol(canvas, *centre((r, c)), cell, grid[r][c])
            return canvas

        every = [(r, c) for r in range(rows) for c in range(cols)]
        shown = pillow(with_symbols(bare.copy(), every))

        def frame_at(a, at, region):
            frame = shown.copy()
            box, cells, patch = region
            frame.paste(patch, box[:2])
            if at != a:
                frame.line([a, at], fill=lighten(TOKEN, 0.45), width=trail)
            frame.circle(*at, cell * 0.46, fill=TOKEN)
            return with_symbols(frame, cells)

        def around(a, b):
            """The pixel box of whole cells (on or off the grid) within 1.5 cells of a-b."""
            cols_ = range(math.floor((min(a[0], b[0]) - x0) / cell - 1.5),
                          math.ceil((max(a[0], b[0]) - x0) / cell + 1.5))  # fmt: skip
            rows_ = range(math.floor((min(a[1], b[1]) - y0) / cell - 1.5),
                          math.ceil((max(a[1], b[1]) - y0) / cell + 1.5))  # fmt: skip
            px = base.scale
            box = (max(0, round((x0 + cols_[0] * cell) * px)), max(0, round((y0 + rows_[0] * cell) * px)),
                   min(base.size, round((x0 + cols_[-1] * cell + cell) * px)),
                   min(base.size, round((y0 + rows_[-1] * cell + cell) * px)))  # fmt: skip
            cells = [(r, c) for r, c in every if r in rows_ and c in cols_]
            return box, cells, bare.image.crop(box)

        film.opening(frame_at(stops[0], stops[0], around(stops[0], stops[0])))
        for k in range(1, len(stops)):
            a, b = stops[k - 1], stops[k]
            region = around(a, b)
            # at most 20 units a frame (GLIDE_SPEED's pace is 25): the symbols drawn over the
            # disc shift its visible centre a little more than the disc itself moves
            frames = easing.glide_frames(
                film, math.dist(a, b), peak=easing.peak_speed(easing.cruise), most=20.0
            )
            for t in easing.steps(frames, easing.cruise):
                film.add(frame_at(a, easing.lerp_point(a, b, t), region))
            bare = bare.copy()
            bare.line([a, b], fill=lighten(TOKEN, 0.45), width=trail)
            shown = pillow(with_symbols(bare.copy(), every))
        film.closing(frame_at(stops[-1], stops[-1], around(stops[-1], stops[-1])))


def pillow(canvas):
    """The canvas held as a Pillow image, which copies and takes pastes cheaply."""
    canvas.image  # noqa: B018 (the property converts the pixels)
    return canvas


def draw_symbol(canvas, x: float, y: float, cell: float, symbol) -> None:
    """A single arrow, a double arrow (two heads) or a clockwise circular arrow, in ink."""
    kind, direction = symbol
    width, head = cell * 0.07, cell * 0.22
    if kind == "turn":
        r = cell * 0.2
        arc = [(x + r * math.cos(a), y + r * math.sin(a))
               for a in (math.radians(d) for d in range(-80, 181, 10))]  # fmt: skip
        canvas.line(arc, fill=INK, width=width)
        end = arc[-1]  # at 180 degrees, moving clockwise on screen means moving up
        canvas.polygon([(end[0], end[1] - head * 0.7), (end[0] - head * 0.45, end[1] + head * 0.1),
                        (end[0] + head * 0.45, end[1] + head * 0.1)], fill=INK)  # fmt: skip
        return
    dr, dc = STEP[direction]
    a = (x - dc * cell * 0.28, y - dr * cell * 0.28)
    b = (x + dc * cell * 0.28, y + dr * cell * 0.28)
    canvas.arrow(a, b, fill=INK, width=width, head=head)
    if kind == "jump":  # a second head just behind the first
        back = (b[0] - dc * head * 0.75, b[1] - dr * head * 0.75)
        canvas.arrow(a, back, fill=INK, width=width, head=head)
