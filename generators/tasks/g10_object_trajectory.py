"""Projectile motion: a ball launched along a drawn velocity arrow flies its exact parabola
(no air resistance) until it first touches the ground or the top of a platform."""

from __future__ import annotations

import itertools
import math

from generators.kit import INK, MUTED, NAMED, Param, Task, register, require
from generators.kit.physics import G, accelerations, pace, slowdown, snap, steady, ticks_until
from generators.kit.view import View, clock, nice_step, ruler

RATE = 20  # trajectory samples per simulated second
TRAIL_DT = 0.05  # s of flight between two dots of the trail
BALL = NAMED["red"]
TOWER = NAMED["gray"]
PLATFORM = NAMED["brown"]
MARK = NAMED["blue"]
GROUND_Y = 800  # canvas y of the ground surface
BALL_R = 14  # drawn radius in units; surfaces are drawn one radius below the centre path
EDGE = 0.4  # m: landings keep at least this far from a platform edge
# Where the field ends (m from the launch point): the first of these past everything the
# first frame shows and the farthest the ball could fly at its speed (at the best angle).
FIELD_ENDS = (6, 8, 10, 12, 15, 20, 25, 30, 40, 50, 60, 70)
INSTANCES = 500_000  # measured (about 550,000 from 20,000 draws): scripts/measure_instances.py


def flight(v: float, angle: float, h0: float, platform: dict | None) -> dict:
    """Where a point launched from (0, h0) first meets the ground or the platform top.

    Returns the surface hit ("ground", "platform" or "side" for the platform's left wall),
    the time and the landing point."""
    vx = v * math.cos(math.radians(angle))
    vy = v * math.sin(math.radians(angle))

    def descending_time(level: float) -> float | None:
        disc = vy * vy + 2 * G * (h0 - level)
        return None if disc < 0 else (vy + math.sqrt(disc)) / G

    t_ground = descending_time(0.0)
    if platform:
        x0, x1, ph = platform["x0"], platform["x1"], platform["height"]
        t_side = x0 / vx
        y_side = h0 + vy * t_side - G * t_side**2 / 2
        if t_side < t_ground and y_side < ph:  # reaches x0 below the platform top
            return {"surface": "side", "t": t_side, "x": x0, "y": y_side}
        t_top = descending_time(ph)
        if t_top is not None and x0 <= vx * t_top <= x1:
            return {"surface": "platform", "t": t_top, "x": vx * t_top, "y": ph}
    return {"surface": "ground", "t": t_ground, "x": vx * t_ground, "y": 0.0}


@register(
    "G-10_object_trajectory",
    title="Projectile trajectory",
    description="Predict where a ball launched along a drawn velocity arrow lands; the video flies its exact parabola.",
    category="physics-motion",
    params=[
        Param("target", "str", "any", choices=("any", "ground", "platform"),
              help="where the ball lands: on the ground, on top of a platform, or either"),
        Param("max_speed", "float", 20.0, 10.0, 25.0, help="largest launch speed in m/s"),
        Param("tower", "bool", True, help="allow launching from the top of a tower"),
        Param("obstacles", "bool", True,
              help="a platform may stand in the field when the ball is to land on the ground"),
    ],
    shard_size=80,
    memory="low",
    instances=INSTANCES,
    faculty="knowledge",
    levels={1: {"target": "ground", "tower": False, "obstacles": False},
            2: {"target": "ground", "tower": True, "obstacles": False},
            3: {},
            4: {"target": "platform"},
            5: {"target": "platform", "max_speed": 25.0}},
)  # fmt: skip
class ObjectTrajectory(Task):
    def generate(self, rng, params):
        target = params["target"]
        if target == "any":
            target = "platform" if rng.random() < 0.5 else "ground"
        while True:
            v = snap(rng.uniform(8.0, params["max_speed"]))
            angle = int(rng.integers(15, 76))
            h0 = snap(rng.uniform(1.0, 6.0), 0.5) if params["tower"] and rng.random() < 0.6 else 0.0
            vx = v * math.cos(math.radians(angle))
            vy = v * math.sin(math.radians(angle))
            apex = h0 + vy * vy / (2 * G)
            platform = None
            if target == "platform":
                if apex - h0 < 1.0 and h0 < 1.0:
                    continue
                # the landing point lies anywhere along the platform's top, so neither end
                # of the platform tells where the ball comes down
                ph = snap(rng.uniform(0.5, apex - 0.5))
                t_down = (vy + math.sqrt(vy * vy + 2 * G * (h0 - ph))) / G
                width = rng.uniform(2 * EDGE + 0.4, 6.0)
                x0 = snap(vx * t_down - rng.uniform(EDGE, width - EDGE))
                platform = {"x0": x0, "x1": snap(x0 + width), "height": ph}
            elif params["obstacles"] and rng.random() < 0.5:
                # anywhere the ball could reach at this speed: flown over, fallen short of
                # or never near, independently of where it lands
                ph = snap(rng.uniform(0.5, 3.0))
                x0 = snap(rng.uniform(1.5, reach(v, h0)))
                platform = {"x0": x0, "x1": snap(x0 + rng.uniform(1.0, 3.0)), "height": ph}
            puzzle = {"speed": v, "angle": angle, "launch_height": h0, "platform": platform,
                      "g": G}  # fmt: skip
            hit = flight(v, angle, h0, platform)
            if hit["surface"] != target or not 1.0 <= hit["t"] <= 4.0:
                continue
            if platform and (platform["x0"] < 1.5 or not _clear_of_edges(hit, platform)):
                continue
            return puzzle

    def solve(self, puzzle, params):
        v, angle, h0 = puzzle["speed"], puzzle["angle"], puzzle["launch_height"]
        hit = flight(v, angle, h0, puzzle["platform"])
        vx = v * math.cos(math.radians(angle))
        vy = v * math.sin(math.radians(angle))
        samples = [[t, vx * t, h0 + vy * t - G * t * t / 2] for t in ticks_until(hit["t"], RATE)]
        t_apex = vy / G
        return {
            "surface": hit["surface"],
            "landing_x": hit["x"],
            "landing_y": hit["y"],
            "flight_time": hit["t"],
            "apex": [vx * t_apex, h0 + vy * t_apex / 2],
            "samples": samples,
        }

    def check(self, puzzle, answer, params):
        g, h0 = puzzle["g"], puzzle["launch_height"]
        vx0 = puzzle["speed"] * math.cos(math.radians(puzzle["angle"]))
        vy0 = puzzle["speed"] * math.sin(math.radians(puzzle["angle"]))
        s = answer["samples"]
        require(len(s) >= 3, "too few trajectory samples")
        dt = 1 / RATE
        require(steady((r[0] for r in s[:-1]), RATE), "samples are not taken at a fixed rate")
        require(0 < s[-1][0] - s[-2][0] <= dt + 1e-6, "last sample is not the landing moment")
        require(
            abs(s[0][1]) < 1e-6 and abs(s[0][2] - h0) < 1e-6, "does not start at the launch point"
        )
        uniform = s[:-1]
        for a, b in itertools.pairwise(uniform):
            require(
                abs((b[1] - a[1]) - vx0 * dt) < 1e-4, f"horizontal velocity changes at t={b[0]}"
            )
        for row, acc in zip(uniform[1:], accelerations([r[2] for r in uniform], dt)):
            require(abs(acc + g) < 0.02, f"vertical acceleration is not -g at t={row[0]}")
        require(
            abs((s[1][2] - s[0][2]) / dt + g * dt / 2 - vy0) < 1e-3,
            "initial vertical velocity differs from the launch arrow",
        )
        vmax = math.hypot(vx0, vy0) + g * s[-1][0]
        require(
            all(
                math.dist(a[1:], b[1:]) <= vmax * (b[0] - a[0]) + 1e-6
                for a, b in itertools.pairwise(s)
            ),
            "the ball jumps between samples",
        )
        # the last sample lands on a surface, every earlier one is in free air
        t_end, x_end, y_end = s[-1]
        require(
            abs(x_end - vx0 * t_end) < 1e-4
            and abs(y_end - (h0 + vy0 * t_end - g * t_end**2 / 2)) < 1e-4,
            "landing sample is off the parabola",
        )
        plat = puzzle["platform"]
        if answer["surface"] == "platform":
            require(plat is not None, "lands on a platform that does not exist")
            require(abs(y_end - plat["height"]) < 1e-4, "landing is not on the platform top")
            require(plat["x0"] <= x_end <= plat["x1"], "landing is beside the platform")
        else:
            require(answer["surface"] == "ground", "the ball must land on the ground or a platform")
            require(abs(y_end) < 1e-4, "landing is not on the ground")
        for _t, x, y in s[:-1]:
            require(y > -1e-6, "the ball goes below the ground before landing")
            if plat:
                inside = plat["x0"] <= x <= plat["x1"] and y < plat["height"] - 1e-6
                require(not inside, "the ball passes through the platform")
        if plat and answer["surface"] == "ground" and x_end > plat["x0"]:
            # it went past the platform: at the platform's x range it must have been above it
            t_in, t_out = plat["x0"] / vx0, plat["x1"] / vx0
            for t in (t_in, t_out):
                require(
                    h0 + vy0 * t - g * t * t / 2 >= plat["height"], "the ball hits the platform"
                )
        require(
            abs(answer["landing_x"] - x_end) < 1e-6 and abs(answer["landing_y"] - y_end) < 1e-6
            and abs(answer["flight_time"] - t_end) < 1e-6,
            "landing point does not match the trajectory",
        )  # fmt: skip
        t_top = vy0 / g  # the highest point, where the vertical velocity is zero
        require(math.dist(answer["apex"], (vx0 * t_top, h0 + vy0 * vy0 / (2 * g))) < 1e-4,
                "the highest point is wrong")  # fmt: skip
        # the descending root of y(t) = surface must be the landing time (first contact)
        level = y_end
        t_root = (vy0 + math.sqrt(max(vy0 * vy0 + 2 * g * (h0 - level), 0))) / g
        require(abs(t_root - t_end) < 1e-4, "the ball lands at the wrong time")

    def prompt(self, puzzle, params):
        p, h0 = puzzle["platform"], puzzle["launch_height"]
        start = (
            f"on top of a gray tower {h0:g} m tall at the left"
            if h0
            else "on the ground at the left"
        )
        plat = (
            f" A brown platform {p['height']:g} m high stands on the ground from "
            f"{p['x0']:g} m to {p['x1']:g} m."
            if p
            else ""
        )
        return (
            f"Side view of a flat field. A small red ball sits {start}. The black arrow shows its "
            f"launch velocity: {puzzle['speed']:g} m/s at {puzzle['angle']} degrees above the "
            f"horizontal.{plat} The ruler along the ground marks horizontal distance in metres "
            "from the launch point. Gravity is 9.81 m/s^2 downward and there is no air "
            f"resistance. Launch the ball and show it {pace(Field(puzzle).slow)}, with the clock "
            "counting the seconds of flight, flying along its parabola and leaving a dotted trail "
            f"until it first touches the ground{' or the top of the platform' if p else ''}; then "
            "mark the landing point with a blue tick and its distance. The "
            f"{scenery(puzzle)} stay unchanged. The video ends when the ball has landed."
        )

    def rubric(self, puzzle, answer, params):
        where = "the top of the brown platform" if answer["surface"] == "platform" else "the ground"
        ax, ay = answer["apex"]
        return "\n".join([
            "1. The red ball starts at the launch point and leaves in the direction of the black arrow.",
            "2. The path is one smooth parabola: the ball moves the same horizontal distance in "
            "each equal time step, slows while rising and speeds up while falling.",
            f"3. The highest point is about {ay:.1f} m above the ground, at about {ax:.1f} m.",
            f"4. The ball first touches {where} at about {answer['landing_x']:.1f} m after about "
            f"{answer['flight_time']:.1f} s on the clock, without passing through anything before.",
            "5. The final frame shows the ball at the landing point, marked with a blue tick, and "
            f"the distance written as {answer['landing_x']:.1f} m.",
            f"6. The {scenery(puzzle)} do not move or change.",
        ])  # fmt: skip

    def render(self, puzzle, answer, params, film):
        view = Field(puzzle)
        base = film.canvas()
        view.draw_scene(base, puzzle)
        trail = base.copy()
        first = base.copy()
        view.draw_ball(first, 0.0, puzzle["launch_height"], 0.0)
        film.opening(first)
        v, angle, h0 = puzzle["speed"], puzzle["angle"], puzzle["launch_height"]
        vx = v * math.cos(math.radians(angle))
        vy = v * math.sin(math.radians(angle))
        flight = answer["flight_time"]
        dots = 1
        times = film.times(flight * view.slow, span=flight)
        for t in times:
            while dots * TRAIL_DT < t:  # the trail: where the ball was every TRAIL_DT
                td = dots * TRAIL_DT
                trail.dot(view.pt(vx * td, h0 + vy * td - G * td * td / 2), 4, fill=MUTED)
                dots += 1
            x, y = vx * t, h0 + vy * t - G * t * t / 2
            if t == times[-1]:  # the last frame shows the stored landing point
                x, y = answer["landing_x"], answer["landing_y"]
            frame = trail.copy()
            view.draw_ball(frame, x, y, t)
            film.add(frame)
        final = trail.copy()
        view.draw_landing(final, answer["landing_x"], answer["landing_y"])
        view.draw_ball(final, answer["landing_x"], answer["landing_y"], flight)
        film.closing(final)


def _clear_of_edges(hit: dict, plat: dict) -> bool:
    if hit["surface"] == "platform":
        return plat["x0"] + EDGE <= hit["x"] <= plat["x1"] - EDGE
    return abs(hit["x"] - plat["x0"]) >= EDGE and abs(hit["x"] - plat["x1"]) >= EDGE


class Field(View):
    """The scene in metres, centred horizontally, ball centres one radius above the ground.

    Its extent depends only on what the first frame shows: the field reaches past the
    platform and past the farthest landing the launch speed allows at any angle, and up to
    the highest any angle could take the ball."""

    X_LO = -1.5  # m: the field starts left of the launch point

    def __init__(self, puzzle: dict):
        v, h0, plat = puzzle["speed"], puzzle["launch_height"], puzzle["platform"]
        need = max(reach(v, h0) + 0.5, plat["x1"] + 1.0 if plat else 0.0)
        self.end = next((x for x in FIELD_ENDS if x >= need), FIELD_ENDS[-1])
        y_hi = h0 + v * v / (2 * G) + 0.6
        s = min(840 / (self.end - self.X_LO), 500 / y_hi)
        super().__init__(500 - s * (self.end + self.X_LO) / 2, GROUND_Y - BALL_R, s)
        # the fastest the ball can move (landing on the ground), in canvas units a second
        self.slow = slowdown(s * math.sqrt(v * v + 2 * G * h0))

    def draw_scene(self, c, puzzle: dict) -> None:
        x_lo, x_hi = self.x(self.X_LO), self.x(self.end)
        c.crisp_line(x_lo - 14, GROUND_Y + 6, x_hi + 14, GROUND_Y + 6, INK, 12)
        ruler(c, self, GROUND_Y + 12, x_hi + 1e-6, label_y=GROUND_Y + 72, label_color=INK,
              step=nice_step(self.s, 16, (0.5, 1, 2, 5)),
              every=nice_step(self.s, 90, (1, 2, 5, 10, 20)))  # fmt: skip
        c.text(x_hi, GROUND_Y + 130, "metres", size=40, anchor="rm", fill=MUTED)
        h0 = puzzle["launch_height"]
        if h0:
            top = self.y(h0) + BALL_R
            c.rect(self.ox - 40, top, self.ox + 40, GROUND_Y, fill=TOWER)
        p = puzzle["platform"]
        if p:
            x0, top = self.pt(p["x0"], p["height"])
            x1 = self.pt(p["x1"], 0)[0]
            c.rect(x0, top + BALL_R, x1, GROUND_Y, fill=PLATFORM)
        a = math.radians(puzzle["angle"])
        start = self.pt(0, h0)
        length = 170
        end = (start[0] + length * math.cos(a), start[1] - length * math.sin(a))
        c.arrow(start, end, fill=INK, width=8)
        label = f"launch: {puzzle['speed']:g} m/s at {puzzle['angle']}° above horizontal"
        c.text(60, 70, label, size=44, anchor="lm", bold=True)
        lines = [f"tower {h0:g} m tall"] * bool(h0)
        if p:
            lines.append(f"platform {p['height']:g} m high, from {p['x0']:g} m to {p['x1']:g} m")
        for i, line in enumerate(lines):
            c.text(60, 122 + 52 * i, line, size=40, anchor="lm")

    def draw_ball(self, c, x: float, y: float, t: float) -> None:
        c.circle(*self.pt(x, y), BALL_R, fill=BALL, outline=INK, width=2)
        clock(c, t)

    def draw_landing(self, c, x: float, y: float) -> None:
        """A blue tick at the landing point, and its distance above the highest the ball
        could fly (clear of the scene whatever the path)."""
        px, py = self.pt(x, y)
        surface = py + BALL_R
        c.line([(px, surface - 50), (px, surface + 6)], fill=MARK, width=6)
        c.text(940, 226, f"landed at {x:.1f} m", size=48, fill=MARK, anchor="rm", bold=True)


def scenery(puzzle: dict) -> str:
    """What stays put, as a prompt names it: only what the image shows."""
    things = ["tower"] * bool(puzzle["launch_height"]) + ["platform"] * bool(puzzle["platform"])
    return ", ".join([*things, "ruler"]) + " and arrow"


def reach(v: float, h0: float) -> float:
    """The farthest a ball launched at v m/s from h0 m up can land on the ground, whatever
    its angle: v / g sqrt(v^2 + 2 g h0)."""
    return v / G * math.sqrt(v * v + 2 * G * h0)
