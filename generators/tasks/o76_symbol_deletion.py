"""Symbol deletion: delete the tiles of a row that a shorter target row lacks.

Symbols repeat, and some deleted tiles show symbols the target keeps elsewhere, so which
tiles go is decided by aligning the target with the row, not by which symbols it lacks;
puzzles are kept only when exactly one set of tiles can go (the target embeds in the row in
exactly one way), which the checker recounts. The video
deletes the tiles one at a time, left to right: each turns red and shrinks away, and the
rest of the row glides together, staying centred.
"""

from __future__ import annotations

from generators.kit import ERROR, MUTED, Param, Task, easing, register, require
from generators.kit.palette import lighten
from generators.kit.rng import choose, pick
from generators.kit.tokens import (
    ALPHABETS,
    TileRow,
    draw_tile,
    embeddings,
    is_token,
    row_text,
    symbol_words,
)

ROW_Y, TARGET_Y = 340.0, 660.0
GONE_FILL = lighten(ERROR, 0.7)


@register(
    "O-76_symbol_deletion",
    title="Symbol deletion",
    description="Delete the tiles of a row of letters, digits or shapes that a target row lacks; the rest glide together.",
    category="puzzles-logic",
    params=[
        Param("length", "int", 7, 3, 12, help="tiles in the row"),
        Param("deletions", "int", 3, 1, 6, help="tiles to delete (fewer than length)"),
        Param("shared", "int", 1, 0, 4,
              help="at least this many deleted tiles show a symbol the target keeps elsewhere"),
    ],
    shard_size=60,
    memory="low",
    instances=2_666_666,
    faculty="transformation",
    levels={
        1: {"length": 4, "deletions": 1, "shared": 0},
        2: {"length": 6, "deletions": 2, "shared": 1},
        3: {"length": 7, "deletions": 3, "shared": 1},
        4: {"length": 9, "deletions": 4, "shared": 2},
        5: {"length": 12, "deletions": 6, "shared": 3},
    },
)  # fmt: skip
class SymbolDeletion(Task):
    def generate(self, rng, params):
        n = params["length"]
        k = min(params["deletions"], n - 1)
        kind = pick(rng, ("letters", "digits", "shapes"))
        symbols = choose(rng, ALPHABETS[kind], n // 2 + 1)  # few symbols: they repeat
        while True:
            row = [pick(rng, symbols) for _ in range(n)]
            gone = set(choose(rng, range(n), k))
            target = [t for i, t in enumerate(row) if i not in gone]
            shared = sum(1 for i in gone if row[i] in target)
            if shared >= min(params["shared"], k) and embeddings(row, target) == 1:
                return {"kind": kind, "row": row, "target": target}

    def solve(self, puzzle, params):
        row, target = puzzle["row"], puzzle["target"]
        kept, j = [], 0
        for i, t in enumerate(row):  # the one embedding: greedy from the left finds it
            if j < len(target) and t == target[j]:
                kept.append(i)
                j += 1
        deleted = [i for i in range(len(row)) if i not in kept]
        return {"deleted": deleted, "final": list(target)}

    def check(self, puzzle, answer, params):
        row, target = puzzle["row"], puzzle["target"]
        require(all(map(is_token, row + target)), "a tile holds no known symbol")
        gone = answer["deleted"]
        require(all(isinstance(i, int) and 0 <= i < len(row) for i in gone),
                "a deleted place is outside the row")  # fmt: skip
        require(len(set(gone)) == len(gone), "a tile is deleted twice")
        left = [t for i, t in enumerate(row) if i not in gone]
        require(left == target, f"the row keeps {row_text(left)}, not the target")
        require(len(gone) == len(row) - len(target), "more tiles deleted than the target lacks")
        require(embeddings(row, target) == 1, "more than one set of tiles can be deleted")
        require(answer["final"] == left, "the final row is not what the deletions leave")

    def prompt(self, puzzle, params):
        n, m = len(puzzle["row"]), len(puzzle["target"])
        return (
            f'The image shows a row of {n} tiles with {symbol_words(puzzle["kind"])} under "Row" '
            f'and a row of {m} tiles under "Target". Delete tiles from the row, adding, replacing '
            "or reordering none, so that it reads exactly as the target. Delete "
            "one tile at a time from left to right: the tile turns red and shrinks away, then "
            "the remaining tiles glide together to close the gap, the row staying centred. The "
            "target row stays unchanged. The video ends when the row reads the same as the target."
        )

    def rubric(self, puzzle, answer, params):
        row, gone = puzzle["row"], answer["deleted"]
        names = ", ".join(f"{row_text([row[i]])} at place {i + 1}" for i in gone)
        k = len(gone)
        return "\n".join([
            f"1. Exactly {k} tile{'s' if k > 1 else ''} {'are' if k > 1 else 'is'} deleted, one "
            f"at a time from left to right: {names}. No other choice of tiles leaves the target.",
            "2. Each deleted tile turns red and shrinks away in its place; then the remaining "
            "tiles glide together (never jump), keeping their order, and the row stays centred.",
            "3. No tile is added, replaced or moved out of order.",
            f"4. In the final frame the row reads {row_text(answer['final'])}, the same as the "
            "target row, which does not change.",
        ])  # fmt: skip

    def render(self, puzzle, answer, params, film):
        row = list(puzzle["row"])
        ids = list(range(1, len(row) + 1))  # each tile keeps its own tint as it glides
        lay = TileRow(len(row))
        base = film.canvas()
        base.text(500, ROW_Y - lay.size / 2 - 50, "Row", size=42, fill=MUTED)
        base.text(500, TARGET_Y - lay.size / 2 - 50, "Target", size=42, fill=MUTED)
        lay.draw(base, puzzle["target"], TARGET_Y, tints=[0] * len(puzzle["target"]))
        film.opening(still(base, lay, row, ids))
        for k, original in enumerate(sorted(answer["deleted"])):
            p = ids.index(original + 1)
            xs = lay.xs(len(row))
            rest = base.copy()
            lay.draw(rest, row[:p] + row[p + 1 :], ROW_Y, xs=xs[:p] + xs[p + 1 :],
                     tints=ids[:p] + ids[p + 1 :])  # fmt: skip
            for t in easing.steps(film.seconds(0.5), easing.ease_in):
                frame = rest.copy()
                draw_tile(frame, row[p], xs[p], ROW_Y, lay.size, tint=ids[p], scale=1 - t,
                          outline=ERROR, fill=GONE_FILL)  # fmt: skip
                film.add(frame)
            del row[p], ids[p]
            new = lay.xs(len(row))
            old = xs[:p] + xs[p + 1 :]
            far = max(abs(a - b) for a, b in zip(old, new))
            for t in easing.steps(easing.glide_frames(film, far), easing.ease_in_out):
                frame = base.copy()
                lay.draw(frame, row, ROW_Y, xs=[easing.lerp(a, b, t) for a, b in zip(old, new)],
                         tints=ids)  # fmt: skip
                film.add(frame)
            if k + 1 < len(answer["deleted"]):
                film.hold(still(base, lay, row, ids), 0.15)
        film.closing(still(base, lay, row, ids))


def still(base, lay: TileRow, row: list[str], ids: list[int]):
    frame = base.copy()
    lay.draw(frame, row, ROW_Y, tints=ids)
    return frame
