"""Gravity: boxes released one at a time from given heights fall freely (y'' = -g), land
without bouncing on the ground or on boxes already there, and stay stacked."""

from __future__ import annotations

import itertools
import math

from generators.kit import INK, MUTED, NAMED, Param, Task, pick, register, require
from generators.kit.physics import G, accelerations, pace, slowdown, snap, steady, ticks
from generators.kit.view import View, clock, ruler, underlined

RATE = 50  # trajectory samples per simulated second
COLORS = ("red", "blue", "green", "orange", "purple", "cyan")
WIDTH = 10.0  # m of ground shown
LEFT, GROUND, SCALE = 120.0, 850.0, 76.0  # canvas x of x=0, canvas y of y=0, units per metre
VIEW = View(LEFT, GROUND, SCALE)
MIN_OVERLAP = 0.3  # m: boxes either overlap this much horizontally or keep this gap
MIN_GAP = 0.15
TOL = 1e-4
INSTANCES = 66_000_000  # at least: a lower bound measured by scripts/measure_instances.py


def overlap(a: dict, b: dict) -> float:
    """Horizontal overlap of two boxes in metres (negative: the gap between them)."""
    return min(a["x1"], b["x1"]) - max(a["x0"], b["x0"])


def settle(boxes: list[dict], gap: float) -> list[dict]:
    """Release times, landing times, resting heights and supports, box by box in order.

    A box can only come to rest on boxes released before it (generate guarantees that a
    later box starts above every earlier box it overlaps), so one pass in order suffices."""
    out = []
    for j, b in enumerate(boxes):
        below = [i for i in range(j) if overlap(boxes[i], b) > 0]
        level = max([out[i]["rest"] + boxes[i]["height"] for i in below], default=0.0)
        supports = [i for i in below if abs(out[i]["rest"] + boxes[i]["height"] - level) < 1e-9]
        release = j * gap
        land = release + math.sqrt(max(2 * (b["release_height"] - level) / G, 0.0))
        out.append({"release": release, "land": land, "rest": level, "on": supports})
    return out


def bottom_at(box: dict, fate: dict, t: float) -> float:
    if t <= fate["release"]:
        return box["release_height"]
    if t >= fate["land"]:
        return fate["rest"]
    return box["release_height"] - G * (t - fate["release"]) ** 2 / 2


@register(
    "G-12_gravity",
    title="Falling boxes",
    description="Boxes released one at a time fall freely and settle on the ground or on each other; show where they come to rest.",
    category="physics-motion",
    params=[
        Param("min_boxes", "int", 3, 2, 6, help="fewest boxes"),
        Param("max_boxes", "int", 5, 2, 6, help="most boxes"),
    ],
    shard_size=60,
    memory="low",
    instances=INSTANCES,
    faculty="knowledge",
    levels={1: {"min_boxes": 2, "max_boxes": 2}, 2: {"min_boxes": 2, "max_boxes": 3}, 3: {},
            4: {"min_boxes": 5, "max_boxes": 6}, 5: {"min_boxes": 6, "max_boxes": 6}},
)  # fmt: skip
class Gravity(Task):
    def generate(self, rng, params):
        lo, hi = sorted((params["min_boxes"], params["max_boxes"]))
        while True:
            n = int(rng.integers(lo, hi + 1))
            gap = snap(rng.uniform(0.3, min(0.6, 2.9 / (n - 1))))
            columns = sorted(rng.uniform(1.6, WIDTH - 1.6, size=int(rng.integers(1, 4))))
            boxes = []
            for j in range(n):  # add boxes one at a time, retrying only the new one
                for _ in range(50):
                    box = _new_box(rng, j, columns, boxes)
                    if box is not None and _acceptable([*boxes, box], gap):
                        boxes.append(box)
                        break
                else:
                    break
            if len(boxes) == n and any(f["on"] for f in settle(boxes, gap)):
                return {"g": G, "gap": gap, "boxes": boxes}

    def solve(self, puzzle, params):
        boxes = puzzle["boxes"]
        fates = settle(boxes, puzzle["gap"])
        duration = math.ceil(max(f["land"] for f in fates) * RATE) / RATE  # the last landing
        samples = [
            [t, *(bottom_at(b, f, t) for b, f in zip(boxes, fates))] for t in ticks(duration, RATE)
        ]
        return {"duration": duration, "boxes": fates, "samples": samples}

    def check(self, puzzle, answer, params):
        boxes, fates, g = puzzle["boxes"], answer["boxes"], puzzle["g"]
        s = answer["samples"]
        dt = 1 / RATE
        require(len(fates) == len(boxes), "every box needs a fate")
        require(len(s) == round(answer["duration"] * RATE) + 1, "wrong number of samples")
        require(steady((r[0] for r in s), RATE) and all(len(r) == len(boxes) + 1 for r in s),
                "samples are not at a fixed rate")  # fmt: skip
        for j, (b, f) in enumerate(zip(boxes, fates)):
            require(
                abs(f["release"] - j * puzzle["gap"]) < 1e-6,
                f"box {j + 1} released at the wrong time",
            )
            h, r, land = b["release_height"], f["release"], f["land"]
            require(r < land <= answer["duration"], f"box {j + 1} does not land during the video")
            require(
                abs(h - g * (land - r) ** 2 / 2 - f["rest"]) < TOL,
                f"box {j + 1} lands at the wrong time",
            )
            ys = [row[j + 1] for row in s]
            for k, y in enumerate(ys):
                t = k * dt
                if t <= r:
                    require(abs(y - h) < TOL, f"box {j + 1} moves before its release")
                elif t >= land:
                    require(abs(y - f["rest"]) < TOL, f"box {j + 1} moves after landing")
                else:  # free fall from rest: y = h - g (t - r)^2 / 2
                    require(
                        abs(y - (h - g * (t - r) ** 2 / 2)) < TOL,
                        f"box {j + 1} is not in free fall at t={t:.2f}",
                    )
            for k, acc in enumerate(accelerations(ys, dt), 1):
                if r <= (k - 1) * dt and (k + 1) * dt <= land:
                    require(
                        abs(acc + g) < 0.05,
                        f"box {j + 1} does not accelerate at g at t={k * dt:.2f}",
                    )
            steps = [abs(a - c) for a, c in itertools.pairwise(ys)]
            require(max(steps) <= g * (land - r) * dt + TOL, f"box {j + 1} jumps between samples")
        # nothing overlaps at any sample time
        for row in s:
            for i, j in itertools.combinations(range(len(boxes)), 2):
                if overlap(boxes[i], boxes[j]) > TOL:
                    lo_i, lo_j = row[i + 1], row[j + 1]
                    clear = (
                        lo_i >= lo_j + boxes[j]["height"] - TOL
                        or lo_j >= lo_i + boxes[i]["height"] - TOL
                    )
                    require(clear, f"boxes {i + 1} and {j + 1} overlap at t={row[0]:.2f}")
        # resting: on the ground or on the highest box below, and stable
        for j, (b, f) in enumerate(zip(boxes, fates)):
            under = [i for i in range(len(boxes)) if i != j and overlap(boxes[i], b) > TOL
                     and fates[i]["rest"] + boxes[i]["height"] <= f["rest"] + TOL]  # fmt: skip
            level = max([fates[i]["rest"] + boxes[i]["height"] for i in under], default=0.0)
            require(abs(f["rest"] - level) < TOL, f"box {j + 1} is not resting on what is below it")
            on = sorted(
                i for i in under if abs(fates[i]["rest"] + boxes[i]["height"] - level) < TOL
            )
            require(sorted(f["on"]) == on, f"box {j + 1} lists the wrong supports")
            require(
                all(fates[i]["land"] <= f["land"] + TOL for i in on),
                f"box {j + 1} lands before its support",
            )
            if on:
                span = (min(boxes[i]["x0"] for i in on), max(boxes[i]["x1"] for i in on))
                centre = (b["x0"] + b["x1"]) / 2
                require(span[0] < centre < span[1], f"box {j + 1} would tip over")

    def prompt(self, puzzle, params):
        boxes = puzzle["boxes"]
        n = len(boxes)
        desc = "; ".join(
            f"box {b['number']} ({b['color']}, {b['x1'] - b['x0']:.1f} m wide, {b['height']:.1f} m tall, "
            f"from {b['x0']:.1f} m to {b['x1']:.1f} m along the ground, its bottom {b['release_height']:.1f} m up)"
            for b in boxes
        )
        return (
            f"Side view: {n} numbered boxes hang in the air above flat ground, drawn at their "
            "starting heights; the ruler on the ground shows horizontal position and the scale on "
            f"the left shows height in metres. The boxes are released from rest one at a time in "
            f"number order, one every {puzzle['gap']:g} s, starting with box 1: {desc}. Gravity is "
            f"9.81 m/s^2 and there is no air resistance. Show the fall {pace(slowness(puzzle))}, "
            "with a clock: each box falls straight down with constant acceleration until it "
            "lands on the ground or on a box that is already there. Boxes land without bouncing, "
            "sliding or tipping and stay where they land. The ground and rulers do not change. "
            "The video ends when the last box lands."
        )

    def rubric(self, puzzle, answer, params):
        boxes, fates = puzzle["boxes"], answer["boxes"]
        lines = [
            f"1. Boxes start falling one at a time in number order, {puzzle['gap']:g} s apart, each from rest.",
            "2. Each box falls straight down, speeding up steadily (free fall); none moves sideways.",
        ]
        rest = []
        for b, f in zip(boxes, fates):
            on = (
                "the ground"
                if not f["on"]
                else " and ".join(f"box {boxes[i]['number']}" for i in f["on"])
            )
            rest.append(
                f"box {b['number']} on {on} (bottom at {f['rest']:.1f} m, landing at {f['land']:.2f} s on the clock)"
            )
        lines.append("3. Final resting places: " + "; ".join(rest) + ".")
        lines.append(
            "4. Boxes never overlap or pass through each other, and do not bounce or tip after landing."
        )
        lines.append(
            f"5. The last box lands at {max(f['land'] for f in fates):.2f} s on the clock and the "
            "video ends; the ground and rulers are unchanged."
        )
        return "\n".join(lines)

    def render(self, puzzle, answer, params, film):
        boxes, fates = puzzle["boxes"], answer["boxes"]
        base = film.canvas()
        _draw_scene(base, puzzle)
        end = max(f["land"] for f in fates)  # the last box lands: all at rest from here on

        def frame_at(t: float):
            c = base.copy()
            for b, f in zip(boxes, fates):
                _draw_box(c, b, bottom_at(b, f, t))
            clock(c, t, y=135)
            return c

        film.opening(frame_at(0.0))
        for t in film.times(end * slowness(puzzle), span=end):
            film.add(frame_at(t))
        film.closing(frame_at(end))


def slowness(puzzle: dict) -> int:
    """How much slower than real time the video plays: enough for a box dropped from the
    highest release height to the ground to glide."""
    top = max(b["release_height"] for b in puzzle["boxes"])
    return slowdown(SCALE * math.sqrt(2 * G * top))


def _new_box(rng, j: int, columns: list[float], boxes: list[dict]) -> dict | None:
    """Box j near one of the columns, hanging above every earlier box it overlaps."""
    w, h = snap(rng.uniform(0.9, 2.0)), snap(rng.uniform(0.6, 1.2))
    centre = pick(rng, columns) + rng.uniform(-0.5, 0.5)
    x0 = snap(min(max(centre - w / 2, 0.2), WIDTH - 0.2 - w))
    box = {"number": j + 1, "color": COLORS[j], "x0": x0, "x1": snap(x0 + w), "height": h}
    floor = 1.0
    for b in boxes:
        if overlap(b, box) > 0:
            floor = max(floor, b["release_height"] + b["height"] + 0.3)
    if floor + h > 7.6:
        return None
    box["release_height"] = snap(rng.uniform(floor, min(floor + 2.5, 7.6 - h)))
    return box


def _acceptable(boxes: list[dict], gap: float) -> bool:
    """Whether a set of boxes makes a clear puzzle (checked as each box is added)."""
    for a, b in itertools.combinations(boxes, 2):
        ov = overlap(a, b)
        if MIN_GAP > ov > -MIN_GAP or 0 < ov < MIN_OVERLAP:
            return False  # touching edges or a sliver of overlap: ambiguous to the eye
    fates = settle(boxes, gap)
    for j, (b, f) in enumerate(zip(boxes, fates)):
        if b["release_height"] - f["rest"] < 0.8 or b["release_height"] + b["height"] > 7.6:
            return False
        for i in range(j):  # a later box hangs above every earlier box it overlaps
            top_i = boxes[i]["release_height"] + boxes[i]["height"]
            if overlap(boxes[i], b) > 0 and b["release_height"] < top_i + 0.3:
                return False
        if f["on"]:
            span = (min(boxes[i]["x0"] for i in f["on"]), max(boxes[i]["x1"] for i in f["on"]))
            centre = (b["x0"] + b["x1"]) / 2
            if not span[0] + 0.15 < centre < span[1] - 0.15:
                return False  # it would tip, or nearly
        if f["rest"] + b["height"] > 5.5:
            return False
    return max(f["land"] for f in fates) <= 3.6


def _draw_scene(c, puzzle: dict) -> None:
    c.crisp_line(LEFT - 14, GROUND + 6, LEFT + WIDTH * SCALE + 14, GROUND + 6, INK, 12)
    ruler(c, VIEW, GROUND + 12, LEFT + WIDTH * SCALE, label_y=GROUND + 70, every=2, long=26)
    axis_x = LEFT - 50
    c.line([(axis_x, GROUND), (axis_x, GROUND - 8 * SCALE)], fill=MUTED, width=3)
    c.text(axis_x, GROUND - 8 * SCALE - 34, "m", size=40, fill=MUTED)
    for m in range(9):
        y = GROUND - m * SCALE
        c.line([(axis_x, y), (axis_x + 16, y)], fill=MUTED, width=3)
        if m % 2 == 0:
            c.text(axis_x - 14, y, str(m), size=40, fill=MUTED, anchor="rm")
    c.text(
        60,
        75,
        f"released 1, 2, 3 ... one every {puzzle['gap']:g} s",
        size=44,
        anchor="lm",
        bold=True,
    )
    c.text(LEFT + WIDTH * SCALE, GROUND + 120, "metres", size=40, fill=MUTED, anchor="rm")


def _draw_box(c, box: dict, bottom: float) -> None:
    x0, y1 = VIEW.pt(box["x0"], bottom)
    x1, y0 = VIEW.pt(box["x1"], bottom + box["height"])
    c.rect(x0, y0, x1, y1, fill=NAMED[box["color"]], outline=INK, width=3)
    underlined(c, (x0 + x1) / 2, (y0 + y1) / 2 + 14, str(box["number"]), 40, (255, 255, 255), True)
