"""Pipe rotation: turn pipe tiles so water runs from the inlet to the outlet; one route works."""

from __future__ import annotations

import itertools
import math

from generators.kit import (
    FAINT,
    INK,
    MUTED,
    NAMED,
    Canvas,
    CheckFailed,
    Param,
    Task,
    easing,
    register,
    require,
)
from generators.kit.palette import lighten

# sides: 0 north, 1 east, 2 south, 3 west; a clockwise quarter turn maps side s to s + 1
DR = (-1, 0, 1, 0)
DC = (0, 1, 0, -1)
SIDE_NAMES = ("top", "right", "bottom", "left")
BASE = {"straight": (0, 2), "elbow": (0, 1), "tee": (0, 1, 2)}  # openings at rotation 0
KINDS = ("straight", "elbow", "tee")
SEARCH_BUDGET = 40_000  # route-search nodes; beyond this an instance counts as ambiguous

WATER = NAMED["blue"]
INLET = NAMED["blue"]
OUTLET = NAMED["green"]
PIPE = MUTED
TURNING = NAMED["orange"]
AREA = 660  # grid width in units


def openings(kind: str, rot: int) -> set[int]:
    return {(s + rot) % 4 for s in BASE[kind]} if kind else set()


def joins(kind: str, a: int, b: int) -> bool:
    """Can some rotation of this tile connect sides a and b (a != b)?"""
    if kind == "straight":
        return (a - b) % 4 == 2
    if kind == "elbow":
        return (a - b) % 4 in (1, 3)
    return kind == "tee"


def count_routes(puzzle: dict, limit: int = 2) -> int:
    """Simple cell routes from the inlet to the outlet that the tile shapes allow, whatever
    their rotations, up to `limit`; `limit` as well when the search exceeds its budget."""
    rows, cols, tiles = puzzle["rows"], puzzle["cols"], puzzle["tiles"]
    (sr, sc, sside), (tr, tc, tside) = puzzle["inlet"], puzzle["outlet"]
    seen = [[False] * cols for _ in range(rows)]
    found = nodes = 0

    def walk(r: int, c: int, entry: int) -> bool:  # True stops the search
        nonlocal found, nodes
        nodes += 1
        if nodes > SEARCH_BUDGET:
            found = limit
            return True
        kind = tiles[r][c][0]
        seen[r][c] = True
        for out in range(4):
            if out == entry or not joins(kind, entry, out):
                continue
            if (r, c, out) == (tr, tc, tside):
                found += 1
                if found >= limit:
                    break
                continue
            nr, nc = r + DR[out], c + DC[out]
            inside = 0 <= nr < rows and 0 <= nc < cols
            if inside and tiles[nr][nc][0] and not seen[nr][nc] and walk(nr, nc, (out + 2) % 4):
                break
        seen[r][c] = False
        return found >= limit

    if tiles[sr][sc][0]:
        walk(sr, sc, sside)
    return min(found, limit)


def flows(puzzle: dict, rots: list[list[int]]) -> list[list[int]] | None:
    """Cells the water reaches from the inlet with the tiles at rotations `rots`, if it
    reaches the outlet (only openings that face each other connect)."""
    rows, cols, tiles = puzzle["rows"], puzzle["cols"], puzzle["tiles"]
    (sr, sc, sside), (tr, tc, tside) = puzzle["inlet"], puzzle["outlet"]
    if sside not in openings(tiles[sr][sc][0], rots[sr][sc]):
        return None
    wet, todo = {(sr, sc)}, [(sr, sc)]
    while todo:
        r, c = todo.pop()
        for side in openings(tiles[r][c][0], rots[r][c]):
            nr, nc = r + DR[side], c + DC[side]
            if not (0 <= nr < rows and 0 <= nc < cols) or (nr, nc) in wet:
                continue
            if (side + 2) % 4 in openings(tiles[nr][nc][0], rots[nr][nc]):
                wet.add((nr, nc))
                todo.append((nr, nc))
    if (tr, tc) in wet and tside in openings(tiles[tr][tc][0], rots[tr][tc]):
        return sorted([r, c] for r, c in wet)
    return None


def spanning_tree_path(rng, rows: int, cols: int, a: tuple, b: tuple) -> list[tuple[int, int]]:
    """The path from a to b in a random spanning tree of the grid (randomised Prim)."""
    parent = {a: None}
    frontier = [(a, (a[0] + DR[s], a[1] + DC[s])) for s in range(4)]
    while frontier:
        i = int(rng.integers(len(frontier)))
        frontier[i], frontier[-1] = frontier[-1], frontier[i]
        src, (r, c) = frontier.pop()
        if not (0 <= r < rows and 0 <= c < cols) or (r, c) in parent:
            continue
        parent[(r, c)] = src
        frontier += [((r, c), (r + DR[s], c + DC[s])) for s in range(4)]
    path, node = [], b
    while node is not None:
        path.append(node)
        node = parent[node]
    return path[::-1]


def side_between(a: tuple, b: tuple) -> int:
    return next(s for s in range(4) if (a[0] + DR[s], a[1] + DC[s]) == tuple(b))


def edge_port(rng, rows: int, cols: int, side: int) -> tuple[int, int, int]:
    """A cell on the grid's `side` edge, with the side that faces outwards."""
    if side in (0, 2):
        return (0 if side == 0 else rows - 1, int(rng.integers(cols)), side)
    return (int(rng.integers(rows)), cols - 1 if side == 1 else 0, side)


@register(
    "O-65_pipe_rotation",
    title="Pipe rotation",
    description="Rotate straight, elbow and tee pipe tiles so water flows from inlet to outlet.",
    category="spatial-visual",
    params=[
        Param("size", "int", 6, 4, 8, help="the grid is size x size tiles"),
        Param(
            "fill",
            "float",
            0.8,
            0.0,
            1.0,
            help="share of off-route cells that get a distractor tile",
        ),
    ],
    shard_size=50,
    memory="low",
    instances=10**12,
)
class PipeRotation(Task):
    def generate(self, rng, params):
        n = params["size"]
        while True:
            in_side = int(rng.integers(4))
            out_side = int(rng.integers(4))
            inlet, outlet = edge_port(rng, n, n, in_side), edge_port(rng, n, n, out_side)
            if in_side == out_side and abs(inlet[0] - outlet[0]) + abs(inlet[1] - outlet[1]) < 2:
                continue  # the two port boxes would touch
            path = spanning_tree_path(rng, n, n, inlet[:2], outlet[:2])
            if n + 1 <= len(path) <= n * n * 0.6:
                break
        tiles = [[["", 0] for _ in range(n)] for _ in range(n)]
        sides = [inlet[2]] + [side_between(a, b) for a, b in itertools.pairwise(path)]
        exits = [side_between(a, b) for a, b in itertools.pairwise(path)] + [outlet[2]]
        for (r, c), entry_out, leave in zip(path, sides, exits):
            entry = entry_out if (r, c) == path[0] else (entry_out + 2) % 4
            kind = "straight" if (entry - leave) % 4 == 2 else "elbow"
            tiles[r][c] = [kind, int(rng.integers(4))]
        # keep some route tiles misaligned: at least two thirds of them need a turn
        puzzle = {"rows": n, "cols": n, "tiles": tiles, "inlet": list(inlet),
                  "outlet": list(outlet)}  # fmt: skip
        on_route = set(path)
        others = [(r, c) for r in range(n) for c in range(n) if (r, c) not in on_route]
        for i in rng.permutation(len(others)):
            r, c = others[int(i)]
            if rng.random() >= params["fill"]:
                continue
            for k in rng.permutation(3):
                tiles[r][c] = [KINDS[int(k)], int(rng.integers(4))]
                if count_routes(puzzle) == 1:
                    break
                tiles[r][c] = ["", 0]
        self._misalign(rng, puzzle, path)
        return puzzle

    @staticmethod
    def _misalign(rng, puzzle, path):
        """Rotate route tiles at random until at least two thirds of them need turning."""
        tiles = puzzle["tiles"]
        aligned = route_rotations(puzzle, path)

        def wrong(r, c):
            p = period(tiles[r][c][0])
            return tiles[r][c][1] % p != aligned[(r, c)] % p

        missing = math.ceil(len(path) * 2 / 3) - sum(wrong(r, c) for r, c in path)
        for i in rng.permutation(len(path)):
            r, c = path[int(i)]
            if missing <= 0:
                break
            if not wrong(r, c):
                p = period(tiles[r][c][0])
                tiles[r][c][1] = (aligned[(r, c)] + 1 + int(rng.integers(p - 1))) % 4
                missing -= 1

    def solve(self, puzzle, params):
        path = find_route(puzzle)
        tiles = puzzle["tiles"]
        target = route_rotations(puzzle, path)
        turns = []
        for r, c in path:
            kind, rot = tiles[r][c]
            k = (target[(r, c)] - rot) % period(kind)
            if k:
                turns.append([r, c, k])
        return {"route": [list(p) for p in path], "turns": turns}

    def check(self, puzzle, answer, params):
        rows, cols, tiles = puzzle["rows"], puzzle["cols"], puzzle["tiles"]
        rots = [[tiles[r][c][1] for c in range(cols)] for r in range(rows)]
        try:
            turned = {}
            for r, c, k in answer["turns"]:
                require(0 <= r < rows and 0 <= c < cols and tiles[r][c][0], "turns an empty cell")
                require(k in (1, 2, 3) and (r, c) not in turned, "bad or repeated turn")
                turned[(r, c)] = k
                rots[r][c] = (rots[r][c] + k) % 4
            route = [tuple(p) for p in answer["route"]]
        except (TypeError, ValueError, KeyError):
            raise CheckFailed("answer is not a list of [row, col, turns] and a route") from None
        wet = flows(puzzle, rots)
        require(wet is not None, "after the turns the water does not reach the outlet")
        (sr, sc, _), (tr, tc, _) = puzzle["inlet"], puzzle["outlet"]
        require(route and route[0] == (sr, sc) and route[-1] == (tr, tc), "route ends wrong")
        require(len(set(route)) == len(route), "route visits a cell twice")
        for a, b in itertools.pairwise(route):
            require(abs(a[0] - b[0]) + abs(a[1] - b[1]) == 1, "route jumps between cells")
            s = side_between(a, b)
            require(s in openings(tiles[a[0]][a[1]][0], rots[a[0]][a[1]]), "route leaves a wall")
            require((s + 2) % 4 in openings(tiles[b[0]][b[1]][0], rots[b[0]][b[1]]),
                    "route enters through a wall")  # fmt: skip
        require(set(turned) <= set(route), "a tile off the route was turned")
        require(count_routes(puzzle) == 1, "the puzzle has more than one possible route")

    def prompt(self, puzzle, params):
        n = puzzle["rows"]
        ins, outs = SIDE_NAMES[puzzle["inlet"][2]], SIDE_NAMES[puzzle["outlet"][2]]
        return (
            f"The image shows a {n}x{n} grid of square tiles; most tiles carry a gray pipe "
            "piece: a straight pipe, an elbow (a 90-degree bend) or a tee (three ways). A blue "
            f"inlet marked IN sits outside the {ins} edge of the grid and a green outlet marked "
            f"OUT outside the {outs} edge. Exactly one chain of tiles can carry water from the "
            "inlet to the outlet once its pipes are rotated. Rotate the tiles of that chain, one "
            "at a time and clockwise in quarter turns (the tile being turned shows its pipe in "
            "orange), until their pipe ends meet; never move a "
            "tile, never turn a tile that is not on the chain, and leave every other tile, the "
            "inlet and the outlet unchanged. Then let blue water flow from the inlet through "
            "the chain to the outlet. The video ends when the whole chain is filled with blue "
            "water."
        )

    def rubric(self, puzzle, answer, params):
        route = " -> ".join(f"r{r + 1}c{c + 1}" for r, c in answer["route"])
        return "\n".join([
            "1. No tile moves to another cell and no tile changes its pipe shape.",
            f"2. Exactly {len(answer['turns'])} tiles are rotated, all on the water's route; "
            "every other tile keeps its orientation.",
            f"3. The water route (row, column from the top left) is: {route}.",
            "4. In the final frame every pipe end along the route meets the next tile's pipe "
            "end, starting at the blue IN inlet and finishing at the green OUT outlet.",
            f"5. In the final frame exactly those {len(answer['route'])} tiles are filled with "
            "blue water and no water leaks elsewhere.",
        ])  # fmt: skip

    def render(self, puzzle, answer, params, film):
        n = puzzle["rows"]
        g = Geometry(n)
        tiles = [[list(t) for t in row] for row in puzzle["tiles"]]
        base = film.canvas()
        g.draw_ports(base, puzzle)
        for r in range(n):
            for c in range(n):
                g.draw_tile(base, r, c, tiles[r][c][0], tiles[r][c][1] * 90)
        film.hold(base, 1.0)
        turns = answer["turns"]
        per_tile = min(0.35, 2.6 / max(1, len(turns)))
        for r, c, k in turns:
            kind, rot = tiles[r][c]
            steps = film.seconds(per_tile * (0.6 + 0.3 * k))
            for t in easing.steps(steps, easing.ease_in_out):
                frame = base.copy()
                g.draw_tile(frame, r, c, kind, (rot + k * t) * 90, pipe=TURNING)
                film.add(frame)
            tiles[r][c][1] = (rot + k) % 4
            g.draw_tile(base, r, c, kind, tiles[r][c][1] * 90)
        film.hold(base, 0.3)
        route = answer["route"]
        steps = film.seconds(1.2)
        filled = 0
        for i in range(1, steps + 1):
            upto = round(i * len(route) / steps)
            while filled < upto:
                r, c = route[filled]
                g.draw_tile(base, r, c, tiles[r][c][0], tiles[r][c][1] * 90, pipe=WATER)
                filled += 1
            film.add(base.copy())
        film.hold(base, 1.2)


def period(kind: str) -> int:
    """Distinct rotations of a tile shape (a straight pipe looks the same after a half turn)."""
    return 2 if kind == "straight" else 4


def route_rotations(puzzle: dict, path) -> dict:
    """The rotation that makes each route tile join its entry and exit side."""
    tiles = puzzle["tiles"]
    inlet, outlet = puzzle["inlet"], puzzle["outlet"]
    out = {}
    for i, (r, c) in enumerate(path):
        entry = inlet[2] if i == 0 else side_between((r, c), path[i - 1])
        leave = outlet[2] if i == len(path) - 1 else side_between((r, c), path[i + 1])
        kind = tiles[r][c][0]
        out[(r, c)] = next(k for k in range(4) if {entry, leave} <= openings(kind, k))
    return out


def find_route(puzzle: dict) -> list[tuple[int, int]]:
    """Depth-first search for a chain of tiles whose shapes can join inlet to outlet."""
    rows, cols, tiles = puzzle["rows"], puzzle["cols"], puzzle["tiles"]
    (sr, sc, sside), (tr, tc, tside) = puzzle["inlet"], puzzle["outlet"]
    path: list[tuple[int, int]] = []

    def go(r, c, entry) -> bool:
        path.append((r, c))
        kind = tiles[r][c][0]
        for out in range(4):
            if out == entry or not joins(kind, entry, out):
                continue
            if (r, c, out) == (tr, tc, tside):
                return True
            nr, nc = r + DR[out], c + DC[out]
            if (0 <= nr < rows and 0 <= nc < cols and tiles[nr][nc][0]
                    and (nr, nc) not in path and go(nr, nc, (out + 2) % 4)):  # fmt: skip
                return True
        path.pop()
        return False

    if not go(sr, sc, sside):
        raise ValueError("no route")
    return path


class Geometry:
    def __init__(self, n: int):
        self.n = n
        self.cell = AREA / n
        self.x0 = self.y0 = (1000 - AREA) / 2

    def centre(self, r: int, c: int) -> tuple[float, float]:
        return (self.x0 + (c + 0.5) * self.cell, self.y0 + (r + 0.5) * self.cell)

    def draw_tile(self, canvas: Canvas, r, c, kind, angle, pipe=PIPE) -> None:
        x, y = self.x0 + c * self.cell, self.y0 + r * self.cell
        canvas.rect(x, y, x + self.cell, y + self.cell, fill=(255, 255, 255))
        canvas.rect(x + 4, y + 4, x + self.cell - 4, y + self.cell - 4, fill=FAINT, radius=10)
        if not kind:
            canvas.rect(x + 4, y + 4, x + self.cell - 4, y + self.cell - 4,
                        fill=lighten(FAINT, 0.5), radius=10)  # fmt: skip
            return
        cx, cy = x + self.cell / 2, y + self.cell / 2
        half, w = self.cell / 2, self.cell * 0.13
        a = math.radians(angle)
        for side in BASE[kind]:
            d = math.radians(side * 90) + a  # direction of the arm, clockwise from north
            ux, uy = math.sin(d), -math.cos(d)
            px, py = -uy * w, ux * w
            end = half - 2
            canvas.polygon([(cx + px, cy + py), (cx + ux * end + px, cy + uy * end + py),
                            (cx + ux * end - px, cy + uy * end - py), (cx - px, cy - py)],
                           fill=pipe)  # fmt: skip
        canvas.circle(cx, cy, w, fill=pipe)

    def draw_ports(self, canvas: Canvas, puzzle: dict) -> None:
        n, cell = self.n, self.cell
        canvas.rect(self.x0 - 6, self.y0 - 6, self.x0 + n * cell + 6, self.y0 + n * cell + 6,
                    fill=INK)  # fmt: skip
        for (r, c, side), color, label in (
            (puzzle["inlet"], INLET, "IN"),
            (puzzle["outlet"], OUTLET, "OUT"),
        ):
            cx, cy = self.centre(r, c)
            ex, ey = cx + DR[side] * 0 + DC[side] * cell / 2, cy + DR[side] * cell / 2
            bx, by = ex + DC[side] * 58, ey + DR[side] * 58
            w = cell * 0.13
            canvas.polygon(arm_box(ex, ey, bx, by, w), fill=color)
            canvas.rect(bx - 50, by - 28, bx + 50, by + 28, fill=color, radius=12)
            canvas.text(bx, by, label, size=40, fill=(255, 255, 255), bold=True)


def arm_box(x0, y0, x1, y1, w):
    ux, uy = x1 - x0, y1 - y0
    length = math.hypot(ux, uy) or 1
    px, py = -uy / length * w, ux / length * w
    return [(x0 + px, y0 + py), (x1 + px, y1 + py), (x1 - px, y1 - py), (x0 - px, y0 - py)]
