"""Gear train: a chain of meshing gears driven by the first one; neighbours turn in opposite
directions and speeds scale with the inverse tooth count, so the teeth keep meshing."""

from __future__ import annotations

import itertools
import math

import numpy as np

from generators.kit import INK, NAMED, Canvas, Param, Task, register, require
from generators.kit.palette import lighten

RATE = 20  # trajectory samples per simulated second
SPIN = 3.5  # s of turning shown in the video
COLOURS = ("red", "blue", "green", "orange", "purple", "cyan")
AREA = (60, 190, 940, 900)  # canvas box the gears (and the direction arrows) fit into
MAX_MODULE = 14.0  # canvas units of pitch diameter per tooth
MIN_RADIUS = 52.0  # smallest pitch radius: room for the tooth-count label
ARROW_GAP = 26.0  # the curved arrows run this far outside a gear's tips
TEETH_PER_SECOND = 4  # at most this many teeth pass the contact point per second


def pitch_radius(teeth: int, module: float) -> float:
    return module * teeth / 2


def contact_fraction(theta: float, toward: float, teeth: int) -> float:
    """Where the direction `toward` (degrees) falls within a tooth pitch of a gear turned by
    `theta` degrees: 0 on a tooth's centre line, 0.5 in the middle of a gap."""
    return ((toward - theta) * teeth / 360) % 1.0


def bearing(a, b) -> float:
    """Direction from point a to point b in degrees (canvas axes: y points down)."""
    return math.degrees(math.atan2(b[1] - a[1], b[0] - a[0]))


def mesh_error(theta_a, theta_b, centre_a, centre_b, teeth_a, teeth_b) -> float:
    """How far two neighbours are from meshing, in pitches: at the contact point a tooth of
    one must face a gap of the other (the two contact fractions add up to one half)."""
    toward = bearing(centre_a, centre_b)
    s = contact_fraction(theta_a, toward, teeth_a) + contact_fraction(
        theta_b, toward + 180, teeth_b
    )
    d = (s - 0.5) % 1.0
    return min(d, 1.0 - d)


def angle_at(puzzle: dict, i: int, t: float) -> float:
    """Rotation of gear i (degrees, clockwise positive on screen) t seconds after the start."""
    teeth = puzzle["teeth"]
    sign = 1 if puzzle["direction"] == "clockwise" else -1
    rate = sign * puzzle["rpm"] * 6 * teeth[0] / teeth[i] * (-1) ** i  # degrees per second
    return puzzle["phases"][i] + rate * t


@register(
    "G-22_gear_train",
    title="Gear train",
    description="A chain of meshing gears with tooth counts; the first turns at a given speed; find the last gear's direction and speed.",
    category="physics-motion",
    params=[Param("gears", "int", 4, 2, 6, help="number of gears in the chain")],
    shard_size=55,
    memory="low",
    instances=10**8,  # measured: at least 150 M (30,000 draws, no repeat)
    faculty="knowledge",
    levels={1: {"gears": 2}, 2: {"gears": 3}, 3: {"gears": 4}, 4: {"gears": 5}, 5: {"gears": 6}},
)  # fmt: skip
class GearTrain(Task):
    def generate(self, rng, params):
        n = params["gears"]
        while True:
            teeth = [int(t) for t in rng.integers(10, 33, size=n)]
            rpms = [r for r in range(2, 13) if r * teeth[0] <= 60 * TEETH_PER_SECOND
                    and r * teeth[0] * 10 % teeth[-1] == 0]  # fmt: skip
            if not rpms:
                continue
            rpm = int(rng.choice(rpms))
            turns = [float(rng.uniform(-50, 50)) for _ in range(n - 1)]
            placed = _place(teeth, turns)
            if placed is None:
                continue
            module, centres = placed
            phases = [float(rng.uniform(0, 360 / teeth[0]))]
            for i in range(n - 1):  # turn each next gear so that its gap faces the tooth
                toward = bearing(centres[i], centres[i + 1])
                f = contact_fraction(phases[i], toward, teeth[i])
                pitch = 360 / teeth[i + 1]
                phases.append((toward + 180 - ((0.5 - f) % 1.0) * pitch) % pitch)
            return {
                "teeth": teeth,
                "module": module,
                "centres": centres,
                "phases": phases,
                "rpm": rpm,
                "direction": "clockwise" if rng.random() < 0.5 else "counterclockwise",
                "duration": SPIN,
            }

    def solve(self, puzzle, params):
        teeth, n = puzzle["teeth"], len(puzzle["teeth"])
        first = puzzle["direction"]
        other = "counterclockwise" if first == "clockwise" else "clockwise"
        directions = [first if i % 2 == 0 else other for i in range(n)]
        rpms = [puzzle["rpm"] * teeth[0] / t for t in teeth]
        steps = round(puzzle["duration"] * RATE)
        samples = [
            [k / RATE, *(angle_at(puzzle, i, k / RATE) for i in range(n))] for k in range(steps + 1)
        ]
        return {
            "last_direction": directions[-1],
            "last_rpm": rpms[-1],
            "directions": directions,
            "rpms": rpms,
            "samples": samples,
        }

    def check(self, puzzle, answer, params):
        teeth, m, centres = puzzle["teeth"], puzzle["module"], puzzle["centres"]
        n = len(teeth)
        require(n >= 2 and len(centres) == n == len(puzzle["phases"]), "malformed gear train")
        x0, y0, x1, y1 = AREA
        for i, (c, t) in enumerate(zip(centres, teeth)):
            r = pitch_radius(t, m) + m - 1e-3
            require(
                x0 <= c[0] - r and c[0] + r <= x1 and y0 <= c[1] - r and c[1] + r <= y1,
                f"gear {i + 1} sticks out of the picture",
            )
        for i, j in itertools.combinations(range(n), 2):
            d = math.dist(centres[i], centres[j])
            pitch_sum = pitch_radius(teeth[i], m) + pitch_radius(teeth[j], m)
            if j == i + 1:
                require(abs(d - pitch_sum) < 1e-3, f"gears {i + 1} and {j + 1} do not mesh")
            else:
                require(d >= pitch_sum + 2.5 * m - 1e-3, f"gears {i + 1} and {j + 1} collide")
        s = answer["samples"]
        dt = 1 / RATE
        steps = round(puzzle["duration"] * RATE)
        require(len(s) == steps + 1 and all(len(r) == n + 1 for r in s), "malformed samples")
        require(all(abs(r[0] - k * dt) < 1e-6 for k, r in enumerate(s)), "samples are irregular")
        require(
            all(abs(a - b) < 1e-6 for a, b in zip(s[0][1:], puzzle["phases"])),
            "gears do not start in the pictured position",
        )
        sign = 1 if puzzle["direction"] == "clockwise" else -1
        drive = sign * puzzle["rpm"] * 6 * dt  # degrees per sample of the driving gear
        for a, b in itertools.pairwise(s):
            turn = [q - p for p, q in zip(a[1:], b[1:])]
            require(
                abs(turn[0] - drive) < 1e-4, f"the first gear does not turn as driven at t={a[0]:g}"
            )
            for i in range(n - 1):  # equal tooth counts pass the contact point, opposite senses
                require(
                    abs(turn[i + 1] * teeth[i + 1] + turn[i] * teeth[i]) < 1e-3,
                    f"gears {i + 1} and {i + 2} slip at t={a[0]:g}",
                )
        for r in s:
            for i in range(n - 1):
                err = mesh_error(
                    r[i + 1], r[i + 2], centres[i], centres[i + 1], teeth[i], teeth[i + 1]
                )
                require(err < 0.01, f"teeth of gears {i + 1} and {i + 2} collide at t={r[0]:g}")
        total = [s[-1][i + 1] - s[0][i + 1] for i in range(n)]
        for i in range(n):
            want = "clockwise" if total[i] > 0 else "counterclockwise"
            require(answer["directions"][i] == want, f"gear {i + 1} turns the other way")
            rpm = abs(total[i]) / 6 / puzzle["duration"]
            require(abs(answer["rpms"][i] - rpm) < 1e-3, f"wrong speed for gear {i + 1}")
        require(
            all(a != b for a, b in itertools.pairwise(answer["directions"])),
            "neighbouring gears must turn in opposite directions",
        )
        require(
            answer["last_direction"] == answer["directions"][-1]
            and abs(answer["last_rpm"] - puzzle["rpm"] * teeth[0] / teeth[-1]) < 1e-4
            and abs(answer["last_rpm"] - answer["rpms"][-1]) < 1e-4,
            "the last gear's answer is wrong",
        )

    def prompt(self, puzzle, params):
        teeth = puzzle["teeth"]
        return (
            f"A chain of {len(teeth)} meshing gears, each labelled with its number of teeth "
            f"({', '.join(map(str, teeth))} from left to right); each gear turns on a fixed axle "
            "and meshes only with its neighbours in the chain. The leftmost gear is driven "
            f"{puzzle['direction']} at {puzzle['rpm']} revolutions per minute, as the black curved "
            "arrow and the caption show. Show all the gears turning together for a few seconds, "
            "the teeth meshing without slipping: neighbouring gears turn in opposite directions "
            "and a gear with fewer teeth turns faster. The gears' positions and sizes stay "
            "unchanged. The video ends with a curved arrow on the rightmost gear showing its "
            "direction and a caption giving its speed in revolutions per minute."
        )

    def rubric(self, puzzle, answer, params):
        teeth = puzzle["teeth"]
        dirs = ", ".join(answer["directions"])
        return "\n".join([
            f"1. The leftmost gear ({teeth[0]} teeth) turns {puzzle['direction']} at "
            f"{puzzle['rpm']} rpm throughout.",
            f"2. Neighbouring gears turn in opposite directions: from left to right {dirs}.",
            "3. The teeth stay meshed: no gear slips, jumps or overlaps its neighbour; a gear "
            "with fewer teeth turns faster (speed = driving rpm x driving teeth / own teeth).",
            f"4. The rightmost gear ({teeth[-1]} teeth) turns {answer['last_direction']} at "
            f"{_fmt(answer['last_rpm'])} rpm ({puzzle['rpm']} x {teeth[0]} / {teeth[-1]}).",
            "5. The final frame shows a curved arrow on the rightmost gear in that direction "
            "and the caption with its speed.",
            "6. The gears keep their positions, sizes and tooth counts.",
        ])  # fmt: skip

    def render(self, puzzle, answer, params, film):
        n = len(puzzle["teeth"])
        base = film.canvas()
        base.text(60, 75, f"First gear: {puzzle['rpm']} rpm {puzzle['direction']}", size=44,
                  anchor="lm", bold=True)  # fmt: skip

        painter = GearPainter(puzzle, film.size)

        def frame_at(t: float, last_arrow: bool):
            c = base.copy()
            for i in range(n):
                painter.draw(c, i, angle_at(puzzle, i, t))
            _curved_arrow(c, puzzle, 0, puzzle["direction"])
            if last_arrow:
                _curved_arrow(c, puzzle, n - 1, answer["last_direction"])
                caption = f"Last gear: {_fmt(answer['last_rpm'])} rpm {answer['last_direction']}"
                w = c.text_width(caption, 44)
                c.rect(48, 112, 72 + w, 168, fill=NAMED["yellow"], radius=10)
                c.text(60, 140, caption, size=44, anchor="lm", bold=True)
            return c

        film.opening(frame_at(0.0, False))
        steps = film.seconds(puzzle["duration"])
        for k in range(1, steps + 1):
            film.add(frame_at(puzzle["duration"] * k / steps, False))
        film.closing(frame_at(puzzle["duration"], True))


def _fmt(x: float) -> str:
    return f"{x:.1f}".rstrip("0").rstrip(".")


def _place(teeth: list[int], turns: list[float]):
    """Module and centres of the chain, scaled and centred into AREA; None if it cannot fit
    with readable labels or if two gears that are not neighbours would touch."""
    pts = [(0.0, 0.0)]
    for i, a in enumerate(turns):
        d = (teeth[i] + teeth[i + 1]) / 2
        pts.append((pts[-1][0] + d * math.cos(math.radians(a)),
                    pts[-1][1] + d * math.sin(math.radians(a))))  # fmt: skip
    n = len(teeth)
    # reach of each gear per module: tips, plus the curved arrow on the first and last
    reach = [
        t / 2 + 1 + (ARROW_GAP / 10 + 1.5 if i in (0, n - 1) else 0) for i, t in enumerate(teeth)
    ]
    lo_x = min(p[0] - r for p, r in zip(pts, reach))
    hi_x = max(p[0] + r for p, r in zip(pts, reach))
    lo_y = min(p[1] - r for p, r in zip(pts, reach))
    hi_y = max(p[1] + r for p, r in zip(pts, reach))
    x0, y0, x1, y1 = AREA
    m = min(MAX_MODULE, (x1 - x0) / (hi_x - lo_x), (y1 - y0) / (hi_y - lo_y))
    if pitch_radius(min(teeth), m) < MIN_RADIUS:
        return None
    for i, j in itertools.combinations(range(n), 2):
        if j > i + 1 and math.dist(pts[i], pts[j]) < (teeth[i] + teeth[j]) / 2 + 4:
            return None
    ox = (x0 + x1) / 2 - m * (lo_x + hi_x) / 2
    oy = (y0 + y1) / 2 - m * (lo_y + hi_y) / 2
    return round(m, 6), [[ox + m * p[0], oy + m * p[1]] for p in pts]


def _gear_points(cx, cy, teeth: int, m: float, theta: float) -> list[tuple[float, float]]:
    r = pitch_radius(teeth, m)
    r_out, r_root = r + m, r - 1.25 * m
    pitch = 2 * math.pi / teeth
    pts = []
    for k in range(teeth):
        c = math.radians(theta) + k * pitch
        for rad, f in ((r_root, -0.30), (r_out, -0.17), (r_out, 0.17), (r_root, 0.30)):
            a = c + f * pitch
            pts.append((cx + rad * math.cos(a), cy + rad * math.sin(a)))
    return pts


class GearPainter:
    """Draws the gears of one video; each outline is computed once and turned per frame."""

    HUB = 36

    def __init__(self, puzzle: dict, size: int):
        self.puzzle = puzzle
        self.outlines = []
        for teeth in puzzle["teeth"]:
            # the outline in polar form (angle, radius in units), turned per frame with numpy
            pts = _gear_points(0.0, 0.0, teeth, puzzle["module"], 0.0)
            self.outlines.append((
                np.array([math.atan2(y, x) for x, y in pts]),
                np.array([math.hypot(x, y) for x, y in pts]),
            ))  # fmt: skip

    def draw(self, c: Canvas, i: int, theta: float) -> None:
        teeth, m = self.puzzle["teeth"][i], self.puzzle["module"]
        cx, cy = self.puzzle["centres"][i]
        colour = NAMED[COLOURS[i % len(COLOURS)]]
        ang, rad = self.outlines[i]
        ang = ang + math.radians(theta)
        outline = list(zip((cx + rad * np.cos(ang)).tolist(), (cy + rad * np.sin(ang)).tolist()))
        c.polygon(outline, fill=colour, outline=INK, width=3)
        r = pitch_radius(teeth, m) - 2 * m  # a spoke shows the rotation
        a = math.radians(theta)
        c.line([(cx, cy), (cx + r * math.cos(a), cy + r * math.sin(a))], fill=INK, width=6)
        c.circle(cx, cy, self.HUB, fill=lighten(colour, 0.8),
                 outline=INK, width=3)  # fmt: skip
        c.text(cx, cy, str(teeth), size=42, bold=True)


def _curved_arrow(c, puzzle: dict, i: int, direction: str) -> None:
    """A 100-degree arc outside gear i, on the side away from its neighbour, pointing the
    way the gear turns."""
    teeth, m, centres = puzzle["teeth"], puzzle["module"], puzzle["centres"]
    cx, cy = centres[i]
    nb = centres[1] if i == 0 else centres[i - 1]
    away = math.radians(bearing(nb, (cx, cy)))
    rad = pitch_radius(teeth[i], m) + m + ARROW_GAP
    sign = 1 if direction == "clockwise" else -1
    arc = [
        (cx + rad * math.cos(away + sign * math.radians(d)),
         cy + rad * math.sin(away + sign * math.radians(d)))
        for d in range(-50, 41, 5)
    ]  # fmt: skip
    c.line(arc, fill=INK, width=7)
    tip = away + sign * math.radians(52)
    c.arrow(arc[-1], (cx + rad * math.cos(tip), cy + rad * math.sin(tip)), fill=INK, width=7,
            head=30)  # fmt: skip
