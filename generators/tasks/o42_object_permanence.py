"""Object permanence: an opaque screen passes over objects on a table; they stay unchanged.

Either a screen slides across the table from one side to the other (hiding each object in
turn), or a screen is lowered over all the objects, rests, and is lifted up out of view.
The answer is the object set after the screen has gone: the same objects, in the same places.
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
GONE = (-360, 0)  # the lifted screen, just above the top edge
STEP_UNITS = 22.0  # the most the screen travels between two frames
SCREEN = NAMED["gray"]
WOOD = lighten(NAMED["brown"], 0.55)


def place_objects(rng, n: int) -> list[dict]:
    """n objects of different colours (any shapes) that do not touch each other."""
    colors = [COLORS[int(i)] for i in rng.choice(len(COLORS), size=n, replace=False)]
    chosen = [(SHAPES[int(rng.integers(len(SHAPES)))], c) for c in colors]
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
    instances=2_666_666,  # the measured lower bound
    faculty="knowledge",
    levels={
        1: {"objects": 2},
        2: {"objects": 3},
        3: {"objects": 4},
        4: {"objects": 5},
        5: {"objects": 6},
    },
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
        gone = [DROP_X[0], GONE[0], DROP_X[1], GONE[1]]
        return {"mode": "drop", "direction": "down-and-up", "objects": objects,
                "screen_path": [up, down, gone]}  # fmt: skip

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
        colors = [o["color"] for o in before]
        require(len(set(colors)) == len(colors), "two objects share a colour")
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
        require(path[-1] != path[0], "the screen ends where it started")
        if puzzle["mode"] == "drop":
            require(path[-1][3] <= 0, "the lifted screen is still in view")

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
            motion = ("An opaque gray screen hangs above the table on two cords. It is lowered "
                      "until it hides all the objects, rests there, and is then lifted straight "
                      "up and out of view")  # fmt: skip
            end = "the screen has been lifted out of view"
        return (
            f"The image shows {n} object{'s' if n > 1 else ''} on a wooden table: {things}. "
            f"{motion}. Show the screen's smooth, continuous motion. The objects are not touched: while hidden "
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
            "5. In the final frame the screen no longer covers any object"
            + (" and has been lifted out of view." if puzzle["mode"] == "drop" else "; it has "
               f"stopped at the {puzzle['direction'].split('-')[-1]} end of the table."),
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

        film.opening(frame_at(path[0]))
        for k, (a, b) in enumerate(itertools.pairwise(path)):
            # eased (top speed 1.375x the mean), never faster than STEP_UNITS
            far = max(abs(p - q) for p, q in zip(a, b))
            n = film.seconds(max(1.2, 1.375 * far / STEP_UNITS / film.fps))
            for i, t in enumerate(easing.steps(n, glide), start=1):
                if k == len(path) - 2 and i == n:
                    break  # the last position is the closing frame
                film.add(frame_at(lerp_box(a, b, t)))
            if drop and k == 0:
                film.hold(frame_at(b), 0.8)
        film.closing(frame_at(path[-1]))


def glide(t: float) -> float:
    """Mostly eased in and out, but already moving in the first frame (so the first step is
    visible even with the screen's edges on whole pixels)."""
    return 0.25 * t + 0.75 * easing.ease_in_out(t)


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


# Flat fills without shared outline colours: every visible part of the scene has a colour
# of its own, so a partly hidden object or table edge never looks like another one moving.
def draw_table(canvas: Canvas) -> None:
    x0, y0, x1, y1 = TABLE
    for lx in (x0 + 50, x1 - 90):
        canvas.rect(lx, y1 - 10, lx + 40, 950, fill=darken(NAMED["brown"], 0.1))
    canvas.rect(x0, y0, x1, y1, fill=WOOD, radius=16)


def draw_object(canvas: Canvas, o: dict) -> None:
    rgb = NAMED[o["color"]]
    canvas.shape(o["shape"], o["x"], o["y"], o["r"], fill=rgb, outline=darken(rgb, 0.45),
                 width=5)  # fmt: skip


def draw_screen(canvas: Canvas, box, hanging: bool) -> None:
    # whole-pixel edges: a sliding edge that blends into the wood and the objects would
    # leave a trail of blend-coloured slivers that change from frame to frame
    x0, y0, x1, y1 = (round(v * canvas.scale) / canvas.scale for v in box)
    if hanging and y0 > 0:  # two cords from the top edge
        for x in (x0 + 60, x1 - 60):
            canvas.line([(x, 0), (x, y0)], fill=INK, width=5)
    canvas.rect(x0, y0, x1, y1, fill=SCREEN, radius=10)
