"""Multiple occluders: a ball rolls at constant velocity in a walled box, bouncing off the
walls like a mirror, and passes behind numbered opaque bars, some upright and some lying
flat. Behind which bars does it pass, in order, and in which lettered ring is it when the
clock stops? The checker walks the ball step by step and re-derives both."""

from __future__ import annotations

import math

from generators.kit import INK, MUTED, NAMED, Param, Task, register, require
from generators.kit.geometry import box_segment_distance, segment_distance
from generators.kit.palette import lighten
from generators.kit.physics import steady
from generators.kit.rng import shuffled

RATE = 20  # samples per second
BOX = (70.0, 170.0, 930.0, 930.0)  # the walls' inner edges: left, top, right, bottom
R, RING_R = 24.0, 40.0
STEP = 0.01  # s: the grid on which passes behind bars are found
BALL, BAR = NAMED["red"], lighten(NAMED["gray"], 0.45)
LETTERS = "ABCD"


def fold(v: float, lo: float, hi: float) -> float:
    """A straight-line coordinate folded back between two walls (mirror bounces)."""
    span = hi - lo
    k, off = divmod(v - lo, span)
    return lo + off if int(k) % 2 == 0 else hi - off


def ball_at(puzzle: dict, t: float) -> tuple[float, float]:
    (x, y), (vx, vy) = puzzle["start"], puzzle["velocity"]
    return fold(x + vx * t, BOX[0] + R, BOX[2] - R), fold(y + vy * t, BOX[1] + R, BOX[3] - R)


def reach(bar, p, margin: float) -> tuple[bool, bool]:
    """(does the ball at p touch the bar, is it wholly hidden by it with `margin` to spare)."""
    x0, y0, x1, y1 = bar
    dx, dy = max(x0 - p[0], 0.0, p[0] - x1), max(y0 - p[1], 0.0, p[1] - y1)
    inside = (
        x0 + R + margin <= p[0] <= x1 - R - margin and y0 + R + margin <= p[1] <= y1 - R - margin
    )
    return math.hypot(dx, dy) < R, inside


def passes(puzzle: dict, where) -> list[int] | None:
    """The bars (numbered from 1) the ball passes behind, in order, from positions `where(t)`
    on a STEP grid; None if it only grazes a bar (touches it without ever being wholly
    hidden with 8 units to spare)."""
    order, touching = [], [False] * len(puzzle["bars"])
    hid = [False] * len(puzzle["bars"])
    for k in range(round(puzzle["duration"] / STEP) + 1):
        p = where(k * STEP)
        for i, bar in enumerate(puzzle["bars"]):
            touch, inside = reach(bar, p, 8.0)
            if touching[i] and not touch and not hid[i]:
                return None
            if touch and not touching[i]:
                hid[i] = False
            if inside and not hid[i]:
                hid[i] = True
                order.append(i + 1)
            touching[i] = touch
    return None if any(t and not h for t, h in zip(touching, hid)) else order


@register(
    "G-32_multiple_occluders",
    title="Multiple occluders",
    description="A ball bouncing in a box passes behind upright and flat bars; behind which bars, in order, and where is it when the clock stops?",
    category="spatial-visual",
    params=[
        Param("bars", "int", 3, 1, 4, help="opaque bars, upright and flat"),
        Param("duration", "int", 5, 3, 7, help="seconds the ball rolls"),
    ],
    shard_size=80,
    memory="low",
    instances=375_000,
    faculty="spatiality",
    levels={
        1: {"bars": 1, "duration": 3},
        2: {"bars": 2, "duration": 4},
        3: {"bars": 3, "duration": 5},
        4: {"bars": 4, "duration": 6},
        5: {"bars": 4, "duration": 7},
    },
)  # fmt: skip
class MultipleOccluders(Task):
    def generate(self, rng, params):
        while True:
            speed, ang = rng.uniform(170, 300), rng.uniform(0, 2 * math.pi)
            puzzle = {"start": [round(rng.uniform(BOX[0] + 80, BOX[2] - 80), 1), round(rng.uniform(BOX[1] + 80, BOX[3] - 80), 1)],
                      "velocity": [round(speed * math.cos(ang), 1), round(speed * math.sin(ang), 1)],
                      "duration": float(params["duration"])}  # fmt: skip
            if not _clear_ends({**puzzle, "bars": []}) or not _ring_room(
                ball_at(puzzle, puzzle["duration"]), []
            ):
                continue  # the arrow runs off the box, or the end's ring would cross a wall
            puzzle["bars"] = _bars(rng, puzzle, params["bars"])
            if puzzle["bars"] is None:
                continue
            order = passes(puzzle, lambda t, p=puzzle: ball_at(p, t))
            if order is None or len(set(order)) < len(puzzle["bars"]):
                continue
            rings = _rings(rng, puzzle)
            if rings:
                return {**puzzle, "rings": rings}

    def solve(self, puzzle, params):
        end = ball_at(puzzle, puzzle["duration"])
        ring = next(r for r in puzzle["rings"] if math.dist(r["at"], end) < 0.01)
        samples = [
            [k / RATE, *ball_at(puzzle, k / RATE)]
            for k in range(round(puzzle["duration"] * RATE) + 1)
        ]
        return {"order": passes(puzzle, lambda t: ball_at(puzzle, t)), "ring": ring["label"],
                "final": list(end), "samples": samples}  # fmt: skip

    def check(self, puzzle, answer, params):
        (x0, y0), (vx, vy) = puzzle["start"], puzzle["velocity"]
        lo, hi = (BOX[0] + R, BOX[1] + R), (BOX[2] - R, BOX[3] - R)
        rows = answer["samples"]
        require(steady((r[0] for r in rows), RATE) and abs(rows[-1][0] - puzzle["duration"]) < 1e-9,
                "samples are not taken at a fixed rate up to the end")  # fmt: skip
        walk = {}  # an independent walk: straight steps, mirrored at the walls
        p, v, t = [x0, y0], [vx, vy], 0.0
        for k in range(round(puzzle["duration"] / STEP) + 1):
            while t < k * STEP - 1e-12:
                h = min(1e-3, k * STEP - t)
                t += h
                for a in (0, 1):
                    p[a] += v[a] * h
                    if not lo[a] <= p[a] <= hi[a]:
                        p[a], v[a] = (2 * lo[a] - p[a] if p[a] < lo[a] else 2 * hi[a] - p[a]), -v[a]
            walk[k] = tuple(p)
        for row in rows:
            k = round(row[0] / STEP)
            require(
                math.dist(row[1:], walk[k]) < 1e-3,
                f"the ball is not where it rolls at t={row[0]:g}",
            )
        order = passes(puzzle, lambda s: walk[round(s / STEP)])
        require(
            order is not None and answer["order"] == order, f"the ball passes behind bars {order}"
        )
        end = walk[round(puzzle["duration"] / STEP)]
        inside = [r["label"] for r in puzzle["rings"] if math.dist(r["at"], end) <= RING_R - R]
        require(inside == [answer["ring"]] and math.dist(answer["final"], end) < 1e-3,
                f"the ball ends in ring {inside}, not {answer['ring']}")  # fmt: skip

    def prompt(self, puzzle, params):
        n = len(puzzle["bars"])
        bars = (
            "a gray bar, numbered 1,"
            if n == 1
            else f"{n} gray bars, numbered 1 to {n}, some upright and some lying flat,"
        )
        return (
            "Top view of a walled box: a red ball rolls at constant speed; the black arrow shows how "
            "far it goes in one second. It bounces off the walls like a mirror, keeping its speed. "
            f"{bars} hide the ball while it is behind them. Show {puzzle['duration']:g} seconds of "
            "its motion (the clock counts them). Behind which bars does it pass, in order, and in "
            "which ring, A to D, is it when the clock stops? That ring is then ringed in yellow."
        )

    def rubric(self, puzzle, answer, params):
        order = ", ".join(map(str, answer["order"]))
        return "\n".join([
            "1. The ball rolls in straight lines at one arrow length a second and bounces off the "
            "walls like a mirror, also while hidden; it never jumps.",
            f"2. It passes behind the bars in the order {order}, wholly hidden each time.",
            f"3. After {puzzle['duration']:g} s it is inside ring {answer['ring']}, ringed in yellow "
            "in the final frame.",
            "4. The bars, the walls and the rings do not move.",
        ])  # fmt: skip

    def render(self, puzzle, answer, params, film):
        base = film.canvas()
        base.text(500, 70, "Behind which bars, and where at the end?", size=44, bold=True)
        x0, y0, x1, y1 = BOX
        base.rect(x0 - 5, y0 - 5, x1 + 5, y1 + 5, outline=INK, width=10)  # inner edge on BOX
        for r in puzzle["rings"]:
            base.circle(*r["at"], RING_R, outline=MUTED, width=5)
            base.text(r["at"][0], r["at"][1] - RING_R - 24, r["label"], size=36, bold=True)

        def frame_at(t: float):
            c = base.copy()
            c.circle(*ball_at(puzzle, t), R, fill=BALL, outline=INK, width=3)
            for i, bar in enumerate(puzzle["bars"]):
                c.rect(*bar, fill=BAR, outline=INK, width=4)
                c.text((bar[0] + bar[2]) / 2, (bar[1] + bar[3]) / 2, str(i + 1), size=40, bold=True)
            c.text(930, 125, f"t = {t:.2f} s", size=40, anchor="rm", bold=True)
            return c

        first = frame_at(0.0)
        (x, y), (vx, vy) = puzzle["start"], puzzle["velocity"]
        sp = math.hypot(vx, vy)
        first.arrow(
            (x + vx / sp * (R + 4), y + vy / sp * (R + 4)),
            (x + vx, y + vy),
            fill=INK,
            width=6,
            head=24,
        )
        film.opening(first)
        end = puzzle["duration"]
        n = film.seconds(end)
        for k in range(1, n + 1):
            frame = frame_at(end * k / n)
            film.add(frame)
        ring = next(r for r in puzzle["rings"] if r["label"] == answer["ring"])
        frame.circle(*ring["at"], RING_R + 9, outline=NAMED["yellow"], width=8)
        film.closing(frame)


def _bars(rng, puzzle: dict, n: int) -> list | None:
    """n bars, each laid across the path at its own moment (the moments spread over the
    middle of the run) so that the ball is wholly hidden then; apart from each other, from
    the walls (the ball passes between), from the start, the arrow and the end. The first
    two differ in kind (upright, flat), so both kinds show from two bars on. Each bar is
    placed to fit rather than the whole set drawn and rejected."""
    T, bars = puzzle["duration"], []
    first_up = rng.random() < 0.5
    for k in range(n):
        for _ in range(30):
            cx, cy = ball_at(puzzle, T * (0.12 + 0.76 * (k + rng.uniform(0.1, 0.9)) / n))
            thick, long = rng.uniform(80, 100), rng.uniform(160, 260)
            up = first_up if k == 0 else (not first_up if k == 1 else rng.random() < 0.5)
            w, h = (thick, long) if up else (long, thick)
            slide = rng.uniform(-0.3, 0.3) * long  # the path crosses away from the middle
            x, y = (cx - w / 2, cy - h / 2 + slide) if up else (cx - w / 2 + slide, cy - h / 2)
            x = min(max(x, BOX[0] + 90), BOX[2] - 90 - w)  # off the walls: the ball passes between
            y = min(max(y, BOX[1] + 90), BOX[3] - 90 - h)
            bar = [round(x, 1), round(y, 1), round(x + w, 1), round(y + h, 1)]
            if reach(bar, (cx, cy), 8.0)[1] and _bar_fits(puzzle, bar, bars):
                bars.append(bar)
                break
        else:
            return None
    return shuffled(rng, bars)  # numbered in no relation to the order passed


def _bar_fits(puzzle: dict, bar: list, bars: list) -> bool:
    """The bar keeps 40 units from the other bars and clears the start, the arrow and the
    end's ring."""
    apart = all(
        bar[0] > b[2] + 40 or b[0] > bar[2] + 40 or bar[1] > b[3] + 40 or b[1] > bar[3] + 40
        for b in bars
    )
    end = ball_at(puzzle, puzzle["duration"])
    return apart and _clear_ends({**puzzle, "bars": [bar]}) and _ring_room(end, [bar])


def _clear_ends(puzzle: dict) -> bool:
    """The ball and its arrow start in view, and it ends in view, clear of every bar."""
    (x, y), (vx, vy) = puzzle["start"], puzzle["velocity"]
    ends = [(x, y), (x + vx, y + vy), ball_at(puzzle, puzzle["duration"])]
    if not BOX[0] + R < x + vx < BOX[2] - R or not BOX[1] + R < y + vy < BOX[3] - R:
        return False
    boxes = [
        ((b[0] + b[2]) / 2, (b[1] + b[3]) / 2, (b[2] - b[0]) / 2, (b[3] - b[1]) / 2)
        for b in puzzle["bars"]
    ]
    if any(box_segment_distance(b, (x, y), (x + vx, y + vy)) < R + 20 for b in boxes):
        return False  # the arrow runs clear of every bar
    return not any(
        reach([b[0] - 20, b[1] - 20, b[2] + 20, b[3] + 20], p, 0)[0]
        for b in puzzle["bars"]
        for p in ends
    )


def _rings(rng, puzzle: dict) -> list[dict] | None:
    """The true end and three decoys where slips lead: the path's point 0.7-1.4 s early or
    late, and the end without the walls' bounces (or beside the path); lettered at random."""
    T = puzzle["duration"]
    (x, y), (vx, vy) = puzzle["start"], puzzle["velocity"]
    options = [ball_at(puzzle, T + d) for d in (-1.4, -1.0, -0.7, 0.7, 1.0, 1.4)]
    options += [(x + vx * T, y + vy * T)] + [
        (rng.uniform(150, 850), rng.uniform(250, 850)) for _ in range(4)
    ]
    picks = [ball_at(puzzle, T)]
    if not _ring_room(picks[0], puzzle["bars"]):
        return None
    for i in rng.permutation(len(options)):
        p = options[int(i)]
        if _ring_room(p, puzzle["bars"]) and all(math.dist(p, q) > 2 * RING_R + 40 for q in picks):
            picks.append(p)
        if len(picks) == 4:
            break
    (x, y), (vx, vy) = puzzle["start"], puzzle["velocity"]
    if len(picks) < 4 or any(
        segment_distance(p, (x, y), (x + vx, y + vy)) < RING_R + R + 10 for p in picks
    ):
        return None  # the ball and its arrow start clear of every ring
    order = rng.permutation(4)
    return [{"label": LETTERS[k], "at": [round(picks[int(j)][0], 3), round(picks[int(j)][1], 3)]}
            for k, j in enumerate(order)]  # fmt: skip


def _ring_room(p, bars: list) -> bool:
    """A ring at p and its letter above it lie wholly inside the walls and clear of every bar."""
    inside = (
        BOX[0] + RING_R + 10 < p[0] < BOX[2] - RING_R - 10
        and BOX[1] + RING_R + 40 < p[1] < BOX[3] - RING_R - 10
    )
    return inside and not any(
        reach([b[0] - 30, b[1] - 30, b[2] + 30, b[3] + 100], p, 0)[0] for b in bars
    )
