"""Rigid spin: parts fixed by rods to one pivot spin together as a single body; where is
each part after a stated time?

The parts sit on faint rings 1, 2 and 3 m from the pivot, each on its own hour spoke of a
twelve-hour dial drawn around the group. The group turns at a constant rate (a multiple of
15 degrees a second) for a whole number of seconds chosen so the turn is a multiple of 30
degrees: every part ends on an hour spoke, on its own ring, and the parts keep their
distances to each other and turn their own faces with the group.
"""

from __future__ import annotations

import itertools
import math

from generators.kit import FAINT, INK, MUTED, NAMED, Canvas, Param, Task, register, require
from generators.kit.palette import darken
from generators.kit.view import clock, clock_point, curved_arrow

PIVOT = (500.0, 548.0)
METRE = 105.0  # canvas units a metre
PART_R = 36.0
RINGS = (1, 2, 3)  # metres
# no triangles: the kit centres a triangle's box, not its centroid, so it would wobble
SHAPES = ("circle", "square", "diamond", "pentagon", "hexagon", "star")
COLOURS = ("red", "blue", "green", "orange", "purple", "pink", "brown", "cyan")
# rods thick enough that their solid core never breaks into sub-pixel pieces as they turn
ROD = (73, 80, 87)
SIGN = {"clockwise": 1, "counter-clockwise": -1}


def turned(puzzle: dict, t: float) -> float:
    """The group's turn in degrees (clockwise positive) t seconds after the start."""
    return SIGN[puzzle["direction"]] * puzzle["rate"] * t


def hour(degrees: float) -> int:
    h = round(degrees / 30) % 12
    return 12 if h == 0 else h


def metres(ring: float, degrees: float) -> list[float]:
    """(x, y) in metres from the pivot, y up, of a point `ring` m out at `degrees`
    clockwise from 12 o'clock."""
    a = math.radians(degrees)
    return [round(ring * math.sin(a), 9) + 0.0, round(ring * math.cos(a), 9) + 0.0]


@register(
    "G-35_rigid_spin",
    title="Rigid spin",
    description="Parts fixed by rods to one pivot spin together as a single rigid body at a "
    "stated rate; predict where each part is after a stated time.",
    category="physics-motion",
    params=[
        Param("parts", "int", 3, 2, 5, help="parts fixed to the pivot"),
        Param("max_rate", "int", 60, 15, 75, help="fastest rate, degrees per second (a multiple of 15)"),
        Param("max_seconds", "int", 6, 2, 8, help="longest spinning time, whole seconds"),
    ],
    shard_size=60,
    memory="low",
    instances=2_000_000,  # measured lower bound 2.67 million (4,000 draws, no repeats)
    faculty="transformation",
    levels={
        1: {"parts": 2, "max_rate": 30, "max_seconds": 3},
        2: {"parts": 3, "max_rate": 45, "max_seconds": 4},
        3: {"parts": 3, "max_rate": 60, "max_seconds": 6},
        4: {"parts": 4, "max_rate": 75, "max_seconds": 7},
        5: {"parts": 5, "max_rate": 75, "max_seconds": 8},
    },
)  # fmt: skip
class RigidSpin(Task):
    def generate(self, rng, params):
        n = params["parts"]
        rates = list(range(15, max(15, params["max_rate"] // 15 * 15) + 1, 15))
        while True:
            rate = int(rng.choice(rates))
            times = [s for s in range(2, params["max_seconds"] + 1) if rate * s % 30 == 0]
            if not times:
                continue
            seconds = int(rng.choice(times))
            hours = [int(h) for h in rng.choice(12, size=n, replace=False)]
            rings = [int(rng.choice(RINGS)) for _ in range(n)]
            spots = [clock_point(PIVOT, r * METRE, 30 * h) for r, h in zip(rings, hours)]
            # parts apart from each other, and the turn must move them off their spokes
            if min(math.dist(a, b) for a, b in itertools.combinations(spots, 2)) < 3 * PART_R:
                continue
            if rate * seconds % 360 == 0:
                continue
            shapes = rng.choice(SHAPES, size=n, replace=False)
            colours = rng.choice(COLOURS, size=n, replace=False)
            parts = [{"color": str(c), "shape": str(s), "ring": r, "hour": 12 if h == 0 else h}
                     for c, s, r, h in zip(colours, shapes, rings, hours)]  # fmt: skip
            direction = ("clockwise", "counter-clockwise")[int(rng.integers(2))]
            return {"parts": parts, "rate": rate, "direction": direction, "seconds": seconds}

    def solve(self, puzzle, params):
        turn = turned(puzzle, puzzle["seconds"])
        out = []
        for p in puzzle["parts"]:
            end = 30 * p["hour"] + turn
            out.append({"color": p["color"], "hour": hour(end), "ring": p["ring"],
                        "end": metres(p["ring"], end)})  # fmt: skip
        return {"turn_degrees": turn, "parts": out}

    def check(self, puzzle, answer, params):
        t, rate = puzzle["seconds"], puzzle["rate"]
        require(isinstance(t, int) and t > 0 and rate % 15 == 0, "bad rate or time")
        # constant rate: the whole body turns by rate x time, signed by the direction
        turn = {"clockwise": 1, "counter-clockwise": -1}[puzzle["direction"]] * rate * t
        require(abs(answer["turn_degrees"] - turn) < 1e-9, "the group's turn is wrong")
        require(turn % 30 == 0, "the turn leaves the hour spokes")
        got = answer["parts"]
        require([g["color"] for g in got] == [p["color"] for p in puzzle["parts"]],
                "the parts are answered out of order")  # fmt: skip
        for p, g in zip(puzzle["parts"], got):
            a = math.radians(30 * p["hour"] + turn)
            want = (p["ring"] * math.sin(a), p["ring"] * math.cos(a))
            require(g["ring"] == p["ring"], f"the {p['color']} part leaves its ring")
            require(math.dist(g["end"], want) < 1e-6, f"the {p['color']} part ends elsewhere")
            require(g["hour"] == (round((30 * p["hour"] + turn) / 30) % 12 or 12),
                    f"the {p['color']} part's hour is wrong")  # fmt: skip
        # a rigid body: every distance between two parts is kept
        for (p, g), (q, h) in itertools.combinations(zip(puzzle["parts"], got), 2):
            start = math.dist(metres(p["ring"], 30 * p["hour"]), metres(q["ring"], 30 * q["hour"]))
            require(abs(math.dist(g["end"], h["end"]) - start) < 1e-6,
                    "the group does not stay rigid")  # fmt: skip

    def prompt(self, puzzle, params):
        parts, t = puzzle["parts"], puzzle["seconds"]
        listed = ", ".join(f"a {p['color']} {p['shape']}" for p in parts[:-1])
        return (
            f"The image shows a rigid body: {len(parts)} parts ({listed} and a "
            f"{parts[-1]['color']} {parts[-1]['shape']}) fixed by dark grey rods to one pivot, "
            "inside a dial marked with the twelve hours (12 o'clock straight up). The faint "
            "circles around the pivot are 1 m, 2 m and 3 m from it. The whole body spins "
            f"about the pivot at {puzzle['rate']} degrees per second {puzzle['direction']}, "
            f"as written at the top, for exactly {t} s. Show the spin in real time with the "
            "clock counting up. Through how many degrees does the body turn, and at which "
            "hour and how far from the pivot is each part when it stops (x and y in metres "
            "from the pivot, y up)? The video ends with the body at rest and the turn written "
            "at the bottom right."
        )

    def rubric(self, puzzle, answer, params):
        t, turn = puzzle["seconds"], answer["turn_degrees"]
        lines = [
            "1. The pivot stays fixed and the parts move as one rigid body: the rods keep "
            "their lengths and the distances between parts do not change; each part's shape "
            "turns with the body.",
            f"2. The body turns {puzzle['direction']} at a constant {puzzle['rate']} degrees "
            f"per second: {abs(turn):g} degrees in {t} s.",
        ]
        for i, (p, a) in enumerate(zip(puzzle["parts"], answer["parts"]), start=3):
            x, y = a["end"]
            lines.append(f"{i}. The {p['color']} {p['shape']} moves on its {p['ring']} m circle "
                         f"from {p['hour']} o'clock to {a['hour']} o'clock, ending at "
                         f"x = {x:.2f} m, y = {y:.2f} m from the pivot.")  # fmt: skip
        lines.append(f"{len(lines) + 1}. The body stops when the clock reads {t} s.")
        return "\n".join(lines)

    def render(self, puzzle, answer, params, film):
        t_end = puzzle["seconds"]
        base = film.canvas()
        dial(base)
        sweep = 60 * SIGN[puzzle["direction"]]
        base.text(60, 62, f"Spins {puzzle['rate']}°/s {puzzle['direction']} for {t_end} s",
                  size=42, bold=True, anchor="lm")  # fmt: skip
        base.text(60, 118, "Faint circles: 1 m, 2 m, 3 m from the pivot", size=32, fill=MUTED,
                  anchor="lm")  # fmt: skip
        curved_arrow(base, (895.0, 165.0), 50, -sweep / 2, sweep, width=7, head=26)
        film.opening(frame(base, puzzle, 0.0))
        for t in film.times(t_end)[:-1]:
            film.add(frame(base, puzzle, t))
        final = frame(base, puzzle, t_end)
        final.text(940, 950, f"Turned {abs(answer['turn_degrees']):g}°", size=42, bold=True,
                   anchor="rm")  # fmt: skip
        film.closing(final)


def dial(c: Canvas) -> None:
    """The still parts: metre circles, hour spokes and numbers."""
    cx, cy = PIVOT
    for r in RINGS:
        c.circle(cx, cy, r * METRE, outline=FAINT, width=4)
    for h in range(12):
        # ticks outside the parts' reach: long spokes, cut by the turning rods, would read
        # as pieces jumping about
        c.line([clock_point(PIVOT, 3.42 * METRE, 30 * h), clock_point(PIVOT, 3.58 * METRE, 30 * h)],
               fill=MUTED, width=5)  # fmt: skip
        x, y = clock_point(PIVOT, 3.8 * METRE, 30 * h)
        c.text(x, y, str(h or 12), size=34, bold=True, fill=MUTED)


def frame(base: Canvas, puzzle: dict, t: float) -> Canvas:
    f = base.copy()
    turn = turned(puzzle, t)
    spots = [clock_point(PIVOT, p["ring"] * METRE, 30 * p["hour"] + turn) for p in puzzle["parts"]]
    for s in spots:
        f.line([PIVOT, s], fill=ROD, width=16)
    # a hub broad enough to cover where rods one hour apart meet (rods merging and parting
    # would read as pieces jumping)
    f.circle(*PIVOT, 46, fill=INK)
    for p, (x, y) in zip(puzzle["parts"], spots):
        f.shape(p["shape"], x, y, PART_R, fill=NAMED[p["color"]],
                outline=darken(NAMED[p["color"]], 0.35), width=4,
                angle=turn)  # fmt: skip
    clock(f, t)
    return f
