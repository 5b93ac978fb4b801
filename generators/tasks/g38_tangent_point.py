"""Tangent point: a lettered wheel rolls without slipping to a red marker, along the ground or
around a fixed disc; which letter touches at the end?

Rolling without slipping matches arc for arc: after the wheel has rolled an arc s along
the track, the rim point at arc s from the first contact touches. Letters sit at equal
spacing round the rim; the red marker is a whole number of spacings away (stated in metres, and
marked on the track), so one letter touches exactly. Around a disc the wheel also turns
with the orbit (rotation = s/r + s/R: the coin-rotation effect), which the rubric states.
"""

from __future__ import annotations

import math

from generators.kit import INK, MUTED, NAMED, Param, Task, easing, register, require
from generators.kit.easing import glide_seconds
from generators.kit.palette import darken, lighten
from generators.kit.view import clock_point

LETTERS = "ABCDEFGH"
GROUND_Y = 640.0
FIXED = (500.0, 560.0)  # centre of the fixed disc (circle track)
COLOURS = ("red", "blue", "green", "orange", "purple", "pink", "cyan")
VALVE = NAMED["yellow"]
GAPS = (0.15, 0.2, 0.25, 0.3)  # metres of rim between neighbouring letters


def rolled(puzzle: dict, s: float) -> tuple[tuple[float, float], float, float]:
    """(wheel centre, wheel rotation clockwise in degrees, contact direction in clock
    degrees from the wheel's centre) after rolling an arc of s canvas units."""
    r, sign = puzzle["radius"], puzzle["sign"]
    if puzzle["track"] == "line":
        x = puzzle["start"] + sign * s
        return (x, GROUND_Y - r), sign * math.degrees(s / r), 180.0
    big = puzzle["fixed_radius"]
    beta = puzzle["start"] + sign * math.degrees(s / big)  # contact point on the fixed disc
    centre = clock_point(FIXED, big + r, beta)
    return centre, sign * math.degrees(s / r + s / big), (beta + 180) % 360


def letter_angle(puzzle: dict, i: int, rotation: float) -> float:
    """Clock angle (from the wheel's centre) of letter i after the wheel turned `rotation`."""
    first = 180.0 if puzzle["track"] == "line" else puzzle["start"] + 180
    step = 360 / puzzle["letters"]
    return (first + (i - puzzle["first"]) * step + rotation) % 360


@register(
    "G-38_tangent_point",
    title="Tangent point",
    description="A lettered wheel rolls without slipping to a red marker, along the ground or "
    "around a fixed disc; name the letter that touches at the end.",
    category="physics-motion",
    params=[
        Param("track", "str", "line", choices=("line", "circle"), help="roll along the ground or around a fixed disc"),
        Param("letters", "int", 8, 4, 8, help="letters round the wheel (even)"),
        Param("max_ratio", "int", 2, 1, 3, help="circle track: fixed rim up to this many wheel rims"),
    ],
    shard_size=60,
    memory="low",
    instances=1_000_000,  # measured lower bound 2.67 million (4,000 draws, no repeats)
    faculty="spatiality",
    levels={
        1: {"track": "line", "letters": 4, "max_ratio": 2},
        2: {"track": "line", "letters": 6, "max_ratio": 2},
        3: {"track": "line", "letters": 8, "max_ratio": 2},
        4: {"track": "circle", "letters": 6, "max_ratio": 1},
        5: {"track": "circle", "letters": 8, "max_ratio": 3},
    },
)  # fmt: skip
class TangentPoint(Task):
    def generate(self, rng, params):
        n = params["letters"] - params["letters"] % 2
        rim = round(float(rng.choice(GAPS)) * n, 4)
        sign = (1, -1)[int(rng.integers(2))]
        puzzle = {"track": params["track"], "letters": n, "rim": rim, "sign": sign,
                  "first": int(rng.integers(n)), "color": str(rng.choice(COLOURS))}  # fmt: skip
        if params["track"] == "line":
            steps = int(rng.integers(1, n + 2))  # up to one turn and a letter
            fits = 870 / (2 + 2 * math.pi * steps / n)  # wheel and roll within the canvas
            r = float(rng.uniform(min(95, fits - 5), min(125, fits)))
            scale = 2 * math.pi * r / rim  # canvas units per metre
            run = steps * 2 * math.pi * r / n
            lo, hi = 60 + r, 940 - r - run  # the whole roll stays on the canvas
            start = float(rng.uniform(lo, hi))
            start = start if sign > 0 else 1000 - start
            puzzle.update(radius=r, scale=scale, steps=steps, start=start)
        else:
            ratio = int(rng.integers(1, params["max_ratio"] + 1))
            r = 400 / (ratio + 2)
            steps = int(rng.integers(2, ratio * n + 1))  # up to one orbit
            puzzle.update(radius=r, fixed_radius=ratio * r, scale=2 * math.pi * r / rim,
                          ratio=ratio, steps=steps, start=float(30 * int(rng.integers(12))))  # fmt: skip
        return puzzle

    def solve(self, puzzle, params):
        s = distance(puzzle)
        _, rotation, contact = rolled(puzzle, s)
        touching = min(range(puzzle["letters"]), key=lambda i: angle_gap(
            letter_angle(puzzle, i, rotation), contact))  # fmt: skip
        return {"letter": LETTERS[touching], "distance_m": round(s / puzzle["scale"], 4),
                "turns": round(rotation * puzzle["sign"] / 360, 4)}  # fmt: skip

    def check(self, puzzle, answer, params):
        n, r, k = puzzle["letters"], puzzle["radius"], puzzle["steps"]
        require(n <= len(LETTERS) and 0 <= puzzle["first"] < n, "bad lettering")
        arc_m = k * puzzle["rim"] / n  # the red marker is k letter spacings along the track
        require(abs(answer["distance_m"] - arc_m) < 1e-3, "the rolled distance is wrong")
        # no slipping: the wheel turns by arc / r, plus the orbit's own turn around a disc
        turn = arc_m * puzzle["scale"] / r
        if puzzle["track"] == "circle":
            turn += arc_m * puzzle["scale"] / puzzle["fixed_radius"]
        require(abs(answer["turns"] - turn / (2 * math.pi)) < 1e-3, "the number of turns is wrong")
        # the letter k spacings back from the first contact (against the turning) touches
        require(answer["letter"] == LETTERS[(puzzle["first"] - puzzle["sign"] * k) % n],
                "that letter does not touch at the red marker")  # fmt: skip

    def prompt(self, puzzle, params):
        n, rim = puzzle["letters"], puzzle["rim"]
        gap = rim / n
        where = "right" if puzzle["sign"] > 0 else "left"
        wheel = (f"A {puzzle['color']} wheel with a rim {rim:g} m round has {n} letters "
                 f"({LETTERS[0]} to {LETTERS[n - 1]}) at equal spacing of {gap:g} m round its "
                 f"rim (a yellow dot beside A shows its turning); {LETTERS[puzzle['first']]} "
                 "touches at the start")  # fmt: skip
        if puzzle["track"] == "line":
            scene = (f"{wheel}. It rolls without slipping to the {where} along the ground to "
                     f"the red marker under the ground {distance(puzzle) / puzzle['scale']:g} m away "
                     "(the ruler is in metres)")  # fmt: skip
        else:
            turn = "clockwise" if puzzle["sign"] > 0 else "counter-clockwise"
            scene = (f"{wheel}. It rolls without slipping {turn} around the outside of a fixed "
                     f"grey disc whose rim is {rim * puzzle['ratio']:g} m round, marked every "
                     f"{gap:g} m, to the red marker {distance(puzzle) / puzzle['scale']:g} m along "
                     "the fixed rim")  # fmt: skip
        return (
            f"{scene}. Show the rolling, smoothly, until the wheel touches the red marker. Which "
            "letter of the wheel touches the track at the red marker, and how many turns has the "
            "wheel made? The video ends with the wheel at the red marker and the touching letter "
            "circled."
        )

    def rubric(self, puzzle, answer, params):
        track = "ground" if puzzle["track"] == "line" else "fixed disc"
        return "\n".join([
            f"1. The wheel rolls along the {track} without slipping or lifting, keeping its "
            "size and letters, and stops where it touches the red marker.",
            f"2. It rolls {answer['distance_m']:g} m and turns {answer['turns']:g} times"
            + (" (more than the distance over its rim: it also turns with the orbit)."
               if puzzle["track"] == "circle" else "."),
            f"3. At the red marker, letter {answer['letter']} touches the {track} and is circled.",
        ])  # fmt: skip

    def render(self, puzzle, answer, params, film):
        base = film.canvas()
        base.text(500, 75, "Which letter touches at the red marker?", size=44, bold=True)
        draw_track(base, puzzle)
        total = distance(puzzle)
        film.opening(wheel_frame(base, puzzle, 0.0))
        frames = film.seconds(glide_seconds(total, speed=200))
        for u in list(easing.steps(frames, easing.cruise))[:-1]:
            film.add(wheel_frame(base, puzzle, u * total))
        final = wheel_frame(base, puzzle, total)
        centre, rotation, _contact = rolled(puzzle, total)
        i = LETTERS.index(answer["letter"])
        at = clock_point(centre, 0.7 * puzzle["radius"], letter_angle(puzzle, i, rotation))
        final.circle(*at, 0.17 * puzzle["radius"] + 8, outline=NAMED["red"], width=6)
        film.closing(final)


def distance(puzzle: dict) -> float:
    """Arc rolled to the red marker, canvas units."""
    return puzzle["steps"] * 2 * math.pi * puzzle["radius"] / puzzle["letters"]


def angle_gap(a: float, b: float) -> float:
    return abs((a - b + 180) % 360 - 180)


def draw_track(c, puzzle: dict) -> None:
    s, sign = puzzle["scale"], puzzle["sign"]
    if puzzle["track"] == "line":
        c.rect(0, GROUND_Y, 1000, GROUND_Y + 26, fill=lighten(INK, 0.75))
        c.line([(0, GROUND_Y), (1000, GROUND_Y)], fill=INK, width=5)
        x0 = puzzle["start"]
        metres = int(940 / s) + 1
        for k in range(-metres * 10, metres * 10 + 1):  # 0.1 m ticks from the start
            x = x0 + k * s / 10
            if 20 <= x <= 980:
                major = k % 5 == 0
                c.line(
                    [(x, GROUND_Y + 52), (x, GROUND_Y + (86 if major else 68))], fill=INK, width=3
                )
                if major and k * sign >= 0:
                    c.text(x, GROUND_Y + 116, f"{abs(k) / 10:g}", size=30, fill=MUTED)
        c.text(500, GROUND_Y + 170, "distance from the start (m)", size=32, fill=MUTED)
        foot, inward = (x0 + sign * distance(puzzle), GROUND_Y), (0.0, 1.0)
    else:
        big = puzzle["fixed_radius"]
        c.circle(*FIXED, big, fill=(200, 204, 208), outline=INK, width=5)
        gap = 360 * puzzle["rim"] / puzzle["letters"] / (puzzle["rim"] * puzzle["ratio"])
        for k in range(round(360 / gap)):  # a tick every letter spacing from the start
            a = puzzle["start"] + k * gap
            c.line([clock_point(FIXED, big - 18, a), clock_point(FIXED, big, a)], fill=INK, width=4)
        end = puzzle["start"] + sign * puzzle["steps"] * gap
        foot = clock_point(FIXED, big, end)
        inward = (-math.sin(math.radians(end)), math.cos(math.radians(end)))
    draw_marker(c, foot, inward)


def draw_marker(c, foot, inward) -> None:
    """The finish: a red triangle on the far side of the track surface, its tip at the
    point where the wheel will touch (the wheel never covers it)."""
    ux, uy = inward
    base = (foot[0] + ux * 46, foot[1] + uy * 46)
    c.polygon([foot, (base[0] - uy * 22, base[1] + ux * 22), (base[0] + uy * 22, base[1] - ux * 22)],
              fill=NAMED["red"])  # fmt: skip


def wheel_frame(base, puzzle: dict, s: float):
    f = base.copy()
    centre, rotation, _ = rolled(puzzle, s)
    r, n = puzzle["radius"], puzzle["letters"]
    colour = NAMED[puzzle["color"]]
    f.circle(*centre, r, fill=lighten(colour, 0.72), outline=darken(colour, 0.3), width=6)
    f.circle(*centre, 0.08 * r, fill=darken(colour, 0.3))
    size = min(40.0, 0.34 * r)
    for i in range(n):
        a = letter_angle(puzzle, i, rotation)
        f.line([clock_point(centre, r - 16, a), clock_point(centre, r - 2, a)], fill=INK, width=5)
        f.text(*clock_point(centre, 0.68 * r, a), LETTERS[i], size=size, bold=True)
    # a yellow valve between the hub and letter A shows the wheel's turning at a glance
    f.circle(*clock_point(centre, 0.38 * r, letter_angle(puzzle, 0, rotation)), 0.12 * r,
             fill=VALVE)  # fmt: skip
    return f
