"""Majority colour: many coloured shapes; which colour is the most frequent?

Counts are drawn so that one colour leads the runner-up by at least `margin`; shapes
vary independently of colour, as distractors. The video counts the shapes colour by
colour into a tally row and highlights the winner.
"""

from __future__ import annotations

from generators.kit import (
    FAINT,
    HIGHLIGHT,
    INK,
    MUTED,
    NAMED,
    SHAPES,
    Canvas,
    Param,
    Task,
    choose,
    pick,
    register,
    require,
)

COLORS = ("red", "blue", "green", "orange", "purple", "pink", "cyan", "brown")
AREA = (60.0, 150.0, 940.0, 700.0)  # x0, y0, x1, y1 of the scatter
GRID_COLS, GRID_ROWS = 10, 6
RADIUS = 31.0
TALLY_Y = 820.0


@register(
    "O-62_majority_color",
    title="Majority colour",
    description="Count many coloured shapes and name the colour that occurs most often (unique).",
    category="counting-math",
    params=[
        Param("max_colors", "int", 5, 3, 6, help="most colours in one picture"),
        Param("min_objects", "int", 10, 10, 40, help="fewest shapes in one picture"),
        Param("max_objects", "int", 30, 12, 40, help="most shapes in one picture"),
        Param("margin", "int", 1, 1, 5, help="least lead of the winner over the runner-up"),
    ],
    shard_size=50,
    memory="low",
    faculty="perception",
    levels={
        1: {"max_colors": 3, "max_objects": 12, "margin": 3},
        2: {"max_colors": 4, "max_objects": 20, "margin": 2},
        3: {"max_colors": 5, "max_objects": 30, "margin": 1},
        4: {"max_colors": 6, "min_objects": 20, "max_objects": 36, "margin": 1},
        5: {"max_colors": 6, "min_objects": 30, "max_objects": 40, "margin": 1},
    },
    jumps="a ring marks each shape as it is counted, stepping from shape to shape",
    # measured: no repeat in 4,000 draws (at least 2.6 M distinct puzzles)
    instances=2_000_000,
)
class MajorityColor(Task):
    def generate(self, rng, params):
        hi = params["max_objects"]
        while True:
            k = int(rng.integers(3, params["max_colors"] + 1))
            total = int(rng.integers(max(params["min_objects"], 3 * k), hi + 1))
            colors = sorted(choose(rng, COLORS, k), key=COLORS.index)
            weights = rng.dirichlet([2.0] * k)
            counts = [1] * k
            for i in rng.choice(k, total - k, p=weights):
                counts[int(i)] += 1
            ranked = sorted(counts, reverse=True)
            if ranked[0] - ranked[1] >= params["margin"]:
                break
        cells = [int(i) for i in rng.choice(GRID_COLS * GRID_ROWS, total, replace=False)]
        labels = [c for c, n in zip(colors, counts) for _ in range(n)]
        labels = [labels[int(i)] for i in rng.permutation(total)]
        cw = (AREA[2] - AREA[0]) / GRID_COLS
        ch = (AREA[3] - AREA[1]) / GRID_ROWS
        jx, jy = cw / 2 - RADIUS - 5, ch / 2 - RADIUS - 5
        objects = []
        for cell, color in zip(cells, labels):
            r, c = divmod(cell, GRID_COLS)
            objects.append({
                "x": round(AREA[0] + (c + 0.5) * cw + float(rng.uniform(-jx, jx)), 1),
                "y": round(AREA[1] + (r + 0.5) * ch + float(rng.uniform(-jy, jy)), 1),
                "shape": pick(rng, SHAPES),
                "color": color,
            })  # fmt: skip
        objects.sort(key=lambda o: (o["y"] // ch, o["x"]))  # reading order
        return {"colors": colors, "objects": objects}

    def solve(self, puzzle, params):
        counts = {c: 0 for c in puzzle["colors"]}
        for o in puzzle["objects"]:
            counts[o["color"]] += 1
        best = max(counts.values())
        return {"color": next(c for c in puzzle["colors"] if counts[c] == best), "counts": counts}

    def check(self, puzzle, answer, params):
        tally: dict[str, int] = {}
        for o in puzzle["objects"]:
            require(o["color"] in puzzle["colors"], f"shape colour {o['color']} has no tally box")
            tally[o["color"]] = tally.get(o["color"], 0) + 1
        require(answer["counts"] == {c: tally.get(c, 0) for c in puzzle["colors"]},
                "the counts are wrong")  # fmt: skip
        top = max(tally.values())
        leaders = [c for c in puzzle["colors"] if tally.get(c, 0) == top]
        require(len(leaders) == 1, "more than one colour is most common")
        require(answer["color"] == leaders[0], f"{leaders[0]} is the most common colour")
        for i, a in enumerate(puzzle["objects"]):  # every shape visible on its own
            for b in puzzle["objects"][i + 1 :]:
                require((a["x"] - b["x"]) ** 2 + (a["y"] - b["y"]) ** 2 >= (2 * RADIUS + 6) ** 2,
                        "two shapes overlap")  # fmt: skip

    def prompt(self, puzzle, params):
        n = len(puzzle["objects"])
        colors = puzzle["colors"]
        return (
            f"The image shows {n} shapes in {len(colors)} colours ({', '.join(colors)}). Below "
            "them is a tally row with one box per colour, each starting at 0. Which colour is the "
            "most common? Count the shapes of each colour (the kind of shape does not matter, "
            "only its colour), one shape at a time: a ring marks each shape as it is counted "
            "and its colour's tally goes up by one. The shapes themselves do not move or change. "
            "The video ends with every tally filled in, the box of the most common colour "
            "highlighted and its name written at the top."
        )

    def rubric(self, puzzle, answer, params):
        counts = answer["counts"]
        listing = ", ".join(f"{c} {counts[c]}" for c in puzzle["colors"])
        win = answer["color"]
        runner = max(v for c, v in counts.items() if c != win)
        return "\n".join([
            "1. Every shape is counted exactly once, by its colour; no shape moves, changes "
            "colour or disappears.",
            f"2. The final tallies are: {listing} (total {len(puzzle['objects'])}).",
            f"3. The most common colour is {win}, with {counts[win]} shapes ({counts[win] - runner} "
            "more than the next colour).",
            f"4. The {win} tally box is highlighted and the answer \"{win}\" is written at the top.",
            "5. The tally boxes keep their order and positions.",
        ])  # fmt: skip

    def render(self, puzzle, answer, params, film):
        colors = puzzle["colors"]
        base = film.canvas()
        for o in puzzle["objects"]:
            base.shape(o["shape"], o["x"], o["y"], RADIUS, fill=NAMED[o["color"]], outline=INK,
                       width=3)  # fmt: skip
        tally = Tally(colors)
        work = base.copy()
        tally.boxes(work)
        for c in colors:
            tally.count(work, c, 0)
        first = work.copy()
        first.text(500, 80, "Which colour is most common?", size=52, bold=True)
        film.opening(first)
        work.text(500, 80, "Counting...", size=52, bold=True)
        n = len(puzzle["objects"])
        per = min(0.12, 3.6 / n)
        counts = {c: 0 for c in colors}
        for c in colors:
            for o in puzzle["objects"]:
                if o["color"] != c:
                    continue
                counts[c] += 1
                tally.count(work, c, counts[c])
                frame = work.copy()
                frame.circle(o["x"], o["y"], RADIUS + 9, outline=HIGHLIGHT, width=9)
                film.hold(frame, per)
                work.circle(o["x"], o["y"], RADIUS + 7, outline=MUTED, width=4)
            film.hold(work, 0.15)
        final = base.copy()
        tally.boxes(final, highlight=answer["color"])
        for c in colors:
            tally.count(final, c, counts[c], fill=HIGHLIGHT if c == answer["color"] else FAINT)
        final.text(500, 80, f"Most common: {answer['color']}", size=56, bold=True)
        film.closing(final)


class Tally:
    def __init__(self, colors):
        self.colors = list(colors)
        self.w = min(150.0, 880.0 / len(colors))
        self.x0 = 500.0 - self.w * len(colors) / 2

    def centre(self, c: str) -> float:
        return self.x0 + (self.colors.index(c) + 0.5) * self.w

    def boxes(self, canvas: Canvas, highlight: str | None = None) -> None:
        for c in self.colors:
            x = self.centre(c)
            hw = self.w / 2 - 10
            fill = HIGHLIGHT if c == highlight else FAINT
            canvas.rect(x - hw, TALLY_Y - 100, x + hw, TALLY_Y + 100, fill=fill,
                        outline=INK if c == highlight else MUTED, width=8 if c == highlight else 3,
                        radius=14)  # fmt: skip
            canvas.circle(x, TALLY_Y - 50, 30, fill=NAMED[c], outline=INK, width=3)

    def count(self, canvas: Canvas, c: str, n: int, fill=FAINT) -> None:
        x = self.centre(c)
        canvas.rect(x - 50, TALLY_Y, x + 50, TALLY_Y + 85, fill=fill)
        canvas.text(x, TALLY_Y + 42, str(n), size=60, bold=True)
