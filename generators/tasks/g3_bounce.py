"""Bounce: a ball with a drawn initial velocity bounces off the walls of a box N times."""

from __future__ import annotations

import math

from generators.kit import INK, NAMED, Param, Task, register, require
from generators.kit.palette import lighten
from generators.kit.physics import steady, ticks

BOX = (80.0, 80.0, 920.0, 920.0)  # left, top, right, bottom in units
RADIUS = 34.0
WALL = 10.0  # wall thickness in units, inside the box
DOT_GAP, DOT_R = 22.0, 7.0  # the trail: a dot every DOT_GAP units of path
BALL = NAMED["red"]
TRAIL = lighten(BALL, 0.55)
ARROW_S = 0.5  # the launch arrow is as long as the ball travels in this many seconds
SAMPLE_HZ = 20  # trajectory samples per simulated second in the answer
TOL = 0.05  # units; stored floats are rounded to 6 decimals
# Canvas units per second: at most 27 units a frame at 16 fps, under the 3% that is a jump.
SPEEDS = (300, 431)
INSTANCES = 66_000_000  # at least: a lower bound measured by scripts/measure_instances.py


def free_box():
    """Where the ball's centre can be: the box shrunk by its radius."""
    left, top, right, bottom = BOX
    return left + RADIUS, top + RADIUS, right - RADIUS, bottom - RADIUS


def bounces(x: float, y: float, vx: float, vy: float, count: int) -> list[dict]:
    """The first `count` wall hits of a ball moving in straight lines between reflections."""
    x0, y0, x1, y1 = free_box()
    t, events = 0.0, []
    for _ in range(count):
        tx = (x1 - x) / vx if vx > 0 else (x0 - x) / vx if vx < 0 else math.inf
        ty = (y1 - y) / vy if vy > 0 else (y0 - y) / vy if vy < 0 else math.inf
        dt = min(tx, ty)
        t, x, y = t + dt, x + vx * dt, y + vy * dt
        wall = ("right" if vx > 0 else "left") if tx <= ty else ("bottom" if vy > 0 else "top")
        before = (vx, vy)
        vx, vy = (-vx, vy) if wall in ("left", "right") else (vx, -vy)
        events.append({"t": t, "x": x, "y": y, "wall": wall, "v_in": list(before), "v_out": [vx, vy],
                       "corner_gap": abs(tx - ty)})  # fmt: skip
    return events


def position(puzzle: dict, events: list[dict], t: float) -> tuple[float, float]:
    """Where the ball is at time t, replayed from the last event before t."""
    x, y = puzzle["start"]
    vx, vy = puzzle["velocity"]
    t0 = 0.0
    for e in events:
        if e["t"] > t:
            break
        x, y, (vx, vy), t0 = e["x"], e["y"], e["v_out"], e["t"]
    return x + vx * (t - t0), y + vy * (t - t0)


@register(
    "G-3_bounce",
    title="Bounce",
    description="A ball launched along the drawn arrow bounces off the box walls N times at constant speed.",
    category="physics-motion",
    params=[Param("bounces", "int", 3, 1, 8, help="wall hits before the video ends")],
    shard_size=50,
    memory="low",
    instances=INSTANCES,
    faculty="spatiality",
    levels={1: {"bounces": 1}, 2: {"bounces": 2}, 3: {"bounces": 3}, 4: {"bounces": 5},
            5: {"bounces": 7}},
)  # fmt: skip
class Bounce(Task):
    def generate(self, rng, params):
        x0, y0, x1, y1 = free_box()
        while True:
            x, y = int(rng.integers(x0 + 60, x1 - 59)), int(rng.integers(y0 + 60, y1 - 59))
            degrees = int(rng.integers(0, 360))
            angle = math.radians(degrees)
            if min(abs(math.sin(angle)), abs(math.cos(angle))) < 0.2:
                continue  # nearly axis-parallel shots make dull, ambiguous bounces
            unit = bounces(x, y, math.cos(angle), math.sin(angle), params["bounces"] + 1)
            if min(e["corner_gap"] for e in unit) < 40:
                continue  # no corner hits: each bounce is off exactly one wall
            speed = int(rng.integers(*SPEEDS))  # slow enough to glide from frame to frame
            if unit[0]["t"] < ARROW_S * speed + 30:
                continue  # the launch arrow must fit inside the box
            path = (unit[-2]["t"] + unit[-1]["t"]) / 2  # N bounces, then half-way to the next
            return {"start": [x, y], "angle": degrees, "speed": speed,
                    "velocity": [speed * math.cos(angle), speed * math.sin(angle)],
                    "bounces": params["bounces"], "duration": path / speed,
                    "radius": RADIUS, "box": list(BOX)}  # fmt: skip

    def solve(self, puzzle, params):
        x, y = puzzle["start"]
        events = bounces(x, y, *puzzle["velocity"], puzzle["bounces"])
        for e in events:
            del e["corner_gap"]
        samples = [[t, *position(puzzle, events, t)] for t in ticks(puzzle["duration"], SAMPLE_HZ)]
        samples[-1] = [puzzle["duration"], *position(puzzle, events, puzzle["duration"])]
        return {"events": events, "trajectory": samples, "final": samples[-1][1:],
                "walls": [e["wall"] for e in events]}  # fmt: skip

    def check(self, puzzle, answer, params):
        left, top, right, bottom = puzzle["box"]
        r = puzzle["radius"]
        angle = math.radians(puzzle["angle"])
        speed = puzzle["speed"]
        require(math.dist(puzzle["velocity"], (speed * math.cos(angle), speed * math.sin(angle)))
                < TOL, "the launch velocity is not along the arrow")  # fmt: skip
        events = answer["events"]
        require(len(events) == puzzle["bounces"], "wrong number of bounces")
        require(answer["walls"] == [e["wall"] for e in events], "the wall order is wrong")
        pos, vel, t = puzzle["start"], puzzle["velocity"], 0.0
        for e in events:
            # The ball travels in a straight line at constant velocity to the first wall it
            # meets (the centre keeps one radius from every wall)...
            until = {"left": (left + r - pos[0]) / vel[0] if vel[0] < 0 else math.inf,
                     "right": (right - r - pos[0]) / vel[0] if vel[0] > 0 else math.inf,
                     "top": (top + r - pos[1]) / vel[1] if vel[1] < 0 else math.inf,
                     "bottom": (bottom - r - pos[1]) / vel[1] if vel[1] > 0 else math.inf}  # fmt: skip
            first = min(until, key=until.get)
            require(e["wall"] == first, f"after t={t:.2f} the ball meets the {first} wall first")
            require(abs(e["t"] - t - until[first]) < 1e-6, "a bounce is at the wrong time")
            require(e["t"] < puzzle["duration"], "a bounce falls after the end of the video")
            expect = (pos[0] + vel[0] * (e["t"] - t), pos[1] + vel[1] * (e["t"] - t))
            require(math.dist(expect, (e["x"], e["y"])) < TOL, "ball leaves its straight line")
            # ...and reflects: the normal component flips, the tangential one is kept.
            vin, vout = e["v_in"], e["v_out"]
            require(
                math.dist(vin, vel) < TOL,
                "incoming velocity differs from the previous outgoing one",
            )
            flipped = (-vin[0], vin[1]) if e["wall"] in ("left", "right") else (vin[0], -vin[1])
            require(math.dist(flipped, vout) < TOL, "reflection law violated")
            require(abs(math.hypot(*vout) - speed) < TOL, "speed changed at a bounce")
            pos, vel, t = (e["x"], e["y"]), vout, e["t"]
        # the video ends half-way between the last bounce and the one after it
        nxt = min(d for d in ((left + r - pos[0]) / vel[0], (right - r - pos[0]) / vel[0],
                              (top + r - pos[1]) / vel[1], (bottom - r - pos[1]) / vel[1]) if d > 0)  # fmt: skip
        require(abs(puzzle["duration"] - t - nxt / 2) < 1e-6, "the video does not end half-way")
        trajectory = answer["trajectory"]
        require(steady((ts for ts, _, _ in trajectory[:-1]), SAMPLE_HZ)
                and abs(trajectory[-1][0] - puzzle["duration"]) < 1e-6,
                "trajectory samples do not cover the video at a fixed rate")  # fmt: skip
        for ts, x, y in trajectory:
            require(
                left + r - TOL <= x <= right - r + TOL and top + r - TOL <= y <= bottom - r + TOL,
                "ball passes through a wall",
            )
            # Every sample lies on the replayed piecewise-straight path.
            require(
                math.dist(position(puzzle, events, ts), (x, y)) < TOL,
                f"trajectory sample at t={ts:.2f} is off the path",
            )
        end = (
            pos[0] + vel[0] * (puzzle["duration"] - t),
            pos[1] + vel[1] * (puzzle["duration"] - t),
        )
        require(
            math.dist(answer["final"], end) < TOL
            and math.dist(answer["final"], trajectory[-1][1:]) < TOL,
            "final position mismatch",
        )

    def prompt(self, puzzle, params):
        n = puzzle["bounces"]
        return (
            "A red ball sits inside a closed box with black walls. The black arrow shows the "
            "direction it is launched in; its length is the distance the ball covers in half a "
            "second. Show the ball, in real time, moving in a straight line at constant speed, "
            "bouncing off the walls with the angle of reflection equal to the angle of incidence "
            "and no loss of speed. The box does not change. The video ends after the "
            f"ball has bounced {n} time{'s' if n > 1 else ''}, half-way to its next bounce; a light red "
            "dotted line traces the path it took."
        )

    def rubric(self, puzzle, answer, params):
        walls = ", ".join(answer["walls"])
        x, y = answer["final"]
        return "\n".join([
            "1. The ball starts where the first frame shows it and leaves along the arrow's direction.",
            "2. Between bounces it moves in straight lines at one constant speed.",
            f"3. It bounces exactly {puzzle['bounces']} times, off these walls in order: {walls}.",
            "4. Each bounce mirrors the direction: angle out equals angle in; the speed is unchanged.",
            "5. The ball never passes through or sticks to a wall; the box stays the same.",
            f"6. At the end the ball is at about ({x:.0f}, {y:.0f}) in a 1000x1000 frame (x to the "
            "right and y down from the top-left corner), and the traced path matches the motion.",
        ])  # fmt: skip

    def render(self, puzzle, answer, params, film):
        box = film.canvas()
        draw_walls(box, puzzle["box"])
        start, (vx, vy) = puzzle["start"], puzzle["velocity"]
        first = box.copy()
        first.arrow(start, (start[0] + vx * ARROW_S, start[1] + vy * ARROW_S), INK, width=9)
        first.circle(*start, RADIUS, fill=BALL, outline=INK, width=4)
        film.opening(first)
        # The path so far as dots every DOT_GAP units: a dotted trail never closes the
        # background into separate regions, so nothing but the ball seems to move.
        trail, dots = box, 0
        speed = math.hypot(vx, vy)
        for t in film.times(puzzle["duration"]):
            here = position(puzzle, answer["events"], t)
            while dots * DOT_GAP <= speed * t:
                trail.dot(position(puzzle, answer["events"], dots * DOT_GAP / speed), DOT_R, TRAIL)
                dots += 1
            frame = trail.copy()
            frame.circle(*here, RADIUS, fill=BALL, outline=INK, width=4)
            film.add(frame)
        film.closing(frame)


def draw_walls(c, box) -> None:
    """The box's walls inside its outline, snapped to whole pixels: a static edge with no
    blended rim for the moving ball to cut into pieces."""
    left, top, right, bottom = box
    w = WALL / 2
    for x0, y0, x1, y1 in (
        (left + w, top + w, right - w, top + w),
        (left + w, bottom - w, right - w, bottom - w),
        (left + w, top + w, left + w, bottom - w),
        (right - w, top + w, right - w, bottom - w),
    ):
        c.crisp_line(x0, y0, x1, y1, INK, WALL)  # fmt: skip
