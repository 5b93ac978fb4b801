"""Animal size sort: a row of animals of one kind in different colours and sizes; sort them
from smallest to largest, left to right, with the fewest swaps of two animals.

Sizes differ by at least 16% from one to the next, so the order is plain to see. The
fewest swaps is the row's length minus the cycles of the sorting permutation; the checker
replays the swaps and counts the cycles on its own. In a swap one animal rises above the
row and the other dips below it; they glide past each other into each other's places.
"""

from __future__ import annotations

import itertools
import math

from generators.kit import MUTED, NAMED, Param, Task, easing, register, require
from generators.kit.animals import ANIMALS, draw_animal
from generators.kit.geometry import round_corners
from generators.kit.rng import choose, pick

ROW_Y = 520.0
COLORS = ("red", "blue", "green", "orange", "purple", "pink", "brown", "cyan")
STEP = 1.16  # least ratio between two sizes
SPEED = 0.8 * easing.GLIDE_SPEED  # a margin: a swap moves two figures of several parts


def spacing(n: int) -> float:
    """Distance between neighbours in a row of n animals."""
    return min(200.0, 930.0 / n)


def cycles(order: list[int]) -> int:
    """Cycles of the permutation taking each place to where its animal belongs."""
    seen, count = set(), 0
    for start in range(len(order)):
        if start not in seen:
            count += 1
            i = start
            while i not in seen:
                seen.add(i)
                i = order[i]
    return count


@register(
    "O-98_animal_size_sort",
    title="Animal size sort",
    description="Sort a row of animals from smallest to largest, left to right, with the fewest swaps of two animals.",
    category="spatial-visual",
    params=[
        Param("animals", "int", 5, 3, 6, help="animals in the row"),
        Param("swaps", "int", 3, 1, 5, help="fewest swaps the row needs (at most animals - 1)"),
    ],
    shard_size=60,
    memory="low",
    instances=2_666_666,
    faculty="perception",
    levels={
        1: {"animals": 3, "swaps": 1},
        2: {"animals": 4, "swaps": 2},
        3: {"animals": 5, "swaps": 3},
        4: {"animals": 6, "swaps": 4},
        5: {"animals": 6, "swaps": 5},
    },
)  # fmt: skip
class AnimalSizeSort(Task):
    def generate(self, rng, params):
        n = params["animals"]
        k = min(params["swaps"], n - 1)
        ranks = sorted(choose(rng, range(n + 1), n))  # sizes from a ladder with one gap
        largest = 0.46 * spacing(n) * float(rng.uniform(0.85, 1.0))  # fits its place
        smallest = largest / STEP ** ranks[-1]
        sizes = [round(smallest * STEP**r, 1) for r in ranks]
        while True:
            order = [int(i) for i in rng.permutation(n)]
            if len(order) - cycles(order) == k:
                break
        return {"kind": pick(rng, ANIMALS), "sizes": [sizes[i] for i in order],
                "colors": choose(rng, COLORS, n)}  # fmt: skip

    def solve(self, puzzle, params):
        row = list(puzzle["sizes"])
        swaps = []
        for i, want in enumerate(sorted(row)):
            if row[i] != want:
                j = row.index(want)
                row[i], row[j] = row[j], row[i]
                swaps.append([i, j])
        return {"swaps": swaps, "count": len(swaps)}

    def check(self, puzzle, answer, params):
        sizes = puzzle["sizes"]
        ordered = sorted(sizes)
        require(all(b >= a * (STEP - 0.01) for a, b in itertools.pairwise(ordered)),
                "two animals are too close in size to sort by eye")  # fmt: skip
        row = list(sizes)
        for k, pair in enumerate(answer["swaps"]):
            require(isinstance(pair, list) and len(pair) == 2 and pair[0] != pair[1]
                    and all(isinstance(i, int) and 0 <= i < len(row) for i in pair),
                    f"swap {k + 1} does not name two places of the row")  # fmt: skip
            i, j = pair
            row[i], row[j] = row[j], row[i]
        require(row == ordered, "after the swaps the animals are not smallest to largest")
        where = {s: i for i, s in enumerate(ordered)}
        best = len(sizes) - cycles([where[s] for s in sizes])
        require(len(answer["swaps"]) == best, f"{len(answer['swaps'])} swaps; the fewest is {best}")
        require(answer["count"] == best, f"the swap count must be {best}")

    def prompt(self, puzzle, params):
        n, kind = len(puzzle["sizes"]), puzzle["kind"]
        return (
            f"The image shows a row of {n} {kind}s of different colours and sizes. Sort them "
            "by size, the smallest on the left and the largest on the right, using as few "
            "swaps as possible. A swap exchanges any two animals: one rises above the row, the "
            "other dips below it, and they glide past each other into each other's places. "
            "Swap one pair at a time; animals never change size or colour. The video ends "
            "when the row is sorted."
        )

    def rubric(self, puzzle, answer, params):
        colors, sizes, kind = puzzle["colors"], puzzle["sizes"], puzzle["kind"]
        names = {s: f"{c} {kind}" for c, s in zip(colors, sizes)}
        row, text = list(sizes), []
        for i, j in answer["swaps"]:
            text.append(f"the {names[row[i]]} and the {names[row[j]]}")
            row[i], row[j] = row[j], row[i]
        k = answer["count"]
        return "\n".join([
            f"1. In the final frame the {kind}s from left to right are: "
            + ", ".join(names[s] for s in sorted(sizes)) + " (smallest to largest).",
            f"2. Exactly {k} swap{'s' if k > 1 else ''}, the fewest possible, one at a time; "
            f"any shortest sequence is correct, for example: swap {'; swap '.join(text)}.",
            "3. In each swap the two animals glide past each other (one above, one below the "
            "row) without jumping; the others stay in place.",
            "4. No animal changes size, colour or facing.",
        ])  # fmt: skip

    def render(self, puzzle, answer, params, film):
        n, kind = len(puzzle["sizes"]), puzzle["kind"]
        step = spacing(n)
        xs = [500 + step * (i - (n - 1) / 2) for i in range(n)]
        row = list(zip(puzzle["sizes"], puzzle["colors"]))
        base = film.canvas()
        base.line([(30, ROW_Y + 95), (970, ROW_Y + 95)], fill=MUTED, width=4)
        # the labels sit below where a swapped animal dips
        base.text(80, ROW_Y + 340, "smallest", size=40, fill=MUTED, anchor="lm")
        base.text(920, ROW_Y + 340, "largest", size=40, fill=MUTED, anchor="rm")
        base.arrow((270, ROW_Y + 340), (740, ROW_Y + 340), fill=MUTED, width=5, head=22)

        def scene(skip=()):
            frame = base.copy()
            for i, (size, color) in enumerate(row):
                if i not in skip:
                    draw_animal(frame, kind, xs[i], feet(size), size, NAMED[color])
            return frame

        film.opening(scene())
        lift = 1.6 * max(puzzle["sizes"]) + 30  # clear of the tallest animal in the row
        for k, (i, j) in enumerate(answer["swaps"]):
            rest = scene(skip=(i, j))
            paths = [swap_path(xs[i], xs[j], feet(row[i][0]), -lift),
                     swap_path(xs[j], xs[i], feet(row[j][0]), lift)]  # fmt: skip
            length = max(sum(math.dist(a, b) for a, b in itertools.pairwise(p)) for p in paths)
            for t in easing.steps(film.seconds(easing.glide_seconds(length, SPEED)), easing.cruise):
                frame = rest.copy()
                for path, m in zip(paths, (i, j)):
                    draw_animal(frame, kind, *easing.along_polyline(path, t), row[m][0],
                                NAMED[row[m][1]])  # fmt: skip
                film.add(frame)
            row[i], row[j] = row[j], row[i]
            if k + 1 < len(answer["swaps"]):
                film.hold(scene(), 0.2)
        film.closing(scene())


def feet(size: float) -> float:
    """The centre height that stands an animal of this size on the row's line."""
    return ROW_Y + 90 - 0.8 * size


def swap_path(x0: float, x1: float, y: float, offset: float):
    """Out of the row by `offset` (up if negative), across, and back down at height y."""
    return round_corners([(x0, y), (x0, y + offset), (x1, y + offset), (x1, y)],
                         abs(offset) * 0.35)  # fmt: skip
