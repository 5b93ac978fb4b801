"""Dot to dot: connect numbered dots in order to reveal a shape, and name the shape.

Outlines come from a small library of named shapes (heart, house, fish, ...), densified
with extra dots along long edges, then rotated a little, mirrored, scaled and moved; the
numbering starts anywhere and runs either way round. The puzzle stores only the dots, so
the solver has to recognise the shape: it fits every library outline to the dots by a
similarity transform. The checker refits the named outline and measures the worst dot
error in canvas units, and makes sure no other outline fits as well.
"""

from __future__ import annotations

import itertools
import math
from functools import cache

from generators.kit import (
    HIGHLIGHT,
    INK,
    NAMED,
    Canvas,
    Param,
    Task,
    easing,
    pick,
    register,
    require,
)
from generators.kit.geometry import box_point_distance, box_segment_distance
from generators.kit.palette import darken, lighten

LINE = NAMED["blue"]
DOT_R = 10.0
AREA = (90.0, 165.0, 910.0, 930.0)  # where the outline may lie
TOLERANCE = 2.0  # canvas units: dot positions are stored to 0.1


def _heart() -> list[tuple[float, float]]:
    """14 points evenly spaced along the classic heart curve, its cleft and tip included."""
    curve = []
    for k in range(721):
        t = 2 * math.pi * k / 720
        y = 13 * math.cos(t) - 5 * math.cos(2 * t) - 2 * math.cos(3 * t) - math.cos(4 * t)
        curve.append((16 * math.sin(t) ** 3 / 17, -y / 17))
    return [easing.along_polyline(curve, k / 14) for k in range(14)]


def _moon() -> list[tuple[float, float]]:
    outer = [(math.cos(math.radians(a)), math.sin(math.radians(a)))
             for a in (50 + 260 * k / 8 for k in range(9))]  # fmt: skip
    cx = 0.5
    end = outer[0]
    r = math.hypot(end[0] - cx, end[1])
    a0 = math.degrees(math.atan2(end[1], end[0] - cx))  # about 79 degrees
    inner = [(cx + r * math.cos(math.radians(a)), r * math.sin(math.radians(a)))
             for a in (360 - a0 - (360 - 2 * a0) * k / 6 for k in range(1, 6))]  # fmt: skip
    return outer + inner


def _star() -> list[tuple[float, float]]:
    return [((1.0 if k % 2 == 0 else 0.42) * math.sin(math.pi * k / 5),
             -(1.0 if k % 2 == 0 else 0.42) * math.cos(math.pi * k / 5)) for k in range(10)]  # fmt: skip


OUTLINES: dict[str, list[tuple[float, float]]] = {
    "star": _star(),
    "heart": _heart(),
    "moon": _moon(),
    "house": [(0, -1), (0.3, -0.7), (0.3, -0.98), (0.6, -0.98), (0.6, -0.4), (0.9, -0.1),
              (0.7, -0.1), (0.7, 1), (-0.7, 1), (-0.7, -0.1), (-0.9, -0.1)],
    "fish": [(1, 0), (0.6, -0.45), (0, -0.55), (-0.5, -0.3), (-1, -0.65), (-0.75, 0),
             (-1, 0.65), (-0.5, 0.3), (0, 0.55), (0.6, 0.45)],
    "arrow": [(-1, -0.25), (0.2, -0.25), (0.2, -0.65), (1, 0), (0.2, 0.65), (0.2, 0.25),
              (-1, 0.25)],
    "sailboat": [(-1, 0.45), (-0.7, 0.9), (0.7, 0.9), (1, 0.45), (0.72, 0.45), (-0.1, -1),
                 (-0.1, 0.45)],  # a hull, and a sail whose upright edge is the mast
    "tree": [(0, -1), (0.45, -0.45), (0.25, -0.45), (0.65, 0.05), (0.4, 0.05), (0.85, 0.55),
             (0.15, 0.55), (0.15, 1), (-0.15, 1), (-0.15, 0.55), (-0.85, 0.55), (-0.4, 0.05),
             (-0.65, 0.05), (-0.25, -0.45), (-0.45, -0.45)],
    "lightning bolt": [(-0.15, -1), (0.55, -1), (0.22, -0.25), (0.65, -0.25), (-0.4, 1),
                       (-0.08, 0.12), (-0.58, 0.12)],
    "cross": [(-0.33, -1), (0.33, -1), (0.33, -0.33), (1, -0.33), (1, 0.33), (0.33, 0.33),
              (0.33, 1), (-0.33, 1), (-0.33, 0.33), (-1, 0.33), (-1, -0.33), (-0.33, -0.33)],
    "crown": [(-1, 0.6), (-1, -0.6), (-0.5, 0), (0, -0.8), (0.5, 0), (1, -0.6), (1, 0.6)],
    "t-shirt": [(-0.35, -1), (0, -0.78), (0.35, -1), (1, -0.6), (0.75, -0.15), (0.5, -0.35),
                (0.5, 1), (-0.5, 1), (-0.5, -0.35), (-0.75, -0.15), (-1, -0.6)],
}  # fmt: skip
FILL = {"star": "yellow", "heart": "red", "moon": "yellow", "house": "brown", "fish": "orange",
        "arrow": "blue", "sailboat": "cyan", "tree": "green", "lightning bolt": "orange",
        "cross": "red", "crown": "yellow", "t-shirt": "purple"}  # fmt: skip
NAMES = tuple(OUTLINES)


def densified(points, longest: float) -> list[tuple[float, float]]:
    """The outline with extra points on every edge longer than `longest`."""
    out = []
    n = len(points)
    for i in range(n):
        a, b = points[i], points[(i + 1) % n]
        k = max(1, math.ceil(math.dist(a, b) / longest))
        out += [(a[0] + (b[0] - a[0]) * j / k, a[1] + (b[1] - a[1]) * j / k) for j in range(k)]
    return out


@cache
def templates(spacing: int) -> dict[str, list[tuple[float, float]]]:
    """Every outline with its dots at most `spacing` hundredths of its half-size apart."""
    return {name: densified(pts, spacing / 100) for name, pts in OUTLINES.items()}


def fit(dots, template) -> tuple[float, list[complex]]:
    """Best similarity fit (rotation, scale, shift, optional mirror) of a template to the
    dots over every starting point and direction: (normalised residual, fitted template)."""
    p = [complex(x, y) for x, y in dots]
    n = len(p)
    pc = sum(p) / n
    best = (math.inf, [])
    for mirrored in (False, True):
        base = [complex(x, -y if mirrored else y) for x, y in template]
        for order in (base, base[::-1]):
            for s in range(n):
                q = order[s:] + order[:s]
                qc = sum(q) / n
                qq = [z - qc for z in q]
                pp = [z - pc for z in p]
                norm_q = sum(abs(z) ** 2 for z in qq)
                norm_p = sum(abs(z) ** 2 for z in pp)
                a = sum(z.conjugate() * w for z, w in zip(qq, pp)) / norm_q  # scale * rotation
                residual = 1 - abs(a) ** 2 * norm_q / norm_p
                if residual < best[0]:
                    best = (residual, [pc + a * z for z in qq])
    return best


def recognise(dots, spacing: int) -> str:
    """The library shape whose outline fits the dots best."""
    scores = [(fit(dots, t)[0], name) for name, t in templates(spacing).items()
              if len(t) == len(dots)]  # fmt: skip
    return min(scores)[1]


def label_box(p, number: int) -> tuple[float, float, float, float]:
    """The box a number's text covers when centred at p (size 40 text: digits are about 22
    units wide and 29 tall), with a little air."""
    return (p[0], p[1], 11.0 * len(str(number)) + 3, 17.0)


def place_labels(dots) -> list[list[float]] | None:
    """A spot for each number beside its own dot: clear of the lines and of every dot and
    number, and nearer its own dot than any other; None when some number finds none."""
    n = len(dots)
    cx, cy = sum(x for x, _ in dots) / n, sum(y for _, y in dots) / n
    edges = [(dots[i], dots[(i + 1) % n]) for i in range(n)]
    boxes: list[tuple] = []
    for i, d in enumerate(dots):
        out = math.atan2(d[1] - cy, d[0] - cx)
        box = next((b for b in (label_box(p, i + 1) for p in spots_around(d, out))
                    if label_fits(b, i, dots, edges, boxes)), None)  # fmt: skip
        if box is None:
            return None
        boxes.append(box)
    return [[b[0], b[1]] for b in boxes]


def spots_around(d, out: float):
    """Places for a number around dot d, best first: near the side away from the shape's
    centre (angle `out`), close to the dot."""
    for k, r in sorted(((k, r) for k in range(13) for r in (30, 38, 48)),
                       key=lambda t: (t[0] > 4, t[1], t[0])):  # fmt: skip
        for sign in (1, -1):
            a = out + sign * math.radians(15 * k)
            yield (round(d[0] + r * math.cos(a), 1), round(d[1] + r * math.sin(a), 1))


def label_fits(box, i: int, dots, edges, placed) -> bool:
    x, y, hw, hh = box
    if not (60 + hw <= x <= 940 - hw and 150 + hh <= y <= 970 - hh):
        return False
    own = box_point_distance(box, dots[i])
    if own < DOT_R + 6 or own > 30:
        return False
    if any(box_point_distance(box, q) < max(DOT_R + 14, own + 14) for j, q in enumerate(dots)
           if j != i):  # fmt: skip
        return False
    if any(box_segment_distance(box, a, b) < 7 for a, b in edges):
        return False
    return all(abs(x - b[0]) - hw - b[2] >= 6 or abs(y - b[1]) - hh - b[3] >= 6 for b in placed)


@register(
    "O-63_dot_to_dot",
    title="Dot to dot",
    description="Connect numbered dots in order to reveal a shape and name it.",
    category="spatial-visual",
    params=[
        Param("max_turn", "int", 20, 0, 180, help="largest rotation of the outline, degrees"),
        Param("spacing", "int", 55, 45, 90,
              help="longest gap between neighbouring dots, in hundredths of the shape's half-size"),
    ],
    shard_size=60,
    memory="low",
    faculty="perception",
    levels={1: {"max_turn": 0, "spacing": 80}, 2: {"max_turn": 10, "spacing": 65},
            3: {"max_turn": 20, "spacing": 55}, 4: {"max_turn": 60, "spacing": 50},
            5: {"max_turn": 180, "spacing": 45}},
    instances=10**6,
)  # fmt: skip
class DotToDot(Task):
    def generate(self, rng, params):
        name = pick(rng, NAMES)  # kept while poses are retried, so
        pts = templates(params["spacing"])[name]  # shapes harder to label appear as often
        while True:
            turn = math.radians(float(rng.uniform(-params["max_turn"], params["max_turn"])))
            flip = -1.0 if rng.random() < 0.5 else 1.0
            moved = [(flip * x * math.cos(turn) - y * math.sin(turn),
                      flip * x * math.sin(turn) + y * math.cos(turn)) for x, y in pts]  # fmt: skip
            xs, ys = [x for x, _ in moved], [y for _, y in moved]
            span = max(max(xs) - min(xs), max(ys) - min(ys))
            scale = float(rng.uniform(600.0, 760.0)) / span
            w, h = (max(xs) - min(xs)) * scale, (max(ys) - min(ys)) * scale
            if w > AREA[2] - AREA[0] or h > AREA[3] - AREA[1]:
                continue
            x0 = float(rng.uniform(AREA[0], AREA[2] - w)) - min(xs) * scale
            y0 = float(rng.uniform(AREA[1], AREA[3] - h)) - min(ys) * scale
            dots = [(round(x0 + x * scale, 1), round(y0 + y * scale, 1)) for x, y in moved]
            start = int(rng.integers(len(dots)))
            dots = dots[start:] + dots[:start]
            if rng.random() < 0.5:
                dots = [dots[0], *dots[:0:-1]]
            if min(math.dist(a, b) for i, a in enumerate(dots) for b in dots[i + 1 :]) < 55:
                continue
            if recognise(dots, params["spacing"]) != name:
                continue
            labels = place_labels(dots)
            if labels is None:
                continue
            return {"dots": [list(d) for d in dots], "labels": labels}

    def solve(self, puzzle, params):
        dots = [tuple(d) for d in puzzle["dots"]]
        shape = recognise(dots, params["spacing"])
        return {"shape": shape, "path": [list(d) for d in [*dots, dots[0]]]}

    def check(self, puzzle, answer, params):
        dots = puzzle["dots"]
        path = answer["path"]
        require(len(path) == len(dots) + 1, "the line must visit every dot once and close")
        for k, (p, d) in enumerate(zip(path, [*dots, dots[0]])):
            require(
                math.dist(p, d) < 0.5, f"point {k + 1} of the line is not dot {k % len(dots) + 1}"
            )
        known = templates(params["spacing"])
        require(answer["shape"] in known, f"{answer['shape']!r} is not a known shape")

        def worst_error(template) -> float:
            _, fitted = fit(dots, template)
            return max(abs(z - complex(*d)) for z, d in zip(fitted, dots))

        named = known[answer["shape"]]
        require(len(named) == len(dots), f"a {answer['shape']} outline has {len(named)} dots")
        require(worst_error(named) < TOLERANCE, f"the dots do not form a {answer['shape']}")
        for other, template in known.items():
            if other != answer["shape"] and len(template) == len(dots):
                require(worst_error(template) > 10 * TOLERANCE, f"the dots also form a {other}")

    def prompt(self, puzzle, params):
        n = len(puzzle["dots"])
        return (
            f"The image shows {n} black dots numbered 1 to {n}. Connect them in order with "
            f"straight blue lines: from 1 to 2, then 2 to 3, and so on up to {n}, and finally "
            f"from {n} back to 1, without lifting the pen. The closed line reveals the outline of "
            f"a familiar shape; name it (it is one of: {', '.join(NAMES[:-1])} or {NAMES[-1]}). "
            "The dots and numbers stay where they are. The video ends when the outline is closed, "
            "the shape is filled with colour and its name is written at the top."
        )

    def rubric(self, puzzle, answer, params):
        n = len(puzzle["dots"])
        shape = answer["shape"]
        return "\n".join([
            f"1. The line starts at dot 1 and visits the dots in order 2, 3, ..., {n}, then "
            "returns to dot 1; no dot is skipped or visited out of order.",
            "2. Every part of the line is a straight segment between two consecutive numbers; no "
            "line crosses to any other dot.",
            f"3. The closed outline is a {shape}, and the word \"{shape}\" is written at the top "
            "in place of the title.",
            f"4. The {shape} is filled with a light colour inside the line.",
            "5. The dots and their numbers do not move or change.",
        ])  # fmt: skip

    def render(self, puzzle, answer, params, film):
        dots = [tuple(d) for d in puzzle["dots"]]
        n = len(dots)
        work = film.canvas()
        draw_marks(work, puzzle)
        work.text(500, 75, f"Connect the dots from 1 to {n}", size=50, bold=True)
        film.opening(work)
        path = [*dots, dots[0]]
        lengths = [math.dist(a, b) for a, b in itertools.pairwise(path)]
        ends = list(itertools.accumulate(lengths))
        done = 0  # segments already drawn on `work` (numbers stay clear of every segment)
        steps = film.seconds(ends[-1] / easing.GLIDE_SPEED)  # the pen moves at a steady pace
        for k in range(1, steps + 1):
            target = ends[-1] * k / steps
            while done < n and ends[done] <= target + 1e-9:
                work.line([path[done], path[done + 1]], fill=LINE, width=8)
                for d in (path[done], path[done + 1]):
                    work.circle(d[0], d[1], DOT_R, fill=INK)
                done += 1
            frame = work.copy()
            tip = path[done]
            if done < n:
                t = (target - (ends[done] - lengths[done])) / lengths[done]
                a, b = path[done], path[done + 1]
                tip = (a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1]))
                frame.line([a, tip], fill=LINE, width=8)
                frame.circle(a[0], a[1], DOT_R, fill=INK)
            frame.circle(tip[0], tip[1], 17, outline=HIGHLIGHT, width=6)
            film.add(frame)
        final = film.canvas()
        color = NAMED[FILL[answer["shape"]]]
        final.polygon(dots, fill=lighten(color, 0.45))
        final.line(path, fill=LINE, width=8)
        draw_marks(final, puzzle)
        # the name in the shape's colour: new writing, not the title's letters moving
        final.text(
            500, 75, answer["shape"].capitalize(), size=60, bold=True, fill=darken(color, 0.3)
        )
        film.closing(final)


def draw_marks(canvas: Canvas, puzzle: dict) -> None:
    for k, (d, lab) in enumerate(zip(puzzle["dots"], puzzle["labels"])):
        canvas.circle(d[0], d[1], DOT_R, fill=INK)
        canvas.text(lab[0], lab[1], str(k + 1), size=40, fill=INK)
