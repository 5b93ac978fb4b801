"""Chess piece silhouettes drawn with the kit: each piece is a few polygons and circles in a
unit box (x right, y down, centred on its square), filled with the piece's colour and
outlined in the other."""

from __future__ import annotations

import math

import chess

from .draw import Canvas
from .palette import INK

WHITE_FILL = (255, 255, 255)


def _ellipse(cx, cy, rx, ry, a0=0.0, a1=360.0, n=24):
    return [
        (cx + rx * math.cos(math.radians(a0 + (a1 - a0) * i / n)),
         cy + ry * math.sin(math.radians(a0 + (a1 - a0) * i / n)))
        for i in range(n + 1)
    ]  # fmt: skip


# fmt: off
BASE = [(-0.34, 0.42), (0.34, 0.42), (0.34, 0.32), (0.25, 0.26), (-0.25, 0.26), (-0.34, 0.32)]
SHAPES = {
    chess.PAWN: [
        ("poly", BASE),
        ("poly", [(-0.2, 0.27), (0.2, 0.27), (0.1, -0.02), (-0.1, -0.02)]),
        ("poly", _ellipse(0, -0.02, 0.17, 0.05)),
        ("circle", (0, -0.18, 0.15)),
    ],
    chess.ROOK: [
        ("poly", BASE),
        ("poly", [(-0.22, 0.27), (0.22, 0.27), (0.19, -0.16), (-0.19, -0.16)]),
        ("poly", [(-0.29, -0.14), (0.29, -0.14), (0.29, -0.40), (0.17, -0.40), (0.17, -0.30),
                  (0.06, -0.30), (0.06, -0.40), (-0.06, -0.40), (-0.06, -0.30), (-0.17, -0.30),
                  (-0.17, -0.40), (-0.29, -0.40)]),
    ],
    chess.KNIGHT: [
        ("poly", BASE),
        ("poly", [(-0.24, 0.27), (0.30, 0.27), (0.30, 0.05), (0.24, -0.18), (0.10, -0.34),
                  (0.02, -0.44), (-0.04, -0.34), (-0.14, -0.30), (-0.32, -0.10), (-0.36, 0.03),
                  (-0.28, 0.10), (-0.14, 0.03), (-0.04, 0.0), (-0.18, 0.18)]),
        ("eye", (-0.07, -0.2, 0.035)),
    ],
    chess.BISHOP: [
        ("poly", BASE),
        ("poly", [(-0.16, 0.27), (0.16, 0.27), (0.09, 0.14), (-0.09, 0.14)]),
        ("poly", [(0, -0.37), *_ellipse(0, -0.02, 0.22, 0.18, -35, 215, 18)[::-1]]),
        ("circle", (0, -0.39, 0.065)),
        ("slit", (0.0, -0.16, 0.11, -0.03)),
    ],
    chess.QUEEN: [
        ("poly", BASE),
        ("poly", [(-0.24, 0.27), (0.24, 0.27), (0.36, -0.24), (0.17, -0.06), (0.10, -0.32),
                  (0.0, -0.08), (-0.10, -0.32), (-0.17, -0.06), (-0.36, -0.24)]),
        ("circle", (0.36, -0.27, 0.055)),
        ("circle", (0.10, -0.35, 0.055)),
        ("circle", (-0.10, -0.35, 0.055)),
        ("circle", (-0.36, -0.27, 0.055)),
    ],
    chess.KING: [
        ("poly", BASE),
        ("poly", [(-0.24, 0.27), (0.24, 0.27), (0.32, -0.08), (0.16, -0.18), (0.0, -0.10),
                  (-0.16, -0.18), (-0.32, -0.08)]),
        ("poly", [(-0.045, -0.12), (0.045, -0.12), (0.045, -0.28), (0.12, -0.28), (0.12, -0.35),
                  (0.045, -0.35), (0.045, -0.45), (-0.045, -0.45), (-0.045, -0.35),
                  (-0.12, -0.35), (-0.12, -0.28), (-0.045, -0.28)]),
    ],
}
# fmt: on


def draw_piece(cv: Canvas, kind: int, color: bool, x: float, y: float, size: float) -> None:
    """A piece of `kind` (chess.PAWN..chess.KING) and colour centred at (x, y), `size` units
    being its square's side."""
    fill, edge = (WHITE_FILL, INK) if color == chess.WHITE else (INK, WHITE_FILL)
    width = max(3.0, size * 0.035)
    for part, data in SHAPES[kind]:
        if part == "poly":
            cv.polygon([(x + px * size, y + py * size) for px, py in data], fill=fill,
                       outline=edge, width=width)  # fmt: skip
        elif part == "circle":
            cx, cy, r = data
            cv.circle(x + cx * size, y + cy * size, r * size, fill=fill, outline=edge, width=width)
        elif part == "eye":
            cx, cy, r = data
            cv.circle(x + cx * size, y + cy * size, r * size, fill=edge)
        elif part == "slit":
            x0, y0, x1, y1 = data
            cv.line([(x + x0 * size, y + y0 * size), (x + x1 * size, y + y1 * size)], fill=edge,
                    width=width)  # fmt: skip
