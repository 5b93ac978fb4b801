"""Targets without crossing: move every coloured disc onto its own numbered target ring along
a straight line, all at once, so that no two paths cross.

Positions are drawn at random and kept only when exactly one assignment of discs to rings
has no two crossing paths (the checker tries every assignment with its own segment
intersection test), and when that assignment's paths stay clear of each other and of the
other discs and rings, so the discs glide at the same time without touching.
"""

from __future__ import annotations

import itertools
import math

from generators.kit import INK, MUTED, NAMED, Param, Task, easing, register, require
from generators.kit.geometry import segment_distance
from generators.kit.rng import choose

COLORS = ("red", "blue", "green", "orange", "purple")
R, RING = 40.0, 48.0  # disc radius, target ring radius
CLEAR = 2 * R + 16  # least distance between two paths, or a path and another disc or ring
SPREAD = 170.0  # least distance between any two starting points


def cross(p, q, a, b) -> bool:
    """Do segments p-q and a-b cross (touching counts)? By orientation signs."""

    def side(o, u, v) -> float:
        return (u[0] - o[0]) * (v[1] - o[1]) - (u[1] - o[1]) * (v[0] - o[0])

    d1, d2, d3, d4 = side(a, b, p), side(a, b, q), side(p, q, a), side(p, q, b)
    return d1 * d2 <= 0 and d3 * d4 <= 0


def crossing_free(discs, rings) -> list[tuple[int, ...]]:
    """Every assignment (disc i to ring perm[i]) whose straight paths never cross."""
    out = []
    for perm in itertools.permutations(range(len(rings))):
        paths = [(discs[i], rings[j]) for i, j in enumerate(perm)]
        if not any(cross(*a, *b) for a, b in itertools.combinations(paths, 2)):
            out.append(perm)
    return out


def roomy(discs, rings, perm) -> bool:
    """The paths stay CLEAR apart and CLEAR of every other disc and ring."""
    paths = [(discs[i], rings[j]) for i, j in enumerate(perm)]
    for (a, b), (c, d) in itertools.combinations(paths, 2):
        if min(segment_distance(a, c, d), segment_distance(b, c, d),
               segment_distance(c, a, b), segment_distance(d, a, b)) < CLEAR:  # fmt: skip
            return False
    points = list(discs) + list(rings)
    return all(segment_distance(p, a, b) >= CLEAR for a, b in paths for p in points
               if p not in (a, b))  # fmt: skip


@register(
    "O-86_two_targets",
    title="Targets without crossing",
    description="Move each coloured disc onto its own numbered ring along a straight line, all at once, so that no two paths cross.",
    category="spatial-visual",
    params=[Param("discs", "int", 3, 2, 5, help="discs and rings")],
    shard_size=60,
    memory="low",
    instances=2_666_666,
    faculty="spatiality",
    levels={1: {"discs": 2}, 2: {"discs": 2}, 3: {"discs": 3}, 4: {"discs": 4}, 5: {"discs": 5}},
)  # fmt: skip
class TwoTargets(Task):
    def generate(self, rng, params):
        n = params["discs"]
        colors = choose(rng, COLORS, n)
        while True:
            points: list[tuple[float, float]] = []
            while len(points) < 2 * n:
                p = (float(rng.uniform(90, 910)), float(rng.uniform(90, 910)))
                if all(math.dist(p, q) >= SPREAD for q in points):
                    points.append((round(p[0], 1), round(p[1], 1)))
            discs, rings = points[:n], points[n:]
            free = crossing_free(discs, rings)
            # the identity would give the answer away in the drawing order: shuffle the rings
            if len(free) == 1 and roomy(discs, rings, free[0]) and free[0] != tuple(range(n)):
                return {"discs": [list(p) for p in discs], "rings": [list(p) for p in rings],
                        "colors": colors}  # fmt: skip

    def solve(self, puzzle, params):
        """The shortest total path length never crosses (uncrossing two crossing paths
        shortens them), so the one crossing-free assignment is the shortest one."""
        discs, rings = puzzle["discs"], puzzle["rings"]
        best = min(itertools.permutations(range(len(rings))),
                   key=lambda p: sum(math.dist(discs[i], rings[j]) for i, j in enumerate(p)))  # fmt: skip
        return {"rings": [j + 1 for j in best]}

    def check(self, puzzle, answer, params):
        discs, rings = puzzle["discs"], puzzle["rings"]
        chosen = answer["rings"]
        require(sorted(chosen) == list(range(1, len(rings) + 1)),
                "the discs do not go to different rings, one each")  # fmt: skip
        perm = tuple(j - 1 for j in chosen)
        paths = [(discs[i], rings[j]) for i, j in enumerate(perm)]
        require(not any(cross(*a, *b) for a, b in itertools.combinations(paths, 2)),
                "two paths cross")  # fmt: skip
        require(len(crossing_free(discs, rings)) == 1,
                "more than one assignment avoids crossings: the puzzle is ambiguous")  # fmt: skip
        require(roomy(discs, rings, perm), "the paths pass too close to each other or a disc")

    def prompt(self, puzzle, params):
        n = len(puzzle["discs"])
        names = ", ".join(puzzle["colors"])
        return (
            f"The image shows {n} coloured discs ({names}) and {n} grey dashed target rings "
            f"numbered 1 to {n}. Move every disc onto a different ring, each along a straight "
            "line, so that no two of the straight paths cross. All discs start together, "
            "glide at the same time and arrive together; the rings stay where they are. The "
            "video ends when every ring holds a disc."
        )

    def rubric(self, puzzle, answer, params):
        pairs = ", ".join(f"{c} to ring {j}" for c, j in zip(puzzle["colors"], answer["rings"]))
        return "\n".join([
            f"1. Each disc ends on a different ring: {pairs}.",
            "2. Every disc moves along a straight line, and no two of these lines cross; this "
            "is the only assignment without crossings.",
            "3. All discs start at the same time and arrive at the same time, gliding smoothly; "
            "no two discs touch on the way.",
            "4. The rings and their numbers stay in place (the discs cover them at the end).",
        ])  # fmt: skip

    def render(self, puzzle, answer, params, film):
        discs, rings, colors = puzzle["discs"], puzzle["rings"], puzzle["colors"]
        base = film.canvas()
        for k, (x, y) in enumerate(rings):
            draw_ring(base, x, y, k + 1)
        targets = [rings[j - 1] for j in answer["rings"]]

        def frame_at(t: float):
            frame = base.copy()
            for a, b, c in zip(discs, targets, colors):
                x, y = easing.lerp_point(a, b, t)
                frame.circle(x, y, R, fill=NAMED[c], outline=INK, width=5)
            return frame

        film.opening(frame_at(0.0))
        longest = max(math.dist(a, b) for a, b in zip(discs, targets))
        for t in easing.steps(film.seconds(easing.glide_seconds(longest)), easing.cruise):
            film.add(frame_at(t))
        film.closing(frame_at(1.0))


def draw_ring(canvas, x: float, y: float, number: int) -> None:
    n = 24
    for k in range(n):  # a dashed circle
        a0, a1 = 2 * math.pi * k / n, 2 * math.pi * (k + 0.55) / n
        arc = [(x + RING * math.cos(a0 + (a1 - a0) * i / 4), y + RING * math.sin(a0 + (a1 - a0) * i / 4))
               for i in range(5)]  # fmt: skip
        canvas.line(arc, fill=MUTED, width=6)
    canvas.text(x, y, str(number), size=48, fill=MUTED, bold=True)
