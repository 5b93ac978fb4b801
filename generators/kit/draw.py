"""A drawing layer over Pillow in resolution-independent units.

Every scene is drawn on a 1000 x 1000 unit square mapped onto the output image, so one
task draws the same picture at 256 px and at 1024 px. Keep text at least `MIN_TEXT`
units tall: that is about 10 px at 256 px, the smallest size that stays readable.
Text uses Pillow's built-in scalable font (shipped inside Pillow), never a host font.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import lru_cache

from PIL import Image, ImageDraw, ImageFont

from .palette import BACKGROUND, INK, RGB

UNITS = 1000
MIN_TEXT = 40
Point = tuple[float, float]


@lru_cache(maxsize=64)
def font(px: int) -> ImageFont.FreeTypeFont:
    return ImageFont.load_default(size=max(px, 6))


class Canvas:
    """An RGB image addressed in units (0..1000 on both axes)."""

    def __init__(self, size: int, background: RGB = BACKGROUND, image: Image.Image | None = None):
        self.size = size
        self.scale = size / UNITS
        self.image = image if image is not None else Image.new("RGB", (size, size), background)
        self.draw = ImageDraw.Draw(self.image)

    def copy(self) -> Canvas:
        """A new canvas starting from this one's pixels (draw static parts once, copy per frame)."""
        return Canvas(self.size, image=self.image.copy())

    def px(self, units: float) -> int:
        return round(units * self.scale)

    def _pt(self, p: Point) -> tuple[int, int]:
        return (round(p[0] * self.scale), round(p[1] * self.scale))

    def _w(self, width: float) -> int:
        return max(1, round(width * self.scale))

    def _box(self, x0: float, y0: float, x1: float, y1: float) -> tuple[int, int, int, int]:
        a, b = self._pt((min(x0, x1), min(y0, y1)))
        c, d = self._pt((max(x0, x1), max(y0, y1)))
        return (a, b, max(a, c - 1), max(b, d - 1))

    # --- primitives -------------------------------------------------------------------

    def rect(self, x0, y0, x1, y1, fill=None, outline=None, width=4.0, radius=0.0) -> None:
        box = self._box(x0, y0, x1, y1)
        w = self._w(width) if outline else 0
        if radius:
            self.draw.rounded_rectangle(box, self.px(radius), fill=fill, outline=outline, width=w)
        else:
            self.draw.rectangle(box, fill=fill, outline=outline, width=w)

    def circle(self, cx, cy, r, fill=None, outline=None, width=4.0) -> None:
        w = self._w(width) if outline else 0
        self.draw.ellipse(
            self._box(cx - r, cy - r, cx + r, cy + r), fill=fill, outline=outline, width=w
        )

    def polygon(self, points: Sequence[Point], fill=None, outline=None, width=4.0) -> None:
        pts = [self._pt(p) for p in points]
        self.draw.polygon(pts, fill=fill)
        if outline:
            self.draw.line([*pts, pts[0]], fill=outline, width=self._w(width), joint="curve")

    def line(self, points: Sequence[Point], fill=INK, width=4.0) -> None:
        self.draw.line(
            [self._pt(p) for p in points], fill=fill, width=self._w(width), joint="curve"
        )

    def dot(self, p: Point, r: float, fill=INK) -> None:
        self.circle(p[0], p[1], r, fill=fill)

    def arrow(self, start: Point, end: Point, fill=INK, width=8.0, head=None) -> None:
        """A straight arrow from start to end; the head's tip is exactly at end."""
        head = head if head is not None else max(width * 3.5, 24)
        ang = math.atan2(end[1] - start[1], end[0] - start[0])
        base = (end[0] - head * math.cos(ang), end[1] - head * math.sin(ang))
        self.line([start, base], fill=fill, width=width)
        left = (base[0] + head * 0.5 * math.sin(ang), base[1] - head * 0.5 * math.cos(ang))
        right = (base[0] - head * 0.5 * math.sin(ang), base[1] + head * 0.5 * math.cos(ang))
        self.polygon([end, left, right], fill=fill)

    def dashed(self, a: Point, b: Point, fill=INK, width=4.0, dash=30.0, gap=15.0) -> None:
        """A dashed straight line from a to b: dashes `dash` units long, `gap` apart."""
        length = math.dist(a, b)
        ux, uy = (b[0] - a[0]) / length, (b[1] - a[1]) / length
        t = 0.0
        while t < length:
            e = min(t + dash, length)
            self.line([(a[0] + ux * t, a[1] + uy * t), (a[0] + ux * e, a[1] + uy * e)], fill=fill,
                      width=width)  # fmt: skip
            t = e + gap

    def text(self, x, y, s: str, size=MIN_TEXT, fill=INK, anchor="mm", bold=False) -> None:
        """Text at (x, y); anchor as in Pillow ("mm" centres it). `bold` thickens the stroke."""
        f = font(self.px(size))
        stroke = self.px(size) // 28 if bold else 0  # none at small sizes, where it blurs
        self.draw.text(
            self._pt((x, y)),
            s,
            font=f,
            fill=fill,
            anchor=anchor,
            stroke_width=stroke,
            stroke_fill=fill,
        )

    def text_width(self, s: str, size=MIN_TEXT) -> float:
        """Width of `s` in units at `size`."""
        return font(self.px(size)).getlength(s) / self.scale

    # --- composite helpers ------------------------------------------------------------

    def grid(self, x0, y0, cell, rows, cols, color=INK, width=3.0, thick_every=0, thick=8.0):
        """Grid lines of rows x cols square cells; every `thick_every` line drawn thicker."""
        for r in range(rows + 1):
            w = thick if thick_every and r % thick_every == 0 else width
            self.line([(x0, y0 + r * cell), (x0 + cols * cell, y0 + r * cell)], fill=color, width=w)
        for c in range(cols + 1):
            w = thick if thick_every and c % thick_every == 0 else width
            self.line([(x0 + c * cell, y0), (x0 + c * cell, y0 + rows * cell)], fill=color, width=w)

    def cell(self, x0, y0, cell, row, col, fill, inset=0.0) -> None:
        """Fill one grid cell (highlighting); `inset` keeps grid lines visible."""
        self.rect(
            x0 + col * cell + inset,
            y0 + row * cell + inset,
            x0 + (col + 1) * cell - inset,
            y0 + (row + 1) * cell - inset,
            fill=fill,
        )

    def shape(self, kind: str, cx, cy, r, fill=None, outline=INK, width=4.0, angle=0.0) -> None:
        """A named shape of circumradius r: one of SHAPES."""
        if kind == "circle":
            self.circle(cx, cy, r, fill=fill, outline=outline, width=width)
            return
        self.polygon(shape_points(kind, cx, cy, r, angle), fill=fill, outline=outline, width=width)

    def to_rgb_bytes(self) -> bytes:
        return self.image.tobytes()


SHAPES = ("circle", "square", "triangle", "diamond", "pentagon", "hexagon", "star")


def shape_points(kind: str, cx: float, cy: float, r: float, angle: float = 0.0) -> list[Point]:
    """Vertices of a regular shape centred on (cx, cy); angle in degrees, clockwise."""
    a0 = math.radians(angle)
    if kind == "star":
        pts = []
        for i in range(10):
            rad = r if i % 2 == 0 else r * 0.45
            a = a0 - math.pi / 2 + i * math.pi / 5
            pts.append((cx + rad * math.cos(a), cy + rad * math.sin(a)))
        return pts
    sides, start = {
        "square": (4, -math.pi / 4 + math.pi / 2),
        "triangle": (3, -math.pi / 2),
        "diamond": (4, -math.pi / 2),
        "pentagon": (5, -math.pi / 2),
        "hexagon": (6, 0.0),
    }[kind]
    if kind == "square":
        r = r * 0.92  # a square of circumradius r looks larger than the other shapes
    if kind == "triangle":
        cy += r * 0.15  # centre the triangle's bounding box rather than its centroid
    return [
        (
            cx + r * math.cos(a0 + start + i * 2 * math.pi / sides),
            cy + r * math.sin(a0 + start + i * 2 * math.pi / sides),
        )
        for i in range(sides)
    ]
