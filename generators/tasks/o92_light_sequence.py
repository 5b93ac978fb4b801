"""Light sequence: rows of lamps where each row follows from the row above by one fixed rule
(a lamp's next state depends only on it and its two neighbours, the row wrapping around);
work the rule out from the rows shown and light the empty rows below.

Any map from the eight neighbourhoods to on/off is a candidate rule, so the rows shown fix
the rule only on the neighbourhoods they contain: puzzles are kept only when every
neighbourhood the empty rows need was seen, so the continuation is unique. The checker
rebuilds the partial rule from the rows shown and replays it.
"""

from __future__ import annotations

import itertools

from generators.kit import INK, MUTED, NAMED, Param, Task, easing, register, require
from generators.kit.palette import lighten

LIT = ("yellow", "red", "green", "blue", "purple", "orange")
OFF, UNKNOWN = (200, 203, 207), (252, 251, 248)


def hoods(row: list[int]) -> list[tuple[int, int, int]]:
    n = len(row)
    return [(row[i - 1], row[i], row[(i + 1) % n]) for i in range(n)]


def seen_rule(rows: list[list[int]]) -> dict | None:
    """The neighbourhood -> state table the rows show; None if they contradict each other."""
    table: dict = {}
    for above, below in itertools.pairwise(rows):
        for hood, state in zip(hoods(above), below, strict=True):
            if table.setdefault(hood, state) != state:
                return None
    return table


@register(
    "O-92_light_sequence",
    title="Light sequence",
    description="Rows of lamps follow one neighbourhood rule from row to row; infer it from the rows shown and light the empty rows.",
    category="puzzles-logic",
    params=[
        Param("lamps", "int", 9, 6, 10, help="lamps in a row"),
        Param("shown", "int", 4, 3, 5, help="rows shown lit"),
        Param("fill", "int", 2, 1, 3, help="empty rows to light"),
    ],
    shard_size=60,
    memory="low",
    instances=120_000,
    faculty="abstraction",
    levels={
        1: {"lamps": 6, "shown": 5, "fill": 1},
        2: {"lamps": 7, "shown": 4, "fill": 1},
        3: {"lamps": 9, "shown": 4, "fill": 2},
        4: {"lamps": 9, "shown": 4, "fill": 3},
        5: {"lamps": 10, "shown": 3, "fill": 3},
    },
)  # fmt: skip
class LightSequence(Task):
    def generate(self, rng, params):
        n, shown, fill = params["lamps"], params["shown"], params["fill"]
        while True:  # a rule first, then starts for it: shifts, which always pass, stay rare
            rule = int(rng.integers(256))
            for _ in range(20):
                rows = [[int(b) for b in rng.integers(0, 2, n)]]
                for _ in range(shown + fill - 1):
                    rows.append([(rule >> (4 * a + 2 * b + c)) & 1 for a, b, c in hoods(rows[-1])])
                table = seen_rule(rows[:shown])
                known = all(h in table for row in rows[shown - 1 : -1] for h in hoods(row))
                lively = all(0 < sum(r) < n for r in rows) and len({tuple(r) for r in rows}) == len(
                    rows
                )
                if known and lively:
                    return {
                        "rows": rows[:shown],
                        "fill": fill,
                        "color": LIT[int(rng.integers(len(LIT)))],
                    }

    def solve(self, puzzle, params):
        table, rows = seen_rule(puzzle["rows"]), [puzzle["rows"][-1]]
        for _ in range(puzzle["fill"]):
            rows.append([table[h] for h in hoods(rows[-1])])
        return {"rows": rows[1:]}

    def check(self, puzzle, answer, params):
        shown = puzzle["rows"]
        n = len(shown[0])
        require(
            all(len(r) == n and set(r) <= {0, 1} for r in shown),
            "the rows shown are not rows of lamps",
        )
        table = seen_rule(shown)
        require(table is not None, "the rows shown follow no single rule")
        rows = answer["rows"]
        require(
            len(rows) == puzzle["fill"] and all(len(r) == n for r in rows),
            "not every empty row is lit",
        )
        for k, (above, row) in enumerate(zip([shown[-1], *rows], rows)):
            for i, hood in enumerate(hoods(above)):
                require(
                    hood in table,
                    f"row {len(shown) + k + 1} needs a neighbourhood the rows shown never show",
                )
                require(
                    row[i] == table[hood],
                    f"lamp {i + 1} of row {len(shown) + k + 1} breaks the rule",
                )

    def prompt(self, puzzle, params):
        rows, fill = puzzle["rows"], puzzle["fill"]
        n = len(rows[0])
        return (
            f"The image shows {len(rows) + fill} numbered rows of {n} lamps. In the top "
            f"{len(rows)} rows each lamp is lit ({puzzle['color']}) or off (grey); the "
            f"{fill} row{'s' if fill > 1 else ''} below {'are' if fill > 1 else 'is'} empty "
            "(outlined only). Every row follows from the row above by one fixed rule: whether a "
            "lamp is lit depends only on that lamp and its left and right neighbours in the row "
            "above, and the row wraps around (the first and last lamps are neighbours). Work out "
            "the rule from the rows shown and fill the empty rows, one row at a time from the "
            "top, each lamp becoming lit or off. The video ends when every row is filled."
        )

    def rubric(self, puzzle, answer, params):
        first = len(puzzle["rows"]) + 1
        lines = ["1. The rows shown do not change."]
        for k, row in enumerate(answer["rows"]):
            text = "".join("X" if b else "." for b in row)
            lines.append(f"{k + 2}. Row {first + k} reads {text} (X lit, . off, left to right).")
        lines.append(f"{len(lines) + 1}. Rows fill one at a time, from the top; every lamp follows "
                     "the rule from the three lamps above it.")  # fmt: skip
        return "\n".join(lines)

    def render(self, puzzle, answer, params, film):
        rows, fill = puzzle["rows"], puzzle["fill"]
        n, total = len(rows[0]), len(rows) + fill
        pitch = min(110.0, 820.0 / n, 780.0 / total)
        x0, y0 = 520 - pitch * (n - 1) / 2, 500 - pitch * (total - 1) / 2
        lit = NAMED[puzzle["color"]]
        board = film.canvas()
        for r in range(total):
            board.text(
                x0 - pitch * 0.9,
                y0 + r * pitch,
                str(r + 1),
                size=min(40.0, pitch * 0.5),
                fill=MUTED,
            )
            for i in range(n):
                state = rows[r][i] if r < len(rows) else None
                lamp(board, x0 + i * pitch, y0 + r * pitch, pitch, state, lit)
        film.opening(board)
        for k, row in enumerate(answer["rows"]):
            y = y0 + (len(rows) + k) * pitch
            for t in easing.steps(film.seconds(0.6), easing.ease_in_out):
                frame = board.copy()
                for i, state in enumerate(row):
                    colour = easing.lerp_color(UNKNOWN, lit if state else OFF, t)
                    lamp(frame, x0 + i * pitch, y, pitch, state, lit, colour)
                film.add(frame)
            for i, state in enumerate(row):
                lamp(board, x0 + i * pitch, y, pitch, state, lit)
            if k + 1 < len(answer["rows"]):
                film.hold(board, 0.2)
        film.closing(board)


def lamp(canvas, x, y, pitch, state, lit, colour=None) -> None:
    """A lamp: lit (its colour, with a pale halo), off (grey) or empty (None: outline only)."""
    r = pitch * 0.36
    if colour is None:
        colour = UNKNOWN if state is None else lit if state else OFF
    if state and colour == lit:
        canvas.circle(x, y, pitch * 0.47, fill=lighten(lit, 0.6))
    canvas.circle(x, y, r, fill=colour, outline=INK if state is not None else MUTED, width=4)
