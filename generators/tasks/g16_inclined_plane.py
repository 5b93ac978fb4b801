"""Inclined plane: a block released on a slope with friction either stays put (tan theta <=
mu_s) or slides down with a = g (sin theta - mu_k cos theta), runs onto the flat floor and
stops after v^2 / (2 mu_k g)."""

from __future__ import annotations

import itertools
import math

from generators.kit import INK, MUTED, NAMED, Param, Task, register, require
from generators.kit.physics import G, accelerations, pace, slowdown, snap, steady, ticks
from generators.kit.view import View, clock, nice_step, ruler

RATE = 50  # trajectory samples per simulated second
BLOCK = NAMED["red"]
WEDGE = NAMED["gray"]
ARC = NAMED["orange"]
MARK = NAMED["blue"]
FLOOR_Y = 720.0  # canvas y of the floor
SIDE = 64.0  # block side in canvas units
STILL = 2.0  # s shown when the block does not move
# The floor's ruler reaches the first of these (m from the foot) at least 2.2 times the
# release distance: the generator keeps every stop within 2 times it, so the ruler says
# nothing about where this block stops.
FLOORS = (2.0, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0, 12.0, 16.0)
INSTANCES = 1_800_000  # measured (about 1.9 M): scripts/measure_instances.py


def motion(p: dict) -> dict:
    """Phases of the motion: sliding down the slope, then braking on the floor."""
    th = math.radians(p["angle"])
    if math.tan(th) <= p["mu_static"]:
        return {"slides": False, "duration": STILL}
    a = G * (math.sin(th) - p["mu_kinetic"] * math.cos(th))
    t1 = math.sqrt(2 * p["distance"] / a)
    v1 = a * t1
    decel = p["mu_kinetic"] * G
    t2 = v1 / decel
    return {"slides": True, "a": a, "t_bottom": t1, "v_bottom": v1, "decel": decel,
            "t_stop": t1 + t2, "stop_distance": v1 * v1 / (2 * decel),
            "duration": math.ceil((t1 + t2) * RATE) / RATE}  # fmt: skip


def path_at(p: dict, mo: dict, t: float) -> float:
    """Distance travelled along the path (down the slope, then along the floor) at time t."""
    if not mo["slides"]:
        return 0.0
    if t <= mo["t_bottom"]:
        return mo["a"] * t * t / 2
    tf = min(t, mo["t_stop"]) - mo["t_bottom"]
    return p["distance"] + mo["v_bottom"] * tf - mo["decel"] * tf * tf / 2


def place(p: dict, s: float) -> tuple[float, float]:
    """World point (m) of the block's contact point: the slope's foot is the origin."""
    th = math.radians(p["angle"])
    if s <= p["distance"]:
        back = p["distance"] - s
        return (-back * math.cos(th), back * math.sin(th))
    return (s - p["distance"], 0.0)


@register(
    "G-16_inclined_plane",
    title="Inclined plane with friction",
    description="Does a block released on a rough slope slide, and where does it stop on the floor after?",
    category="physics-motion",
    params=[
        Param("outcome", "str", "any", choices=("any", "slides", "stays"),
              help="whether the block slides (then stops on the floor) or stays put"),
        Param("max_margin", "float", 1.2, 0.08, 1.2,
              help="largest gap between tan(angle) and the static coefficient (smaller: closer calls)"),
    ],
    shard_size=60,
    memory="low",
    instances=INSTANCES,
    faculty="knowledge",
    levels={1: {"outcome": "slides", "max_margin": 1.2}, 2: {"max_margin": 1.2}, 3: {},
            4: {"max_margin": 0.15}, 5: {"max_margin": 0.08}},
)  # fmt: skip
class InclinedPlane(Task):
    def generate(self, rng, params):
        outcome = params["outcome"]
        if outcome == "any":
            outcome = "stays" if rng.random() < 0.25 else "slides"
        while True:
            angle = int(rng.integers(15, 51 if outcome == "slides" else 41))
            tan = math.tan(math.radians(angle))
            margin = params["max_margin"]
            if outcome == "slides":
                mu_s = snap(rng.uniform(max(0.1, tan - margin), tan - 0.05), 0.01)
            else:
                mu_s = snap(rng.uniform(tan + 0.05, min(tan + min(margin, 0.4), 1.0)), 0.01)
            mu_k = snap(rng.uniform(max(0.08, mu_s * 0.5), mu_s), 0.01)
            puzzle = {"angle": angle, "mu_static": mu_s, "mu_kinetic": mu_k,
                      "distance": snap(rng.uniform(1.0, 5.0), 0.05), "g": G}  # fmt: skip
            if mu_s <= 0 or mu_k <= 0 or mu_k > mu_s:
                continue
            mo = motion(puzzle)
            if mo["slides"] != (outcome == "slides"):
                continue
            if mo["slides"]:
                if not 1.2 <= mo["t_stop"] <= 3.5 or mo["stop_distance"] > 2.0 * puzzle["distance"]:
                    continue
                if mo["a"] < 0.4:
                    continue  # crawling blocks are hard to judge
            return puzzle

    def solve(self, puzzle, params):
        mo = motion(puzzle)
        samples = []
        for t in ticks(mo["duration"], RATE):
            s = path_at(puzzle, mo, t)
            samples.append([t, s, *place(puzzle, s)])
        out = {"slides": mo["slides"], "duration": mo["duration"], "samples": samples}
        if mo["slides"]:
            out.update({k: mo[k] for k in ("a", "t_bottom", "v_bottom", "t_stop", "stop_distance")})
        return out

    def check(self, puzzle, answer, params):
        th = math.radians(puzzle["angle"])
        g, d = puzzle["g"], puzzle["distance"]
        mu_s, mu_k = puzzle["mu_static"], puzzle["mu_kinetic"]
        s, dt = answer["samples"], 1 / RATE
        require(len(s) == round(answer["duration"] * RATE) + 1, "wrong number of samples")
        require(steady((r[0] for r in s), RATE), "samples not at a fixed rate")
        for (
            _,
            dist,
            x,
            y,
        ) in s:  # every sample is on the slope or the floor, where its distance says
            if dist <= d:
                want = (-(d - dist) * math.cos(th), (d - dist) * math.sin(th))
            else:
                want = (dist - d, 0.0)
            require(math.dist((x, y), want) < 1e-5, "the block leaves the slope or the floor")
        require(abs(s[0][1]) < 1e-9, "the block does not start where it was released")
        slides = math.tan(th) > mu_s  # gravity along the slope beats the most static friction
        require(answer["slides"] == slides, "wrong verdict on whether the block slides")
        if not slides:
            require(all(abs(r[1]) < 1e-9 for r in s), "the block moves although friction holds it")
            return
        a = g * (math.sin(th) - mu_k * math.cos(th))
        require(abs(answer["a"] - a) < 1e-5, "acceleration is not g (sin theta - mu_k cos theta)")
        t1 = math.sqrt(2 * d / a)
        v1 = a * t1
        require(abs(answer["t_bottom"] - t1) < 1e-5 and abs(answer["v_bottom"] - v1) < 1e-5,
                "time or speed at the foot of the slope is wrong")  # fmt: skip
        stop = v1 * v1 / (2 * mu_k * g)
        require(
            abs(answer["stop_distance"] - stop) < 1e-5, "stopping distance is not v^2 / (2 mu_k g)"
        )
        t_stop = t1 + v1 / (mu_k * g)
        require(abs(answer["t_stop"] - t_stop) < 1e-5, "stopping time is wrong")
        # constant acceleration in each phase, from the samples' second differences
        for k, acc in enumerate(accelerations([r[1] for r in s], dt), 1):
            p, c, n = s[k - 1 : k + 2]
            if n[0] <= t1:
                require(abs(acc - a) < 0.01, f"wrong acceleration on the slope at t={c[0]:.2f}")
            elif p[0] >= t1 and n[0] <= t_stop:
                require(
                    abs(acc + mu_k * g) < 0.01, f"wrong deceleration on the floor at t={c[0]:.2f}"
                )
            elif p[0] >= t_stop:
                require(abs(n[1] - p[1]) < 1e-9, f"the block moves after stopping at t={c[0]:.2f}")
        require(abs(s[-1][1] - (d + stop)) < 1e-5, "the block does not end at the stopping point")
        steps = [b[1] - a_[1] for a_, b in itertools.pairwise(s)]
        require(
            all(-1e-9 <= x <= v1 * dt + 1e-6 for x in steps), "the block jumps or moves backwards"
        )

    def prompt(self, puzzle, params):
        return (
            f"Side view: a gray ramp rises at {puzzle['angle']}° (marked by the orange arc) and meets "
            f"a flat floor at its foot. A red block sits at rest on the ramp, {puzzle['distance']:g} m "
            "from the foot measured along the slope (as written at the top). The coefficients of "
            "friction between block and "
            f"surface are {puzzle['mu_static']:.2f} (static) and {puzzle['mu_kinetic']:.2f} (kinetic), "
            "the same on the ramp and the floor; the foot of the ramp is smoothly rounded so the "
            "block keeps its speed there. Gravity is 9.81 m/s^2. The block is let go: show whether "
            "static friction holds it, or how it slides down, runs onto the floor and slows to a "
            f"stop, {pace(Ramp(puzzle).slow)}, with a clock; the ruler on the floor gives distance "
            "from the foot of the ramp in metres. Mark where it stops. The ramp and floor do not "
            "change. The video ends when the block comes to rest on the floor, or after "
            f"{STILL:g} s on the clock if it never moves."
        )

    def rubric(self, puzzle, answer, params):
        if not answer["slides"]:
            tan = math.tan(math.radians(puzzle["angle"]))
            return "\n".join([
                f"1. The block does not move at all: tan {puzzle['angle']}° = {tan:.2f} is not more than "
                f"the static coefficient {puzzle['mu_static']:.2f}, so friction holds it.",
                "2. It stays exactly where it started for the whole video, with no creeping or tipping.",
                "3. The ramp, floor and ruler do not change.",
            ])  # fmt: skip
        return "\n".join([
            "1. The block starts sliding straight away, from rest, down the slope without tipping.",
            f"2. It speeds up steadily at {answer['a']:.2f} m/s^2 and reaches the foot after about "
            f"{answer['t_bottom']:.2f} s on the clock, at about {answer['v_bottom']:.2f} m/s.",
            f"3. On the floor it slows down steadily ({puzzle['mu_kinetic'] * 9.81:.2f} m/s^2) and stops "
            f"about {answer['stop_distance']:.2f} m past the foot of the ramp, at {answer['t_stop']:.2f} s.",
            "4. It never moves backwards or jumps, and stays put once stopped.",
            f"5. The final frame marks the stopping point at {answer['stop_distance']:.2f} m on the ruler.",
            "6. The ramp, floor and ruler do not change.",
        ])  # fmt: skip

    def render(self, puzzle, answer, params, film):
        mo = motion(puzzle)
        view = Ramp(puzzle)
        base = film.canvas()
        view.draw_scene(base, puzzle)
        first = base.copy()
        view.draw_block(first, puzzle, 0.0, 0.0)
        film.opening(first)
        end = mo["t_stop"] if mo["slides"] else STILL  # the block is at rest for good
        times = film.times(end * view.slow, span=end)
        for t in times:  # the last frame shows the stored final position
            s = path_at(puzzle, mo, t) if t < times[-1] else answer["samples"][-1][1]
            frame = base.copy()
            view.draw_block(frame, puzzle, s, t)
            film.add(frame)
        if answer["slides"]:
            view.draw_stop(frame, answer["stop_distance"])
        film.closing(frame)


class Ramp(View):
    """The scene in metres with the ramp's foot at the origin, on the floor at FLOOR_Y. Its
    extent comes from the ramp alone: the floor reaches the first of FLOORS past 2.2 times
    the release distance, whatever the block will do."""

    def __init__(self, puzzle):
        th = math.radians(puzzle["angle"])
        length = puzzle["distance"] + 0.6  # the ramp reaches a little above the block
        self.run, self.rise = length * math.cos(th), length * math.sin(th)
        self.flat = next((f for f in FLOORS if f >= 2.2 * puzzle["distance"]), FLOORS[-1])
        s = min(820 / (self.run + self.flat), 480 / self.rise)
        super().__init__(90 + self.run * s + (820 - (self.run + self.flat) * s) / 2, FLOOR_Y, s)
        # the fastest the block could move: sliding down without friction
        self.slow = slowdown(s * math.sqrt(2 * G * puzzle["distance"] * math.sin(th)))

    def draw_scene(self, c, puzzle) -> None:
        th = math.radians(puzzle["angle"])
        top = self.pt(-self.run, self.rise)
        back = self.pt(-self.run, 0)
        foot = self.pt(0, 0)
        c.polygon([back, top, foot], fill=WEDGE)
        end = self.x(self.flat)
        c.crisp_line(back[0] - 24, FLOOR_Y + 6, end + 14, FLOOR_Y + 6, INK, 12)
        r = 110
        pts = [(foot[0] - r * math.cos(a), foot[1] - r * math.sin(a))
               for a in (th * i / 12 for i in range(13))]  # fmt: skip
        c.line(pts, fill=ARC, width=6)
        mid = th / 2
        c.text(foot[0] - (r + 70) * math.cos(mid), foot[1] - (r + 34) * math.sin(mid) - 6,
               f"{puzzle['angle']}°", size=44, fill=(255, 255, 255), bold=True)  # fmt: skip
        # ruler along the floor, from the foot of the ramp
        step = nice_step(self.s, 70, (0.5, 1.0, 2.0))
        ruler(c, self, FLOOR_Y + 12, end + 1e-6, label_y=FLOOR_Y + 66, step=step, every=step,
              long=22)  # fmt: skip
        c.text(end, FLOOR_Y + 120, "metres from the foot", size=40, fill=MUTED, anchor="rm")
        c.text(60, 70, f"friction: static {puzzle['mu_static']:.2f}, kinetic {puzzle['mu_kinetic']:.2f}",
               size=44, anchor="lm", bold=True)  # fmt: skip
        c.text(60, 122, f"released {puzzle['distance']:g} m from the foot, along the slope",
               size=40, anchor="lm")  # fmt: skip

    def draw_block(self, c, puzzle, s: float, t: float) -> None:
        th = math.radians(puzzle["angle"]) if s < puzzle["distance"] else 0.0
        bx, by = self.pt(*place(puzzle, s))
        ux, uy = math.cos(th), math.sin(th)  # canvas: along the surface (down-right)
        nx, ny = math.sin(th), -math.cos(th)  # canvas: away from the surface
        h = SIDE / 2
        corners = [(bx - ux * h, by - uy * h), (bx + ux * h, by + uy * h),
                   (bx + ux * h + nx * SIDE, by + uy * h + ny * SIDE),
                   (bx - ux * h + nx * SIDE, by - uy * h + ny * SIDE)]  # fmt: skip
        c.polygon(corners, fill=BLOCK, outline=INK, width=3)
        clock(c, t)

    def draw_stop(self, c, distance: float) -> None:
        x, y = self.pt(distance, 0)
        c.line([(x, y + 12), (x, y + 44)], fill=MARK, width=8)
        c.text(min(x, 940 - 110), y - SIDE - 40, f"{distance:.2f} m", size=44, fill=MARK, bold=True)
