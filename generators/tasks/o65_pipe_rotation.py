"""Pipe rotation: turn pipe tiles so water runs from the inlet to the outlet; one route works."""

from __future__ import annotations

import itertools
import math

from generators.kit import (
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
from generators.kit.palette import darken, lighten

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
PIPE = lighten(MUTED, 0.15)
TURNING = NAMED["orange"]
TILE = (255, 255, 255)
EMPTY = darken(MUTED, 0.2)  # an empty slot: no tile, the tray shows through
TRAY = INK
AREA = 660  # grid width in units
GAP = 6  # tray visible around each tile (half the gap between two tiles)
OUTLINE = 3  # the dark rim around a pipe
FRAME = 10  # tray around the outer tiles


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
    instances=2_600_000,  # measured lower bound (4000 draws, no repeat); far more exist
    faculty="transformation",
    levels={
        1: {"size": 4, "fill": 0.3},
        2: {"size": 5, "fill": 0.6},
        3: {"size": 6, "fill": 0.8},
        4: {"size": 7, "fill": 0.9},
        5: {"size": 8, "fill": 1.0},
    },
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
                require(k < period(tiles[r][c][0]), "more quarter turns than the shape needs")
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
        require({tuple(p) for p in wet} == set(route), "the water reaches tiles off the route")
        require(count_routes(puzzle) == 1, "the puzzle has more than one possible route")

    def prompt(self, puzzle, params):
        n = puzzle["rows"]
        ins, outs = SIDE_NAMES[puzzle["inlet"][2]], SIDE_NAMES[puzzle["outlet"][2]]
        return (
            f"The image shows a {n}x{n} grid of slots in a dark tray; most slots hold a square "
            "white tile carrying a gray pipe piece: a straight pipe, an elbow (a 90-degree bend) "
            "or a tee (three ways), each ending at the edges of its own tile. A "
            f"blue inlet marked IN sits outside the {ins} edge of the grid and a green outlet "
            f"marked OUT outside the {outs} edge. Exactly one chain of tiles can carry water from "
            "the inlet to the outlet once its pipes are rotated. Rotate the pipes of that chain, "
            "one tile at a time, clockwise in smooth quarter turns (the pipe being turned is "
            "orange), until the pipe ends of neighbouring tiles face each other all along the "
            "chain; never move a tile, never turn a tile that is not on the chain, and leave "
            "every other tile, the inlet and the outlet unchanged. Then let blue water run from "
            "the inlet through the chain to the outlet. The video ends when the water reaches "
            "the outlet."
        )

    def rubric(self, puzzle, answer, params):
        route = " -> ".join(f"r{r + 1}c{c + 1}" for r, c in answer["route"])
        return "\n".join([
            "1. No tile moves to another cell and no tile changes its pipe shape.",
            f"2. Exactly {len(answer['turns'])} tiles are rotated, all on the water's route; "
            "every other tile keeps its orientation.",
            f"3. The water route (row, column from the top left) is: {route}.",
            "4. In the final frame every pipe end along the route faces the next tile's pipe "
            "end, starting at the blue IN inlet and finishing at the green OUT outlet.",
            f"5. In the final frame water runs through exactly those {len(answer['route'])} "
            "tiles and nowhere else; tiles turn one at a time, clockwise.",
        ])  # fmt: skip

    def render(self, puzzle, answer, params, film):
        n = puzzle["rows"]
        g = Geometry(n)
        tiles = [[list(t) for t in row] for row in puzzle["tiles"]]
        base = film.canvas()
        g.draw_board(base, puzzle)
        for r in range(n):
            for c in range(n):
                g.draw_tile(base, r, c, tiles[r][c][0], tiles[r][c][1] * 90)
        film.opening(base)
        for r, c, k in answer["turns"]:
            kind, rot = tiles[r][c]
            # the pipe's ends never move more than GLIDE_SPEED / fps units in one frame
            sweep = g.arm * math.pi / 2 * k * easing.peak_speed(easing.ease_in_out)  # at the rim
            seconds = max(0.25, sweep / easing.GLIDE_SPEED)
            for t in easing.steps(film.seconds(seconds), easing.ease_in_out):
                frame = base.copy()
                g.draw_tile(frame, r, c, kind, (rot + k * t) * 90, pipe=TURNING)
                film.add(frame)
            tiles[r][c][1] = (rot + k) % 4
            g.draw_tile(base, r, c, kind, tiles[r][c][1] * 90)
            film.add(base)  # a frame without orange: the next tile starts its own turn
        flow = Flow(g, puzzle, answer["route"])
        for t in easing.steps(film.seconds(easing.glide_seconds(flow.length)), easing.cruise):
            frame = base.copy()
            flow.draw(frame, flow.length * t)
            film.add(frame)
        film.closing(frame)


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
    """Tiles sit in a dark tray, GAP units apart, so each tile reads as one piece; a pipe
    ends at the edge of its tile, and joined pipes meet across the gap."""

    def __init__(self, n: int):
        self.n = n
        self.cell = AREA / n
        self.x0 = self.y0 = (1000 - AREA) / 2
        self.arm = self.cell / 2 - GAP  # from the tile's centre to its edge
        self.pipe = self.cell * 0.12  # half the pipe's width
        # a pipe ends in a round cap centred `stub` from the tile's centre, which reaches the
        # tile's edge at every angle: a turning pipe never pokes out of its tile
        self.stub = self.arm - OUTLINE - self.pipe

    def centre(self, r: int, c: int) -> tuple[float, float]:
        return (self.x0 + (c + 0.5) * self.cell, self.y0 + (r + 0.5) * self.cell)

    def end(self, r: int, c: int, side: int, reach: float | None = None) -> tuple[float, float]:
        """The point `reach` units (default: the tile's edge) from a tile's centre toward a side."""
        cx, cy = self.centre(r, c)
        d = self.arm if reach is None else reach
        return (cx + DC[side] * d, cy + DR[side] * d)

    def draw_board(self, canvas: Canvas, puzzle: dict) -> None:
        x0, x1 = self.x0 - FRAME, self.x0 + AREA + FRAME
        canvas.rect(x0, x0, x1, x1, fill=TRAY, radius=14)
        for (r, c, side), color, label in ((puzzle["inlet"], INLET, "IN"),
                                           (puzzle["outlet"], OUTLET, "OUT")):  # fmt: skip
            ex, ey = self.end(r, c, side)
            bx, by = self.end(r, c, side, self.cell / 2 + FRAME + 52)
            canvas.polygon(arm_box(ex, ey, bx, by, self.pipe), fill=color)
            canvas.rect(bx - 50, by - 28, bx + 50, by + 28, fill=color, radius=12)
            canvas.text(bx, by, label, size=40, fill=(255, 255, 255), bold=True)

    def draw_tile(self, canvas: Canvas, r, c, kind, angle, pipe=PIPE) -> None:
        x, y = self.x0 + c * self.cell, self.y0 + r * self.cell
        if not kind:
            canvas.rect(x + GAP, y + GAP, x + self.cell - GAP, y + self.cell - GAP,
                        fill=EMPTY, radius=10)  # fmt: skip
            return
        # crisp (pixel-snapped) faces: their edges have no blended rim for a pipe to cut
        canvas.cell(self.x0, self.y0, self.cell, r, c, TILE, inset=GAP)
        cx, cy = x + self.cell / 2, y + self.cell / 2
        for color, w in ((darken(pipe, 0.45), self.pipe + OUTLINE), (pipe, self.pipe)):
            for side in BASE[kind]:
                d = math.radians(side * 90 + angle)  # the arm's direction, clockwise from north
                tip = (cx + math.sin(d) * self.stub, cy - math.cos(d) * self.stub)
                canvas.polygon(arm_box(cx, cy, *tip, w), fill=color)
                canvas.circle(*tip, w, fill=color)
            canvas.circle(cx, cy, w, fill=color)


class Flow:
    """Water running along the route: into each tile through its entry side, to the centre,
    out through its exit side, and across the gap into the next tile."""

    def __init__(self, g: Geometry, puzzle: dict, route):
        self.g = g
        self.legs = []  # (start, end, drawn): the water's path, piece by piece
        inlet, outlet = puzzle["inlet"], puzzle["outlet"]
        for i, (r, c) in enumerate(route):
            entry = inlet[2] if i == 0 else side_between((r, c), route[i - 1])
            leave = outlet[2] if i == len(route) - 1 else side_between((r, c), route[i + 1])
            entry_end, exit_end = g.end(r, c, entry, g.stub), g.end(r, c, leave, g.stub)
            if i:  # across the gap between two tiles, where no pipe is drawn
                self.legs.append((self.legs[-1][1], entry_end, False))
            self.legs.append((entry_end, g.centre(r, c), True))
            self.legs.append((g.centre(r, c), exit_end, True))
        self.length = sum(math.dist(a, b) for a, b, _ in self.legs)

    def draw(self, canvas: Canvas, front: float) -> None:
        """The water up to `front` units along the route."""
        width = self.g.pipe * 0.55
        for a, b, drawn in self.legs:
            if front <= 0:
                return
            span = math.dist(a, b)
            reach = min(1.0, front / span)
            front -= span
            if drawn:
                end = easing.lerp_point(a, b, reach)
                canvas.polygon(arm_box(*a, *end, width), fill=WATER)
                canvas.circle(*end, width, fill=WATER)


def arm_box(x0, y0, x1, y1, w):
    ux, uy = x1 - x0, y1 - y0
    length = math.hypot(ux, uy) or 1
    px, py = -uy / length * w, ux / length * w
    return [(x0 + px, y0 + py), (x1 + px, y1 + py), (x1 - px, y1 - py), (x0 - px, y0 - py)]
