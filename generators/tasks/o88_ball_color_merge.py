"""Ball colour merging: balls enter a tray one at a time and slide left against the last
ball; two touching balls of the same colour merge into one bigger ball of the next colour of
the chart, which may merge again with its left neighbour.

The tray's row is a stack whose neighbours always differ in colour, so each entering ball
merges at most in a chain leftwards: the final row follows from the rule alone. The checker
replays every entry and merge and compares them and the final row.
"""

from __future__ import annotations

import itertools
import math

from generators.kit import INK, MUTED, NAMED, Param, Task, easing, register, require
from generators.kit.geometry import round_corners

CHART = ("yellow", "orange", "red", "purple", "blue", "green")  # two of one make one of the next
RADII = (26.0, 34.0, 44.0, 56.0, 70.0, 86.0)
CHART_Y, QUEUE_Y, LANE_Y, FLOOR_Y = 170.0, 440.0, 555.0, 850.0
WALL_X, TRAY_END, GAP = 60.0, 940.0, 14.0  # tray's left wall and right end; queue spacing


def settle(row: list[int], ball: int) -> tuple[list[int], int]:
    """The row after a ball of this colour level slides in, and how many merges it made."""
    row, merges = [*row, ball], 0
    while len(row) > 1 and row[-1] == row[-2]:
        row[-2:] = [row[-1] + 1]
        merges += 1
    return row, merges


def width(row) -> float:
    return sum(2 * RADII[b] for b in row)


def centres(row) -> list[float]:
    xs, x = [], WALL_X
    for b in row:
        xs.append(x + RADII[b])
        x += 2 * RADII[b]
    return xs


@register(
    "O-88_ball_color_merge",
    title="Ball colour merging",
    description="Balls enter a tray one at a time; two touching balls of one colour merge into a bigger ball of the next colour. Give the final row.",
    category="puzzles-logic",
    params=[
        Param("queue", "int", 6, 3, 10, help="balls waiting to enter"),
        Param("colors", "int", 4, 2, 4, help="colours of the chart the waiting balls have"),
        Param("start", "int", 3, 0, 3, help="balls already in the tray"),
    ],
    shard_size=60,
    version=2,  # level 1 draws from a larger space
    memory="low",
    instances=200_000,
    faculty="abstraction",
    levels={
        1: {"queue": 5, "colors": 3, "start": 1},  # 4 balls of 2 colours: ~70 puzzles
        2: {"queue": 5, "colors": 3, "start": 2},
        3: {"queue": 6, "colors": 4, "start": 3},
        4: {"queue": 8, "colors": 4, "start": 3},
        5: {"queue": 10, "colors": 4, "start": 3},
    },
)  # fmt: skip
class BallColorMerge(Task):
    def generate(self, rng, params):
        while True:
            queue = [int(rng.integers(params["colors"])) for _ in range(params["queue"])]
            tray = []
            while len(tray) < params["start"]:  # neighbours differ, as the rule leaves them
                b = int(rng.integers(len(CHART) - 1))
                if not tray or b != tray[-1]:
                    tray.append(b)
            row, fits, merges = tray, True, 0
            for b in queue:
                fits &= width(row) + 2 * RADII[b] <= TRAY_END - WALL_X - 40
                row, m = settle(row, b)
                merges += m
                if max(row) >= len(CHART):  # past the chart's last colour
                    fits = False
                    break
            queue_w = sum(2 * RADII[b] for b in queue) + GAP * (len(queue) - 1)
            if fits and merges and queue_w <= 900:
                return {"tray": [CHART[b] for b in tray], "queue": [CHART[b] for b in queue]}

    def solve(self, puzzle, params):
        row, entries = [CHART.index(c) for c in puzzle["tray"]], []
        for c in puzzle["queue"]:
            row, m = settle(row, CHART.index(c))
            entries.append({"ball": c, "merges": m})
        return {"entries": entries, "final": [CHART[b] for b in row]}

    def check(self, puzzle, answer, params):
        tray = puzzle["tray"]
        require(all(c in CHART[:-1] for c in tray + puzzle["queue"]), "a ball is not in the chart")
        require(
            all(a != b for a, b in itertools.pairwise(tray)),
            "two same-coloured balls touch at the start",
        )
        entries = answer["entries"]
        require([e.get("ball") for e in entries] == puzzle["queue"],
                "the balls do not enter in the queue's order, each once")  # fmt: skip
        row = [CHART.index(c) for c in tray]
        for k, e in enumerate(entries):
            row.append(CHART.index(e["ball"]))
            merges = 0
            while len(row) > 1 and row[-1] == row[-2]:
                require(row[-1] + 1 < len(CHART), "a merge goes past the chart's last colour")
                row[-2:] = [row[-1] + 1]
                merges += 1
            require(
                e.get("merges") == merges,
                f"ball {k + 1} makes {merges} merges, not {e.get('merges')}",
            )
            require(width(row) <= TRAY_END - WALL_X, "the row overflows the tray")
        require(
            answer["final"] == [CHART[b] for b in row], "the final row is not what the rule makes"
        )

    def prompt(self, puzzle, params):
        n, t = len(puzzle["queue"]), len(puzzle["tray"])
        held = f"holds {t} ball{'s' if t > 1 else ''}" if t else "is empty"
        return (
            "The chart at the top shows ball colours in order from smallest to biggest: two "
            "touching balls of the same colour merge into one ball of the next colour in the "
            f"chart. The tray at the bottom {held}, pushed against its left wall; {n} balls wait "
            "in a queue above it. The balls enter the tray one at a time, the leftmost of the "
            "queue first: each slides left until it touches the last ball of the tray (or the "
            "wall). Whenever two touching balls have the same colour they merge at once into "
            "one ball of the next colour, pushed against its left neighbour, and it may merge "
            "again. Carry out every entry and merge, one at a time; the chart stays unchanged. "
            "The video ends when the queue is empty."
        )

    def rubric(self, puzzle, answer, params):
        merges = sum(e["merges"] for e in answer["entries"])
        chains = [k + 1 for k, e in enumerate(answer["entries"]) if e["merges"] > 1]
        return "\n".join([
            "1. The chart does not change; the queue's balls enter left to right, one at a time.",
            f"2. There are {merges} merges in all" + (
                f"; ball{'s' if len(chains) > 1 else ''} {' and '.join(map(str, chains))} of the "
                f"queue set{'' if len(chains) > 1 else 's'} off a chain of merges." if chains else "."),
            "3. Every merge joins two touching balls of the same colour into one ball of the next "
            "colour; balls never overlap and never jump.",
            f"4. In the final frame the tray holds, left to right: {', '.join(answer['final'])}.",
        ])  # fmt: skip

    def render(self, puzzle, answer, params, film):
        base = film.canvas()
        draw_chart(base)
        base.line([(WALL_X - 6, FLOOR_Y - 200), (WALL_X - 6, FLOOR_Y + 6), (TRAY_END + 6, FLOOR_Y + 6),
                   (TRAY_END + 6, FLOOR_Y - 60)], fill=INK, width=10)  # fmt: skip
        queue = [CHART.index(c) for c in puzzle["queue"]]
        spots, x = [], 500 - (width(queue) + GAP * (len(queue) - 1)) / 2
        for b in queue:
            spots.append(x + RADII[b])
            x += 2 * RADII[b] + GAP
        base.text(50, QUEUE_Y - 90, "Queue", size=40, fill=MUTED, anchor="lm")
        row = [CHART.index(c) for c in puzzle["tray"]]

        def scene(row, waiting):
            frame = base.copy()
            for b, cx in zip(row, centres(row), strict=True):
                ball(frame, b, cx, FLOOR_Y - RADII[b])
            for i in waiting:
                ball(frame, queue[i], spots[i], QUEUE_Y)
            return frame

        film.opening(scene(row, range(len(queue))))
        for i, b in enumerate(queue):
            rest, r = scene(row, range(i + 1, len(queue))), RADII[b]
            end = WALL_X + width(row) + r
            path = round_corners([(spots[i], QUEUE_Y), (spots[i], LANE_Y), (end, LANE_Y),
                                  (end, FLOOR_Y - r)], 60)  # fmt: skip
            length = sum(math.dist(p, q) for p, q in itertools.pairwise(path))
            for t in easing.steps(
                film.seconds(max(0.5, easing.glide_seconds(length))), easing.cruise
            ):
                frame = rest.copy()
                ball(frame, b, *easing.along_polyline(path, t))
                film.add(frame)
            row = [*row, b]
            while len(row) > 1 and row[-1] == row[-2]:
                merged = [*row[:-2], row[-1] + 1]
                merge(film, scene(row[:-2], range(i + 1, len(queue))), row, merged)
                row = merged
            if i + 1 < len(queue):
                film.hold(scene(row, range(i + 1, len(queue))), 0.2)
        film.closing(scene(row, []))


def merge(film, rest, row, merged) -> None:
    """The last two balls slide into one and take the next colour, pushed to the left."""
    (a, b), c = centres(row)[-2:], centres(merged)[-1]
    old, new = NAMED[CHART[row[-1]]], NAMED[CHART[merged[-1]]]
    r0, r1 = RADII[row[-1]], RADII[merged[-1]]
    for t in easing.steps(easing.glide_frames(film, abs(b - c), least=0.5), easing.ease_in_out):
        frame = rest.copy()
        r = easing.lerp(r0, r1, t)
        fill = easing.lerp_color(old, new, t)
        for x in (a, b):
            frame.circle(easing.lerp(x, c, t), FLOOR_Y - r, r, fill=fill, outline=INK, width=4)
        film.add(frame)


def ball(canvas, level: int, x: float, y: float) -> None:
    canvas.circle(x, y, RADII[level], fill=NAMED[CHART[level]], outline=INK, width=4)


def draw_chart(canvas) -> None:
    """The colours in order at their sizes, arrows between them."""
    total = 2 * sum(RADII) + 50 * (len(CHART) - 1)
    x = 500 - total / 2
    for level in range(len(CHART)):
        ball(canvas, level, x + RADII[level], CHART_Y)
        x += 2 * RADII[level]
        if level + 1 < len(CHART):
            canvas.arrow((x + 8, CHART_Y), (x + 42, CHART_Y), fill=INK, width=6, head=18)
            x += 50
    canvas.crisp_line(40, 285, 960, 285, MUTED, 3)
