"""Symbol insertion: insert tiles from a tray into a row so that it reads as a target row.

The row is the target with a few tiles left out; symbols repeat, and at higher levels the
missing tiles show symbols the row already has, so where each goes follows from aligning
the rows. Puzzles are kept only when the row embeds in the target in exactly one way (the
places are then unique), which the checker recounts. The tray holds the missing tiles and
decoys. In the video the row's tiles glide apart to open each gap and the tile glides from
the tray into it, left to right.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter

from generators.kit import MUTED, Param, Task, easing, register, require
from generators.kit.geometry import round_corners
from generators.kit.rng import choose, pick, shuffled
from generators.kit.tokens import (
    ALPHABETS,
    TileRow,
    draw_tile,
    embeddings,
    is_token,
    row_text,
    symbol_words,
)

TARGET_Y, ROW_Y, TRAY_Y = 200.0, 470.0, 790.0
LANE_Y = (ROW_Y + TRAY_Y) / 2  # tiles travel from the tray along this height
TRAY_ID = 14  # tints of tray tiles start here, clear of the row's


def glide(t: float) -> float:
    """A travelling tile's easing: speeds up over a quarter of its time, cruises, slows down
    over the last quarter (top speed 4/3 of the mean, hence peak=4 / 3 in glide_frames)."""
    return easing.cruise(t, ramp=0.25)


@register(
    "O-77_symbol_insertion",
    title="Symbol insertion",
    description="Insert tiles from a tray into a row of letters, digits or shapes so that it reads as a target row.",
    category="puzzles-logic",
    params=[
        Param("length", "int", 7, 3, 11, help="tiles in the target row"),
        Param("insertions", "int", 2, 1, 5, help="tiles to insert (fewer than length)"),
        Param("decoys", "int", 1, 0, 3, help="tray tiles that are not needed"),
        Param("shared", "int", 1, 0, 3,
              help="at least this many inserted tiles show a symbol the row already has"),
    ],
    shard_size=60,
    memory="low",
    instances=2_666_666,
    faculty="transformation",
    levels={
        1: {"length": 4, "insertions": 1, "decoys": 0, "shared": 0},
        2: {"length": 5, "insertions": 2, "decoys": 0, "shared": 1},
        3: {"length": 7, "insertions": 2, "decoys": 1, "shared": 1},
        4: {"length": 9, "insertions": 3, "decoys": 2, "shared": 2},
        5: {"length": 11, "insertions": 4, "decoys": 3, "shared": 2},
    },
)  # fmt: skip
class SymbolInsertion(Task):
    def generate(self, rng, params):
        m = params["length"]
        k = min(params["insertions"], m - 1)
        kind = pick(rng, ("letters", "digits", "shapes"))
        symbols = choose(rng, ALPHABETS[kind], m // 2 + 1)  # few symbols: they repeat
        while True:
            target = [pick(rng, symbols) for _ in range(m)]
            missing = set(choose(rng, range(m), k))
            row = [t for i, t in enumerate(target) if i not in missing]
            shared = sum(1 for i in missing if target[i] in row)
            if shared >= min(params["shared"], k) and embeddings(target, row) == 1:
                break
        needed = [target[i] for i in sorted(missing)]
        others = [t for t in ALPHABETS[kind] if t not in needed]
        tray = shuffled(rng, needed + choose(rng, others, params["decoys"]))
        return {"kind": kind, "row": row, "target": target, "tray": tray}

    def solve(self, puzzle, params):
        row, target = list(puzzle["row"]), puzzle["target"]
        free = list(range(len(puzzle["tray"])))
        inserts = []
        for p, want in enumerate(target):  # the one embedding: greedy from the left finds it
            if p < len(row) and row[p] == want:
                continue
            slot = next(s for s in free if puzzle["tray"][s] == want)
            free.remove(slot)
            row.insert(p, want)
            inserts.append({"pos": p, "symbol": want, "tray": slot})
        return {"inserts": inserts, "final": row}

    def check(self, puzzle, answer, params):
        row, target, tray = puzzle["row"], puzzle["target"], puzzle["tray"]
        require(all(map(is_token, row + target + tray)), "a tile holds no known symbol")
        now, used = list(row), set()
        for k, e in enumerate(answer["inserts"]):
            p, slot = e.get("pos"), e.get("tray")
            require(isinstance(p, int) and 0 <= p <= len(now), f"insert {k + 1} is outside the row")
            require(isinstance(slot, int) and 0 <= slot < len(tray) and slot not in used,
                    f"insert {k + 1} does not take a tile left in the tray")  # fmt: skip
            require(tray[slot] == e.get("symbol"), f"insert {k + 1} is not the tray tile it names")
            used.add(slot)
            now.insert(p, tray[slot])
        require(now == target, f"the row reads {row_text(now)}, not the target")
        require(len(used) == len(target) - len(row), "more tiles inserted than the row lacks")
        require(embeddings(target, row) == 1, "the missing tiles could go in more than one way")
        require(answer["final"] == now, "the final row is not what the insertions make")

    def prompt(self, puzzle, params):
        n, m, t = len(puzzle["row"]), len(puzzle["target"]), len(puzzle["tray"])
        return (
            f"The image shows a row of {m} tiles with {symbol_words(puzzle['kind'])} under "
            f'"Target", a row of {n} tiles under "Row" and {t} loose tiles above "Tray". Insert '
            "tiles from the tray into the row, removing, replacing or reordering none of the row's "
            "tiles, so that the row reads exactly as the target; tray tiles that are not needed "
            "stay in the tray. Insert one tile at a time from left to right: the row's tiles "
            "glide apart to open a gap, then the tile glides from the tray into it, the row "
            "staying centred. The target row stays unchanged. The video ends when the row reads "
            "the same as the target."
        )

    def rubric(self, puzzle, answer, params):
        ins = answer["inserts"]
        names = "; ".join(f"{row_text([e['symbol']])} into place {e['pos'] + 1}" for e in ins)
        taken = Counter(e["symbol"] for e in ins)
        spare = list((Counter(puzzle["tray"]) - taken).elements())
        k = len(ins)
        return "\n".join([
            f"1. Exactly {k} tile{'s' if k > 1 else ''} from the tray {'are' if k > 1 else 'is'} "
            f"inserted, one at a time from left to right: {names} (places of the final row). "
            "No other places give the target.",
            "2. For each, the row's tiles glide apart (never jump) to open the gap and the tile "
            "glides from the tray into it; the row's own tiles keep their order and symbols.",
            "3. " + (f"The tray keeps {row_text(spare)}, which {'are' if len(spare) > 1 else 'is'}"
                     " not needed." if spare else "The tray ends empty."),
            f"4. In the final frame the row reads {row_text(answer['final'])}, the same as the "
            "target row, which does not change.",
        ])  # fmt: skip

    def render(self, puzzle, answer, params, film):
        row = list(puzzle["row"])
        ids = list(range(1, len(row) + 1))
        tray = list(puzzle["tray"])
        lay = TileRow(max(len(puzzle["target"]), len(tray)))
        tray_xs = lay.xs(len(tray))
        base = film.canvas()
        base.text(500, TARGET_Y - lay.size / 2 - 50, "Target", size=42, fill=MUTED)
        base.text(500, ROW_Y - lay.size / 2 - 50, "Row", size=42, fill=MUTED)
        base.text(500, TRAY_Y + lay.size / 2 + 50, "Tray", size=42, fill=MUTED)  # clear of the lane
        lay.draw(base, puzzle["target"], TARGET_Y, tints=[0] * len(puzzle["target"]))
        waiting = list(range(len(tray)))  # tray slots still holding their tile

        def scene(xs, held: list[int]):
            frame = base.copy()
            lay.draw(frame, row, ROW_Y, xs=xs, tints=ids)
            lay.draw(frame, [tray[s] for s in held], TRAY_Y, xs=[tray_xs[s] for s in held],
                     tints=[TRAY_ID + s for s in held])  # fmt: skip
            return frame

        film.opening(scene(lay.xs(len(row)), waiting))
        for k, e in enumerate(answer["inserts"]):
            p, slot = e["pos"], e["tray"]
            old, new = lay.xs(len(row)), lay.xs(len(row) + 1)
            gap = new[:p] + new[p + 1 :]
            waiting.remove(slot)
            room = max(abs(a - b) for a, b in zip(old, gap, strict=True)) if row else 0
            for t in easing.steps(easing.glide_frames(film, room), easing.ease_in_out):
                frame = scene([easing.lerp(a, b, t) for a, b in zip(old, gap, strict=True)],
                              waiting)  # fmt: skip
                draw_tile(frame, tray[slot], tray_xs[slot], TRAY_Y, lay.size, tint=TRAY_ID + slot)
                film.add(frame)
            path = round_corners([(tray_xs[slot], TRAY_Y), (tray_xs[slot], LANE_Y),
                                  (new[p], LANE_Y), (new[p], ROW_Y)], lay.step * 0.6)  # fmt: skip
            length = sum(math.dist(a, b) for a, b in itertools.pairwise(path))
            rest = scene(gap, waiting)
            for t in easing.steps(easing.glide_frames(film, length, peak=4 / 3), glide):
                frame = rest.copy()
                x, y = easing.along_polyline(path, t)
                draw_tile(frame, tray[slot], x, y, lay.size, tint=TRAY_ID + slot)
                film.add(frame)
            row.insert(p, tray[slot])
            ids.insert(p, TRAY_ID + slot)
            if k + 1 < len(answer["inserts"]):
                film.hold(scene(new, waiting), 0.15)
        film.closing(scene(lay.xs(len(row)), waiting))
