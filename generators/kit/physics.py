"""Physics helpers for the G- tasks: readable numbers, sample clocks, exact motions (the
large-amplitude pendulum, Kepler's equation), a fixed-step integrator, and the finite
differences checkers test trajectories with.

Every function is pure. The arithmetic is written out in a fixed order on purpose: stored
answers and drawn frames depend on it to the last bit.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Iterable, Sequence

G = 9.81  # m/s^2


def snap(x: float, step: float = 0.1) -> float:
    """x rounded to a multiple of `step`: numbers a viewer can read off the scene."""
    return round(round(x / step) * step, 6)


# --- sample clocks ----------------------------------------------------------------------


def ticks(duration: float, rate: float) -> list[float]:
    """Sample times 0, 1/rate, 2/rate, ... up to the tick nearest `duration`."""
    return [i / rate for i in range(round(duration * rate) + 1)]


def ticks_until(end: float, rate: float) -> list[float]:
    """Sample times at `rate` strictly before `end`, then `end` itself (a landing, a drop)."""
    return [i / rate for i in range(math.ceil(end * rate))] + [end]


def steady(times: Iterable[float], rate: float, tol: float = 1e-6) -> bool:
    """Whether times run 0, 1/rate, 2/rate, ... (within tol): samples at a fixed rate."""
    return all(abs(t - i / rate) < tol for i, t in enumerate(times))


# --- playback speed ---------------------------------------------------------------------

PLAYBACK_FPS = 16  # the default frame rate, for which playback speeds are chosen
MOST_PER_FRAME = 27.0  # canvas units a frame: under the 30 (3% of the width) that is a jump
SLOWDOWNS = (1, 2, 3, 4, 5, 6, 8, 10, 12, 16)


def slowdown(top_speed: float) -> int:
    """How many times slower than real time to play a motion whose fastest point moves
    `top_speed` canvas units per simulated second, so that it glides (at most
    MOST_PER_FRAME units a frame at PLAYBACK_FPS): the smallest of SLOWDOWNS that does,
    the largest if none does."""
    return next((k for k in SLOWDOWNS if top_speed <= MOST_PER_FRAME * PLAYBACK_FPS * k),
                SLOWDOWNS[-1])  # fmt: skip


def pace(slow: int) -> str:
    """How a prompt says the video's pace: real time, or slow motion by `slow`."""
    if slow == 1:
        return "in real time"
    return (f"in slow motion, {slow} times slower than real time (each second on the clock "
            f"lasts {slow} seconds of video)")  # fmt: skip


# --- finite differences (for checkers) ----------------------------------------------------


def accelerations(xs: Sequence[float], dt: float) -> list[float]:
    """Second differences (x[i+1] - 2 x[i] + x[i-1]) / dt^2, for i = 1 .. len(xs) - 2."""
    return [(c - 2 * b + a) / dt**2 for a, b, c in zip(xs, xs[1:], xs[2:])]


def zero_crossings(samples: Iterable[tuple[float, float]], dt: float) -> list[float]:
    """Times where a value sampled every dt changes sign, interpolated linearly between
    the (t, x) samples. A sample exactly at zero (other than at t = 0) counts once, itself."""
    out = []
    for (t0, x0), (_, x1) in itertools.pairwise(samples):
        if x0 == 0 and t0 > 0:
            out.append(t0)
        elif x0 * x1 < 0:
            out.append(t0 + dt * x0 / (x0 - x1))
    return out


# --- integration ------------------------------------------------------------------------


def rk4_step(
    accel: Callable[[float, float], float], y: float, v: float, dt: float
) -> tuple[float, float]:
    """One classical Runge-Kutta step of y'' = accel(y, y'): the new (y, y')."""
    k1y, k1v = v, accel(y, v)
    k2y, k2v = v + dt / 2 * k1v, accel(y + dt / 2 * k1y, v + dt / 2 * k1v)
    k3y, k3v = v + dt / 2 * k2v, accel(y + dt / 2 * k2y, v + dt / 2 * k2v)
    k4y, k4v = v + dt * k3v, accel(y + dt * k3y, v + dt * k3v)
    return (y + dt / 6 * (k1y + 2 * k2y + 2 * k3y + k4y),
            v + dt / 6 * (k1v + 2 * k2v + 2 * k3v + k4v))  # fmt: skip


# --- the exact pendulum -----------------------------------------------------------------


def agm(a: float, b: float) -> float:
    """Arithmetic-geometric mean of a >= b > 0."""
    while abs(a - b) > 1e-15 * a:
        a, b = (a + b) / 2, math.sqrt(a * b)
    return a


def pendulum_period(length: float, theta0: float, g: float = G) -> float:
    """Exact period of a pendulum swinging to +-theta0 (rad): 4 sqrt(L/g) K(sin(theta0/2)),
    with K = pi / (2 AGM(1, cos(theta0/2)))."""
    k = math.sin(theta0 / 2)
    return 2 * math.pi * math.sqrt(length / g) / agm(1.0, math.sqrt(1 - k * k))


def jacobi_sn_cn(u: float, k: float) -> tuple[float, float]:
    """Jacobi sn and cn of u for modulus k < 1 (descending Landen transformation, as in Cephes)."""
    a, c = [1.0], [k]
    b = math.sqrt(1 - k * k)
    twon = 1.0
    while abs(c[-1] / a[-1]) > 1e-16 and len(a) < 30:
        ai = a[-1]
        c.append((ai - b) / 2)
        a.append((ai + b) / 2)
        b = math.sqrt(ai * b)
        twon *= 2
    phi = twon * a[-1] * u
    for i in range(len(a) - 1, 0, -1):
        phi = (math.asin(max(-1.0, min(1.0, c[i] * math.sin(phi) / a[i]))) + phi) / 2
    return math.sin(phi), math.cos(phi)


def pendulum(length: float, theta0: float, t: float, g: float = G) -> tuple[float, float]:
    """Angle (rad, positive to the right) and angular velocity t seconds after release from
    rest at theta0: theta = 2 asin(k sn(K - w0 t, k)), k = sin(|theta0| / 2), w0 = sqrt(g/L).
    The exact large-amplitude motion, not the small-angle approximation."""
    k = math.sin(abs(theta0) / 2)
    w0 = math.sqrt(g / length)
    quarter = pendulum_period(length, abs(theta0), g) / 4 * w0  # K(k)
    sn, cn = jacobi_sn_cn(quarter - w0 * t, k)
    sign = 1.0 if theta0 >= 0 else -1.0
    return sign * 2 * math.asin(max(-1.0, min(1.0, k * sn))), sign * -2 * k * w0 * cn


def pendulum_residuals(th0: float, w0: float, th1: float, w1: float, dt: float, g: float,
                       length: float) -> tuple[float, float]:  # fmt: skip
    """How far two samples (angle, angular velocity) dt apart are from one trapezoid step
    of theta' = w, w' = -(g/L) sin theta: (angle error, angular-velocity error), each of
    order dt^3 for a true motion. A checker's test that samples follow a pendulum."""
    dw = -dt * g / length * (math.sin(th0) + math.sin(th1)) / 2
    return th1 - th0 - dt * (w0 + w1) / 2, w1 - w0 - dw


def elliptic_k(k2: float, n: int = 2000) -> float:
    """Complete elliptic integral K for parameter k2 = k^2 by Simpson's rule on n intervals:
    slow, and independent of the AGM, which is what a checker wants."""
    h = (math.pi / 2) / n
    f = [1 / math.sqrt(1 - k2 * math.sin(i * h) ** 2) for i in range(n + 1)]
    return h / 3 * (f[0] + f[-1] + 4 * sum(f[1:-1:2]) + 2 * sum(f[2:-1:2]))


# --- Kepler -----------------------------------------------------------------------------


def eccentric_anomaly(mean: float, e: float) -> float:
    """E solving Kepler's equation E - e sin E = mean (e < 1), by Newton's method."""
    ecc = mean if e < 0.8 else math.pi
    for _ in range(50):
        step = (ecc - e * math.sin(ecc) - mean) / (1 - e * math.cos(ecc))
        ecc -= step
        if abs(step) < 1e-15:
            break
    return ecc


def rk4_vec_step(
    deriv: Callable[[Sequence[float]], Sequence[float]], state: Sequence[float], dt: float
) -> tuple[float, ...]:
    """One classical Runge-Kutta step of state' = deriv(state) for a state of any length
    (positions and velocities of a body in the plane, say): the new state."""
    k1 = deriv(state)
    k2 = deriv([s + dt / 2 * k for s, k in zip(state, k1)])
    k3 = deriv([s + dt / 2 * k for s, k in zip(state, k2)])
    k4 = deriv([s + dt * k for s, k in zip(state, k3)])
    return tuple(s + dt / 6 * (a + 2 * b + 2 * c + d)
                 for s, a, b, c, d in zip(state, k1, k2, k3, k4))  # fmt: skip
