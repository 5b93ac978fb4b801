"""Seesaw tipping: weights sit on a seesaw held level by two props, at marked distances of
1 to 5 m from the fulcrum. The props drop away; which side goes down, and by how much do
the two sides' moments (sum of mass x distance) differ?

Puzzles never balance. With `misleading`, the side holding more kilograms is the side that
rises, so counting mass alone gives the wrong answer.
"""

from __future__ import annotations

import math

from generators.kit import INK, MUTED, NAMED, Param, Task, easing, register, require
from generators.kit.rng import choose

MARKS = 5  # distance marks per side, 1 m apart
PIVOT = (500.0, 480.0)  # the plank's centre when level
STEP = 80.0  # canvas units per metre along the plank
PLANK_H = 22.0
GROUND = 670.0
BOX = 56.0
HALF_LEN = (MARKS + 0.5) * STEP
# the tilt at which the low end of the plank rests on the ground
TIP = math.degrees(math.asin((GROUND - PIVOT[1] - PLANK_H / 2) / HALF_LEN))
PLANK, WEIGHT, PROP = NAMED["brown"], NAMED["blue"], NAMED["gray"]


def moments(weights) -> tuple[int, int]:
    """Sum of mass x distance (kg m) on the left and on the right; weights [side, d, kg]."""
    left = sum(m * d for side, d, m in weights if side == "left")
    right = sum(m * d for side, d, m in weights if side == "right")
    return left, right


@register(
    "O-101_seesaw_tipping",
    title="Seesaw tipping",
    description="Weights sit at marked distances on a seesaw held level; when the props drop, "
    "predict which side goes down and the difference of the two sides' moments.",
    category="counting-math",
    params=[
        Param("weights", "int", 4, 2, 7, help="weights on the seesaw"),
        Param("misleading", "bool", True, help="the side with more kilograms rises"),
    ],
    shard_size=60,
    memory="low",
    instances=150_000,  # measured estimate 204,000
    faculty="knowledge",
    levels={
        1: {"weights": 2, "misleading": False},
        2: {"weights": 3, "misleading": False},
        3: {"weights": 4, "misleading": True},
        4: {"weights": 5, "misleading": True},
        5: {"weights": 7, "misleading": True},
    },
)  # fmt: skip
class SeesawTipping(Task):
    def generate(self, rng, params):
        spots = [(s, d) for s in ("left", "right") for d in range(1, MARKS + 1)]
        while True:
            chosen = choose(rng, spots, params["weights"])
            weights = sorted([s, d, int(rng.integers(1, 10))] for s, d in chosen)
            left, right = moments(weights)
            kg = {s: sum(m for side, _, m in weights if side == s) for s in ("left", "right")}
            if left == right or not all(kg.values()):
                continue
            heavier = "left" if kg["left"] > kg["right"] else "right"
            down = "left" if left > right else "right"
            if not params["misleading"] or (kg["left"] != kg["right"] and heavier != down):
                return {"weights": weights}

    def solve(self, puzzle, params):
        left, right = moments(puzzle["weights"])
        return {"left": left, "right": right, "down": "left" if left > right else "right",
                "difference": abs(left - right)}  # fmt: skip

    def check(self, puzzle, answer, params):
        weights = puzzle["weights"]
        require(all(s in ("left", "right") and 1 <= d <= MARKS and m > 0 for s, d, m in weights),
                "a weight is off the marks")  # fmt: skip
        require(len({(s, d) for s, d, _ in weights}) == len(weights), "two weights share a mark")
        left = sum(m * d for s, d, m in weights if s == "left")  # moments about the fulcrum
        right = sum(m * d for s, d, m in weights if s == "right")
        require(left != right, "the seesaw balances")
        require(answer["left"] == left, f"the left side's moment is {left} kg m")
        require(answer["right"] == right, f"the right side's moment is {right} kg m")
        require(answer["down"] == ("left" if left > right else "right"),
                "the other side goes down")  # fmt: skip
        require(answer["difference"] == abs(left - right),
                f"the moments differ by {abs(left - right)} kg m")  # fmt: skip

    def prompt(self, puzzle, params):
        return (
            "The image shows a seesaw: a plank on a fulcrum at its centre, held level by two "
            f"grey props under its ends. The plank is marked 1 to {MARKS} m from the fulcrum "
            "on each side, and weights marked with their mass in kilograms sit on some marks. "
            "The props drop away and the seesaw tips until one end rests on the ground. Show "
            "the props dropping and the seesaw tipping the way the weights make it tip (the "
            "plank's own weight is balanced). Which side goes down, what is the sum of mass x "
            "distance on each side, and by how many kg m do they differ?"
        )

    def rubric(self, puzzle, answer, params):
        def terms(side):
            return " + ".join(f"{m}x{d}" for s, d, m in puzzle["weights"] if s == side)

        a = answer
        up = "right" if a["down"] == "left" else "left"
        return "\n".join([
            f"1. Left: {terms('left')} = {a['left']} kg m; right: {terms('right')} = "
            f"{a['right']} kg m.",
            f"2. The moments differ by {a['difference']} kg m, larger on the {a['down']}.",
            "3. The props drop away first, while the plank is still level.",
            f"4. The seesaw then tips smoothly: the {a['down']} end goes down to the ground and "
            f"the {up} end rises; the weights stay on their marks.",
        ])  # fmt: skip

    def render(self, puzzle, answer, params, film):
        weights = puzzle["weights"]
        sign = 1 if answer["down"] == "left" else -1  # positive angle: left end down
        base = film.canvas()
        base.rect(40, GROUND, 960, GROUND + 14, fill=MUTED)
        base.polygon([(PIVOT[0], PIVOT[1] + PLANK_H / 2), (PIVOT[0] - 70, GROUND),
                      (PIVOT[0] + 70, GROUND)], fill=INK)  # fmt: skip
        base.text(500, 790, "Masses in kg, marks 1 m apart", size=40, fill=MUTED)

        def scene(angle: float, drop: float = 1.0) -> object:
            frame = base.copy()
            if drop < 1.0:
                # under the plank's ends, clear of the distance marks
                for x in (PIVOT[0] - HALF_LEN + 14, PIVOT[0] + HALF_LEN - 14):
                    top = PIVOT[1] + PLANK_H / 2 + drop * (GROUND - PIVOT[1] - PLANK_H / 2)
                    frame.rect(x - 12, top, x + 12, GROUND, fill=PROP)
            draw_plank(frame, angle, weights)
            return frame

        film.opening(scene(0.0, 0.0))
        for t in easing.steps(film.seconds(0.6), easing.ease_in_out):
            film.add(scene(0.0, t))
        steps = film.seconds(max(1.0, easing.glide_seconds(math.radians(TIP) * HALF_LEN)))
        for t in list(easing.steps(steps, easing.cruise))[:-1]:
            film.add(scene(sign * TIP * t))
        film.closing(scene(sign * TIP))


def along(angle: float, x: float, up: float = 0.0) -> tuple[float, float]:
    """The point x canvas units right of the pivot along the plank and `up` above its top
    face, with the plank turned `angle` degrees (left end down)."""
    r = math.radians(angle)
    lift = PLANK_H / 2 + up
    return (PIVOT[0] + x * math.cos(r) - lift * math.sin(r),
            PIVOT[1] - x * math.sin(r) - lift * math.cos(r))  # fmt: skip


def draw_plank(c, angle: float, weights) -> None:
    ends = [along(angle, -HALF_LEN, -PLANK_H / 2), along(angle, HALF_LEN, -PLANK_H / 2)]
    c.line(ends, fill=PLANK, width=PLANK_H)
    for d in range(1, MARKS + 1):
        for x in (-d * STEP, d * STEP):
            c.text(*along(angle, x, -PLANK_H - 22), str(d), size=32, fill=MUTED)
    for side, d, m in weights:
        x = -d * STEP if side == "left" else d * STEP
        box = [along(angle, x + dx, dy) for dx, dy in
               ((-BOX / 2, 0), (BOX / 2, 0), (BOX / 2, BOX), (-BOX / 2, BOX))]  # fmt: skip
        c.polygon(box, fill=WEIGHT, outline=INK, width=4)
        c.text(*along(angle, x, BOX / 2), str(m), size=36, fill=(255, 255, 255), bold=True)
    c.circle(*PIVOT, 9, fill=INK)
