"""Track roll: balls roll one after another down a board of junctions into bins; at each
junction a ball goes the way the junction's paddle points. Orange paddles swing to the
other side after every ball; grey ones never move. Which bin does each ball reach?

The junctions form a lattice (junction c of row r leads to junctions c and c + 1 of the next
row, the last row to the bins), so the board is drawn in full in the first frame and each
ball's path depends on the balls before it. The checker replays every ball.
"""

from __future__ import annotations

import itertools
import math

from generators.kit import FAINT, INK, MUTED, NAMED, Param, Task, easing, register, require
from generators.kit.rng import choose

BALLS = ("red", "blue", "green", "purple")
KINDS = ("swing", "fixed")
QUEUE_Y, TOP, LAST, BIN_TOP, BIN_FLOOR = 110.0, 230.0, 640.0, 730.0, 900.0
ENTRY = (500.0, QUEUE_Y)
SPAN = 780.0  # the bins' width from the first centre to the last
R = 22.0  # ball radius
LETTERS = "ABCDEF"


def node(r: int, c: int, depth: int) -> tuple[float, float]:
    dx = SPAN / depth
    return (500 + (c - r / 2) * dx, TOP + r * (LAST - TOP) / max(1, depth - 1))


def bin_x(c: int, depth: int) -> float:
    return 500 + (c - depth / 2) * SPAN / depth


def roll(board: list[list[dict]], balls: int) -> tuple[list[list[int]], list[list[str]]]:
    """Each ball's junction columns row by row (its last entry is the bin) and the final
    side of every paddle."""
    side = [[j["side"] for j in row] for row in board]
    paths = []
    for _ in range(balls):
        c, path = 0, [0]
        for r, row in enumerate(board):
            go = side[r][c]
            if row[c]["kind"] == "swing":
                side[r][c] = "left" if go == "right" else "right"
            c += go == "right"
            path.append(c)
        paths.append(path)
    return paths, side


@register(
    "O-91_track_roll",
    title="Track roll",
    description="Balls roll down a board of junctions whose orange paddles switch sides after each ball; which bin does each ball reach?",
    category="puzzles-logic",
    params=[
        Param("depth", "int", 4, 3, 5, help="rows of junctions (bins: one more)"),
        Param("balls", "int", 2, 1, 4, help="balls dropped one after another"),
    ],
    shard_size=60,
    memory="low",
    instances=1_000_000,
    faculty="abstraction",
    levels={
        1: {"depth": 3, "balls": 1},
        2: {"depth": 3, "balls": 2},
        3: {"depth": 4, "balls": 2},
        4: {"depth": 4, "balls": 3},
        5: {"depth": 5, "balls": 4},
    },
)  # fmt: skip
class TrackRoll(Task):
    def generate(self, rng, params):
        depth = params["depth"]
        while True:
            board = [[{"kind": KINDS[int(rng.random() < 0.35)], "side": ("left", "right")[int(rng.integers(2))]}
                      for _ in range(r + 1)] for r in range(depth)]  # fmt: skip
            paths, _ = roll(board, params["balls"])
            used = {(r, p[r]) for p in paths for r in range(depth)}
            swings = sum(board[r][c]["kind"] == "swing" for r, c in used)
            if swings >= min(depth, params["balls"] + 1):  # the balls meet swinging paddles
                return {"board": board, "balls": choose(rng, BALLS, params["balls"])}

    def solve(self, puzzle, params):
        paths, side = roll(puzzle["board"], len(puzzle["balls"]))
        return {"paths": paths, "bins": [LETTERS[p[-1]] for p in paths], "final_sides": side}

    def check(self, puzzle, answer, params):
        board = puzzle["board"]
        require(all(len(row) == r + 1 for r, row in enumerate(board)), "the board is not a lattice")
        require(all(j["kind"] in KINDS and j["side"] in ("left", "right") for row in board for j in row),
                "a junction is neither an orange nor a grey paddle pointing left or right")  # fmt: skip
        side = [[j["side"] for j in row] for row in board]
        require(len(answer["paths"]) == len(puzzle["balls"]), "not every ball rolls, once each")
        for k, path in enumerate(answer["paths"]):
            name = puzzle["balls"][k]
            require(
                len(path) == len(board) + 1 and path[0] == 0,
                f"the {name} ball's path is not a run down the board",
            )
            for r, (a, b) in enumerate(itertools.pairwise(path)):
                go = side[r][a]
                require(
                    b == a + (go == "right"),
                    f"the {name} ball goes against the paddle in row {r + 1}",
                )
                if board[r][a]["kind"] == "swing":
                    side[r][a] = "left" if go == "right" else "right"
            require(
                answer["bins"][k] == LETTERS[path[-1]],
                f"the {name} ball lands in bin {LETTERS[path[-1]]}",
            )
        require(answer["final_sides"] == side, "the paddles do not end as the balls leave them")

    def prompt(self, puzzle, params):
        balls = puzzle["balls"]
        depth = len(puzzle["board"])
        order = ", then ".join(balls)
        return (
            f"The image shows a board of {depth} rows of junctions above {depth + 1} bins "
            f"labelled A to {LETTERS[depth]}, and {len(balls)} ball{'s' if len(balls) > 1 else ''} "
            "waiting in line on the track left of the entry at the top, the first nearest the entry. At each junction a paddle points down to the left or to "
            "the right, and a ball arriving there rolls on the way the paddle points. An orange "
            "paddle swings to the other side as soon as a ball has passed "
            "it; a grey paddle never moves. The balls are dropped one at a time, each only "
            f"after the previous one has landed, in this order: {order}. Each rolls from the top "
            "entry down the tracks into a bin. The video ends when the last ball has landed."
        )

    def rubric(self, puzzle, answer, params):
        landings = "; ".join(
            f"the {b} ball in bin {x}" for b, x in zip(puzzle["balls"], answer["bins"], strict=True)
        )
        return "\n".join([
            "1. The board, tracks and grey paddles do not change; balls drop one at a time in "
            "the stated order.",
            f"2. The balls land: {landings}.",
            "3. At every junction a ball rolls the way the paddle points at that moment, and each "
            "orange paddle it passes swings to the other side.",
            "4. In the final frame every ball lies in its bin and the orange paddles point as "
            "the last ball left them.",
        ])  # fmt: skip

    def render(self, puzzle, answer, params, film):
        board, depth = puzzle["board"], len(puzzle["board"])
        base = film.canvas()
        draw_tracks(base, depth)
        side = [[j["side"] for j in row] for row in board]
        # waiting in line left of the entry, the first nearest it
        queue = [(ENTRY[0] - 70 - 2.4 * R * k, QUEUE_Y) for k in range(len(puzzle["balls"]))]
        landed: list[tuple[str, float, float]] = []

        def scene(waiting, moving=()):
            """Everything but the paddles in `moving` (row, column)."""
            frame = base.copy()
            for r, row in enumerate(board):
                for c, j in enumerate(row):
                    if (r, c) not in moving:
                        draw_paddle(
                            frame, node(r, c, depth), paddle_angle(side[r][c], depth), j["kind"]
                        )
            for color, x, y in landed:
                frame.circle(x, y, R, fill=NAMED[color], outline=INK, width=4)
            for k in waiting:
                frame.circle(*queue[k], R, fill=NAMED[puzzle["balls"][k]], outline=INK, width=4)
            return frame

        film.opening(scene(range(len(queue))))
        counts = [0] * (depth + 1)
        for k, path in enumerate(answer["paths"]):
            color, b = puzzle["balls"][k], path[-1]
            stop = (bin_x(b, depth), BIN_FLOOR - R - 2 * R * counts[b])
            points = [queue[k], (ENTRY[0], QUEUE_Y), *(node(r, c, depth) for r, c in enumerate(path[:-1])),
                      (bin_x(b, depth), BIN_TOP), stop]  # fmt: skip
            marks = list(
                itertools.accumulate(
                    (math.dist(p, q) for p, q in itertools.pairwise(points)), initial=0.0
                )
            )
            swings = [(r, path[r]) for r in range(depth) if board[r][path[r]]["kind"] == "swing"]
            still = scene(range(k + 1, len(queue)), swings)
            for t in easing.steps(film.seconds(easing.glide_seconds(marks[-1])), easing.cruise):
                frame, s = still.copy(), t * marks[-1]
                for r, c in swings:  # a paddle swings over the first 2/3 of the track after it
                    done = min(
                        1.0, max(0.0, 1.5 * (s - marks[2 + r]) / (marks[3 + r] - marks[2 + r]))
                    )
                    turned = paddle_angle("left" if side[r][c] == "right" else "right", depth)
                    angle = easing.lerp(
                        paddle_angle(side[r][c], depth), turned, easing.ease_in_out(done)
                    )
                    draw_paddle(frame, node(r, c, depth), angle, "swing")
                frame.circle(
                    *easing.along_polyline(points, t), R, fill=NAMED[color], outline=INK, width=4
                )
                film.add(frame)
            for r, c in swings:
                side[r][c] = "left" if side[r][c] == "right" else "right"
            landed.append((color, *stop))
            counts[b] += 1
            if k + 1 < len(answer["paths"]):
                film.hold(scene(range(k + 1, len(queue))), 0.2)
        film.closing(scene([]))


def paddle_angle(side: str, depth: int) -> float:
    """Along the track down-left or down-right of a junction (y down)."""
    (x0, y0), (x1, y1) = node(0, 0, depth), node(1, 0 if side == "left" else 1, depth)
    return math.atan2(y1 - y0, x1 - x0)


def draw_paddle(canvas, at, angle: float, kind: str, length: float = 70.0) -> None:
    x, y = at
    tip = (x + length * math.cos(angle), y + length * math.sin(angle))
    if kind == "swing":
        canvas.line([at, tip], fill=NAMED["orange"], width=18)
        canvas.circle(x, y, 13, fill=INK)
    else:
        canvas.line([at, tip], fill=MUTED, width=18)
        canvas.circle(x, y, 9, fill=INK)


def draw_tracks(canvas, depth: int) -> None:
    """Tracks from the entry through every junction to the bins, and the labelled bins."""
    lanes = [[(ENTRY[0] - 70 - 2.4 * R * 3, QUEUE_Y), ENTRY, node(0, 0, depth)]]
    for r in range(depth):
        for c in range(r + 1):
            for d in (0, 1):
                end = node(r + 1, c + d, depth) if r + 1 < depth else (bin_x(c + d, depth), BIN_TOP)
                lanes.append([node(r, c, depth), end])
    for lane in lanes:
        canvas.line(lane, fill=FAINT, width=30)
    half = SPAN / depth / 2 - 8
    for c in range(depth + 1):
        x = bin_x(c, depth)
        canvas.line([(x - half, BIN_TOP), (x - half, BIN_FLOOR + 6), (x + half, BIN_FLOOR + 6),
                     (x + half, BIN_TOP)], fill=INK, width=6)  # fmt: skip
        canvas.text(x, BIN_FLOOR + 45, LETTERS[c], size=44, fill=INK, bold=True)
