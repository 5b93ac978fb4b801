"""Graph colouring: finish colouring a planar graph so no edge joins two nodes of one colour."""

from __future__ import annotations

import math

from generators.kit import (
    BACKGROUND,
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

PALETTE = ("red", "blue", "green", "orange")
LABELS = "ABCDEFGHIJKL"
NODE_R = 44
BOX = (110, 235, 890, 885)  # node centres stay inside (x0, y0, x1, y1)
MIN_GAP = 165  # smallest distance between node centres
CLEARANCE = 62  # an edge passes no closer than this to another node's centre
COUNT_CAP = 3000  # colourings counted when choosing which colour to reveal next


def segments_cross(p, q, r, s) -> bool:
    """Do the open segments pq and rs cross (sharing an end point does not count)?"""
    if len({tuple(p), tuple(q), tuple(r), tuple(s)}) < 4:
        return False

    def orient(a, b, c):
        v = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])
        return (v > 0) - (v < 0)

    return orient(p, q, r) * orient(p, q, s) < 0 and orient(r, s, p) * orient(r, s, q) < 0


def point_segment_distance(p, a, b) -> float:
    ax, ay = b[0] - a[0], b[1] - a[1]
    t = max(0.0, min(1.0, ((p[0] - a[0]) * ax + (p[1] - a[1]) * ay) / (ax * ax + ay * ay)))
    return math.dist(p, (a[0] + t * ax, a[1] + t * ay))


def count_colorings(n: int, edges, k: int, fixed: dict, limit: int = 2) -> int:
    """Proper colourings with colours 0..k-1 that keep `fixed` ({node: colour}), up to limit."""
    nbrs = [[] for _ in range(n)]
    for a, b in edges:
        nbrs[a].append(b)
        nbrs[b].append(a)
    color = [fixed.get(i, -1) for i in range(n)]
    if any(color[a] >= 0 and color[a] == color[b] for a, b in edges):
        return 0
    free = [i for i in range(n) if color[i] < 0]
    found = 0

    def go(j: int) -> None:
        nonlocal found
        if found >= limit:
            return
        if j == len(free):
            found += 1
            return
        i = free[j]
        for c in range(k):
            if all(color[m] != c for m in nbrs[i]):
                color[i] = c
                go(j + 1)
                color[i] = -1

    go(0)
    return found


@register(
    "O-73_graph_coloring",
    title="Graph colouring",
    description="Complete the colouring of a planar graph with k colours so that no edge joins "
    "two nodes of the same colour; the completion is unique.",
    category="puzzles-logic",
    params=[
        Param("nodes", "int", 9, 6, 12, help="number of nodes"),
        Param("colors", "int", 3, 3, 4, help="number of colours allowed"),
    ],
    shard_size=60,
    memory="low",
    instances=2_666_666,  # the measured lower bound (4,000 draws, no repeats); positions make far more
    faculty="abstraction",
    levels={
        1: {"nodes": 6, "colors": 3},
        2: {"nodes": 8, "colors": 3},
        3: {"nodes": 9, "colors": 3},
        4: {"nodes": 11, "colors": 3},
        5: {"nodes": 12, "colors": 4},
    },
    jumps="each node takes its colour in one step, ringed for a moment",
)
class GraphColoring(Task):
    def generate(self, rng, params):
        n, k = params["nodes"], params["colors"]
        while True:
            pts = self._points(rng, n)
            if pts is None:
                continue
            if k == 3:  # edges only between nodes of a hidden 3-colouring keep it 3-colourable
                hidden = [int(v) for v in rng.integers(k, size=n)]
                edges = self._edges(rng, pts, hidden)
            else:  # any planar graph is 4-colourable: take a random one of its colourings
                edges = self._edges(rng, pts, None)
                first = first_coloring(n, edges, k)
                perm = [int(v) for v in rng.permutation(k)]
                hidden = [perm[c] for c in first]
            if len(set(hidden)) < k or not connected(n, edges) or len(edges) < int(1.5 * n):
                continue
            fixed = self._givens(rng, n, edges, k, hidden)
            if len(fixed) > (3 * n) // 5:
                continue  # too many given: the puzzle would be trivial
            return {
                "colors": list(PALETTE[:k]),
                "nodes": [[int(x), int(y)] for x, y in pts],
                "edges": [list(e) for e in edges],
                "given": {LABELS[i]: PALETTE[c] for i, c in sorted(fixed.items())},
            }

    @staticmethod
    def _givens(rng, n, edges, k, hidden) -> dict:
        """Reveal hidden colours greedily, each time the node that leaves the fewest
        completions (ties in random order), until exactly one completion is left."""
        fixed: dict = {}
        while True:
            best = None
            for j in rng.permutation(n):
                j = int(j)
                if j in fixed:
                    continue
                count = count_colorings(n, edges, k, {**fixed, j: hidden[j]}, limit=COUNT_CAP)
                if best is None or count < best[0]:
                    best = (count, j)
            fixed[best[1]] = hidden[best[1]]
            if best[0] == 1:
                return fixed

    @staticmethod
    def _points(rng, n):
        pts = []
        for _ in range(400):
            p = (float(rng.uniform(BOX[0], BOX[2])), float(rng.uniform(BOX[1], BOX[3])))
            if all(math.dist(p, q) >= MIN_GAP for q in pts):
                pts.append((round(p[0]), round(p[1])))
                if len(pts) == n:
                    return pts
        return None

    @staticmethod
    def _edges(rng, pts, hidden):
        """Shortest non-crossing edges (between differently coloured nodes when a hidden
        colouring is given, so it stays proper), keeping edges clear of the other nodes."""
        n = len(pts)
        pairs = [(math.dist(pts[a], pts[b]) * float(rng.uniform(0.85, 1.15)), a, b)
                 for a in range(n) for b in range(a + 1, n)
                 if hidden is None or hidden[a] != hidden[b]]  # fmt: skip
        edges = []
        for _, a, b in sorted(pairs):
            if any(point_segment_distance(pts[m], pts[a], pts[b]) < CLEARANCE
                   for m in range(n) if m not in (a, b)):  # fmt: skip
                continue
            if any(segments_cross(pts[a], pts[b], pts[c], pts[d]) for c, d in edges):
                continue
            edges.append((a, b))
        return sorted(edges)

    def solve(self, puzzle, params):
        n, k = len(puzzle["nodes"]), len(puzzle["colors"])
        edges = [tuple(e) for e in puzzle["edges"]]
        color = [-1] * n
        for label, name in puzzle["given"].items():
            color[LABELS.index(label)] = puzzle["colors"].index(name)
        nbrs = [[b for a, b in edges if a == i] + [a for a, b in edges if b == i] for i in range(n)]
        order = []
        while -1 in color:  # the node with the fewest colours left goes next
            options = {
                i: [c for c in range(k) if all(color[m] != c for m in nbrs[i])]
                for i in range(n)
                if color[i] < 0
            }
            i = min(options, key=lambda j: (len(options[j]), j))
            color[i] = self._completion_colour(n, edges, k, color, i, options[i])
            order.append(LABELS[i])
        return {"colors": {LABELS[i]: puzzle["colors"][c] for i, c in enumerate(color)},
                "order": order}  # fmt: skip

    @staticmethod
    def _completion_colour(n, edges, k, color, i, options):
        """The option for node i that still leaves a complete colouring."""
        fixed = {j: c for j, c in enumerate(color) if c >= 0}
        for c in options:
            if count_colorings(n, edges, k, {**fixed, i: c}, limit=1):
                return c
        raise ValueError("no colouring")

    def check(self, puzzle, answer, params):
        n, names = len(puzzle["nodes"]), puzzle["colors"]
        try:
            given = {LABELS.index(lbl): names.index(c) for lbl, c in puzzle["given"].items()}
            chosen = {LABELS.index(lbl): c for lbl, c in answer["colors"].items()}
            order = list(answer["order"])
        except (AttributeError, KeyError, TypeError, ValueError):
            raise CheckFailed("answer is not a colour per node label") from None
        require(sorted(chosen) == list(range(n)), "not every node is coloured exactly once")
        require(all(c in names for c in chosen.values()), "a node uses a colour not allowed")
        color = [names.index(chosen[i]) for i in range(n)]
        require(all(color[i] == c for i, c in given.items()), "a given colour was changed")
        for a, b in puzzle["edges"]:
            require(
                color[a] != color[b], f"edge {LABELS[a]}-{LABELS[b]} joins two {chosen[a]} nodes"
            )
        for a, b in puzzle["edges"]:
            pa, pb = puzzle["nodes"][a], puzzle["nodes"][b]
            require(all(not segments_cross(pa, pb, puzzle["nodes"][c], puzzle["nodes"][d])
                        for c, d in puzzle["edges"]), "the drawing is not planar")  # fmt: skip
        require(count_colorings(n, puzzle["edges"], len(names), given) == 1,
                "the given colours do not force a unique completion")  # fmt: skip
        open_nodes = sorted(LABELS[i] for i in range(n) if i not in given)
        require(sorted(order) == open_nodes, "the fill order must name each uncoloured node once")
        known = dict(given)
        for label in order:  # a forced node goes first whenever there is one
            forced = [i for i in range(n) if i not in known and
                      len({names.index(chosen[j]) for j in neighbours(puzzle["edges"], i)
                           if j in known}) == len(names) - 1]  # fmt: skip
            require(not forced or LABELS.index(label) in forced,
                    f"{label} is filled while a forced node waits")  # fmt: skip
            known[LABELS.index(label)] = color[LABELS.index(label)]

    def prompt(self, puzzle, params):
        n, k = len(puzzle["nodes"]), len(puzzle["colors"])
        names = ", ".join(puzzle["colors"][:-1]) + " and " + puzzle["colors"][-1]
        given = len(puzzle["given"])
        return (
            f"The image shows a graph of {n} circular nodes labelled with letters, joined by "
            f"black lines (edges) that never cross. {given} nodes are already coloured and the "
            f"other {n - given} are white. Colour every white node with one of the {k} colours "
            f"{names} so that no edge joins two nodes of the same colour; the given colours "
            "fix the answer uniquely. Fill the nodes one at a time, always a node whose colour "
            "is already forced by its coloured neighbours where possible; the node being coloured "
            "is ringed in yellow for a moment. The edges, the node "
            "positions, the labels and the given colours stay unchanged. The video ends when "
            "every node is coloured."
        )

    def rubric(self, puzzle, answer, params):
        given = set(puzzle["given"])
        fills = ", ".join(f"{lbl} {answer['colors'][lbl]}" for lbl in answer["order"])
        return "\n".join([
            "1. The nodes, edges and labels never move or change; no edge is added or removed.",
            "2. The given colours stay: "
            + ", ".join(f"{lbl} {c}" for lbl, c in puzzle["given"].items()) + ".",
            f"3. Every white node ends up coloured: {fills}.",
            "4. In the final frame no edge joins two nodes of the same colour, and only the "
            f"colours {', '.join(puzzle['colors'])} are used.",
            f"5. Nodes are coloured one at a time ({len(answer['order'])} fills); "
            f"the {len(given)} given nodes are never recoloured.",
        ])  # fmt: skip

    def render(self, puzzle, answer, params, film):
        names = puzzle["colors"]
        base = film.canvas()
        base.text(500, 70, f"Colour with {len(names)} colours: joined nodes differ", size=48,
                  bold=True)  # fmt: skip
        x = 500 - (len(names) - 1) * 95
        for name in names:  # a legend of the allowed colours
            base.circle(x - 40, 135, 16, fill=NAMED[name])
            base.text(x - 16, 135, name, size=40, anchor="lm")
            x += 190
        for a, b in puzzle["edges"]:
            base.line([tuple(puzzle["nodes"][a]), tuple(puzzle["nodes"][b])], fill=INK, width=6)
        colored = dict(puzzle["given"])
        for i in range(len(puzzle["nodes"])):
            draw_node(base, puzzle, i, colored.get(LABELS[i]))
        film.opening(base)
        per = film.seconds(min(0.5, 4.5 / max(1, len(answer["order"]))))
        for label in answer["order"]:
            i = LABELS.index(label)
            draw_node(base, puzzle, i, answer["colors"][label], ring=True)
            film.add(base, per)
            draw_node(base, puzzle, i, answer["colors"][label])
        film.closing(base)


def draw_node(cv: Canvas, puzzle: dict, i: int, color: str | None, ring: bool = False) -> None:
    x, y = puzzle["nodes"][i]
    cv.circle(x, y, NODE_R + 10, fill=HIGHLIGHT if ring else BACKGROUND)
    fill = NAMED[color] if color else (255, 255, 255)
    cv.circle(x, y, NODE_R, fill=fill, outline=INK, width=6)
    cv.text(x, y, LABELS[i], size=44, fill=(255, 255, 255) if color else INK, bold=True)


def neighbours(edges, i: int) -> list[int]:
    return [b for a, b in edges if a == i] + [a for a, b in edges if b == i]


def first_coloring(n: int, edges, k: int) -> list[int]:
    """The first proper colouring in lexicographic order (planar graphs always have one)."""
    nbrs = [[] for _ in range(n)]
    for a, b in edges:
        nbrs[a].append(b)
        nbrs[b].append(a)
    color = [-1] * n

    def go(i: int) -> bool:
        if i == n:
            return True
        for c in range(k):
            if all(color[j] != c for j in nbrs[i]):
                color[i] = c
                if go(i + 1):
                    return True
        color[i] = -1
        return False

    if not go(0):
        raise ValueError("graph is not colourable")
    return color


def connected(n: int, edges) -> bool:
    seen, todo = {0}, [0]
    while todo:
        a = todo.pop()
        for x, y in edges:
            for u, v in ((x, y), (y, x)):
                if u == a and v not in seen:
                    seen.add(v)
                    todo.append(v)
    return len(seen) == n
