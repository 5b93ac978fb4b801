"""Counting: 2-28 objects of mixed shapes and colours; the video counts them one by one."""

from __future__ import annotations

import math

from generators.kit import (
    COLOR_NAMES,
    HIGHLIGHT,
    INK,
    NAMED,
    SHAPES,
    Param,
    Task,
    register,
    require,
)

FIELD = (50.0, 190.0, 950.0, 960.0)  # objects live here; the running count sits above
LABEL_Y = 105.0


BADGE_R = 30.0
RING = 16.0  # how far the highlight ring reaches outside a shape


def overlaps(a: dict, b: dict, gap: float = 40.0) -> bool:
    """Closer than `gap` between outlines (room for two highlight rings)."""
    return math.dist((a["x"], a["y"]), (b["x"], b["y"])) < a["r"] + b["r"] + gap


@register(
    "O-33_counting",
    title="Counting",
    description="Count 2-28 non-overlapping objects of mixed shapes and colours.",
    category="counting-math",
    params=[
        Param("min_count", "int", 2, 2, 28, help="fewest objects"),
        Param("max_count", "int", 20, 2, 28, help="most objects"),
    ],
    shard_size=60,
    memory="low",
    instances=2_666_666,  # the measured lower bound; positions make the true space far larger
    faculty="perception",
    levels={
        1: {"min_count": 2, "max_count": 6},
        2: {"min_count": 4, "max_count": 12},
        3: {"min_count": 2, "max_count": 20},
        4: {"min_count": 12, "max_count": 22},
        5: {"min_count": 20, "max_count": 28},
    },
    jumps="each shape is ringed and numbered in one step, and the total goes up by one",
)
class Counting(Task):
    def generate(self, rng, params):
        lo, hi = sorted((params["min_count"], params["max_count"]))
        count = int(rng.integers(lo, hi + 1))
        x0, y0, x1, y1 = FIELD
        shrink = min(1.0, (18 / count) ** 0.5)  # many objects are drawn smaller
        while True:  # rejection sampling; 20 objects fill about a third of the field
            objects: list[dict] = []
            for _ in range(4000):
                if len(objects) == count:
                    break
                r = float(rng.uniform(40, 58)) * shrink
                obj = {"shape": SHAPES[int(rng.integers(len(SHAPES)))],
                       "color": COLOR_NAMES[int(rng.integers(len(COLOR_NAMES)))],
                       "x": float(rng.uniform(x0 + r, x1 - r)), "y": float(rng.uniform(y0 + r, y1 - r)),
                       "r": r, "angle": float(rng.uniform(0, 360)) if rng.random() < 0.5 else 0.0}  # fmt: skip
                if not any(overlaps(obj, o) for o in objects):
                    objects.append(obj)
            if len(objects) == count:
                return {"objects": objects}

    def solve(self, puzzle, params):
        # Count in reading order (top band by band, left to right), as a person would.
        objs = puzzle["objects"]
        order = sorted(range(len(objs)), key=lambda i: (round(objs[i]["y"] / 120), objs[i]["x"]))
        return {"count": len(objs), "order": order}

    def check(self, puzzle, answer, params):
        objs = puzzle["objects"]
        x0, y0, x1, y1 = FIELD
        require(all(x0 <= o["x"] - o["r"] and o["x"] + o["r"] <= x1 and y0 <= o["y"] - o["r"]
                    and o["y"] + o["r"] <= y1 for o in objs), "an object leaves the field")  # fmt: skip
        require(
            not any(overlaps(a, b, 0.0) for i, a in enumerate(objs) for b in objs[i + 1 :]),
            "two objects overlap, so the count is ambiguous",
        )
        require(answer["count"] == len(objs), f"count {answer['count']} is wrong")
        require(
            sorted(answer["order"]) == list(range(len(objs))),
            "counting order does not visit each object once",
        )

    def prompt(self, puzzle, params):
        return (
            "The image shows a number of coloured shapes (circles, squares, triangles, diamonds, "
            "pentagons, hexagons and stars) scattered on a light background, none overlapping. "
            "Count all of them. Highlight each shape once with a yellow ring and write its running "
            "number next to it, and keep the running total at the top as 'Count: N'. The shapes do "
            "not move or change. Count step by step: each ring, number and new total appears at once, "
            "one shape at a time. The video ends when every shape is numbered and the total is "
            "shown."
        )

    def rubric(self, puzzle, answer, params):
        n = answer["count"]
        return "\n".join([
            f"1. The final total reads 'Count: {n}'.",
            f"2. Exactly {n} shapes are highlighted, each exactly once, numbered 1 to {n}.",
            "3. No shape is skipped, counted twice, moved, recoloured or removed.",
            "4. The running total at the top goes up by one with each highlighted shape.",
            "5. No new shapes appear.",
        ])  # fmt: skip

    def render(self, puzzle, answer, params, film):
        objs = puzzle["objects"]
        board = film.canvas()
        for o in objs:
            board.shape(o["shape"], o["x"], o["y"], o["r"], fill=NAMED[o["color"]], outline=INK,
                        width=4, angle=o["angle"])  # fmt: skip
        film.opening(board)
        per_object = min(0.5, 3.5 / len(objs))
        badges = badge_places(objs)
        for k, i in enumerate(answer["order"], start=1):
            o = objs[i]
            board.circle(o["x"], o["y"], o["r"] + 14, outline=INK, width=3)
            board.circle(o["x"], o["y"], o["r"] + 10, outline=HIGHLIGHT, width=9)
            bx, by = badges[i]
            board.circle(bx, by, 30, fill=(255, 255, 255), outline=INK, width=3)
            board.text(bx, by, str(k), size=42, fill=INK, bold=True)
            frame = board.copy()
            frame.text(500, LABEL_Y, f"Count: {k}", size=72, bold=True)
            if k < len(objs):
                film.add(frame, film.seconds(per_object))
        film.closing(frame)


def badge_places(objs: list[dict]) -> list[tuple[float, float]]:
    """Where each number badge goes: on the ring, in the direction (of eight) that keeps it
    farthest from the other shapes' rings, the badges placed before it and the canvas edge."""
    out: list[tuple[float, float]] = []
    for o in objs:
        best, where = -math.inf, (0.0, 0.0)
        for k in range(8):
            a = math.radians(-45 + 45 * k)  # up-right first
            d = o["r"] + RING + BADGE_R * 0.4
            p = (o["x"] + d * math.cos(a), o["y"] + d * math.sin(a))
            room = min(p[0] - BADGE_R, 1000 - BADGE_R - p[0], p[1] - BADGE_R - 150.0,
                       1000 - BADGE_R - p[1])  # fmt: skip
            for q in objs:
                if q is not o:
                    room = min(room, math.dist(p, (q["x"], q["y"])) - q["r"] - RING - BADGE_R)
            for b in out:
                room = min(room, math.dist(p, b) - 2 * BADGE_R)
            if room > best + 1e-9:
                best, where = room, p
        out.append(where)
    return out
