"""A projectile in a steady horizontal wind: air drag acts against the ball's velocity
relative to the moving air, b (v - w) (linear, solved exactly) or c |v - w| (v - w)
(quadratic, integrated with RK4 at 100 steps per second). Predict between which flags the
ball lands; the checker integrates the stated wind, drag, mass and gravity afresh."""

from __future__ import annotations

import itertools
import math

from generators.kit import INK, MUTED, NAMED, Param, Task, redraw, register, require
from generators.kit.palette import lighten
from generators.kit.physics import G, rk4_vec_step, snap, steady, ticks_until
from generators.kit.view import View, nice_step

RATE = 20  # samples per simulated second
STEP = 1 / 100  # s: the quadratic-drag integration step (errors below 1e-7 m)
GROUND_Y, LEFT, RIGHT = 800.0, 80.0, 920.0  # canvas: ground line, field's ends
SKY_TOP = 300.0  # canvas y the flight must stay below
BALL_R = 12.0
FASTEST = 380.0  # canvas units per second (24 per frame at 16 fps)
LONGEST = 7.0  # s of flight at most
BALL, FLAG, WIND = NAMED["red"], NAMED["blue"], lighten(NAMED["cyan"], 0.2)


def _accel(puzzle: dict, vx: float, vy: float, wind: float, drag: float, mass: float, g: float):
    ux, uy = vx - wind, vy  # velocity through the air
    k = drag / mass
    if puzzle["law"] == "quadratic":
        k *= math.hypot(ux, uy)
    return -k * ux, -g - k * uy


def fly(puzzle: dict, times: list[float], wind: float | None = None, drag: float | None = None,
        mass: float | None = None, g: float = G) -> tuple[list[list[float]], list[float]]:  # fmt: skip
    """States [t, x, y, vx, vy] at those of the given increasing times that come before the
    landing, and the state at the landing. The keyword arguments replace the stated wind,
    drag coefficient, mass and gravity: tests build wrong answers with them."""
    w = puzzle["wind"] if wind is None else wind
    b = puzzle["drag"] if drag is None else drag
    m = puzzle["mass"] if mass is None else mass
    a = math.radians(puzzle["angle"])
    s0 = (0.0, puzzle["height"], puzzle["speed"] * math.cos(a), puzzle["speed"] * math.sin(a))
    if puzzle["law"] == "linear":
        return _fly_linear(s0, times, w, b / m, g)

    def deriv(s):
        return (s[2], s[3], *_accel(puzzle, s[2], s[3], w, b, m, g))

    out, t, s = [], 0.0, s0
    for target in [*times, 60.0]:
        while t < target - 1e-12:
            h = min(STEP, target - t)
            nxt = rk4_vec_step(deriv, s, h)
            if nxt[1] < 0:  # lands within this step: bisect the step length
                lo, hi = 0.0, h
                for _ in range(50):
                    mid = (lo + hi) / 2
                    lo, hi = (mid, hi) if rk4_vec_step(deriv, s, mid)[1] >= 0 else (lo, mid)
                return out, [t + hi, *rk4_vec_step(deriv, s, hi)]
            s, t = nxt, t + h
        out.append([target, *s])
    return out, out[-1]  # (never: it lands within a minute)


def _fly_linear(s0, times, w, k, g):
    """The exact motion under drag b (v - w): velocity relaxes to (w, -g / k) at rate k."""
    _, y0, vx0, vy0 = s0

    def state(t):
        e = math.exp(-k * t)
        return [t, w * t + (vx0 - w) * (1 - e) / k, y0 - g / k * t + (vy0 + g / k) * (1 - e) / k,
                w + (vx0 - w) * e, -g / k + (vy0 + g / k) * e]  # fmt: skip

    t = (vy0 + math.sqrt(vy0 * vy0 + 2 * g * y0)) / g  # drag-free landing, then Newton
    for _ in range(100):
        _, _, y, _, vy = state(t)
        step = y / vy
        t -= step
        if abs(step) < 1e-13:
            break
    return [state(x) for x in times if x < t], state(t)


def simulate(puzzle: dict, **wrong) -> dict:
    """The flight sampled at RATE up to the landing, the landing point and its flags."""
    rows, land = fly(puzzle, [i / RATE for i in range(round(LONGEST * 3 * RATE))], **wrong)
    rows = [r[:3] for r in rows] + [[land[0], land[1], 0.0]]
    return {"landing_time": land[0], "landing_x": land[1], "between": _between(puzzle, land[1]),
            "apex": max(r[2] for r in rows), "samples": rows}  # fmt: skip


def _between(puzzle: dict, x: float) -> list[int] | None:
    """The two flags (numbered from 1) the point x lies between, or None outside them."""
    for i in range(len(puzzle["flags"]) - 1):
        if puzzle["flags"][i] <= x < puzzle["flags"][i + 1]:
            return [i + 1, i + 2]
    return None


@register(
    "G-48_wind_projectile",
    title="Projectile in the wind",
    description="A ball launched into a steady wind feels drag against its motion through the air; predict between which flags it lands.",
    category="physics-motion",
    params=[
        Param("law", "str", "quadratic", choices=("linear", "quadratic"),
              help="drag b (v - w), or c |v - w| (v - w)"),
        Param("tower", "bool", False, help="launch from the top of a tower"),
        Param("flags", "int", 5, 4, 7, help="numbered flags along the ground"),
        Param("lure", "bool", True,
              help="without the wind, or without drag, the ball would land between other flags"),
    ],
    shard_size=80,
    memory="low",
    instances=2_600_000,
    faculty="spatiality",
    levels={
        1: {"law": "linear", "tower": False, "flags": 4, "lure": False},
        2: {"law": "linear", "tower": False, "flags": 5, "lure": True},
        3: {"law": "quadratic", "tower": False, "flags": 5, "lure": True},
        4: {"law": "quadratic", "tower": True, "flags": 6, "lure": True},
        5: {"law": "quadratic", "tower": True, "flags": 7, "lure": True},
    },
)  # fmt: skip
class WindProjectile(Task):
    def generate(self, rng, params):
        return redraw(lambda: _draw_puzzle(rng, params))

    def solve(self, puzzle, params):
        return simulate(puzzle)

    def check(self, puzzle, answer, params):
        rows = answer["samples"]
        require(len(rows) >= 3 and steady((r[0] for r in rows[:-1]), RATE),
                "samples are not taken at a fixed rate")  # fmt: skip
        w, m, c, quad = puzzle["wind"], puzzle["mass"], puzzle["drag"], puzzle["law"] == "quadratic"

        def deriv(s):  # m a = m g + drag against the velocity through the air
            ux, uy = s[2] - w, s[3]
            k = c / m * (math.hypot(ux, uy) if quad else 1.0)
            return (s[2], s[3], -k * ux, -G - k * uy)

        a = math.radians(puzzle["angle"])
        s, t = (
            (0.0, puzzle["height"], puzzle["speed"] * math.cos(a), puzzle["speed"] * math.sin(a)),
            0.0,
        )
        for row in rows:
            while t < row[0] - 1e-12:  # steps of 1/250 s, a different grid from the solver's
                h = min(4e-3, row[0] - t)
                s, t = rk4_vec_step(deriv, s, h), t + h
            if row is not rows[-1]:
                require(math.dist(row[1:], s[:2]) < 1e-4 and (s[1] > 0 or row[0] == 0),
                        f"the ball is not where wind, drag and gravity take it at t={row[0]:g}")  # fmt: skip
        require(abs(s[1]) < 1e-4 and abs(rows[-1][1] - s[0]) < 1e-4 and rows[-1][2] == 0,
                "the ball does not land at the last sample")  # fmt: skip
        require(abs(answer["landing_time"] - rows[-1][0]) < 1e-6 and abs(answer["landing_x"] - s[0]) < 1e-4,
                "the landing time or point does not match the flight")  # fmt: skip
        flags = puzzle["flags"]
        k = next((i for i in range(len(flags) - 1) if flags[i] <= s[0] < flags[i + 1]), None)
        require(
            k is not None and answer["between"] == [k + 1, k + 2],
            "the ball lands between other flags",
        )
        require(abs(answer["apex"] - max(r[2] for r in rows)) < 1e-6, "the highest point is wrong")

    def prompt(self, puzzle, params):
        law = (
            ("b (v - w)", "b", "kg/s")
            if puzzle["law"] == "linear"
            else ("c |v - w| (v - w)", "c", "kg/m")
        )
        wind = f"{abs(puzzle['wind']):g} m/s to the {'right' if puzzle['wind'] > 0 else 'left'}"
        start = (
            f"the top of a {puzzle['height']:g} m tower"
            if puzzle["height"]
            else "the ground at the left"
        )
        n = len(puzzle["flags"])
        return (
            f"Side view of a flat field; the ruler gives metres from the launch point and {n} blue "
            f"flags, numbered 1 to {n}, stand along it. A red ball of mass {puzzle['mass']:g} kg is "
            f"launched from {start} at {puzzle['speed']:g} m/s, {puzzle['angle']} degrees above the "
            f"horizontal (black arrow). A steady wind blows at {wind} (light arrows). Air drag on the "
            f"ball is {law[0]}, where v is the ball's velocity, w the wind's, and {law[1]} = "
            f"{puzzle['drag']:g} {law[2]}; gravity is 9.81 m/s^2. Between which two flags does the "
            "ball land, and how far from the launch point? Show its flight until it lands; the clock "
            "gives the time in seconds."
        )

    def rubric(self, puzzle, answer, params):
        a, b = answer["between"]
        drift = "pushed along by" if puzzle["wind"] > 0 else "held back by"
        return "\n".join([
            "1. The ball leaves along the black arrow and follows one smooth curve, "
            f"{drift} the wind; its path is not a symmetric parabola.",
            f"2. It rises to about {answer['apex']:.1f} m.",
            f"3. It lands at about {answer['landing_x']:.1f} m from the launch point, between flags "
            f"{a} and {b}, after about {answer['landing_time']:.2f} s.",
            "4. The flags, ruler, tower and wind arrows do not move.",
        ])  # fmt: skip

    def render(self, puzzle, answer, params, film):
        view = _view(puzzle)
        base = film.canvas()
        _draw_field(base, puzzle, view)
        trail = base.copy()
        frame = trail.copy()
        _draw_ball(frame, view, 0.0, puzzle["height"], 0.0)
        a = math.radians(puzzle["angle"])
        start = view.pt(0.0, puzzle["height"])
        frame.arrow(
            start, (start[0] + 110 * math.cos(a), start[1] - 110 * math.sin(a)), fill=INK, width=7
        )
        film.opening(frame)
        end = answer["landing_time"]
        times = ticks_until(end, film.fps * film.scale)[1:-1]  # the landing itself is added below
        rows, _ = fly(puzzle, times)
        spots = [(r[0], r[1], r[2]) for r in rows] + [(end, answer["landing_x"], 0.0)]
        for t, x, y in spots:
            trail.dot(view.pt(x, y), 4, fill=MUTED)
            frame = trail.copy()
            if t >= end:
                _draw_landing(frame, view, answer["landing_x"])
            _draw_ball(frame, view, x, y, t)
            film.add(frame)
        film.closing(frame)


# --- generation ----------------------------------------------------------------------


def _view(puzzle: dict) -> View:
    """The field from -4% to the field's length, ball centres one radius above the ground."""
    scale = (RIGHT - LEFT) / (puzzle["field"] * 1.04)
    return View(LEFT + 0.04 * puzzle["field"] * scale, GROUND_Y - BALL_R, scale)


def _draw_puzzle(rng, params) -> dict | None:
    field = float(snap(rng.uniform(30, 70), 5))
    n = params["flags"]
    gap = snap(field / (n + 0.5), 1)
    flags = [gap * (i + 1) for i in range(n)]
    if flags[-1] > field:
        return None
    scale = (RIGHT - LEFT) / (field * 1.04)
    height = snap(rng.uniform(0.1, 0.3) * field, 1) if params["tower"] else 0.0
    mass = snap(rng.uniform(0.05, 0.5), 0.01)
    if params["law"] == "linear":
        drag = snap(mass * rng.uniform(0.08, 0.5), 0.001)
    else:
        drag = snap(mass * rng.uniform(0.006, 0.04), 0.0001)
    wind = (1 if rng.random() < 0.5 else -1) * snap(rng.uniform(2.0, 12.0), 0.5)
    speed = snap(rng.uniform(0.45, 0.95) * FASTEST / scale, 0.5)
    puzzle = {"field": field, "flags": flags, "height": height, "mass": mass, "law": params["law"],
              "drag": drag, "wind": wind, "speed": speed, "angle": int(rng.integers(20, 66))}  # fmt: skip
    answer = simulate(puzzle)
    x, t = answer["landing_x"], answer["landing_time"]
    if not 1.0 <= t <= LONGEST or answer["between"] is None:
        return None
    if min(abs(x - f) for f in flags) < 0.18 * gap:
        return None  # too close to a flag to say which side
    if _view(puzzle).y(answer["apex"]) < SKY_TOP:
        return None
    rows = answer["samples"]
    fastest = max(math.dist(a[1:], b[1:]) / (b[0] - a[0]) for a, b in itertools.pairwise(rows))
    if fastest * scale > FASTEST:
        return None
    if params["lure"]:  # the wind and the drag both matter: leaving either out misleads
        for wrong in ({"wind": 0.0}, {"drag": 0.0}):
            if _between(puzzle, _landing_x(puzzle, **wrong)) == answer["between"]:
                return None
    return puzzle


def _landing_x(puzzle: dict, wind: float | None = None, drag: float | None = None) -> float:
    if drag == 0.0:  # in a vacuum the wind does nothing
        a = math.radians(puzzle["angle"])
        vx, vy = puzzle["speed"] * math.cos(a), puzzle["speed"] * math.sin(a)
        return vx * (vy + math.sqrt(vy * vy + 2 * G * puzzle["height"])) / G
    return simulate(puzzle, wind=wind, drag=drag)["landing_x"]


# --- drawing -------------------------------------------------------------------------


def _draw_field(c, puzzle: dict, view: View) -> None:
    c.rect(LEFT - 40, GROUND_Y, RIGHT + 40, GROUND_Y + 12, fill=INK)
    c.line([(view.x(0), GROUND_Y + 12), (RIGHT, GROUND_Y + 12)], fill=INK, width=3)
    step = nice_step(view.s, 14, (1, 2, 5, 10))
    every = nice_step(view.s, 90, (5, 10, 20))
    m = 0.0
    while view.x(m) <= RIGHT + 1e-6:
        x = view.x(m)
        major = abs(m / every - round(m / every)) < 1e-9
        c.line([(x, GROUND_Y + 12), (x, GROUND_Y + (40 if major else 26))], fill=INK, width=3)
        if major:
            c.text(x, GROUND_Y + 75, f"{m:g}", size=40)
        m += step
    c.text(RIGHT, GROUND_Y + 130, "metres", size=40, anchor="rm", fill=MUTED)
    for i, f in enumerate(puzzle["flags"]):
        x = view.x(f)
        c.line([(x, GROUND_Y), (x, GROUND_Y - 110)], fill=INK, width=4)
        c.polygon([(x, GROUND_Y - 110), (x + 42, GROUND_Y - 94), (x, GROUND_Y - 78)], fill=FLAG)
        c.text(x + 22, GROUND_Y - 138, str(i + 1), size=40, bold=True, fill=FLAG)
    if puzzle["height"]:
        top = view.y(puzzle["height"]) + BALL_R
        c.rect(view.x(0) - 30, top, view.x(0) + 30, GROUND_Y, fill=NAMED["gray"])
    # the wind: a row of arrows across the sky, pointing the way it blows
    d = 1 if puzzle["wind"] > 0 else -1
    for k in range(6):
        cx = 180 + 140 * k
        c.arrow((cx - 40 * d, 240), (cx + 40 * d, 240), fill=WIND, width=6, head=22)
    law = "b" if puzzle["law"] == "linear" else "c"
    unit = "kg/s" if puzzle["law"] == "linear" else "kg/m"
    c.text(40, 45, f"Ball {puzzle['mass']:g} kg: {puzzle['speed']:g} m/s at {puzzle['angle']}\u00b0", size=44,
           anchor="lm", bold=True)  # fmt: skip
    c.text(
        40,
        100,
        f"Drag {law} = {puzzle['drag']:g} {unit}; wind {abs(puzzle['wind']):g} m/s",
        size=40,
        anchor="lm",
    )


def _draw_ball(c, view: View, x: float, y: float, t: float) -> None:
    c.circle(*view.pt(x, y), BALL_R, fill=BALL, outline=INK, width=2)
    c.text(960, 45, f"t = {t:.2f} s", size=44, anchor="rm", bold=True)


def _draw_landing(c, view: View, x: float) -> None:
    px = view.x(x)
    c.line([(px, GROUND_Y - 60), (px, GROUND_Y + 8)], fill=NAMED["green"], width=6)
    c.text(960, 160, f"landed at {x:.1f} m", size=44, anchor="rm", bold=True, fill=NAMED["green"])
