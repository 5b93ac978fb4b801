"""Mirror reflection: place 45-degree mirrors on marked mounts so that a laser beam reaches a
target, with as few mirrors as possible.

The puzzle is built backwards from a beam path with the wanted number of turns (a mount at
each turn), then distractor mounts and walls are added; it is kept only when that path's
placement is the one fewest-mirror placement. The solver searches beam states (cell,
heading) by mirrors used; the checker, independently, tries every placement of up to that
many mirrors, tracing the beam with the law of reflection (r = d - 2 (d.n) n), and proves
the answer is the unique fewest.
"""

from __future__ import annotations

import itertools
import math
from collections import deque

from generators.kit import INK, MUTED, NAMED, SUCCESS, Param, Task, easing, register, require

NORMALS = {"/": (1, 1), "\\": (1, -1)}  # mirror normals in (x, y) with y down; |n|^2 = 2
BEAM, MIRROR, TARGET = NAMED["red"], NAMED["cyan"], NAMED["orange"]
LETTERS = "ABCDEFGH"


def reflect(d: tuple[int, int], mirror: str) -> tuple[int, int]:
    """The law of reflection for a heading d = (dx, dy): r = d - 2 (d.n) n / |n|^2."""
    nx, ny = NORMALS[mirror]
    k = d[0] * nx + d[1] * ny  # 2 (d.n) / |n|^2 with |n|^2 = 2
    return (d[0] - k * nx, d[1] - k * ny)


def trace(puzzle: dict, mirrors: dict) -> tuple[list[list[int]], bool]:
    """The cells the beam crosses (row, col) and whether it reaches the target; it starts
    left of the laser's row heading right, stops at walls and at the grid's edge."""
    n, walls = puzzle["size"], {tuple(w) for w in puzzle["walls"]}
    x, y, d = -1, puzzle["laser"], (1, 0)
    cells = []
    for _ in range(4 * n * n):  # more steps than (cell, heading) states: a loop never ends
        x, y = x + d[0], y + d[1]
        if not (0 <= x < n and 0 <= y < n) or (y, x) in walls:
            return cells, False
        cells.append([y, x])
        if [y, x] == puzzle["target"]:
            return cells, True
        if (y, x) in mirrors:
            d = reflect(d, mirrors[(y, x)])
    return cells, False


def fewest_placements(puzzle: dict, most: int) -> tuple[int, list[dict]]:
    """Every placement of the fewest mirrors (up to `most`) that brings the beam to the
    target, found by trying them all: (count, placements); (most + 1, []) if none."""
    mounts = [tuple(m) for m in puzzle["mounts"]]
    for k in range(most + 1):
        found = []
        for spots in itertools.combinations(mounts, k):
            for kinds in itertools.product("/\\", repeat=k):
                placed = dict(zip(spots, kinds))
                if trace(puzzle, placed)[1]:
                    found.append(placed)
        if found:
            return k, found
    return most + 1, []


def build(rng, n: int, turns: int, extra: int, walls: int) -> dict | None:
    """A puzzle around a random beam path with `turns` turns, or None if the path does not
    fit the grid or is not the unique fewest-mirror way."""
    laser = int(rng.integers(n))
    x, y, d = -1, laser, (1, 0)
    used, mounts = set(), []
    for leg in range(turns + 1):
        room = 0
        while 0 <= x + d[0] * (room + 1) < n and 0 <= y + d[1] * (room + 1) < n:
            room += 1
        if room < 1:
            return None
        run = (
            int(rng.integers(1, room + 1))
            if leg
            else int(rng.integers(max(1, room // 3), room + 1))
        )
        for _ in range(run):
            x, y = x + d[0], y + d[1]
            if (y, x) in used:
                return None
            used.add((y, x))
        if leg < turns:
            mounts.append([y, x])
            d = (d[1], d[0]) if rng.random() < 0.5 else (-d[1], -d[0])
    free = [(r, c) for r in range(n) for c in range(n) if (r, c) not in used]
    picks = [free[int(i)] for i in rng.choice(len(free), extra + walls, replace=False)]
    puzzle = {
        "size": n,
        "laser": laser,
        "target": [y, x],
        "mounts": sorted(mounts + [list(p) for p in picks[:extra]]),
        "walls": sorted(list(p) for p in picks[extra:]),
    }
    count, found = fewest_placements(puzzle, turns)
    return puzzle if count == turns and len(found) == 1 else None


@register(
    "O-82_mirror_reflection",
    title="Mirror reflection",
    description="Place the fewest 45-degree mirrors on marked mounts so that a laser beam, reflecting off them, reaches the target.",
    category="spatial-visual",
    params=[
        Param("size", "int", 7, 5, 8, help="cells per side of the square grid"),
        Param("mirrors", "int", 2, 1, 4, help="mirrors the beam needs (turns of its path)"),
        Param("distractors", "int", 3, 0, 8, help="mounts the beam does not need"),
        Param("walls", "int", 2, 0, 6, help="walls that stop the beam"),
    ],
    shard_size=60,
    memory="low",
    instances=2_666_666,
    faculty="spatiality",
    levels={
        1: {"size": 5, "mirrors": 1, "distractors": 1, "walls": 0},
        2: {"size": 6, "mirrors": 2, "distractors": 2, "walls": 1},
        3: {"size": 7, "mirrors": 2, "distractors": 3, "walls": 2},
        4: {"size": 7, "mirrors": 3, "distractors": 4, "walls": 3},
        5: {"size": 8, "mirrors": 4, "distractors": 6, "walls": 4},
    },
)  # fmt: skip
class MirrorReflection(Task):
    def generate(self, rng, params):
        while True:
            puzzle = build(rng, params["size"], params["mirrors"], params["distractors"],
                           params["walls"])  # fmt: skip
            if puzzle:
                return puzzle

    def solve(self, puzzle, params):
        """Breadth-first over (cell, heading) by mirrors used (0-1 BFS): going on costs 0,
        turning on a mount costs one mirror."""
        n, walls = puzzle["size"], {tuple(w) for w in puzzle["walls"]}
        mounts, goal = {tuple(m) for m in puzzle["mounts"]}, tuple(puzzle["target"])
        start = (puzzle["laser"], 0, 0, 1)  # row, col, heading (drow, dcol)
        best, back = {start: 0}, {start: None}
        todo = deque([start])
        while todo:
            state = todo.popleft()
            r, c, dr, dc = state
            if (r, c) == goal:
                break
            moves = [((dr, dc), 0)]
            if (r, c) in mounts:
                moves += [((dc, dr), 1), ((-dc, -dr), 1)]
            for (ar, ac), cost in moves:
                nr, nc = r + ar, c + ac
                nxt = (nr, nc, ar, ac)
                if not (0 <= nr < n and 0 <= nc < n) or (nr, nc) in walls:
                    continue
                if best.get(nxt, 99) > best[state] + cost:
                    best[nxt], back[nxt] = best[state] + cost, state
                    (todo.appendleft if cost == 0 else todo.append)(nxt)
        path = []
        while state:
            path.append(state)
            state = back[state]
        path.reverse()
        mirrors = []
        for (r, c, dr, dc), (_, _, er, ec) in itertools.pairwise(path):
            if (dr, dc) != (er, ec):  # '\\' swaps the heading's x and y; '/' also negates
                mirrors.append([r, c, "\\" if (er, ec) == (dc, dr) else "/"])
        return {"mirrors": mirrors, "path": [[r, c] for r, c, _, _ in path],
                "count": len(mirrors)}  # fmt: skip

    def check(self, puzzle, answer, params):
        mounts = {tuple(m) for m in puzzle["mounts"]}
        placed = {}
        for m in answer["mirrors"]:
            require(isinstance(m, list) and len(m) == 3 and (m[0], m[1]) in mounts
                    and m[2] in NORMALS, f"mirror {m} does not stand on a mount as / or \\")  # fmt: skip
            placed[(m[0], m[1])] = m[2]
        require(len(placed) == len(answer["mirrors"]), "two mirrors on one mount")
        cells, hit = trace(puzzle, placed)
        require(hit, "the beam does not reach the target with these mirrors")
        require(answer["path"] == cells, "the beam's path is not where the mirrors send it")
        count, found = fewest_placements(puzzle, len(placed))
        require(count == len(placed), f"{len(placed)} mirrors; the fewest possible is {count}")
        require(len(found) == 1, "more than one fewest placement: the puzzle is ambiguous")
        require(answer["count"] == count, f"the count must be {count}")

    def prompt(self, puzzle, params):
        n, m, w = puzzle["size"], len(puzzle["mounts"]), len(puzzle["walls"])
        walls = f", {w} dark wall blocks that stop light" if w else ""
        return (
            f"The image shows a {n}x{n} grid (columns A-{LETTERS[n - 1]}, rows 1-{n}) with a "
            "laser on the left edge pointing right into its row, an orange target, "
            f"{m} grey rings marking the mounts where a mirror may stand{walls}. Place "
            "two-sided flat mirrors, each at 45 degrees ('/' or '\\'), on as few mounts as "
            "possible so that the laser beam, reflecting off them (angle of incidence equals "
            "angle of reflection), reaches the target; light passes straight through empty "
            "mounts and stops at walls and at the grid's edge. The mirrors appear one at a "
            "time, then the laser fires and the beam travels to the target, which turns "
            "green. Nothing else changes."
        )

    def rubric(self, puzzle, answer, params):
        names = ", ".join(f"{cell_name(r, c)} as '{k}'" for r, c, k in answer["mirrors"])
        k = answer["count"]
        return "\n".join([
            "1. The grid, the laser, the mounts, the walls and the target stay where they are.",
            f"2. Exactly {k} mirror{'s' if k > 1 else ''}, on {names}; no other mount gets one. "
            f"{k} is the fewest possible, and no other placement of {k} mirrors works.",
            "3. The beam leaves the laser heading right and turns by 90 degrees at each mirror "
            "(angle of incidence equals angle of reflection), never crossing a wall.",
            f"4. The beam passes through {' '.join(cell_name(r, c) for r, c in answer['path'])} "
            "and ends on the target, which turns green in the final frame.",
        ])  # fmt: skip

    def render(self, puzzle, answer, params, film):
        lay = Layout(puzzle["size"])
        base = film.canvas()
        lay.board(base, puzzle)
        film.opening(base)
        for r, c, kind in answer["mirrors"]:
            for t in easing.steps(film.seconds(0.4), easing.ease_out):
                frame = base.copy()
                lay.mirror(frame, r, c, kind, t)
                film.add(frame)
            lay.mirror(base, r, c, kind, 1.0)
            film.hold(base, 0.2)
        points = [lay.aperture(puzzle["laser"])] + [
            lay.centre(r, c) for (r, c, _) in answer["mirrors"]
        ] + [lay.centre(*puzzle["target"])]  # fmt: skip
        length = sum(math.dist(a, b) for a, b in itertools.pairwise(points))
        steps = film.seconds(easing.glide_seconds(length, ramp=0.1))
        for t in easing.steps(steps, lambda u: easing.cruise(u, 0.1)):
            frame = base.copy()
            lay.beam(frame, points, t)
            film.add(frame)
        lay.beam(base, points, 1.0)
        lay.target(base, *puzzle["target"], SUCCESS)
        film.closing(base)


def cell_name(r: int, c: int) -> str:
    return f"{LETTERS[c]}{r + 1}"


class Layout:
    """Where the grid's cells are on the canvas, and how each piece is drawn."""

    def __init__(self, n: int):
        self.n = n
        self.cell = min(105.0, 760.0 / n)
        self.x0 = 540 - self.cell * n / 2
        self.y0 = 540 - self.cell * n / 2

    def centre(self, r: int, c: int) -> tuple[float, float]:
        return (self.x0 + (c + 0.5) * self.cell, self.y0 + (r + 0.5) * self.cell)

    def aperture(self, row: int) -> tuple[float, float]:
        return (self.x0 - 14, self.centre(row, 0)[1])

    def board(self, canvas, puzzle) -> None:
        n, s = self.n, self.cell
        canvas.rect(self.x0, self.y0, self.x0 + n * s, self.y0 + n * s, fill=(255, 255, 255))
        canvas.grid(self.x0, self.y0, s, n, n, color=MUTED, width=2)
        for i in range(n):
            canvas.text(self.centre(0, i)[0], self.y0 - 38, LETTERS[i], size=42, fill=MUTED)
            canvas.text(self.x0 + n * s + 38, self.centre(i, 0)[1], str(i + 1), size=42,
                        fill=MUTED)  # fmt: skip
        for r, c in puzzle["walls"]:
            canvas.cell(self.x0, self.y0, s, r, c, INK, inset=4)
        for r, c in puzzle["mounts"]:
            canvas.circle(*self.centre(r, c), s * 0.2, outline=MUTED, width=6)
        self.target(canvas, *puzzle["target"], TARGET)
        y = self.centre(puzzle["laser"], 0)[1]
        canvas.rect(self.x0 - 130, y - 30, self.x0 - 14, y + 30, fill=INK, radius=10)
        canvas.rect(self.x0 - 34, y - 14, self.x0 - 14, y + 14, fill=BEAM)

    def target(self, canvas, r: int, c: int, color) -> None:
        x, y = self.centre(r, c)
        canvas.circle(x, y, self.cell * 0.36, fill=color, outline=INK, width=4)
        canvas.circle(x, y, self.cell * 0.24, fill=(255, 255, 255))
        canvas.circle(x, y, self.cell * 0.12, fill=color)

    def mirror(self, canvas, r: int, c: int, kind: str, grow: float) -> None:
        """A mirror bar across the cell's diagonal, `grow` of its full length."""
        x, y = self.centre(r, c)
        h = self.cell * 0.4 * grow
        sign = -1 if kind == "/" else 1  # '/' rises to the right (y down)
        ux, uy = h / 2**0.5, sign * h / 2**0.5
        w = self.cell * 0.06 / 2**0.5
        canvas.polygon([(x - ux - w, y - uy + sign * w), (x + ux - w, y + uy + sign * w),
                        (x + ux + w, y + uy - sign * w), (x - ux + w, y - uy - sign * w)],
                       fill=MIRROR, outline=INK, width=3)  # fmt: skip

    def beam(self, canvas, points, t: float) -> None:
        """The beam from the laser along `points`, a fraction t of its length drawn."""
        total = sum(math.dist(a, b) for a, b in itertools.pairwise(points))
        drawn, out = t * total, [points[0]]
        for a, b in itertools.pairwise(points):
            seg = math.dist(a, b)
            if drawn >= seg:
                out.append(b)
                drawn -= seg
                continue
            out.append(easing.lerp_point(a, b, drawn / seg))
            break
        canvas.line(out, fill=BEAM, width=7)
