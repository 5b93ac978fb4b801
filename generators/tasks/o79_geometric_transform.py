"""Geometric transformation: carry a shape on a grid exactly onto a dashed outline by a turn
or flip about its dot, a scaling about the dot and a slide, and say which.

Shapes are polyominoes of four to six cells with no symmetry at all, so at most one
similarity maps the shape onto an outline: the moves, in their fixed order (turn or flip,
then scaling, then slide), are unique. Decoy outlines at higher levels are other
polyominoes the shape cannot be carried onto. Everything lies on the grid: vertices at
grid points, scale factors 2 and 1/2 (a halved shape is drawn double size first). The
checker applies the stated moves square by square and recounts, over every turn, flip and
scaling, the ways the shape lands on an outline: exactly one. Coordinates are grid squares
from the top-left corner of the grid, y down.
"""

from __future__ import annotations

import math

from generators.kit import INK, MUTED, NAMED, Param, Task, easing, register, require
from generators.kit.polyomino import (
    IDENTITY,
    NEIGHBOURS,
    TURNS,
    act,
    boundary,
    connected,
    grow,
    pinched,
    same_shape,
    symmetric,
)
from generators.kit.rng import choose, pick, shuffled

N, CELL = 14, 62.0  # grid squares per side, canvas units per square
G0 = (1000 - N * CELL) / 2  # the grid's top-left corner
COLORS = ("blue", "red", "green", "orange", "purple")
ANGLES = {"turn 90 degrees clockwise": 90, "turn 180 degrees": 180,
          "turn 90 degrees counterclockwise": -90}  # fmt: skip
NORMALS = {  # a unit normal of each flip's line
    "flip across the vertical line": (1.0, 0.0),
    "flip across the horizontal line": (0.0, 1.0),
    "flip across the diagonal from top left to bottom right": (math.sqrt(0.5), -math.sqrt(0.5)),
    "flip across the diagonal from bottom left to top right": (math.sqrt(0.5), math.sqrt(0.5)),
}
STEPS = ("turn", "scale", "slide")


# The checker counts in half squares (integers): a halved shape's squares are half squares.
def half_cells(squares) -> set:
    """Squares (x, y, side), in half squares, as the set of half squares they cover."""
    return {(x + i, y + j) for x, y, side in squares for i in range(side) for j in range(side)}


def outline_cells(outline) -> set:
    return half_cells([(2 * c, 2 * r, 2) for c, r in outline])


def about(dot, m, num: int = 1, den: int = 1):
    """The map turning or flipping by m and scaling by num/den about the dot (half squares);
    None where a point would fall between half squares."""

    def fn(p):
        x, y = act(m, (p[0] - dot[0], p[1] - dot[1]))
        if (x * num) % den or (y * num) % den:
            return None
        return (dot[0] + x * num // den, dot[1] + y * num // den)

    return fn


def map_squares(squares, fn) -> list | None:
    """Squares (x, y, side) moved by a linear map of their corners (a turn, flip or scaling);
    None if a corner falls between half squares."""
    out = []
    for x, y, side in squares:
        pts = [fn((x + dx * side, y + dy * side)) for dx in (0, 1) for dy in (0, 1)]
        if None in pts:
            return None
        xs, ys = [p[0] for p in pts], [p[1] for p in pts]
        out.append((min(xs), min(ys), max(xs) - min(xs)))
    return out


def shape_squares(puzzle) -> list:
    """The shape's squares as drawn in the first frame, in half squares."""
    (bx, by), (sx, sy), k = puzzle["pivot"], puzzle["at"], puzzle["scale"]
    return [(2 * (sx + k * (c - bx)), 2 * (sy + k * (r - by)), 2 * k) for c, r in puzzle["cells"]]


FACTORS = {0.5: (1, 2), 1: (1, 1), 2: (2, 1)}  # scale factor -> (numerator, denominator)


def images(puzzle):
    """Every (turn or flip, scale factor, slide, outline index) that carries the shape exactly
    onto an outline, found by trying every turn, flip and factor."""
    squares = shape_squares(puzzle)
    dot = (2 * puzzle["at"][0], 2 * puzzle["at"][1])
    goals = [outline_cells(o) for o in puzzle["outlines"]]
    found = []
    for name, m in [("", IDENTITY), *TURNS.items()]:
        for factor, (num, den) in FACTORS.items():
            moved = map_squares(squares, about(dot, m, num, den))
            if moved is None:
                continue
            moved = half_cells(moved)
            for i, goal in enumerate(goals):
                dx = min(x for x, _ in goal) - min(x for x, _ in moved)
                dy = min(y for _, y in goal) - min(y for _, y in moved)
                if dx % 2 == 0 and dy % 2 == 0 and {(x + dx, y + dy) for x, y in moved} == goal:
                    found.append((name, factor, (dx // 2, dy // 2), i))
    return found


def describe(steps: list[dict]) -> str:
    words = []
    for s in steps:
        if s["kind"] == "turn":
            words.append(
                s["move"]
                + (" through the dot" if s["move"].startswith("flip") else " about the dot")
            )
        elif s["kind"] == "scale":
            words.append("scale by " + ("2" if s["factor"] == 2 else "1/2") + " about the dot")
        else:
            dx, dy = s["dx"], s["dy"]
            parts = [f"{abs(dx)} square{'s' if abs(dx) > 1 else ''} {'right' if dx > 0 else 'left'}"
                     ] if dx else []  # fmt: skip
            if dy:
                parts.append(
                    f"{abs(dy)} square{'s' if abs(dy) > 1 else ''} {'down' if dy > 0 else 'up'}"
                )
            words.append("slide " + " and ".join(parts))
    return ", then ".join(words)


@register(
    "O-79_geometric_transform",
    title="Geometric transformation",
    description="Carry a grid shape onto a dashed outline by a turn or flip about its dot, a scaling and a slide, and name them.",
    category="spatial-visual",
    params=[
        Param("steps", "int", 2, 1, 3, help="moves in the transformation (turn/flip, scaling, slide)"),
        Param("decoys", "int", 1, 0, 2, help="dashed outlines the shape cannot be carried onto"),
    ],
    shard_size=60,
    memory="low",
    instances=2_666_666,
    faculty="spatiality",
    levels={
        1: {"steps": 1, "decoys": 0},
        2: {"steps": 2, "decoys": 0},
        3: {"steps": 2, "decoys": 1},
        4: {"steps": 3, "decoys": 1},
        5: {"steps": 3, "decoys": 2},
    },
)  # fmt: skip
class GeometricTransform(Task):
    def generate(self, rng, params):
        while True:
            puzzle = self.attempt(rng, params)
            if puzzle is not None:
                return puzzle

    def attempt(self, rng, params):
        cells = grow(rng, int(rng.integers(4, 7)))
        kinds = set(choose(rng, STEPS, params["steps"]))
        move = pick(rng, list(TURNS)) if "turn" in kinds else ""
        factor = pick(rng, (2, 0.5)) if "scale" in kinds else 1
        k = 2 if factor == 0.5 else 1
        cx = sum(c + 0.5 for c, _ in cells) / len(cells)
        cy = sum(r + 0.5 for _, r in cells) / len(cells)
        pivot = min(((c, r) for c in range(4) for r in range(4)),
                    key=lambda p: ((p[0] - cx) ** 2 + (p[1] - cy) ** 2, p))  # fmt: skip
        m = TURNS.get(move, IDENTITY)
        rel = [(c - pivot[0], r - pivot[1]) for c, r in cells]  # squares' corners from the dot
        src = placed(rel, IDENTITY, k)
        goal = placed(rel, m, round(k * factor))
        reach = k * max(
            math.hypot(c + dx, r + dy) for c, r in rel for dx in (0, 1) for dy in (0, 1)
        )
        for _ in range(50):
            at = (int(rng.integers(N + 1)), int(rng.integers(N + 1)))
            slide = (0, 0)
            if "slide" in kinds:
                slide = (int(rng.integers(-N, N + 1)), int(rng.integers(-N, N + 1)))
            a = shifted(src, at)
            b = shifted(goal, (at[0] + slide[0], at[1] + slide[1]))
            if not (inside(a) and inside(b) and inside(shifted(goal, at))):
                continue  # the shape stays on the grid before and after every move
            if move in ANGLES and not all(reach <= v <= N - reach for v in at):
                continue  # and while it turns
            if "slide" in kinds and (slide == (0, 0) or near(a, b)):
                continue
            boxes, outlines = [a, b], [b]
            for _ in range(params["decoys"]):
                decoy = self.decoy(rng, cells, round(k * factor), boxes)
                if decoy is None:
                    return None
                boxes.append(decoy)
                outlines.append(decoy)
            return {"cells": [list(c) for c in sorted(cells)], "pivot": list(pivot),
                    "at": list(at), "scale": k, "color": pick(rng, COLORS),
                    "outlines": [sorted(map(list, o)) for o in shuffled(rng, outlines)]}  # fmt: skip
        return None

    def decoy(self, rng, cells, size, boxes):
        """Another polyomino (one square moved) at the target's size, clear of the rest."""
        for _ in range(40):
            other = set(cells)
            other.remove(pick(rng, sorted(other)))
            grow = sorted({(c + dc, r + dr) for c, r in other
                           for dc, dr in NEIGHBOURS} - other - set(cells))  # fmt: skip
            other.add(pick(rng, grow))
            if not connected(other) or pinched(other) or same_shape(other, cells):
                continue
            squares = placed(sorted(other), pick(rng, [IDENTITY, *TURNS.values()]), size)
            at = (int(rng.integers(N + 1)), int(rng.integers(N + 1)))
            cand = shifted(
                squares, (at[0] - min(x for x, _ in squares), at[1] - min(y for _, y in squares))
            )
            if inside(cand) and not any(near(cand, box) for box in boxes):
                return cand
        return None

    def solve(self, puzzle, params):
        (move, factor, (dx, dy), index), *_ = images(puzzle)
        steps = []
        if move:
            steps.append({"kind": "turn", "move": move})
        if factor != 1:
            steps.append({"kind": "scale", "factor": factor})
        if dx or dy:
            steps.append({"kind": "slide", "dx": dx, "dy": dy})
        at = puzzle["at"]
        return {"steps": steps, "outline": index, "description": describe(steps),
                "dot": [at[0] + dx, at[1] + dy]}  # fmt: skip

    def check(self, puzzle, answer, params):
        cells = [tuple(c) for c in puzzle["cells"]]
        require(4 <= len(cells) <= 6 and connected(cells), "the shape is not one polyomino")
        require(not symmetric(cells), "the shape has a symmetry, so its moves are ambiguous")
        steps = answer["steps"]
        kinds = [s.get("kind") for s in steps]
        require(
            steps and all(k in STEPS for k in kinds), "a move is not a turn, flip, scaling or slide"
        )
        require(kinds == sorted(set(kinds), key=STEPS.index),
                "moves out of order (turn or flip, then scaling, then slide) or repeated")  # fmt: skip
        squares = shape_squares(puzzle)
        dot = (2 * puzzle["at"][0], 2 * puzzle["at"][1])  # in half squares
        for s in steps:
            if s["kind"] == "turn":
                require(s.get("move") in TURNS, "an unknown turn or flip")
                squares = map_squares(squares, about(dot, TURNS[s["move"]]))
            elif s["kind"] == "scale":
                require(s.get("factor") in (2, 0.5), "scale factors are 2 and 1/2")
                squares = map_squares(squares, about(dot, IDENTITY, *FACTORS[s["factor"]]))
                require(squares is not None, "the scaled shape falls between half squares")
            else:
                dx, dy = s.get("dx"), s.get("dy")
                require(isinstance(dx, int) and isinstance(dy, int) and (dx, dy) != (0, 0),
                        "a slide is not a whole number of squares")  # fmt: skip
                squares = [(x + 2 * dx, y + 2 * dy, z) for x, y, z in squares]
                dot = (dot[0] + 2 * dx, dot[1] + 2 * dy)
        index = answer["outline"]
        require(isinstance(index, int) and 0 <= index < len(puzzle["outlines"]), "no such outline")
        goal = outline_cells(puzzle["outlines"][index])
        require(half_cells(squares) == goal, "the moved shape does not lie on the outline")
        require(len(images(puzzle)) == 1, "more than one way onto an outline")
        require(answer["dot"] == [dot[0] / 2, dot[1] / 2],
                "the dot does not end where the moves put it")  # fmt: skip
        require(
            answer["description"] == describe(steps), "the description does not match the moves"
        )

    def prompt(self, puzzle, params):
        n = len(puzzle["outlines"])
        onto = ("the dashed outline" if n == 1 else
                f"the one dashed outline of the {n} that it fits exactly (the others it cannot)")  # fmt: skip
        return (
            f"The image shows a square grid with a filled {puzzle['color']} shape marked with a "
            f"black dot and {'a dashed outline' if n == 1 else f'{n} dashed outlines'}. Carry the "
            f"shape exactly onto {onto} with these moves, each at most once and in this order: "
            "first a turn about the dot (90 degrees clockwise, 180 degrees or 90 degrees "
            "counterclockwise) or a flip across a vertical, horizontal or diagonal line through "
            "the dot; then a scaling about the dot by 2 or by 1/2; then a slide by whole grid "
            "squares. Only the moves needed are made. Carry them out one after another, each "
            "continuously and in view; the dot moves with the shape. The grid and the outlines "
            "stay unchanged. The video ends when the shape covers the outline exactly."
        )

    def rubric(self, puzzle, answer, params):
        n = len(puzzle["outlines"])
        unique = "the only moves" + (" and the only outline" if n > 1 else "") + " that fit"
        x, y = answer["dot"]
        return "\n".join([
            "1. The grid and the dashed outlines do not change.",
            f"2. The transformation is: {answer['description']} ({unique}).",
            "3. Each move is carried out continuously and in order (turning, flipping, growing "
            "or shrinking, sliding); the shape never jumps and keeps its shape.",
            f"4. In the final frame the {puzzle['color']} shape lies exactly on the dashed outline "
            f"and its dot is at grid point ({x}, {y}), counted in squares from the grid's "
            "top-left corner (right, down).",
        ])  # fmt: skip

    def render(self, puzzle, answer, params, film):
        color = NAMED[puzzle["color"]]
        bx, by = puzzle["pivot"]
        k = puzzle["scale"]
        shape = [
            (k * (x - bx), k * (y - by)) for x, y in boundary([tuple(c) for c in puzzle["cells"]])
        ]
        base = film.canvas()
        outlines = [[to_canvas(p) for p in boundary([tuple(c) for c in o])]
                    for o in puzzle["outlines"]]  # fmt: skip
        for i in range(N + 1):
            base.crisp_line(G0, G0 + i * CELL, G0 + N * CELL, G0 + i * CELL, MUTED, 1.5)
            base.crisp_line(G0 + i * CELL, G0, G0 + i * CELL, G0 + N * CELL, MUTED, 1.5)

        def frame_with(points, dot):
            frame = base.copy()
            frame.polygon([to_canvas(p) for p in points], fill=color)
            frame.dot(to_canvas(dot), 10, fill=INK)
            for corners in outlines:  # on top, so they stay visible
                for a, b in zip(corners, corners[1:] + corners[:1], strict=True):
                    frame.dashed(a, b, fill=INK, width=5, dash=20, gap=12)
            return frame

        dot = tuple(float(v) for v in puzzle["at"])
        local = [(float(x), float(y)) for x, y in shape]  # corners relative to the dot
        film.opening(frame_with([(dot[0] + x, dot[1] + y) for x, y in local], dot))
        for n, s in enumerate(answer["steps"]):
            move, far = motion(s, local)
            for t in easing.steps(easing.glide_frames(film, far * CELL, least=0.8),
                                  easing.ease_in_out):  # fmt: skip
                pts, shift = move(t)
                d = (dot[0] + shift[0], dot[1] + shift[1])
                film.add(frame_with([(d[0] + x, d[1] + y) for x, y in pts], d))
            pts, shift = move(1.0)
            local, dot = pts, (dot[0] + shift[0], dot[1] + shift[1])
            if n + 1 < len(answer["steps"]):
                film.hold(frame_with([(dot[0] + x, dot[1] + y) for x, y in local], dot), 0.25)
        film.closing(frame_with([(dot[0] + x, dot[1] + y) for x, y in local], dot))


def motion(step: dict, local: list[tuple[float, float]]):
    """(t -> (corners relative to the dot, shift of the dot), farthest any corner travels)."""
    reach = max(math.hypot(x, y) for x, y in local)
    if step["kind"] == "slide":
        dx, dy = step["dx"], step["dy"]
        return (lambda t: (local, (dx * t, dy * t))), math.hypot(dx, dy)
    if step["kind"] == "scale":
        f = step["factor"]
        return (lambda t: ([(x * (1 + (f - 1) * t), y * (1 + (f - 1) * t)) for x, y in local],
                           (0.0, 0.0))), reach * abs(f - 1)  # fmt: skip
    if step["move"] in ANGLES:
        angle = ANGLES[step["move"]]

        def turn(t):
            a = math.radians(angle * t)
            return [(x * math.cos(a) - y * math.sin(a), x * math.sin(a) + y * math.cos(a))
                    for x, y in local], (0.0, 0.0)  # fmt: skip

        return turn, reach * math.radians(abs(angle))
    # a flip: every point moves straight across the line, which it reaches half way
    nx, ny = NORMALS[step["move"]]

    def flip(t):
        out = []
        for x, y in local:
            d = x * nx + y * ny
            out.append((x - 2 * t * d * nx, y - 2 * t * d * ny))
        return out, (0.0, 0.0)

    return flip, 2 * reach


def to_canvas(p) -> tuple[float, float]:
    return (G0 + float(p[0]) * CELL, G0 + float(p[1]) * CELL)


def placed(rel, m, size: int) -> set:
    """Unit squares covered by squares whose top-left corners are `rel` (relative to the
    dot), turned by m and scaled by `size`, with the dot at the origin."""
    out = set()
    for c, r in rel:
        corners = [act(m, (c + dx, r + dy)) for dx in (0, 1) for dy in (0, 1)]
        x0, y0 = min(p[0] for p in corners) * size, min(p[1] for p in corners) * size
        out |= {(x0 + i, y0 + j) for i in range(size) for j in range(size)}
    return out


def shifted(squares, by) -> set:
    return {(x + by[0], y + by[1]) for x, y in squares}


def inside(squares) -> bool:
    return all(0 <= x < N and 0 <= y < N for x, y in squares)


def near(a, b) -> bool:
    """Whether two sets of squares overlap or lie less than one square apart (bounding boxes)."""
    ax0, ax1 = min(x for x, _ in a), max(x for x, _ in a)
    ay0, ay1 = min(y for _, y in a), max(y for _, y in a)
    bx0, bx1 = min(x for x, _ in b), max(x for x, _ in b)
    by0, by1 = min(y for _, y in b), max(y for _, y in b)
    return not (ax1 + 1 < bx0 or bx1 + 1 < ax0 or ay1 + 1 < by0 or by1 + 1 < ay0)
