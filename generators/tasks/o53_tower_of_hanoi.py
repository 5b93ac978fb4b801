"""Tower of Hanoi: move every disk onto the target peg in the fewest moves.

The classic start stacks all disks on one peg (2^n - 1 moves); with start=any the disks
begin in any legal arrangement. Either way the shortest solution is unique, and the
checker proves it by searching every arrangement. The video animates each move.
"""

from __future__ import annotations

import itertools
from collections import deque
from functools import cache

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
PEG_X = (200, 500, 800)
BASE_Y = 800
DISK_COLORS = ("red", "orange", "yellow", "green", "blue", "purple")  # smallest first


def optimal_moves(where: list[int], target: int) -> list[list[int]]:
    """Shortest move list taking every disk to `target`; where[d] = peg of disk d (0 smallest).

    The largest disk not yet on the target must move there once, so everything smaller
    first gathers on the third peg: the classic recursion, which is the unique optimum."""
    where = list(where)
    moves: list[list[int]] = []

    def gather(k: int, peg: int) -> None:  # bring disks 0..k-1 onto `peg`
        for d in range(k - 1, -1, -1):
            if where[d] != peg:
                spare = 3 - where[d] - peg
                gather(d, spare)
                moves.append([where[d], peg])
                where[d] = peg
                gather(d, peg)
                return

    gather(len(where), target)
    return moves


def stacks(where: list[int]) -> list[list[int]]:
    """Disks on each peg, bottom (largest) first."""
    return [[d for d in range(len(where) - 1, -1, -1) if where[d] == p] for p in range(3)]


def shortest_paths(where: list[int], target: int) -> tuple[int, int]:
    """(fewest moves to put every disk on `target`, number of different shortest solutions)
    by breadth-first search over all 3^n arrangements."""
    start, goal = tuple(where), tuple([target] * len(where))
    dist, ways = {start: 0}, {start: 1}
    queue = deque([start])
    while queue:
        s = queue.popleft()
        if s == goal:
            return dist[s], ways[s]
        tops = [min((d for d in range(len(s)) if s[d] == p), default=None) for p in range(3)]
        for a in range(3):
            if tops[a] is None:
                continue
            for b in range(3):
                if b != a and (tops[b] is None or tops[b] > tops[a]):
                    t = list(s)
                    t[tops[a]] = b
                    t = tuple(t)
                    if t not in dist:
                        dist[t], ways[t] = dist[s] + 1, ways[s]
                        queue.append(t)
                    elif dist[t] == dist[s] + 1:
                        ways[t] += ways[s]
    raise ValueError("target unreachable")


@cache
def start_positions(n: int) -> tuple[tuple[tuple[int, ...], int], ...]:
    """Every (arrangement, target peg) that is not near-finished: at least 2^(n-2) moves to
    go (any arrangement of disks on pegs is legal, each peg stacked largest first)."""
    return tuple(
        (where, target)
        for where in itertools.product(range(3), repeat=n)
        for target in range(3)
        if len(optimal_moves(list(where), target)) >= 2 ** (n - 2)
    )


@register(
    "O-53_tower_of_hanoi",
    title="Tower of Hanoi",
    description="Move every disk onto the target peg in the fewest moves, never a larger disk on a smaller one.",
    category="puzzles-logic",
    params=[
        Param("disks", "int", 4, 3, 6, help="number of disks"),
        Param(
            "start",
            "str",
            "tower",
            choices=("tower", "any"),
            help="all disks stacked on one peg (classic), or any legal arrangement",
        ),
    ],
    shard_size=40,
    memory="low",
    # the classic start: 6 (source, target) peg pairs; start=any gives 8/9 of the 3^(n+1)
    # (arrangement, target) pairs (216 with 4 disks, 72 with 3)
    instances=6,
)
class TowerOfHanoi(Task):
    def generate(self, rng, params):
        """The (source, target) pair, or the (arrangement, target) pair, is the instance
        number, so a seed's first samples are all different while they last."""
        n = params["disks"]
        if params["start"] == "tower":
            source, other = divmod(distinct(rng, 6), 2)
            target = [p for p in range(3) if p != source][other]
            where = [source] * n
        else:
            starts = start_positions(n)
            where, target = starts[distinct(rng, len(starts))]
        return {"disks": n, "where": list(where), "target": PEGS[target]}

    def solve(self, puzzle, params):
        moves = optimal_moves(puzzle["where"], PEGS.index(puzzle["target"]))
        return {"moves": [[PEGS[a], PEGS[b]] for a, b in moves], "count": len(moves)}

    def check(self, puzzle, answer, params):
        where, target = list(puzzle["where"]), PEGS.index(puzzle["target"])
        n = puzzle["disks"]
        require(len(where) == n and all(p in (0, 1, 2) for p in where), "bad starting pegs")
        pegs = stacks(where)
        for k, (a, b) in enumerate(answer["moves"]):
            src, dst = PEGS.index(a), PEGS.index(b)
            require(src != dst, f"move {k + 1} does not change peg")
            require(pegs[src], f"move {k + 1} takes from the empty peg {a}")
            disk = pegs[src][-1]
            require(not pegs[dst] or pegs[dst][-1] > disk,
                    f"move {k + 1} puts a larger disk on a smaller one")  # fmt: skip
            pegs[dst].append(pegs[src].pop())
        require(len(pegs[target]) == n, "not every disk ends on the target peg")
        require(answer["count"] == len(answer["moves"]), "the move count is wrong")
        best, ways = shortest_paths(puzzle["where"], target)
        require(len(answer["moves"]) == best, f"{len(answer['moves'])} moves, but {best} suffice")
        require(ways == 1, "the shortest solution is not unique")
        if len(set(puzzle["where"])) == 1:
            require(best == 2**n - 1, "a full tower should take 2^n - 1 moves")

    def prompt(self, puzzle, params):
        n, target = puzzle["disks"], puzzle["target"]
        pegs = stacks(puzzle["where"])
        if len(set(puzzle["where"])) == 1:
            start = f"All {n} disks are stacked on peg {PEGS[puzzle['where'][0]]}, largest at the bottom."
        else:
            parts = [f"peg {PEGS[p]} holds {len(s)} disk{'s' if len(s) != 1 else ''}" if s
                     else f"peg {PEGS[p]} is empty" for p, s in enumerate(pegs)]  # fmt: skip
            start = f"The {n} disks start spread over the pegs: " + ", ".join(parts) + "."
        return (
            f"The image shows a Tower of Hanoi: three pegs labelled A, B and C and {n} coloured "
            f"disks of different sizes. {start} Move every disk onto peg {target} using the "
            "fewest possible moves. Move one disk at a time, always the top disk of a peg, and "
            "never place a disk on a smaller one. The pegs and disks do not change size or "
            f"colour. The counter at the top shows the moves made; the video ends when all {n} "
            f"disks are stacked on peg {target}."
        )

    def rubric(self, puzzle, answer, params):
        moves = answer["moves"]
        first = ", ".join(f"{a}->{b}" for a, b in moves[:3])
        return "\n".join([
            "1. Only one disk moves at a time, always the top disk of its peg.",
            "2. A disk is never placed on a smaller disk.",
            f"3. The solution takes exactly {answer['count']} moves, the fewest possible; the "
            f"counter ends at {answer['count']}.",
            f"4. The first moves are {first}" + (" ..." if len(moves) > 3 else "") + ".",
            f"5. The final frame shows all {puzzle['disks']} disks on peg {puzzle['target']}, "
            "largest at the bottom.",
        ])  # fmt: skip

    def render(self, puzzle, answer, params, film):
        n = puzzle["disks"]
        h = min(62.0, 360 / n)
        widths = [110 + (270 - 110) * d / max(1, n - 1) for d in range(n)]
        base = film.canvas()
        base.text(500, 95, f"Move all disks to peg {puzzle['target']}", size=52, bold=True)
        top = BASE_Y - h * n - 70
        for i, x in enumerate(PEG_X):
            base.rect(x - 9, top, x + 9, BASE_Y, fill=darken(NAMED["brown"], 0.1), radius=6)
            base.text(x, BASE_Y + 62, PEGS[i], size=56, bold=True)
        base.rect(60, BASE_Y, 940, BASE_Y + 24, fill=NAMED["brown"], radius=6)
        tgt = PEG_X[PEGS.index(puzzle["target"])]
        base.line([(tgt - 60, BASE_Y + 100), (tgt + 60, BASE_Y + 100)], fill=MUTED, width=6)

        def disk(c: Canvas, d: int, x: float, y: float) -> None:  # y = the disk's bottom
            w = widths[d]
            c.rect(x - w / 2, y - h + 3, x + w / 2, y, fill=NAMED[DISK_COLORS[d]], outline=INK,
                   width=4, radius=h * 0.3)  # fmt: skip

        def scene(pegs, count, skip=None) -> Canvas:
            c = base.copy()
            for p, stack in enumerate(pegs):
                for level, d in enumerate(stack):
                    if d != skip:
                        disk(c, d, PEG_X[p], BASE_Y - level * h)
            c.text(500, 175, f"Moves: {count}", size=44, fill=MUTED, bold=True)
            return c

        pegs = stacks(puzzle["where"])
        film.hold(scene(pegs, 0), 1.0)
        moves = answer["moves"]
        per = min(0.35, 5.0 / len(moves))
        lift_y = top - 20
        for k, (a, b) in enumerate(moves, start=1):
            src, dst = PEGS.index(a), PEGS.index(b)
            d = pegs[src][-1]
            still = scene(pegs, k - 1, skip=d)
            start = (PEG_X[src], BASE_Y - (len(pegs[src]) - 1) * h)
            end = (PEG_X[dst], BASE_Y - len(pegs[dst]) * h)
            path = [start, (PEG_X[src], lift_y), (PEG_X[dst], lift_y), end]
            for t in list(easing.steps(film.seconds(per), easing.ease_in_out))[:-1]:
                frame = still.copy()
                disk(frame, d, *easing.along_polyline(path, t))
                film.add(frame)
            pegs[dst].append(pegs[src].pop())
            film.add(scene(pegs, k))  # the disk lands and the counter steps on
        film.hold(scene(pegs, len(moves)), 1.5)
