"""Outline then move: each coloured shape takes the outline style the legend gives its colour,
then moves into the empty outline drawn in that style.

The legend pairs colours with outline styles (solid, thick, dashed, dotted, double), one
style per colour; the row of empty outlines holds each legend style exactly once, so every
shape has exactly one style and one place. Legend colours that no shape wears are decoys.
The checker looks every shape up in the legend and in the row on its own.
"""

from __future__ import annotations

import itertools
import math

from generators.kit import (
    INK,
    MUTED,
    NAMED,
    SHAPES,
    Param,
    Task,
    easing,
    register,
    require,
    shape_points,
)
from generators.kit.geometry import round_corners
from generators.kit.rng import choose, pick, shuffled

STYLES = ("solid", "thick", "dashed", "dotted", "double")
COLORS = ("red", "blue", "green", "orange", "purple", "yellow", "pink", "cyan")
LEGEND_Y, SLOT_Y, START_Y = 145.0, 440.0, 790.0
RADIUS, LEGEND_R = 80.0, 44.0
# a star's thin points fill up under a thick line at legend size, and a diamond's 45-degree
# edges, gliding, leave runs of one blended colour that read as jumping specks: neither
KINDS = tuple(k for k in SHAPES if k not in ("star", "diamond"))
# the double's lines stay under a pixel at review size: two close loops of one exact
# colour break into look-alike pieces that frame-to-frame matching confuses
WIDTH = {"solid": 6.0, "thick": 17.0, "dashed": 8.0, "dotted": 0.0, "double": 3.6}
DOT_R, DOT_SPACING = 5.5, 19.0
DASH_PERIOD, DASH_LENGTH = 30.0, 17.0
DOUBLE_GAP = 13.0  # between the two lines of a double outline
LIFT = 2.3 * RADIUS  # how far a shape rises out of its row before heading for its outline
# a shape's outline is one level off the ink (invisible), so frame-to-frame matching by
# exact colour never merges a gliding shape's outline with the outline it lands in
SHAPE_INK = (INK[0] + 1, INK[1] + 1, INK[2] + 1)
SPEED = 0.8 * easing.GLIDE_SPEED  # a margin: a thick outline breaks into pieces in motion


def outline_points(kind: str, cx: float, cy: float, r: float) -> list[tuple[float, float]]:
    """The closed outline of a kit shape as points (a circle as a 96-gon)."""
    if kind == "circle":
        return [(cx + r * math.cos(a), cy + r * math.sin(a))
                for a in (2 * math.pi * i / 96 for i in range(96))]  # fmt: skip
    return shape_points(kind, cx, cy, r)


def edge_marks(pts, spacing: float) -> list[tuple[tuple[float, float], tuple[float, float]]]:
    """Evenly spaced marks about `spacing` apart round a closed outline, as (point, unit
    direction) pairs: per edge for a polygon, so every corner gets a mark (a dot, or the gap
    between two dashes) and the corners look alike; by arc length round a circle's 96-gon."""
    edges = list(zip(pts, [*pts[1:], pts[0]]))
    if len(pts) == 96:  # a circle: one run of marks all round
        total = sum(math.dist(a, b) for a, b in edges)
        n = round(total / spacing)
        out = []
        for k in range(n):
            p = easing.along_polyline([*pts, pts[0]], k / n)
            q = easing.along_polyline([*pts, pts[0]], (k + 0.01) / n)
            d = math.dist(p, q)
            out.append((p, ((q[0] - p[0]) / d, (q[1] - p[1]) / d)))
        return out
    out = []
    for a, b in edges:
        length = math.dist(a, b)
        n = max(1, round(length / spacing))
        u = ((b[0] - a[0]) / length, (b[1] - a[1]) / length)
        out += [(easing.lerp_point(a, b, k / n), u) for k in range(n)]
    return out


def draw_outline(canvas, kind: str, cx, cy, r, style: str, color=INK, fill=None) -> None:
    """A shape with its outline in one of STYLES (the fill, if any, under the outline). Dots,
    dashes and the double line's gap have the same size at every radius, so a small legend
    sample reads like a large outline."""
    pts = outline_points(kind, cx, cy, r)
    if fill is not None:
        canvas.polygon(pts, fill=fill)
    if style is None:
        return
    if style in ("solid", "thick"):
        canvas.polygon(pts, outline=color, width=WIDTH[style])
    elif style == "double":
        canvas.polygon(pts, outline=color, width=WIDTH[style])
        inner = r - DOUBLE_GAP * (2.0 if kind == "triangle" else 1.0)
        canvas.polygon(outline_points(kind, cx, cy, inner), outline=color, width=WIDTH[style])
    elif style == "dotted":
        for p, _ in edge_marks(pts, DOT_SPACING):
            canvas.dot(p, DOT_R, fill=color)
    else:  # dashed: a dash centred between two marks, so corners are gaps
        for (x, y), (ux, uy) in edge_marks(pts, DASH_PERIOD):
            mid = (x + ux * DASH_PERIOD / 2, y + uy * DASH_PERIOD / 2)
            half = DASH_LENGTH / 2
            canvas.line([(mid[0] - ux * half, mid[1] - uy * half),
                         (mid[0] + ux * half, mid[1] + uy * half)],
                        fill=color, width=WIDTH["dashed"])  # fmt: skip


def slot_xs(n: int) -> list[float]:
    step = min(210.0, 900.0 / n)
    return [500 + step * (i - (n - 1) / 2) for i in range(n)]


@register(
    "O-81_outline_then_move",
    title="Outline then move",
    description="Each coloured shape takes the outline style the legend gives its colour, then moves into the empty outline of that style.",
    category="spatial-visual",
    params=[
        Param("styles", "int", 4, 2, 5, help="legend entries and empty outlines"),
        Param("shapes", "int", 2, 1, 3, help="coloured shapes to restyle and move"),
    ],
    shard_size=60,
    memory="low",
    instances=2_666_666,
    faculty="transformation",
    levels={
        1: {"styles": 2, "shapes": 1},
        2: {"styles": 3, "shapes": 1},
        3: {"styles": 4, "shapes": 2},
        4: {"styles": 5, "shapes": 2},
        5: {"styles": 5, "shapes": 3},
    },
)  # fmt: skip
class OutlineThenMove(Task):
    def generate(self, rng, params):
        n, k = params["styles"], min(params["shapes"], params["styles"])
        kind = pick(rng, KINDS)
        legend = [[c, s] for c, s in zip(choose(rng, COLORS, n), choose(rng, STYLES, n))]
        slots = shuffled(rng, [s for _, s in legend])
        movers = choose(rng, [c for c, _ in legend], k)
        return {"kind": kind, "legend": legend, "slots": slots, "colors": movers}

    def solve(self, puzzle, params):
        style_of = dict(map(tuple, puzzle["legend"]))
        moves = []
        for color in puzzle["colors"]:
            style = style_of[color]
            moves.append({"color": color, "style": style, "slot": puzzle["slots"].index(style)})
        return {"moves": moves}

    def check(self, puzzle, answer, params):
        legend, slots = puzzle["legend"], puzzle["slots"]
        colors = [c for c, _ in legend]
        require(len(set(colors)) == len(colors), "the legend gives a colour twice")
        require(sorted(s for _, s in legend) == sorted(slots) and len(set(slots)) == len(slots),
                "the empty outlines do not show each legend style exactly once")  # fmt: skip
        moves = answer["moves"]
        require([m["color"] for m in moves] == puzzle["colors"],
                "the moves do not take each shape once, left to right")  # fmt: skip
        for m in moves:
            style = next(s for c, s in legend if c == m["color"])
            require(m["style"] == style, f"the {m['color']} shape must take the {style} outline")
            require(isinstance(m["slot"], int) and 0 <= m["slot"] < len(slots)
                    and slots[m["slot"]] == style,
                    f"the {m['color']} shape must move into the {style} outline")  # fmt: skip

    def prompt(self, puzzle, params):
        n, k, kind = len(puzzle["slots"]), len(puzzle["colors"]), puzzle["kind"]
        things = f"{k} coloured {kind}s" if k > 1 else f"a coloured {kind}"
        return (
            f"The image shows a legend at the top pairing {n} colours with outline styles "
            "(each colour dot points to a small outline drawn in its style: solid, thick, "
            f"dashed, dotted or double), a row of {n} empty {kind} outlines in the middle, each "
            f"in a different style, and {things} without outlines at the bottom. "
            "Each coloured shape first takes the outline style the legend gives its colour, "
            "then glides into the empty outline drawn in that same style. Shapes are handled "
            "one at a time, from left to right; the legend and the empty outlines stay as "
            "they are. The video ends when every coloured shape sits in its outline."
        )

    def rubric(self, puzzle, answer, params):
        kind = puzzle["kind"]
        lines = ["1. The legend, the row of empty outlines and the background do not change."]
        for i, m in enumerate(answer["moves"]):
            lines.append(
                f"{i + 2}. The {m['color']} {kind} takes a {m['style']} outline before it "
                f"moves, then glides into the {m['style']} outline, number {m['slot'] + 1} "
                "from the left in the row."
            )
        lines.append(f"{len(lines) + 1}. Shapes are handled one at a time, left to right, and "
                     "glide smoothly; in the final frame each sits exactly in its outline.")  # fmt: skip
        return "\n".join(lines)

    def render(self, puzzle, answer, params, film):
        kind, moves = puzzle["kind"], answer["moves"]
        sx = slot_xs(len(puzzle["slots"]))
        base = film.canvas()
        draw_legend(base, kind, puzzle["legend"])
        for x, style in zip(sx, puzzle["slots"]):
            draw_outline(base, kind, x, SLOT_Y, RADIUS, style)
        starts = slot_xs(len(moves))
        where = [(x, START_Y) for x in starts]
        styles = [None] * len(moves)  # no outline until a shape takes its style

        def scene(skip: int | None = None):
            frame = base.copy()
            for i, m in enumerate(moves):
                if i != skip:
                    draw_outline(frame, kind, *where[i], RADIUS, styles[i], fill=NAMED[m["color"]],
                                 color=SHAPE_INK)  # fmt: skip
            return frame

        film.opening(scene())
        for i, m in enumerate(moves):
            rest = scene(skip=i)
            for t in easing.steps(film.seconds(0.6), easing.ease_in_out):  # the restyle
                frame = rest.copy()
                fill = NAMED[m["color"]]
                draw_outline(frame, kind, *where[i], RADIUS, m["style"], fill=fill,
                             color=easing.lerp_color(fill, SHAPE_INK, t))  # fmt: skip
                film.add(frame)
            styles[i] = m["style"]
            film.hold(scene(), 0.25)
            # straight up out of the row first, so it never passes over its neighbours
            start, end = where[i], (sx[m["slot"]], SLOT_Y)
            path = round_corners([start, (start[0], START_Y - LIFT), end], LIFT / 2)
            length = sum(math.dist(a, b) for a, b in itertools.pairwise(path))
            for t in easing.steps(film.seconds(easing.glide_seconds(length, SPEED)), easing.cruise):
                where[i] = easing.along_polyline(path, t)
                film.add(scene())
            if i + 1 < len(moves):
                film.hold(scene(), 0.25)
        film.closing(scene())


def draw_legend(canvas, kind: str, legend) -> None:
    step = min(240.0, 920.0 / len(legend))
    canvas.text(500, 55, "Legend", size=40, fill=MUTED)
    for i, (color, style) in enumerate(legend):
        cx = 500 + step * (i - (len(legend) - 1) / 2)
        canvas.circle(cx - 64, LEGEND_Y, 22, fill=NAMED[color], outline=INK, width=4)
        canvas.arrow((cx - 35, LEGEND_Y), (cx + 1, LEGEND_Y), fill=MUTED, width=5, head=16)
        draw_outline(canvas, kind, cx + 50, LEGEND_Y, LEGEND_R, style)
