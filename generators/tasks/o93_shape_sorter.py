"""Shape sorter: put each loose shape into the hole of its kind and size in the sorter's
lid, turning it by the smallest turn that lines it up.

Holes are different (kind, size) pairs, so each shape has one hole; at higher levels the
lid holds both sizes of a kind and decoy holes, and shapes lie turned. A diamond is a turned
square, so it is left out. The checker recomputes each hole and the smallest turn (modulo
the kind's symmetry) from the puzzle alone.
"""

from __future__ import annotations

import math

from generators.kit import INK, NAMED, Param, Task, easing, register, require
from generators.kit.palette import lighten
from generators.kit.rng import choose, pick, shuffled

KINDS = {"circle": 0, "square": 90, "triangle": 120, "pentagon": 72, "hexagon": 60, "star": 72}
SIZES = {"small": 46.0, "large": 68.0}
COLORS = ("red", "blue", "green", "orange", "purple", "yellow", "pink", "cyan")
HOLE = (88, 84, 80)  # a hole is dark, a little larger than its shape
LID = (0.0, 60.0, 1000.0, 440.0)  # the lid's band (x0, y0, x1, y1); the shapes lie below
COLS = 4


def cell(i: int, top: float, height: float) -> tuple[float, float]:
    return (140 + (i % COLS) * 240, top + (i // COLS + 0.5) * height)


def smallest_turn(kind: str, start: int, goal: int) -> int:
    """The turn (degrees, clockwise positive) of least size taking `start` to `goal`."""
    period = KINDS[kind]
    if not period:
        return 0
    d = (goal - start) % period
    return d - period if d > period / 2 else d


@register(
    "O-93_shape_sorter",
    title="Shape sorter",
    description="Put each loose shape into the hole of its kind and size, turning it by the smallest turn that fits.",
    category="spatial-visual",
    params=[
        Param("shapes", "int", 3, 1, 5, help="loose shapes to put away"),
        Param("decoys", "int", 1, 0, 2, help="holes no shape fits"),
        Param("twins", "int", 1, 0, 2, help="kinds whose hole comes in both sizes"),
    ],
    shard_size=60,
    memory="low",
    instances=1_000_000,
    faculty="spatiality",
    levels={
        1: {"shapes": 2, "decoys": 0, "twins": 0},
        2: {"shapes": 2, "decoys": 1, "twins": 0},
        3: {"shapes": 3, "decoys": 1, "twins": 1},
        4: {"shapes": 4, "decoys": 2, "twins": 1},
        5: {"shapes": 5, "decoys": 2, "twins": 2},
    },
)  # fmt: skip
class ShapeSorter(Task):
    def generate(self, rng, params):
        n, decoys = params["shapes"], params["decoys"]
        twins = min(params["twins"], n + decoys - 1)
        kinds = choose(rng, list(KINDS), n + decoys - twins)
        holes = [(k, pick(rng, list(SIZES))) for k in kinds]
        holes += [(k, "small" if s == "large" else "large") for k, s in holes[:twins]]  # both sizes
        holes = shuffled(rng, holes)

        def angle(
            kind: str,
        ) -> int:  # steps a fifth or an eighth of the symmetry: turns read easily
            step = 12 if KINDS[kind] == 72 else 15
            return step * int(rng.integers(360 // step))

        lid_slots = choose(rng, range(2 * COLS), len(holes))
        floor_slots = choose(rng, range(2 * COLS), n)
        mine = choose(rng, range(len(holes)), n)  # the holes that get a shape
        return {
            "holes": [{"kind": k, "size": s, "angle": angle(k), "slot": int(c)}
                      for (k, s), c in zip(holes, lid_slots, strict=True)],
            "shapes": [{"kind": holes[j][0], "size": holes[j][1], "angle": angle(holes[j][0]), "slot": int(c),
                        "color": col} for j, c, col in zip(mine, floor_slots, choose(rng, COLORS, n))],
        }  # fmt: skip

    def solve(self, puzzle, params):
        where = {(h["kind"], h["size"]): j for j, h in enumerate(puzzle["holes"])}
        moves = []
        for i, s in enumerate(puzzle["shapes"]):
            j = where[(s["kind"], s["size"])]
            moves.append(
                {
                    "shape": i,
                    "hole": j,
                    "turn": smallest_turn(s["kind"], s["angle"], puzzle["holes"][j]["angle"]),
                }
            )
        return {"moves": moves}

    def check(self, puzzle, answer, params):
        holes, shapes = puzzle["holes"], puzzle["shapes"]
        pairs = [(h["kind"], h["size"]) for h in holes]
        require(len(set(pairs)) == len(pairs), "two holes have the same kind and size")
        require(all(k in KINDS and s in SIZES for k, s in pairs), "a hole is not a sorter shape")
        require(sorted(m.get("shape") for m in answer["moves"]) == list(range(len(shapes))),
                "not every shape goes into a hole exactly once")  # fmt: skip
        used = set()
        for m in answer["moves"]:
            s, j = shapes[m["shape"]], m.get("hole")
            name = f"{s['size']} {s['color']} {s['kind']}"
            require(isinstance(j, int) and 0 <= j < len(holes), "no such hole")
            require(
                pairs[j] == (s["kind"], s["size"]), f"the {name} goes into a hole it does not fit"
            )
            require(j not in used, "two shapes go into one hole")
            used.add(j)
            turn = smallest_turn(s["kind"], s["angle"], holes[j]["angle"])
            require(
                m.get("turn") == turn, f"the {name} must turn {turn} degrees, not {m.get('turn')}"
            )

    def prompt(self, puzzle, params):
        n, h = len(puzzle["shapes"]), len(puzzle["holes"])
        return (
            f"The image shows the lid of a shape sorter with {h} dark holes and, below it, {n} "
            f"loose coloured shape{'s' if n > 1 else ''}. Holes and shapes come in two sizes. Put "
            "each shape into the hole of the same kind and size: one shape at a time, it glides "
            "up to its hole, turning on the way by the smallest turn that lines it up with the "
            "hole, and settles into it. Holes that no shape fits stay empty, and the lid does "
            "not move. The video ends when every shape sits in its hole."
        )

    def rubric(self, puzzle, answer, params):
        shapes, holes = puzzle["shapes"], puzzle["holes"]
        said = []
        for m in answer["moves"]:
            s = shapes[m["shape"]]
            turn = m["turn"]
            how = ("without turning" if turn == 0 else
                   f"turning {abs(turn)} degrees {'clockwise' if turn > 0 else 'counterclockwise'}")  # fmt: skip
            said.append(
                f"the {s['size']} {s['color']} {s['kind']} goes into the {s['size']} {s['kind']} hole {how}"
            )
        empty = len(holes) - len(shapes)
        return "\n".join([
            "1. The lid and its holes do not change or move.",
            f"2. {'; '.join(said).capitalize()}.",
            "3. Shapes move one at a time, glide and turn smoothly, and keep their size.",
            "4. In the final frame every shape sits exactly in its hole"
            + (f"; {empty} hole{'s stay' if empty > 1 else ' stays'} empty." if empty else "."),
        ])  # fmt: skip

    def render(self, puzzle, answer, params, film):
        base = film.canvas()
        base.rect(
            30,
            LID[1],
            970,
            LID[3],
            fill=lighten(NAMED["brown"], 0.6),
            outline=NAMED["brown"],
            width=8,
            radius=30,
        )
        for h in puzzle["holes"]:
            at = cell(h["slot"], LID[1] + 10, (LID[3] - LID[1] - 20) / 2)
            base.shape(
                h["kind"],
                *at,
                SIZES[h["size"]] + 5,
                fill=HOLE,
                outline=INK,
                width=3,
                angle=h["angle"],
            )
        spots = [cell(s["slot"], 500.0, 220.0) for s in puzzle["shapes"]]
        done: list[tuple[dict, tuple[float, float], float]] = []
        waiting = list(range(len(puzzle["shapes"])))

        def scene():
            frame = base.copy()
            for s, at, angle in done:
                piece(frame, s, at, angle)
            for i in waiting:
                piece(frame, puzzle["shapes"][i], spots[i], puzzle["shapes"][i]["angle"])
            return frame

        film.opening(scene())
        for k, m in enumerate(answer["moves"]):
            s, h = puzzle["shapes"][m["shape"]], puzzle["holes"][m["hole"]]
            waiting.remove(m["shape"])
            rest = scene()
            start, end = spots[m["shape"]], cell(h["slot"], LID[1] + 10, (LID[3] - LID[1] - 20) / 2)
            far = math.dist(start, end) + abs(math.radians(m["turn"])) * SIZES[s["size"]]
            for t in easing.steps(film.seconds(max(0.5, easing.glide_seconds(far))), easing.cruise):
                frame = rest.copy()
                piece(frame, s, easing.lerp_point(start, end, t), s["angle"] + m["turn"] * t)
                film.add(frame)
            done.append((s, end, s["angle"] + m["turn"]))
            if k + 1 < len(answer["moves"]):
                film.hold(scene(), 0.2)
        film.closing(scene())


def piece(canvas, s: dict, at, angle: float) -> None:
    canvas.shape(
        s["kind"], *at, SIZES[s["size"]], fill=NAMED[s["color"]], outline=INK, width=4, angle=angle
    )
