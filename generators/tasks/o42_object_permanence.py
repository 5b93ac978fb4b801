"""Object permanence: an opaque screen passes over objects on a table; they stay unchanged.

Either a screen slides across the table from one side to the other (hiding each object in
turn), or a screen is lowered over all the objects, rests, and is raised again. The
answer is the object set after the screen has gone: the same objects, in the same places.
"""

from __future__ import annotations

import itertools

from generators.kit import INK, NAMED, Canvas, Param, Task, easing, register, require
from generators.kit.palette import darken, lighten

SHAPES = ("circle", "square", "triangle", "diamond", "star", "hexagon")
COLORS = ("red", "blue", "green", "orange", "purple", "yellow", "pink", "cyan")
TABLE = (60, 430, 940, 850)  # x0, y0, x1, y1 of the table top
OBJ_X, OBJ_Y = (270, 730), (465, 790)  # the box objects stay inside
SCREEN_Y = (447, 807)  # vertical extent of the screen when it is down on the table
SWEEP_W = 190
PARK_LEFT, PARK_RIGHT = (60, 60 + SWEEP_W), (940 - SWEEP_W, 940)
DROP_X = (230, 770)
DROP_UP = (50, 410)
SCREEN = NAMED["gray"]
WOOD = lighten(NAMED["brown"], 0.55)


def place_objects(rng, n: int) -> list[dict]:
    """n distinct (shape, colour) objects that do not touch each other."""
    pairs = [(s, c) for s in SHAPES for c in COLORS]
    chosen = [pairs[int(i)] for i in rng.choice(len(pairs), size=n, replace=False)]
    r_hi = 72 if n <= 2 else 62 if n <= 4 else 50
    while True:
        objs: list[dict] = []
        for shape, color in chosen:
            for _ in range(200):
                r = int(rng.integers(r_hi - 14, r_hi + 1))
                x = int(rng.integers(OBJ_X[0] + r, OBJ_X[1] - r + 1))
                y = int(rng.integers(OBJ_Y[0] + r, OBJ_Y[1] - r + 1))
                if all((x - o["x"]) ** 2 + (y - o["y"]) ** 2 >= (r + o["r"] + 24) ** 2
                       for o in objs):  # fmt: skip
                    objs.append({"shape": shape, "color": color, "x": x, "y": y, "r": r})
                    break
            else:
                break
        if len(objs) == n:
            return objs


def article(noun: str) -> str:
    return ("an " if noun[0] in "aeiou" else "a ") + noun


def box_touches(box, obj) -> bool:
    x0, y0, x1, y1 = box
    return not (x1 <= obj["x"] - obj["r"] or x0 >= obj["x"] + obj["r"]
                or y1 <= obj["y"] - obj["r"] or y0 >= obj["y"] + obj["r"])  # fmt: skip


def lerp_box(a, b, t: float) -> list[float]:
    return [easing.lerp(p, q, t) for p, q in zip(a, b)]


@register(
    "O-42_object_permanence",
    title="Object permanence",
    description="An opaque screen passes over objects on a table; afterwards they are unchanged.",
    category="spatial-visual",
    params=[Param("objects", "int", 4, 1, 6, help="objects on the table")],
    shard_size=60,
    memory="low",
    instances=10**9,
)
class ObjectPermanence(Task):
    def generate(self, rng, params):
        objects = place_objects(rng, params["objects"])
        if rng.random() < 0.5:
            start = int(rng.integers(2))  # 0: enters from the left
            parks = [PARK_LEFT, PARK_RIGHT][:: 1 if start == 0 else -1]
            path = [[p[0], SCREEN_Y[0], p[1], SCREEN_Y[1]] for p in parks]
            return {"mode": "sweep", "direction": "left-to-right" if start == 0 else
                    "right-to-left", "objects": objects, "screen_path": path}  # fmt: skip
        up = [DROP_X[0], DROP_UP[0], DROP_X[1], DROP_UP[1]]
        down = [DROP_X[0], SCREEN_Y[0], DROP_X[1], SCREEN_Y[1]]
        return {"mode": "drop", "direction": "down-and-up", "objects": objects,
                "screen_path": [up, down, up]}  # fmt: skip

    def solve(self, puzzle, params):
        objs = puzzle["objects"]
        return {"objects": [dict(o) for o in objs], "count": len(objs),
                "names": [f"{o['color']} {o['shape']}" for o in objs]}  # fmt: skip

    def check(self, puzzle, answer, params):
        before, after = puzzle["objects"], answer["objects"]
        require(answer["count"] == len(before) == len(after), "the object count changed")
        for a, b in zip(before, after):
            require(a["shape"] == b["shape"] and a["color"] == b["color"],
                    "an object changed shape or colour")  # fmt: skip
            require(all(abs(a[k] - b[k]) < 1e-6 for k in ("x", "y", "r")),
                    f"the {a['color']} {a['shape']} moved or changed size")  # fmt: skip
        require(answer["names"] == [f"{o['color']} {o['shape']}" for o in before],
                "the object names do not match the objects")  # fmt: skip
        kinds = [(o["shape"], o["color"]) for o in before]
        require(len(set(kinds)) == len(kinds), "two objects look the same")
        for i, a in enumerate(before):
            for b in before[i + 1 :]:
                gap = ((a["x"] - b["x"]) ** 2 + (a["y"] - b["y"]) ** 2) ** 0.5
                require(gap > a["r"] + b["r"], "two objects overlap")
        path = puzzle["screen_path"]
        require(not any(box_touches(path[0], o) for o in before),
                "the screen hides an object in the first frame")  # fmt: skip
        require(not any(box_touches(path[-1], o) for o in before),
                "the screen still hides an object at the end")  # fmt: skip
        for o in before:  # each object is fully hidden at some moment of the screen's motion
            require(any(hidden_on_segment(a, b, o) for a, b in itertools.pairwise(path)),
                    f"the {o['color']} {o['shape']} is never hidden")  # fmt: skip

    def prompt(self, puzzle, params):
        n = len(puzzle["objects"])
        things = ", ".join(article(f"{o['color']} {o['shape']}") for o in puzzle["objects"])
        if puzzle["mode"] == "sweep":
            side, other = (("left", "right") if puzzle["direction"] == "left-to-right"
                           else ("right", "left"))  # fmt: skip
            motion = (f"An opaque gray screen stands at the {side} end of the table. It slides "
                      f"across the table to the {other} end, passing in front of the objects "
                      "and hiding each of them in turn")  # fmt: skip
            end = f"the screen has stopped at the {other} end of the table"
        else:
            motion = ("An opaque gray screen hangs above the table. It is lowered until it "
                      "hides all the objects, rests there, and is raised back to where it "
                      "started")  # fmt: skip
            end = "the screen is back in its starting place"
        return (
            f"The image shows {n} object{'s' if n > 1 else ''} on a wooden table: {things}. "
            f"{motion}. Show the screen's motion. The objects are not touched: while hidden "
            "they stay exactly where they are, and every object reappears with the same shape, "
            f"colour, size and position. The video ends when {end} and all {n} objects are "
            "visible again, unchanged."
        )

    def rubric(self, puzzle, answer, params):
        names = ", ".join(answer["names"])
        return "\n".join([
            "1. The gray screen moves as described and passes in front of the objects, "
            "hiding them while it covers them.",
            "2. While an object is hidden, nothing appears or disappears around the screen.",
            f"3. In the final frame exactly {answer['count']} objects are on the table: {names}.",
            "4. Every object has the same shape, colour, size and position as in the first "
            "frame; none has moved, swapped or changed.",
            "5. In the final frame the screen no longer covers any object.",
        ])  # fmt: skip

    def render(self, puzzle, answer, params, film):
        base = film.canvas()
        draw_table(base)
        for o in puzzle["objects"]:
            draw_object(base, o)
        path = puzzle["screen_path"]
        drop = puzzle["mode"] == "drop"

        def frame_at(box):
            frame = base.copy()
            draw_screen(frame, box, drop)
            return frame

        film.hold(frame_at(path[0]), 1.0)
        if drop:
            moves = [(path[0], path[1], 1.2), (path[1], path[2], 1.2)]
        else:
            moves = [(path[0], path[1], 3.0)]
        for k, (a, b, secs) in enumerate(moves):
            for t in easing.steps(film.seconds(secs), easing.ease_in_out):
                film.add(frame_at(lerp_box(a, b, t)))
            if drop and k == 0:
                film.hold(frame_at(b), 0.8)
        film.hold(frame_at(path[-1]), 1.5)


def hidden_on_segment(a, b, obj) -> bool:
    """Whether a box moving linearly from a to b fully covers obj at some moment."""
    lo, hi = 0.0, 1.0
    # each side of the box must be beyond the object's edge: a linear inequality in t
    for k, edge, sign in ((0, obj["x"] - obj["r"], -1), (1, obj["y"] - obj["r"], -1),
                          (2, obj["x"] + obj["r"], 1), (3, obj["y"] + obj["r"], 1)):  # fmt: skip
        # need sign * (a[k] + (b[k] - a[k]) t - edge) >= 0
        c0, c1 = sign * (a[k] - edge), sign * (b[k] - a[k])
        if abs(c1) < 1e-12:
            if c0 < 0:
                return False
        elif c1 > 0:
            lo = max(lo, -c0 / c1)
        else:
            hi = min(hi, -c0 / c1)
    return lo <= hi


def draw_table(canvas: Canvas) -> None:
    x0, y0, x1, y1 = TABLE
    for lx in (x0 + 50, x1 - 90):
        canvas.rect(lx, y1 - 10, lx + 40, 950, fill=darken(NAMED["brown"], 0.1))
    canvas.rect(x0, y0, x1, y1, fill=WOOD, outline=NAMED["brown"], width=8, radius=16)


def draw_object(canvas: Canvas, o: dict) -> None:
    canvas.shape(o["shape"], o["x"], o["y"], o["r"], fill=NAMED[o["color"]], outline=INK,
                 width=5)  # fmt: skip


def draw_screen(canvas: Canvas, box, hanging: bool) -> None:
    x0, y0, x1, y1 = box
    if hanging:  # two cords from the top edge
        for x in (x0 + 60, x1 - 60):
            canvas.line([(x, 40), (x, y0)], fill=INK, width=5)
    canvas.rect(x0, y0, x1, y1, fill=SCREEN, outline=darken(SCREEN, 0.4), width=8, radius=10)
