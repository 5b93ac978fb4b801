"""A pulse on a string: it travels at the wave speed (stated, or sqrt(T / mu)) and reflects
at the ends, inverted at a fixed end and upright at a free one, its front staying in front.
The string's shape is the exact d'Alembert solution: the pulse on an unfolded line, folded
back onto the string with a sign for every end it has crossed. Predict where the pulse is at
a stated time, whether it is upright or inverted and which way it moves."""

from __future__ import annotations

import math

from generators.kit import INK, MUTED, NAMED, Param, Task, redraw, register, require
from generators.kit.palette import lighten
from generators.kit.physics import snap, steady, ticks
from generators.kit.view import View

RATE = 20  # samples per simulated second
LEFT_X, RIGHT_X, REST_Y = 110.0, 890.0, 500.0  # canvas: the string's ends and rest line
RULER_Y = 690.0
PULSE_SPEED = (200.0, 370.0)  # canvas units per second
SLOPE_SPEED = 380.0  # canvas units per second at most for any point of the string
PROFILE_POINTS = 41  # the final shape, stated at this many points along the string
ENDS = ("fixed", "free")
POST, RING = NAMED["gray"], NAMED["blue"]


def wave_speed(puzzle: dict) -> float:
    if puzzle["speed_from"] == "tension":
        return math.sqrt(puzzle["tension"] / puzzle["density"])
    return puzzle["speed"]


def shape(puzzle: dict, xi: float) -> float:
    """The pulse's height at signed distance xi ahead of its peak (front side: xi > 0): a
    raised cosine reaching `front` ahead and `back` behind, zero beyond."""
    width = puzzle["front"] if xi > 0 else puzzle["back"]
    if abs(xi) >= width:
        return 0.0
    return puzzle["amplitude"] * math.cos(math.pi * xi / (2 * width)) ** 2


def _reach(puzzle: dict) -> float:
    """How far the pulse extends from its peak, on its wider side (m)."""
    return max(puzzle["front"], puzzle["back"])


def _sign(puzzle: dict, k: int) -> int:
    """The sign of segment k of the unfolded line: the product of the reflection factors
    (-1 fixed, +1 free) of every end crossed on the way from segment 0. Segment k covers
    [kL, (k+1)L] and is the string mirrored when k is odd; its boundary jL is the right end
    when j is odd, the left end when j is even."""
    sign = 1
    for j in range(1, k + 1) if k > 0 else range(0, k, -1):
        end = puzzle["ends"][1] if j % 2 else puzzle["ends"][0]
        sign *= -1 if end == "fixed" else 1
    return sign


def string_at(puzzle: dict, t: float, x: float, speed: float | None = None) -> float:
    """The string's displacement at x and time t: every point of the unfolded line that
    folds onto x, with its sign (the d'Alembert solution with the ends as mirrors)."""
    v = wave_speed(puzzle) if speed is None else speed
    length, d = puzzle["length"], puzzle["direction"]
    u = puzzle["start"] + d * v * t
    total = 0.0
    for k in range(math.floor(u / length) - 1, math.floor(u / length) + 2):
        point = k * length + x if k % 2 == 0 else (k + 1) * length - x
        if abs(point - u) < _reach(puzzle):
            total += _sign(puzzle, k) * shape(puzzle, d * (point - u))
    return total


def simulate(puzzle: dict, speed: float | None = None, flip: dict | None = None) -> dict:
    """Where the peak goes. `speed` replaces the wave speed and `flip` the reflection rule
    ({"fixed": 1, "free": -1} turns it round): tests build wrong answers with them."""
    v = wave_speed(puzzle) if speed is None else speed
    rule = flip or {"fixed": -1, "free": 1}
    length, d, end = puzzle["length"], puzzle["direction"], puzzle["duration"]

    def state(t):
        u = puzzle["start"] + d * v * t
        k = math.floor(u / length)
        x = u - k * length if k % 2 == 0 else (k + 1) * length - u
        sign = 1
        for j in range(1, k + 1) if k > 0 else range(0, k, -1):
            sign *= rule[puzzle["ends"][1] if j % 2 else puzzle["ends"][0]]
        return x, sign, d * (1 if k % 2 == 0 else -1)

    samples = [[t, *state(t)] for t in ticks(end, RATE)]
    bounces = []
    u0, u1 = puzzle["start"], puzzle["start"] + d * v * end
    for j in range(math.floor(min(u0, u1) / length) + 1, math.floor(max(u0, u1) / length) + 1):
        side = 1 if j % 2 else 0
        bounces.append([abs(j * length - u0) / v, ("left", "right")[side], puzzle["ends"][side]])
    bounces.sort()
    x, sign, moving = state(end)
    xs = [length * i / (PROFILE_POINTS - 1) for i in range(PROFILE_POINTS)]
    profile = [sign * shape(puzzle, moving * (xx - x)) for xx in xs]
    return {"speed": v, "peak": x, "sign": sign, "moving": "right" if moving > 0 else "left",
            "reflections": bounces, "profile": profile, "samples": samples}  # fmt: skip


@register(
    "G-46_string_wave",
    title="Pulse on a string",
    description="A pulse reflects off fixed (inverted) and free (upright) ends; predict where it is, which way up and which way it moves.",
    category="physics-motion",
    params=[
        Param("reflections", "int", 2, 1, 3, help="reflections before the stated time"),
        Param("speed_from", "str", "tension", choices=("stated", "tension"),
              help="wave speed stated, or from tension and mass per metre (v = sqrt(T / mu))"),
        Param("profile", "str", "symmetric", choices=("symmetric", "lopsided"),
              help="a symmetric bump, or one with a steep front and a long tail"),
    ],
    shard_size=80,
    memory="low",
    instances=2_600_000,
    faculty="transformation",
    levels={
        1: {"reflections": 1, "speed_from": "stated", "profile": "symmetric"},
        2: {"reflections": 1, "speed_from": "tension", "profile": "symmetric"},
        3: {"reflections": 2, "speed_from": "tension", "profile": "symmetric"},
        4: {"reflections": 2, "speed_from": "tension", "profile": "lopsided"},
        5: {"reflections": 3, "speed_from": "tension", "profile": "lopsided"},
    },
)  # fmt: skip
class StringWave(Task):
    def generate(self, rng, params):
        return redraw(lambda: _draw_puzzle(rng, params))

    def solve(self, puzzle, params):
        return simulate(puzzle)

    def check(self, puzzle, answer, params):
        v = (
            math.sqrt(puzzle["tension"] / puzzle["density"])
            if puzzle["speed_from"] == "tension"
            else puzzle["speed"]
        )
        require(abs(answer["speed"] - v) < 1e-6, "the wave speed is not sqrt(T / mu)" if puzzle["speed_from"] == "tension"
                else "the wave speed is not the stated one")  # fmt: skip
        # walk the peak along the string in small steps, turning it round at each end
        length, rows = puzzle["length"], answer["samples"]
        require(steady((r[0] for r in rows), RATE) and abs(rows[-1][0] - puzzle["duration"]) < 1e-9,
                "samples do not cover the motion at a fixed rate")  # fmt: skip
        x, sign, moving, t = puzzle["start"], 1, puzzle["direction"], 0.0
        bounces = []
        for row in rows:
            while t < row[0] - 1e-12:
                to_end = (length - x) / v if moving > 0 else x / v
                if row[0] - t < to_end:
                    x, t = x + moving * v * (row[0] - t), row[0]
                else:  # reaches an end within this interval
                    side = 1 if moving > 0 else 0
                    x, t = (length if side else 0.0), t + to_end
                    end = puzzle["ends"][side]
                    sign *= (
                        -1 if end == "fixed" else 1
                    )  # inverted at a fixed end, upright at a free one
                    moving = -moving
                    bounces.append([t, ("left", "right")[side], end])
            require(abs(row[1] - x) < 1e-4 and row[2] == sign and row[3] == moving,
                    f"the peak is not where the wave carries it at t={row[0]:g}")  # fmt: skip
        require(len(answer["reflections"]) == len(bounces)
                and all(abs(a[0] - b[0]) < 1e-4 and a[1:] == b[1:] for a, b in zip(answer["reflections"], bounces)),
                "the reflections do not match the ends the pulse meets")  # fmt: skip
        require(abs(answer["peak"] - x) < 1e-4, "the pulse ends at the wrong place")
        require(answer["sign"] == sign, "the pulse ends the wrong way up")
        require(
            answer["moving"] == ("right" if moving > 0 else "left"),
            "the pulse ends moving the wrong way",
        )
        # the final shape: the pulse's own profile, turned over and mirrored as it reflected
        for i, got in enumerate(answer["profile"]):
            xx = length * i / (PROFILE_POINTS - 1)
            ahead = moving * (xx - x)
            width = puzzle["front"] if ahead > 0 else puzzle["back"]
            bump = math.cos(math.pi * ahead / (2 * width)) ** 2 if abs(ahead) < width else 0.0
            want = sign * puzzle["amplitude"] * bump
            require(
                abs(got - want) < 1e-3 * puzzle["amplitude"] + 1e-6,
                "the final shape of the string is wrong",
            )

    def prompt(self, puzzle, params):
        left, right = puzzle["ends"]
        speed = (f"The wave speed is {puzzle['speed']:g} m/s." if puzzle["speed_from"] == "stated" else
                 f"The string's tension is {puzzle['tension']:g} N and its mass per metre "
                 f"{puzzle['density']:g} kg/m.")  # fmt: skip
        lop = (" The pulse is lopsided: steep at its front, with a long tail behind."
               if puzzle["profile"] == "lopsided" else "")  # fmt: skip
        return (
            f"Side view of a taut string {puzzle['length']:g} m long (the ruler gives metres from its "
            f"left end). Its left end is {_end_text(left)}; its right end is {_end_text(right)}. "
            f"An upward pulse travels {'right' if puzzle['direction'] > 0 else 'left'} along it, as "
            f"the arrow shows. {speed}{lop} Where is the pulse's peak at t = {puzzle['duration']:g} s, "
            "is the pulse upright or upside down, and which way is it moving? Show the string "
            "until then; the clock gives the time in seconds."
        )

    def rubric(self, puzzle, answer, params):
        parts, up = [], True
        for t, side, end in answer["reflections"]:
            up = up != (end == "fixed")  # a fixed end turns the pulse over, a free one does not
            turn = "turned over" if end == "fixed" else "not turned over"
            parts.append(f"at about {t:.2f} s off the {side} ({end}) end, {turn}, so now "
                         f"{'upright' if up else 'upside down'}")  # fmt: skip
        bounces = "; ".join(parts)
        way = "upright" if answer["sign"] > 0 else "upside down"
        return "\n".join([
            f"1. The pulse keeps its shape and moves at {answer['speed']:.2f} m/s along the string.",
            f"2. It reflects {len(answer['reflections'])} time{'s' if len(answer['reflections']) > 1 else ''}: "
            f"{bounces}; its front stays in front after each reflection.",
            f"3. At t = {puzzle['duration']:g} s its peak is at about {answer['peak']:.2f} m from the left "
            f"end, {way}, moving {answer['moving']}.",
            "4. A fixed end never moves; a free end moves up and down while the pulse reflects there.",
            "5. The ends, the ruler and the string's length do not change.",
        ])  # fmt: skip

    def render(self, puzzle, answer, params, film):
        view = View(LEFT_X, REST_Y, (RIGHT_X - LEFT_X) / puzzle["length"])
        base = film.canvas()
        _draw_static(base, puzzle, view)
        frame = base.copy()
        _draw_string(frame, puzzle, view, 0.0, answer["speed"])
        tip_x = view.x(puzzle["start"])
        top = REST_Y - puzzle["amplitude"] * view.s - 50
        frame.arrow(
            (tip_x - 70 * puzzle["direction"], top),
            (tip_x + 70 * puzzle["direction"], top),
            fill=INK,
            width=7,
        )
        film.opening(frame)
        for t in ticks(puzzle["duration"], film.fps * film.scale)[1:]:
            frame = base.copy()
            _draw_string(frame, puzzle, view, t, answer["speed"])
            film.add(frame)
        film.closing(frame)


def _end_text(end: str) -> str:
    return ("clamped to a wall (a fixed end)" if end == "fixed"
            else "tied to a light ring sliding freely on a vertical rod (a free end)")  # fmt: skip


# --- generation ----------------------------------------------------------------------


def _draw_puzzle(rng, params) -> dict | None:
    length = snap(rng.uniform(3.0, 8.0), 0.5)
    scale = (RIGHT_X - LEFT_X) / length
    amplitude = snap(rng.uniform(45, 75) / scale, 0.01)
    pulse = rng.uniform(*PULSE_SPEED)  # canvas units per second
    # the steepest side (slope pi A / 2w) must not move any point faster than SLOPE_SPEED
    front = max(pulse * amplitude * math.pi / 2 / SLOPE_SPEED, rng.uniform(95, 125) / scale)
    front = snap(front, 0.01)
    back = snap(front * rng.uniform(1.6, 2.0), 0.01) if params["profile"] == "lopsided" else front
    puzzle = {"length": length, "ends": [ENDS[int(rng.integers(2))], ENDS[int(rng.integers(2))]],
              "amplitude": amplitude, "front": front, "back": back, "profile": params["profile"],
              "speed_from": params["speed_from"], "speed": None, "tension": None, "density": None,
              "direction": 1 if rng.random() < 0.5 else -1}  # fmt: skip
    if params["speed_from"] == "stated":
        puzzle["speed"] = snap(pulse / scale, 0.1)
    else:
        density = snap(rng.uniform(0.05, 0.5), 0.01)
        puzzle["density"] = density
        puzzle["tension"] = snap(density * (pulse / scale) ** 2, 0.1)
        if puzzle["tension"] <= 0:
            return None
    v = wave_speed(puzzle)
    if not PULSE_SPEED[0] * 0.9 <= v * scale <= PULSE_SPEED[1] * 1.05:
        return None
    clear = _reach(puzzle) + 0.1
    if length < 2 * clear + 0.5:
        return None
    start = snap(rng.uniform(clear, length - clear), 0.1)
    end = snap(rng.uniform(clear, length - clear), 0.1)
    # distance along the unfolded line: to the first end, (k - 1) lengths, back to `end`
    d = puzzle["direction"]
    k = params["reflections"]
    first = length - start if d > 0 else start
    last_end_right = (d > 0) == (k % 2 == 1)  # the k-th end met: ends alternate
    tail = (length - end) if last_end_right else end
    distance = first + (k - 1) * length + tail
    duration = snap(distance / v, 0.1)
    if not 1.5 <= duration <= 6.5:
        return None
    puzzle["start"], puzzle["duration"] = start, duration
    answer = simulate(puzzle)
    if len(answer["reflections"]) != k or not clear <= answer["peak"] <= length - clear:
        return None
    if any(abs(t * RATE - round(t * RATE)) < 1e-4 for t, _, _ in answer["reflections"]):
        return None  # a sample exactly at a reflection would be neither before nor after it
    return puzzle


# --- drawing -------------------------------------------------------------------------


def _draw_static(c, puzzle: dict, view: View) -> None:
    if puzzle["speed_from"] == "stated":
        head = f"Wave speed {puzzle['speed']:g} m/s"
    else:
        head = f"Tension {puzzle['tension']:g} N, mass per metre {puzzle['density']:g} kg/m"
    c.text(40, 60, head, size=44, anchor="lm", bold=True)
    length = puzzle["length"]
    step = 0.5 if length <= 4 else 1.0
    m = 0.0
    while m <= length + 1e-9:
        x = view.x(m)
        whole = abs(m - round(m)) < 1e-9
        c.line([(x, RULER_Y), (x, RULER_Y + (28 if whole else 14))], fill=INK, width=3)
        if whole:
            c.text(x, RULER_Y + 60, f"{m:g}", size=40)
        m += step
    c.line([(view.x(0), RULER_Y), (view.x(length), RULER_Y)], fill=INK, width=3)
    c.text(RIGHT_X, RULER_Y + 115, "metres", size=40, anchor="rm", fill=MUTED)
    for side, end in enumerate(puzzle["ends"]):
        x = view.x(0) if side == 0 else view.x(length)
        out = -1 if side == 0 else 1
        if end == "fixed":
            c.rect(x + out * 40, REST_Y - 150, x, REST_Y + 150, fill=POST)
            for k in range(7):
                y = REST_Y - 140 + 45 * k
                c.line([(x + out * 40, y + 30), (x + out * 8, y)], fill=lighten(POST, 0.5), width=3)
        else:
            c.line([(x, REST_Y - 160), (x, REST_Y + 160)], fill=POST, width=8)
        c.text(x + out * 20, REST_Y - 195, f"{end} end", size=40, fill=MUTED)


def _draw_string(c, puzzle: dict, view: View, t: float, speed: float) -> None:
    n = 260
    points = []
    for i in range(n + 1):
        x = puzzle["length"] * i / n
        points.append(view.pt(x, string_at(puzzle, t, x, speed)))
    c.line(points, fill=INK, width=5)
    for side, end in enumerate(puzzle["ends"]):
        if end == "free":  # the ring rides the rod with the string's end
            px, py = points[0] if side == 0 else points[-1]
            c.circle(px, py, 14, outline=RING, width=6)
    c.text(960, 940, f"t = {t:.2f} s", size=44, anchor="rm", bold=True)
