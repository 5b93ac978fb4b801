"""Rolling race: solid and hollow cylinders and spheres roll from rest down parallel lanes
of one ramp; which reaches the finish first, and when?

Rolling without slipping down a slope at angle theta, a body with moment of inertia
I = k m r^2 accelerates at a = g sin(theta) / (1 + k), whatever its mass or radius: a
solid sphere (k = 2/5) beats a solid cylinder (1/2), a hollow sphere (2/3) and a hollow
cylinder (1). The time to roll the ramp's length L is sqrt(2 L / a).
"""

from __future__ import annotations

import math

from generators.kit import BACKGROUND, INK, MUTED, NAMED, Param, Task, register, require
from generators.kit.draw import text_width
from generators.kit.palette import darken, lighten
from generators.kit.physics import G, pace, slowdown
from generators.kit.view import clock

KINDS = {"solid sphere": 2 / 5, "solid cylinder": 1 / 2, "hollow sphere": 2 / 3,
         "hollow cylinder": 1.0}  # fmt: skip
COLOURS = ("red", "blue", "green", "orange", "purple")
GAP = 120.0  # canvas units between lanes
R_PX = 34.0  # drawn radius of every racer
HOLE = 0.5  # a hollow body's drawn hole, as a share of its radius
LABEL_SIZE = 28.0  # the lane labels' text size
LABEL_GAP = 40.0  # between a lane label's right end and its rail's upper end


def acceleration(kind: str, angle: float) -> float:
    return G * math.sin(math.radians(angle)) / (1 + KINDS[kind])


def layout(puzzle: dict) -> dict:
    """Canvas geometry: scale (units per metre), the lane starts, along and normal units."""
    th = math.radians(puzzle["angle"])
    n, length = len(puzzle["racers"]), puzzle["length"]
    u, normal = (math.cos(th), math.sin(th)), (math.sin(th), -math.cos(th))
    drop = 860 - 230 - (n - 1) * GAP * math.cos(th) - 2 * R_PX
    # each lane's label sits level with its rail's upper end, left of it, where no rail and
    # no body passes; the lowest lane starts furthest left, after the widest label
    label = max(text_width(r["kind"], LABEL_SIZE) for r in puzzle["racers"]) + LABEL_GAP
    x0 = 40 + label + 20 + (n - 1) * GAP * normal[0]
    room = 990 - 160 - R_PX - x0  # the top lane ends furthest right; its time needs 160 units
    scale = min(room / (length * math.cos(th)), drop / (length * math.sin(th)))
    starts = [(x0 - i * GAP * normal[0], 230 - i * GAP * normal[1]) for i in range(n)]
    return {"scale": scale, "u": u, "n": normal, "starts": starts}


@register(
    "G-41_rolling_race",
    title="Rolling race",
    description="Solid and hollow cylinders and spheres roll from rest down parallel lanes of "
    "one ramp (a = g sin(theta) / (1 + I/(m r^2))); predict the finishing order and times.",
    category="physics-motion",
    params=[
        Param("racers", "int", 3, 2, 4, help="bodies in the race, all of different kinds"),
        Param("distractors", "bool", True, help="bodies differ in mass and radius too"),
    ],
    shard_size=50,
    memory="low",
    instances=1_000_000,  # measured lower bound 2.67 million (4,000 draws, no repeats)
    faculty="knowledge",
    levels={
        1: {"racers": 2, "distractors": False},
        2: {"racers": 3, "distractors": False},
        3: {"racers": 3, "distractors": True},
        4: {"racers": 4, "distractors": False},
        5: {"racers": 4, "distractors": True},
    },
)  # fmt: skip
class RollingRace(Task):
    def generate(self, rng, params):
        n = params["racers"]
        kinds = [str(k) for k in rng.choice(list(KINDS), size=n, replace=False)]
        colours = [str(c) for c in rng.choice(COLOURS, size=n, replace=False)]
        racers = []
        for kind, colour in zip(kinds, colours):
            mass = float(rng.choice([0.5, 1.0, 2.0, 5.0])) if params["distractors"] else 1.0
            radius = float(rng.choice([0.05, 0.1, 0.15, 0.2])) if params["distractors"] else 0.1
            racers.append({"kind": kind, "color": colour, "mass": mass, "radius": radius})
        return {"angle": int(rng.integers(10, 36)), "length": float(rng.choice([1.5, 2.0, 2.5, 3.0, 3.5, 4.0])),
                "racers": racers}  # fmt: skip

    def solve(self, puzzle, params):
        out = []
        for r in puzzle["racers"]:
            a = acceleration(r["kind"], puzzle["angle"])
            out.append({"kind": r["kind"], "acceleration": round(a, 4),
                        "time": round(math.sqrt(2 * puzzle["length"] / a), 4)})  # fmt: skip
        order = [o["kind"] for o in sorted(out, key=lambda o: o["time"])]
        return {"racers": out, "order": order}

    def check(self, puzzle, answer, params):
        th, length = math.radians(puzzle["angle"]), puzzle["length"]
        require(0 < th < math.pi / 2 and length > 0, "bad ramp")
        inertia = {"solid sphere": 0.4, "solid cylinder": 0.5, "hollow sphere": 2 / 3,
                   "hollow cylinder": 1.0}  # I / (m r^2), from the bodies' shapes  # fmt: skip
        times = {}
        for r, a in zip(puzzle["racers"], answer["racers"], strict=True):
            # rolling without slipping: m g sin(th) - f = m a and f r = I a / r
            want = 9.81 * math.sin(th) / (1 + inertia[r["kind"]])
            require(a["kind"] == r["kind"], "the racers are answered out of order")
            require(abs(a["acceleration"] - want) < 1e-3 * want,
                    f"the {r['kind']}'s acceleration is wrong")  # fmt: skip
            t = math.sqrt(2 * length / want)  # from rest: L = a t^2 / 2
            require(abs(a["time"] - t) < 1e-3 * t, f"the {r['kind']}'s time is wrong")
            times[r["kind"]] = t
        require(answer["order"] == sorted(times, key=times.get), "the finishing order is wrong")

    def prompt(self, puzzle, params):
        racers = puzzle["racers"]
        listed = "; ".join(
            f"lane {i + 1}: {'an' if r['color'][0] in 'aeiou' else 'a'} {r['color']} {r['kind']}" + (
                f" of {r['mass']:g} kg and radius {r['radius']:g} m" if params["distractors"] else "")
            for i, r in enumerate(racers))  # fmt: skip
        slow = self.slow(puzzle)
        return (
            f"The image shows a ramp {puzzle['length']:g} m long tilted at {puzzle['angle']} "
            f"degrees, with {len(racers)} parallel lanes numbered from the top ({listed})"
            f"{'; the bodies are drawn all the same size, not to scale' if params['distractors'] else ''}"
            ". All are released together "
            "from rest at the start line and roll without slipping; g = 9.81 m/s^2 and there is "
            "no air resistance. A stop at the black finish line catches each one. Show the race "
            f"{pace(slow)}, with the clock counting up. In which order do they reach the finish, "
            "and how long does each take? The video ends when the last one arrives, with each "
            "lane's time written beside it."
        )

    @staticmethod
    def slow(puzzle: dict) -> int:
        fastest = max(acceleration(r["kind"], puzzle["angle"]) for r in puzzle["racers"])
        top = math.sqrt(2 * fastest * puzzle["length"]) * layout(puzzle)["scale"]
        return slowdown(1.8 * top)  # the spoke's tip moves up to 1.8 times the centre

    def rubric(self, puzzle, answer, params):
        lines = ["1. All racers start together from rest and roll down their lanes without "
                 "slipping, speeding up steadily."]  # fmt: skip
        for a in answer["racers"]:
            lines.append(f"{len(lines) + 1}. The {a['kind']} accelerates at "
                         f"{a['acceleration']:.2f} m/s^2 and reaches the finish at "
                         f"{a['time']:.2f} s.")  # fmt: skip
        lines.append(f"{len(lines) + 1}. Finishing order: {', '.join(answer['order'])} "
                     "(mass and radius make no difference).")  # fmt: skip
        return "\n".join(lines)

    def render(self, puzzle, answer, params, film):
        geo = layout(puzzle)
        base = film.canvas()
        draw_ramp(base, puzzle, geo)
        slow = self.slow(puzzle)
        end = max(a["time"] for a in answer["racers"])
        film.opening(race_frame(base, puzzle, answer, geo, 0.0))
        for t in film.times(end * slow, span=end)[:-1]:
            film.add(race_frame(base, puzzle, answer, geo, t))
        film.closing(race_frame(base, puzzle, answer, geo, end, done=True))


def draw_ramp(c, puzzle: dict, geo: dict) -> None:
    """The lanes (each a rail with its body's kind written above its start), the grey start
    line and the black finish line across all lanes, and the ramp's length and angle (drawn
    in greys and black only, so each body's colour is its own)."""
    s, (ux, uy), (nx, ny) = geo["scale"], geo["u"], geo["n"]
    run = puzzle["length"] * s
    for (x, y), r in zip(geo["starts"], puzzle["racers"]):
        c.line([(x - 20 * ux, y - 20 * uy), (x + (run + 40) * ux, y + (run + 40) * uy)],
               fill=INK, width=6)  # fmt: skip
        # right-aligned just above the level of the rail's upper end: the start line leans
        # away from it (up and right), the lane above starts higher, the lane below lower
        c.text(x - 20 * ux - LABEL_GAP, y - 6, r["kind"], size=LABEL_SIZE, fill=INK,
               bold=True, anchor="rs")  # fmt: skip
    first, last = geo["starts"][0], geo["starts"][-1]
    reach = 2 * R_PX + 12
    for at, colour in ((-R_PX, MUTED), (run + R_PX, INK)):  # behind and ahead of a body
        c.line([(first[0] + at * ux + reach * nx, first[1] + at * uy + reach * ny),
                (last[0] + at * ux, last[1] + at * uy)], fill=colour, width=5)  # fmt: skip
    c.text(500, 80, f"ramp {puzzle['length']:g} m long at {puzzle['angle']}°", size=44, bold=True)


def racer_centre(puzzle: dict, geo: dict, i: int, dist_m: float):
    x, y = geo["starts"][i]
    along = dist_m * geo["scale"]
    return (
        x + along * geo["u"][0] + R_PX * geo["n"][0],
        y + along * geo["u"][1] + R_PX * geo["n"][1],
    )


def race_frame(base, puzzle: dict, answer: dict, geo: dict, t: float, done: bool = False):
    f = base.copy()
    for i, (r, a) in enumerate(zip(puzzle["racers"], answer["racers"])):
        dist = min(puzzle["length"], 0.5 * a["acceleration"] * t * t)
        cx, cy = racer_centre(puzzle, geo, i, dist)
        colour = NAMED[r["color"]]
        hollow = r["kind"].startswith("hollow")
        f.circle(cx, cy, R_PX, fill=colour, outline=darken(colour, 0.3), width=3)
        if hollow:  # a thick rim, so that its colour stays one solid band at small sizes
            f.circle(cx, cy, HOLE * R_PX, fill=BACKGROUND, outline=darken(colour, 0.3), width=3)
        if r["kind"].endswith("sphere"):  # a sphere shows a highlight on its rim or face
            f.circle(cx - 14, cy - 18, 6, fill=lighten(colour, 0.6))
        turn = dist * geo["scale"] / R_PX  # rolling: the drawn angle follows the drawn path
        spoke = (0.8 if not hollow else HOLE - 0.1) * R_PX  # inside the hole, not across the rim
        f.line([(cx, cy), (cx + spoke * math.sin(turn), cy - spoke * math.cos(turn))],
               fill=INK, width=5)  # fmt: skip
        if done or dist >= puzzle["length"]:
            # level with the body's centre, clear to the right of where the finish line
            # crosses that level (the line leans right going up by under 0.8 units a unit)
            tx, ty = racer_centre(puzzle, geo, i, puzzle["length"] + R_PX / geo["scale"])
            f.text(tx + 30, ty, f"{a['time']:.2f} s", size=34, bold=True, anchor="lm")
    clock(f, t)
    return f
