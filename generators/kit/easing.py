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


def cruise(t: float, ramp: float = 0.2) -> float:
    """Speeds up evenly over the first `ramp` of the time, keeps a constant speed, and slows
    down evenly over the last `ramp`: for long motions (hands turning for hours, water
    running along a pipe), whose peak speed should stay near the mean. The peak speed is
    1 / (1 - ramp) times the mean (1.25x for the default; ease_in_out's is 1.5x)."""
    top = 1 / (1 - ramp)
    if t < ramp:
        return top * t * t / (2 * ramp)
    if t > 1 - ramp:
        return 1 - top * (1 - t) ** 2 / (2 * ramp)
    return top * (t - ramp / 2)


def peak_speed(ease, samples: int = 1000) -> float:
    """The largest slope of an easing curve (its peak speed as a multiple of the mean), so a
    motion over a distance can be given enough frames never to move too far in one."""
    return max(ease((i + 1) / samples) - ease(i / samples) for i in range(samples)) * samples


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


# A glide at this peak speed moves 25 canvas units (2.5% of the width) a frame at 16 fps:
# under the catalog's 3%-a-frame limit, so anything moved this way glides.
GLIDE_SPEED = 400.0  # canvas units per second


def glide_seconds(distance: float, speed: float = GLIDE_SPEED, ramp: float = 0.2) -> float:
    """How long a `cruise` glide (with this ramp) over `distance` canvas units lasts when its
    peak speed is `speed` units a second (use it with film.seconds for the number of frames)."""
    return distance / (speed * (1 - ramp))


def glide_frames(film, distance: float, peak: float = 1.5, most: float = 22.0,
                 least: float = 0.3) -> int:  # fmt: skip
    """How many frames of `film` a glide over `distance` canvas units takes so that no frame
    moves it more than `most` units, for an easing whose top speed is `peak` times its mean
    (1.5 for `ease_in_out`, 1 / (1 - ramp) for `cruise`), and at least `least` seconds.
    Whole frames at video_scale 1, rounded up, then stretched by `film.seconds`."""
    return film.seconds(max(least, math.ceil(peak * distance / most) / film.fps))
