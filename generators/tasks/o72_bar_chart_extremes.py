"""Bar chart extremes: find the highest and the lowest bar of a labelled bar chart.

Both extremes are unique and stand out from the runner-up by a visible gap. The video
lowers a scan line from the top until it touches the highest bar, then raises one from
the axis until it meets the lowest bar.
"""

from __future__ import annotations

from generators.kit import INK, MUTED, NAMED, Canvas, Param, Task, easing, pick, register, require
from generators.kit.draw import text_width
from generators.kit.easing import glide_seconds
from generators.kit.palette import darken

LABEL_SETS = {
    "month": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
    "weekday": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
    "letter": tuple("ABCDEFGHIJKL"),
}
KINDS = tuple(LABEL_SETS)
BAR, HIGH, LOW = NAMED["blue"], NAMED["green"], NAMED["red"]
X0, X1, Y_TOP, Y_ZERO = 150.0, 930.0, 190.0, 850.0  # plot area; value 100 at Y_TOP
MAX_VALUE = 100


def y_of(v: float) -> float:
    return Y_ZERO - (Y_ZERO - Y_TOP) * v / MAX_VALUE


@register(
    "O-72_bar_chart_extremes",
    title="Bar chart extremes",
    description="Find the highest and the lowest bar of a labelled bar chart (both unique).",
    category="counting-math",
    params=[
        Param("min_bars", "int", 5, 4, 12, help="fewest bars"),
        Param("max_bars", "int", 8, 4, 12, help="most bars"),
        Param("gap", "int", 8, 2, 20, help="least difference (axis units of 100) between an "
              "extreme bar and the next one"),
    ],
    shard_size=80,
    memory="low",
    instances=2_666_666,  # the measured lower bound (4,000 draws, no repeats); values make far more
    faculty="perception",
    levels={
        1: {"min_bars": 4, "max_bars": 5, "gap": 20},
        2: {"min_bars": 5, "max_bars": 7, "gap": 12},
        3: {"min_bars": 5, "max_bars": 8, "gap": 8},
        4: {"min_bars": 7, "max_bars": 10, "gap": 4},
        5: {"min_bars": 10, "max_bars": 12, "gap": 2},
    },
)  # fmt: skip
class BarChartExtremes(Task):
    def generate(self, rng, params):
        lo, hi = sorted((params["min_bars"], params["max_bars"]))
        gap = params["gap"]
        while True:
            n = int(rng.integers(lo, hi + 1))
            kinds = [k for k in KINDS if len(LABEL_SETS[k]) >= n]
            kind = pick(rng, kinds)
            names = LABEL_SETS[kind]
            first = (
                int(rng.integers(0, len(names) - n + 1))
                if kind != "month"
                else int(rng.integers(0, len(names)))
            )
            labels = [names[(first + i) % len(names)] for i in range(n)]
            top = int(rng.integers(40 + gap, MAX_VALUE - 4))
            bottom = int(rng.integers(5, top - 2 * gap))
            rest = [int(rng.integers(bottom + gap, top - gap + 1)) for _ in range(n - 2)]
            values = [top, bottom, *rest]
            order = [int(i) for i in rng.permutation(n)]
            values = [values[i] for i in order]
            return {"labels": labels, "values": values, "gap": gap}

    def solve(self, puzzle, params):
        v = puzzle["values"]
        hi = max(range(len(v)), key=lambda i: v[i])
        lo = min(range(len(v)), key=lambda i: v[i])
        return {"highest": puzzle["labels"][hi], "lowest": puzzle["labels"][lo],
                "highest_value": v[hi], "lowest_value": v[lo]}  # fmt: skip

    def check(self, puzzle, answer, params):
        labels, values = puzzle["labels"], puzzle["values"]
        require(len(set(labels)) == len(labels), "bar labels repeat")
        require(all(0 < v <= MAX_VALUE for v in values), "a bar is off the axis")
        ranked = sorted(values)
        require(ranked[-1] - ranked[-2] >= puzzle["gap"], "the highest bar is not clearly highest")
        require(ranked[1] - ranked[0] >= puzzle["gap"], "the lowest bar is not clearly lowest")
        by_label = dict(zip(labels, values))
        require(answer["highest"] in by_label and by_label[answer["highest"]] == ranked[-1],
                "that is not the highest bar")  # fmt: skip
        require(answer["lowest"] in by_label and by_label[answer["lowest"]] == ranked[0],
                "that is not the lowest bar")  # fmt: skip
        require((answer["highest_value"], answer["lowest_value"]) == (ranked[-1], ranked[0]),
                "the extreme values are wrong")  # fmt: skip

    def prompt(self, puzzle, params):
        n = len(puzzle["labels"])
        return (
            f"The image shows a bar chart of {n} blue bars labelled "
            f"{', '.join(puzzle['labels'])} along the bottom, with a value axis from 0 to "
            f"{MAX_VALUE} on the left. Find the highest bar and the lowest bar. Colour the "
            "highest bar green and the lowest bar red, and write their labels at the top. The "
            "other bars stay blue and no bar changes height. The video ends with both bars "
            "coloured and named."
        )

    def rubric(self, puzzle, answer, params):
        return "\n".join([
            f"1. The highest bar is {answer['highest']}; it turns green.",
            f"2. The lowest bar is {answer['lowest']}; it turns red.",
            f"3. The top of the final frame names them: highest {answer['highest']}, lowest "
            f"{answer['lowest']}.",
            "4. All other bars stay blue; no bar changes height, position or label.",
            "5. The axes, gridlines and labels do not change.",
        ])  # fmt: skip

    def render(self, puzzle, answer, params, film):
        chart = Chart(puzzle)
        base = film.canvas()
        chart.axes(base)
        first = base.copy()
        chart.bars(first, {})
        first.text(500, 85, "Find the highest and the lowest bar", size=46, bold=True)
        film.opening(first)
        hi = puzzle["labels"].index(answer["highest"])
        lo = puzzle["labels"].index(answer["lowest"])
        top_y = y_of(puzzle["values"][hi])
        for y in scan_path(film, Y_TOP - 10, top_y):  # the scan line comes down
            frame = first.copy()
            chart.scan(frame, y, HIGH)
            film.add(frame)
        found = base.copy()
        chart.bars(found, {hi: HIGH})
        found.text(500, 85, f"Highest: {answer['highest']}", size=46, bold=True, fill=HIGH)
        chart.scan(found, top_y, HIGH)
        film.hold(found, 0.6)
        step = base.copy()
        chart.bars(step, {hi: HIGH})
        step.text(500, 85, f"Highest: {answer['highest']}", size=46, bold=True, fill=HIGH)
        for y in scan_path(film, Y_ZERO, y_of(puzzle["values"][lo])):  # and one comes up
            frame = step.copy()
            chart.scan(frame, y, LOW)
            film.add(frame)
        final = base.copy()
        chart.bars(final, {hi: HIGH, lo: LOW})
        final.text(330, 85, f"Highest: {answer['highest']}", size=46, bold=True, fill=HIGH)
        final.text(690, 85, f"Lowest: {answer['lowest']}", size=46, bold=True, fill=LOW)
        film.closing(final)


def scan_path(film, start: float, end: float) -> list[float]:
    """A scan line's heights, gliding at no more than the kit's glide speed."""
    frames = max(4, film.seconds(glide_seconds(abs(end - start))))
    return [easing.lerp(start, end, t) for t in easing.steps(frames, easing.cruise)]


class Chart:
    def __init__(self, puzzle: dict):
        self.labels, self.values = puzzle["labels"], puzzle["values"]
        self.slot = (X1 - X0) / len(self.labels)

    def axes(self, canvas: Canvas) -> None:
        for v in range(0, MAX_VALUE + 1, 20):
            y = y_of(v)
            canvas.line([(X0, y), (X1, y)], fill=(214, 218, 222) if v else INK, width=3 if v else 5)
            canvas.text(X0 - 18, y, str(v), size=40, fill=MUTED, anchor="rm")
        canvas.line([(X0, Y_TOP - 20), (X0, Y_ZERO)], fill=INK, width=5)
        widest = max(text_width(label, 40) for label in self.labels)
        size = min(40.0, 40 * 0.8 * self.slot / widest)  # labels keep apart
        for i, label in enumerate(self.labels):
            canvas.text(X0 + (i + 0.5) * self.slot, Y_ZERO + 45, label, size=size)

    def bars(self, canvas: Canvas, colors: dict[int, tuple]) -> None:
        w = min(self.slot * 0.62, 90.0)
        for i, v in enumerate(self.values):
            cx = X0 + (i + 0.5) * self.slot
            color = colors.get(i, BAR)
            canvas.rect(cx - w / 2, y_of(v), cx + w / 2, Y_ZERO - 2, fill=color,
                        outline=darken(color, 0.3), width=3)  # fmt: skip

    def scan(self, canvas: Canvas, y: float, color) -> None:
        canvas.line([(X0, y), (X1, y)], fill=color, width=6)
