"""Simple animal silhouettes built from kit shapes (discs, ellipses, triangles), for tasks
that match or sort animals.

`draw_animal(canvas, kind, cx, cy, size, body)` draws one animal facing right (or left with
`facing=-1`) inside a box about 2 * size wide and 1.6 * size tall centred on (cx, cy).
Each animal is a few filled parts in its body colour with ink details (eyes, beaks, shell
pattern); `details=None` draws a flat silhouette (a shadow) in the body colour alone. The
parts of an animal overlap, so its body is one area of its colour (frame-to-frame matching
by colour then follows the whole animal, not look-alike pieces of it).
"""

from __future__ import annotations

import math

from .draw import Canvas
from .palette import INK

ANIMALS = ("fish", "bird", "cat", "rabbit", "turtle", "pig", "mouse", "snail")


def _ellipse(cx, cy, rx, ry, tilt=0.0, n=48) -> list[tuple[float, float]]:
    a = math.radians(tilt)
    out = []
    for k in range(n):
        t = 2 * math.pi * k / n
        x, y = rx * math.cos(t), ry * math.sin(t)
        out.append((cx + x * math.cos(a) - y * math.sin(a), cy + x * math.sin(a) + y * math.cos(a)))
    return out


def animal_parts(kind: str, s: float) -> tuple[list, list]:
    """(body polygons, detail dots (x, y, r)) of an animal facing right, in units of the
    size s around (0, 0)."""
    e = _ellipse
    if kind == "fish":
        body = [e(0.1 * s, 0, 0.7 * s, 0.42 * s),
                [(-0.3 * s, 0), (-0.95 * s, -0.4 * s), (-0.95 * s, 0.4 * s)],
                [(0.0, -0.35 * s), (0.25 * s, -0.62 * s), (0.35 * s, -0.3 * s)]]  # fmt: skip
        return body, [(0.52 * s, -0.1 * s, 0.07 * s)]
    if kind == "bird":
        body = [e(-0.15 * s, 0.1 * s, 0.55 * s, 0.4 * s), e(0.42 * s, -0.3 * s, 0.28 * s, 0.28 * s),
                [(0.66 * s, -0.38 * s), (0.95 * s, -0.26 * s), (0.66 * s, -0.18 * s)],
                [(-0.45 * s, 0.05 * s), (-0.95 * s, -0.3 * s), (-0.85 * s, 0.2 * s)],
                [(-0.1 * s, 0.35 * s), (-0.06 * s, 0.75 * s), (0.02 * s, 0.75 * s), (0.0, 0.35 * s)]]  # fmt: skip
        return body, [(0.5 * s, -0.36 * s, 0.06 * s)]
    if kind == "cat":
        body = [e(-0.2 * s, 0.25 * s, 0.55 * s, 0.35 * s), e(0.45 * s, -0.2 * s, 0.33 * s, 0.3 * s),
                [(0.2 * s, -0.35 * s), (0.25 * s, -0.75 * s), (0.45 * s, -0.45 * s)],
                [(0.5 * s, -0.47 * s), (0.7 * s, -0.75 * s), (0.75 * s, -0.35 * s)],
                e(-0.76 * s, -0.05 * s, 0.11 * s, 0.45 * s, tilt=-20)]  # fmt: skip
        return body, [(0.38 * s, -0.24 * s, 0.055 * s), (0.6 * s, -0.24 * s, 0.055 * s)]
    if kind == "rabbit":
        body = [e(-0.25 * s, 0.3 * s, 0.5 * s, 0.38 * s), e(0.35 * s, -0.1 * s, 0.3 * s, 0.27 * s),
                e(0.25 * s, -0.58 * s, 0.1 * s, 0.35 * s, tilt=-10),
                e(0.48 * s, -0.55 * s, 0.1 * s, 0.35 * s, tilt=15),
                e(-0.68 * s, 0.2 * s, 0.15 * s, 0.15 * s)]  # fmt: skip
        return body, [(0.47 * s, -0.15 * s, 0.055 * s)]
    if kind == "turtle":
        shell = [(-0.65 * s + 1.3 * s * k / 24, 0.2 * s - 0.75 * s * math.sin(math.pi * k / 24))
                 for k in range(25)]  # fmt: skip
        body = [shell, e(0.72 * s, 0.06 * s, 0.2 * s, 0.17 * s), e(-0.4 * s, 0.3 * s, 0.13 * s, 0.14 * s),
                e(0.4 * s, 0.3 * s, 0.13 * s, 0.14 * s), [(-0.65 * s, 0.1 * s), (-0.9 * s, 0.2 * s), (-0.6 * s, 0.2 * s)]]  # fmt: skip
        return body, [(0.8 * s, 0.02 * s, 0.05 * s)]
    if kind == "pig":
        body = [e(-0.1 * s, 0.1 * s, 0.65 * s, 0.42 * s), e(0.62 * s, -0.05 * s, 0.3 * s, 0.3 * s),
                e(0.92 * s, 0.02 * s, 0.11 * s, 0.14 * s),
                [(0.45 * s, -0.2 * s), (0.5 * s, -0.6 * s), (0.68 * s, -0.22 * s)],
                [(-0.5 * s, 0.4 * s), (-0.45 * s, 0.72 * s), (-0.3 * s, 0.72 * s), (-0.3 * s, 0.4 * s)],
                [(0.15 * s, 0.4 * s), (0.2 * s, 0.72 * s), (0.35 * s, 0.72 * s), (0.35 * s, 0.4 * s)]]  # fmt: skip
        return body, [(0.66 * s, -0.12 * s, 0.05 * s), (0.92 * s, 0.0, 0.03 * s)]
    if kind == "mouse":
        body = [e(-0.05 * s, 0.2 * s, 0.55 * s, 0.32 * s),
                [(0.35 * s, 0.0), (0.9 * s, 0.25 * s), (0.35 * s, 0.45 * s)],
                e(0.28 * s, -0.14 * s, 0.2 * s, 0.2 * s),
                [(-0.45 * s, 0.22 * s), (-0.95 * s, 0.1 * s), (-0.97 * s, 0.15 * s), (-0.45 * s, 0.32 * s)]]  # fmt: skip
        return body, [(0.58 * s, 0.15 * s, 0.05 * s)]
    if kind == "snail":
        body = [[(-0.8 * s, 0.45 * s), (0.75 * s, 0.45 * s), (0.9 * s, 0.2 * s), (0.7 * s, 0.05 * s),
                 (0.5 * s, 0.25 * s), (-0.8 * s, 0.3 * s)],
                e(-0.1 * s, -0.05 * s, 0.5 * s, 0.48 * s),
                [(0.72 * s, 0.08 * s), (0.8 * s, -0.35 * s), (0.86 * s, -0.35 * s), (0.8 * s, 0.1 * s)]]  # fmt: skip
        return body, [(0.83 * s, -0.38 * s, 0.06 * s)]
    raise ValueError(f"unknown animal {kind!r}")


def draw_animal(canvas: Canvas, kind: str, cx: float, cy: float, size: float, body,
                details=INK, facing: int = 1, outline=INK) -> None:  # fmt: skip
    """One animal (see the module doc); `details=None` and `outline=None` give a flat
    silhouette in the body colour."""
    parts, dots = animal_parts(kind, size)
    place = lambda p: (cx + facing * p[0], cy + p[1])  # noqa: E731
    for poly in parts:  # outlines first, under every fill, so parts merge into one figure
        if outline is not None:
            canvas.polygon([place(p) for p in poly], fill=outline, outline=outline,
                           width=max(3.0, size * 0.09))  # fmt: skip
    for poly in parts:
        canvas.polygon([place(p) for p in poly], fill=body)
    if kind == "snail" and details is not None:  # the shell's spiral: a turn and a quarter,
        # its arms far apart, so it never closes off a piece of the shell
        spiral = [(-0.1 * size + size * (0.28 - 0.2 * k / 20) * math.cos(k * 0.4),
                   -0.05 * size + size * (0.28 - 0.2 * k / 20) * math.sin(k * 0.4)) for k in range(21)]  # fmt: skip
        canvas.line([place(p) for p in spiral], fill=details, width=max(2.0, size * 0.05))
    if kind == "turtle" and details is not None:  # the shell's spots: discs, not rings,
        # which would nearly touch and cut the shell into pieces
        for x in (-0.32, 0.0, 0.32):
            canvas.circle(*place((x * size, -0.14 * size)), 0.09 * size, fill=details)
    if details is not None:
        for x, y, r in dots:
            canvas.circle(*place((x, y)), r, fill=details)
