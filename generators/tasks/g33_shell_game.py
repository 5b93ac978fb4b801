"""Shell game: identical cups stand on lettered slots, one lifted to show the ball under
it; the cups then swap places pair by pair, as listed; which slot holds the ball at the end?
(Never the slot it starts on, so the last frame differs from the first.)

The swaps name slots, not cups: "A-C" swaps the cups standing at slots A and C. The two
cups of a swap glide in opposite directions round one flattened ellipse, one above the row
and one below it, high enough to clear the cups between them, so they never touch another cup.
"""

from __future__ import annotations

import functools
import itertools
import math

from generators.kit import HIGHLIGHT, MUTED, NAMED, Param, Task, register, require
from generators.kit.easing import (
    along_polyline,
    cruise,
    ease_in_out,
    glide_seconds,
    lerp,
    peak_speed,
)
from generators.kit.palette import darken

SLOTS = "ABCDE"
ROW_Y = 560.0  # cups' centre line
SPACING = 180.0
CUP_W, CUP_TOP_W, CUP_H = 130.0, 92.0, 120.0
ADJACENT_ARC = 100.0  # neighbours pass 100 above / below the row: never overlapping
CLEAR = 25.0
LIFT = 115.0
BALL_R = 28.0
COLOURS = ("red", "blue", "green", "orange", "purple", "pink", "brown", "cyan")


def slot_x(slot: int, n: int) -> float:
    return 500.0 + (slot - (n - 1) / 2) * SPACING


def ball_slots(start: int, swaps: list[list[int]]) -> list[int]:
    """The slot under which the ball lies after each swap."""
    out, at = [], start
    for a, b in swaps:
        at = b if at == a else a if at == b else at
        out.append(at)
    return out


def arc(half: float) -> float:
    """How far above / below the row the cups of a swap pass: neighbours far enough that the
    two never meet; others far enough to clear the cups between them by CLEAR."""
    return ADJACENT_ARC if half <= SPACING / 2 else CUP_H + CLEAR


@functools.cache
def path(half: float) -> tuple[tuple[float, float], ...]:
    """Offsets from the swap's middle of the cup going over the top: round an ellipse's
    angle, but at full height while sin >= 1/2, i.e. while |x| <= 0.87 half; a cup in
    between reaches at most half - SPACING + CUP_W = half - 50 from the middle, under
    0.87 half for every swap in a row of five (half <= 360)."""
    out = []
    for k in range(121):
        theta = math.pi * k / 120
        out.append((half * math.cos(theta), arc(half) * ease_in_out(min(1.0, 2 * math.sin(theta)))))
    return tuple(out)


def on_path(half: float, s: float) -> tuple[float, float]:
    """Where the cup going over the top is, a share s of the way (gliding along the path)."""
    return along_polyline(path(half), cruise(s))


def frames_for(half: float, most: float = 24.0) -> int:
    """The fewest frames (at video_scale 1) in which a swap's cups never move more than
    `most` canvas units from one frame to the next."""
    length = sum(math.dist(a, b) for a, b in itertools.pairwise(path(half)))
    return math.ceil(peak_speed(cruise) * length / most)


def pair(swap: list[int]) -> str:
    return f"{SLOTS[swap[0]]}-{SLOTS[swap[1]]}"


@register(
    "G-33_shell_game",
    title="Shell game",
    description="Identical cups swap places pair by pair as listed; keep track of the cup "
    "hiding the ball and name the slot where it ends.",
    category="spatial-visual",
    params=[
        Param("cups", "int", 4, 3, 5, help="cups in the row"),
        Param("swaps", "int", 5, 1, 10, help="swaps in the list"),
    ],
    shard_size=60,
    memory="low",
    instances=500_000,  # measured estimate 570,000
    faculty="perception",
    levels={
        1: {"cups": 3, "swaps": 2},
        2: {"cups": 3, "swaps": 3},
        3: {"cups": 4, "swaps": 5},
        4: {"cups": 5, "swaps": 7},
        5: {"cups": 5, "swaps": 10},
    },
)  # fmt: skip
class ShellGame(Task):
    def generate(self, rng, params):
        n = params["cups"]
        pairs = [[a, b] for a in range(n) for b in range(a + 1, n)]
        while True:
            swaps: list[list[int]] = []
            while len(swaps) < params["swaps"]:
                s = pairs[int(rng.integers(len(pairs)))]
                if not swaps or s != swaps[-1]:  # a swap repeated at once would undo itself
                    swaps.append(s)
            start = int(rng.integers(n))
            if ball_slots(start, swaps)[-1] != start:  # the ball must end elsewhere
                break
        cup, ball = (str(c) for c in rng.choice(COLOURS, size=2, replace=False))
        return {"cups": n, "start": start, "swaps": swaps, "cup_color": cup,
                "ball_color": ball}  # fmt: skip

    def solve(self, puzzle, params):
        slots = ball_slots(puzzle["start"], puzzle["swaps"])
        moved = sum(
            1 for before, s in zip([puzzle["start"], *slots], puzzle["swaps"]) if before in s
        )
        return {"after_each": [SLOTS[s] for s in slots], "ball_cup_moves": moved,
                "final": SLOTS[slots[-1]]}  # fmt: skip

    def check(self, puzzle, answer, params):
        n, swaps = puzzle["cups"], puzzle["swaps"]
        require(all(0 <= a < b < n for a, b in swaps), "a swap names a slot outside the row")
        require(0 <= puzzle["start"] < n, "the ball starts outside the row")
        require(len(answer["after_each"]) == len(swaps), "one ball slot per swap")
        at, moves = puzzle["start"], 0  # follow the ball's cup, independently of the solver
        for k, (a, b) in enumerate(swaps, start=1):
            if at in (a, b):
                at, moves = a + b - at, moves + 1
            require(
                answer["after_each"][k - 1] == SLOTS[at], f"after swap {k} the ball is elsewhere"
            )
        require(
            answer["ball_cup_moves"] == moves, "the ball's cup moves a different number of times"
        )
        require(answer["final"] == SLOTS[at], "the ball ends under another cup")
        require(at != puzzle["start"], "the ball must end on another slot than it starts")

    def prompt(self, puzzle, params):
        n, swaps = puzzle["cups"], puzzle["swaps"]
        return (
            f"The image shows {n} identical {puzzle['cup_color']} cups upside down on slots "
            f"lettered {', '.join(SLOTS[: n - 1])} and {SLOTS[n - 1]}. The cup on slot "
            f"{SLOTS[puzzle['start']]} is lifted to show a {puzzle['ball_color']} ball under "
            "it. The cup is lowered over the ball, then the cups swap places in the order "
            f"listed at the top ({', '.join(pair(s) for s in swaps)}): a pair such as A-C "
            "means the cups standing on slots A and C change places, one gliding above the "
            "row and the other below it; the ball stays under its cup. Show every swap, then "
            "lift the cup that hides the ball. On which slot is the ball at the end?"
        )

    def rubric(self, puzzle, answer, params):
        lines = [f"1. The cup on slot {SLOTS[puzzle['start']]} is lowered over the "
                 f"{puzzle['ball_color']} ball; the cups stay identical and the ball stays "
                 "hidden under its cup."]  # fmt: skip
        for k, (s, at) in enumerate(zip(puzzle["swaps"], answer["after_each"]), start=1):
            lines.append(f"{k + 1}. Swap {k} ({pair(s)}): the two cups change places, one "
                         f"above and one below the row; the ball is then under slot {at}.")  # fmt: skip
        lines.append(f"{len(lines) + 1}. The ball's cup takes part in "
                     f"{answer['ball_cup_moves']} of the {len(puzzle['swaps'])} swaps.")  # fmt: skip
        lines.append(f"{len(lines) + 1}. At the end the cup on slot {answer['final']} is lifted "
                     f"and the {puzzle['ball_color']} ball is under it.")  # fmt: skip
        return "\n".join(lines)

    def render(self, puzzle, answer, params, film):
        n, swaps = puzzle["cups"], puzzle["swaps"]
        cup = NAMED[puzzle["cup_color"]]
        ball = NAMED[puzzle["ball_color"]]
        base = film.canvas()
        for i in range(n):
            base.text(slot_x(i, n), 880, SLOTS[i], size=46, bold=True, fill=MUTED)
        base.text(60, 70, "Swaps in order:", size=40, bold=True, anchor="lm")
        spots = swap_list(base, swaps)
        xs = [slot_x(i, n) for i in range(n)]  # where cup i (by starting slot) stands
        holder = puzzle["start"]  # the cup hiding the ball, by starting slot

        def scene(cups, lift=0.0, current=None):
            f = base.copy()
            if current is not None:
                x0, x1 = spots[current]
                f.rect(x0 - 8, 112, x1 + 8, 168, outline=HIGHLIGHT, width=6, radius=8)
            # the ball rides inside its cup, hidden unless the cup is lifted
            bx, by = cups[holder]
            f.circle(bx, by + CUP_H / 2 - BALL_R, BALL_R, fill=ball,
                     outline=darken(ball, 0.35), width=3)  # fmt: skip
            for i, (x, y) in enumerate(cups):
                draw_cup(f, x, y - (lift if i == holder else 0.0), cup)
            return f

        rest = [(x, ROW_Y) for x in xs]
        film.opening(scene(rest, LIFT))
        lowering = film.seconds(glide_seconds(LIFT, speed=300))
        for i in range(1, lowering + 1):
            film.add(scene(rest, LIFT * (1 - cruise(i / lowering))))
        at = list(range(n))  # at[slot] = the cup standing there
        for k, (a, b) in enumerate(swaps):
            ca, cb = at[a], at[b]
            mid, half = (xs[a] + xs[b]) / 2, (xs[b] - xs[a]) / 2
            steps = film.seconds(frames_for(half) / film.fps)
            for i in range(1, steps + 1):
                cups = list(rest)
                # cup from slot a goes over the top to b; cup from b under the row to a
                x, y = on_path(half, i / steps)
                cups[ca], cups[cb] = (mid - x, ROW_Y - y), (mid + x, ROW_Y + y)
                film.add(scene(cups, current=k))
            at[a], at[b] = cb, ca
            rest = [(xs[at.index(c)], ROW_Y) for c in range(n)]
        for i in range(1, lowering):
            film.add(scene(rest, lerp(0.0, LIFT, cruise(i / lowering))))
        film.closing(scene(rest, LIFT))


def swap_list(c, swaps: list[list[int]]) -> list[tuple[float, float]]:
    """Writes the swaps in one row under the heading; returns each pair's (left, right)."""
    size = 42 if len(swaps) <= 8 else 36
    x, out = 60.0, []
    for s in swaps:
        w = c.text_width(pair(s), size)
        c.text(x, 140, pair(s), size=size, bold=True, anchor="lm")
        out.append((x, x + w))
        x += w + size * 0.9
    return out


def draw_cup(c, x: float, y: float, colour) -> None:
    """An upside-down cup centred on (x, y): a trapezoid wider at its rim (the bottom)."""
    top, bottom = y - CUP_H / 2, y + CUP_H / 2
    c.polygon([(x - CUP_TOP_W / 2, top), (x + CUP_TOP_W / 2, top), (x + CUP_W / 2, bottom),
               (x - CUP_W / 2, bottom)], fill=colour)  # fmt: skip
    # solid fills and a broad rim, no outlines: the thin details of moving look-alike cups
    # would flicker into pieces
    c.rect(x - CUP_W / 2, bottom - 34, x + CUP_W / 2, bottom, fill=darken(colour, 0.3))
