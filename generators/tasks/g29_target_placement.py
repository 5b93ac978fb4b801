"""Target placement: coloured shapes glide (and turn) onto the outlines of the same colour and
shape, all at once along straight, smooth, collision-free paths; decoy outlines stay empty."""

from __future__ import annotations

import itertools
import math

from generators.kit import (
    COLOR_NAMES,
    INK,
    NAMED,
    Param,
    Task,
    easing,
    register,
    require,
    shape_points,
)

RATE = 20  # trajectory samples per simulated second
SIZE = 52.0  # circumradius of every shape (units)
CLEAR = 2 * SIZE + 16  # centres of moving shapes never come closer than this
AREA = (110.0, 200.0, 890.0, 890.0)  # where shape centres may be
KINDS = ("square", "triangle", "rhombus", "pentagon", "hexagon", "star")
SYMMETRY = {"square": 90, "triangle": 120, "rhombus": 180, "pentagon": 72, "hexagon": 60,
            "star": 72}  # fmt: skip
RHOMBUS = 0.6  # short diagonal over long: never mistaken for a turned square
MIN_TURN = 10  # degrees: every shape turns visibly
TIE_MARGIN = 8  # degrees: the smallest turn is this far from half a symmetry step, so the
# other way round is at least 16 degrees longer and the direction is never a tie
MIN_MOVE = 1.5  # s: the shortest glide
PEAK = easing.peak_speed(easing.ease_in_out)  # peak speed over mean speed of the glide
COLOURS = tuple(c for c in COLOR_NAMES if c not in ("gray", "yellow"))


def turn(kind: str, a0: float, a1: float) -> float:
    """The smallest rotation (degrees, clockwise positive) that makes a shape at angle a0 look
    like one at a1."""
    sym = SYMMETRY[kind]
    return ((a1 - a0 + sym / 2) % sym) - sym / 2


def outline(kind: str, x: float, y: float, angle: float) -> list[tuple[float, float]]:
    """Vertices of a shape (a rhombus is a square squashed along one diagonal)."""
    if kind != "rhombus":
        return shape_points(kind, x, y, SIZE, angle)
    a = math.radians(angle)
    axes = [(SIZE, 0.0), (0.0, SIZE * RHOMBUS), (-SIZE, 0.0), (0.0, -SIZE * RHOMBUS)]
    return [(x + u * math.cos(a) - v * math.sin(a), y + u * math.sin(a) + v * math.cos(a))
            for u, v in axes]  # fmt: skip


def move_seconds(puzzle: dict, match: list[int]) -> float:
    """How long the glide lasts: the longest path never faster than GLIDE_SPEED, at least
    MIN_MOVE, in whole trajectory samples."""
    longest = max(_length(o, puzzle["targets"][j]) for o, j in zip(puzzle["objects"], match))
    return math.ceil(max(MIN_MOVE, PEAK * longest / easing.GLIDE_SPEED) * RATE) / RATE


def pose(obj: dict, target: dict, t: float, duration: float) -> tuple[float, float, float]:
    """Centre and angle of an object t seconds after the start: straight line, smooth start
    and stop (ease in and out), turning by the smallest rotation on the way."""
    u = easing.ease_in_out(min(max(t / duration, 0.0), 1.0))
    x = obj["x"] + (target["x"] - obj["x"]) * u
    y = obj["y"] + (target["y"] - obj["y"]) * u
    return x, y, obj["angle"] + turn(obj["kind"], obj["angle"], target["angle"]) * u


@register(
    "G-29_target_placement",
    title="Target placement",
    description="Coloured shapes glide and turn onto the outlines of matching colour and shape along smooth, collision-free paths; decoy outlines stay empty.",
    category="spatial-visual",
    params=[
        Param("objects", "int", 3, 2, 5, help="number of shapes to place"),
        Param("decoys", "int", 1, 0, 3, help="outlines of a shape's colour but another kind, left empty"),
    ],
    shard_size=85,
    memory="low",
    instances=10**8,  # measured: at least 150 M (30,000 draws, no repeat)
    faculty="spatiality",
    levels={1: {"objects": 2, "decoys": 0}, 2: {"objects": 3, "decoys": 0},
            3: {"objects": 3, "decoys": 1}, 4: {"objects": 4, "decoys": 2},
            5: {"objects": 5, "decoys": 3}},
)  # fmt: skip
class TargetPlacement(Task):
    def generate(self, rng, params):
        n, d = params["objects"], params["decoys"]
        while True:
            points = _scatter(rng, 2 * n + d)
            if points is None:
                continue
            colours = [str(c) for c in rng.choice(COLOURS, size=n, replace=False)]
            kinds = [str(rng.choice(KINDS)) for _ in range(n)]
            objects = [{"colour": c, "kind": k, "x": p[0], "y": p[1], "angle": int(rng.integers(0, 360))}
                       for c, k, p in zip(colours, kinds, points)]  # fmt: skip
            targets = [_target(rng, o, p) for o, p in zip(objects, points[n:])]
            for p in points[2 * n :]:  # a decoy: a shape's colour, another kind
                owner = objects[int(rng.integers(n))]
                taken = {t["kind"] for t in targets if t["colour"] == owner["colour"]}
                kind = str(rng.choice([k for k in KINDS if k not in taken]))
                targets.append({"colour": owner["colour"], "kind": kind, "x": p[0], "y": p[1],
                                "angle": int(rng.integers(0, 360))})  # fmt: skip
            targets = [targets[int(i)] for i in rng.permutation(len(targets))]
            puzzle = {"objects": objects, "targets": targets}
            match = [targets.index(_match(puzzle, o)) for o in objects]
            far = all(_length(o, targets[j]) > 3 * SIZE for o, j in zip(objects, match))
            if far and _apart(puzzle, match):
                return puzzle

    def solve(self, puzzle, params):
        objs, tgts = puzzle["objects"], puzzle["targets"]
        match = [tgts.index(_match(puzzle, o)) for o in objs]
        duration = move_seconds(puzzle, match)
        samples = [
            [t, *(v for o, j in zip(objs, match) for v in pose(o, tgts[j], t, duration))]
            for t in (k / RATE for k in range(round(duration * RATE) + 1))
        ]
        turns = [turn(o["kind"], o["angle"], tgts[j]["angle"]) for o, j in zip(objs, match)]
        return {"targets": match, "turns": turns, "samples": samples}

    def check(self, puzzle, answer, params):
        objs, tgts = puzzle["objects"], puzzle["targets"]
        n, match = len(objs), answer["targets"]
        require(len(match) == n and len(set(match)) == n and set(match) <= set(range(len(tgts))),
                "every shape needs an outline of its own")  # fmt: skip
        require(len(answer["turns"]) == n, "one turn per shape")
        for i, (o, j) in enumerate(zip(objs, match)):
            name, t = f"the {o['colour']} {o['kind']}", tgts[j]
            require((o["colour"], o["kind"]) == (t["colour"], t["kind"]),
                    f"{name} goes to the {t['colour']} {t['kind']} outline")  # fmt: skip
            require(sum((q["colour"], q["kind"]) == (o["colour"], o["kind"]) for q in tgts) == 1,
                    f"{name} has no unique outline")  # fmt: skip
            best = turn(o["kind"], o["angle"], t["angle"])
            require(abs(abs(best) - SYMMETRY[o["kind"]] / 2) >= 1, f"{name}'s two turns tie")
            require(abs(answer["turns"][i] - best) < 1e-6,
                    f"{name} turns {abs(best):g} degrees {_way(best)}")  # fmt: skip
        s = answer["samples"]
        dt = 1 / RATE
        require(len(s) >= 3 and all(len(r) == 1 + 3 * n for r in s), "malformed samples")
        require(all(abs(r[0] - k * dt) < 1e-6 for k, r in enumerate(s)), "irregular samples")
        poses = [[r[1 + 3 * i : 4 + 3 * i] for i in range(n)] for r in s]
        for i, (o, j) in enumerate(zip(objs, match)):
            _check_path(o, tgts[j], answer["turns"][i], [p[i] for p in poses], dt)
        require(all(_moved(poses[0][i], poses[1][i]) for i in range(n)),
                "the shapes do not start moving together")  # fmt: skip
        require(all(_moved(poses[-2][i], poses[-1][i]) for i in range(n)),
                "the shapes do not arrive together")  # fmt: skip
        for k, ps in enumerate(poses):  # no two shapes collide on the way
            for i, j in itertools.combinations(range(n), 2):
                d = math.hypot(ps[i][0] - ps[j][0], ps[i][1] - ps[j][1])
                require(d >= CLEAR - 1e-6, f"shapes {i + 1} and {j + 1} collide at t={s[k][0]:g}")

    def prompt(self, puzzle, params):
        shapes = ", ".join(
            f"{_a(o['colour'])} {o['colour']} {o['kind']}" for o in puzzle["objects"]
        )
        spare = len(puzzle["targets"]) > len(puzzle["objects"])
        return (
            f"The picture shows {len(puzzle['objects'])} filled shapes ({shapes}) and, elsewhere, "
            "outlines of shapes, each outline turned to its own angle"
            + ("; some outlines match no filled shape" if spare else "")
            + ". Move every filled shape onto the outline of its own colour and shape: all of "
            "them glide at the same time along straight lines, starting and stopping smoothly, "
            "and turn on the way by the smallest rotation that makes them fit their outline "
            "exactly. No two shapes touch while moving. The outlines stay where they are"
            + (" and an outline without a matching shape stays empty" if spare else "")
            + ". The video ends when every shape sits exactly inside its outline."
        )

    def rubric(self, puzzle, answer, params):
        objs, tgts = puzzle["objects"], puzzle["targets"]
        moves = "; ".join(f"{o['colour']} {o['kind']} turns {abs(d):g} degrees {_way(d)}"
                          for o, d in zip(objs, answer["turns"]))  # fmt: skip
        lines = [
            "1. All shapes start moving together and arrive together.",
            "2. Each shape travels in a straight line toward the outline of its own colour and "
            "shape, speeding up smoothly and slowing down before it stops.",
            f"3. On the way each shape turns by the smallest amount that fits its outline: {moves}.",
            "4. No two shapes touch or overlap during the motion.",
            "5. In the final frame every filled shape exactly fills the outline of its colour and "
            "shape; no shape is left elsewhere.",
            "6. The outlines do not move.",
        ]  # fmt: skip
        empty = [t for k, t in enumerate(tgts) if k not in answer["targets"]]
        if empty:
            names = ", ".join(f"{t['colour']} {t['kind']}" for t in empty)
            lines.append(f"7. The outlines matching no filled shape ({names}) stay empty.")
        return "\n".join(lines)

    def render(self, puzzle, answer, params, film):
        base = film.canvas()
        base.text(500, 100, "Place each shape on its outline", size=46, bold=True)
        for t in puzzle["targets"]:
            base.polygon(outline(t["kind"], t["x"], t["y"], t["angle"]), outline=NAMED[t["colour"]],
                         width=7)  # fmt: skip
        match = answer["targets"]
        duration = move_seconds(puzzle, match)

        def frame_at(t: float):
            c = base.copy()
            for o, j in zip(puzzle["objects"], match):
                x, y, a = pose(o, puzzle["targets"][j], t, duration)
                c.polygon(
                    outline(o["kind"], x, y, a), fill=NAMED[o["colour"]], outline=INK, width=3
                )
            return c

        film.opening(frame_at(0.0))
        times = film.times(duration)
        for t in times[:-1]:
            film.add(frame_at(t))
        film.closing(frame_at(duration))


def _check_path(o: dict, t: dict, turned: float, path: list, dt: float) -> None:
    """One shape's poses: from where it is drawn to its outline in a straight line, never
    faster than the smooth glide allows, turning one way only by the stated turn."""
    name = f"the {o['colour']} {o['kind']}"
    x0, y0, a0 = path[0]
    require(math.hypot(x0 - o["x"], y0 - o["y"]) < 1e-6 and abs(a0 - o["angle"]) < 1e-6,
            f"{name} does not start where it is drawn")  # fmt: skip
    x1, y1, a1 = path[-1]
    require(math.hypot(x1 - t["x"], y1 - t["y"]) < 1e-4, f"{name} misses its outline")
    require(abs(a1 - a0 - turned) < 1e-3, f"{name} ends turned wrongly")
    length, total = _length(o, t), dt * (len(path) - 1)
    v_max = min(PEAK * length / total, easing.GLIDE_SPEED) + 1e-6
    w_max = PEAK * abs(turned) / total + 1e-6
    for ends in (path[:2], path[-2:]):  # a smooth start and stop: slow first and last steps
        require(math.dist(ends[0][:2], ends[1][:2]) <= 0.5 * length * dt / total,
                f"{name} starts or stops abruptly")  # fmt: skip
    for (px, py, pa), (qx, qy, qa) in itertools.pairwise(path):
        cross = (t["x"] - o["x"]) * (qy - o["y"]) - (t["y"] - o["y"]) * (qx - o["x"])
        require(abs(cross) / length < 1e-3, f"{name} leaves its straight path")
        require(math.hypot(qx - px, qy - py) <= v_max * dt + 1e-6, f"{name} jumps")
        require(abs(qa - pa) <= w_max * dt + 1e-6, f"{name} spins too fast")
        require((qa - pa) * turned >= -1e-9, f"{name} turns back")
        towards = math.hypot(t["x"] - qx, t["y"] - qy) <= math.hypot(t["x"] - px, t["y"] - py)
        require(towards, f"{name} moves away from its outline")


def _moved(p, q) -> bool:
    return math.hypot(q[0] - p[0], q[1] - p[1]) > 1e-9


def _way(d: float) -> str:
    return "clockwise" if d > 0 else "counterclockwise"


def _a(word: str) -> str:
    return "an" if word[0] in "aeiou" else "a"


def _length(a: dict, b: dict) -> float:
    return math.hypot(b["x"] - a["x"], b["y"] - a["y"])


def _match(puzzle: dict, obj: dict) -> dict:
    return next(
        t for t in puzzle["targets"] if (t["colour"], t["kind"]) == (obj["colour"], obj["kind"])
    )


def _target(rng, obj: dict, p) -> dict:
    """The outline of obj at p, turned so that the smallest turn onto it is at least MIN_TURN
    and TIE_MARGIN short of a tie, either way round."""
    sym = SYMMETRY[obj["kind"]]
    size = int(rng.integers(MIN_TURN, sym // 2 - TIE_MARGIN + 1)) * int(rng.choice([-1, 1]))
    angle = (obj["angle"] + size + sym * int(rng.integers(360 // sym))) % 360
    return {"colour": obj["colour"], "kind": obj["kind"], "x": p[0], "y": p[1], "angle": angle}


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


def _apart(puzzle: dict, match: list[int]) -> bool:
    """No two shapes come closer than CLEAR on the way. All glide with the same easing u, so
    their offset is d0 + u * dd, whose closest approach over u in [0, 1] is exact."""
    tg = [puzzle["targets"][j] for j in match]
    for (a, ta), (b, tb) in itertools.combinations(zip(puzzle["objects"], tg), 2):
        d0 = (b["x"] - a["x"], b["y"] - a["y"])
        dd = (tb["x"] - b["x"] - ta["x"] + a["x"], tb["y"] - b["y"] - ta["y"] + a["y"])
        norm = dd[0] ** 2 + dd[1] ** 2
        u = min(max(-(d0[0] * dd[0] + d0[1] * dd[1]) / norm, 0.0), 1.0) if norm else 0.0
        if math.hypot(d0[0] + u * dd[0], d0[1] + u * dd[1]) < CLEAR:
            return False
    return True
