"""Spring-mass oscillator: a block on a frictionless floor tied to a wall by a spring, with
an optional damper. Exact solution x(t) = e^(-gamma t) (A cos wd t + B sin wd t)."""

from __future__ import annotations

import itertools
import math

from generators.kit import FAINT, INK, MUTED, NAMED, Param, Task, register, require
from generators.kit.physics import pace, slowdown, snap, steady, ticks, zero_crossings
from generators.kit.view import clock, underlined, zigzag

RATE = 50  # trajectory samples per simulated second
WALL_X, REST_X = 110.0, 560.0  # canvas x of the wall face and of the block centre at rest
SCALE = 800.0  # canvas units per metre of displacement
BLOCK_W, BLOCK_H = 140.0, 120.0
FLOOR = 700.0
CHART = (110.0, 150.0, 890.0, 430.0)  # x-t chart: left, top, right, bottom
DAMPED_AMP = 0.14  # m: the largest swing the drawn dashpot's stroke allows
BLOCK = NAMED["blue"]
SPRING = NAMED["gray"]
TRACE = NAMED["red"]
CHART_RANGES = (0.15, 0.3)  # m: the chart spans +-0.15 m when |x0| <= 0.1 m, else +-0.3 m
LONGEST_VIDEO = 12.0  # s: slow motion may not make the video longer than this
INSTANCES = 5_000_000  # measured (about 5.7 M): scripts/measure_instances.py


def motion(p: dict) -> dict:
    """Constants of the exact solution for the puzzle's m, k, c, x0, v0 (underdamped)."""
    m, k, c = p["mass"], p["stiffness"], p["damping"]
    w0 = math.sqrt(k / m)
    gamma = c / (2 * m)
    wd = math.sqrt(w0 * w0 - gamma * gamma)
    a = p["x0"]
    b = (p["v0"] + gamma * a) / wd
    return {"w0": w0, "gamma": gamma, "wd": wd, "a": a, "b": b}


def at(mo: dict, t: float) -> tuple[float, float]:
    """Displacement and velocity at time t."""
    g, wd, a, b = mo["gamma"], mo["wd"], mo["a"], mo["b"]
    e, cs, sn = math.exp(-g * t), math.cos(wd * t), math.sin(wd * t)
    return e * (a * cs + b * sn), e * ((b * wd - g * a) * cs - (a * wd + g * b) * sn)


@register(
    "G-14_spring_mass",
    title="Spring-mass oscillator",
    description="A block on a spring (optionally damped) oscillates at omega = sqrt(k/m) inside a decaying envelope; give the period.",
    category="physics-motion",
    params=[
        Param("damping", "str", "any", choices=("any", "none", "light"),
              help="no damper, a light damper (damping ratio 0.02-0.25), or either"),
        Param("push", "bool", True, help="allow an initial velocity as well as a displacement"),
        Param("min_cycles", "float", 1.6, 1.1, 3.0, help="fewest oscillations the video shows"),
    ],
    shard_size=60,
    memory="low",
    instances=INSTANCES,
    faculty="knowledge",
    levels={1: {"damping": "none", "push": False}, 2: {"damping": "none"}, 3: {},
            4: {"damping": "light"}, 5: {"damping": "light", "min_cycles": 2.5}},
)  # fmt: skip
class SpringMass(Task):
    def generate(self, rng, params):
        damping = params["damping"]
        if damping == "any":
            damping = "light" if rng.random() < 0.5 else "none"
        while True:
            m = snap(rng.uniform(0.5, 5.0), 0.1)
            k = snap(rng.uniform(10, 200), 5)
            w0 = math.sqrt(k / m)
            c = 0.0
            if damping == "light":
                c = snap(2 * m * w0 * rng.uniform(0.02, 0.25), 0.01)
                if c <= 0:
                    continue
            x0 = snap(rng.choice([-1, 1]) * rng.uniform(0.06, 0.13 if c else 0.25), 0.01)
            v0 = 0.0
            if params["push"] and rng.random() < 0.35:
                v0 = snap(rng.choice([-1, 1]) * rng.uniform(0.1, 0.8) * w0 * 0.15, 0.01)
            puzzle = {"mass": m, "stiffness": k, "damping": c, "x0": x0, "v0": v0}
            mo = motion(puzzle)
            t_d = 2 * math.pi / mo["wd"]
            amp = math.hypot(mo["a"], mo["b"])
            if not 0.8 <= t_d <= 2.0 or amp > (DAMPED_AMP if c else 0.3):
                continue
            if amp > 0.93 * chart_range(puzzle):
                continue  # the curve stays inside the chart
            longest = min(4.0, LONGEST_VIDEO / slowness(puzzle))
            shortest = max(2.0, params["min_cycles"] * t_d)
            if shortest > longest:
                continue
            puzzle["duration"] = snap(rng.uniform(shortest, longest), 0.1)
            if not shortest <= puzzle["duration"] <= longest:
                continue
            return puzzle

    def solve(self, puzzle, params):
        mo = motion(puzzle)
        samples = [[t, *at(mo, t)] for t in ticks(puzzle["duration"], RATE)]
        return {
            "omega0": mo["w0"],
            "omega_damped": mo["wd"],
            "period": 2 * math.pi / mo["wd"],
            "decay_rate": mo["gamma"],
            "amplitude": math.hypot(mo["a"], mo["b"]),
            "final_x": samples[-1][1],
            "final_v": samples[-1][2],
            "samples": samples,
        }

    def check(self, puzzle, answer, params):
        m, k, c = puzzle["mass"], puzzle["stiffness"], puzzle["damping"]
        s, dt = answer["samples"], 1 / RATE
        require(len(s) == round(puzzle["duration"] * RATE) + 1, "wrong number of samples")
        require(steady((r[0] for r in s), RATE), "samples not at a fixed rate")
        require(abs(s[0][1] - puzzle["x0"]) < 1e-6 and abs(s[0][2] - puzzle["v0"]) < 1e-6,
                "does not start from the given displacement and velocity")  # fmt: skip
        w0 = math.sqrt(k / m)
        gamma = c / (2 * m)
        wd = math.sqrt(w0 * w0 - gamma * gamma)
        require(abs(answer["omega0"] - w0) < 1e-6 * w0, "omega0 is not sqrt(k/m)")
        require(abs(answer["omega_damped"] - wd) < 1e-6 * wd, "damped frequency is wrong")
        require(abs(answer["period"] - 2 * math.pi / wd) < 1e-5, "period is wrong")
        require(abs(answer["decay_rate"] - gamma) < 1e-6, "decay rate is not c / 2m")
        b = (puzzle["v0"] + gamma * puzzle["x0"]) / wd  # x = e^(-gamma t)(x0 cos + b sin)
        require(abs(answer["amplitude"] - math.hypot(puzzle["x0"], b)) < 1e-6, "amplitude is wrong")
        amp = max(abs(answer["amplitude"]), 1e-9)
        # Newton's law m x'' = -k x - c v, step by step (trapezoid rule, error ~ dt^3)
        tol_x = 0.05 * amp * (w0 * dt) ** 2 + 2e-6
        tol_v = 0.05 * amp * w0 * (w0 * dt) ** 2 + 2e-6
        for a, b in itertools.pairwise(s):
            require(
                abs(b[1] - a[1] - dt * (a[2] + b[2]) / 2) < tol_x, f"position jumps at t={b[0]:.2f}"
            )
            acc = (-(k * a[1] + c * a[2]) - (k * b[1] + c * b[2])) / (2 * m)
            require(
                abs(b[2] - a[2] - dt * acc) < tol_v,
                f"velocity does not follow -kx - cv at t={b[0]:.2f}",
            )
        # energy: conserved without damping, drained at the rate c v^2 with it
        energy = [(m * v * v + k * x * x) / 2 for _, x, v in s]
        scale = k * amp * amp / 2
        rounding = 2e-6 * (k * amp + m * amp * w0)  # stored x, v carry 6 decimals
        tol_e = 0.5 * c * dt * (amp * w0 * w0 * dt) ** 2 + 1e-5 * scale + rounding
        for (a, b), (ea, eb) in zip(itertools.pairwise(s), itertools.pairwise(energy)):
            lost = c * dt * (a[2] ** 2 + b[2] ** 2) / 2
            require(abs(ea - eb - lost) < tol_e, f"energy is wrong at t={b[0]:.2f}")
        if c == 0:
            require(max(energy) - min(energy) < 1e-4 * scale + rounding, "energy is not conserved")
        # the period from the motion: x crosses zero every half period
        zeros = zero_crossings(((t, x) for t, x, _ in s), dt)
        require(len(zeros) >= 2, "the video must show at least one full oscillation")
        for z0, z1 in itertools.pairwise(zeros):
            require(abs((z1 - z0) - math.pi / wd) < 0.01, "zero crossings do not match omega")
        # the envelope: every turning point lies at A (wd / w0) e^(-gamma t)
        for a, b in itertools.pairwise(s):
            if a[2] * b[2] < 0:
                u = a[2] / (a[2] - b[2])
                t = a[0] + u * dt
                x = _hermite(a[1], a[2], b[1], b[2], dt, u)
                want = amp * wd / w0 * math.exp(-gamma * t)
                require(
                    abs(abs(x) - want) < 0.01 * amp,
                    f"turning point at t={t:.2f} is off the envelope",
                )
        require(abs(answer["final_x"] - s[-1][1]) < 1e-6 and abs(answer["final_v"] - s[-1][2]) < 1e-6,
                "final state does not match the motion")  # fmt: skip

    def prompt(self, puzzle, params):
        x0, v0, c = puzzle["x0"], puzzle["v0"], puzzle["damping"]
        start = f"pulled {abs(x0) * 100:.0f} cm to the {'right' if x0 > 0 else 'left'} of its rest position"
        if v0:
            start += f" and pushed {'right' if v0 > 0 else 'left'} at {abs(v0):g} m/s"
        else:
            start += " and released from rest"
        damper = (
            f" A damper in parallel with the spring resists motion with {c:g} N per m/s of speed."
            if c
            else " There is no friction or damping."
        )
        return (
            f"Side view: a blue block of mass {puzzle['mass']:g} kg on a frictionless floor is tied to "
            f"the wall on the left by a gray spring of stiffness {puzzle['stiffness']:g} N/m.{damper} "
            f"The block is {start}. The ruler under the floor shows the displacement in centimetres "
            "(0 = rest position) and the chart at the top plots displacement (cm, scale on its "
            f"left) against time (s). Show {puzzle['duration']:g} s of motion "
            f"{pace(slowness(puzzle))}, with a clock, tracing the red curve on the chart as the "
            "block moves; at the end write the period of the oscillation. The wall, floor, ruler "
            "and chart axes do not change. The video ends when the clock reads "
            f"{puzzle['duration']:g} s."
        )

    def rubric(self, puzzle, answer, params):
        c = puzzle["damping"]
        lines = [
            f"1. The block starts {puzzle['x0'] * 100:+.0f} cm from rest and oscillates about the 0 mark.",
            f"2. One full oscillation takes {answer['period']:.2f} s on the clock "
            f"(omega = {answer['omega_damped']:.2f} rad/s; sqrt(k/m) = {answer['omega0']:.2f} rad/s).",
        ]
        if c:
            ratio = math.exp(-answer["decay_rate"] * answer["period"])
            lines.append(
                f"3. The swings shrink steadily: each is about {ratio:.2f} times the one before."
            )
        else:
            lines.append(
                f"3. The swings keep the same size: always {answer['amplitude'] * 100:.0f} cm either side of 0."
            )
        lines += [
            f"4. At {puzzle['duration']:g} s the block is at about {answer['final_x'] * 100:+.0f} cm, "
            f"moving {'right' if answer['final_v'] > 0 else 'left'}.",
            "5. The red curve on the chart is a smooth wave matching the block's position at every moment.",
            f"6. The final frame shows the period as about {answer['period']:.2f} s; the wall, floor and ruler are unchanged.",
        ]  # fmt: skip
        return "\n".join(lines)

    def render(self, puzzle, answer, params, film):
        mo = motion(puzzle)
        half = chart_range(puzzle)
        base = film.canvas()
        _draw_static(base, puzzle)
        trace = base.copy()  # the chart's curve, extended frame by frame
        first = base.copy()
        _draw_oscillator(first, puzzle, puzzle["x0"], 0.0)
        if puzzle["v0"]:  # the initial push
            cx, y = REST_X + puzzle["x0"] * SCALE, FLOOR - BLOCK_H - 40
            end = cx + math.copysign(30 + abs(puzzle["v0"]) * 250, puzzle["v0"])
            first.arrow((cx, y), (end, y), fill=INK, width=7, head=26)
            # the speed beside the arrow's tail, clear of the chart's time labels above
            tail = cx - math.copysign(14, puzzle["v0"])
            first.text(tail, y, f"{abs(puzzle['v0']):g} m/s", size=40,
                       anchor="rm" if puzzle["v0"] > 0 else "lm")  # fmt: skip
        film.opening(first)
        duration = puzzle["duration"]
        times = film.times(duration * slowness(puzzle), span=duration)
        n = len(times)
        prev = _chart_pt(0.0, puzzle["x0"], duration, half)
        for i, t in enumerate(times, 1):
            x = at(mo, t)[0] if i < n else answer["final_x"]  # the last frame: the stored end
            # a few sub-steps per frame keep the traced curve smooth
            for j in range(1, 5):
                tj = duration * (i - 1 + j / 4) / n
                pt = _chart_pt(tj, at(mo, tj)[0], duration, half)
                trace.line([prev, pt], fill=TRACE, width=5)
                prev = pt
            frame = trace.copy()
            _draw_oscillator(frame, puzzle, x, t)
            film.add(frame)
        frame.text(940, 950, f"period {answer['period']:.2f} s", size=48, anchor="rm", bold=True,
                   fill=BLOCK)  # fmt: skip
        film.closing(frame)


def chart_range(puzzle: dict) -> float:
    """How far either side of 0 the chart reaches (m): chosen from the starting
    displacement the first frame shows, never from the motion to come."""
    return CHART_RANGES[0] if abs(puzzle["x0"]) <= 0.1 else CHART_RANGES[1]


def slowness(puzzle: dict) -> int:
    """How much slower than real time the video plays: enough for the block at its fastest
    (all the energy it starts with as motion: v^2 = v0^2 + k x0^2 / m) to glide."""
    top = math.sqrt(puzzle["v0"] ** 2 + puzzle["stiffness"] * puzzle["x0"] ** 2 / puzzle["mass"])
    return slowdown(SCALE * top)


def _hermite(x0: float, v0: float, x1: float, v1: float, h: float, u: float) -> float:
    """Cubic Hermite interpolation of x between two samples with known slopes."""
    h00, h10 = 2 * u**3 - 3 * u**2 + 1, u**3 - 2 * u**2 + u
    h01, h11 = -2 * u**3 + 3 * u**2, u**3 - u**2
    return h00 * x0 + h10 * h * v0 + h01 * x1 + h11 * h * v1


def _chart_pt(t: float, x: float, duration: float, half: float) -> tuple[float, float]:
    """The x-t chart spans the run in time and `half` metres either side of 0."""
    left, top, right, bottom = CHART
    mid = (top + bottom) / 2
    return (left + (right - left) * t / duration, mid - x / half * (bottom - top) / 2)


def _draw_static(c, puzzle) -> None:
    damp = f", damper {puzzle['damping']:g} N s/m" if puzzle["damping"] else ""
    c.text(60, 70, f"{puzzle['mass']:g} kg, spring {puzzle['stiffness']:g} N/m{damp}", size=44,
           anchor="lm", bold=True)  # fmt: skip
    left, top, right, bottom = CHART
    duration, half = puzzle["duration"], chart_range(puzzle)
    c.rect(left, top, right, bottom, fill=(255, 255, 255), outline=MUTED, width=2)
    # the displacement scale on the left (no line across: the curve must not cut one up)
    step = 5 if half < 0.2 else 10
    for cm in range(-round(half * 100), round(half * 100) + 1, step):
        y = _chart_pt(0, cm / 100, duration, half)[1]
        c.crisp_line(left - 14, y, left - 2, y, MUTED, 3)
        c.crisp_line(right + 2, y, right + 8, y, MUTED, 3)
        c.text(left - 20, y, f"{cm}", size=36, fill=INK if cm == 0 else MUTED, anchor="rm")
    c.text(left - 20, top - 42, "cm", size=36, fill=MUTED, anchor="rm")
    for whole in range(int(duration) + 1):
        x = _chart_pt(whole, 0, duration, half)[0]
        c.crisp_line(x, bottom + 2, x, bottom + 14, MUTED, 3)
        c.text(x, bottom + 42, f"{whole} s", size=40, fill=MUTED)
    # wall, floor and ruler, snapped to whole pixels: the block slides along their edges
    c.crisp_line(WALL_X - 20, FLOOR - 160, WALL_X - 20, FLOOR - 8, MUTED, 40)
    c.crisp_line(WALL_X + 6, FLOOR + 6, 954, FLOOR + 6, INK, 12)
    for cm in range(-30, 31, 5):
        x = REST_X + cm / 100 * SCALE
        major = cm % 10 == 0
        c.line([(x, FLOOR + 12), (x, FLOOR + (40 if major else 28))], fill=INK, width=3)
        if major:
            c.text(x, FLOOR + 72, f"{cm}", size=40, fill=INK if cm == 0 else MUTED)
    c.text(940, FLOOR + 125, "cm", size=40, fill=MUTED, anchor="rm")
    c.line([(REST_X, FLOOR - BLOCK_H - 30), (REST_X, FLOOR)], fill=FAINT, width=4)


def _draw_oscillator(c, puzzle, x: float, t: float) -> None:
    cx = REST_X + x * SCALE
    x_left = cx - BLOCK_W / 2
    y_spring = FLOOR - BLOCK_H * (0.68 if puzzle["damping"] else 0.5)
    c.line(zigzag(WALL_X, x_left, y_spring, coils=14, amp=26, lead=24), fill=SPRING, width=5)
    if puzzle["damping"]:  # a dashpot: cylinder on the wall, piston rod on the block
        y = FLOOR - BLOCK_H * 0.22
        rest_left = REST_X - BLOCK_W / 2
        nearest = rest_left - DAMPED_AMP * SCALE  # the block's left face never comes closer
        rod = 2 * DAMPED_AMP * SCALE + 18
        c.line([(WALL_X, y), (WALL_X + 15, y)], fill=INK, width=5)
        c.rect(WALL_X + 15, y - 18, nearest - 8, y + 18, fill=FAINT, outline=INK, width=4)
        piston = x_left - rod
        c.line([(piston, y - 14), (piston, y + 14)], fill=INK, width=6)
        c.line([(piston, y), (x_left, y)], fill=INK, width=5)
    c.rect(x_left, FLOOR - BLOCK_H, cx + BLOCK_W / 2, FLOOR, fill=BLOCK, outline=INK, width=3)
    underlined(c, cx, FLOOR - BLOCK_H / 2 + 14, f"{puzzle['mass']:g} kg", 40, (255, 255, 255), True)
    clock(c, t)
