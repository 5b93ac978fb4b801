"""Reappearance: a ball rolls at constant velocity between two rails into an opaque block
that spans them; behind the block it bounces off the rails (mirror reflection, no loss)
0-2 times. Where (which lettered mark on the block's far side) and when does it come out?
The checker re-derives the path by unfolding the reflections."""

from __future__ import annotations

import math

from generators.kit import INK, MUTED, NAMED, Param, Task, register, require
from generators.kit.palette import lighten
from generators.kit.physics import steady

RATE = 20  # samples per second
TOP, BOTTOM = 230.0, 830.0  # the rails (canvas y)
R = 24.0  # ball radius
LEFT, RIGHT = 40.0, 960.0  # the ends of the rails
MARKS = [290.0, 410.0, 530.0, 650.0, 770.0]  # y of the lettered marks on the block's far side
LETTERS = "ABCDE"
NEAR = 22.0  # the ball comes out within this of its mark's height
FASTEST = 380.0  # canvas units per second (24 a frame at 16 fps)
BALL, BLOCK = NAMED["red"], lighten(NAMED["gray"], 0.45)


def fold(y: float) -> tuple[float, int]:
    """A straight-line height folded back between the rails (ball centres keep R from
    them): the mirrored height and the number of reflections it took."""
    lo, span = TOP + R, BOTTOM - TOP - 2 * R
    k = math.floor((y - lo) / span)
    off = (y - lo) - k * span
    return (lo + off if k % 2 == 0 else lo + span - off), abs(k)


def ball_at(puzzle: dict, t: float) -> tuple[float, float, int]:
    """(x, y, reflections so far) at time t."""
    (x, y), (vx, vy) = puzzle["start"], puzzle["velocity"]
    return (x + vx * t, *fold(y + vy * t))


def hidden(puzzle: dict, x: float) -> bool:
    """Behind the block: wholly within its sides (it hides the ball it covers)."""
    a, b = puzzle["block"]
    return a + R <= x <= b - R


def out_time(puzzle: dict) -> float:
    """When the ball's front edge reaches the block's far side again (it starts to show)."""
    return (puzzle["block"][1] - R - puzzle["start"][0]) / puzzle["velocity"][0]


def end_time(puzzle: dict) -> float:
    return round(out_time(puzzle) + 1.2, 2)


@register(
    "G-31_reappearance",
    title="Reappearance",
    description="A ball rolling between two rails goes behind a block that spans them, bouncing off the rails out of sight; at which mark and when does it come out?",
    category="spatial-visual",
    params=[
        Param("bounces", "int", 1, 0, 2, help="rail bounces while the ball is hidden"),
        Param("wide", "bool", False, help="a wider block (longer out of sight)"),
    ],
    shard_size=80,
    memory="low",
    instances=2_600_000,
    faculty="spatiality",
    levels={
        1: {"bounces": 0, "wide": False},
        2: {"bounces": 0, "wide": True},
        3: {"bounces": 1, "wide": False},
        4: {"bounces": 1, "wide": True},
        5: {"bounces": 2, "wide": True},
    },
)  # fmt: skip
class Reappearance(Task):
    def generate(self, rng, params):
        while True:
            width = rng.uniform(360, 480) if params["wide"] else rng.uniform(220, 330)
            vx = round(rng.uniform(110, 190), 1)
            a = round(rng.uniform(vx + 200, 900 - width), 1)
            steep = rng.uniform(*[(0.0, 0.6), (0.3, 1.0), (0.6, 1.0)][params["bounces"]])
            vy = round((1 if rng.random() < 0.5 else -1) * steep * math.sqrt(FASTEST**2 - vx**2), 1)
            x0 = round(
                rng.uniform(90, a - vx - 2 * R - 20), 1
            )  # the 1 s arrow ends before the block
            puzzle = {"start": [x0, round(rng.uniform(TOP + R + 40, BOTTOM - R - 40), 1)],
                      "velocity": [vx, vy], "block": [a, round(a + width, 1)]}  # fmt: skip
            if _fair(puzzle, params["bounces"]):
                return puzzle

    def solve(self, puzzle, params):
        t_out, end = out_time(puzzle), end_time(puzzle)
        y = ball_at(puzzle, t_out)[1]
        before = ball_at(
            puzzle, (puzzle["block"][0] + R - puzzle["start"][0]) / puzzle["velocity"][0]
        )
        samples = [[k / RATE, *ball_at(puzzle, k / RATE)[:2]] for k in range(round(end * RATE) + 1)]
        return {"mark": LETTERS[min(range(5), key=lambda k: abs(MARKS[k] - y))], "out_time": t_out,
                "out_y": y, "hidden_bounces": ball_at(puzzle, t_out)[2] - before[2],
                "samples": samples}  # fmt: skip

    def check(self, puzzle, answer, params):
        (x0, y0), (vx, vy) = puzzle["start"], puzzle["velocity"]
        lo, hi = TOP + R, BOTTOM - R
        rows = answer["samples"]
        require(steady((r[0] for r in rows), RATE), "samples are not taken at a fixed rate")
        # an independent walk: straight steps, mirrored at a rail whenever a step crosses one
        x, y, v, t, bounces = x0, y0, vy, 0.0, []
        for row in rows:
            while t < row[0] - 1e-12:
                h = min(1e-3, row[0] - t)
                x, y, t = x + vx * h, y + v * h, t + h
                if not lo <= y <= hi:
                    y, v = (2 * lo - y if y < lo else 2 * hi - y), -v
                    bounces.append(x)
            require(
                math.dist(row[1:], (x, y)) < 1e-3, f"the ball is not where it rolls at t={row[0]:g}"
            )
        a, b = puzzle["block"]
        t_out = (b - R - x0) / vx
        require(abs(answer["out_time"] - t_out) < 1e-6, "the ball comes out at another time")
        y_out = fold(y0 + vy * t_out)[0]
        require(abs(answer["out_y"] - y_out) < 1e-6, "the ball comes out at another height")
        near = [LETTERS[k] for k, m in enumerate(MARKS) if abs(m - y_out) <= NEAR]
        require(
            near == [answer["mark"]], f"the ball comes out at mark {near}, not {answer['mark']}"
        )
        inside = sum(a + R <= bx <= b - R for bx in bounces)
        require(answer["hidden_bounces"] == inside, "the number of hidden bounces is wrong")
        require(rows[-1][0] >= t_out + 1.0, "the video ends before the ball is out")

    def prompt(self, puzzle, params):
        return (
            "Top view: a red ball rolls at constant speed between two rails; the black arrow shows "
            "how far it goes in one second. A gray block spans the rails and hides the ball while "
            "it is behind it. The ball bounces off the rails like a mirror, keeping its speed, also "
            "out of sight. Five marks, A to E, are drawn along the block's right side. Show the ball "
            "rolling on: at which mark does it come out from behind the block, and when? The clock "
            "gives the time in seconds; the mark is ringed in green as the ball comes out."
        )

    def rubric(self, puzzle, answer, params):
        n = answer["hidden_bounces"]
        return "\n".join([
            "1. The ball rolls in a straight line at the arrow's speed, one arrow length a second, and "
            "reflects off a rail like a mirror at the same speed.",
            f"2. Behind the block it bounces off the rails {n} time{'s' if n != 1 else ''}.",
            f"3. It starts to come out at about t = {answer['out_time']:.2f} s, at mark {answer['mark']}, "
            "which is ringed in green.",
            "4. The block, the rails and the marks do not move; the ball is hidden only behind the block.",
        ])  # fmt: skip

    def render(self, puzzle, answer, params, film):
        a, b = puzzle["block"]
        base = film.canvas()
        base.text(500, 70, "Where and when does the ball come out?", size=46, bold=True)
        for y in (TOP, BOTTOM):
            base.rect(
                LEFT, y - (10 if y == TOP else 0), RIGHT, y + (0 if y == TOP else 10), fill=INK
            )
        cover = (a, TOP, b, BOTTOM)

        def frame_at(t: float, ring: bool):
            c = base.copy()
            x, y, _ = ball_at(puzzle, t)
            c.circle(x, y, R, fill=BALL, outline=INK, width=3)
            c.rect(*cover, fill=BLOCK, outline=INK, width=4)
            for k, my in enumerate(MARKS):  # on the block, where the ball never shows
                c.line([(b - 24, my), (b, my)], fill=INK, width=5)
                c.text(b - 52, my, LETTERS[k], size=40, bold=True)
            if ring:
                k = LETTERS.index(answer["mark"])
                c.circle(b - 52, MARKS[k], 32, outline=NAMED["green"], width=7)
            c.text(960, 150, f"t = {t:.2f} s", size=44, anchor="rm", bold=True)
            return c

        first = frame_at(0.0, False)
        (x, y), (vx, vy) = puzzle["start"], puzzle["velocity"]
        sp = math.hypot(vx, vy)
        first.arrow(
            (x + vx / sp * (R + 4), y + vy / sp * (R + 4)),
            (x + vx, y + vy),
            fill=INK,
            width=6,
            head=24,
        )
        first.text(
            x + vx / 2 + vy / sp * 36,
            y + vy / 2 - vx / sp * 36,
            "1 s",
            size=36,
            fill=MUTED,
            bold=True,
        )
        film.opening(first)
        n = film.seconds(end_time(puzzle))
        for k in range(1, n + 1):
            frame = frame_at(
                end_time(puzzle) * k / n, k * end_time(puzzle) / n >= answer["out_time"]
            )
            film.add(frame)
        film.closing(frame)


def _fair(puzzle: dict, bounces: int) -> bool:
    """The stated number of hidden bounces; no bounce in sight before the block; the ball
    comes out near one mark and clear of a rail; the straight, unbounced path leads elsewhere;
    the ball stays on the rails until the end."""
    (x0, y0), (vx, vy) = puzzle["start"], puzzle["velocity"]
    a, b = puzzle["block"]
    t_in, t_out = (a + R - x0) / vx, out_time(puzzle)
    if ball_at(puzzle, t_in)[2] != 0 or ball_at(puzzle, t_out)[2] != bounces:
        return False
    lo, span = TOP + R, BOTTOM - TOP - 2 * R
    for k in range(1, bounces + 1):  # each hidden bounce well inside the block's sides
        rail = lo + span * (k if vy > 0 else 1 - k)
        x = x0 + vx * (rail - y0) / vy
        if not a + R + 30 <= x <= b - R - 30:
            return False
    if x0 + vx * end_time(puzzle) > RIGHT - R or math.hypot(vx, vy) > FASTEST:
        return False
    y_out = ball_at(puzzle, t_out)[1]
    if min(abs(m - y_out) for m in MARKS) > NEAR or min(y_out - TOP, BOTTOM - y_out) < R + 30:
        return False
    straight = y0 + vy * t_out  # where the path would come out without the rails' bounces
    return bounces == 0 or min(abs(m - straight) for m in MARKS) > 60 or not TOP < straight < BOTTOM
