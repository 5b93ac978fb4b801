"""Easing curves and interpolation for animations; t runs from 0 to 1."""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator, Sequence


def linear(t: float) -> float:
    return t


def ease_in_out(t: float) -> float:
    """Smoothstep-like cubic: zero speed at both ends."""
    return t * t * (3 - 2 * t)


def ease_out(t: float) -> float:
    return 1 - (1 - t) ** 3


def ease_in(t: float) -> float:
    return t**3


def lerp(a: float, b: float, t: float) -> float:
    return a + (b - a) * t


def lerp_point(a: Sequence[float], b: Sequence[float], t: float) -> tuple[float, float]:
    return (lerp(a[0], b[0], t), lerp(a[1], b[1], t))


def lerp_color(a: Sequence[int], b: Sequence[int], t: float) -> tuple[int, int, int]:
    return tuple(round(lerp(x, y, t)) for x, y in zip(a, b, strict=True))  # type: ignore[return-value]


def steps(n: int, ease=linear) -> Iterator[float]:
    """n eased values of t ending at exactly 1.0 (the first is 1/n, not 0)."""
    for i in range(1, n + 1):
        yield ease(i / n)


def along_polyline(points: Sequence[Sequence[float]], t: float) -> tuple[float, float]:
    """The point a fraction t of the way along a polyline, by arc length."""
    lengths = [math.dist(a, b) for a, b in itertools.pairwise(points)]
    total = sum(lengths)
    if total == 0:
        return (float(points[0][0]), float(points[0][1]))
    target = t * total
    for (a, b), seg in zip(itertools.pairwise(points), lengths):
        if target <= seg and seg > 0:
            return lerp_point(a, b, target / seg)
        target -= seg
    return (float(points[-1][0]), float(points[-1][1]))


def cruise(t: float, ramp: float = 0.25) -> float:
    """Progress of a glide that speeds up evenly for the first `ramp` of its time, cruises,
    and slows down evenly for the last `ramp`: its top speed is 1 / (1 - ramp) times the
    mean (4/3 by default; `ease_in_out` peaks at 3/2), so it covers a distance in fewer
    frames at the same top speed."""
    top = 1 / (1 - ramp)
    if t < ramp:
        return top * t * t / (2 * ramp)
    if t > 1 - ramp:
        return 1 - top * (1 - t) ** 2 / (2 * ramp)
    return top * (t - ramp / 2)


def glide_seconds(distance: float, fps: int, most: float = 22.0, least: float = 0.3,
                  peak: float = 1.5) -> float:  # fmt: skip
    """How long a glide over `distance` units lasts so that no frame moves it more than
    `most` units, for an easing whose top speed is `peak` times its mean (1.5 for
    `ease_in_out`, 4/3 for `cruise`), and at least `least` seconds. Whole frames, rounded up,
    so `film.seconds` of it keeps every step within `most`."""
    return max(least, math.ceil(peak * distance / most) / fps)
