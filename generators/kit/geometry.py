"""Plane geometry that generators and checkers share."""

from __future__ import annotations

import math
from collections.abc import Sequence


def segment_distance(p: Sequence[float], a: Sequence[float], b: Sequence[float]) -> float:
    """Distance from point p to the segment a-b (to a itself when a == b)."""
    ax, ay = b[0] - a[0], b[1] - a[1]
    L = ax * ax + ay * ay
    t = 0.0 if L == 0 else max(0.0, min(1.0, ((p[0] - a[0]) * ax + (p[1] - a[1]) * ay) / L))
    return math.dist(p, (a[0] + t * ax, a[1] + t * ay))


def box_point_distance(box: Sequence[float], p: Sequence[float]) -> float:
    """Distance from point p to an axis-aligned box (centre x, centre y, half width, half
    height); 0 inside it."""
    cx, cy, hw, hh = box
    return math.hypot(max(abs(p[0] - cx) - hw, 0.0), max(abs(p[1] - cy) - hh, 0.0))


def box_segment_distance(box: Sequence[float], a: Sequence[float], b: Sequence[float]) -> float:
    """Distance from the segment a-b to an axis-aligned box (as in box_point_distance); 0
    when they meet."""
    cx, cy, hw, hh = box
    dx, dy = b[0] - a[0], b[1] - a[1]
    t0, t1 = 0.0, 1.0  # Liang-Barsky: the part of the segment inside the box's four slabs
    for p, q in ((-dx, a[0] - cx + hw), (dx, cx + hw - a[0]), (-dy, a[1] - cy + hh),
                 (dy, cy + hh - a[1])):  # fmt: skip
        if p == 0:
            if q < 0:
                t0, t1 = 1.0, 0.0
        elif p < 0:
            t0 = max(t0, q / p)
        else:
            t1 = min(t1, q / p)
    if t0 <= t1:
        return 0.0
    corners = [(cx + sx * hw, cy + sy * hh) for sx in (-1, 1) for sy in (-1, 1)]
    return min(*(segment_distance(c, a, b) for c in corners), box_point_distance(box, a),
               box_point_distance(box, b))  # fmt: skip


def round_corners(points: Sequence[Sequence[float]], radius: float, arc_points: int = 8):
    """A polyline whose inner corners are cut by smooth curves (quadratic Beziers from
    `radius` before the corner to `radius` after it, less where a segment is short), for
    paths that turn without a kink."""
    pts = [(float(x), float(y)) for x, y in points]
    out = [pts[0]]
    for a, b, c in zip(pts, pts[1:], pts[2:]):
        la, lc = math.dist(a, b), math.dist(b, c)
        if la == 0 or lc == 0:
            continue
        ua = ((b[0] - a[0]) / la, (b[1] - a[1]) / la)
        uc = ((c[0] - b[0]) / lc, (c[1] - b[1]) / lc)
        if abs(ua[0] * uc[1] - ua[1] * uc[0]) < 1e-9:  # straight on: no corner
            out.append(b)
            continue
        cut = min(radius, la / 2, lc / 2)
        p = (b[0] - ua[0] * cut, b[1] - ua[1] * cut)
        q = (b[0] + uc[0] * cut, b[1] + uc[1] * cut)
        for k in range(arc_points + 1):
            t = k / arc_points
            out.append((
                (1 - t) ** 2 * p[0] + 2 * (1 - t) * t * b[0] + t * t * q[0],
                (1 - t) ** 2 * p[1] + 2 * (1 - t) * t * b[1] + t * t * q[1],
            ))  # fmt: skip
    out.append(pts[-1])
    return out
