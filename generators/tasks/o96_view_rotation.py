"""View rotation: a board of coloured pieces seen from above, with a viewer standing at one
side; show the same board as that viewer sees it, their side at the bottom.

A viewer on the right (east) side sees the board turned 90 degrees clockwise, one at the
top (north) sees it turned 180 degrees, one on the left (west) 90 degrees anticlockwise.
The video shows a copy of the board in the right panel and turns it. The checker turns
every piece's cell on its own, with the rotation matrix of the viewer's side.
"""

from __future__ import annotations

import math

from generators.kit import INK, MUTED, NAMED, Param, Task, easing, register, require
from generators.kit.rng import choose, pick

SIDES = {"right": 90, "top": 180, "left": -90}  # the board's clockwise turn for each viewer
KINDS = ("circle", "square", "diamond")  # unchanged by a quarter turn
COLORS = ("red", "blue", "green", "orange", "purple", "yellow")
BOARD = 330.0
LEFT, RIGHT = (250.0, 520.0), (735.0, 520.0)
PLATE = (238, 232, 218)


def turned(r: int, c: int, n: int, degrees: int) -> tuple[int, int]:
    """The cell (row, col) of an n x n board after a clockwise turn, by rotating the cell's
    centre about the board's centre (y down: clockwise is (x, y) -> (-y, x))."""
    x, y = c - (n - 1) / 2, r - (n - 1) / 2
    a = math.radians(degrees)
    x, y = x * math.cos(a) - y * math.sin(a), x * math.sin(a) + y * math.cos(a)
    return round(y + (n - 1) / 2), round(x + (n - 1) / 2)


@register(
    "O-96_view_rotation",
    title="View rotation",
    description="Show a board of coloured pieces as a viewer standing at another side of it sees it, their side at the bottom.",
    category="spatial-visual",
    params=[
        Param("size", "int", 4, 3, 5, help="cells per side of the board"),
        Param("pieces", "int", 5, 3, 9, help="pieces on the board"),
    ],
    shard_size=60,
    memory="low",
    instances=2_666_666,
    faculty="spatiality",
    levels={
        1: {"size": 3, "pieces": 3},
        2: {"size": 3, "pieces": 4},
        3: {"size": 4, "pieces": 5},
        4: {"size": 4, "pieces": 7},
        5: {"size": 5, "pieces": 9},
    },
)  # fmt: skip
class ViewRotation(Task):
    def generate(self, rng, params):
        n, k = params["size"], params["pieces"]
        cells = choose(rng, [(r, c) for r in range(n) for c in range(n)], k)
        tokens = choose(rng, [(kind, col) for kind in KINDS for col in COLORS], k)
        pieces = sorted([r, c, kind, col] for (r, c), (kind, col) in zip(cells, tokens))
        return {"size": n, "pieces": pieces, "viewer": pick(rng, tuple(SIDES))}

    def solve(self, puzzle, params):
        n, side = puzzle["size"], puzzle["viewer"]
        out = []
        for r, c, kind, col in puzzle["pieces"]:
            if side == "right":
                r, c = c, n - 1 - r
            elif side == "top":
                r, c = n - 1 - r, n - 1 - c
            else:
                r, c = n - 1 - c, r
            out.append([r, c, kind, col])
        return {"turn": SIDES[side], "pieces": sorted(out)}

    def check(self, puzzle, answer, params):
        n, side = puzzle["size"], puzzle["viewer"]
        require(answer["turn"] == SIDES[side],
                f"a viewer on the {side} sees the board turned {SIDES[side]} degrees")  # fmt: skip
        want = sorted([*turned(r, c, n, SIDES[side]), kind, col]
                      for r, c, kind, col in puzzle["pieces"])  # fmt: skip
        got = answer["pieces"]
        require(len(got) == len(want), "pieces are missing or added")
        require(sorted(got) == want, "a piece is not where the viewer sees it")

    def prompt(self, puzzle, params):
        n, side = puzzle["size"], puzzle["viewer"]
        where = {"right": "right side", "top": "top side", "left": "left side"}[side]
        return (
            f"The left panel shows a {n}x{n} board seen from above with "
            f"{len(puzzle['pieces'])} coloured pieces (circles, squares and diamonds) and an eye "
            f"on its {where}: a viewer standing there, looking across the board. The bottom "
            "side of the board is nearest to you. In the right panel, show the board as the "
            "viewer sees it: from above, turned so that the viewer's side is at the bottom, "
            "nearest to the viewer's eye drawn under the right panel. A copy of the board "
            "fades in over the right panel and turns smoothly about its centre into that view, "
            "taking the shorter way round (its grid lines are hidden while it turns). The left "
            "panel does not change."
        )

    def rubric(self, puzzle, answer, params):
        turn = answer["turn"]
        how = {90: "90 degrees clockwise", 180: "180 degrees", -90: "90 degrees anticlockwise"}
        where = "; ".join(f"{col} {kind} row {r + 1} column {c + 1}"
                          for r, c, kind, col in answer["pieces"])  # fmt: skip
        return "\n".join([
            "1. The left panel, its board, pieces and eye do not change.",
            f"2. The copy in the right panel turns {how[turn]}, smoothly, about its centre.",
            f"3. In the final frame, counting rows from the top and columns from the left: {where}.",
            "4. No piece changes colour or shape, and no piece is added or lost.",
        ])  # fmt: skip

    def render(self, puzzle, answer, params, film):
        side = puzzle["viewer"]
        base = film.canvas()
        draw_board(base, puzzle, LEFT, 0.0)
        x, y = LEFT
        eye_at = {"right": (x + BOARD / 2 + 55, y, 180), "top": (x, y - BOARD / 2 - 55, 90),
                  "left": (x - BOARD / 2 - 55, y, 0)}[side]  # fmt: skip
        draw_eye(base, *eye_at)
        draw_eye(base, RIGHT[0], RIGHT[1] + BOARD / 2 + 100, -90)  # below the turning corners
        base.text(LEFT[0], 150, "From above", size=42, fill=MUTED)
        base.text(RIGHT[0], 150, "Viewer's view", size=42, fill=MUTED)
        film.opening(base)
        for t in easing.steps(film.seconds(0.5)):
            frame = base.copy()
            draw_board(frame, puzzle, RIGHT, 0.0, fade=1 - t)
            film.add(frame)
        film.hold(frame, 0.3)
        turn = answer["turn"]
        arc = abs(math.radians(turn)) * BOARD / math.sqrt(2)  # the corners' path
        for t in easing.steps(film.seconds(easing.glide_seconds(arc)), easing.cruise):
            frame = base.copy()
            draw_board(frame, puzzle, RIGHT, turn * t)
            film.add(frame)
        film.closing(frame)


def draw_board(canvas, puzzle, centre, degrees: float, fade: float = 0.0) -> None:
    """The board turned `degrees` clockwise about `centre`; pieces keep their own upright
    look only at quarter turns (they turn with the board); `fade` mixes it into the page."""
    n = puzzle["size"]
    cell = BOARD / n
    a = math.radians(degrees)
    cx, cy = centre

    def at(x: float, y: float) -> tuple[float, float]:  # board units from the centre
        return (cx + x * math.cos(a) - y * math.sin(a), cy + x * math.sin(a) + y * math.cos(a))

    def mix(rgb):  # the copy is one level off every colour (invisible), so frame-to-frame
        # matching by exact colour never pairs its pieces with the left board's twins
        if centre == RIGHT:
            rgb = tuple(v - 1 if v > 127 else v + 1 for v in rgb)
        return easing.lerp_color(rgb, (250, 248, 243), fade)

    h = BOARD / 2
    # outlines under a pixel wide at review size: a turning line that thin never leaves
    # runs of one exact colour that could be mistaken for objects jumping about
    canvas.polygon([at(-h, -h), at(h, -h), at(h, h), at(-h, h)], fill=mix(PLATE), outline=mix(INK),
                   width=3.5)  # fmt: skip
    # grid lines only at rest: while the copy turns, its plate stays one area (lines would
    # cut it into look-alike cells that frame-to-frame matching confuses)
    for i in range(1, n if degrees % 90 == 0 else 1):
        v = -h + i * cell
        canvas.line([at(v, -h), at(v, h)], fill=mix(MUTED), width=3)
        canvas.line([at(-h, v), at(h, v)], fill=mix(MUTED), width=3)
    for r, c, kind, col in puzzle["pieces"]:
        px, py = at(-h + (c + 0.5) * cell, -h + (r + 0.5) * cell)
        canvas.shape(kind, px, py, cell * 0.34, fill=mix(NAMED[col]), outline=mix(INK), width=3.5,
                     angle=degrees)  # fmt: skip


def draw_eye(canvas, x: float, y: float, facing: float) -> None:
    """An eye looking along `facing` degrees (0: to the right, 90: down)."""
    a = math.radians(facing)
    ux, uy = math.cos(a), math.sin(a)
    px, py = -uy, ux  # across the eye
    pts = []
    for k in range(25):
        s = -1 + 2 * k / 24
        w = 22 * (1 - s * s)
        pts.append((x + px * 38 * s + ux * w, y + py * 38 * s + uy * w))
    for k in range(25):
        s = 1 - 2 * k / 24
        w = 22 * (1 - s * s)
        pts.append((x + px * 38 * s - ux * w, y + py * 38 * s - uy * w))
    canvas.polygon(pts, fill=(255, 255, 255), outline=INK, width=5)
    canvas.circle(x + ux * 6, y + uy * 6, 12, fill=INK)
