"""Torque balance: a balance beam hangs from a pivot with weights on hooks 1 to 6 m either
side; it rests tilted down toward the heavier side. Hang one weight from the tray on
a free hook so that the beam balances (sum of mass x distance equal on both sides); it then
settles level.

Puzzles are kept only when exactly one (tray weight, free hook) pair balances the beam; the
checker recomputes both sides' moments from the hung weights on its own and tries every pair.
"""

from __future__ import annotations

import itertools
import math

from generators.kit import INK, MUTED, NAMED, Param, Task, easing, register, require
from generators.kit.geometry import round_corners
from generators.kit.rng import choose

HOOKS = 6  # hooks per side, 1 m apart
PIVOT = (500.0, 300.0)
STEP = 70.0  # canvas units per metre along the beam
TILT = 7.0  # degrees: the beam's tilt limit
STRING = 150.0
BOX = 60.0  # a weight's side
TRAY_Y = 860.0
LANE_Y = 680.0  # a weight glides across below the hung weights
BEAM, WEIGHT = NAMED["brown"], NAMED["blue"]


def moments(weights) -> tuple[int, int]:
    """Sum of mass x distance (kg m) on the left and on the right; weights [side, hook, kg]."""
    left = sum(m * d for side, d, m in weights if side == "left")
    right = sum(m * d for side, d, m in weights if side == "right")
    return left, right


def balancing(weights, tray) -> list[tuple[str, int, int]]:
    """Every (side, hook, mass) of a tray weight on a free hook that balances the beam."""
    taken = {(s, d) for s, d, _ in weights}
    out = []
    for side, d, m in itertools.product(("left", "right"), range(1, HOOKS + 1), tray):
        if (side, d) not in taken:
            left, right = moments([*weights, [side, d, m]])
            if left == right:
                out.append((side, d, m))
    return out


@register(
    "O-87_torque_balance",
    title="Torque balance",
    description="Hang one tray weight on a free hook of a tilted balance beam so that mass x distance is equal on both sides and the beam settles level.",
    category="counting-math",
    params=[
        Param("hung", "int", 3, 2, 5, help="weights already on the beam"),
        Param("tray", "int", 3, 2, 5, help="weights to choose from"),
    ],
    shard_size=60,
    memory="low",
    instances=2_500_000,
    faculty="knowledge",
    levels={
        1: {"hung": 2, "tray": 2},
        2: {"hung": 2, "tray": 3},
        3: {"hung": 3, "tray": 3},
        4: {"hung": 4, "tray": 4},
        5: {"hung": 5, "tray": 5},
    },
)  # fmt: skip
class TorqueBalance(Task):
    def generate(self, rng, params):
        while True:
            spots = choose(rng, [(s, d) for s in ("left", "right") for d in range(1, HOOKS + 1)],
                           params["hung"])  # fmt: skip
            weights = [[s, d, int(rng.integers(1, 10))] for s, d in spots]
            tray = sorted(choose(rng, range(1, 10), params["tray"]))
            left, right = moments(weights)
            if left != right and len(balancing(weights, tray)) == 1:
                return {"weights": sorted(weights), "tray": tray}

    def solve(self, puzzle, params):
        left = sum(m * d for s, d, m in puzzle["weights"] if s == "left")
        right = sum(m * d for s, d, m in puzzle["weights"] if s == "right")
        side = "left" if left < right else "right"
        taken = {(s, d) for s, d, _ in puzzle["weights"]}
        for m in puzzle["tray"]:
            d, rest = divmod(abs(left - right), m)
            if not rest and 1 <= d <= HOOKS and (side, d) not in taken:
                return {"side": side, "hook": d, "mass": m, "left": left, "right": right,
                        "balanced": max(left, right)}  # fmt: skip
        raise ValueError("no tray weight balances the beam")

    def check(self, puzzle, answer, params):
        weights, tray = puzzle["weights"], puzzle["tray"]
        left, right = moments(weights)
        require(left != right, "the beam is balanced before anything is hung")
        require([answer["left"], answer["right"]] == [left, right],
                f"the moments before are {left} and {right} kg m")  # fmt: skip
        side, d, m = answer["side"], answer["hook"], answer["mass"]
        require(m in tray, f"{m} kg is not a tray weight")
        require(side in ("left", "right") and isinstance(d, int) and 1 <= d <= HOOKS
                and [side, d] not in [w[:2] for w in weights], "the hook is not a free hook")  # fmt: skip
        after = moments([*weights, [side, d, m]])
        require(after[0] == after[1], f"with it the moments are {after[0]} and {after[1]} kg m")
        require(answer["balanced"] == after[0], f"each side's moment ends at {after[0]} kg m")
        require(len(balancing(weights, tray)) == 1, "more than one weight and hook balance it")

    def prompt(self, puzzle, params):
        return (
            "The image shows a balance beam hanging from a pivot at its centre, with hooks "
            f"numbered 1 to {HOOKS} on each side, 1 m apart (hook 3 is 3 m from the pivot). "
            "Weights marked with their mass in kilograms hang from some hooks, and the beam rests "
            "at its tilt limit, down on the heavier side. Below it, a tray holds more weights. The beam "
            "balances when the sum of mass x distance from the pivot is the same on both "
            "sides. Choose the one tray weight and the one free hook that balance the beam; "
            "the weight glides up and hangs from that hook, and the beam then swings level "
            "and stays level. The other weights stay where they are."
        )

    def rubric(self, puzzle, answer, params):
        def terms(side):
            return " + ".join(f"{m}x{d}" for s, d, m in puzzle["weights"] if s == side) or "0"

        a = answer
        return "\n".join([
            f"1. Before: left {terms('left')} = {a['left']} kg m, right {terms('right')} = "
            f"{a['right']} kg m; the beam rests tilted down on the "
            f"{'left' if a['left'] > a['right'] else 'right'}.",
            f"2. The {a['mass']} kg weight from the tray is hung on hook {a['hook']} on the "
            f"{a['side']}, adding {a['mass']}x{a['hook']} = {a['mass'] * a['hook']} kg m; it is "
            "the only tray weight and free hook that balance the beam.",
            f"3. After: both sides have {a['balanced']} kg m; the beam swings smoothly to level "
            "and stays level in the final frame.",
            "4. The other weights stay on their hooks and the other tray weights stay in the "
            "tray.",
        ])  # fmt: skip

    def render(self, puzzle, answer, params, film):
        a = answer
        tilt0 = TILT if a["left"] > a["right"] else -TILT  # positive: left end down
        tray_x = tray_spots(puzzle["tray"])
        pick = puzzle["tray"].index(a["mass"])
        base = film.canvas()
        draw_stand(base)
        for i, m in enumerate(puzzle["tray"]):
            if i != pick:
                draw_weight(base, tray_x[i], TRAY_Y, m)
        base.text(500, TRAY_Y + BOX / 2 + 45, "Tray (masses in kg)", size=40, fill=MUTED)

        def scene(angle: float, extra=None, moving=None):
            frame = base.copy()
            hung = [*puzzle["weights"], *([extra] if extra else [])]
            draw_beam(frame, angle, hung)
            if moving:
                draw_weight(frame, *moving, a["mass"])
            return frame

        start = (tray_x[pick], TRAY_Y)
        film.opening(scene(tilt0, moving=start))
        hook = hook_point(a["side"], a["hook"], tilt0)
        hang = (hook[0], hook[1] + STRING + BOX / 2)
        path = round_corners([start, (start[0], LANE_Y), (hang[0], LANE_Y), hang], 60)
        length = sum(math.dist(p, q) for p, q in itertools.pairwise(path))
        for t in easing.steps(film.seconds(easing.glide_seconds(length)), easing.cruise):
            frame = scene(tilt0, moving=easing.along_polyline(path, t))
            if t > 0.999:
                frame = scene(tilt0, extra=[a["side"], a["hook"], a["mass"]])
            film.add(frame)
        film.hold(scene(tilt0, extra=[a["side"], a["hook"], a["mass"]]), 0.3)
        for t in easing.steps(film.seconds(1.2), easing.ease_in_out):
            film.add(scene(tilt0 * (1 - t), extra=[a["side"], a["hook"], a["mass"]]))
        film.closing(scene(0.0, extra=[a["side"], a["hook"], a["mass"]]))


def hook_point(side: str, d: int, angle: float) -> tuple[float, float]:
    """Where hook d on a side is when the beam is turned `angle` degrees (left end down)."""
    x = -d * STEP if side == "left" else d * STEP
    r = math.radians(angle)
    return (PIVOT[0] + x * math.cos(r), PIVOT[1] - x * math.sin(r))


def draw_stand(canvas) -> None:
    canvas.rect(488, PIVOT[1] - 150, 512, PIVOT[1], fill=MUTED)
    canvas.rect(380, PIVOT[1] - 165, 620, PIVOT[1] - 140, fill=MUTED, radius=6)


def draw_beam(canvas, angle: float, weights) -> None:
    end_l, end_r = hook_point("left", HOOKS + 0.5, angle), hook_point("right", HOOKS + 0.5, angle)
    canvas.line([end_l, end_r], fill=BEAM, width=22)
    for side in ("left", "right"):
        for d in range(1, HOOKS + 1):
            x, y = hook_point(side, d, angle)
            canvas.circle(x, y, 6, fill=INK)
            canvas.text(x, y - 34, str(d), size=40, fill=MUTED)
    for side, d, m in weights:
        x, y = hook_point(side, d, angle)
        canvas.line([(x, y), (x, y + STRING)], fill=INK, width=4)
        draw_weight(canvas, x, y + STRING + BOX / 2, m)
    canvas.circle(*PIVOT, 15, fill=INK)


def draw_weight(canvas, x: float, y: float, mass: int) -> None:
    h = BOX / 2
    canvas.rect(x - h, y - h, x + h, y + h, fill=WEIGHT, outline=INK, width=4, radius=6)
    canvas.text(x, y, f"{mass}", size=44, fill=(255, 255, 255), bold=True)


def tray_spots(tray) -> list[float]:
    step = 130.0
    return [500 + step * (i - (len(tray) - 1) / 2) for i in range(len(tray))]
