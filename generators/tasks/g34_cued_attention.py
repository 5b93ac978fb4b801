"""Cued attention: a cue ring lights one circle, then shifts, circle by circle, to the
nearest circle not yet cued; in which order are the circles cued and where does the cue end?

Grey diamonds are distractors the cue never visits. Positions are drawn so that at every
step the nearest uncued circle is clearly nearer than the next one (by MARGIN units), so
the order is unique and can be judged by eye. The ring glides between circles, never over
another object; each circle gets its number in the order once the cue reaches it.
"""

from __future__ import annotations

import itertools
import math

from generators.kit import HIGHLIGHT, INK, NAMED, Param, Task, register, require
from generators.kit.easing import cruise, glide_seconds, lerp_point
from generators.kit.geometry import segment_distance
from generators.kit.palette import darken

BOX = (90.0, 190.0, 910.0, 880.0)  # where object centres may lie
OBJECT_R = 34.0
RING_R = 52.0
SPACING = 140.0  # least distance between two object centres
MARGIN = 45.0  # the nearest uncued circle is nearer than the runner-up by at least this
COLOURS = ("red", "blue", "green", "orange", "purple", "pink", "brown", "cyan")
DISTRACTOR = NAMED["gray"]
PAUSE_S = 0.25  # the ring rests on each circle it reaches


def nearest_order(circles: list[dict], start: int) -> list[int]:
    """Indices of the circles in the order the cue reaches them (greedy nearest uncued)."""
    order = [start]
    while len(order) < len(circles):
        here = circles[order[-1]]["at"]
        rest = [i for i in range(len(circles)) if i not in order]
        order.append(min(rest, key=lambda i: math.dist(here, circles[i]["at"])))
    return order


def margins(circles: list[dict], order: list[int]) -> list[float]:
    """At each shift with a choice, how much nearer the chosen circle is than the runner-up."""
    out = []
    for k in range(1, len(order) - 1):
        here = circles[order[k - 1]]["at"]
        ds = sorted(math.dist(here, circles[i]["at"]) for i in order[k:])
        out.append(ds[1] - ds[0])
    return out


def clear_path(path: list[list[float]], objects: list[list[float]]) -> bool:
    """Does the ring pass clear of every object it is not gliding between?"""
    return all(segment_distance(p, a, b) >= RING_R + OBJECT_R + 8
               for a, b in itertools.pairwise(path) for p in objects if p not in (a, b))  # fmt: skip


@register(
    "G-34_cued_attention",
    title="Cued attention",
    description="A cue ring shifts from the cued circle to the nearest circle not yet cued, "
    "ignoring grey distractors; predict the order of the cued circles and where the cue ends.",
    category="spatial-visual",
    params=[
        Param("circles", "int", 5, 3, 8, help="coloured circles the cue visits"),
        Param("distractors", "int", 1, 0, 4, help="grey diamonds the cue never visits"),
    ],
    shard_size=60,
    memory="low",
    instances=2_000_000,  # measured lower bound 2.67 million (4,000 draws, no repeats)
    faculty="spatiality",
    levels={
        1: {"circles": 3, "distractors": 0},
        2: {"circles": 4, "distractors": 0},
        3: {"circles": 5, "distractors": 1},
        4: {"circles": 6, "distractors": 2},
        5: {"circles": 8, "distractors": 4},
    },
)  # fmt: skip
class CuedAttention(Task):
    def generate(self, rng, params):
        n, m = params["circles"], params["distractors"]
        while True:
            spots: list[list[float]] = []
            for _ in range(400):
                p = [
                    float(rng.integers(BOX[0], BOX[2] + 1)),
                    float(rng.integers(BOX[1], BOX[3] + 1)),
                ]
                if all(math.dist(p, q) >= SPACING for q in spots):
                    spots.append(p)
                if len(spots) == n + m:
                    break
            if len(spots) < n + m:
                continue
            colours = rng.choice(COLOURS, size=n, replace=False)
            circles = [{"color": str(c), "at": p} for c, p in zip(colours, spots[:n])]
            start = int(rng.integers(n))
            order = nearest_order(circles, start)
            labels_clear = all(
                math.dist(label_at(c["at"]), q) >= 80 for c in circles for q in spots
            )
            if (
                labels_clear
                and min(margins(circles, order), default=MARGIN) >= MARGIN
                and clear_path([circles[i]["at"] for i in order], spots)
            ):
                return {"circles": circles, "distractors": spots[n:], "start": start}

    def solve(self, puzzle, params):
        order = [
            puzzle["circles"][i]["color"] for i in nearest_order(puzzle["circles"], puzzle["start"])
        ]
        return {"order": order, "last": order[-1]}

    def check(self, puzzle, answer, params):
        circles = puzzle["circles"]
        colours = [c["color"] for c in circles]
        order = answer["order"]
        require(sorted(order) == sorted(colours), "the order must name every circle once")
        require(order[0] == colours[puzzle["start"]], "the cue must start on the lit circle")
        at = {c["color"]: c["at"] for c in circles}
        for k in range(1, len(order)):
            here, rest = at[order[k - 1]], order[k:]
            dist = {c: math.dist(here, at[c]) for c in rest}
            best = min(dist.values())
            require(
                dist[order[k]] == best, f"shift {k}: {order[k]} is not the nearest uncued circle"
            )
            if len(rest) > 1:
                second = sorted(dist.values())[1]
                require(
                    second - best >= MARGIN - 1e-9, f"shift {k}: the nearest circle is not clear"
                )
        require(answer["last"] == order[-1], "the cue ends on another circle")
        objects = [c["at"] for c in circles] + puzzle["distractors"]
        require(clear_path([at[c] for c in order], objects), "the ring passes over an object")
        require(all(math.dist(p, q) >= SPACING for p, q in itertools.combinations(objects, 2)),
                "two objects are too close")  # fmt: skip

    def prompt(self, puzzle, params):
        n, m = len(puzzle["circles"]), len(puzzle["distractors"])
        start = puzzle["circles"][puzzle["start"]]["color"]
        grey = f" and {m} grey diamond{'s' * (m > 1)}" if m else ""
        never = " Grey diamonds are never cued." if m else ""
        return (
            f"The image shows {n} coloured circles{grey}. A yellow ring cues the {start} "
            "circle, numbered 1. Attention then shifts step by step: the ring moves from the "
            "cued circle to the nearest circle (centre to centre) that has not been cued yet, "
            f"until every circle has been cued.{never} Show the ring gliding from circle to "
            "circle, each circle getting its number in the order when the ring reaches it. In "
            "which order are the circles cued, and on which circle does the ring end?"
        )

    def rubric(self, puzzle, answer, params):
        order = answer["order"]
        lines = [f"1. The circles{' and diamonds' * bool(puzzle['distractors'])} stay in place; "
                 f"the ring starts on the {order[0]} circle, numbered 1."]  # fmt: skip
        for k, colour in enumerate(order[1:], start=2):
            lines.append(f"{k}. The ring glides to the {colour} circle, the nearest one not yet "
                         f"cued, which is numbered {k}.")  # fmt: skip
        if puzzle["distractors"]:
            lines.append(f"{len(lines) + 1}. The ring never stops on a grey diamond.")
        lines.append(f"{len(lines) + 1}. The ring ends on the {answer['last']} circle, cued last.")
        return "\n".join(lines)

    def render(self, puzzle, answer, params, film):
        at = {c["color"]: tuple(c["at"]) for c in puzzle["circles"]}
        base = film.canvas()
        base.text(60, 70, "The cue moves to the nearest circle not yet cued", size=40,
                  bold=True, anchor="lm")  # fmt: skip
        for x, y in puzzle["distractors"]:
            base.shape(
                "diamond", x, y, OBJECT_R * 1.15, fill=DISTRACTOR, outline=darken(DISTRACTOR, 0.35)
            )
        for c, (x, y) in at.items():
            base.circle(x, y, OBJECT_R, fill=NAMED[c], outline=darken(NAMED[c], 0.35), width=4)
        order = answer["order"]
        numbered = base.copy()
        number(numbered, at[order[0]], 1)
        film.opening(ringed(numbered, at[order[0]]))
        for k, (a, b) in enumerate(itertools.pairwise(order), start=2):
            steps = film.seconds(glide_seconds(math.dist(at[a], at[b]), speed=340))
            for i in range(1, steps):
                film.add(ringed(numbered, lerp_point(at[a], at[b], cruise(i / steps))))
            number(numbered, at[b], k)
            if k < len(order):
                film.add(ringed(numbered, at[b]), hold=film.seconds(PAUSE_S))
        film.closing(ringed(numbered, at[order[-1]]))


def label_at(at) -> tuple[float, float]:
    """Where a circle's number goes: above-right, clear of the ring."""
    return at[0] + 60, at[1] - 60


def number(c, at, k: int) -> None:
    c.text(*label_at(at), str(k), size=34, bold=True, fill=INK)


def ringed(base, at):
    f = base.copy()
    f.circle(at[0], at[1], RING_R, outline=HIGHLIGHT, width=11)
    return f
