"""Symbol edit: turn a row of coloured shape tiles into a target row with the fewest
insertions, deletions and replacements, carried out tile by tile on the canvas.

The tiles come from a few shapes in a few colours, so tiles differ from their neighbours by
shape, by colour or by both, and reading the rows takes care. The target is the row after
a few random edits (its distance may be smaller). The solver's script comes from the
Levenshtein table; the checker replays it and compares its length with a distance of its
own, by memoised recursion on suffixes.
"""

from __future__ import annotations

from functools import cache

from generators.kit import (
    ERROR,
    HIGHLIGHT,
    MUTED,
    SHAPES,
    SUCCESS,
    Param,
    Task,
    easing,
    edits,
    register,
    require,
)
from generators.kit.palette import darken, lighten
from generators.kit.rng import choose, pick
from generators.kit.tokens import TOKEN_COLORS, TileRow, draw_tile, is_token, row_text, token_kind

ROW_Y, TARGET_Y, COUNTER_Y = 330.0, 640.0, 870.0
LOOK = {  # outline and fill of a tile while an edit acts on it
    "substitute": (darken(HIGHLIGHT, 0.15), lighten(HIGHLIGHT, 0.7)),
    "insert": (SUCCESS, lighten(SUCCESS, 0.75)),
    "delete": (ERROR, lighten(ERROR, 0.7)),
}
NEW_ID = 14  # tints of inserted tiles start here, clear of the row's


def edit_script(a: list[str], b: list[str]) -> list[dict]:
    return edits.edit_script(a, b, "symbol")


def apply(row: list[str], edit: dict) -> list[str]:
    return edits.apply_edit(row, edit, "symbol")


def distance(a: list[str], b: list[str]) -> int:
    """Fewest edits from a to b, by recursion on suffixes (independent of the table)."""

    @cache
    def d(i: int, j: int) -> int:
        if i == len(a) or j == len(b):
            return len(a) - i + len(b) - j
        if a[i] == b[j]:
            return d(i + 1, j + 1)
        return 1 + min(d(i + 1, j), d(i, j + 1), d(i + 1, j + 1))

    return d(0, 0)


@register(
    "O-78_symbol_edit",
    title="Symbol edit",
    description="Turn a row of coloured shape tiles into a target row with the fewest insertions, deletions and replacements.",
    category="puzzles-logic",
    params=[
        Param("length", "int", 6, 3, 9, help="tiles in the starting row"),
        Param("edits", "int", 3, 1, 6, help="random edits that make the target (the fewest may be less)"),
    ],
    shard_size=60,
    memory="low",
    instances=2_666_666,
    faculty="abstraction",
    levels={
        1: {"length": 4, "edits": 1},
        2: {"length": 5, "edits": 2},
        3: {"length": 6, "edits": 3},
        4: {"length": 7, "edits": 4},
        5: {"length": 9, "edits": 6},
    },
)  # fmt: skip
class SymbolEdit(Task):
    def generate(self, rng, params):
        # two or three shapes in two or three colours: near-identical tiles sit side by side
        shapes = choose(rng, SHAPES, int(rng.integers(2, 4)))
        colours = choose(rng, TOKEN_COLORS, int(rng.integers(2, 4)))
        alphabet = [f"{c} {s}" for s in shapes for c in colours]
        while True:
            row = [pick(rng, alphabet) for _ in range(params["length"])]
            target = list(row)
            for _ in range(params["edits"]):
                op = pick(rng, ("substitute", "insert", "delete"))
                if op == "delete" and len(target) <= 2:
                    op = "insert"
                pos = int(rng.integers(len(target) + (op == "insert")))
                symbol = pick(rng, [t for t in alphabet if op == "insert" or t != target[pos]])
                target = apply(target, {"op": op, "pos": pos, "symbol": symbol})
            if target != row and len(target) <= 10:
                return {"row": row, "target": target}

    def solve(self, puzzle, params):
        script = edit_script(puzzle["row"], puzzle["target"])
        row = puzzle["row"]
        for e in script:
            row = apply(row, e)
        return {"script": script, "distance": len(script), "final": row}

    def check(self, puzzle, answer, params):
        row, target = puzzle["row"], puzzle["target"]
        require(all(is_token(t) and token_kind(t) == "shapes" for t in row + target),
                "a tile is not a coloured shape")  # fmt: skip
        now = list(row)
        for k, e in enumerate(answer["script"]):
            op, p = e.get("op"), e.get("pos")
            require(op in LOOK, f"edit {k + 1} is not an insertion, deletion or replacement")
            require(isinstance(p, int) and 0 <= p < len(now) + (op == "insert"),
                    f"edit {k + 1} is outside the row")  # fmt: skip
            if op != "delete":
                symbol = e.get("symbol")
                require(is_token(symbol) and token_kind(symbol) == "shapes",
                        f"edit {k + 1} does not write a coloured shape")  # fmt: skip
                require(op == "insert" or now[p] != symbol,
                        f"edit {k + 1} replaces a tile with itself")  # fmt: skip
            now = apply(now, e)
        require(now == target, f"the edits leave {row_text(now)}, not the target")
        require(answer["final"] == now, "the final row is not what the edits make")
        best = distance(row, target)
        require(len(answer["script"]) == best,
                f"the script has {len(answer['script'])} edits; the fewest possible is {best}")  # fmt: skip
        require(answer["distance"] == best, f"the counter must end at {best}")

    def prompt(self, puzzle, params):
        n, m = len(puzzle["row"]), len(puzzle["target"])
        return (
            f'The image shows a row of {n} tiles with coloured shapes under "Row", a row of {m} '
            'tiles under "Target" and an edit counter. Turn the row into the target with as few '
            "edits as possible, one edit at a time. An edit replaces one tile's shape by another "
            "(the tile turns yellow, its shape shrinks away and the new one grows in its place), "
            "deletes one tile (it turns red and shrinks away, then the rest of the row glides "
            "together) or inserts one tile (the row glides apart and the new tile grows in the "
            "gap on green). Each edit adds one to the counter; the row stays centred. The target "
            "row stays unchanged. The video ends when the row reads the same as the target."
        )

    def rubric(self, puzzle, answer, params):
        d = answer["distance"]
        words = []
        for e in answer["script"]:
            at = f"place {e['pos'] + 1}"
            words.append({"delete": f"delete the tile at {at}",
                          "insert": f"insert a {e.get('symbol')} at {at}",
                          "substitute": f"replace the tile at {at} by a {e.get('symbol')}"}[e["op"]])  # fmt: skip
        return "\n".join([
            f"1. The row changes from {row_text(puzzle['row'])} to {row_text(puzzle['target'])} "
            f"in exactly {d} edit{'s' if d > 1 else ''}, one at a time; {d} is the fewest possible. "
            f"Any shortest sequence is correct, for example: {'; '.join(words)}.",
            "2. Each edit replaces, deletes or inserts a single tile, shown on the canvas: "
            "replaced tiles morph in place on yellow, deleted tiles turn red and shrink away, "
            "inserted tiles grow in a gap on green; the other tiles glide (never jump).",
            f"3. The counter goes up by one per edit and ends at {d}.",
            f"4. In the final frame the row reads {row_text(answer['final'])}, the same as the "
            "target row, which does not change.",
        ])  # fmt: skip

    def render(self, puzzle, answer, params, film):
        rows = [puzzle["row"]]
        for e in answer["script"]:
            rows.append(apply(rows[-1], e))
        lay = TileRow(max(map(len, [*rows, puzzle["target"]])))
        base = film.canvas()
        base.text(500, ROW_Y - lay.size / 2 - 50, "Row", size=42, fill=MUTED)
        base.text(500, TARGET_Y - lay.size / 2 - 50, "Target", size=42, fill=MUTED)
        lay.draw(base, puzzle["target"], TARGET_Y, tints=[0] * len(puzzle["target"]))
        row, ids = list(puzzle["row"]), list(range(1, len(puzzle["row"]) + 1))

        def scene(count: int, skip: int | None = None, xs=None):
            frame = base.copy()
            frame.text(500, COUNTER_Y, f"Edits: {count}", size=56, bold=True)
            keep = [i for i in range(len(row)) if i != skip]
            places = xs if xs is not None else lay.xs(len(row))
            lay.draw(frame, [row[i] for i in keep], ROW_Y, xs=[places[i] for i in keep],
                     tints=[ids[i] for i in keep])  # fmt: skip
            return frame

        def glide(count: int, old: list[float], new: list[float]) -> None:
            far = max((abs(a - b) for a, b in zip(old, new, strict=True)), default=0.0)
            for t in easing.steps(easing.glide_frames(film, far), easing.ease_in_out):
                film.add(
                    scene(count, xs=[easing.lerp(a, b, t) for a, b in zip(old, new, strict=True)])
                )

        film.opening(scene(0))
        for k, e in enumerate(answer["script"]):
            p, op = e["pos"], e["op"]
            line, fill = LOOK[op]
            if op == "insert":  # open the gap, then grow the new tile in it
                old, new = lay.xs(len(row)), lay.xs(len(row) + 1)
                glide(k, old, new[:p] + new[p + 1 :])
                row.insert(p, e["symbol"])
                ids.insert(p, NEW_ID + k)
                xs = new
            else:
                xs = lay.xs(len(row))
            rest = scene(k, skip=p, xs=xs)
            for t in easing.steps(film.seconds(0.6), easing.ease_in_out):
                frame = rest.copy()
                style = {"outline": line, "fill": fill, "tint": ids[p]}
                if op == "substitute":
                    symbol, grow = (row[p], 1 - 2 * t) if t < 0.5 else (e["symbol"], 2 * t - 1)
                    draw_tile(frame, symbol, xs[p], ROW_Y, lay.size, content=grow, **style)
                else:
                    draw_tile(frame, row[p], xs[p], ROW_Y, lay.size,
                              scale=t if op == "insert" else 1 - t, **style)  # fmt: skip
                film.add(frame)
            if op == "substitute":
                row[p] = e["symbol"]
            elif op == "delete":
                old = xs[:p] + xs[p + 1 :]
                del row[p], ids[p]
                glide(k + 1, old, lay.xs(len(row)))
            if k + 1 < len(answer["script"]):
                film.hold(scene(k + 1), 0.2)
        film.closing(scene(len(answer["script"])))
