"""Symbol substitution: replace the tiles of a row that a legend of rules "X -> Y" names.

The legend holds rules whose left symbols occur in the row and, at higher levels, decoy
rules whose left symbols do not. No right symbol is the left symbol of a rule, so applying
the rules tile by tile and all at once agree. The checker recomputes which tiles change
and into what from the legend alone. The video replaces the tiles from left to right, each
symbol shrinking away and the new one growing in its place.
"""

from __future__ import annotations

from generators.kit import HIGHLIGHT, INK, MUTED, Param, Task, easing, register, require
from generators.kit.palette import darken, lighten
from generators.kit.rng import choose, pick, shuffled
from generators.kit.tokens import (
    ALPHABETS,
    TileRow,
    draw_tile,
    is_token,
    row_text,
    symbol_words,
    token_kind,
)

ROW_Y = 280.0
PANEL_X, PANEL_TOP = (60.0, 940.0), 470.0  # the rules panel: its sides and top
RULE_TILE, RULE_W, RULE_ROW = 90.0, 290.0, 150.0  # legend tile, width of a rule, row pitch
ACTIVE_LINE, ACTIVE_FILL = darken(HIGHLIGHT, 0.15), lighten(HIGHLIGHT, 0.7)


@register(
    "O-75_symbol_substitution",
    title="Symbol substitution",
    description="Replace the tiles of a row that a legend of 'X -> Y' rules names, one at a time, left to right.",
    category="puzzles-logic",
    params=[
        Param("length", "int", 6, 3, 10, help="tiles in the row"),
        Param("rules", "int", 2, 1, 4, help="rules whose left symbol occurs in the row"),
        Param("decoys", "int", 1, 0, 2, help="rules whose left symbol does not occur in the row"),
    ],
    shard_size=60,
    memory="low",
    instances=2_666_666,
    faculty="transformation",
    levels={
        1: {"length": 4, "rules": 1, "decoys": 0},
        2: {"length": 5, "rules": 2, "decoys": 0},
        3: {"length": 6, "rules": 2, "decoys": 1},
        4: {"length": 8, "rules": 3, "decoys": 1},
        5: {"length": 10, "rules": 4, "decoys": 2},
    },
)  # fmt: skip
class SymbolSubstitution(Task):
    def generate(self, rng, params):
        n, k = params["length"], min(params["rules"], params["length"])
        kind = pick(rng, ("letters", "digits", "shapes"))
        alphabet = ALPHABETS[kind]
        lefts = choose(rng, alphabet, k + params["decoys"])
        others = [t for t in alphabet if t not in lefts]
        keep = choose(rng, others, max(1, n // 3))  # symbols of the row that no rule names
        pool = lefts[:k] + keep
        sure = lefts[:k] + keep[: 1 if n > k else 0]  # every rule used, one tile kept
        row = shuffled(rng, sure + [pick(rng, pool) for _ in range(n - len(sure))])
        # different right symbols while the alphabet has enough of them
        rights = choose(rng, others, len(lefts)) if len(others) >= len(lefts) else None
        rules = [[left, rights[i] if rights else pick(rng, others)] for i, left in enumerate(lefts)]
        return {"kind": kind, "row": row, "rules": shuffled(rng, rules)}

    def solve(self, puzzle, params):
        table = dict(map(tuple, puzzle["rules"]))
        steps = [{"pos": i, "from": t, "to": table[t]}
                 for i, t in enumerate(puzzle["row"]) if t in table]  # fmt: skip
        return {"steps": steps, "final": [table.get(t, t) for t in puzzle["row"]]}

    def check(self, puzzle, answer, params):
        row, rules = puzzle["row"], puzzle["rules"]
        kind = puzzle["kind"]
        require(all(is_token(t) and token_kind(t) == kind for t in row), "the row mixes alphabets")
        lefts = [a for a, _ in rules]
        require(len(set(lefts)) == len(lefts), "two rules have the same left symbol")
        require(all(is_token(b) and token_kind(b) == kind and b not in lefts for _, b in rules),
                "a rule's right symbol is another rule's left symbol")  # fmt: skip
        table = dict(map(tuple, rules))
        now, done = list(row), []
        for k, step in enumerate(answer["steps"]):
            p = step.get("pos")
            require(isinstance(p, int) and 0 <= p < len(now), f"step {k + 1} is outside the row")
            require(not done or p > done[-1], f"step {k + 1} is not right of the previous one")
            require(step.get("from") == now[p] == row[p],
                    f"step {k + 1} does not start from the tile's own symbol")  # fmt: skip
            require(row[p] in table, f"step {k + 1} replaces a tile that no rule names")
            require(step.get("to") == table[row[p]], f"step {k + 1} writes the wrong symbol")
            now[p] = step["to"]
            done.append(p)
        named = [i for i, t in enumerate(row) if t in table]
        require(done == named, f"the tiles at places {[i + 1 for i in named]} must all change")
        require(answer["final"] == now, "the final row is not what the steps make")

    def prompt(self, puzzle, params):
        n, r = len(puzzle["row"]), len(puzzle["rules"])
        return (
            f'The image shows a row of {n} tiles with {symbol_words(puzzle["kind"])} under "Row" '
            f'and a "Rules" panel with {r} rule{"s" if r > 1 else ""}, each a tile, an arrow and '
            "another tile. Replace every tile of the row whose symbol is on the left of a rule "
            "by the symbol on that rule's right; tiles that no rule names stay as they are. Go "
            "from left to right, one tile at a time: the tile turns yellow while its "
            "symbol shrinks away and the new symbol grows in its place. The rules panel stays "
            "unchanged. The video ends when every tile that a rule names has been replaced."
        )

    def rubric(self, puzzle, answer, params):
        row, steps = puzzle["row"], answer["steps"]
        changes = "; ".join(f"place {s['pos'] + 1}: {s['from']} becomes {s['to']}" for s in steps)
        used = {s["from"] for s in steps}
        idle = [a for a, _ in puzzle["rules"] if a not in used]
        lines = [
            "1. The rules panel and its rules do not change.",
            f"2. Exactly {len(steps)} tile{'s' if len(steps) > 1 else ''} change, one at a time "
            f"from left to right, each in its own place: {changes}.",
            f"3. The other {len(row) - len(steps)} tiles keep their symbols; no tile moves.",
            f"4. In the final frame the row reads {row_text(answer['final'])}.",
        ]
        if idle:
            names = " and ".join(row_text([a]) for a in idle)
            lines.append(f"5. The rule{'s' if len(idle) > 1 else ''} for {names} change"
                         f"{'' if len(idle) > 1 else 's'} nothing: no tile of the row shows "
                         f"{'those symbols' if len(idle) > 1 else 'that symbol'}.")  # fmt: skip
        return "\n".join(lines)

    def render(self, puzzle, answer, params, film):
        row = list(puzzle["row"])
        lay = TileRow(len(row))
        base = film.canvas()
        base.text(500, ROW_Y - lay.size / 2 - 50, "Row", size=42, fill=MUTED)
        draw_rules(base, puzzle["rules"])
        still = base.copy()
        lay.draw(still, row, ROW_Y)
        film.opening(still)
        xs = lay.xs(len(row))
        for k, step in enumerate(answer["steps"]):
            p = step["pos"]
            rest = base.copy()
            lay.draw(rest, [t for i, t in enumerate(row) if i != p], ROW_Y,
                     xs=[x for i, x in enumerate(xs) if i != p],
                     tints=[i for i in range(len(row)) if i != p])  # fmt: skip
            for t in easing.steps(film.seconds(0.7), easing.ease_in_out):
                frame = rest.copy()
                symbol, grow = (step["from"], 1 - 2 * t) if t < 0.5 else (step["to"], 2 * t - 1)
                draw_tile(frame, symbol, xs[p], ROW_Y, lay.size, tint=p, content=grow,
                          outline=ACTIVE_LINE, fill=ACTIVE_FILL)  # fmt: skip
                film.add(frame)
            row[p] = step["to"]
            still = base.copy()
            lay.draw(still, row, ROW_Y)
            if k + 1 < len(answer["steps"]):
                film.hold(still, 0.2)
        film.closing(still)


def draw_rules(canvas, rules: list[list[str]]) -> None:
    """The legend: rules in rows of three, each "tile -> tile", centred in the panel."""
    rows = [rules[i : i + 3] for i in range(0, len(rules), 3)]
    top = PANEL_TOP
    canvas.rect(PANEL_X[0], top, PANEL_X[1], top + 120 + RULE_ROW * len(rows), outline=MUTED,
                width=4, radius=24)  # fmt: skip
    canvas.text(500, top + 55, "Rules", size=42, fill=MUTED)
    y0 = top + 120 + RULE_ROW / 2 - 10
    for r, line in enumerate(rows):
        x0 = 500 - RULE_W * (len(line) - 1) / 2
        for c, (a, b) in enumerate(line):
            x, y = x0 + c * RULE_W, y0 + r * RULE_ROW
            draw_tile(canvas, a, x - 80, y, RULE_TILE)
            canvas.arrow((x - 26, y), (x + 28, y), fill=INK, width=7, head=24)
            draw_tile(canvas, b, x + 80, y, RULE_TILE)
