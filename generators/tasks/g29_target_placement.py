"""Target placement: coloured shapes glide (and turn) onto the outlines of the same colour and
shape, all at once along straight, smooth, collision-free paths."""

from __future__ import annotations

import itertools
import math

from generators.kit import COLOR_NAMES, INK, NAMED, Param, Task, easing, register, require
from generators.kit.draw import shape_points

RATE = 20  # trajectory samples per simulated second
MOVE = 2.0  # s of gliding, at least: longer when a shape has far to go (3% rule)
SIZE = 52.0  # circumradius of every shape (units)
CLEAR = 2 * SIZE + 16  # centres of moving shapes never come closer than this
AREA = (110.0, 200.0, 890.0, 890.0)  # where shape centres may be
KINDS = ("square", "triangle", "diamond", "pentagon", "hexagon", "star")
# a diamond is a rhombus, taller than wide (a turned square would look like the square)
SYMMETRY = {"square": 90, "triangle": 120, "diamond": 180, "pentagon": 72, "hexagon": 60,
            "star": 72}  # fmt: skip
NARROW = 0.58  # a diamond's width over its height
PLAIN = 6.0  # degrees: every turn is at least this, and this far from a tie of both ways
INSTANCES = 10**8  # measured: at least 150 M (30,000 draws, no repeat)
COLOURS = tuple(c for c in COLOR_NAMES if c not in ("gray", "yellow"))


def turn(kind: str, a0: float, a1: float) -> float:
    """The smallest rotation (degrees) that makes a shape at angle a0 look like one at a1."""
    sym = SYMMETRY[kind]
    return ((a1 - a0 + sym / 2) % sym) - sym / 2


def move_time(puzzle: dict) -> float:
    """Seconds of gliding: MOVE, or enough half seconds that the farthest shape never
    outruns GLIDE_SPEED at the peak of its smooth start-stop."""
    longest = max(math.dist(_xy(o), _xy(_match(puzzle, o))) for o in puzzle["objects"])
    peak = easing.peak_speed(easing.ease_in_out)
    return max(MOVE, math.ceil(2 * peak * longest / easing.GLIDE_SPEED) / 2)


def pose(obj: dict, target: dict, t: float, move: float) -> tuple[float, float, float]:
    """Centre and angle of an object t seconds after the start: straight line, smooth start
    and stop (ease in and out), turning by the smallest rotation on the way."""
    u = easing.ease_in_out(min(max(t / move, 0.0), 1.0))
    x = obj["x"] + (target["x"] - obj["x"]) * u
    y = obj["y"] + (target["y"] - obj["y"]) * u
    return x, y, obj["angle"] + turn(obj["kind"], obj["angle"], target["angle"]) * u


@register(
    "G-29_target_placement",
    title="Target placement",
    description="Coloured shapes glide and turn onto the outlines of matching colour and shape along smooth, collision-free paths.",
    category="spatial-visual",
    params=[Param("objects", "int", 3, 1, 5, help="number of shapes to place")],
    shard_size=85,
    memory="low",
    instances=INSTANCES,
    faculty="spatiality",
    levels={1: {"objects": 1}, 2: {"objects": 2}, 3: {"objects": 3}, 4: {"objects": 4},
            5: {"objects": 5}},
)  # fmt: skip
class TargetPlacement(Task):
    def generate(self, rng, params):
        n = params["objects"]
        while True:
            colours = [str(c) for c in rng.choice(COLOURS, size=n, replace=False)]
            kinds = [str(rng.choice(KINDS)) for _ in range(n)]
            points = _scatter(rng, 2 * n)
            if points is None:
                continue
            objects = [{"colour": c, "kind": k, "x": p[0], "y": p[1], "angle": int(rng.integers(0, 360))}
                       for c, k, p in zip(colours, kinds, points[:n])]  # fmt: skip
            targets = [{"colour": c, "kind": k, "x": p[0], "y": p[1], "angle": int(rng.integers(0, 360))}
                       for c, k, p in zip(colours, kinds, points[n:])]  # fmt: skip
            order = [int(i) for i in rng.permutation(n)]
            targets = [targets[i] for i in order]
            puzzle = {"objects": objects, "targets": targets}
            plain = all(
                PLAIN <= abs(turn(o["kind"], o["angle"], _match(puzzle, o)["angle"]))
                <= SYMMETRY[o["kind"]] / 2 - PLAIN for o in objects
            )  # fmt: skip
            if (
                plain
                and all(math.dist(_xy(o), _xy(_match(puzzle, o))) > 3 * SIZE for o in objects)
                and _apart(puzzle)
            ):
                return puzzle

    def solve(self, puzzle, params):
        objs = puzzle["objects"]
        match = [puzzle["targets"].index(_match(puzzle, o)) for o in objs]
        move = move_time(puzzle)
        times = [k / RATE for k in range(round(move * RATE) + 1)]
        samples = [
            [t, *(v for o, j in zip(objs, match) for v in pose(o, puzzle["targets"][j], t, move))]
            for t in times
        ]
        return {
            "targets": match,
            "turns": [
                turn(o["kind"], o["angle"], puzzle["targets"][j]["angle"])
                for o, j in zip(objs, match)
            ],
            "samples": samples,
        }

    def check(self, puzzle, answer, params):
        objs, tgts = puzzle["objects"], puzzle["targets"]
        n = len(objs)
        match = answer["targets"]
        require(sorted(match) == list(range(n)), "every outline must receive exactly one shape")
        for i, (o, j) in enumerate(zip(objs, match)):
            t = tgts[j]
            require(o["colour"] == t["colour"] and o["kind"] == t["kind"],
                    f"the {o['colour']} {o['kind']} goes to the {t['colour']} {t['kind']} outline")  # fmt: skip
            require(sum(1 for q in tgts if (q["colour"], q["kind"]) == (o["colour"], o["kind"])) == 1,
                    f"the {o['colour']} {o['kind']} has no unique outline")  # fmt: skip
            smallest = turn(o["kind"], o["angle"], t["angle"])
            require(
                abs(answer["turns"][i] - smallest) < 1e-6,
                f"the {o['colour']} {o['kind']} does not turn the shorter way, by {smallest:g}",
            )
        s = answer["samples"]
        dt = 1 / RATE
        require(len(s) >= 3 and all(len(r) == 1 + 3 * n for r in s), "malformed samples")
        require(all(abs(r[0] - k * dt) < 1e-6 for k, r in enumerate(s)), "irregular samples")
        poses = [[r[1 + 3 * i : 4 + 3 * i] for i in range(n)] for r in s]
        for i, (o, j) in enumerate(zip(objs, match)):
            t = tgts[j]
            x0, y0, a0 = poses[0][i]
            require(math.hypot(x0 - o["x"], y0 - o["y"]) < 1e-6 and abs(a0 - o["angle"]) < 1e-6,
                    f"the {o['colour']} {o['kind']} does not start where it is drawn")  # fmt: skip
            x1, y1, a1 = poses[-1][i]
            require(
                math.hypot(x1 - t["x"], y1 - t["y"]) < 1e-4,
                f"the {o['colour']} {o['kind']} misses its outline",
            )
            require(
                abs((a1 - a0) - answer["turns"][i]) < 1e-3,
                f"the {o['colour']} {o['kind']} turns other than stated",
            )
            sym = SYMMETRY[o["kind"]]
            off = (a1 - t["angle"]) % sym
            require(
                min(off, sym - off) < 1e-3, f"the {o['colour']} {o['kind']} ends turned wrongly"
            )
            length = math.hypot(t["x"] - o["x"], t["y"] - o["y"])
            total = s[-1][0] - s[0][0]
            v_max = 1.5 * length / total + 1e-6  # peak speed of a smooth start-stop glide
            w_max = 1.5 * abs(answer["turns"][i]) / total + 1e-6
            for k in range(1, len(s)):
                (px, py, pa), (qx, qy, qa) = poses[k - 1][i], poses[k][i]
                cross = (t["x"] - o["x"]) * (qy - o["y"]) - (t["y"] - o["y"]) * (qx - o["x"])
                require(
                    abs(cross) / max(length, 1e-9) < 1e-3,
                    f"the {o['colour']} {o['kind']} leaves its straight path",
                )
                require(
                    math.hypot(qx - px, qy - py) <= v_max * dt + 1e-6,
                    f"the {o['colour']} {o['kind']} jumps",
                )
                require(
                    abs(qa - pa) <= w_max * dt + 1e-6,
                    f"the {o['colour']} {o['kind']} spins too fast",
                )
                towards = (
                    math.hypot(t["x"] - qx, t["y"] - qy)
                    <= math.hypot(t["x"] - px, t["y"] - py) + 1e-9
                )
                require(towards, f"the {o['colour']} {o['kind']} moves away from its outline")
        for k, ps in enumerate(poses):  # no two shapes collide on the way
            for i, j in itertools.combinations(range(n), 2):
                d = math.hypot(ps[i][0] - ps[j][0], ps[i][1] - ps[j][1])
                require(d >= CLEAR - 1e-6, f"shapes {i + 1} and {j + 1} collide at t={s[k][0]:g}")

    def prompt(self, puzzle, params):
        shapes = ", ".join(
            f"{'an' if o['colour'][0] in 'aeiou' else 'a'} {o['colour']} {o['kind']}"
            for o in puzzle["objects"]
        )
        return (
            f"The picture shows {len(puzzle['objects'])} filled shapes ({shapes}) and, elsewhere, "
            "outlines of the same shapes and colours, each outline turned to its own angle. Move "
            "every filled shape onto the outline of its own colour and shape: all of them glide "
            "at the same time along straight lines, starting and stopping smoothly, and turn on "
            "the way by the smallest rotation that makes them fit their outline exactly. No two "
            "shapes touch while moving. The outlines stay where they are. The video ends when "
            "every shape sits exactly inside its outline."
        )

    def rubric(self, puzzle, answer, params):
        moves = "; ".join(
            f"{o['colour']} {o['kind']} turns {abs(d):.0f} degrees "
            f"{'clockwise' if d > 0 else 'counterclockwise' if d < 0 else '(no turn)'}"
            for o, d in zip(puzzle["objects"], answer["turns"])
        )
        return "\n".join([
            "1. All shapes start moving together and arrive together.",
            "2. Each shape travels in a straight line toward the outline of its own colour and "
            "shape, speeding up smoothly and slowing down before it stops.",
            f"3. On the way each shape turns by the smallest amount that fits its outline: {moves}.",
            "4. No two shapes touch or overlap during the motion.",
            "5. In the final frame every outline is exactly filled by the shape of its colour; no "
            "shape is left elsewhere.",
            "6. The outlines do not move.",
        ])  # fmt: skip

    def render(self, puzzle, answer, params, film):
        base = film.canvas()
        base.text(500, 100, "Place each shape on its outline", size=46, bold=True)
        for t in puzzle["targets"]:
            base.polygon(_points(t["kind"], t["x"], t["y"], t["angle"]), outline=NAMED[t["colour"]],
                         width=7)  # fmt: skip
        match, move = answer["targets"], move_time(puzzle)

        def frame_at(t: float):
            c = base.copy()
            for o, j in zip(puzzle["objects"], match):
                x, y, a = pose(o, puzzle["targets"][j], t, move)
                c.polygon(
                    _points(o["kind"], x, y, a), fill=NAMED[o["colour"]], outline=INK, width=3
                )
            return c

        film.opening(frame_at(0.0))
        for t in film.times(move)[:-1]:
            film.add(frame_at(t))
        film.closing(frame_at(move))


def _points(kind: str, x: float, y: float, angle: float) -> list[tuple[float, float]]:
    """The outline of a shape of circumradius SIZE; a diamond is a rhombus NARROW as wide."""
    if kind != "diamond":
        return shape_points(kind, x, y, SIZE, angle)
    a = math.radians(angle)
    c, s = math.cos(a), math.sin(a)
    corners = ((0, -SIZE), (NARROW * SIZE, 0), (0, SIZE), (-NARROW * SIZE, 0))
    return [(x + dx * c - dy * s, y + dx * s + dy * c) for dx, dy in corners]


def _xy(d: dict) -> tuple[float, float]:
    return d["x"], d["y"]


def _match(puzzle: dict, obj: dict) -> dict:
    return next(
        t for t in puzzle["targets"] if (t["colour"], t["kind"]) == (obj["colour"], obj["kind"])
    )


def _scatter(rng, count: int):
    """count points in AREA, pairwise at least CLEAR + 20 apart (None if they do not fit)."""
    pts = []
    x0, y0, x1, y1 = AREA
    for _ in range(400):
        p = (round(float(rng.uniform(x0, x1)), 1), round(float(rng.uniform(y0, y1)), 1))
        if all(math.dist(p, q) >= CLEAR + 20 for q in pts):
            pts.append(p)
            if len(pts) == count:
                return pts
    return None


def _apart(puzzle: dict) -> bool:
    """No two shapes come closer than CLEAR at any sampled moment of the glide."""
    objs = puzzle["objects"]
    tg = [_match(puzzle, o) for o in objs]
    move = move_time(puzzle)
    for k in range(0, round(move * RATE) * 4 + 1):
        t = move * k / (round(move * RATE) * 4)
        ps = [pose(o, g, t, move) for o, g in zip(objs, tg)]
        for a, b in itertools.combinations(ps, 2):
            if math.hypot(a[0] - b[0], a[1] - b[1]) < CLEAR:
                return False
    return True
