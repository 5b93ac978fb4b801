"""Pendulum: a bob on a light rigid rod released from rest at any angle swings with the
exact (not small-angle) motion, theta(t) = 2 asin(k sn(K - w0 t, k)), k = sin(theta0 / 2)."""

from __future__ import annotations

import itertools
import math

from generators.kit import INK, MUTED, NAMED, Param, Task, register, require
from generators.kit.physics import (
    G,
    elliptic_k,
    pace,
    pendulum,
    pendulum_period,
    pendulum_residuals,
    slowdown,
    snap,
    steady,
    ticks,
    zero_crossings,
)
from generators.kit.view import clock, hanging, swing_arc

RATE = 50  # trajectory samples per simulated second
PIVOT = (500.0, 440.0)
ROD = 360.0  # drawn rod length in units, whatever the real length
BOB_R = 32.0
BOB = NAMED["blue"]
ARC = NAMED["orange"]
LONGEST_VIDEO = 16.0  # s: a slow-motion swing may not make the video longer than this
INSTANCES = 2_000_000  # measured (about 2.4 M): scripts/measure_instances.py


def release(puzzle: dict) -> float:
    """The signed release angle in radians (positive: to the right)."""
    return math.radians(puzzle["angle"]) * (1 if puzzle["side"] == "right" else -1)


def side(theta: float) -> str:
    deg = math.degrees(theta)
    if abs(deg) < 0.5:
        return "straight down"
    return f"{abs(deg):.0f}° to the {'right' if deg > 0 else 'left'} of straight down"


@register(
    "G-13_pendulum",
    title="Pendulum",
    description="A pendulum released from rest at a given angle swings with its exact large-amplitude motion; give the period and the final position.",
    category="physics-motion",
    params=[
        Param("min_angle", "int", 10, 5, 130, help="smallest release angle in degrees"),
        Param("max_angle", "int", 130, 5, 130, help="largest release angle in degrees"),
    ],
    shard_size=60,
    memory="low",
    instances=INSTANCES,
    faculty="knowledge",
    levels={1: {"min_angle": 5, "max_angle": 15}, 2: {"min_angle": 10, "max_angle": 45}, 3: {},
            4: {"min_angle": 60, "max_angle": 130}, 5: {"min_angle": 100, "max_angle": 130}},
)  # fmt: skip
class Pendulum(Task):
    def generate(self, rng, params):
        lo, hi = sorted((params["min_angle"], params["max_angle"]))
        while True:
            length = snap(rng.uniform(0.5, 2.5), 0.001)
            angle = int(rng.integers(lo, hi + 1))
            t_period = pendulum_period(length, math.radians(angle))
            slow = slowness({"length": length, "angle": angle})
            # one to two periods, 2-4 s, and no more than LONGEST_VIDEO of slow motion
            t_lo, t_hi = max(1.05 * t_period, 2.0), min(2.2 * t_period, 4.0, LONGEST_VIDEO / slow)
            if t_lo > t_hi:
                continue
            duration = snap(rng.uniform(t_lo, t_hi))
            if duration < t_lo:
                duration = snap(duration + 0.1)
            if duration <= t_hi:
                release_side = "right" if rng.random() < 0.5 else "left"
                return {"length": length, "angle": angle, "side": release_side,
                        "duration": duration, "g": G}  # fmt: skip

    def solve(self, puzzle, params):
        length, theta0 = puzzle["length"], release(puzzle)
        samples = [[t, *pendulum(length, theta0, t)] for t in ticks(puzzle["duration"], RATE)]
        theta_end, omega_end = samples[-1][1], samples[-1][2]
        return {
            "period": pendulum_period(length, abs(theta0)),
            "small_angle_period": 2 * math.pi * math.sqrt(length / G),
            "final_angle": theta_end,
            "final_angular_velocity": omega_end,
            "samples": samples,
        }

    def check(self, puzzle, answer, params):
        length, g, theta0 = puzzle["length"], puzzle["g"], release(puzzle)
        s = answer["samples"]
        dt = 1 / RATE
        require(len(s) == round(puzzle["duration"] * RATE) + 1, "wrong number of samples")
        require(steady((r[0] for r in s), RATE), "samples not at a fixed rate")
        require(
            abs(s[0][1] - theta0) < 1e-6 and abs(s[0][2]) < 1e-6,
            "not released from rest at the given angle",
        )
        # energy per unit mass: (L w)^2 / 2 - g L cos(theta) is constant
        e0 = -g * length * math.cos(theta0)
        for t, th, w in s:
            e = (length * w) ** 2 / 2 - g * length * math.cos(th)
            require(abs(e - e0) < 1e-4 * g * length, f"energy not conserved at t={t:.2f}")
        # the samples follow theta' = w, w' = -(g/L) sin(theta) (trapezoid rule, error ~ dt^3)
        w0 = math.sqrt(g / length)
        tol_th = 0.02 * abs(theta0) * (w0 * dt) ** 2 + 1e-5
        tol_w = 0.02 * abs(theta0) * w0 * (w0 * dt) ** 2 + 1e-5
        for a, b in itertools.pairwise(s):
            e_th, e_w = pendulum_residuals(a[1], a[2], b[1], b[2], dt, g, length)
            require(abs(e_th) < tol_th, f"angle jumps at t={b[0]:.2f}")
            require(abs(e_w) < tol_w, f"angular velocity jumps at t={b[0]:.2f}")
        # the period: an independent quadrature of 4 sqrt(L/g) * int dphi / sqrt(1 - k^2 sin^2)
        expected = 4 * math.sqrt(length / g) * elliptic_k(math.sin(abs(theta0) / 2) ** 2)
        require(abs(answer["period"] - expected) < 1e-5 * expected, "period is wrong")
        # ...and measured from the motion: the bob turns round (w = 0) every half period
        turns = zero_crossings(((t, w) for t, _, w in s), dt)
        require(len(turns) >= 2, "the video must show at least one full period")
        for i, t in enumerate(turns):
            require(
                abs(t - (i + 1) * answer["period"] / 2) < 0.01,
                "turning points do not match the period",
            )
        small = 2 * math.pi * math.sqrt(length / g)
        require(abs(answer["small_angle_period"] - small) < 1e-6, "small-angle period is wrong")
        require(
            abs(answer["final_angle"] - s[-1][1]) < 1e-6
            and abs(answer["final_angular_velocity"] - s[-1][2]) < 1e-6,
            "final position does not match the motion",
        )

    def prompt(self, puzzle, params):
        return (
            f"A pendulum: a small blue bob on a light rigid rod {puzzle['length']:g} m long, hanging "
            f"from a fixed pivot. The bob is pulled {puzzle['angle']}° to the {puzzle['side']} of "
            "straight down (the orange arc marks the angle) and released from rest. Gravity is "
            "9.81 m/s^2, there is no friction or air resistance, and the rod stays straight. Show "
            f"{puzzle['duration']:g} s of swinging {pace(slowness(puzzle))} with the clock "
            "counting up; use "
            "the exact motion, not the small-angle approximation. At the end, write the period "
            "of the swing and leave the bob where it is at that moment. The pivot and rod length "
            f"do not change. The video ends when the clock reads {puzzle['duration']:g} s."
        )

    def rubric(self, puzzle, answer, params):
        T = answer["period"]
        return "\n".join([
            f"1. The bob starts at rest {puzzle['angle']}° to the {puzzle['side']} of straight down.",
            "2. It swings along a circular arc around the pivot, fastest at the bottom and "
            "momentarily still at each turning point.",
            f"3. It reaches the same angle ({puzzle['angle']}°) on each side: no energy is gained or lost.",
            f"4. One full swing (there and back) takes {T:.2f} s on the clock"
            + (f", longer than the small-angle {answer['small_angle_period']:.2f} s." if puzzle["angle"] >= 20 else "."),
            f"5. At {puzzle['duration']:g} s the bob is {side(answer['final_angle'])}, "
            f"moving {'right' if answer['final_angular_velocity'] > 0 else 'left'}."
            if abs(answer["final_angular_velocity"]) > 0.05
            else f"5. At {puzzle['duration']:g} s the bob is {side(answer['final_angle'])}, about to turn round.",
            f"6. The final frame shows the period written as about {T:.2f} s.",
            "7. The pivot stays fixed and the rod keeps its length.",
        ])  # fmt: skip

    def render(self, puzzle, answer, params, film):
        length = puzzle["length"]
        theta0 = release(puzzle)
        base = film.canvas()
        _draw_support(base, puzzle)
        first = base.copy()
        _draw_arc(first, theta0)
        _draw_pendulum(first, theta0, 0.0)
        film.opening(first)
        duration = puzzle["duration"]
        times = film.times(duration * slowness(puzzle), span=duration)
        for t in times:  # the last frame shows the stored final angle
            theta = pendulum(length, theta0, t)[0] if t < times[-1] else answer["final_angle"]
            frame = base.copy()
            _draw_pendulum(frame, theta, t)
            film.add(frame)
        final = base.copy()
        _draw_pendulum(final, answer["final_angle"], duration)
        final.text(
            940, 950, f"period {answer['period']:.2f} s", size=48, anchor="rm", bold=True, fill=BOB
        )
        film.closing(final)


def _draw_support(c, puzzle) -> None:
    px, py = PIVOT
    c.circle(px, py, 24, fill=MUTED)  # the axle's hub: the rod may swing above it
    c.crisp_line(px, py, px, py + ROD + BOB_R + 20, MUTED, 2)  # the vertical
    c.text(
        60, 70, f"rod {puzzle['length']:g} m, released from rest", size=44, anchor="lm", bold=True
    )


def _draw_arc(c, theta0: float) -> None:
    r = 120
    c.line(
        swing_arc(PIVOT, r, theta0, max(4, int(abs(math.degrees(theta0)) / 3))), fill=ARC, width=6
    )
    # the label sits inside the arc when there is room, else just outside the rod
    mid = theta0 / 2 if abs(theta0) >= math.radians(40) else theta0 + math.copysign(0.35, theta0)
    label = f"{abs(math.degrees(theta0)):.0f}°"
    c.text(*hanging(PIVOT, r + 62, mid), label, size=44, fill=ARC, bold=True)


def _draw_pendulum(c, theta: float, t: float) -> None:
    bob = hanging(PIVOT, ROD, theta)
    c.line([PIVOT, bob], fill=INK, width=6)
    c.circle(*PIVOT, 9, fill=INK)
    c.circle(*bob, BOB_R, fill=BOB, outline=INK, width=3)
    clock(c, t)


def slowness(puzzle: dict) -> int:
    """How much slower than real time the video plays: enough for the bob at its fastest
    (at the bottom, w = 2 sqrt(g/L) sin(theta0/2) by energy) to glide."""
    top = 2 * math.sqrt(G / puzzle["length"]) * math.sin(math.radians(puzzle["angle"]) / 2)
    return slowdown(ROD * top)
