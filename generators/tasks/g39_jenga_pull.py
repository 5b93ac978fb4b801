"""Jenga pull: which lettered block can be slid out of a tower without it tipping over?

The tower, seen from the front, alternates rows of three short blocks (left, middle,
right; some already pulled out) with long planks that span all three. Blocks are uniform
and alike (a plank weighs three short blocks). A plank and everything on it stand on the
short blocks under it as one rigid piece, so the tower stands while, at every row, the
centre of mass of everything above lies over the blocks of that row (between the left edge
of the leftmost and the right edge of the rightmost). Exactly one lettered block keeps
every row so with a clear margin; pulling any other tips some row by a clear margin.
"""

from __future__ import annotations

from generators.kit import INK, NAMED, Param, Task, easing, register, require
from generators.kit.easing import glide_seconds
from generators.kit.palette import darken, lighten

W, H = 110.0, 42.0  # a short block's width and every layer's height, canvas units
GROUND = 930.0
MARGIN = 0.15  # of a block width: how clearly a row holds or tips
WOOD = (222, 184, 135)
PICKED = NAMED["orange"]
SIDES = ("left", "middle", "right")
OFFSETS = (-1.0, -0.5, 0.0, 0.5, 1.0)  # where a load may sit on the top plank, block widths
LOAD = (120, 124, 130)  # the load's blocks: dark grey, to tell them from the wooden tower


def centre_x(side: int) -> float:
    return 500 + (side - 1) * W


def tip_margins(rows: list[list[int]], load: list = (0, 0.0)) -> list[float]:
    """For each row of short blocks (1 = present), how far (in block widths) the centre of
    mass of everything above lies inside the row's support: negative when it is outside,
    so the tower tips there. Above row k: plank k (on it), every layer higher, and the load
    on top (`load` = (blocks, offset in block widths from the middle))."""
    out = []
    for k, row in enumerate(rows):
        if not any(row):
            out.append(-1.0)
            continue
        mass, moment = float(load[0]), load[0] * load[1]
        for j in range(k, len(rows)):  # plank j (centred, weight 3) lies on row j
            mass += 3
            if j > k:
                for side, here in enumerate(rows[j]):
                    mass += here
                    moment += here * (side - 1)
        com = moment / mass  # in block widths from the tower's middle
        present = [s for s, here in enumerate(row) if here]
        left, right = present[0] - 1 - 0.5, present[-1] - 1 + 0.5
        out.append(min(com - left, right - com))
    return out


def slides_out(rows: list[list[int]], k: int, side: int) -> int | None:
    """The direction (-1 left, +1 right) a block can slide out of its row without pushing
    a neighbour, or None."""
    if not rows[k][side]:
        return None
    if side != 1:
        return side - 1
    return -1 if not rows[k][0] else (1 if not rows[k][2] else None)


@register(
    "G-39_jenga_pull",
    title="Jenga pull",
    description="A tower of short blocks and long planks, some blocks already pulled; which "
    "lettered block can be slid out without the tower tipping (centre of mass over the "
    "support at every row)?",
    category="physics-motion",
    params=[
        Param("rows", "int", 5, 3, 7, help="rows of short blocks"),
        Param("candidates", "int", 3, 2, 4, help="lettered blocks to choose from"),
        Param("missing", "float", 0.3, 0.15, 0.45, help="share of short blocks already pulled"),
        Param("max_load", "int", 2, 0, 3, help="most blocks stacked as a load on the top plank"),
    ],
    shard_size=60,
    memory="low",
    instances=750_000,  # measured ~800,000 (birthday estimate, 4,000 draws)
    faculty="knowledge",
    levels={
        1: {"rows": 3, "candidates": 2, "missing": 0.2, "max_load": 0},
        2: {"rows": 4, "candidates": 3, "missing": 0.25, "max_load": 1},
        3: {"rows": 5, "candidates": 3, "missing": 0.3, "max_load": 2},
        4: {"rows": 6, "candidates": 4, "missing": 0.35, "max_load": 3},
        5: {"rows": 7, "candidates": 4, "missing": 0.4, "max_load": 3},
    },
)  # fmt: skip
class JengaPull(Task):
    def generate(self, rng, params):
        n, want = params["rows"], params["candidates"]
        while True:
            rows = [[int(rng.random() >= params["missing"]) for _ in range(3)] for _ in range(n)]
            count = int(rng.integers(params["max_load"] + 1))
            load = [count, float(rng.choice(OFFSETS)) if count else 0.0]
            if min(tip_margins(rows, load)) < MARGIN:
                continue  # the tower must stand clearly before anything is pulled
            safe, unsafe = [], []
            for k in range(n):
                for side in range(3):
                    if slides_out(rows, k, side) is None:
                        continue
                    after = [r[:] for r in rows]
                    after[k][side] = 0
                    worst = min(tip_margins(after, load))
                    if worst >= MARGIN:
                        safe.append((k, side))
                    elif worst <= -MARGIN:
                        unsafe.append((k, side))
            if not safe or len(unsafe) < want - 1:
                continue
            picks = [safe[int(rng.integers(len(safe)))]]
            for i in rng.permutation(len(unsafe))[: want - 1]:
                picks.append(unsafe[int(i)])
            order = rng.permutation(want)
            labelled = [{"row": picks[i][0], "side": SIDES[picks[i][1]]} for i in order]
            for letter, block in zip("ABCD", labelled):
                block["letter"] = letter
            return {"rows": rows, "load": load, "candidates": labelled}

    def solve(self, puzzle, params):
        rows, verdicts = puzzle["rows"], []
        for c in puzzle["candidates"]:
            after = [r[:] for r in rows]
            after[c["row"]][SIDES.index(c["side"])] = 0
            margins = tip_margins(after, puzzle["load"])
            worst = min(range(len(margins)), key=lambda k: margins[k])
            verdicts.append({"letter": c["letter"], "stands": margins[worst] > 0,
                             "tips_at_row": None if margins[worst] > 0 else worst + 1})  # fmt: skip
        safe = [v["letter"] for v in verdicts if v["stands"]]
        return {"answer": safe[0] if len(safe) == 1 else None, "verdicts": verdicts}

    def check(self, puzzle, answer, params):
        rows = puzzle["rows"]
        require(
            min(support_margins(rows, puzzle["load"])) >= MARGIN,
            "the tower does not stand clearly at the start",
        )
        standing = []
        for c, v in zip(puzzle["candidates"], answer["verdicts"], strict=True):
            side = SIDES.index(c["side"])
            require(slides_out(rows, c["row"], side) is not None,
                    f"block {c['letter']} cannot slide out of its row")  # fmt: skip
            # statics, from the blocks' own places: at every row, the centre of mass of all
            # above must lie over that row's blocks
            after = [r[:] for r in rows]
            after[c["row"]][side] = 0
            margins = support_margins(after, puzzle["load"])
            require(min(margins) >= MARGIN or min(margins) <= -MARGIN,
                    f"block {c['letter']} is too close to call")  # fmt: skip
            stands = min(margins) > 0
            require(v["letter"] == c["letter"] and v["stands"] == stands,
                    f"whether the tower stands without {c['letter']} is wrong")  # fmt: skip
            tipping = [k + 1 for k, m in enumerate(margins) if m < 0]
            require(stands or v["tips_at_row"] in tipping,
                    f"the row where the tower tips without {c['letter']} is wrong")  # fmt: skip
            if stands:
                standing.append(c["letter"])
        require(len(standing) == 1, "exactly one block must be safe to pull")
        require(answer["answer"] == standing[0], "that block cannot be pulled safely")

    def prompt(self, puzzle, params):
        n = len(puzzle["rows"])
        letters = [c["letter"] for c in puzzle["candidates"]]
        listed = ", ".join(letters[:-1]) + " and " + letters[-1]
        return (
            f"The image shows a tower standing on the ground: {n} rows of up to three short "
            "wooden blocks side by side (some already pulled out), each row topped by a long "
            f"plank as wide as three blocks{load_words(puzzle['load'])}. All blocks are uniform; "
            "a plank weighs as much as three short blocks. A plank and everything on it rest "
            "as one rigid piece on the blocks of the row under it, and the tower tips over if, at any row, the centre of "
            "mass of everything above that row is not over that row's blocks. Blocks "
            f"{listed} are marked in orange; each can be slid out sideways. Exactly one can "
            "be removed without the tower tipping: which? Slide that block smoothly out of "
            "the tower; the tower stays standing and nothing else moves. The video ends with "
            "the block held beside the tower and its letter named at the top."
        )

    def rubric(self, puzzle, answer, params):
        lines = [f"1. Block {answer['answer']} is slid out sideways; the tower stays standing "
                 "and no other block or plank moves."]  # fmt: skip
        for v in answer["verdicts"]:
            if not v["stands"]:
                lines.append(f"{len(lines) + 1}. Pulling {v['letter']} instead would tip the "
                             f"tower at row {v['tips_at_row']} from the bottom (the weight above "
                             "would no longer be over that row's blocks).")  # fmt: skip
        lines.append(f"{len(lines) + 1}. The final frame names {answer['answer']} at the top.")
        return "\n".join(lines)

    def render(self, puzzle, answer, params, film):
        base = film.canvas()
        base.line([(40, GROUND), (960, GROUND)], fill=INK, width=6)
        base.text(500, 70, "Which block can be pulled out?", size=46, bold=True)
        pick = next(c for c in puzzle["candidates"] if c["letter"] == answer["answer"])
        k, side = pick["row"], SIDES.index(pick["side"])
        still = base.copy()
        draw_tower(still, puzzle, skip=(k, side))
        film.opening(frame(still, puzzle, pick, 0.0))
        direction = slides_out(puzzle["rows"], k, side)
        reach = (1.5 if side == 1 else 1.0) * W + 40  # clear of the tower by 40 units
        steps = film.seconds(glide_seconds(reach, speed=250))
        for u in list(easing.steps(steps, easing.cruise))[:-1]:
            film.add(frame(still, puzzle, pick, direction * reach * u))
        final = frame(still, puzzle, pick, direction * reach)
        final.rect(300, 110, 700, 170, fill=(255, 255, 255), outline=INK, width=3, radius=10)
        final.text(500, 140, f"{answer['answer']} can be pulled", size=40, bold=True)
        film.closing(final)


def support_margins(rows: list[list[int]], load: list) -> list[float]:
    """The checker's own statics, from every block's canvas box: for each row, how far (in
    block widths) the centre of mass of all blocks and planks above lies inside the span of
    the row's blocks (negative: outside)."""
    boxes = []  # (layer, x0, x1): rows on even layers, planks on odd ones
    for k, row in enumerate(rows):
        boxes += [(2 * k, centre_x(s) - W / 2, centre_x(s) + W / 2) for s in range(3) if row[s]]
        boxes.append((2 * k + 1, 500 - 1.5 * W, 500 + 1.5 * W))
    boxes += [
        (2 * len(rows) + i, load_x(load) - W / 2, load_x(load) + W / 2) for i in range(load[0])
    ]
    out = []
    for k in range(len(rows)):
        base = [b for b in boxes if b[0] == 2 * k]
        above = [b for b in boxes if b[0] > 2 * k]
        if not base:
            out.append(-1.0)
            continue
        mass = sum(b[2] - b[1] for b in above)  # uniform blocks: mass goes with width
        com = sum((b[2] - b[1]) * (b[1] + b[2]) / 2 for b in above) / mass
        lo, hi = min(b[1] for b in base), max(b[2] for b in base)
        out.append(min(com - lo, hi - com) / W)
    return out


def load_words(load) -> str:
    if not load[0]:
        return ""
    what = "one grey block" if load[0] == 1 else f"a stack of {load[0]} grey blocks"
    return f", with {what} (each a short block) standing on the top plank"


def load_x(load) -> float:
    return 500 + load[1] * W


def layer_y(i: int) -> float:
    """Top edge of layer i from the bottom (rows and planks alternate, a row first)."""
    return GROUND - (i + 1) * H


def draw_tower(c, puzzle: dict, skip) -> None:
    """Every block and plank except the one at `skip` (row, side), with the candidates'
    letters."""
    letters = {(b["row"], SIDES.index(b["side"])): b["letter"] for b in puzzle["candidates"]}
    for k, row in enumerate(puzzle["rows"]):
        for side, here in enumerate(row):
            if here and (k, side) != skip:
                draw_block(c, k, side, 0.0, letters.get((k, side)))
        y = layer_y(2 * k + 1)
        c.rect(
            500 - 1.5 * W, y, 500 + 1.5 * W, y + H, fill=WOOD, outline=darken(WOOD, 0.45), width=3
        )
    x = load_x(puzzle["load"])
    for i in range(puzzle["load"][0]):  # the load: blocks like the others, painted grey
        y = layer_y(2 * len(puzzle["rows"]) + i)
        c.rect(x - W / 2 + 1.5, y + 1.5, x + W / 2 - 1.5, y + H - 1.5, fill=LOAD,
               outline=darken(LOAD, 0.45), width=3)  # fmt: skip


def draw_block(c, k: int, side: int, dx: float, letter: str | None) -> None:
    x, y = centre_x(side) + dx, layer_y(2 * k)
    fill = lighten(PICKED, 0.25) if letter else WOOD
    c.rect(x - W / 2 + 1.5, y + 1.5, x + W / 2 - 1.5, y + H - 1.5, fill=fill,
           outline=darken(WOOD, 0.45), width=3)  # fmt: skip
    if letter:
        c.text(x, y + H / 2, letter, size=34, bold=True)


def frame(still, puzzle: dict, pick: dict, dx: float):
    f = still.copy()
    draw_block(f, pick["row"], SIDES.index(pick["side"]), dx, pick["letter"])
    return f
