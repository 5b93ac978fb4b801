"""Stable sort: lettered bars carry numbers with ties; one by one they glide from the top row
into the bottom row in ascending order, and bars with equal numbers keep their order."""

from __future__ import annotations

import itertools
import math
import string

from generators.kit import INK, MUTED, NAMED, Param, Task, easing, register, require

RATE = 20  # trajectory samples per simulated second
MOVE = 0.35  # s per glide
PAUSE = 0.05  # s between glides
KEY_COLOURS = {1: "red", 2: "orange", 3: "green", 4: "blue", 5: "purple"}
TOP_BASE, BOTTOM_BASE = 430, 830  # canvas y of the bars' feet in the two rows
UNIT = 42  # bar height per unit of key
BAR_W = 74


def slot_x(n: int, i: int) -> float:
    """Centre x of slot i in a row of n."""
    gap = min(20.0, (880 - n * BAR_W) / max(n - 1, 1))
    total = n * BAR_W + (n - 1) * gap
    return 500 - total / 2 + BAR_W / 2 + i * (BAR_W + gap)


def schedule(n: int) -> list[tuple[float, float]]:
    """Start and end time of the k-th glide."""
    return [(k * (MOVE + PAUSE), k * (MOVE + PAUSE) + MOVE) for k in range(n)]


def positions(puzzle: dict, order: list[int], t: float) -> list[tuple[float, float]]:
    """Where each bar's foot centre is at time t: slot k of the bottom row receives bar
    order[k] during the k-th glide, along a straight line with smooth start and stop."""
    n = len(puzzle["keys"])
    out = [(slot_x(n, i), float(TOP_BASE)) for i in range(n)]
    for k, (card, (t0, t1)) in enumerate(zip(order, schedule(n))):
        a = out[card]
        b = (slot_x(n, k), float(BOTTOM_BASE))
        if t >= t1:
            out[card] = b
        elif t > t0:
            out[card] = easing.lerp_point(a, b, easing.ease_in_out((t - t0) / (t1 - t0)))
    return out


@register(
    "G-28_stable_sort",
    title="Stable sort",
    description="Lettered number bars with ties glide one by one into ascending order; equal numbers keep their original order.",
    category="puzzles-logic",
    params=[Param("bars", "int", 7, 5, 10, help="number of bars")],
    shard_size=70,
    memory="low",
    instances=10**10,
)  # fmt: skip
class StableSort(Task):
    def generate(self, rng, params):
        n = params["bars"]
        while True:
            keys = [int(k) for k in rng.integers(1, 6, size=n)]
            letters = [
                str(c) for c in rng.choice(list(string.ascii_uppercase), size=n, replace=False)
            ]
            groups = [[letters[i] for i in range(n) if keys[i] == k] for k in range(1, 6)]
            ties = [g for g in groups if len(g) > 1]
            # stability must matter: some tie is not already in alphabetical order
            if ties and any(g != sorted(g) for g in ties) and len(set(keys)) >= 3:
                return {"keys": keys, "letters": letters}

    def solve(self, puzzle, params):
        keys = puzzle["keys"]
        n = len(keys)
        order = []  # a stable selection: the smallest key left, the leftmost among equals
        left = list(range(n))
        while left:
            best = min(left, key=lambda i: (keys[i], i))
            order.append(best)
            left.remove(best)
        end = schedule(n)[-1][1]
        times = [k / RATE for k in range(math.ceil(end * RATE) + 1)]
        return {
            "order": order,
            "sorted_letters": "".join(puzzle["letters"][i] for i in order),
            "moves": [
                {"bar": c, "slot": k, "start": t0, "end": t1}
                for k, (c, (t0, t1)) in enumerate(zip(order, schedule(n)))
            ],
            "samples": [[t, *(v for p in positions(puzzle, order, t) for v in p)] for t in times],
        }

    def check(self, puzzle, answer, params):
        keys, letters = puzzle["keys"], puzzle["letters"]
        n = len(keys)
        order = answer["order"]
        require(sorted(order) == list(range(n)), "the order is not a permutation of the bars")
        for a, b in itertools.pairwise(order):
            require(keys[a] <= keys[b], "the result is not in ascending order")
            require(
                keys[a] < keys[b] or a < b,
                f"bars {letters[a]} and {letters[b]} swapped: not stable",
            )
        require(answer["sorted_letters"] == "".join(letters[i] for i in order), "wrong letters")
        moves = answer["moves"]
        require([m["slot"] for m in moves] == list(range(n)), "slots are not filled left to right")
        require([m["bar"] for m in moves] == order, "the glides do not follow the order")
        for m, nxt in itertools.pairwise(moves):
            require(m["start"] < m["end"] <= nxt["start"], "glides overlap in time")
        s = answer["samples"]
        dt = 1 / RATE
        require(all(abs(r[0] - k * dt) < 1e-6 for k, r in enumerate(s)), "irregular samples")
        require(s[-1][0] >= moves[-1]["end"] - 1e-9, "samples end before the last glide")
        pos = [[(r[1 + 2 * i], r[2 + 2 * i]) for i in range(n)] for r in s]
        home = [(slot_x(n, i), TOP_BASE) for i in range(n)]
        dest = {m["bar"]: (slot_x(n, m["slot"]), BOTTOM_BASE) for m in moves}
        require(
            all(math.dist(p, q) < 1e-6 for p, q in zip(pos[0], home)),
            "bars do not start in the top row",
        )
        require(
            all(math.dist(pos[-1][i], dest[i]) < 1e-6 for i in range(n)),
            "bars do not end in their slots",
        )
        by_bar = {m["bar"]: m for m in moves}
        for i in range(n):
            m = by_bar[i]
            a, b = home[i], dest[i]
            length = math.dist(a, b)
            v_max = 1.5 * length / (m["end"] - m["start"])  # peak speed of a smooth glide
            for k, (t, p) in enumerate(zip((r[0] for r in s), (ps[i] for ps in pos))):
                if t <= m["start"] + 1e-9:
                    require(math.dist(p, a) < 1e-6, f"bar {letters[i]} moves before its turn")
                elif t >= m["end"] - 1e-9:
                    require(math.dist(p, b) < 1e-6, f"bar {letters[i]} moves after its glide")
                else:  # on the straight line from its old place to its slot, moving forward
                    cross = (b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0])
                    require(
                        abs(cross) / length < 1e-3, f"bar {letters[i]} leaves its path at t={t:g}"
                    )
                if k:
                    q = pos[k - 1][i]
                    require(
                        math.dist(p, q) <= v_max * dt + 1e-6, f"bar {letters[i]} jumps at t={t:g}"
                    )
                    require(
                        math.dist(p, b) <= math.dist(q, b) + 1e-9, f"bar {letters[i]} turns back"
                    )

    def prompt(self, puzzle, params):
        n = len(puzzle["keys"])
        return (
            f"The top row shows {n} coloured bars, each marked with a number (its height and "
            "colour also show the number) and a letter below it. Several bars share the same "
            "number. Sort the bars by number from smallest to largest into the empty slots of the "
            "bottom row with a stable sort: bars with equal numbers must keep their left-to-right "
            "order from the top row. Fill the slots from left to right; each bar lifts out of the "
            "top row and glides in a straight line to its slot, one bar at a time. Bars keep "
            "their numbers, letters and colours. The video ends when every bar sits in the bottom "
            "row."
        )

    def rubric(self, puzzle, answer, params):
        keys, letters = puzzle["keys"], puzzle["letters"]
        ties = []
        for k in sorted(set(keys)):
            group = [letters[i] for i in range(len(keys)) if keys[i] == k]
            if len(group) > 1:
                ties.append(f"{k}: {' before '.join(group)}")
        return "\n".join([
            "1. Bars move one at a time from the top row to the bottom row, filling the slots "
            "from left to right.",
            "2. Each bar glides smoothly in a straight line, starting and stopping gently; no "
            "bar jumps or changes its number, letter or colour.",
            "3. The bottom row reads in ascending order of the numbers.",
            f"4. Equal numbers keep their original order ({'; '.join(ties)}).",
            f"5. The final bottom row, left to right, has the letters {answer['sorted_letters']}.",
            "6. The top row ends empty; nothing else changes.",
        ])  # fmt: skip

    def render(self, puzzle, answer, params, film):
        keys, letters, order = puzzle["keys"], puzzle["letters"], answer["order"]
        n = len(keys)
        base = film.canvas()
        base.text(500, 90, "Sort by number; ties keep their order", size=44, bold=True)
        for i in range(n):
            x = slot_x(n, i)
            base.line(
                [(x - BAR_W / 2 - 6, TOP_BASE), (x + BAR_W / 2 + 6, TOP_BASE)], fill=MUTED, width=4
            )
            _dashed_box(base, x - BAR_W / 2, BOTTOM_BASE - 5 * UNIT, x + BAR_W / 2, BOTTOM_BASE)

        def frame_at(t: float):
            c = base.copy()
            ps = positions(puzzle, order, t)
            moving = next((m["bar"] for m in answer["moves"] if m["start"] < t < m["end"]), None)
            for i in [j for j in range(n) if j != moving] + (
                [moving] if moving is not None else []
            ):
                _bar(c, ps[i], keys[i], letters[i])
            return c

        film.hold(frame_at(0.0), 0.75)
        end = answer["moves"][-1]["end"]
        steps = film.seconds(end)
        for k in range(1, steps + 1):
            film.add(frame_at(end * k / steps))
        film.hold(frame_at(end), 1.0)


def _bar(c, foot, key: int, letter: str) -> None:
    x, y = foot
    colour = NAMED[KEY_COLOURS[key]]
    c.rect(
        x - BAR_W / 2, y - key * UNIT, x + BAR_W / 2, y, fill=colour, outline=INK, width=3, radius=6
    )
    c.text(x, y - key * UNIT + 22, str(key), size=40, fill=(255, 255, 255), bold=True)
    c.text(x, y + 34, letter, size=40, fill=INK, bold=True)


def _dashed_box(c, x0, y0, x1, y1) -> None:
    for a, b in (
        ((x0, y0), (x1, y0)),
        ((x1, y0), (x1, y1)),
        ((x1, y1), (x0, y1)),
        ((x0, y1), (x0, y0)),
    ):
        length = math.dist(a, b)
        k = 0.0
        while k < length:
            e = min(k + 12, length)
            c.line([easing.lerp_point(a, b, k / length), easing.lerp_point(a, b, e / length)],
                   fill=MUTED, width=3)  # fmt: skip
            k += 22
