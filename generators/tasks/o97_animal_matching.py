"""Animal matching: move each coloured animal onto the grey shadow of the same animal facing
the same way; decoy shadows show other animals or, at higher levels, the same animals facing
the other way.

Every (animal, facing) pair of the left column has exactly one shadow on the right, and no
decoy repeats one, so the matching is unique; the checker compares kinds and facings on
its own. Animals glide one at a time, through the empty middle, and arrive from the left.
"""

from __future__ import annotations

import itertools
import math

from generators.kit import MUTED, NAMED, Param, Task, easing, register, require
from generators.kit.animals import ANIMALS, draw_animal
from generators.kit.geometry import round_corners
from generators.kit.rng import choose, pick, shuffled

SIZE = 72.0  # an animal's largest size (its box is about 2 x 1.6 of it)
ANIMAL_X, SHADOW_X = 200.0, 730.0
SPEED = 0.85 * easing.GLIDE_SPEED  # a margin: an animal is several exact-colour parts
SHADOW = (160, 162, 166)
COLORS = ("red", "blue", "green", "orange", "purple", "pink", "brown", "cyan")


def column(count: int, i: int) -> float:
    step = min(180.0, 880.0 / count)
    return 540 + step * (i - (count - 1) / 2)


@register(
    "O-97_animal_matching",
    title="Animal matching",
    description="Move each coloured animal onto the grey shadow of the same animal facing the same way, among decoy shadows.",
    category="spatial-visual",
    params=[
        Param("animals", "int", 3, 2, 5, help="coloured animals to match"),
        Param("decoys", "int", 2, 0, 3, help="shadows no animal matches"),
        Param("mirrored", "bool", False, help="decoys may be a matched animal facing the other way"),
    ],
    shard_size=60,
    memory="low",
    instances=2_666_666,
    faculty="perception",
    levels={
        1: {"animals": 2, "decoys": 0, "mirrored": False},
        2: {"animals": 3, "decoys": 1, "mirrored": False},
        3: {"animals": 3, "decoys": 2, "mirrored": False},
        4: {"animals": 4, "decoys": 2, "mirrored": True},
        5: {"animals": 5, "decoys": 3, "mirrored": True},
    },
)  # fmt: skip
class AnimalMatching(Task):
    def generate(self, rng, params):
        n, k = params["animals"], params["decoys"]
        kinds = choose(rng, ANIMALS, n + k)
        animals = [
            [kind, pick(rng, (1, -1)), c] for kind, c in zip(kinds[:n], choose(rng, COLORS, n))
        ]
        decoys = [[kind, pick(rng, (1, -1))] for kind in kinds[n:]]
        if params["mirrored"]:  # up to two decoys: a matched animal turned the other way
            for d in range(min(k, n, 2)):
                decoys[d] = [animals[d][0], -animals[d][1]]
        shadows = shuffled(rng, [a[:2] for a in animals] + decoys)
        return {"animals": animals, "shadows": shadows}

    def solve(self, puzzle, params):
        shadows = [tuple(s) for s in puzzle["shadows"]]
        return {"shadows": [shadows.index((kind, facing)) + 1
                            for kind, facing, _ in puzzle["animals"]]}  # fmt: skip

    def check(self, puzzle, answer, params):
        shadows, animals = puzzle["shadows"], puzzle["animals"]
        keys = [tuple(s) for s in shadows]
        require(len(set(keys)) == len(keys), "two shadows are alike: the matching is ambiguous")
        chosen = answer["shadows"]
        require(len(chosen) == len(animals) and len(set(chosen)) == len(chosen)
                and all(isinstance(j, int) and 1 <= j <= len(shadows) for j in chosen),
                "the animals do not go to different shadows, one each")  # fmt: skip
        for (kind, facing, color), j in zip(animals, chosen):
            s_kind, s_facing = shadows[j - 1]
            require(s_kind == kind, f"the {color} {kind} goes onto a {s_kind}'s shadow")
            require(
                s_facing == facing, f"the {color} {kind} goes onto a shadow facing the other way"
            )

    def prompt(self, puzzle, params):
        n, m = len(puzzle["animals"]), len(puzzle["shadows"])
        names = ", ".join(f"{c} {kind}" for kind, _, c in puzzle["animals"])
        return (
            f"The image shows {n} coloured animals in a column on the left ({names}) and {m} "
            "grey shadows numbered from the top in a column on the right. Move each animal "
            "onto the shadow of the same animal facing the same way, so that it covers the "
            "shadow exactly; some shadows match no animal (other animals, or an animal facing "
            "the other way) and stay uncovered. Animals move one at a time, from the top, "
            "gliding across without turning. The video ends when every animal sits on its "
            "shadow."
        )

    def rubric(self, puzzle, answer, params):
        pairs = "; ".join(f"the {c} {kind} onto shadow {j}"
                          for (kind, _, c), j in zip(puzzle["animals"], answer["shadows"]))  # fmt: skip
        free = [str(j + 1) for j in range(len(puzzle["shadows"])) if j + 1 not in answer["shadows"]]
        return "\n".join([
            f"1. Each animal ends on the shadow of the same animal facing the same way: {pairs}.",
            "2. " + (f"Shadows {', '.join(free)} stay uncovered." if free
                     else "Every shadow gets covered."),
            "3. Animals move one at a time from the top, glide smoothly and never turn or "
            "change size or colour.",
            "4. The shadows and their numbers do not move.",
        ])  # fmt: skip

    def render(self, puzzle, answer, params, film):
        animals, shadows = puzzle["animals"], puzzle["shadows"]
        size = min(SIZE, (column(len(shadows), 1) - column(len(shadows), 0)) / 1.7)
        base = film.canvas()
        for j, (kind, facing) in enumerate(shadows):
            y = column(len(shadows), j)
            draw_animal(base, kind, SHADOW_X, y, size, SHADOW, details=None, outline=None,
                        facing=facing)  # fmt: skip
            base.text(SHADOW_X + 2.1 * size + 10, y, str(j + 1), size=42, fill=MUTED, bold=True)
        where = [(ANIMAL_X, column(len(animals), i)) for i in range(len(animals))]

        def scene(skip=None):
            frame = base.copy()
            for i, (kind, facing, color) in enumerate(animals):
                if i != skip:
                    draw_animal(frame, kind, *where[i], size, NAMED[color], facing=facing)
            return frame

        film.opening(scene())
        for i, j in enumerate(answer["shadows"]):
            start, end = where[i], (SHADOW_X, column(len(shadows), j - 1))
            path = round_corners([start, (ANIMAL_X + 170, start[1]), (SHADOW_X - 200, end[1]), end],
                                 80)  # fmt: skip
            length = sum(math.dist(a, b) for a, b in itertools.pairwise(path))
            rest = scene(skip=i)
            kind, facing, color = animals[i]
            for t in easing.steps(film.seconds(easing.glide_seconds(length, SPEED)), easing.cruise):
                frame = rest.copy()
                draw_animal(frame, kind, *easing.along_polyline(path, t), size, NAMED[color],
                            facing=facing)  # fmt: skip
                film.add(frame)
            where[i] = end
            if i + 1 < len(animals):
                film.hold(scene(), 0.2)
        film.closing(scene())
