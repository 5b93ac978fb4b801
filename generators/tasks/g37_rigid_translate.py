"""Rigid translate: parts joined by rods move together at one velocity without turning;
where does each part end?

The field is a metre grid with labelled axes. The group's velocity (m/s, right/left and
up/down) and the time are written at the top; every part moves by velocity x time, so the
group keeps its shape and orientation. Velocities are multiples of 0.5 m/s and times even
seconds, so every part ends on a grid point.
"""

from __future__ import annotations

import itertools
import math

from generators.kit import FAINT, INK, MUTED, NAMED, Param, Task, register, require
from generators.kit.geometry import segment_distance
from generators.kit.palette import darken
from generators.kit.view import View

W, H = 10, 8  # field in metres
VIEW = View(530.0, 540.0, 84.0, W / 2, H / 2)  # 84 canvas units a metre
SHAPES = ("circle", "square", "triangle", "pentagon", "hexagon")
COLOURS = ("red", "blue", "green", "orange", "purple", "pink", "brown", "cyan")
PART_R = 0.38  # metres


def moved(part: dict, v: list[float], t: float) -> list[float]:
    return [part["x"] + v[0] * t, part["y"] + v[1] * t]


def clear(cells: list[tuple[int, int]], nxt: tuple[int, int]) -> bool:
    """May the chain grow to `nxt`? Parts 1 m apart or more; the new rod clear of the other
    parts and of the older rods; the new part clear of the older rods."""
    last = cells[-1]
    rods = list(itertools.pairwise(cells))
    along = [(last[0] + (nxt[0] - last[0]) * k / 8, last[1] + (nxt[1] - last[1]) * k / 8)
             for k in range(1, 9)]  # fmt: skip
    return (all(math.dist(nxt, c) >= 1 for c in cells)
            and all(segment_distance(c, last, nxt) >= 2 * PART_R for c in cells[:-1])
            and all(segment_distance(nxt, a, b) >= 2 * PART_R for a, b in rods)
            and all(segment_distance(p, a, b) >= 0.3 for p in along for a, b in rods[:-1]))  # fmt: skip


def heading(v: list[float]) -> str:
    """The velocity in words: '1.5 m/s right, 0.5 m/s down'."""
    words = []
    if v[0]:
        words.append(f"{abs(v[0]):g} m/s {'right' if v[0] > 0 else 'left'}")
    if v[1]:
        words.append(f"{abs(v[1]):g} m/s {'up' if v[1] > 0 else 'down'}")
    return ", ".join(words)


@register(
    "G-37_rigid_translate",
    title="Rigid translate",
    description="Parts joined by rods move together at one velocity without turning; predict "
    "where each part ends on a metre grid.",
    category="physics-motion",
    params=[
        Param("parts", "int", 3, 2, 4, help="parts in the group"),
        Param("max_speed", "float", 2.0, 0.5, 3.0, help="largest velocity component, m/s"),
        Param("diagonal", "bool", True, help="both velocity components may be non-zero"),
    ],
    shard_size=60,
    memory="low",
    instances=2_000_000,  # measured lower bound 2.67 million (4,000 draws, no repeats)
    faculty="transformation",
    levels={
        1: {"parts": 2, "max_speed": 1.0, "diagonal": False},
        2: {"parts": 3, "max_speed": 1.5, "diagonal": False},
        3: {"parts": 3, "max_speed": 2.0, "diagonal": True},
        4: {"parts": 4, "max_speed": 2.5, "diagonal": True},
        5: {"parts": 4, "max_speed": 3.0, "diagonal": True},
    },
)  # fmt: skip
class RigidTranslate(Task):
    def generate(self, rng, params):
        n = params["parts"]
        halves = [
            h / 2
            for h in range(-round(2 * params["max_speed"]), round(2 * params["max_speed"]) + 1)
        ]
        while True:
            seconds = int(rng.choice([2, 4]))
            v = [float(rng.choice(halves)), float(rng.choice(halves))]
            if not params["diagonal"]:
                v[int(rng.integers(2))] = 0.0
            if v == [0.0, 0.0]:
                continue
            cells = [(0, 0)]  # a chain of parts on grid points, 1-2 m apart
            while len(cells) < n:
                x, y = cells[-1]
                step = (int(rng.integers(-2, 3)), int(rng.integers(-2, 3)))
                nxt = (x + step[0], y + step[1])
                if step != (0, 0) and clear(cells, nxt):
                    cells.append(nxt)
            xs, ys = [c[0] for c in cells], [c[1] for c in cells]
            dx, dy = v[0] * seconds, v[1] * seconds
            # the whole path stays one metre inside the field
            lo_x, hi_x = 1 - min(xs) - min(0, dx), W - 1 - max(xs) - max(0, dx)
            lo_y, hi_y = 1 - min(ys) - min(0, dy), H - 1 - max(ys) - max(0, dy)
            if lo_x > hi_x or lo_y > hi_y:
                continue
            ox, oy = int(rng.integers(lo_x, hi_x + 1)), int(rng.integers(lo_y, hi_y + 1))
            shapes = rng.choice(SHAPES, size=n, replace=False)
            colours = rng.choice(COLOURS, size=n, replace=False)
            parts = [{"shape": str(s), "color": str(c), "x": x + ox, "y": y + oy}
                     for s, c, (x, y) in zip(shapes, colours, cells)]  # fmt: skip
            return {"parts": parts, "velocity": v, "seconds": seconds}

    def solve(self, puzzle, params):
        v, t = puzzle["velocity"], puzzle["seconds"]
        return {"displacement": [v[0] * t, v[1] * t],
                "parts": [{"color": p["color"], "end": moved(p, v, t)} for p in puzzle["parts"]]}  # fmt: skip

    def check(self, puzzle, answer, params):
        v, t = puzzle["velocity"], puzzle["seconds"]
        require(v != [0, 0] and all(2 * c == round(2 * c) for c in v), "bad velocity")
        # constant velocity, no turning: every part moves by the same vector v * t
        shift = [v[0] * t, v[1] * t]
        require(all(abs(a - b) < 1e-9 for a, b in zip(answer["displacement"], shift)),
                "the group's displacement is wrong")  # fmt: skip
        got = answer["parts"]
        require([g["color"] for g in got] == [p["color"] for p in puzzle["parts"]],
                "the parts are answered out of order")  # fmt: skip
        for p, g in zip(puzzle["parts"], got):
            want = (p["x"] + shift[0], p["y"] + shift[1])
            require(math.dist(g["end"], want) < 1e-9, f"the {p['color']} part ends elsewhere")
            require(PART_R <= want[0] <= W - PART_R and PART_R <= want[1] <= H - PART_R,
                    "a part leaves the field")  # fmt: skip

    def prompt(self, puzzle, params):
        parts = puzzle["parts"]
        listed = ", ".join(f"a {p['color']} {p['shape']}" for p in parts[:-1])
        last = parts[-1]
        t = puzzle["seconds"]
        return (
            f"The image shows a rigid group of {len(parts)} parts ({listed} and a "
            f"{last['color']} {last['shape']}) joined by black rods, on a grid of 1 m squares "
            "with x and y marked in metres along the bottom and left edges. The whole group "
            f"moves at {heading(puzzle['velocity'])}, as written at the top, without turning, "
            f"for {t} s. Show the motion in real time with the clock counting up. Where is "
            "the centre of each part after that time (x and y in metres)? The video ends with "
            "the group at rest at its final place and its starting place outlined faintly."
        )

    def rubric(self, puzzle, answer, params):
        t, d = puzzle["seconds"], answer["displacement"]
        lines = [
            f"1. The group moves in a straight line at constant speed for {t} s and keeps its "
            "shape and orientation: no part turns or moves relative to the others.",
            f"2. Every part moves by {abs(d[0]):g} m {'right' if d[0] >= 0 else 'left'} and "
            f"{abs(d[1]):g} m {'up' if d[1] >= 0 else 'down'}.",
        ]
        for i, (p, a) in enumerate(zip(puzzle["parts"], answer["parts"]), start=3):
            lines.append(f"{i}. The {p['color']} {p['shape']} ends at x = {a['end'][0]:g} m, "
                         f"y = {a['end'][1]:g} m.")  # fmt: skip
        lines.append(f"{len(lines) + 1}. The group stops when the clock reads {t} s.")
        return "\n".join(lines)

    def render(self, puzzle, answer, params, film):
        v, t_end = puzzle["velocity"], puzzle["seconds"]
        base = film.canvas()
        draw_field(base)
        base.text(60, 75, f"v = {heading(v)}", size=42, bold=True, anchor="lm")
        film.opening(scene(base, puzzle, 0.0))
        for t in film.times(t_end)[:-1]:
            film.add(scene(base, puzzle, t))
        final = base.copy()
        for p in puzzle["parts"]:  # where the group started, faintly
            final.shape(p["shape"], *VIEW.pt(p["x"], p["y"]), PART_R * VIEW.s, fill=None,
                        outline=MUTED, width=3)  # fmt: skip
        film.closing(scene(final, puzzle, t_end))


def draw_field(c) -> None:
    for x in range(W + 1):
        c.line([VIEW.pt(x, 0), VIEW.pt(x, H)], fill=FAINT if 0 < x < W else MUTED, width=3)
        c.text(VIEW.x(x), VIEW.y(0) + 38, str(x), size=32, fill=MUTED)
    for y in range(H + 1):
        c.line([VIEW.pt(0, y), VIEW.pt(W, y)], fill=FAINT if 0 < y < H else MUTED, width=3)
        c.text(VIEW.x(0) - 24, VIEW.y(y), str(y), size=32, fill=MUTED, anchor="rm")
    c.text(VIEW.x(W), VIEW.y(0) + 78, "x (m)", size=30, fill=MUTED, anchor="rm")
    c.text(VIEW.x(0) - 24, VIEW.y(H) - 42, "y (m)", size=30, fill=MUTED, anchor="lm")


def scene(base, puzzle: dict, t: float):
    f = base.copy()
    parts = puzzle["parts"]
    ends = [VIEW.pt(*moved(p, puzzle["velocity"], t)) for p in parts]
    for a, b in itertools.pairwise(ends):
        f.line([a, b], fill=INK, width=9)
    for p, (x, y) in zip(parts, ends):
        f.shape(p["shape"], x, y, PART_R * VIEW.s, fill=NAMED[p["color"]],
                outline=darken(NAMED[p["color"]], 0.35), width=4)  # fmt: skip
    f.text(940, 75, f"t = {t:.2f} s", size=42, anchor="rm")
    return f
