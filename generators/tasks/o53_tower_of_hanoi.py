"""Tower of Hanoi: rearrange the disks into the goal picture in the fewest moves.

Start and goal are any two legal arrangements of the disks on three pegs whose shortest
solution is unique and a given number of moves long. The solver plans by the classic
recursion (the largest misplaced disk goes straight to its goal peg, or over the spare peg
when that is shorter); the checker replays the moves and compares with a breadth-first
search over every arrangement, which also proves the shortest solution unique. The video
lifts, carries and drops each disk.
"""

from __future__ import annotations

import itertools
from collections import deque

from generators.kit import (
    INK,
    MUTED,
    NAMED,
    Canvas,
    Param,
    Task,
    distinct,
    easing,
    register,
    require,
)
from generators.kit.palette import darken

PEGS = "ABC"
PEG_X = (250.0, 500.0, 750.0)
BASE_Y = 905.0
GOAL_BASE_Y, GOAL_SCALE = 405.0, 0.55  # the goal picture: the board shrunk above the board
DISK_COLORS = ("red", "orange", "yellow", "green", "cyan", "blue", "purple", "pink")  # small first
MAX_DISKS = len(DISK_COLORS)
PEG = darken(NAMED["brown"], 0.3)


def search(start: tuple, limit: int) -> tuple[dict, dict]:
    """(fewest moves, number of shortest move lists) from `start` to every arrangement at
    most `limit` moves away: breadth-first search; an arrangement gives each disk's peg."""
    dist, ways = {start: 0}, {start: 1}
    queue = deque([start])
    while queue:
        s = queue.popleft()
        if dist[s] == limit:
            continue
        tops = [min((d for d in range(len(s)) if s[d] == p), default=None) for p in range(3)]
        for a, disk in enumerate(tops):
            for b in range(3):
                if disk is None or b == a or (tops[b] is not None and tops[b] < disk):
                    continue
                t = (*s[:disk], b, *s[disk + 1 :])
                if t not in dist:
                    dist[t], ways[t] = dist[s] + 1, ways[s]
                    queue.append(t)
                elif dist[t] == dist[s] + 1:
                    ways[t] += ways[s]
    return dist, ways


def plan(start: tuple, goal: tuple) -> list[tuple[int, int]]:
    """A shortest list of (from peg, to peg) moves between two arrangements, by recursion on
    the largest disk that is not yet on its goal peg."""
    memo: dict[tuple, tuple] = {}

    def between(where: tuple, want: tuple) -> tuple:
        if (where, want) in memo:
            return memo[where, want]
        wrong = [d for d in range(len(where)) if where[d] != want[d]]
        if not wrong:
            return ()
        d = wrong[-1]
        src, dst = where[d], want[d]
        spare = 3 - src - dst

        def smaller_on(peg: int, at: tuple) -> tuple:  # the disks below d gathered on one peg
            return (peg,) * d + at[d:]

        direct = (*between(where, smaller_on(spare, where)), (src, dst),
                  *between(smaller_on(spare, want), want))  # fmt: skip
        around = (*between(where, smaller_on(dst, where)), (src, spare),
                  *between(smaller_on(dst, where), smaller_on(src, where)), (spare, dst),
                  *between(smaller_on(src, want), want))  # fmt: skip
        memo[where, want] = min(direct, around, key=len)
        return memo[where, want]

    return list(between(tuple(start), tuple(goal)))


def stacks(where) -> list[list[int]]:
    """Disks on each peg, bottom (largest) first."""
    return [[d for d in range(len(where) - 1, -1, -1) if where[d] == p] for p in range(3)]


@register(
    "O-53_tower_of_hanoi",
    title="Tower of Hanoi",
    description="Rearrange Tower of Hanoi disks into the goal picture in the fewest moves, never a larger disk on a smaller one.",
    category="puzzles-logic",
    params=[
        Param("min_disks", "int", 6, 3, MAX_DISKS, help="fewest disks"),
        Param("max_disks", "int", 7, 3, MAX_DISKS, help="most disks"),
        Param("min_moves", "int", 5, 1, 24, help="fewest moves of the shortest solution"),
        Param("max_moves", "int", 11, 1, 24, help="most moves of the shortest solution"),
    ],
    shard_size=20,
    memory="low",
    faculty="spatiality",
    levels={
        1: {"min_disks": 3, "max_disks": 3, "min_moves": 2, "max_moves": 4},
        2: {"min_disks": 4, "max_disks": 5, "min_moves": 3, "max_moves": 8},
        3: {"min_disks": 6, "max_disks": 7, "min_moves": 5, "max_moves": 11},
        4: {"min_disks": 7, "max_disks": 7, "min_moves": 10, "max_moves": 15},
        5: {"min_disks": 7, "max_disks": 8, "min_moves": 14, "max_moves": 20},
    },
    # pairs of arrangements with a unique shortest solution of 5-11 moves: 42,948 with 6
    # disks and 131,724 with 7 (counted by search); drawn half and half, they repeat about
    # as often as 130,000 equally likely puzzles would
    instances=100_000,
)
class TowerOfHanoi(Task):
    def generate(self, rng, params):
        """The start arrangement is the instance number (so a seed's first samples start
        differently), the goal is drawn among the arrangements whose shortest solution from
        the start is unique and of a length in range (every start has some)."""
        lo_n, hi_n = sorted((params["min_disks"], params["max_disks"]))
        lo, hi = sorted((params["min_moves"], params["max_moves"]))
        n = int(rng.integers(lo_n, hi_n + 1))
        number = distinct(rng, 3**n)
        start = tuple(number // 3**d % 3 for d in range(n))
        dist, ways = search(start, hi)
        goals = sorted(g for g, k in dist.items() if k >= lo and ways[g] == 1)
        if not goals:
            raise ValueError(f"{n} disks allow no unique solution of {lo}-{hi} moves")
        return {"start": list(start), "goal": list(goals[int(rng.integers(len(goals)))])}

    def solve(self, puzzle, params):
        moves = plan(tuple(puzzle["start"]), tuple(puzzle["goal"]))
        return {"moves": [[PEGS[a], PEGS[b]] for a, b in moves], "count": len(moves)}

    def check(self, puzzle, answer, params):
        start, goal = puzzle["start"], puzzle["goal"]
        require(len(start) == len(goal) and all(p in (0, 1, 2) for p in start + goal),
                "bad arrangements")  # fmt: skip
        pegs = stacks(start)
        for k, (a, b) in enumerate(answer["moves"]):
            src, dst = PEGS.index(a), PEGS.index(b)
            require(src != dst, f"move {k + 1} does not change peg")
            require(pegs[src], f"move {k + 1} takes from the empty peg {a}")
            require(not pegs[dst] or pegs[dst][-1] > pegs[src][-1],
                    f"move {k + 1} puts a larger disk on a smaller one")  # fmt: skip
            pegs[dst].append(pegs[src].pop())
        require(pegs == stacks(goal), "the disks do not end as in the goal picture")
        require(answer["count"] == len(answer["moves"]), "the move count is wrong")
        dist, ways = search(tuple(start), len(answer["moves"]))
        best = dist.get(tuple(goal))
        require(best == len(answer["moves"]), f"{len(answer['moves'])} moves, but {best} suffice")
        require(ways[tuple(goal)] == 1, "the shortest solution is not unique")

    def prompt(self, puzzle, params):
        n = len(puzzle["start"])
        return (
            f"The image shows a Tower of Hanoi: three pegs labelled A, B and C with {n} coloured "
            "disks of different sizes, and above it a small picture labelled 'Goal' showing the "
            "same pegs and disks in another arrangement. Move the disks until the pegs look "
            "exactly like the goal picture, using the fewest possible moves. Move one disk at a "
            "time, always the top disk of a peg, and never place a disk on a smaller one; each "
            "disk is lifted off its peg, carried over and lowered onto the other peg. The pegs, "
            "the disks' sizes and colours and the goal picture do not change. The counter shows "
            "the moves made; the video ends when the pegs match the goal picture."
        )

    def rubric(self, puzzle, answer, params):
        moves = answer["moves"]
        first = ", ".join(f"{a}->{b}" for a, b in moves[:3])
        final = "; ".join(f"peg {PEGS[p]}: " + (", ".join(DISK_COLORS[d] for d in s) or "empty")
                          for p, s in enumerate(stacks(puzzle["goal"])))  # fmt: skip
        return "\n".join([
            "1. Only one disk moves at a time, always the top disk of its peg; it is lifted, "
            "carried and lowered, never jumping.",
            "2. A disk is never placed on a smaller disk.",
            f"3. The solution takes exactly {answer['count']} moves, the fewest possible (this "
            f"shortest solution is unique); the counter ends at {answer['count']}.",
            f"4. The moves begin {first}" + (", ..." if len(moves) > 3 else "") + ".",
            f"5. The final frame matches the goal picture, bottom to top: {final}.",
        ])  # fmt: skip

    def render(self, puzzle, answer, params, film):
        board = Board(len(puzzle["start"]), film.canvas())
        board.goal_picture(puzzle["goal"])
        pegs = stacks(puzzle["start"])
        film.opening(board.scene(pegs, 0))
        for k, (a, b) in enumerate(answer["moves"], start=1):
            src, dst = PEGS.index(a), PEGS.index(b)
            d = pegs[src].pop()
            path = [(PEG_X[src], board.level_y(len(pegs[src]))), (PEG_X[src], board.lift_y),
                    (PEG_X[dst], board.lift_y), (PEG_X[dst], board.level_y(len(pegs[dst])))]  # fmt: skip
            length = sum(abs(p[0] - q[0]) + abs(p[1] - q[1]) for p, q in itertools.pairwise(path))
            for t in easing.steps(film.seconds(easing.glide_seconds(length)), easing.cruise):
                film.add(board.scene(pegs, k - 1, (d, *easing.along_polyline(path, t))))
            pegs[dst].append(d)
            film.add(board.scene(pegs, k))  # the disk has landed: the counter steps on
        film.closing(board.scene(pegs, len(answer["moves"])))


class Board:
    """The pegs, their disks and the goal picture on the 1000-unit canvas."""

    def __init__(self, n: int, base: Canvas):
        self.n = n
        self.h = min(40.0, 220.0 / n)  # disk height
        self.widths = [70.0 + 160.0 * d / (MAX_DISKS - 1) for d in range(n)]
        self.peg_top = BASE_Y - self.h * n - 35
        self.lift_y = self.peg_top - 12  # a lifted disk's bottom clears every peg top
        self.base = base
        base.text(500, 60, "Rearrange the disks to match the goal", size=50, bold=True)
        self.base_bar(base, 500.0, BASE_Y, 1.0)
        for x, name in zip(PEG_X, PEGS):
            base.text(x, BASE_Y + 58, name, size=50, bold=True)

    def level_y(self, level: int) -> float:
        """The bottom of the disk at `level` (0 = on the base) of a peg."""
        return BASE_Y - level * self.h

    def pegs(self, c: Canvas, cx: float, base_y: float, scale: float) -> None:
        """The pegs, drawn in front of the disks as rods through their holes (snapped to whole
        pixels: a blended rim would change with the disks behind it)."""
        for x in PEG_X:
            x = cx + (x - 500) * scale
            c.crisp_line(x, base_y - (BASE_Y - self.peg_top) * scale, x, base_y, PEG, 14 * scale)

    def base_bar(self, c: Canvas, cx: float, base_y: float, scale: float) -> None:
        c.rect(cx - 370 * scale, base_y, cx + 370 * scale, base_y + 22 * scale,
               fill=NAMED["brown"], radius=6 * scale)  # fmt: skip

    def disk(self, c: Canvas, d: int, x: float, y: float, scale: float = 1.0) -> None:
        """Disk d centred on x with its bottom at y."""
        w, h = self.widths[d] * scale, self.h * scale
        c.rect(x - w / 2, y - h + 2 * scale, x + w / 2, y, fill=NAMED[DISK_COLORS[d]],
               outline=INK, width=3 * scale, radius=h * 0.3)  # fmt: skip

    def goal_picture(self, goal) -> None:
        c, s = self.base, GOAL_SCALE
        top = GOAL_BASE_Y - (BASE_Y - self.peg_top) * s
        c.rect(180, top - 28, 820, GOAL_BASE_Y + 32, outline=MUTED, width=4, radius=14)
        c.text(245, (top + GOAL_BASE_Y) / 2, "Goal", size=44, bold=True, fill=MUTED)
        self.base_bar(c, 500.0, GOAL_BASE_Y, s)
        for p, stack in enumerate(stacks(goal)):
            for level, d in enumerate(stack):
                self.disk(c, d, 500 + (PEG_X[p] - 500) * s, GOAL_BASE_Y - level * self.h * s, s)
        self.pegs(c, 500.0, GOAL_BASE_Y, s)

    def scene(self, pegs, count: int, moving: tuple | None = None) -> Canvas:
        """The board with its stacked disks, and a moving (disk, x, y) if given."""
        c = self.base.copy()
        for p, stack in enumerate(pegs):
            for level, d in enumerate(stack):
                self.disk(c, d, PEG_X[p], self.level_y(level))
        if moving:
            self.disk(c, *moving)
        self.pegs(c, 500.0, BASE_Y, 1.0)
        c.text(500, 130, f"Moves: {count}", size=42, fill=MUTED, bold=True)
        return c
