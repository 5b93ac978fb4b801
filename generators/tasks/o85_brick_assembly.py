"""Brick assembly: assemble a model of studded bricks, shown on an instruction card, from a
tray of parts, bottom row first, each brick pressed onto the studs of a brick below.

Every brick of the model is a different (colour, length) pair, so each part has one place;
decoy parts repeat a model colour with another length (counting studs tells them apart).
Each brick above the baseplate row overlaps at least one stud of a brick under it. The
checker replays the assembly: parts used once, each the brick its place needs, each
pressed onto the baseplate or onto studs of a brick already in place, and the result is
the model.
"""

from __future__ import annotations

import itertools
import math

from generators.kit import INK, MUTED, NAMED, Param, Task, easing, register, require
from generators.kit.geometry import round_corners
from generators.kit.palette import darken, lighten
from generators.kit.rng import pick, shuffled

COLORS = ("red", "blue", "green", "orange", "purple", "yellow")
STUDS, ROWS = 12, 4  # the baseplate's width in studs, the model's most rows
U, H = 46.0, 50.0  # a stud's pitch, a brick's height (canvas units)
BASE_X, BASE_Y = 640.0 - STUDS * U / 2, 900.0  # baseplate's left end and top
CARD = (40.0, 600.0, 345.0, 920.0)
LANE = 560.0  # above the card and the tallest model: a gliding brick's lowest crossing
CARD_K = 0.5  # the instruction card's scale
TRAY = (40.0, 200.0, 960.0, 330.0)
GAP = 16.0  # between parts in the tray
SPEED = 0.9 * easing.GLIDE_SPEED


def cells(row: int, x: int, length: int) -> set[tuple[int, int]]:
    return {(row, x + i) for i in range(length)}


def supported(built: set, row: int, x: int, length: int) -> bool:
    """On the baseplate, or over at least one stud of a brick in the row below."""
    return row == 0 or any((row - 1, x + i) in built for i in range(length))


@register(
    "O-85_brick_assembly",
    title="Brick assembly",
    description="Assemble a model of studded bricks shown on an instruction card from a tray of parts with decoys, bottom row first, each brick pressed onto studs below.",
    category="spatial-visual",
    params=[
        Param("bricks", "int", 4, 3, 6, help="bricks in the model"),
        Param("decoys", "int", 1, 0, 2, help="tray parts the model does not use"),
    ],
    shard_size=60,
    memory="low",
    instances=2_666_666,
    faculty="spatiality",
    levels={
        1: {"bricks": 3, "decoys": 0},
        2: {"bricks": 4, "decoys": 0},
        3: {"bricks": 4, "decoys": 1},
        4: {"bricks": 5, "decoys": 2},
        5: {"bricks": 6, "decoys": 2},
    },
)  # fmt: skip
class BrickAssembly(Task):
    def generate(self, rng, params):
        n, k = params["bricks"], params["decoys"]
        while True:
            model, built = [], set()
            for _ in range(200):
                if len(model) == n:
                    break
                length = int(rng.integers(1, 5))
                row = int(
                    rng.integers(0, min(ROWS - 1, 1 + max([b[1] for b in model], default=-1)) + 1)
                )
                x = int(rng.integers(0, STUDS - length + 1))
                spot = cells(row, x, length)
                if spot & built or not supported(built, row, x, length):
                    continue
                color = pick(rng, COLORS)
                if any(b[0] == color and b[3] == length for b in model):
                    continue
                model.append([color, row, x, length])
                built |= spot
            kinds = {(b[0], b[3]) for b in model}
            free = [
                [c, m]
                for c in dict.fromkeys(b[0] for b in model)
                for m in range(1, 5)
                if (c, m) not in kinds
            ]  # decoys: a model colour, another length
            if len(model) < n or len(free) < k:
                continue
            decoys = [free[int(i)] for i in rng.choice(len(free), k, replace=False)]
            parts = shuffled(rng, [[b[0], b[3]] for b in model] + decoys)
            width = sum(p[1] for p in parts) * U + GAP * (len(parts) - 1)
            if width <= TRAY[2] - TRAY[0] - 40:
                return {"model": sorted(model, key=lambda b: (b[1], b[2])), "parts": parts}

    def solve(self, puzzle, params):
        parts = [tuple(p) for p in puzzle["parts"]]
        steps = [[parts.index((c, length)), row, x] for c, row, x, length in puzzle["model"]]
        return {"steps": steps}

    def check(self, puzzle, answer, params):
        parts, built, done = puzzle["parts"], set(), []
        kinds = [tuple(p) for p in parts]
        require(
            len(set(kinds)) == len(kinds), "two tray parts are alike: the assembly is ambiguous"
        )
        used = set()
        for k, step in enumerate(answer["steps"]):
            require(isinstance(step, list) and len(step) == 3 and isinstance(step[0], int)
                    and 0 <= step[0] < len(parts) and step[0] not in used,
                    f"step {k + 1} does not take an unused tray part")  # fmt: skip
            i, row, x = step
            used.add(i)
            spot = cells(row, x, parts[i][1])
            require(x >= 0 and x + parts[i][1] <= STUDS and not spot & built,
                    f"step {k + 1} puts a brick off the baseplate or into another brick")  # fmt: skip
            require(supported(built, row, x, parts[i][1]),
                    f"step {k + 1} is not pressed onto the baseplate or a brick's studs")  # fmt: skip
            built |= spot
            done.append([parts[i][0], row, x, parts[i][1]])
        require(sorted(done) == sorted(puzzle["model"]), "the assembly is not the model")

    def prompt(self, puzzle, params):
        n, m = len(puzzle["model"]), len(puzzle["parts"])
        return (
            f"The image shows a tray of {m} coloured bricks at the top, an instruction card on "
            f"the left showing a model built of {n} of them, and an empty grey baseplate with "
            f"{STUDS} studs. Bricks are 1 to 4 studs long; some tray bricks share a colour and "
            "differ only in length, and some are not in the model. Assemble the model on the "
            "baseplate at full size and in the same place along it, bottom row first and left "
            "to right: each brick glides from the tray and is pressed onto the baseplate or onto "
            "studs of a brick already in place. The card stays unchanged. The video ends when "
            "the baseplate holds the model; unused bricks stay in the tray."
        )

    def rubric(self, puzzle, answer, params):
        rows = []
        for r in range(ROWS):
            bricks = [b for b in puzzle["model"] if b[1] == r]
            if bricks:
                rows.append(f"row {r + 1}: " + ", ".join(f"{c} {n}-stud" for c, _, _, n in bricks))
        used = {s[0] for s in answer["steps"]}
        unused = [f"{c} {n}-stud" for i, (c, n) in enumerate(puzzle["parts"]) if i not in used]
        return "\n".join([
            "1. The instruction card and the baseplate do not change.",
            f"2. Exactly {len(answer['steps'])} bricks are assembled, bottom row first and left "
            "to right (" + "; ".join(rows) + "), each gliding from the tray and pressed onto "
            "the baseplate or onto studs of a brick below, never floating or overlapping.",
            "3. " + ("Unused bricks stay in the tray: " + ", ".join(unused) + "." if unused
                     else "Every tray brick is used."),
            "4. In the final frame the bricks on the baseplate match the card: same colours, "
            "lengths and positions.",
        ])  # fmt: skip

    def render(self, puzzle, answer, params, film):
        parts = puzzle["parts"]
        spots = tray_spots(parts)
        base = film.canvas()
        base.rect(*TRAY, fill=(236, 234, 228), outline=MUTED, width=3, radius=14)
        draw_card(base, puzzle["model"])
        base.rect(BASE_X - 10, BASE_Y, BASE_X + STUDS * U + 10, BASE_Y + 30, fill=(150, 155, 160),
                  outline=INK, width=3, radius=4)  # fmt: skip
        for i in range(STUDS):
            stud(base, BASE_X + (i + 0.5) * U, BASE_Y, 1.0, (150, 155, 160))
        film.opening(with_parts(base, parts, spots, skip=set()))
        placed: set[int] = set()
        for i, row, x in answer["steps"]:
            rest = with_parts(base, parts, spots, skip=placed | {i})
            color, n = parts[i]
            land = (BASE_X + (x + n / 2) * U, BASE_Y - (row + 0.5) * H)
            start = spots[i]
            # down out of the tray, across above the card and the model, down into place
            path = round_corners([start, (start[0], TRAY[3] + H), (land[0], LANE), land], 50)
            length = sum(math.dist(a, b) for a, b in itertools.pairwise(path))
            for t in easing.steps(film.seconds(easing.glide_seconds(length, SPEED)), easing.cruise):
                frame = rest.copy()
                brick(frame, *easing.along_polyline(path, t), n, color)
                film.add(frame)
            brick(base, *land, n, color)
            placed.add(i)
        film.closing(with_parts(base, parts, spots, skip=placed))


def tray_spots(parts) -> list[tuple[float, float]]:
    total = sum(n for _, n in parts) * U + GAP * (len(parts) - 1)
    x, out = 500 - total / 2, []
    for _, n in parts:
        out.append((x + n * U / 2, (TRAY[1] + TRAY[3]) / 2 + 8))
        x += n * U + GAP
    return out


def with_parts(base, parts, spots, skip: set):
    frame = base.copy()
    for j, ((color, n), (x, y)) in enumerate(zip(parts, spots)):
        if j not in skip:
            brick(frame, x, y, n, color)
    return frame


def stud(canvas, x: float, top: float, k: float, rgb) -> None:
    canvas.rect(x - 0.27 * U * k, top - 0.2 * H * k, x + 0.27 * U * k, top + 2 * k, fill=rgb,
                outline=INK, width=3 * k, radius=3 * k)  # fmt: skip


def brick(canvas, cx: float, cy: float, n: int, color: str, k: float = 1.0) -> None:
    """A brick n studs long centred on (cx, cy), its studs on top; k scales it (the card)."""
    rgb = NAMED[color]
    w, h = n * U * k / 2, H * k / 2
    for i in range(n):
        stud(canvas, cx - w + (i + 0.5) * U * k, cy - h, k, lighten(rgb, 0.15))
    canvas.rect(cx - w, cy - h, cx + w, cy + h, fill=rgb, outline=darken(rgb, 0.5),
                width=4 * k, radius=4 * k)  # fmt: skip


def draw_card(canvas, model) -> None:
    x0, y0, x1, y1 = CARD
    canvas.rect(x0, y0, x1, y1, fill=(255, 255, 255), outline=MUTED, width=4, radius=12)
    canvas.text((x0 + x1) / 2, y0 + 40, "Model", size=40, fill=MUTED)
    left, floor = (x0 + x1) / 2 - STUDS * U * CARD_K / 2, y1 - 45
    canvas.rect(left - 4, floor, left + STUDS * U * CARD_K + 4, floor + 12, fill=(150, 155, 160))
    for color, row, x, n in model:
        brick(canvas, left + (x + n / 2) * U * CARD_K, floor - (row + 0.5) * H * CARD_K, n, color,
              CARD_K)  # fmt: skip
