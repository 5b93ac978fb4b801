"""Symbol reorder: rearrange a row of distinct symbols into a target order with the fewest
swaps, a swap exchanging any two tiles.

The fewest swaps a permutation needs is its length minus its number of cycles; the target
is made by merging cycles of the identity one transposition at a time, so the puzzle needs
exactly the requested number of swaps. The solver fixes places left to right; the checker
replays the swaps and counts the cycles on its own. In the video the two tiles of a swap
leave the row (one above it, one below it), glide past each other and settle.
"""

from __future__ import annotations

import itertools
import math

from generators.kit import MUTED, Param, Task, easing, register, require
from generators.kit.geometry import round_corners
from generators.kit.rng import choose, pick
from generators.kit.tokens import (
    ALPHABETS,
    TileRow,
    draw_tile,
    is_token,
    row_text,
    symbol_words,
)

ROW_Y, TARGET_Y, COUNTER_Y = 330.0, 690.0, 885.0


def glide(t: float) -> float:
    """A travelling tile's easing: speeds up over a quarter of its time, cruises, slows down
    over the last quarter (top speed 4/3 of the mean, hence peak=4 / 3 in glide_frames)."""
    return easing.cruise(t, ramp=0.25)


def cycles(row: list[str], target: list[str]) -> int:
    """Cycles of the permutation taking the row to the target (fixed points count)."""
    where = {token: i for i, token in enumerate(row)}
    seen, count = set(), 0
    for start in range(len(row)):
        if start in seen:
            continue
        count += 1
        i = start
        while i not in seen:
            seen.add(i)
            i = where[target[i]]
    return count


def fewest_swaps(row: list[str], target: list[str]) -> int:
    return len(row) - cycles(row, target)


@register(
    "O-74_symbol_reorder",
    title="Symbol reorder",
    description="Rearrange a row of letter, digit or shape tiles into a target order with the fewest swaps of two tiles.",
    category="puzzles-logic",
    params=[
        Param("length", "int", 6, 3, 10, help="tiles in the row"),
        Param("swaps", "int", 3, 1, 9, help="fewest swaps the target needs (at most length - 1)"),
    ],
    shard_size=60,
    memory="low",
    instances=2_666_666,
    faculty="transformation",
    levels={
        1: {"length": 4, "swaps": 1},
        2: {"length": 5, "swaps": 2},
        3: {"length": 6, "swaps": 3},
        4: {"length": 8, "swaps": 5},
        5: {"length": 10, "swaps": 7},
    },
)  # fmt: skip
class SymbolReorder(Task):
    def generate(self, rng, params):
        n = params["length"]
        kind = pick(rng, ("letters", "digits", "shapes"))
        row = choose(rng, ALPHABETS[kind], n)
        order = list(range(n))  # target[i] = row[order[i]]
        for _ in range(min(params["swaps"], n - 1)):
            # swapping two entries of different cycles merges them: one more swap needed
            a, b = choose(rng, range(n), 2)
            while same_cycle(order, a, b):
                a, b = choose(rng, range(n), 2)
            order[a], order[b] = order[b], order[a]
        return {"kind": kind, "row": row, "target": [row[i] for i in order]}

    def solve(self, puzzle, params):
        row, target = list(puzzle["row"]), puzzle["target"]
        swaps = []
        for i, want in enumerate(target):
            if row[i] != want:
                j = row.index(want)
                row[i], row[j] = row[j], row[i]
                swaps.append([i, j])
        return {"swaps": swaps, "count": len(swaps), "final": row}

    def check(self, puzzle, answer, params):
        row, target = puzzle["row"], puzzle["target"]
        require(all(map(is_token, row)) and len(set(row)) == len(row), "the row's symbols repeat")
        require(sorted(row) == sorted(target), "the target is not a rearrangement of the row")
        now = list(row)
        for k, pair in enumerate(answer["swaps"]):
            require(isinstance(pair, list) and len(pair) == 2
                    and all(isinstance(i, int) and 0 <= i < len(now) for i in pair),
                    f"swap {k + 1} does not name two places of the row")  # fmt: skip
            i, j = pair
            require(i != j, f"swap {k + 1} swaps a tile with itself")
            now[i], now[j] = now[j], now[i]
        require(now == target, f"the swaps leave the row as {row_text(now)}, not the target")
        require(answer["final"] == now, "the final row is not what the swaps make")
        best = fewest_swaps(row, target)
        require(len(answer["swaps"]) == best,
                f"{len(answer['swaps'])} swaps; the fewest possible is {best}")  # fmt: skip
        require(answer["count"] == best, f"the counter must end at {best}")

    def prompt(self, puzzle, params):
        n, words = len(puzzle["row"]), symbol_words(puzzle["kind"])
        return (
            f'The image shows a row of {n} tiles with {words} under "Row" and, under "Target", '
            "the same tiles in another order, with a swap counter at the bottom. Rearrange the "
            "row into the target order with as few swaps as possible. A swap exchanges any two "
            "tiles of the row, not only neighbours: one tile rises above the row and the other "
            "dips below it, they glide past each other into each other's places and settle. "
            "Swap one pair at a time; each swap adds one to the counter. The target row stays "
            "unchanged. The video ends when the row reads the same as the target."
        )

    def rubric(self, puzzle, answer, params):
        row, target, k = puzzle["row"], puzzle["target"], answer["count"]
        names = [f"{row_text([a])} and {row_text([b])}" for a, b in swapped_pairs(row, answer)]
        return "\n".join([
            f"1. The row changes from {row_text(row)} to {row_text(target)}.",
            "2. Each step swaps exactly two tiles, which glide (never jump) into each other's "
            "places; all other tiles stay where they are.",
            f"3. Exactly {k} swap{'s' if k > 1 else ''}, one at a time; {k} is the fewest "
            f"possible. Any shortest sequence is correct, for example: swap {'; swap '.join(names)}.",
            f"4. The counter goes up by one per swap and ends at {k}.",
            f"5. In the final frame the row reads {row_text(target)}, the same as the target row, "
            "which does not change.",
        ])  # fmt: skip

    def render(self, puzzle, answer, params, film):
        row = list(puzzle["row"])
        ids = list(range(1, len(row) + 1))  # each tile keeps its own tint as it moves
        lay = TileRow(len(row))
        xs = lay.xs(len(row))
        base = film.canvas()
        base.text(500, 120, "Row", size=42, fill=MUTED)
        base.text(500, TARGET_Y - lay.size / 2 - 45, "Target", size=42, fill=MUTED)
        lay.draw(base, puzzle["target"], TARGET_Y)
        film.opening(still(base, lay, row, ids, 0))
        lift = 1.1 * lay.step  # clear of the row, rounded corners included
        for k, (i, j) in enumerate(answer["swaps"]):
            rest = base.copy()
            rest.text(500, COUNTER_Y, f"Swaps: {k}", size=56, bold=True)
            others = [m for m in range(len(row)) if m not in (i, j)]
            lay.draw(rest, [row[m] for m in others], ROW_Y, xs=[xs[m] for m in others],
                     tints=[ids[m] for m in others])  # fmt: skip
            paths = [swap_path(xs[i], xs[j], -lift), swap_path(xs[j], xs[i], lift)]
            length = sum(math.dist(p, q) for p, q in itertools.pairwise(paths[0]))
            for t in easing.steps(easing.glide_frames(film, length, peak=4 / 3), glide):
                frame = rest.copy()
                for path, m in zip(paths, (i, j), strict=True):
                    x, y = easing.along_polyline(path, t)
                    draw_tile(frame, row[m], x, y, lay.size, tint=ids[m])
                film.add(frame)
            row[i], row[j] = row[j], row[i]
            ids[i], ids[j] = ids[j], ids[i]
            if k + 1 < len(answer["swaps"]):
                film.hold(still(base, lay, row, ids, k + 1), 0.2)
        film.closing(still(base, lay, row, ids, len(answer["swaps"])))


def same_cycle(order: list[int], a: int, b: int) -> bool:
    i = order[a]
    while i != a:
        if i == b:
            return True
        i = order[i]
    return False


def swapped_pairs(row: list[str], answer: dict) -> list[tuple[str, str]]:
    now, pairs = list(row), []
    for i, j in answer["swaps"]:
        pairs.append((now[i], now[j]))
        now[i], now[j] = now[j], now[i]
    return pairs


def swap_path(x0: float, x1: float, offset: float) -> list[tuple[float, float]]:
    """Out of the row by `offset` (up if negative), across, and back in, with corners rounded
    little enough that the tile clears its neighbours."""
    y = ROW_Y + offset
    return round_corners([(x0, ROW_Y), (x0, y), (x1, y), (x1, ROW_Y)], abs(offset) * 0.35)


def still(base, lay: TileRow, row: list[str], ids: list[int], count: int):
    frame = base.copy()
    lay.draw(frame, row, ROW_Y, tints=ids)
    frame.text(500, COUNTER_Y, f"Swaps: {count}", size=56, bold=True)
    return frame
