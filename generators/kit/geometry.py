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
