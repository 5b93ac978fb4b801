"""Traffic light: a light runs through its phases in a fixed cycle (each lit for the number of
seconds its rule states); it has shown its current phase for some seconds when a stopwatch
starts. What does it show when the stopwatch reaches T seconds?

The video runs the stopwatch at a stated speed-up (hand and readout), switching the lamps
at the right moments. The checker recomputes every change and the final phase.
"""

from __future__ import annotations

import math

from generators.kit import INK, MUTED, NAMED, Param, Task, register, require
from generators.kit.palette import darken

PHASES = {
    "green": ("green",),
    "yellow": ("yellow",),
    "red": ("red",),
    "red and yellow": ("red", "yellow"),
}
LAMPS = {"red": 250.0, "yellow": 450.0, "green": 650.0}  # lamp centres (y) in the housing
SPEEDS = (2, 4, 5, 10, 20, 30)  # video speed-ups (at 30 the hand's tip moves 24 units a frame)
DIAL = (720.0, 730.0, 130.0)  # the stopwatch: centre and radius


def timeline(cycle: list[list], phase: int, elapsed: int, total: int) -> tuple[list, int, int]:
    """Changes [(second, phase index)], the phase at `total` and how long it has shown then."""
    changes, t, i, left = [], 0, phase, cycle[phase][1] - elapsed
    while t + left <= total:
        t += left
        i = (i + 1) % len(cycle)
        changes.append([t, i])
        left = cycle[i][1]
    return changes, i, total - (changes[-1][0] if changes else -elapsed)


@register(
    "O-94_traffic_light",
    title="Traffic light",
    description="A traffic light cycles through its phases by a timing rule; what does it show when the stopwatch reaches T seconds?",
    category="puzzles-logic",
    params=[
        Param("phases", "int", 3, 3, 4, help="phases of the cycle (4: red and yellow before green)"),
        Param("cycles", "int", 2, 1, 4, help="how many cycles the stopwatch may run through"),
    ],
    shard_size=60,
    memory="low",
    instances=1_000_000,
    faculty="abstraction",
    levels={
        1: {"phases": 3, "cycles": 1},
        2: {"phases": 4, "cycles": 1},
        3: {"phases": 3, "cycles": 2},
        4: {"phases": 4, "cycles": 3},
        5: {"phases": 4, "cycles": 4},
    },
)  # fmt: skip
class TrafficLight(Task):
    def generate(self, rng, params):
        names = ["green", "yellow", "red"] + (["red and yellow"] if params["phases"] == 4 else [])
        cycle = [
            [n, int(rng.integers(3, 6)) if "yellow" in n else int(rng.integers(8, 31))]
            for n in names
        ]
        phase = int(rng.integers(len(cycle)))
        elapsed = int(rng.integers(cycle[phase][1]))
        period = sum(d for _, d in cycle)
        total = int(
            rng.integers(max(5, period * (params["cycles"] - 1)), period * params["cycles"] + 1)
        )
        return {"cycle": cycle, "phase": phase, "elapsed": elapsed, "total": total}

    def solve(self, puzzle, params):
        changes, final, shown = timeline(
            puzzle["cycle"], puzzle["phase"], puzzle["elapsed"], puzzle["total"]
        )
        return {"changes": changes, "final": puzzle["cycle"][final][0], "shown_for": shown}

    def check(self, puzzle, answer, params):
        cycle, phase, elapsed = puzzle["cycle"], puzzle["phase"], puzzle["elapsed"]
        require(
            all(n in PHASES and d >= 1 for n, d in cycle), "a phase is not a traffic-light phase"
        )
        require(
            0 <= elapsed < cycle[phase][1],
            "the light has shown its phase longer than its rule allows",
        )
        t, i, left = 0, phase, cycle[phase][1] - elapsed
        for k, (when, to) in enumerate(answer["changes"]):
            require(when == t + left, f"change {k + 1} comes at {t + left} s, not {when} s")
            i = (i + 1) % len(cycle)
            require(to == i, f"change {k + 1} goes to {cycle[i][0]}")
            t, left = when, cycle[i][1]
        require(t + left > puzzle["total"] >= t, "the changes do not cover the stopwatch's run")
        require(answer["final"] == cycle[i][0], f"the light ends on {cycle[i][0]}")
        shown = puzzle["total"] - t + (elapsed if not answer["changes"] else 0)
        require(
            answer["shown_for"] == shown,
            f"the final phase has shown {shown} s, not {answer['shown_for']} s",
        )

    def prompt(self, puzzle, params):
        cycle, total = puzzle["cycle"], puzzle["total"]
        rule = ", then ".join(f"{n} for {d} s" for n, d in cycle)
        now = cycle[puzzle["phase"]][0]
        return (
            f"The image shows a traffic light, its timing rule and a stopwatch at 0 s. The light "
            f"repeats this cycle: {rule}, then {cycle[0][0]} again. It shows {now} and has shown "
            f"it for {puzzle['elapsed']} s when the stopwatch starts (as the note above the light says). Run the stopwatch to "
            f"{total} s, switching the light by its rule as time passes; the video runs faster "
            "than real time, and the stopwatch shows the real seconds. "
            "What does the light show at the end, and for how long has it shown it? The video "
            f"ends when the stopwatch reaches {total} s."
        )

    def rubric(self, puzzle, answer, params):
        cycle = puzzle["cycle"]
        changes = "; ".join(f"{cycle[i][0]} at {t} s" for t, i in answer["changes"]) or "none"
        return "\n".join([
            "1. The housing, the rule panel and the stopwatch's dial do not change.",
            f"2. The light changes {len(answer['changes'])} times: {changes}.",
            f"3. The stopwatch runs smoothly from 0 s to {puzzle['total']} s, and the light switches "
            "exactly when the stopwatch shows each change.",
            f"4. At {puzzle['total']} s the light shows {answer['final']}, which it has shown for "
            f"{answer['shown_for']} s.",
        ])  # fmt: skip

    def render(self, puzzle, answer, params, film):
        cycle, total = puzzle["cycle"], puzzle["total"]
        base = film.canvas()
        base.rect(140, 130, 360, 770, fill=darken(MUTED, 0.45), radius=40)
        base.rect(232, 770, 268, 960, fill=darken(MUTED, 0.45))
        for k, (name, secs) in enumerate(cycle):  # the rule panel
            y = 110 + k * 90
            for j, lamp in enumerate(PHASES[name]):
                base.circle(480 + 70 * j, y, 30, fill=NAMED[lamp], outline=INK, width=4)
            base.text(535 + 70 * (len(PHASES[name]) - 1), y, f"{secs} s", size=52, anchor="lm")
        base.text(
            450,
            150 + len(cycle) * 95 - 20,
            "then again from the top",
            size=36,
            fill=MUTED,
            anchor="lm",
        )
        base.text(250, 75, f"lit for {puzzle['elapsed']} s at 0 s", size=40, fill=MUTED)
        cx, cy, r = DIAL
        base.circle(cx, cy, r, fill=(255, 255, 255), outline=INK, width=6)
        for k in range(12):
            a = math.radians(30 * k)
            base.line([(cx + 0.86 * r * math.sin(a), cy - 0.86 * r * math.cos(a)),
                       (cx + r * math.sin(a), cy - r * math.cos(a))], fill=INK, width=5)  # fmt: skip
        steps = film.seconds(total / speed(total))

        def frame_at(t: float):
            frame = base.copy()
            i = puzzle["phase"]
            for when, to in answer["changes"]:
                if when <= t:
                    i = to
            on = set(PHASES[cycle[i][0]])
            for lamp, y in LAMPS.items():
                frame.circle(250, y, 80, fill=NAMED[lamp] if lamp in on else darken(NAMED[lamp], 0.65),
                             outline=INK, width=5)  # fmt: skip
            a = 2 * math.pi * t / 60  # one turn a minute
            frame.line(
                [(cx, cy), (cx + 0.8 * r * math.sin(a), cy - 0.8 * r * math.cos(a))],
                fill=NAMED["red"],
                width=8,
            )
            frame.circle(cx, cy, 12, fill=INK)
            frame.text(cx, cy + r + 55, f"{math.floor(t + 1e-9)} s", size=60, bold=True)
            frame.text(cx, cy - r - 40, f"stop at {total} s", size=40, fill=MUTED)
            return frame

        film.opening(frame_at(0.0))
        for k in range(1, steps + 1):
            film.add(frame_at(total * k / steps))
        film.closing(frame_at(float(total)))


def speed(total: int) -> int:
    """The video's speed-up: the smallest that runs the stopwatch in 6 s of video or less
    (at video_scale 1)."""
    return next((s for s in SPEEDS if total / s <= 6), SPEEDS[-1])
