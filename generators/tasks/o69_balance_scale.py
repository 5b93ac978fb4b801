"""Balance scale: weights on two pans; which side goes down, or what weight balances it."""

from __future__ import annotations

import math

from generators.kit import (
    INK,
    MUTED,
    NAMED,
    Canvas,
    CheckFailed,
    Param,
    Task,
    easing,
    register,
    require,
)
from generators.kit.palette import darken, lighten

PIVOT = (500, 350)
ARM = 310
PAN_W, HANG, PAN_DEPTH = 260, 220, 22
POINTER = 130  # length of the pointer above the pivot
FLOOR = 880
PROP = darken(NAMED["gray"], 0.1)
PROP_DROP = 120  # how far the props lower: clear of the lowest a pan can go
DROP = 180  # height the balancing block falls from
BLOCK = 78
BLOCK_COLORS = ("blue", "orange", "green", "purple", "pink", "cyan", "brown")
WOOD = NAMED["brown"]
SIDES = ("left", "right")


TILT = 10.0  # degrees a tipped beam rests at, whatever the difference: the angle tells
# which side is heavier, never by how much (that is the question of the balance mode)


def tilt_degrees(diff: int) -> float:
    """Beam angle for left-minus-right weight `diff`: positive means the left pan is lower."""
    return 0.0 if diff == 0 else math.copysign(TILT, diff)


def random_parts(rng, total: int, count: int, top: int) -> list[int]:
    """`count` weights in 1..top adding up to `total` (which must be feasible), in random order."""
    parts, left = [], total
    for remaining in range(count, 0, -1):
        lo, hi = max(1, left - top * (remaining - 1)), min(top, left - (remaining - 1))
        part = int(rng.integers(lo, hi + 1))
        parts.append(part)
        left -= part
    return [parts[int(i)] for i in rng.permutation(count)]


@register(
    "O-69_balance_scale",
    title="Balance scale",
    description="Weights on a two-pan balance: say which pan goes down, or find the missing "
    "weight that balances it.",
    category="counting-math",
    params=[
        Param(
            "mode",
            "str",
            "both",
            choices=("tilt", "balance", "both"),
            help="which side goes down, or which weight balances the beam",
        ),
        Param("max_objects", "int", 5, 3, 6, help="most blocks on one pan (at least two)"),
        Param("max_weight", "int", 12, 3, 20, help="weights are 1..max_weight"),
    ],
    shard_size=60,
    memory="low",
    instances=1_500_000,  # measured: about 1.6 million (20000 draws)
    faculty="knowledge",
    levels={
        1: {"max_objects": 3, "max_weight": 5},
        2: {"max_objects": 4, "max_weight": 9},
        3: {"max_objects": 5, "max_weight": 12},
        4: {"max_objects": 6, "max_weight": 16},
        5: {"max_objects": 6, "max_weight": 20},
    },
)
class BalanceScale(Task):
    def generate(self, rng, params):
        top, most = params["max_weight"], params["max_objects"]
        mode = params["mode"]
        if mode == "both":
            mode = ("tilt", "balance")[int(rng.integers(2))]
        outcome = int(rng.integers(3))  # tilt: 0 left down, 1 right down, 2 balanced

        def weights(count):
            return [int(v) for v in rng.integers(1, top + 1, size=count)]

        while True:
            if mode == "tilt":
                # two or more blocks per pan: one-block pans make tiny, often repeated scenes
                nl, nr = (int(v) for v in rng.integers(2, most + 1, size=2))
                if outcome == 2:
                    lo, hi = max(nl, nr), min(nl, nr) * top  # feasible totals
                    if lo > hi:
                        continue
                    if hi - lo >= 2:  # avoid the all-ones and all-maximum extremes
                        lo, hi = lo + 1, hi - 1
                    total = int(rng.integers(lo, hi + 1))
                    left = random_parts(rng, total, nl, top)
                    right = random_parts(rng, total, nr, top)
                else:
                    left, right = weights(nl), weights(nr)
                    if sum(left) == sum(right) or (sum(left) > sum(right)) != (outcome == 0):
                        continue
                return {"mode": mode, "left": left, "right": right}
            # balance: the lighter pan also holds a '?' block of weight 1..top
            nl, nr = (int(v) for v in rng.integers(2, most + 1, size=2))
            left, right = weights(nl), weights(nr)
            diff = sum(left) - sum(right)
            if diff == 0 or abs(diff) > top:
                continue
            lighter = "left" if diff < 0 else "right"
            if len(left if diff < 0 else right) >= most:
                continue  # no room for the '?' block
            return {"mode": mode, "left": left, "right": right, "unknown": lighter}

    def solve(self, puzzle, params):
        lt, rt = sum(puzzle["left"]), sum(puzzle["right"])
        if puzzle["mode"] == "tilt":
            down = "left" if lt > rt else "right" if rt > lt else "neither"
            return {"down": down, "left_total": lt, "right_total": rt}
        return {"weight": abs(lt - rt), "pan": puzzle["unknown"], "left_total": lt,
                "right_total": rt}  # fmt: skip

    def check(self, puzzle, answer, params):
        left, right = puzzle["left"], puzzle["right"]
        require(all(isinstance(w, int) and w > 0 for w in left + right), "weights not positive")
        # totals by counting unit weights one at a time, not by trusting the answer
        lt = rt = 0
        for w in left:
            lt += w
        for w in right:
            rt += w
        try:
            require(answer["left_total"] == lt and answer["right_total"] == rt, "wrong totals")
            if puzzle["mode"] == "tilt":
                expected = "neither" if lt == rt else SIDES[0 if lt > rt else 1]
                require(answer["down"] == expected, f"the {expected} side goes down")
                return
            weight, pan = int(answer["weight"]), answer["pan"]
        except (KeyError, TypeError, ValueError):
            raise CheckFailed("answer is missing its fields") from None
        require(pan == puzzle["unknown"], "the weight goes on the pan with the '?' block")
        require(weight > 0, "the balancing weight must be positive")
        new_l, new_r = lt + (weight if pan == "left" else 0), rt + (weight if pan == "right" else 0)
        require(new_l == new_r, f"with {weight} added the pans hold {new_l} and {new_r}")

    def prompt(self, puzzle, params):
        scene = (
            "The image shows a two-pan balance scale on a table: a beam on a central stand with "
            "a pan hanging from each end and a black pointer standing upright on the beam, over "
            "a small scale with a centre mark. Each pan holds coloured blocks, each labelled "
            "with its weight in kilograms. "
        )
        if puzzle["mode"] == "tilt":
            return scene + (
                "At the start two gray props under the pans hold the beam level. Lower the props "
                "smoothly: the beam is then free. If one pan holds more weight in total, the beam "
                "tips smoothly so that the heavier pan goes down and the lighter one up, the "
                "pointer leaning toward the heavier side, and settles; if both pans hold the same "
                "total, the beam stays level with the pointer on the centre mark. The blocks stay "
                "on their pans and nothing is added or removed. The video ends with the beam at "
                "rest, the props lowered, and a caption below the scale saying which side went "
                "down (or that the scale is balanced)."
            )
        side = puzzle["unknown"]
        return scene + (
            f"The beam is tipped; the {side} pan also holds a dashed block marked '?'. Find the "
            "weight of the '?' block that makes both pans equally heavy, then let a solid red "
            f"block of that weight fall into the dashed spot on the {side} pan; the beam then "
            "swings smoothly back to level, the pointer returning to the centre mark. The other "
            "blocks stay where they are. The video ends with the beam level and a caption below "
            "the scale giving the weight of '?'."
        )

    def rubric(self, puzzle, answer, params):
        lt, rt = answer["left_total"], answer["right_total"]
        totals = f"The left pan holds {lt} kg in total and the right pan {rt} kg."
        if puzzle["mode"] == "tilt":
            balanced = answer["down"] == "neither"
            result = ("4. After the props are lowered the beam stays level, the pointer on the "
                      "centre mark: the scale is balanced." if balanced else "4. After the props "
                      f"are lowered the {answer['down']} pan ends lower than the other one and the "
                      f"pointer leans to the {answer['down']}.")  # fmt: skip
            return "\n".join([
                "1. The first frame shows the beam level, held by two props under the pans, with "
                "the weights on both pans.",
                f"2. {totals}",
                "3. No block is added, removed or moved to the other pan.",
                result,
                "5. The final caption says "
                + ("the scale is balanced." if balanced
                   else f"the {answer['down']} side goes down."),
            ])  # fmt: skip
        return "\n".join([
            f"1. The first frame shows the beam tipped with a dashed '?' block on the "
            f"{answer['pan']} pan.",
            f"2. {totals}",
            f"3. A solid block of {answer['weight']} kg falls into the dashed spot.",
            "4. After the block lands the beam swings level and stays level, the pointer on the "
            "centre mark.",
            f"5. The final caption reads ? = {answer['weight']} kg; no other block changes.",
        ])  # fmt: skip

    def render(self, puzzle, answer, params, film):
        base = film.canvas()
        draw_stand(base)
        question = ("Which side goes down?" if puzzle["mode"] == "tilt"
                    else "What does ? weigh to balance?")  # fmt: skip
        base.text(500, 80, question, size=56, bold=True)
        left, right = puzzle["left"], puzzle["right"]
        diff = sum(left) - sum(right)
        if puzzle["mode"] == "tilt":
            film.opening(scale_frame(base, 0.0, left, right, props=0.0))
            for t in easing.steps(film.seconds(0.6), easing.ease_in_out):  # the props lower
                film.add(scale_frame(base, 0.0, left, right, props=t))
            target = tilt_degrees(diff)
            for t in easing.steps(film.seconds(1.6)):  # released: the beam settles
                film.add(scale_frame(base, target * swing(t), left, right, props=1.0))
            final = scale_frame(base, target, left, right, props=1.0)
            caption = ("Balanced: neither side goes down" if answer["down"] == "neither"
                       else f"The {answer['down']} side goes down")  # fmt: skip
            final.text(500, 940, caption, size=52, fill=NAMED["blue"], bold=True)
            film.closing(final)
            return
        side, w = puzzle["unknown"], answer["weight"]
        pans = {"left": list(left), "right": list(right)}
        start = tilt_degrees(diff)
        film.opening(scale_frame(base, start, pans["left"], pans["right"], unknown=side))
        # the block falls from rest under constant acceleration (position ~ t^2)
        fall = DROP * easing.peak_speed(falling) / easing.GLIDE_SPEED
        for t in easing.steps(film.seconds(fall), falling):
            film.add(scale_frame(base, start, pans["left"], pans["right"], unknown=side,
                                 drop=(w, t)))  # fmt: skip
        pans[side] = [*pans[side], w]
        for t in easing.steps(film.seconds(1.4)):
            film.add(scale_frame(base, start * (1 - swing(t)), pans["left"], pans["right"],
                                 new=side))  # fmt: skip
        final = scale_frame(base, 0.0, pans["left"], pans["right"], new=side)
        final.text(500, 940, f"? = {w} kg", size=56, fill=NAMED["blue"], bold=True)
        film.closing(final)


def falling(t: float) -> float:
    return t * t


def swing(t: float) -> float:
    """0 -> 1 like a released beam settling: a damped oscillator let go from rest (it starts
    with no speed, overshoots, and comes to rest; 1% of the way is left at t = 1)."""
    if t >= 1:
        return 1.0
    damping, omega = 4.5, 2.6 * math.pi
    return 1 - math.exp(-damping * t) * (
        math.cos(omega * t) + damping / omega * math.sin(omega * t)
    )


def draw_stand(cv: Canvas) -> None:
    px, py = PIVOT
    cv.rect(60, FLOOR, 940, FLOOR + 10, fill=darken(WOOD, 0.1))  # the table it stands on
    cv.polygon([(px - 150, 880), (px + 150, 880), (px + 110, 845), (px - 110, 845)],
               fill=darken(WOOD, 0.1))  # fmt: skip
    cv.rect(px - 16, py, px + 16, 850, fill=WOOD)
    cv.polygon([(px, py - 12), (px - 34, py + 42), (px + 34, py + 42)], fill=darken(WOOD, 0.2))


def block_slots(n: int) -> list[tuple[float, float]]:
    """Centres (relative to the pan's top-middle) of n blocks: rows of 3, bottom row first."""
    out = []
    rows = [min(3, n - i) for i in range(0, n, 3)]
    for row, count in enumerate(rows):
        for i in range(count):
            out.append(((i - (count - 1) / 2) * (BLOCK + 6), -BLOCK / 2 - row * (BLOCK + 4)))
    return out


def draw_block(cv: Canvas, x: float, y: float, label: str, color, dashed=False) -> None:
    h = BLOCK / 2
    if dashed:
        for i in range(4):  # four dashes per side
            a, b = -h + i * BLOCK / 4, -h + i * BLOCK / 4 + BLOCK / 8
            for seg in (
                ((x + a, y - h), (x + b, y - h)),
                ((x + a, y + h), (x + b, y + h)),
                ((x - h, y + a), (x - h, y + b)),
                ((x + h, y + a), (x + h, y + b)),
            ):
                cv.line(seg, fill=INK, width=4)  # fmt: skip
        cv.text(x, y, label, size=46, fill=INK, bold=True)
        return
    cv.rect(x - h, y - h, x + h, y + h, fill=color, outline=INK, width=4, radius=8)
    cv.text(x, y, label, size=46 if len(label) < 2 else 42, fill=(255, 255, 255), bold=True)


def scale_frame(
    base: Canvas,
    degrees: float,
    left,
    right,
    unknown=None,
    drop=None,
    new=None,
    props: float | None = None,
):
    """The scale with the beam at `degrees` (positive: left pan lower); `props` (0 up, 1
    lowered) draws the two props that hold the pans level before the release."""
    cv = base.copy()
    px, py = PIVOT
    a = math.radians(degrees)
    draw_pointer(cv, a)
    dx, dy = ARM * math.cos(a), ARM * math.sin(a)
    ends = {"left": (px - dx, py + dy), "right": (px + dx, py - dy)}
    nx, ny = -math.sin(a) * 11, math.cos(a) * 11  # beam half-thickness along its normal
    (lx, ly), (rx, ry) = ends["left"], ends["right"]
    cv.polygon([(lx - nx, ly - ny), (rx - nx, ry - ny), (rx + nx, ry + ny), (lx + nx, ly + ny)],
               fill=WOOD)  # fmt: skip
    cv.circle(px, py, 14, fill=INK)
    for side, weights in (("left", left), ("right", right)):
        ex, ey = ends[side]
        pan_y = ey + HANG
        if props is not None:  # props stand where the level pans are, whatever the beam does
            x = px + (ARM if side == "right" else -ARM)
            top = py + HANG + PAN_DEPTH + PROP_DROP * props
            cv.rect(x - 18, top, x + 18, FLOOR, fill=PROP)
            cv.rect(x - 44, top, x + 44, top + 14, fill=PROP, radius=4)
        cv.line([(ex, ey), (ex - PAN_W / 2 + 8, pan_y)], fill=MUTED, width=4)
        cv.line([(ex, ey), (ex + PAN_W / 2 - 8, pan_y)], fill=MUTED, width=4)
        cv.circle(ex, ey, 8, fill=INK)
        count = len(weights) + (1 if unknown == side else 0)
        slots = block_slots(count)
        for i, w in enumerate(weights):
            sx, sy = slots[i]
            color = NAMED[BLOCK_COLORS[i % len(BLOCK_COLORS)]]
            if new == side and i == len(weights) - 1:
                color = NAMED["red"]
            draw_block(cv, ex + sx, pan_y + sy, str(w), color)
        if unknown == side:
            sx, sy = slots[-1]
            draw_block(cv, ex + sx, pan_y + sy, "?", None, dashed=True)
            if drop is not None:
                w, t = drop
                draw_block(cv, ex + sx, easing.lerp(pan_y + sy - DROP, pan_y + sy, t), str(w),
                           NAMED["red"])  # fmt: skip
        cv.polygon([(ex - PAN_W / 2, pan_y), (ex + PAN_W / 2, pan_y),
                    (ex + PAN_W / 2 - 30, pan_y + PAN_DEPTH),
                    (ex - PAN_W / 2 + 30, pan_y + PAN_DEPTH)], fill=lighten(INK, 0.25))  # fmt: skip
    return cv


def draw_pointer(cv: Canvas, angle: float) -> None:
    """A pointer fixed upright on the beam, over a scale with a centre mark: it leans toward
    the lower pan, and stands on the mark when the beam is level."""
    px, py = PIVOT
    for k in range(-3, 4):
        t = math.radians(k * 5)
        r0, r1 = (POINTER - 4, POINTER + 40) if k == 0 else (POINTER + 8, POINTER + 32)
        cv.line([(px + r0 * math.sin(t), py - r0 * math.cos(t)),
                 (px + r1 * math.sin(t), py - r1 * math.cos(t))],
                fill=INK if k == 0 else MUTED, width=8 if k == 0 else 5)  # fmt: skip
    tip = (px - POINTER * math.sin(angle), py - POINTER * math.cos(angle))
    cv.line([(px, py), tip], fill=INK, width=7)
