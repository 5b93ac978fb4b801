"""Falling with air drag: balls of stated masses and drag coefficients are dropped from rest,
speed up, and level off at their terminal speeds (m g / b for a drag b v, sqrt(m g / c) for a
drag c v^2). Predict the landing order and each terminal speed; the motion is the exact
solution (tanh and log-cosh, or exponentials), and the checker re-integrates it."""

from __future__ import annotations

import itertools
import math

from generators.kit import INK, MUTED, NAMED, Param, Task, redraw, register, require
from generators.kit.physics import G, rk4_step, snap, steady, ticks_until
from generators.kit.view import View, nice_step

RATE = 20  # trajectory samples per simulated second
LABELS = "ABCD"
COLOURS = ("red", "blue", "green", "orange")
GROUND_Y = 900.0  # canvas y of the ground
TOP_Y = 330.0  # canvas y of the highest release point
BALL_R = 20.0  # drawn radius (a marker, not to scale): centres ride one radius above the ground
LANES = (240.0, 920.0)  # canvas x range of the lanes
SPEED_X, CLOCK_X = 862.0, 930.0  # where the changing numbers of the readouts end
MAX_SPEED = 400.0  # canvas units per second at most (25 per frame at 16 fps)
GAP = 0.3  # s: landings at least this far apart
LONGEST = 5.0  # s: the last landing at the latest (a short video)


def terminal_speed(ball: dict, law: str, g: float = G) -> float:
    if law == "linear":
        return ball["mass"] * g / ball["drag"]
    return math.sqrt(ball["mass"] * g / ball["drag"])


def fall(ball: dict, law: str, t: float, g: float = G) -> tuple[float, float]:
    """Exact (distance fallen, speed) t seconds after release from rest."""
    vt = terminal_speed(ball, law, g)
    tau = vt / g
    x = t / tau
    if law == "linear":
        return vt * (t - tau * -math.expm1(-x)), vt * -math.expm1(-x)
    log_cosh = x + math.log1p(math.exp(-2 * x)) - math.log(2)
    return vt * tau * log_cosh, vt * math.tanh(x)


def landing_time(ball: dict, law: str, g: float = G) -> float:
    vt = terminal_speed(ball, law, g)
    tau, h = vt / g, ball["height"]
    if law == "quadratic":
        return tau * math.acosh(math.exp(h / (vt * tau)))
    t = math.sqrt(2 * h / g)  # Newton's method on the fallen distance, from the drag-free time
    for _ in range(60):
        d, v = fall(ball, law, t, g)
        step = (d - h) / v
        t -= step
        if abs(step) < 1e-13:
            break
    return t


def simulate(puzzle: dict, g: float = G, mass: float = 1.0, drag: float = 1.0) -> dict:
    """The motion of every ball; `g`, and factors on every mass and drag coefficient, let
    tests build answers with wrong physics."""
    law = puzzle["law"]
    out = {"terminal_speeds": [], "landing_times": [], "impact_speeds": [], "samples": []}
    for ball in puzzle["balls"]:
        b = {**ball, "mass": ball["mass"] * mass, "drag": ball["drag"] * drag}
        t_land = landing_time(b, law, g)
        rows = [[t, ball["height"] - fall(b, law, t, g)[0], -fall(b, law, t, g)[1]]
                for t in ticks_until(t_land, RATE)]  # fmt: skip
        rows[-1][1] = 0.0
        out["terminal_speeds"].append(terminal_speed(b, law, g))
        out["landing_times"].append(t_land)
        out["impact_speeds"].append(-rows[-1][2])
        out["samples"].append(rows)
    order = sorted(range(len(puzzle["balls"])), key=lambda i: out["landing_times"][i])
    out["order"] = [puzzle["balls"][i]["label"] for i in order]
    return out


@register(
    "G-43_drag_fall",
    title="Falling with air drag",
    description="Balls of stated mass and drag are dropped; predict the landing order and terminal speeds (exact drag motion).",
    category="physics-motion",
    params=[
        Param("balls", "int", 3, 2, 4, help="balls dropped at once"),
        Param("law", "str", "quadratic", choices=("linear", "quadratic"),
              help="drag force b v (linear) or c v^2 (quadratic)"),
        Param("heights", "str", "same", choices=("same", "different"),
              help="all balls start at one height, or each at its own"),
        Param("lure", "bool", True,
              help="the heaviest (and, at different heights, the lowest) ball does not land first"),
    ],
    shard_size=80,
    memory="low",
    instances=2_600_000,
    faculty="transformation",
    levels={
        1: {"balls": 2, "law": "linear", "heights": "same", "lure": False},
        2: {"balls": 2, "law": "quadratic", "heights": "same", "lure": False},
        3: {"balls": 3, "law": "quadratic", "heights": "same", "lure": True},
        4: {"balls": 3, "law": "quadratic", "heights": "different", "lure": True},
        5: {"balls": 4, "law": "quadratic", "heights": "different", "lure": True},
    },
)  # fmt: skip
class DragFall(Task):
    def generate(self, rng, params):
        return redraw(lambda: _draw_puzzle(rng, params))

    def solve(self, puzzle, params):
        return simulate(puzzle)

    def check(self, puzzle, answer, params):
        law, balls = puzzle["law"], puzzle["balls"]
        require(len(answer["samples"]) == len(balls), "one trajectory per ball is needed")
        for i, ball in enumerate(balls):
            vt = (ball["mass"] * G / ball["drag"] if law == "linear"
                  else math.sqrt(ball["mass"] * G / ball["drag"]))  # fmt: skip
            require(abs(answer["terminal_speeds"][i] - vt) < 1e-5,
                    f"ball {ball['label']}'s terminal speed is not what its mass and drag give")  # fmt: skip
            rows = answer["samples"][i]
            require(len(rows) >= 3 and steady((r[0] for r in rows[:-1]), RATE),
                    "samples are not taken at a fixed rate")  # fmt: skip
            require(
                rows[0][1:] == [ball["height"], 0.0], f"ball {ball['label']} does not start at rest"
            )
            accel = _law(ball["drag"] / ball["mass"], law)
            for a, b in itertools.pairwise(rows):
                y, v = a[1], a[2]
                n = max(1, math.ceil((b[0] - a[0]) * 400))
                h = (b[0] - a[0]) / n
                for _ in range(n):
                    y, v = rk4_step(accel, y, v, h)
                require(abs(y - b[1]) < 1e-4 and abs(v - b[2]) < 1e-4,
                        f"ball {ball['label']} does not fall as gravity and its drag say at t={b[0]:g}")  # fmt: skip
                require(abs(v) < vt + 1e-6, f"ball {ball['label']} passes its terminal speed")
            require(rows[-1][1] == 0.0 and all(r[1] > 0 for r in rows[:-1]),
                    f"ball {ball['label']} does not land at its last sample")  # fmt: skip
            require(abs(answer["landing_times"][i] - rows[-1][0]) < 1e-6
                    and abs(answer["impact_speeds"][i] + rows[-1][2]) < 1e-6,
                    f"ball {ball['label']}'s landing time or speed does not match its fall")  # fmt: skip
        by_time = sorted(range(len(balls)), key=lambda i: answer["landing_times"][i])
        require(
            answer["order"] == [balls[i]["label"] for i in by_time], "the landing order is wrong"
        )
        gaps = [
            answer["landing_times"][j] - answer["landing_times"][i]
            for i, j in itertools.pairwise(by_time)
        ]
        require(min(gaps) >= GAP - 1e-6, "two landings are too close to tell apart")

    def prompt(self, puzzle, params):
        n, law = len(puzzle["balls"]), puzzle["law"]
        force = ("b v, where v is its speed and b its drag coefficient in kg/s" if law == "linear"
                 else "c v^2, where v is its speed and c its drag coefficient in kg/m")  # fmt: skip
        if puzzle["heights"] == "same":
            start = f"from {puzzle['balls'][0]['height']:g} m above the ground"
        else:
            start = "each from the height written at its start (metres, as on the ruler)"
        return (
            f"Side view of {n} balls, labelled {LABELS[0]} to {LABELS[n - 1]}, released together from "
            f"rest {start}. The table at the top gives each ball's mass and drag coefficient. Air "
            f"drag pushes against each ball's motion with a force {force}; gravity is 9.81 m/s^2. "
            "The ruler on the left gives the height in metres. In what order do the balls land, and "
            "what terminal speed does each one approach? Show the balls falling, their speeds "
            "counting up in the table and the clock at the top right running in seconds, until the "
            "last ball lands; mark each landing with its place."
        )

    def rubric(self, puzzle, answer, params):
        speeds = ", ".join(
            f"{b['label']} {v:.1f} m/s" for b, v in zip(puzzle["balls"], answer["terminal_speeds"])
        )
        times = ", ".join(
            f"{lab} at about {answer['landing_times'][LABELS.index(lab)]:.2f} s"
            for lab in answer["order"]
        )
        return "\n".join([
            "1. Every ball starts at rest at its release height and falls straight down.",
            "2. Each ball speeds up quickly at first, then ever more slowly, and never exceeds its "
            f"terminal speed: {speeds}.",
            f"3. The balls land in the order {', '.join(answer['order'])}: {times}.",
            "4. A landed ball stays on the ground, marked with its place (1st, 2nd, ...).",
            "5. The ruler, the release marks and the table's masses and drag coefficients do not change.",
        ])  # fmt: skip

    def render(self, puzzle, answer, params, film):
        scene = Tower(puzzle)
        base = film.canvas()
        scene.draw_static(base)
        frame = base.copy()
        scene.draw_moving(frame, answer, 0.0)
        film.opening(frame)
        end = max(answer["landing_times"])
        for t in ticks_until(end, film.fps * film.scale)[1:]:
            frame = base.copy()
            scene.draw_moving(frame, answer, t)
            film.add(frame)
        film.closing(frame)


class Tower(View):
    """Heights in metres on a vertical scale fitted to the highest stated release height."""

    def __init__(self, puzzle: dict):
        self.puzzle = puzzle
        top = max(b["height"] for b in puzzle["balls"])
        super().__init__(0.0, GROUND_Y - BALL_R, (GROUND_Y - BALL_R - TOP_Y) / top)
        n = len(puzzle["balls"])
        width = (LANES[1] - LANES[0]) / n
        self.lanes = [LANES[0] + width * (i + 0.5) for i in range(n)]

    def draw_static(self, c) -> None:
        c.rect(40, GROUND_Y, 960, GROUND_Y + 16, fill=INK)
        top = max(b["height"] for b in self.puzzle["balls"])
        step = nice_step(self.s, 14, (1, 2, 5, 10, 20))
        every = nice_step(self.s, 70, (5, 10, 20, 50))
        m = 0.0
        while m <= top + 1e-9:
            y = self.y(m) + BALL_R
            major = abs(m / every - round(m / every)) < 1e-9
            c.line([(170, y), (170 - (30 if major else 16), y)], fill=INK, width=3)
            if major and m > 0:  # the ground itself is zero
                c.text(125, y, f"{m:g}", size=40, anchor="rm", fill=INK)
            m += step
        c.line([(170, self.y(0) + BALL_R), (170, self.y(top) + BALL_R)], fill=INK, width=3)
        c.text(40, GROUND_Y + 60, "height (m)", size=40, anchor="lm", fill=MUTED)
        for i, ball in enumerate(self.puzzle["balls"]):
            x, y = self.lanes[i], self.y(ball["height"])
            # the ball rests on a shelf at its stated height (the ruler reads the ball's bottom)
            c.line([(x - 34, y + BALL_R + 3), (x + 34, y + BALL_R + 3)], fill=MUTED, width=5)
            c.text(x, y - BALL_R - 30, ball["label"], size=40, bold=True, fill=NAMED[COLOURS[i]])
            if self.puzzle["heights"] == "different":
                c.text(
                    x + 40,
                    y + BALL_R + 3,
                    f"{ball['height']:g} m",
                    size=40,
                    anchor="lm",
                    fill=MUTED,
                )
        unit = "kg/s" if self.puzzle["law"] == "linear" else "kg/m"
        sym = "b" if self.puzzle["law"] == "linear" else "c"
        for i, ball in enumerate(self.puzzle["balls"]):
            y = 60 + 52 * i
            c.circle(62, y, 16, fill=NAMED[COLOURS[i]], outline=INK, width=2)
            c.text(92, y, f"{ball['label']}: {ball['mass']:g} kg, {sym} = {ball['drag']:g} {unit}",
                   size=40, anchor="lm")  # fmt: skip
            # the speed readout: the number changes each frame, the rest is drawn once
            c.text(SPEED_X - 86, y, "v =", size=40, anchor="rm", fill=NAMED[COLOURS[i]])
            c.text(SPEED_X + 12, y, "m/s", size=40, anchor="lm", fill=NAMED[COLOURS[i]])
        c.text(CLOCK_X - 110, GROUND_Y + 60, "t =", size=44, anchor="rm", bold=True)
        c.text(CLOCK_X + 12, GROUND_Y + 60, "s", size=44, anchor="lm", bold=True)

    def draw_moving(self, c, answer: dict, t: float) -> None:
        places = {lab: k + 1 for k, lab in enumerate(answer["order"])}
        for i, ball in enumerate(self.puzzle["balls"]):
            y, v = _state(ball, self.puzzle["law"], answer["landing_times"][i], t)
            colour = NAMED[COLOURS[i]]
            c.circle(self.lanes[i], self.y(y), BALL_R, fill=colour, outline=INK, width=2)
            c.text(SPEED_X, 60 + 52 * i, f"{v:.1f}", size=40, anchor="rm", fill=colour)
            if t >= answer["landing_times"][i]:
                place = places[ball["label"]]
                c.text(self.lanes[i], GROUND_Y - 2 * BALL_R - 34, f"{place}{_ordinal(place)}", size=44,
                       fill=colour, bold=True)  # fmt: skip
        c.text(CLOCK_X, GROUND_Y + 60, f"{t:.2f}", size=44, anchor="rm", bold=True)


def _law(k: float, law: str):
    """y'' = -g - k v (linear) or -g - k v |v| (quadratic), with y up: what the checker
    integrates afresh between samples."""
    if law == "linear":
        return lambda _y, v: -G - k * v
    return lambda _y, v: -G - k * v * abs(v)


def _state(ball: dict, law: str, landing: float, t: float) -> tuple[float, float]:
    """Height and speed of a ball at time t, from the exact solution (0 once landed)."""
    if t >= landing:
        return 0.0, 0.0
    d, v = fall(ball, law, t)
    return ball["height"] - d, v


def _ordinal(n: int) -> str:
    return {1: "st", 2: "nd", 3: "rd"}.get(n, "th")


# --- generation ----------------------------------------------------------------------


def _draw_puzzle(rng, params) -> dict | None:
    """Landing times are drawn first (apart, and in an order that is not simply heaviest or
    lowest first when `lure`), then each ball's drag is set to land it then."""
    law, n = params["law"], params["balls"]
    top = snap(rng.uniform(20, 60), 5)
    heights = [top] * n
    if params["heights"] == "different":
        heights = [top] + [snap(rng.uniform(0.4, 0.95) * top, 5) for _ in range(n - 1)]
        heights = [heights[int(i)] for i in rng.permutation(n)]
    scale = (GROUND_Y - BALL_R - TOP_Y) / top
    spans = []
    for h in heights:
        # fast enough to see, slow enough to stay on screen and to come within 80% of its
        # terminal speed before it lands
        reach = math.sqrt(h * G / (0.809 if law == "linear" else 0.511))
        fastest = min(MAX_SPEED / scale, reach)
        spans.append(
            (_time_to_land(h, fastest, law), min(_time_to_land(h, 0.3 * fastest, law), LONGEST))
        )
    for _ in range(30):
        times = [rng.uniform(lo, hi) for lo, hi in spans]
        ranked = sorted(range(n), key=lambda i: times[i])
        if min(times[j] - times[i] for i, j in itertools.pairwise(ranked)) < 2 * GAP:
            continue
        if (
            params["lure"]
            and params["heights"] == "different"
            and heights[ranked[0]] == min(heights)
        ):
            continue
        break
    else:
        return None
    masses = [snap(rng.uniform(0.2, 5.0), 0.1) for _ in range(n)]
    if params["lure"] and masses[ranked[0]] == max(masses):
        other = ranked[1 + int(rng.integers(n - 1))]
        masses[ranked[0]], masses[other] = masses[other], masses[ranked[0]]
    if params["lure"] and masses[ranked[0]] == max(masses):
        return None  # two equal heaviest masses
    balls = []
    for i in range(n):
        vt = _speed_to_land(heights[i], times[i], law)
        drag = _nice(masses[i] * G / (vt if law == "linear" else vt * vt))
        balls.append({"label": LABELS[i], "mass": masses[i], "drag": drag, "height": heights[i]})
    puzzle = {"law": law, "heights": params["heights"], "balls": balls}
    answer = simulate(puzzle)  # the rounded coefficients must keep every promise
    if max(answer["terminal_speeds"]) * scale > MAX_SPEED or max(answer["landing_times"]) > LONGEST:
        return None
    if answer["order"] != [LABELS[i] for i in ranked]:
        return None
    ordered = sorted(answer["landing_times"])
    if min(b - a for a, b in itertools.pairwise(ordered)) < GAP:
        return None
    if any(s < 0.8 * v for s, v in zip(answer["impact_speeds"], answer["terminal_speeds"])):
        return None
    return puzzle


def _time_to_land(height: float, vt: float, law: str) -> float:
    mass = 1.0
    drag = mass * G / (vt if law == "linear" else vt * vt)
    return landing_time({"mass": mass, "drag": drag, "height": height}, law)


def _speed_to_land(height: float, t: float, law: str) -> float:
    """The terminal speed that lands a ball dropped from `height` after t seconds (bisection:
    a faster ball lands sooner)."""
    lo, hi = 0.1, 500.0
    for _ in range(80):
        mid = math.sqrt(lo * hi)
        if _time_to_land(height, mid, law) > t:
            lo = mid
        else:
            hi = mid
    return math.sqrt(lo * hi)


def _nice(x: float) -> float:
    """x to two significant digits: a coefficient a table can state."""
    digits = 1 - math.floor(math.log10(x))
    return round(x, digits)
