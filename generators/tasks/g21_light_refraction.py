"""Light refraction: a laser beam crosses a stack of transparent layers, bending by Snell's law,
reflecting totally where the critical angle is exceeded and off the mirror at the bottom."""

from __future__ import annotations

import itertools
import math

from generators.kit import BACKGROUND, INK, MUTED, NAMED, Param, Task, register, require
from generators.kit.palette import lighten

RATE = 20  # trajectory samples per simulated second
DURATION = 3.5  # s for the beam front to cross the whole path, at least
FRONT_SPEED = 380  # canvas units/s the front never exceeds (under 3% of the width per frame)
X0, X1 = 100, 750  # left wall (laser) and right opening of the box
Y0, Y1 = 140, 880  # top opening and bottom mirror
MATERIALS = {  # name: (refractive index, tint, density in kg/m^3, solid)
    "air": (1.00, None, 1.2, False),
    "oil": (1.47, "yellow", 920, False),
    "water": (1.33, "blue", 1000, False),
    "glass": (1.52, "cyan", 2500, True),
    "sapphire": (1.77, "purple", 3980, True),
    "diamond": (2.42, "gray", 3510, True),
}
FLUIDS = tuple(m for m, v in MATERIALS.items() if not v[3])  # lightest first
SOLIDS = tuple(m for m, v in MATERIALS.items() if v[3])
BEAM = NAMED["red"]
MIRROR = NAMED["gray"]
MARGIN = 0.04  # |n1 sin(i) / n2 - 1| at every interface: keeps clear of the critical angle
FIRST_LEG = 135  # canvas units of beam before its first bend (the arrow and its label)
THICK = 130  # canvas units: the thinnest layer
CLEAR = 30  # canvas units: hits keep this far from corners of the box and from each other


def index_of(name: str) -> float:
    return MATERIALS[name][0]


def physical_stack(media: list[str]) -> bool:
    """Whether the layers can stand as drawn: fluids float on each other lightest on top
    (air only at the top), and solid slabs lie below every fluid, stacked in any order."""
    fluids = [m for m in media if not MATERIALS[m][3]]
    density = [MATERIALS[m][2] for m in fluids]
    return (
        media[: len(fluids)] == fluids
        and density == sorted(set(density))
        and all(a != b for a, b in itertools.pairwise(media))
    )


def random_stack(rng, n: int) -> list[str]:
    """n layers that can stand: some fluids in density order above solid slabs."""
    count = int(rng.integers(0, min(n, len(FLUIDS)) + 1))
    fluids = sorted((str(m) for m in rng.choice(FLUIDS, size=count, replace=False)),
                    key=lambda m: MATERIALS[m][2])  # fmt: skip
    slabs: list[str] = []
    while len(fluids) + len(slabs) < n:
        slabs.append(str(rng.choice([m for m in SOLIDS if not slabs or m != slabs[-1]])))
    return fluids + slabs


def layer_bounds(puzzle: dict) -> list[float]:
    """y of every horizontal surface from the top opening to the mirror."""
    return [Y0, *puzzle["boundaries"], Y1]


def trace(puzzle: dict) -> tuple[list[list[float]], list[dict]]:
    """The beam's polyline from the laser to where it leaves the box, and one event per bend."""
    bounds = layer_bounds(puzzle)
    ns = [index_of(m) for m in puzzle["media"]]
    layer = puzzle["source_layer"]
    x, y = X0, puzzle["source_y"]
    a = math.radians(puzzle["angle"])
    dx, dy = math.sin(a), (1 if puzzle["heading"] == "down" else -1) * math.cos(a)
    path, events = [[x, y]], []
    for _ in range(40):
        ty = bounds[layer + 1] if dy > 0 else bounds[layer]
        t_y = (ty - y) / dy
        t_x = (X1 - x) / dx
        incidence = math.degrees(math.asin(min(abs(dx), 1.0)))
        if t_x <= t_y:
            x, y = X1, y + dy * t_x
            path.append([x, y])
            events.append(_event("exit", x, y, ns[layer], 1.0, incidence, incidence, "right"))
            return path, events
        x, y = x + dx * t_y, ty
        path.append([x, y])
        if dy < 0 and layer == 0:
            events.append(_event("exit", x, y, ns[0], 1.0, incidence, incidence, "top"))
            return path, events
        if dy > 0 and layer == len(ns) - 1:
            dy = -dy
            events.append(_event("mirror", x, y, ns[layer], ns[layer], incidence, incidence))
            continue
        nxt = layer + (1 if dy > 0 else -1)
        n1, n2 = ns[layer], ns[nxt]
        s2 = n1 * abs(dx) / n2
        if s2 >= 1:
            dy = -dy
            events.append(_event("total_internal_reflection", x, y, n1, n2, incidence, incidence))
            continue
        dx, dy = s2, math.copysign(math.sqrt(1 - s2 * s2), dy)
        layer = nxt
        events.append(_event("refraction", x, y, n1, n2, incidence, math.degrees(math.asin(s2))))
    raise RuntimeError("the beam does not leave the box")


def _event(kind, x, y, n1, n2, incidence, outgoing, edge=None) -> dict:
    e = {"kind": kind, "x": x, "y": y, "n1": n1, "n2": n2, "incidence": incidence,
         "outgoing": outgoing}  # fmt: skip
    if edge:
        e["edge"] = edge
    return e


def optical_length(path: list[list[float]], ns_of_segments: list[float]) -> float:
    return sum(n * math.dist(a, b) for (a, b), n in zip(itertools.pairwise(path), ns_of_segments))


def point_at(path, ns_of_segments, optical: float) -> list[float]:
    """The point of the polyline reached after `optical` units of n * distance."""
    for (a, b), n in zip(itertools.pairwise(path), ns_of_segments):
        seg = n * math.dist(a, b)
        if optical <= seg and seg > 0:
            f = optical / seg
            return [a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f]
        optical -= seg
    return list(path[-1])


def layer_at(bounds: list[float], y: float) -> int:
    """Index of the layer holding height y (a point strictly inside a layer)."""
    for i in range(len(bounds) - 1):
        if bounds[i] < y < bounds[i + 1]:
            return i
    raise ValueError(f"y={y} is on a surface or outside the box")


@register(
    "G-21_light_refraction",
    title="Light refraction",
    description="A laser beam crosses layered media: Snell's law at each boundary, total internal reflection past the critical angle, a mirror at the bottom.",
    category="physics-motion",
    params=[
        Param("layers", "int", 3, 2, 5, help="number of transparent layers"),
        Param("reflection", "str", "sometimes", choices=("never", "sometimes", "always"),
              help="whether the beam reflects totally at a boundary on its way"),
        Param("min_bends", "int", 2, 2, 6, help="least bends and reflections before the beam leaves"),
    ],
    shard_size=60,
    memory="low",
    instances=2_600_000,  # measured lower bound (4,000 draws, no repeat)
    faculty="knowledge",
    levels={1: {"layers": 2, "reflection": "never"}, 2: {"layers": 2}, 3: {"layers": 3},
            4: {"layers": 4, "reflection": "always", "min_bends": 3},
            5: {"layers": 5, "reflection": "always", "min_bends": 5}},
)  # fmt: skip
class LightRefraction(Task):
    def generate(self, rng, params):
        n = params["layers"]
        want_tir = {"never": False, "always": True}.get(params["reflection"], rng.random() < 0.4)
        # (total internal reflection is rare by chance: "sometimes" asks for it 40% of the time)
        while True:
            media = random_stack(rng, n)
            # layers at least THICK deep, the rest of the height shared out in steps of 10
            cuts = sorted(int(c) for c in rng.integers(0, (Y1 - Y0 - THICK * n) // 10 + 1,
                                                       size=n - 1))  # fmt: skip
            inner = [Y0 + THICK * (i + 1) + 10 * c for i, c in enumerate(cuts)]
            bounds = [Y0, *inner, Y1]
            layer = int(rng.integers(n))
            top, bottom = bounds[layer], bounds[layer + 1]
            source_y = int(rng.integers(top + 40, bottom - 39))
            puzzle = {
                "media": media,
                "boundaries": inner,
                "source_layer": layer,
                "source_y": source_y,
                "angle": int(rng.integers(20, 71)),
                "heading": "down" if rng.random() < 0.5 else "up",
                "duration": DURATION,
            }
            if _well_posed(puzzle, params["min_bends"]) and _has_tir(puzzle) == want_tir:
                # slow enough that the front, fastest in the lowest index, glides
                path, _ = trace(puzzle)
                ns = _segment_indices(puzzle, path)
                need = optical_length(path, ns) / (FRONT_SPEED * min(ns))
                puzzle["duration"] = max(DURATION, math.ceil(2 * need) / 2)
                return puzzle

    def solve(self, puzzle, params):
        path, events = trace(puzzle)
        ns = _segment_indices(puzzle, path)
        speed = optical_length(path, ns) / puzzle["duration"]
        steps = round(puzzle["duration"] * RATE)
        samples = [[i / RATE, *point_at(path, ns, speed * i / RATE)] for i in range(steps)]
        samples.append([puzzle["duration"], *path[-1]])
        return {
            "exit_edge": events[-1]["edge"],
            "exit_point": path[-1],
            "path": path,
            "events": events,
            "vacuum_speed": speed,
            "samples": samples,
        }

    def check(self, puzzle, answer, params):
        bounds = layer_bounds(puzzle)
        require(physical_stack(puzzle["media"]), "these layers cannot stand in this order")
        ns = [index_of(m) for m in puzzle["media"]]
        path, events = answer["path"], answer["events"]
        require(len(path) >= 2 and len(events) == len(path) - 1, "path and events disagree")
        require(
            path[0] == [X0, puzzle["source_y"]] and bounds[puzzle["source_layer"]]
            < puzzle["source_y"] < bounds[puzzle["source_layer"] + 1],
            "the beam does not start at the laser",
        )  # fmt: skip
        a = math.radians(puzzle["angle"])
        d0 = (path[1][0] - path[0][0], path[1][1] - path[0][1])
        down = 1 if puzzle["heading"] == "down" else -1
        require(
            _angle_between(d0, (math.sin(a), down * math.cos(a))) < 0.01,
            "the first segment does not follow the laser's direction",
        )
        seg_layers = []
        for p, q in itertools.pairwise(path):
            require(q[0] > p[0] - 1e-6, "the beam turns back towards the laser wall")
            mid = ((p[0] + q[0]) / 2, (p[1] + q[1]) / 2)
            require(Y0 < mid[1] < Y1 and X0 <= mid[0] <= X1, "the beam leaves the box early")
            require(mid[1] not in bounds, "a segment runs along a surface")
            layer = layer_at(bounds, mid[1])
            require(
                all(bounds[layer] - 1e-4 <= y <= bounds[layer + 1] + 1e-4 for y in (p[1], q[1])),
                "a straight segment crosses a boundary without bending",
            )
            seg_layers.append(layer)
        for i, e in enumerate(events):
            v = path[i + 1]
            require(abs(e["x"] - v[0]) < 1e-4 and abs(e["y"] - v[1]) < 1e-4, "event off the path")
            din = (v[0] - path[i][0], v[1] - path[i][1])
            inc = math.degrees(math.atan2(abs(din[0]), abs(din[1])))  # from the vertical normal
            require(abs(e["incidence"] - inc) < 0.01, f"event {i + 1}: wrong incidence angle")
            n1 = ns[seg_layers[i]]
            require(abs(e["n1"] - n1) < 1e-9, f"event {i + 1}: wrong index of the incoming layer")
            if i == len(events) - 1:
                edge = (
                    "right" if abs(v[0] - X1) < 1e-4 else "top" if abs(v[1] - Y0) < 1e-4 else None
                )
                require(
                    e["kind"] == "exit" and e.get("edge") == edge, "the beam must end on an exit"
                )
                require(edge is not None, "the beam ends inside the box")
                continue
            dout = (path[i + 2][0] - v[0], path[i + 2][1] - v[1])
            out = math.degrees(math.atan2(abs(dout[0]), abs(dout[1])))
            require(abs(e["outgoing"] - out) < 0.01, f"event {i + 1}: wrong outgoing angle")
            on = [j for j, b in enumerate(bounds) if abs(v[1] - b) < 1e-4]
            require(len(on) == 1, f"event {i + 1} is not on a surface")
            surface = on[0]
            require(surface != 0, "the beam reaches the top opening but does not leave")
            reflected = (din[1] > 0) != (dout[1] > 0)
            if surface == len(bounds) - 1:
                require(e["kind"] == "mirror" and reflected, "the mirror must reflect the beam")
                require(abs(inc - out) < 0.01, "mirror reflection angles differ")
                continue
            other = seg_layers[i] + (1 if din[1] > 0 else -1)
            n2 = ns[other]
            require(abs(e["n2"] - n2) < 1e-9, f"event {i + 1}: wrong index beyond the boundary")
            s_in = n1 * math.sin(math.radians(inc))
            if s_in > n2:
                require(
                    e["kind"] == "total_internal_reflection"
                    and reflected
                    and abs(inc - out) < 0.01,
                    f"event {i + 1}: beyond the critical angle the beam must reflect totally",
                )
            else:
                require(
                    e["kind"] == "refraction" and not reflected and seg_layers[i + 1] == other,
                    f"event {i + 1}: below the critical angle the beam must pass into the next layer",
                )
                require(
                    abs(s_in - n2 * math.sin(math.radians(out))) < 2e-4,
                    f"event {i + 1}: Snell's law n1 sin(i) = n2 sin(r) fails",
                )
        require(
            answer["exit_point"] == path[-1] and answer["exit_edge"] == events[-1].get("edge"),
            "exit does not match the path",
        )
        # the beam front moves at c / n: optical path n * distance grows at a fixed rate
        seg_n = [ns[j] for j in seg_layers]
        speed = answer["vacuum_speed"]
        total = optical_length(path, seg_n)
        require(abs(total - speed * puzzle["duration"]) < 1e-2, "beam speed does not fit the path")
        s = answer["samples"]
        steps = round(puzzle["duration"] * RATE)
        require(len(s) == steps + 1, "wrong number of samples")
        for i, (t, x, y) in enumerate(s):
            want_t = i / RATE if i < steps else puzzle["duration"]
            require(abs(t - want_t) < 1e-6, "samples are not taken at a fixed rate")
            px, py = point_at(path, seg_n, speed * t)
            require(
                math.hypot(x - px, y - py) < 1e-2,
                f"beam front at t={t:g} is not where light moving at c/n would be",
            )

    def prompt(self, puzzle, params):
        media = puzzle["media"]
        stack = ", ".join(f"{m} (n = {index_of(m):.2f})" for m in media)
        layer = media[puzzle["source_layer"]]
        return (
            f"Side view of a box filled with {len(media)} horizontal transparent layers, from "
            f"top to bottom: {stack}; each layer is labelled with its refractive index n. The "
            "bottom of the box is a gray mirror; the top and the right side are open. A red laser "
            f"on the left wall, inside the {layer} layer, points {puzzle['heading']}wards to the "
            f"right at {puzzle['angle']} degrees from the vertical, as the short arrow shows. "
            "Switch the laser on and show the red beam growing from it: at each boundary "
            "between layers it bends by Snell's law (n1 sin i = n2 sin r, angles from the "
            "vertical), unless the angle is past the critical angle, where it reflects totally; "
            "at the mirror it reflects with equal angles; in a layer of higher index it advances "
            "more slowly (speed c/n). The layers, labels, laser and mirror stay unchanged. The "
            "video ends when the beam leaves the box through the top or the right side, where "
            "its exit point is marked with a yellow ring."
        )

    def rubric(self, puzzle, answer, params):
        lines = [
            f"1. The beam leaves the laser at {puzzle['angle']} degrees from the vertical, going "
            f"{puzzle['heading']} and to the right."
        ]
        names = {"refraction": "bends into the next layer", "mirror": "reflects off the mirror",
                 "total_internal_reflection": "reflects totally (past the critical angle)"}  # fmt: skip
        steps = []
        material = {index_of(m): m for m in puzzle["media"]}
        for e in answer["events"][:-1]:
            if e["kind"] == "refraction":
                steps.append(
                    f"from {material[e['n1']]} ({e['n1']:.2f}) into {material[e['n2']]} "
                    f"({e['n2']:.2f}) it bends from {e['incidence']:.0f} to "
                    f"{e['outgoing']:.0f} degrees"
                )
            else:
                steps.append(
                    f"in {material[e['n1']]} at {e['incidence']:.0f} degrees it {names[e['kind']]}"
                )
        lines.append(
            "2. In order, the beam: " + ("; ".join(steps) if steps else "meets no surface") + "."
        )
        exit_e = answer["events"][-1]
        bounds = layer_bounds(puzzle)
        if exit_e["edge"] == "top":
            where = (
                f"through the top, about {100 * (exit_e['x'] - X0) / (X1 - X0):.0f}% of the way "
                "from the laser wall to the right side"
            )
        else:
            layer = puzzle["media"][layer_at(bounds, exit_e["y"])]
            where = f"through the right side, in the {layer} layer"
        lines += [
            "3. Every bend obeys Snell's law: toward the vertical when entering a higher index, "
            "away from it when entering a lower one; reflections have equal angles.",
            "4. The beam front moves visibly slower in layers of higher index.",
            f"5. The beam leaves the box {where} ({len(answer['events']) - 1} bends or reflections "
            "before that); the exit point is marked with a yellow ring.",
            "6. The layers, labels, laser and mirror do not change.",
        ]
        return "\n".join(lines)

    def render(self, puzzle, answer, params, film):
        base = film.canvas()
        _draw_box(base, puzzle)
        path = answer["path"]
        ns = _segment_indices(puzzle, path)
        speed, duration = answer["vacuum_speed"], puzzle["duration"]
        first = base.copy()
        a = math.radians(puzzle["angle"])
        down = 1 if puzzle["heading"] == "down" else -1
        start = (X0 + 10, puzzle["source_y"])
        tip = (start[0] + 85 * math.sin(a), start[1] + down * 85 * math.cos(a))
        first.arrow(start, tip, fill=INK, width=6, head=24)
        arc = [
            (start[0] + 55 * math.sin(a * j / 12), start[1] + down * 55 * math.cos(a * j / 12))
            for j in range(13)
        ]
        first.line(arc, fill=INK, width=3)  # the angle is measured from the vertical wall
        # the angle's value beyond the arrow's tip, on the bisector, clear of the laser wall
        lx = max(start[0] + 128 * math.sin(a / 2), X0 + 60)
        ly = min(max(start[1] + down * 128 * math.cos(a / 2), Y0 + 30), Y1 - 30)
        label = f"{puzzle['angle']}°"
        half = first.text_width(label, 44) / 2 + 8
        # on a plate, so that a boundary line behind it never runs through the digits
        first.rect(lx - half, ly - 27, lx + half, ly + 27, fill=BACKGROUND, radius=8)
        first.text(lx, ly, label, size=44, bold=True)
        film.opening(first)
        n = film.seconds(duration)
        reach = [optical_length(path[: j + 1], ns[:j]) for j in range(len(path))]
        for k in range(1, n + 1):
            optical = speed * duration * k / n
            front = point_at(path, ns, optical)
            frame = base.copy()
            frame.line(
                [*(p for p, r in zip(path, reach) if r < optical), front], fill=BEAM, width=7
            )
            frame.circle(front[0], front[1], 10, fill=NAMED["yellow"], outline=BEAM, width=3)
            film.add(frame)
        final = base.copy()
        final.line(path, fill=BEAM, width=7)
        for e in answer["events"][:-1]:
            final.line([(e["x"], e["y"] - 50), (e["x"], e["y"] + 50)], fill=INK, width=2)
        ex, ey = path[-1]
        final.circle(ex, ey, 22, outline=NAMED["yellow"], width=9)
        film.closing(final)


def _segment_indices(puzzle: dict, path) -> list[float]:
    bounds = layer_bounds(puzzle)
    return [
        index_of(puzzle["media"][layer_at(bounds, (p[1] + q[1]) / 2)])
        for p, q in itertools.pairwise(path)
    ]


def _angle_between(u, v) -> float:
    cross = u[0] * v[1] - u[1] * v[0]
    return abs(math.atan2(cross, u[0] * v[0] + u[1] * v[1]))


def _has_tir(puzzle: dict) -> bool:
    return any(e["kind"] == "total_internal_reflection" for e in trace(puzzle)[1])


def _well_posed(puzzle: dict, min_bends: int) -> bool:
    """A readable beam: a few clear bends away from corners and from the critical angle."""
    try:
        path, events = trace(puzzle)
    except RuntimeError:
        return False
    if not min_bends + 1 <= len(events) <= 2 * len(puzzle["media"]) + 4:
        return False
    if not any(e["kind"] in ("refraction", "total_internal_reflection") for e in events):
        return False
    for e in events[:-1]:
        if e["kind"] in ("refraction", "total_internal_reflection"):
            ratio = e["n1"] * math.sin(math.radians(e["incidence"])) / e["n2"]
            if abs(ratio - 1) < MARGIN:
                return False
        if e["x"] > X1 - CLEAR:
            return False
        if e["kind"] == "refraction" and e["outgoing"] > 80:
            return False  # grazing beams are unreadable
    last = events[-1]
    bounds = layer_bounds(puzzle)
    if last["edge"] == "right" and min(abs(last["y"] - b) for b in bounds) < CLEAR:
        return False
    if last["edge"] == "top" and last["x"] > X1 - CLEAR:
        return False
    if math.dist(path[0], path[1]) < FIRST_LEG:
        return False  # the drawn arrow and its angle need room before the first bend
    return all(math.dist(p, q) >= CLEAR for p, q in itertools.pairwise(path))


def _draw_box(c, puzzle: dict) -> None:
    bounds = layer_bounds(puzzle)
    for i, m in enumerate(puzzle["media"]):
        tint = MATERIALS[m][1]
        if tint:
            c.rect(X0, bounds[i], X1, bounds[i + 1], fill=lighten(NAMED[tint], 0.72))
        mid = (bounds[i] + bounds[i + 1]) / 2
        c.text(X1 + 38, mid - 24, m, size=40, anchor="lm", fill=INK)
        c.text(X1 + 38, mid + 24, f"n = {index_of(m):.2f}", size=40, anchor="lm", fill=INK)
    for b in bounds[1:-1]:
        c.line([(X0, b), (X1, b)], fill=MUTED, width=3)
    c.line([(X0, Y0), (X1, Y0)], fill=MUTED, width=2)
    c.line([(X1, Y0), (X1, Y1)], fill=MUTED, width=2)
    c.rect(X0 - 8, Y1, X1 + 8, Y1 + 16, fill=MIRROR)  # the mirror
    for x in range(X0, X1 + 1, 40):
        c.line([(x, Y1 + 16), (x - 22, Y1 + 40)], fill=MIRROR, width=3)
    c.line([(X0, Y0 - 20), (X0, Y1)], fill=INK, width=8)
    sy = puzzle["source_y"]
    c.rect(X0 - 36, sy - 22, X0 + 10, sy + 22, fill=NAMED["gray"], outline=INK, width=3)
    c.circle(X0 + 10, sy, 8, fill=BEAM)
