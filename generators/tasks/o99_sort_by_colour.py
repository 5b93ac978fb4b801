"""Sort by colour: a mixed row of coloured balls and a row of tubes, each marked with a colour
(some with colours no ball has); drop every ball into the tube of its colour, left to right,
each tube filling from the bottom.

The checker replays the drops: every ball once, into the tube of its own colour, each tube
holding its balls in the order they came; the rubric's counts per tube are recounted.
"""

from __future__ import annotations

import itertools
import math

from generators.kit import INK, NAMED, Param, Task, easing, register, require
from generators.kit.geometry import round_corners
from generators.kit.rng import choose

COLORS = ("red", "blue", "green", "orange", "purple", "yellow", "pink", "cyan")
ROW_Y, LANE_Y, TUBE_TOP, TUBE_BOTTOM = 200.0, 320.0, 400.0, 800.0
R = 28.0  # ball radius: a tube holds six


@register(
    "O-99_sort_by_colour",
    title="Sort by colour",
    description="Drop every ball of a mixed row into the tube marked with its colour, left to right; tubes of colours no ball has stay empty.",
    category="spatial-visual",
    params=[
        Param("balls", "int", 5, 3, 9, help="balls in the row"),
        Param("colors", "int", 3, 2, 4, help="colours among the balls"),
        Param("decoys", "int", 1, 0, 2, help="tubes of colours no ball has"),
    ],
    shard_size=60,
    version=2,  # level 1 draws from a larger space
    memory="low",
    instances=1_000_000,
    faculty="perception",
    levels={
        1: {"balls": 4, "colors": 2, "decoys": 0},  # 3 balls: a few hundred puzzles
        2: {"balls": 4, "colors": 2, "decoys": 1},
        3: {"balls": 5, "colors": 3, "decoys": 1},
        4: {"balls": 7, "colors": 4, "decoys": 1},
        5: {"balls": 9, "colors": 4, "decoys": 2},
    },
)  # fmt: skip
class SortByColour(Task):
    def generate(self, rng, params):
        n, k = params["balls"], params["colors"]
        palette = choose(rng, COLORS, k + params["decoys"])
        while True:
            balls = [palette[int(rng.integers(k))] for _ in range(n)]
            if len(set(balls)) == k:
                break
        tubes = [palette[int(i)] for i in rng.permutation(len(palette))]
        return {"balls": balls, "tubes": tubes}

    def solve(self, puzzle, params):
        tubes = puzzle["tubes"]
        drops = [tubes.index(color) for color in puzzle["balls"]]
        counts = {c: puzzle["balls"].count(c) for c in tubes}
        return {"drops": drops, "counts": counts}

    def check(self, puzzle, answer, params):
        balls, tubes = puzzle["balls"], puzzle["tubes"]
        require(len(set(tubes)) == len(tubes), "two tubes share a colour")
        drops = answer["drops"]
        require(len(drops) == len(balls), "every ball must be dropped once, left to right")
        for i, (color, t) in enumerate(zip(balls, drops)):
            require(isinstance(t, int) and 0 <= t < len(tubes), f"ball {i + 1} misses the tubes")
            require(tubes[t] == color, f"ball {i + 1} ({color}) goes into the {tubes[t]} tube")
        counts = {c: sum(1 for t in drops if tubes[t] == c) for c in tubes}
        require(answer["counts"] == counts, "the balls per tube are miscounted")

    def prompt(self, puzzle, params):
        n, m = len(puzzle["balls"]), len(puzzle["tubes"])
        return (
            f"The image shows a row of {n} coloured balls at the top and {m} tubes below it, "
            "each marked with a coloured band at its mouth. Drop every ball into the tube "
            "marked with its own colour, one ball at a time from left to right: each ball "
            "moves down out of the row, glides across above the tubes and falls into its "
            "tube, which fills from the bottom. Tubes whose colour no ball has stay empty. "
            "The video ends when the row is empty."
        )

    def rubric(self, puzzle, answer, params):
        counts = answer["counts"]
        per = ", ".join(f"{c}: {counts[c]}" for c in puzzle["tubes"])
        return "\n".join([
            "1. The tubes and their colour bands do not move or change.",
            f"2. Every ball ends in the tube of its own colour; balls per tube, left to right: "
            f"{per}.",
            "3. Balls move one at a time from the left of the row, gliding (never jumping) and "
            "never passing through another ball or a tube wall; each tube fills from the "
            "bottom.",
            "4. In the final frame the row is empty and no ball is outside a tube.",
        ])  # fmt: skip

    def render(self, puzzle, answer, params, film):
        balls, tubes = puzzle["balls"], puzzle["tubes"]
        n, m = len(balls), len(tubes)
        row_x = [500 + min(100.0, 900.0 / n) * (i - (n - 1) / 2) for i in range(n)]
        tube_x = [500 + min(200.0, 900.0 / m) * (j - (m - 1) / 2) for j in range(m)]
        base = film.canvas()
        for x, color in zip(tube_x, tubes):
            w = R + 12
            base.line([(x - w, TUBE_TOP), (x - w, TUBE_BOTTOM), (x + w, TUBE_BOTTOM),
                       (x + w, TUBE_TOP)], fill=INK, width=7)  # fmt: skip
            base.rect(x - w - 8, TUBE_TOP - 22, x + w + 8, TUBE_TOP, fill=NAMED[color], outline=INK,
                      width=4, radius=4)  # fmt: skip
        placed = [0] * m
        left = list(range(n))

        def scene(skip=None):
            frame = base.copy()
            for i in left:
                if i != skip:
                    frame.circle(row_x[i], ROW_Y, R, fill=NAMED[balls[i]], outline=INK, width=4)
            return frame

        film.opening(scene())
        for i, t in enumerate(answer["drops"]):
            rest = scene(skip=i)
            land = (tube_x[t], TUBE_BOTTOM - 6 - R - placed[t] * (2 * R + 6))
            path = round_corners(
                [(row_x[i], ROW_Y), (row_x[i], LANE_Y), (tube_x[t], LANE_Y), land], 60
            )
            length = sum(math.dist(a, b) for a, b in itertools.pairwise(path))
            for s in easing.steps(film.seconds(easing.glide_seconds(length)), easing.cruise):
                frame = rest.copy()
                frame.circle(*easing.along_polyline(path, s), R, fill=NAMED[balls[i]], outline=INK,
                             width=4)  # fmt: skip
                film.add(frame)
            base.circle(*land, R, fill=NAMED[balls[i]], outline=INK, width=4)
            placed[t] += 1
            left.remove(i)
        film.closing(scene())
