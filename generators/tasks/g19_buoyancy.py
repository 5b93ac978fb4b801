"""Buoyancy: blocks of given densities are dropped into a pool. Each falls freely, enters the
water (buoyancy grows with the submerged depth, water drag with speed), and settles: a
block lighter than water floats with the fraction density/water under the surface, a
heavier one sinks to the floor. Integrated with fixed-step RK4."""

from __future__ import annotations

import itertools
import math

from generators.kit import INK, MUTED, NAMED, Param, Task, register, require
from generators.kit.palette import lighten
from generators.kit.physics import G, pace, rk4_step, slowdown, snap, ticks
from generators.kit.view import View, clock, underlined

RATE = 50  # trajectory samples per simulated second
SUBSTEPS = 8  # RK4 steps per sample (dt = 2.5 ms)
DEPTH = 2.0  # m of water
ZETA = 0.5  # damping ratio of a floating block's bobbing (sets each block's drag)
COLORS = ("red", "purple", "brown", "blue")
WATER = lighten(NAMED["cyan"], 0.65)
SURFACE = NAMED["cyan"]
SCALE, SURFACE_Y, LEFT = 140.0, 450.0, 210.0  # units per metre; canvas y of the surface; x of x=0
VIEW = View(LEFT, SURFACE_Y, SCALE)
INSTANCES = 2_000_000  # at least: 4,000 draws all distinct (scripts/measure_instances.py)


def accel(b: dict):
    """The acceleration of block b as a function of (y, v): its bottom at height y (the
    surface is 0), moving at v. Gravity, buoyancy of the submerged part, water drag."""
    h, rho, drag = b["height"], b["density"], b["drag"]

    def a(y: float, v: float) -> float:
        sub = min(max(-y, 0.0), h) / h  # submerged fraction
        return -G + G * sub / rho - drag * sub * v

    return a


def simulate(b: dict, duration: float) -> list[list[float]]:
    """[t, y, v] at RATE per second; the pool floor stops a block dead."""
    y, v = b["drop_height"], 0.0
    dt = 1 / (RATE * SUBSTEPS)
    a = accel(b)
    out = [[0.0, y, v]]
    for t in ticks(duration, RATE)[1:]:
        for _ in range(SUBSTEPS):
            y, v = rk4_step(a, y, v, dt)
            if y <= -DEPTH:
                y, v = -DEPTH, max(v, 0.0) if a(-DEPTH, 0.0) > 0 else 0.0
        out.append([t, y, v])
    return out


def _drag(density: float, height: float) -> float:
    """Drag per unit mass and speed at full immersion. Drag scales with the submerged
    fraction, so at its floating depth (fraction = density) a block bobs with damping
    ratio ZETA; sinkers get the value of a block as dense as water."""
    r = min(density, 1.0)
    return round(2 * ZETA * math.sqrt(G / (r * height)) / r, 4)


def rest_bottom(b: dict) -> float:
    """Where the block's bottom comes to rest: floating at depth density * height, or on the floor."""
    return -b["density"] * b["height"] if b["density"] < 1 else -DEPTH


@register(
    "G-19_buoyancy",
    title="Buoyancy",
    description="Blocks of given densities dropped into water float with the submerged fraction equal to their density ratio, or sink.",
    category="physics-motion",
    params=[
        Param("min_blocks", "int", 2, 1, 4, help="fewest blocks"),
        Param("max_blocks", "int", 4, 1, 4, help="most blocks"),
    ],
    shard_size=50,
    memory="low",
    instances=INSTANCES,
    faculty="knowledge",
    levels={1: {"min_blocks": 1, "max_blocks": 1}, 2: {"min_blocks": 1, "max_blocks": 2}, 3: {},
            4: {"min_blocks": 3, "max_blocks": 4}, 5: {"min_blocks": 4, "max_blocks": 4}},
)  # fmt: skip
class Buoyancy(Task):
    def generate(self, rng, params):
        lo, hi = sorted((params["min_blocks"], params["max_blocks"]))
        while True:
            n = int(rng.integers(lo, hi + 1))
            widths = [snap(rng.uniform(0.6, 1.0), 0.05) for _ in range(n)]
            room = 4.9 - sum(widths)
            if room < 0.3 * (n + 1):
                continue
            gaps = rng.dirichlet([1.0] * (n + 1)) * (room - 0.3 * (n + 1)) + 0.3
            blocks, x = [], 0.0
            sinks = int(rng.integers(0, n)) if n > 1 else int(rng.random() < 0.3)  # one floats
            kinds = [i < sinks for i in range(n)]
            rng.shuffle(kinds)
            for i in range(n):
                x = snap(x + gaps[i], 0.05)
                h = snap(rng.uniform(0.4, 0.9), 0.05)
                rho = (
                    snap(rng.uniform(1.5, 3.0), 0.05)
                    if kinds[i]
                    else snap(rng.uniform(0.15, 0.85), 0.05)
                )
                blocks.append({"color": COLORS[i], "x0": x, "x1": snap(x + widths[i], 0.05), "height": h,
                               "density": rho, "drop_height": snap(rng.uniform(0.2, 1.0), 0.05),
                               "drag": _drag(rho, h)})  # fmt: skip
                x += widths[i]
            puzzle = {
                "g": G,
                "water_density": 1.0,
                "depth": DEPTH,
                "duration": 4.0,
                "blocks": blocks,
            }
            if all(_settles(b, puzzle["duration"]) for b in blocks):
                return puzzle

    def solve(self, puzzle, params):
        out = []
        for b in puzzle["blocks"]:
            traj = simulate(b, puzzle["duration"])
            floats = b["density"] < puzzle["water_density"]
            out.append({"floats": floats, "rest_bottom": rest_bottom(b),
                        "submerged_fraction": b["density"] if floats else 1.0,
                        "final_bottom": traj[-1][1], "samples": [[y, v] for _, y, v in traj]})  # fmt: skip
        return {"blocks": out}

    def check(self, puzzle, answer, params):
        g, depth, dt = puzzle["g"], puzzle["depth"], 1 / RATE
        n_samples = round(puzzle["duration"] * RATE) + 1
        require(len(answer["blocks"]) == len(puzzle["blocks"]), "every block needs an answer")
        for b, a in zip(puzzle["blocks"], answer["blocks"]):
            name = f"the {b['color']} block"
            s = a["samples"]
            require(len(s) == n_samples, f"{name}: wrong number of samples")
            require(
                abs(s[0][0] - b["drop_height"]) < 1e-6 and abs(s[0][1]) < 1e-6,
                f"{name} is not dropped from rest",
            )
            h, rho = b["height"], b["density"] / puzzle["water_density"]

            def acc(y, v, b=b, h=h, rho=rho):
                sub = min(max(-y, 0.0), h) / h
                return -g + g * sub / rho - b["drag"] * sub * v

            for k, ((y0, v0), (y1, v1)) in enumerate(itertools.pairwise(s)):
                t = (k + 1) * dt
                require(y1 >= -depth - 1e-6, f"{name} goes through the pool floor at t={t:.2f}")
                if y0 <= -depth + 1e-6:
                    require(rho > 1, f"{name} floats but touches the floor")
                    require(
                        abs(y1 + depth) < 1e-6 and abs(v1) < 1e-6,
                        f"{name} leaves the floor at t={t:.2f}",
                    )
                    continue
                if y0 >= 0 and y1 >= 0:  # in the air: free fall
                    require(
                        abs(v1 - v0 + g * dt) < 1e-5, f"{name} is not in free fall at t={t:.2f}"
                    )
                # gravity + buoyancy + drag, re-integrated across the interval (midpoint rule)
                y, v = y0, v0
                hstep = dt / 40
                for _ in range(40):
                    ym, vm = y + hstep / 2 * v, v + hstep / 2 * acc(y, v)
                    y, v = y + hstep * vm, v + hstep * acc(ym, vm)
                    if y <= -depth:
                        y, v = -depth, 0.0
                require(
                    abs(y1 - y) < 2e-4 and abs(v1 - v) < 2e-3,
                    f"{name}: forces do not add up at t={t:.2f}",
                )
            steps = [abs(b_[0] - a_[0]) for a_, b_ in itertools.pairwise(s)]
            vmax = math.sqrt(2 * g * (b["drop_height"] + depth))
            require(max(steps) <= vmax * dt + 1e-6, f"{name} jumps between samples")
            # equilibrium: floats with the submerged fraction equal to the density ratio, or sinks
            floats = rho < 1
            require(a["floats"] == floats, f"{name}: wrong float/sink verdict")
            rest = -rho * h if floats else -depth
            require(abs(a["rest_bottom"] - rest) < 1e-6, f"{name}: wrong resting depth")
            require(
                abs(a["submerged_fraction"] - (rho if floats else 1.0)) < 1e-6,
                f"{name}: wrong submerged fraction",
            )
            y_end, v_end = s[-1]
            require(
                abs(y_end - rest) < 0.01 * h and abs(v_end) < 0.05,
                f"{name} has not settled at its equilibrium",
            )
            require(abs(a["final_bottom"] - y_end) < 1e-6, f"{name}: final position does not match")
            if (
                floats
            ):  # at rest the buoyant force, water weight of the submerged part, equals the weight
                sub = min(max(-y_end, 0.0), h) / h
                require(abs(sub - rho) < 0.01, f"{name} does not float at the right depth")

    def prompt(self, puzzle, params):
        desc = "; ".join(
            f"the {b['color']} block, density {b['density']:.2f} g/cm^3, {b['height']:g} m tall, "
            f"dropped from {b['drop_height']:g} m above the water"
            for b in puzzle["blocks"]
        )
        n = len(puzzle["blocks"])
        return (
            f"Side view of a wide pool of water (density 1.00 g/cm^3) {puzzle['depth']:g} m deep; the "
            f"scale on the left gives height above the surface in metres. {n} block{'s' if n > 1 else ''} "
            f"hang{'s' if n == 1 else ''} above it, each labelled with its density: {desc}. They are "
            "released from rest at the same moment and fall straight down (they do not tip or "
            "drift sideways). In the water each feels buoyancy equal to the weight of the water "
            "it displaces and a drag that slows it; a block that reaches the floor stays there. "
            f"Show the blocks {pace(slowness(puzzle))}, with a clock, falling into the water and "
            "moving until each comes to rest where it stays, and at the end write under each "
            "block whether it floats (with the percentage of its height under water) or sinks. "
            "The pool and the water level do not change. The video ends when the clock reads "
            f"{puzzle['duration']:g} s, when all are at rest."
        )

    def rubric(self, puzzle, answer, params):
        lines = [
            "1. All blocks start falling together from rest, speeding up until they hit the water.",
            "2. Entering the water they slow down; floating blocks bob up and down a few times with "
            "shrinking swings, sinking blocks go down to the floor.",
        ]
        outcome = []
        for b, a in zip(puzzle["blocks"], answer["blocks"]):
            if a["floats"]:
                outcome.append(f"the {b['color']} block floats with {b['density'] * 100:.0f}% of its "
                               f"height ({-a['rest_bottom']:.2f} m) under water")  # fmt: skip
            else:
                outcome.append(f"the {b['color']} block sinks and rests on the floor")
        lines.append("3. At the end: " + "; ".join(outcome) + ".")
        lines.append("4. No block moves sideways, tips, or passes through the floor.")
        lines.append(
            "5. The final frame labels each block 'floats' with its fraction under water, or 'sinks'."
        )
        lines.append("6. The pool, the water level and the scale do not change.")
        return "\n".join(lines)

    def render(self, puzzle, answer, params, film):
        blocks = puzzle["blocks"]
        base = film.canvas()
        _draw_pool(base)
        base.text(
            60, 75, "densities in g per cubic cm, water 1.00", size=44, anchor="lm", bold=True
        )
        duration = puzzle["duration"]

        def frame_at(t: float):
            c = base.copy()
            bottoms = [_bottom_at(answer, j, t) for j in range(len(blocks))]
            for b, y in zip(blocks, bottoms):
                _draw_block(c, b, y)
            _draw_water_front(c)
            # labels last, never crossed by the surface line; each rides just above its block,
            # so no label cuts a block's wet and dry parts into pieces that seem to jump
            for b, y in zip(blocks, bottoms):
                x, top = VIEW.pt((b["x0"] + b["x1"]) / 2, y + b["height"])
                underlined(c, x, top - 16, f"{b['density']:.2f}", 40, INK, True)
            clock(c, t)
            return c

        film.opening(frame_at(0.0))
        for t in film.times(duration * slowness(puzzle), span=duration):
            frame = frame_at(t)
            film.add(frame)
        for j, (b, a) in enumerate(zip(blocks, answer["blocks"])):
            label = f"floats {b['density'] * 100:.0f}%" if a["floats"] else "sinks"
            cx = LEFT + (b["x0"] + b["x1"]) / 2 * SCALE
            row = SURFACE_Y + DEPTH * SCALE + 55 + 50 * (j % 2)  # alternate rows never collide
            frame.text(cx, row, label, size=40, bold=True, fill=NAMED[b["color"]])
        film.closing(frame)


def slowness(puzzle: dict) -> int:
    """How much slower than real time the video plays: enough for the fastest a block could
    move to glide (falling freely from its drop height until it is fully under water; below
    that the water only slows it)."""
    top = max(b["drop_height"] + b["height"] for b in puzzle["blocks"])
    return slowdown(SCALE * math.sqrt(2 * G * top))


def _settles(b: dict, duration: float) -> bool:
    traj = simulate(b, duration)
    y, v = traj[-1][1], traj[-1][2]
    if b["density"] < 1:
        if min(r[1] for r in traj) <= -DEPTH + 0.05:
            return False  # a floater must not reach the floor
        return abs(y - rest_bottom(b)) < 0.002 * b["height"] and abs(v) < 0.01
    return abs(y + DEPTH) < 1e-9 and traj[-1][0] - next(r[0] for r in traj if r[1] <= -DEPTH) > 0.5


def _bottom_at(answer: dict, j: int, t: float) -> float:
    """Linear interpolation of the stored trajectory (50 samples per second)."""
    s = answer["blocks"][j]["samples"]
    u = min(max(t * RATE, 0.0), len(s) - 1.0)
    i = min(int(u), len(s) - 2)
    f = u - i
    return s[i][0] * (1 - f) + s[i + 1][0] * f


def _draw_pool(c) -> None:
    floor = SURFACE_Y + DEPTH * SCALE
    c.rect(LEFT - 50, SURFACE_Y, 950, floor, fill=WATER)
    c.rect(LEFT - 62, SURFACE_Y - 40, LEFT - 50, floor + 12, fill=INK)
    c.rect(950, SURFACE_Y - 40, 962, floor + 12, fill=INK)
    c.rect(LEFT - 62, floor, 962, floor + 12, fill=INK)
    for k in range(-4, 4):  # height scale every 0.5 m, 0 at the surface
        y = SURFACE_Y - k * 0.5 * SCALE
        c.line([(LEFT - 90, y), (LEFT - 70, y)], fill=MUTED, width=3)
        c.text(LEFT - 100, y, f"{k * 0.5:g}", size=40, fill=MUTED, anchor="rm")


def _draw_water_front(c) -> None:
    """The surface line, drawn over the blocks so the waterline shows on each."""
    c.crisp_line(LEFT - 50, SURFACE_Y, 950, SURFACE_Y, SURFACE, 5)


def _draw_block(c, b: dict, bottom: float) -> None:
    x0, y1 = VIEW.pt(b["x0"], bottom)
    x1, y0 = VIEW.pt(b["x1"], bottom + b["height"])
    col = NAMED[b["color"]]
    c.rect(x0, y0, x1, y1, fill=col, outline=INK, width=3)
    under = min(max(-bottom, 0.0), b["height"])
    if under > 0:  # the submerged part looks tinted by the water
        c.rect(x0 + 2, VIEW.pt(0, 0)[1] if bottom + b["height"] > 0 else y0 + 2, x1 - 2, y1 - 2,
               fill=lighten(col, 0.2))  # fmt: skip
