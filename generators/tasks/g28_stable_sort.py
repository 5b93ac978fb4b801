"""Stable sort: lettered bars carry numbers with ties; one by one they glide from the top row
to above their slot in the bottom row and drop into it, in ascending order, and bars with equal
numbers keep their order."""

from __future__ import annotations

import itertools
import math
import string

from generators.kit import INK, MUTED, NAMED, Param, Task, easing, register, require

RATE = 20  # trajectory samples per simulated second
RAMP = 0.2  # share of a leg's time spent speeding up (and slowing down)
MIN_LEG = 0.4  # s: the shortest leg of a glide
PAUSE = 0.1  # s between two bars' glides
KEY_COLOURS = {1: "red", 2: "orange", 3: "green", 4: "blue", 5: "purple"}
BAR_W = 74
DIGIT = 40  # the number's size inside a bar
LETTER = 40  # letter size; letters sit LETTER_DY below a bar's foot
LETTER_DY = 34
TOP_BASE, BOTTOM_BASE = 320, 800  # canvas y of the bars' feet in the two rows
LANE = BOTTOM_BASE - 170 - 60  # a bar's foot above its slot: its letter clears the slot
# boxes and its top clears the top row's letters (400 > TOP_BASE + LETTER_DY + LETTER / 2)


def bar_height(key: int) -> float:
    """Taller for a larger number; the shortest still holds its number with a margin."""
    return 20 + 30 * key


def slot_x(n: int, i: int) -> float:
    """Centre x of slot i in a row of n."""
    gap = min(20.0, (880 - n * BAR_W) / max(n - 1, 1))
    total = n * BAR_W + (n - 1) * gap
    return 500 - total / 2 + BAR_W / 2 + i * (BAR_W + gap)


def legs(n: int, bar: int, slot: int) -> list[tuple[float, float]]:
    """The bar's foot: from its place in the top row to above its slot, then down into it."""
    return [(slot_x(n, bar), TOP_BASE), (slot_x(n, slot), LANE), (slot_x(n, slot), BOTTOM_BASE)]


def leg_seconds(a, b) -> float:
    """A leg's duration in whole samples: never faster than GLIDE_SPEED, at least MIN_LEG."""
    return math.ceil(max(MIN_LEG, easing.glide_seconds(math.dist(a, b), ramp=RAMP)) * RATE) / RATE


def schedule(keys: list[int], order: list[int]) -> list[dict]:
    """The k-th glide takes bar order[k] to slot k: start, arrival above the slot, end."""
    moves, t = [], 0.0
    for slot, bar in enumerate(order):
        a, c, b = legs(len(keys), bar, slot)
        corner = round(t + leg_seconds(a, c), 6)
        end = round(corner + leg_seconds(c, b), 6)
        moves.append({"bar": bar, "slot": slot, "start": t, "corner": corner, "end": end})
        t = round(end + PAUSE, 6)
    return moves


def foot(n: int, move: dict, t: float) -> tuple[float, float]:
    """Where the moving bar's foot is at time t (cruise easing on each leg)."""
    a, c, b = legs(n, move["bar"], move["slot"])
    if t <= move["start"]:
        return a
    if t >= move["end"]:
        return b
    if t < move["corner"]:
        u = easing.cruise((t - move["start"]) / (move["corner"] - move["start"]), RAMP)
        return easing.lerp_point(a, c, u)
    return easing.lerp_point(c, b, easing.cruise((t - move["corner"]) / (move["end"] - move["corner"]), RAMP))  # fmt: skip


@register(
    "G-28_stable_sort",
    title="Stable sort",
    description="Lettered number bars with ties glide one by one into ascending order; equal numbers keep their original order.",
    category="puzzles-logic",
    params=[Param("bars", "int", 7, 5, 10, help="number of bars")],
    shard_size=70,
    memory="low",
    instances=10**8,  # measured: at least 150 M (30,000 draws, no repeat)
    faculty="abstraction",
    levels={1: {"bars": 5}, 2: {"bars": 6}, 3: {"bars": 7}, 4: {"bars": 8}, 5: {"bars": 10}},
)  # fmt: skip
class StableSort(Task):
    def generate(self, rng, params):
        n = params["bars"]
        while True:
            keys = [int(k) for k in rng.integers(1, 6, size=n)]
            letters = [str(c) for c in rng.choice(list(string.ascii_uppercase), size=n, replace=False)]  # fmt: skip
            groups = [[letters[i] for i in range(n) if keys[i] == k] for k in range(1, 6)]
            ties = [g for g in groups if len(g) > 1]
            # stability must matter: some tie is not already in alphabetical order
            if ties and any(g != sorted(g) for g in ties) and len(set(keys)) >= 3:
                return {"keys": keys, "letters": letters}

    def solve(self, puzzle, params):
        keys = puzzle["keys"]
        order = sorted(range(len(keys)), key=lambda i: keys[i])  # Python's sort is stable
        moves = schedule(keys, order)
        times = [k / RATE for k in range(round(moves[-1]["end"] * RATE) + 1)]
        return {
            "order": order,
            "sorted_letters": "".join(puzzle["letters"][i] for i in order),
            "moves": moves,
            "samples": [[t, *(v for p in _feet(puzzle, moves, t) for v in p)] for t in times],
        }

    def check(self, puzzle, answer, params):
        keys, letters = puzzle["keys"], puzzle["letters"]
        n, order = len(keys), answer["order"]
        require(sorted(order) == list(range(n)), "the order is not a permutation of the bars")
        for a, b in itertools.pairwise(order):
            require(keys[a] <= keys[b], "the result is not in ascending order")
            require(keys[a] < keys[b] or a < b, f"bars {letters[a]} and {letters[b]} swapped: not stable")  # fmt: skip
        require(answer["sorted_letters"] == "".join(letters[i] for i in order), "wrong letters")
        moves = answer["moves"]
        require([m["slot"] for m in moves] == list(range(n)), "slots are not filled left to right")
        require([m["bar"] for m in moves] == order, "the glides do not follow the order")
        for m in moves:
            require(m["start"] < m["corner"] < m["end"], "a glide runs backwards in time")
        for m, nxt in itertools.pairwise(moves):
            require(m["end"] <= nxt["start"], "two bars move at once")
        s = answer["samples"]
        dt = 1 / RATE
        require(all(abs(r[0] - k * dt) < 1e-6 and len(r) == 1 + 2 * n for k, r in enumerate(s)),
                "irregular samples")  # fmt: skip
        require(s[-1][0] >= moves[-1]["end"] - 1e-9, "samples end before the last glide")
        for m in moves:
            path = [((r[1 + 2 * m["bar"]], r[2 + 2 * m["bar"]]), r[0]) for r in s]
            _check_glide(n, m, path, letters[m["bar"]])

    def prompt(self, puzzle, params):
        n = len(puzzle["keys"])
        return (
            f"The top row shows {n} coloured bars, each marked with a number (its height and "
            "colour also show the number) and a letter below it. Several bars share the same "
            "number. Sort the bars by number from smallest to largest into the empty slots of the "
            "bottom row with a stable sort: bars with equal numbers must keep their left-to-right "
            "order from the top row. Fill the slots from left to right, one bar at a time: each "
            "bar lifts out of the top row, glides in a straight line to just above its slot and "
            "drops straight down into it, starting and stopping smoothly. Bars keep their "
            "numbers, letters and colours. The video ends when every bar sits in the bottom row."
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
            "2. Each bar glides in a straight line to just above its slot and drops straight "
            "into it, starting and stopping smoothly; no bar jumps or changes its number, letter "
            "or colour.",
            "3. The bottom row reads in ascending order of the numbers.",
            f"4. Equal numbers keep their original order ({'; '.join(ties)}).",
            f"5. The final bottom row, left to right, has the letters {answer['sorted_letters']}.",
            "6. The top row ends empty; nothing else changes.",
        ])  # fmt: skip

    def render(self, puzzle, answer, params, film):
        keys, letters, moves = puzzle["keys"], puzzle["letters"], answer["moves"]
        n = len(keys)
        base = film.canvas()
        base.text(500, 80, "Sort by number; ties keep their order", size=44, bold=True)
        for i in range(n):
            x = slot_x(n, i)
            base.line([(x - BAR_W / 2 - 6, TOP_BASE), (x + BAR_W / 2 + 6, TOP_BASE)], fill=MUTED, width=4)  # fmt: skip
            _dashed_box(
                base,
                x - BAR_W / 2 - 5,
                BOTTOM_BASE - bar_height(5) - 5,
                x + BAR_W / 2 + 5,
                BOTTOM_BASE + 5,
            )

        def frame_at(t: float):
            c = base.copy()
            feet = _feet(puzzle, moves, t)
            moving = [m["bar"] for m in moves if m["start"] < t < m["end"]]
            for i in [j for j in range(n) if j not in moving] + moving:  # the moving bar on top
                _bar(c, feet[i], keys[i], letters[i])
            return c

        film.opening(frame_at(0.0))
        end = moves[-1]["end"]
        for t in film.times(end)[:-1]:
            film.add(frame_at(t))
        film.closing(frame_at(end))


def _feet(puzzle: dict, moves: list[dict], t: float) -> list[tuple[float, float]]:
    n = len(puzzle["keys"])
    return [foot(n, m, t) for m in sorted(moves, key=lambda m: m["bar"])]


def _check_glide(n: int, m: dict, path: list, letter: str) -> None:
    """One bar's feet over time: still before its turn and after it, on its two legs in
    order (above its slot at the corner time), never faster than GLIDE_SPEED, each leg
    starting and stopping smoothly."""
    a, c, b = legs(n, m["bar"], m["slot"])
    for p, t in path:
        if t <= m["start"] + 1e-9 or t >= m["end"] - 1e-9:
            home = a if t <= m["start"] + 1e-9 else b
            require(math.dist(p, home) < 1e-6, f"bar {letter} moves outside its glide at t={t:g}")
        else:
            p0, p1 = (a, c) if t < m["corner"] else (c, b)
            cross = (p1[0] - p0[0]) * (p[1] - p0[1]) - (p1[1] - p0[1]) * (p[0] - p0[0])
            require(abs(cross) / math.dist(p0, p1) < 1e-3, f"bar {letter} leaves its path at t={t:g}")  # fmt: skip
    corner = [p for p, t in path if abs(t - m["corner"]) < 1e-9]
    require(all(math.dist(p, c) < 1e-6 for p in corner), f"bar {letter} is not above its slot in time")  # fmt: skip
    for (p, t), (q, _) in itertools.pairwise(path):
        require(math.dist(p, q) <= easing.GLIDE_SPEED / RATE + 1e-6, f"bar {letter} jumps at t={t:g}")  # fmt: skip
    for t0, t1, p0, p1 in ((m["start"], m["corner"], a, c), (m["corner"], m["end"], c, b)):
        leg = [p for p, t in path if t0 - 1e-9 <= t <= t1 + 1e-9]
        gentle = 0.5 * math.dist(p0, p1) / max(len(leg) - 1, 1)  # half the mean step
        for u, v in (leg[:2], leg[-2:]):
            require(math.dist(u, v) <= gentle + 1e-6, f"bar {letter} starts or stops abruptly")
        remaining = [math.dist(p, p1) for p in leg]
        require(all(y <= x + 1e-9 for x, y in itertools.pairwise(remaining)), f"bar {letter} turns back")  # fmt: skip


def _bar(c, foot, key: int, letter: str) -> None:
    x, y = foot
    top = y - bar_height(key)
    c.rect(x - BAR_W / 2, top, x + BAR_W / 2, y, fill=NAMED[KEY_COLOURS[key]], outline=INK, width=3, radius=6)  # fmt: skip
    c.text(x, top + 25, str(key), size=DIGIT, fill=(255, 255, 255), bold=True)
    c.text(x, y + LETTER_DY, letter, size=LETTER, fill=INK, bold=True)


def _dashed_box(c, x0, y0, x1, y1) -> None:
    for a, b in (((x0, y0), (x1, y0)), ((x1, y0), (x1, y1)), ((x1, y1), (x0, y1)), ((x0, y1), (x0, y0))):  # fmt: skip
        length = math.dist(a, b)
        k = 0.0
        while k < length:
            e = min(k + 12, length)
            c.line([easing.lerp_point(a, b, k / length), easing.lerp_point(a, b, e / length)],
                   fill=MUTED, width=3)  # fmt: skip
            k += 22
