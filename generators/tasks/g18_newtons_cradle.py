"""Newton's cradle: k of n equal steel balls are pulled back and released; at the bottom a
chain of elastic two-ball collisions hands the momentum along and k balls swing out on the
other side to the same height. Swings use the exact (large-amplitude) pendulum motion."""

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
    steady,
)
from generators.kit.view import clock, hanging, swing_arc

RATE = 50  # trajectory samples per simulated second
PULLED = NAMED["blue"]
STILL = NAMED["gray"]
ARC = NAMED["orange"]
BAR_Y = 230.0  # canvas y of the pivots
RADIUS = 36.0  # ball radius in units; pivots are one diameter apart, so the balls touch
ROD = 380.0  # drawn string length in units
INSTANCES = 800_000  # measured (about 830,000): scripts/measure_instances.py


def ball_states(p: dict, t: float) -> list[tuple[float, float]]:
    """(angle, angular velocity) of every ball at time t, angles positive to the right.

    The ideal cradle behaves like one pendulum released where the pulled balls are: whenever
    that virtual pendulum is left of the vertical the k leftmost balls ride it, and whenever
    it is right of it the k rightmost balls do."""
    n, k = p["balls"], p["pulled"]
    th0 = math.radians(p["angle"])
    phi, omega = pendulum(p["length"], th0, t + pendulum_period(p["length"], th0) / 2)
    if p["side"] == "right":  # the mirror image: released at +theta0
        phi, omega = -phi, -omega
    out = []
    for i in range(n):
        left, right = i < k, i >= n - k
        if (left and phi < 0) or (right and phi >= 0):
            out.append((phi, omega))
        else:
            out.append((0.0, 0.0))
    return out


def impacts(p: dict) -> list[dict]:
    """The collisions at the bottom during the video, each a chain of two-ball collisions.

    Balls hang with hair-line gaps, so an impact is a sequence of elastic collisions of
    neighbours; for equal masses each one swaps the two velocities."""
    n, k = p["balls"], p["pulled"]
    th0 = math.radians(p["angle"])
    T = pendulum_period(p["length"], th0)
    speed = math.sqrt(2 * G * p["length"] * (1 - math.cos(th0)))  # at the bottom
    events, m = [], 0
    while T / 4 + m * T / 2 <= p["duration"] + 1e-9:
        rightward = (m % 2 == 0) == (p["side"] == "left")
        v = [0.0] * n
        movers = range(k) if rightward else range(n - k, n)
        for i in movers:
            v[i] = speed if rightward else -speed
        chain = []
        while True:  # resolve approaching neighbours, nearest the front of the motion first
            order = range(n - 1) if not rightward else range(n - 2, -1, -1)
            pair = next((i for i in order if v[i] > v[i + 1] + 1e-12), None)
            if pair is None:
                break
            before = [v[pair], v[pair + 1]]
            v[pair], v[pair + 1] = v[pair + 1], v[pair]
            chain.append(
                {"balls": [pair, pair + 1], "before": before, "after": [v[pair], v[pair + 1]]}
            )
        events.append({"t": T / 4 + m * T / 2, "direction": "right" if rightward else "left",
                       "speed": speed, "chain": chain, "moving_after": [i for i in range(n) if v[i]]})  # fmt: skip
        m += 1
    return events


@register(
    "G-18_newtons_cradle",
    title="Newton's cradle",
    description="k balls of a Newton's cradle are pulled back and released; the same number swing out on the other side to the same height.",
    category="physics-motion",
    params=[
        Param("min_balls", "int", 4, 3, 6, help="fewest balls in the cradle"),
        Param("max_balls", "int", 6, 3, 6, help="most balls in the cradle"),
        Param("impacts", "str", "any", choices=("any", "one", "three"),
              help="impacts before the video ends (any: three when the swing is short enough)"),
    ],
    shard_size=60,
    memory="low",
    instances=INSTANCES,
    faculty="knowledge",
    levels={1: {"min_balls": 3, "max_balls": 3, "impacts": "one"},
            2: {"min_balls": 3, "max_balls": 4, "impacts": "one"}, 3: {},
            4: {"min_balls": 5, "max_balls": 6, "impacts": "three"},
            5: {"min_balls": 6, "max_balls": 6, "impacts": "three"}},
)  # fmt: skip
class NewtonsCradle(Task):
    def generate(self, rng, params):
        lo, hi = sorted((params["min_balls"], params["max_balls"]))
        while True:
            n = int(rng.integers(lo, hi + 1))
            k = int(rng.integers(1, n))
            angle = int(rng.integers(12, 41))
            length = round(float(rng.integers(300, 1001)) / 1000, 3)
            side = "left" if rng.random() < 0.5 else "right"
            T = pendulum_period(length, math.radians(angle))
            swings = {"one": 1, "three": 3}.get(params["impacts"])
            if swings is None:
                swings = 1 if 1.5 * T > 3.2 else (1 if rng.random() < 0.35 else 3)
            if swings == 3 and 1.5 * T > 3.2:
                continue  # three impacts of a long, slow swing would drag on
            duration = round(swings * T / 2, 6)  # ends with the far balls at the top of their swing
            return {"balls": n, "pulled": k, "side": side, "angle": angle, "length": length,
                    "ball_radius": round(length * RADIUS / ROD, 6), "swings": swings,
                    "duration": duration, "g": G}  # fmt: skip

    def solve(self, puzzle, params):
        n = puzzle["balls"]
        steps = math.floor(puzzle["duration"] * RATE + 1e-9)
        times = [i / RATE for i in range(steps + 1)]
        if puzzle["duration"] - times[-1] > 1e-9:
            times.append(puzzle["duration"])
        samples = []
        for t in times:
            st = ball_states(puzzle, t)
            samples.append([t, *(a for a, _ in st), *(w for _, w in st)])
        events = impacts(puzzle)
        final = samples[-1][1 : n + 1]
        return {"period": pendulum_period(puzzle["length"], math.radians(puzzle["angle"])), "impacts": events,
                "swinging_out": [i for i in range(n) if abs(final[i]) > 1e-6],
                "final_angles": final, "samples": samples}  # fmt: skip

    def check(self, puzzle, answer, params):
        n, k, L, g = puzzle["balls"], puzzle["pulled"], puzzle["length"], puzzle["g"]
        th0 = math.radians(puzzle["angle"])
        sign = -1.0 if puzzle["side"] == "left" else 1.0  # where the pulled balls start
        pulled = range(k) if sign < 0 else range(n - k, n)
        s = answer["samples"]
        require(
            all(len(r) == 2 * n + 1 for r in s),
            "every sample holds each ball's angle and angular velocity",
        )
        require(abs(s[-1][0] - puzzle["duration"]) < 1e-6, "samples do not cover the video")
        require(steady((r[0] for r in s[:-1]), RATE), "samples not at a fixed rate")
        start = s[0]
        require(all(abs(start[1 + i] - (sign * th0 if i in pulled else 0.0)) < 1e-6 for i in range(n)),
                "the pulled balls do not start at the given angle")  # fmt: skip
        require(all(abs(w) < 1e-6 for w in start[n + 1 :]), "the balls do not start at rest")
        # total energy: the potential of the k raised balls, all through the motion
        e0 = k * g * L * (1 - math.cos(th0))
        for r in s:
            e = sum(
                (L * r[n + 1 + i]) ** 2 / 2 + g * L * (1 - math.cos(r[1 + i])) for i in range(n)
            )
            require(abs(e - e0) < 1e-4 * e0, f"energy not conserved at t={r[0]:.2f}")
        # the exact period (independent Simpson quadrature of the complete elliptic integral)
        T = 4 * math.sqrt(L / g) * elliptic_k(math.sin(th0 / 2) ** 2)
        require(abs(answer["period"] - T) < 1e-5 * T, "pendulum period is wrong")
        # impacts at the bottom every half period; each a chain of elastic two-ball collisions
        speed = math.sqrt(2 * g * L * (1 - math.cos(th0)))
        events = answer["impacts"]
        require(len(events) == puzzle["swings"], "wrong number of impacts")
        for j, ev in enumerate(events):
            require(
                abs(ev["t"] - (T / 4 + j * T / 2)) < 1e-4,
                "an impact is not at the bottom of the swing",
            )
            rightward = (j % 2 == 0) == (sign < 0)
            require(
                ev["direction"] == ("right" if rightward else "left"), "impact direction is wrong"
            )
            require(
                abs(ev["speed"] - speed) < 1e-5, "impact speed does not match the release height"
            )
            v = [0.0] * n
            for i in range(k) if rightward else range(n - k, n):
                v[i] = speed if rightward else -speed
            for c in ev["chain"]:
                a, b = c["balls"]
                require(b == a + 1, "only touching neighbours collide")
                require(abs(v[a] - c["before"][0]) < 1e-6 and abs(v[b] - c["before"][1]) < 1e-6,
                        "a collision starts from the wrong velocities")  # fmt: skip
                require(v[a] > v[b], "balls collide while moving apart")
                (ua, ub), (wa, wb) = c["before"], c["after"]
                require(abs(ua + ub - wa - wb) < 1e-6, "momentum not conserved in a collision")
                require(abs(ua * ua + ub * ub - wa * wa - wb * wb) < 1e-6,
                        "kinetic energy not conserved in a collision")  # fmt: skip
                v[a], v[b] = wa, wb
            require(
                all(v[i] <= v[i + 1] + 1e-9 for i in range(n - 1)),
                "balls still approach after the impact",
            )
            outgoing = list(range(n - k, n)) if rightward else list(range(k))
            require(ev["moving_after"] == outgoing, f"{k} balls must leave the other end")
            require(all(abs(v[i] - (speed if rightward else -speed)) < 1e-5 for i in outgoing)
                    and sum(abs(x) for x in v) - k * speed < 1e-5,
                    "the leaving balls do not carry the incoming speed")  # fmt: skip
        # each ball between impacts follows its pendulum (trapezoid steps) or hangs still
        hits = [ev["t"] for ev in events]
        w0 = math.sqrt(g / L)
        tol = 0.05 * th0 * (w0 / RATE) ** 2 + 2e-5
        for p, nx in itertools.pairwise(s):
            dt = nx[0] - p[0]
            if any(p[0] - 1e-9 <= t <= nx[0] + 1e-9 for t in hits):
                continue
            for i in range(n):
                e_th, e_w = pendulum_residuals(p[1 + i], p[n + 1 + i], nx[1 + i], nx[n + 1 + i],
                                               dt, g, L)  # fmt: skip
                require(abs(e_th) < tol, f"ball {i + 1} jumps at t={nx[0]:.2f}")
                require(abs(e_w) < tol * w0,
                        f"ball {i + 1} does not swing like a pendulum at t={nx[0]:.2f}")  # fmt: skip
        # neighbours never overlap: pivots are one diameter apart, bobs must stay that far apart
        r = puzzle["ball_radius"]
        for row in s:
            for i in range(n - 1):
                a, b = row[1 + i], row[2 + i]
                dx = 2 * r + L * (math.sin(b) - math.sin(a))
                dy = L * (math.cos(b) - math.cos(a))
                require(
                    math.hypot(dx, dy) >= 2 * r - 1e-6,
                    f"balls {i + 1} and {i + 2} overlap at t={row[0]:.2f}",
                )
        fin = s[-1][1 : n + 1]
        require(len(answer["final_angles"]) == n
                and all(abs(a - b) < 1e-6 for a, b in zip(answer["final_angles"], fin)),
                "the final angles do not match the motion")  # fmt: skip
        out = list(range(n - k, n)) if sign < 0 else list(range(k))
        require(answer["swinging_out"] == out, "the wrong balls swing out at the end")
        require(all(abs(fin[i] - (-sign * th0 if i in out else 0.0)) < 1e-4 for i in range(n)),
                "at the end the balls are not at the top of their swing")  # fmt: skip

    def prompt(self, puzzle, params):
        n, k, side = puzzle["balls"], puzzle["pulled"], puzzle["side"]
        other = "right" if side == "left" else "left"
        which = "ball" if k == 1 else f"{k} balls"
        return (
            f"A Newton's cradle: {n} identical steel balls hang side by side from a black bar on "
            f"strings {puzzle['length']:g} m long, just touching. The {side}most {which} (blue) "
            f"{'is' if k == 1 else 'are'} pulled {puzzle['angle']}° to the {side} (orange arc) and "
            "released from rest; the other balls are gray. Collisions are perfectly elastic, there "
            f"is no friction or air resistance, and gravity is 9.81 m/s^2. Show the motion "
            f"{pace(slowness(puzzle))}, with a clock: momentum and energy pass along the row at "
            "each impact. The video "
            f"ends after {puzzle['swings']} impact{'s' if puzzle['swings'] > 1 else ''}, when the "
            f"balls knocked out on the {other} reach the top of their swing. The frame and the "
            "strings' lengths do not change."
        )

    def rubric(self, puzzle, answer, params):
        n, k, side = puzzle["balls"], puzzle["pulled"], puzzle["side"]
        other = "right" if side == "left" else "left"
        out = len(answer["swinging_out"])
        plural = "s" if k > 1 else ""
        lines = [
            f"1. The {k} blue ball{plural} swing{'' if plural else 's'} down together and strike "
            f"the row after about {answer['period'] / 4:.2f} s on the clock.",
            f"2. At the impact the motion passes along the row: exactly {k} ball{plural} at the "
            f"{other} end swing{'' if plural else 's'} out together at the speed the blue ones "
            f"arrived with, and the other {n - k} hang{'s' if n - k == 1 else ''} still.",
            f"3. The balls knocked out rise to {puzzle['angle']}°, the height the blue ones were "
            "released from (no energy lost).",
        ]
        if puzzle["swings"] == 3:
            lines.append(
                f"4. They swing back and strike the row, the {side} group swings out and back, and the "
                f"{other} group swings out again."
            )
        lines += [
            f"{len(lines) + 1}. The final frame, at {puzzle['duration']:.2f} s, shows {out} ball"
            f"{'s' if out > 1 else ''} on the {other} at the top of the swing and the other "
            + ("ball hanging still." if n - out == 1 else f"{n - out} hanging still."),
            f"{len(lines) + 2}. Balls never pass through each other; the frame and strings do not change.",
        ]
        return "\n".join(lines)

    def render(self, puzzle, answer, params, film):
        n, k, side = puzzle["balls"], puzzle["pulled"], puzzle["side"]
        th0 = math.radians(puzzle["angle"])
        first_x = 500 - RADIUS * (n - 1)
        pivots = [first_x + 2 * RADIUS * i for i in range(n)]
        pulled = set(range(k)) if side == "left" else set(range(n - k, n))
        base = film.canvas()
        base.rect(pivots[0] - 120, BAR_Y - 16, pivots[-1] + 120, BAR_Y, fill=INK)
        header = f"{n} balls, {k} pulled to {puzzle['angle']}°, strings {puzzle['length']:g} m"
        base.text(60, 80, header, size=44, anchor="lm", bold=True)

        def draw(c, angles, t):
            for i, (px, a) in enumerate(zip(pivots, angles)):
                bx, by = hanging((px, BAR_Y), ROD, a)
                c.line([(px, BAR_Y), (bx, by)], fill=MUTED, width=3)
                c.circle(
                    bx, by, RADIUS, fill=PULLED if i in pulled else STILL, outline=INK, width=3
                )
            clock(c, t)

        first = base.copy()
        sign = -1 if side == "left" else 1
        hub = pivots[0] if side == "left" else pivots[-1]
        first.line(swing_arc((hub, BAR_Y), 150, th0, 10, side=sign), fill=ARC, width=6)
        lx = hub + sign * (205 * math.sin(th0 / 2) + 34)
        first.text(
            lx, BAR_Y + 205 * math.cos(th0 / 2), f"{puzzle['angle']}°", size=44, fill=ARC, bold=True
        )
        draw(first, answer["samples"][0][1 : n + 1], 0.0)
        film.opening(first)
        times = film.times(puzzle["duration"] * slowness(puzzle), span=puzzle["duration"])
        for t in times:  # the last frame shows the stored final angles
            angles = (
                [a for a, _ in ball_states(puzzle, t)] if t < times[-1] else answer["final_angles"]
            )
            frame = base.copy()
            draw(frame, angles, t)
            film.add(frame)
        out = len(answer["swinging_out"])
        other = "right" if side == "left" else "left"
        label = f"{out} ball{'s' if out > 1 else ''} out on the {other}"
        frame.text(940, 950, label, size=44, anchor="rm", bold=True, fill=PULLED)
        film.closing(frame)


def slowness(puzzle: dict) -> int:
    """How much slower than real time the video plays: enough for a ball at its fastest
    (at the bottom, w = 2 sqrt(g/L) sin(theta0/2) by energy) to glide."""
    top = 2 * math.sqrt(G / puzzle["length"]) * math.sin(math.radians(puzzle["angle"]) / 2)
    return slowdown(ROD * top)
