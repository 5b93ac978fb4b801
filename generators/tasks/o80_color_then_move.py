"""Colour then move: recolour each filled shape by a rule "colour -> colour", then move it
onto the outline of its own kind drawn in its new colour.

Pieces have different kinds and colours; every piece's colour has a rule, no rule's right
colour is another's left (a rule applies once), and decoy rules name colours no piece has.
Decoy outlines are the traps of skipping a step: the piece's kind in its old colour, another
kind in its new colour. Every outline is a different (kind, colour), so each piece has
exactly one outline; the checker recomputes colour and outline from the rules alone.
"""

from __future__ import annotations

import math

from generators.kit import INK, MUTED, NAMED, SHAPES, Param, Task, easing, register, require
from generators.kit.palette import lighten
from generators.kit.rng import choose, pick, shuffled

COLORS = tuple(NAMED)
R, JITTER = 58.0, 12.0  # shape circumradius, random offset within a slot
COLS, ROWS, AREA = 5, 4, (60.0, 250.0, 940.0, 960.0)  # slots of the play area below the rules
RULE_W, DISC = 300.0, 36.0  # the rules' pitch in a row and their discs' radius


def slot_centre(slot: int) -> tuple[float, float]:
    x0, y0, x1, y1 = AREA
    return (
        x0 + (slot % COLS + 0.5) * (x1 - x0) / COLS,
        y0 + (slot // COLS + 0.5) * (y1 - y0) / ROWS,
    )


@register(
    "O-80_color_then_move",
    title="Colour then move",
    description="Recolour each shape by its colour rule, then move it onto the outline of its kind in its new colour.",
    category="spatial-visual",
    params=[
        Param("pieces", "int", 2, 1, 4, help="filled shapes to recolour and move"),
        Param("decoy_rules", "int", 1, 0, 2, help="rules for colours no shape has"),
        Param("decoy_outlines", "int", 2, 0, 3, help="outlines no shape belongs on"),
    ],
    shard_size=60,
    memory="low",
    instances=2_666_666,
    faculty="transformation",
    levels={
        1: {"pieces": 1, "decoy_rules": 0, "decoy_outlines": 1},
        2: {"pieces": 2, "decoy_rules": 0, "decoy_outlines": 1},
        3: {"pieces": 2, "decoy_rules": 1, "decoy_outlines": 2},
        4: {"pieces": 3, "decoy_rules": 1, "decoy_outlines": 3},
        5: {"pieces": 4, "decoy_rules": 2, "decoy_outlines": 3},
    },
)  # fmt: skip
class ColorThenMove(Task):
    def generate(self, rng, params):
        n = params["pieces"]
        kinds = choose(rng, SHAPES, n)
        lefts = choose(rng, COLORS, n + params["decoy_rules"])
        free = [c for c in COLORS if c not in lefts]
        rights = choose(rng, free, n) + [pick(rng, free) for _ in range(params["decoy_rules"])]
        targets = [[k, r] for k, r in zip(kinds, rights, strict=False)]
        traps = [[k, c] for k, c in zip(kinds, lefts, strict=False)]  # recolouring skipped
        traps += [[k, r] for k in SHAPES for r in rights[:n]]  # the kind ignored
        traps = [t for t in shuffled(rng, traps) if t not in targets]
        outlines = shuffled(rng, targets + traps[: params["decoy_outlines"]])
        slots = choose(rng, range(COLS * ROWS), n + len(outlines))
        spots = [[round(x + rng.uniform(-JITTER, JITTER), 1), round(y + rng.uniform(-JITTER, JITTER), 1)]
                 for x, y in map(slot_centre, slots)]  # fmt: skip
        return {
            "pieces": [{"kind": k, "color": c, "at": p} for k, c, p in zip(kinds, lefts, spots)],
            "rules": shuffled(rng, [[a, b] for a, b in zip(lefts, rights, strict=True)]),
            "outlines": [
                {"kind": k, "color": c, "at": p} for (k, c), p in zip(outlines, spots[n:])
            ],
        }

    def solve(self, puzzle, params):
        table = dict(map(tuple, puzzle["rules"]))
        where = {(o["kind"], o["color"]): j for j, o in enumerate(puzzle["outlines"])}
        moves = []
        for i, p in enumerate(puzzle["pieces"]):
            new = table[p["color"]]
            moves.append({"piece": i, "color": new, "outline": where[(p["kind"], new)]})
        return {"moves": moves}

    def check(self, puzzle, answer, params):
        pieces, outlines = puzzle["pieces"], puzzle["outlines"]
        lefts = [a for a, _ in puzzle["rules"]]
        require(len(set(lefts)) == len(lefts), "two rules recolour the same colour")
        require(
            all(b not in lefts for _, b in puzzle["rules"]),
            "a rule's right colour is another's left",
        )
        require(
            len({(p["kind"], p["color"]) for p in pieces}) == len(pieces), "two pieces look alike"
        )
        kinds = [(o["kind"], o["color"]) for o in outlines]
        require(len(set(kinds)) == len(kinds), "two outlines look alike")
        table = dict(map(tuple, puzzle["rules"]))
        moved = [m.get("piece") for m in answer["moves"]]
        require(sorted(moved) == list(range(len(pieces))), "not every shape moves exactly once")
        used = set()
        for m in answer["moves"]:
            p = pieces[m["piece"]]
            require(p["color"] in table, "a shape's colour has no rule")
            require(
                m.get("color") == table[p["color"]],
                f"the {p['color']} {p['kind']} takes the wrong colour",
            )
            j = m.get("outline")
            require(isinstance(j, int) and 0 <= j < len(outlines), "no such outline")
            require(
                kinds[j] == (p["kind"], m["color"]),
                f"the {p['color']} {p['kind']} goes onto the wrong outline",
            )
            require(j not in used, "two shapes go onto one outline")
            used.add(j)

    def prompt(self, puzzle, params):
        n, m, r = len(puzzle["pieces"]), len(puzzle["outlines"]), len(puzzle["rules"])
        return (
            f"The image shows a row of {r} colour rule{'s' if r > 1 else ''} at the top, each a "
            f"coloured disc, an arrow and another coloured disc; below, {n} filled shape"
            f"{'s' if n > 1 else ''} with black borders and {m} hollow outlines with coloured "
            "borders. First recolour each filled shape by the rule whose left disc has its "
            "colour (it takes the colour of that rule's right disc), then move it onto the "
            "outline of the same kind of shape drawn in its new colour. One shape at a time: it "
            "changes colour where it stands, then glides in a straight line onto its outline "
            "and covers it. The rules and the outlines stay unchanged. The video ends when every "
            "filled shape covers its outline."
        )

    def rubric(self, puzzle, answer, params):
        pieces, outlines = puzzle["pieces"], puzzle["outlines"]
        said = [f"the {p['color']} {p['kind']} turns {m['color']} and moves onto the {m['color']} "
                f"{p['kind']} outline" for m in answer["moves"] for p in [pieces[m["piece"]]]]  # fmt: skip
        spare = len(outlines) - len(pieces)
        return "\n".join([
            "1. The rules and the outlines do not change.",
            f"2. {'; '.join(said).capitalize()}.",
            "3. Each shape changes colour before it moves, keeps its kind and size, and glides "
            "continuously; one shape moves at a time.",
            "4. In the final frame every filled shape covers its outline exactly"
            + (f"; {spare} outline{'s stay' if spare > 1 else ' stays'} empty." if spare else "."),
        ])  # fmt: skip

    def render(self, puzzle, answer, params, film):
        base = film.canvas()
        draw_rules(base, puzzle["rules"])
        for o in puzzle["outlines"]:
            # the border inside the shape's edge, so the shape placed on it covers it all
            base.shape(o["kind"], *o["at"], R - 4, fill=lighten(NAMED[o["color"]], 0.8),
                       outline=NAMED[o["color"]], width=8)  # fmt: skip
        pieces = [dict(p) for p in puzzle["pieces"]]

        def scene(skip: int):
            frame = base.copy()
            for i, p in enumerate(pieces):
                if i != skip:
                    frame.shape(
                        p["kind"], *p["at"], R, fill=NAMED[p["color"]], outline=INK, width=5
                    )
            return frame

        film.opening(scene(-1))
        for k, m in enumerate(answer["moves"]):
            p = pieces[m["piece"]]
            rest = scene(m["piece"])
            old, new = NAMED[p["color"]], NAMED[m["color"]]
            for t in easing.steps(film.seconds(0.6), easing.ease_in_out):
                frame = rest.copy()
                frame.shape(
                    p["kind"],
                    *p["at"],
                    R,
                    fill=easing.lerp_color(old, new, t),
                    outline=INK,
                    width=5,
                )
                film.add(frame)
            start, end = p["at"], puzzle["outlines"][m["outline"]]["at"]
            seconds = max(0.4, easing.glide_seconds(math.dist(start, end)))
            for t in easing.steps(film.seconds(seconds), easing.cruise):
                frame = rest.copy()
                frame.shape(
                    p["kind"], *easing.lerp_point(start, end, t), R, fill=new, outline=INK, width=5
                )
                film.add(frame)
            p["color"], p["at"] = m["color"], end
            if k + 1 < len(answer["moves"]):
                film.hold(scene(-1), 0.2)
        film.closing(scene(-1))


def draw_rules(canvas, rules) -> None:
    """The rules in rows of three, centred above the play area: disc, arrow, disc."""
    rows = [rules[i : i + 3] for i in range(0, len(rules), 3)]
    for r, line in enumerate(rows):
        y = 125.0 if len(rows) == 1 else 80.0 + 95.0 * r
        for c, (a, b) in enumerate(line):
            x = 500 + (c - (len(line) - 1) / 2) * RULE_W
            canvas.circle(x - 75, y, DISC, fill=NAMED[a], outline=INK, width=4)
            canvas.arrow((x - 28, y), (x + 30, y), fill=INK, width=7, head=24)
            canvas.circle(x + 75, y, DISC, fill=NAMED[b], outline=INK, width=4)
    canvas.crisp_line(40, 235, 960, 235, MUTED, 3)
