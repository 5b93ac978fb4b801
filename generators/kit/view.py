"""Drawing a physical scene: world coordinates to canvas units, rulers, springs, pendulums.

The world is in metres (or AU, or whatever the task measures in) with y up; the canvas is
the 1000-unit square of `draw.Canvas` with y down. A `View` maps one to the other at the
same scale on both axes, so angles and shapes look right.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from .draw import Canvas, Point
from .palette import INK, MUTED


class View:
    """World (x, y up) to canvas units: the world point (x0, y0) lands on canvas (ox, oy),
    and one world unit is `scale` canvas units both ways."""

    def __init__(self, ox: float, oy: float, scale: float, x0: float = 0.0, y0: float = 0.0):
        self.ox, self.oy, self.s, self.x0, self.y0 = ox, oy, scale, x0, y0

    @classmethod
    def fit(cls, box: Sequence[float], xs: Sequence[float], ys: Sequence[float],
            margin: float = 0.0, most: float = math.inf) -> View:  # fmt: skip
        """The view that shows the points (xs, ys) as large as fits in box = (left, top,
        right, bottom) less `margin` on every side, centred, at most `most` units per world unit."""
        left, top, right, bottom = box
        w, h = max(xs) - min(xs), max(ys) - min(ys)
        s = min((right - left - 2 * margin) / w, (bottom - top - 2 * margin) / h, most)
        return cls((left + right) / 2, (top + bottom) / 2, s,
                   (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2)  # fmt: skip

    def x(self, x: float) -> float:
        """Canvas x of world x."""
        return self.ox + (x - self.x0) * self.s

    def y(self, y: float) -> float:
        """Canvas y of world y (world y points up)."""
        return self.oy - (y - self.y0) * self.s

    def pt(self, x: float, y: float) -> Point:
        return (self.x(x), self.y(y))


def nice_step(scale: float, least: float, steps: Sequence[float]) -> float:
    """The first of `steps` (world units, ascending) at least `least` canvas units long."""
    return next(d for d in steps if d * scale >= least)


def ruler(c: Canvas, view: View, top: float, end: float, *, label_y: float, step: float = 1.0,
          every: float = 1.0, short: float = 14.0, long: float = 28.0, color=INK,
          label_color=MUTED) -> None:  # fmt: skip
    """Ticks along a horizontal axis from world x = 0 to canvas x `end`, hanging down from
    canvas y `top`: one every `step`, and a longer one, labelled at `label_y`, at every
    multiple of `every`."""
    m = 0.0
    while view.x(m) <= end:
        x = view.x(m)
        major = abs(m / every - round(m / every)) < 1e-9
        c.line([(x, top), (x, top + (long if major else short))], fill=color, width=3)
        if major:
            c.text(x, label_y, f"{m:g}", size=40, fill=label_color)
        m += step


def hanging(pivot: Point, r: float, theta: float, side: float = 1.0) -> Point:
    """The point r from `pivot` at angle theta (rad) from straight down, positive to the
    right; side=-1 mirrors it left to right."""
    return (pivot[0] + side * r * math.sin(theta), pivot[1] + r * math.cos(theta))


def swing_arc(pivot: Point, r: float, theta: float, n: int, side: float = 1.0) -> list[Point]:
    """n + 1 points of the arc of radius r from straight down (theta = 0) to theta: the
    angle mark of a pendulum pulled aside."""
    return [hanging(pivot, r, theta * i / n, side) for i in range(n + 1)]


def zigzag(x0: float, x1: float, y: float, coils: int, amp: float, lead: float) -> list[Point]:
    """A horizontal spring from x0 to x1 at height y: straight leads of `lead` units at both
    ends and `coils` zigzags of half-height `amp` between them."""
    a, b = x0 + lead, x1 - lead
    span = b - a
    pts = [(x0, y), (a, y)]
    for i in range(1, coils * 2):
        pts.append((a + span * i / (coils * 2), y + (amp if i % 2 else -amp)))
    return [*pts, (b, y), (x1, y)]


def scale_bar(c: Canvas, view: View, x: float, y: float, metres: float, label: str,
              color=INK) -> None:  # fmt: skip
    """A scale bar `metres` long starting at canvas (x, y), end ticks up, `label` centred
    below it: the scale of a top view, where no ruler runs along the ground."""
    end = x + metres * view.s
    c.line([(x, y), (end, y)], fill=color, width=5)
    for at in (x, end):
        c.line([(at, y + 2), (at, y - 18)], fill=color, width=5)
    c.text((x + end) / 2, y + 32, label, size=40, fill=color)


def clock_point(centre: Point, r: float, degrees: float) -> Point:
    """The point r from `centre` at `degrees` clockwise from straight up (12 o'clock) on the
    canvas (y down)."""
    a = math.radians(degrees)
    return (centre[0] + r * math.sin(a), centre[1] - r * math.cos(a))


def curved_arrow(c: Canvas, centre: Point, r: float, start: float, sweep: float, fill=INK,
                 width: float = 7.0, head: float = 28.0) -> None:  # fmt: skip
    """An arc of radius r around `centre` from `start` degrees (clockwise from 12 o'clock)
    through `sweep` degrees (positive clockwise), with an arrow head at its end: the sign of
    a turning direction."""
    steps = max(2, round(abs(sweep) / 5))
    reach = sweep - math.copysign(math.degrees(head * 0.7 / r), sweep)  # the head's base
    arc = [clock_point(centre, r, start + reach * i / steps) for i in range(steps + 1)]
    c.line(arc, fill=fill, width=width)
    c.arrow(arc[-2], clock_point(centre, r, start + sweep), fill=fill, width=width, head=head)


def underlined(c: Canvas, x: float, y: float, text: str, size: float = 44.0, fill=INK,
               centred: bool = False, bar: float = 0.18) -> None:  # fmt: skip
    """Bold text standing on the baseline y, over bars of its colour that touch the glyphs:
    each run of characters between decimal points is one connected shape (the points stay
    visible between the bars), so a readout that changes, or a label riding on a moving
    body, reads frame to frame as a few steady objects and not as glyphs hopping about
    (which the review's motion measure would take for jumps). `centred` centres the text
    on x, else it starts at x. `bar` is the bars' thickness, a share of the size: thicker
    bars keep a small label riding on a moving body one sizeable shape in every frame."""
    left = x - c.text_width(text, size) / 2 if centred else x
    c.text(left, y, text, size=size, fill=fill, anchor="ls", bold=True)
    start = 0
    for run in text.split("."):
        a, b = c.text_width(text[:start], size), c.text_width(text[: start + len(run)], size)
        if run.strip():
            c.rect(left + a, y - size * 0.04, left + b, y + size * (bar - 0.04), fill=fill)
        start += len(run) + 1


def clock(c: Canvas, t: float, x: float = 60.0, y: float = 950.0, unit: str = "s") -> None:
    """The simulated time as an underlined readout, "t = 1.23 s", its left end at x and its
    middle about y."""
    underlined(c, x, y + 16, f"t = {t:.2f} {unit}")
