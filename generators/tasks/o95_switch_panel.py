"""Switch panel: a control panel of numbered lamps and lettered toggle switches; flipping a
switch toggles the lamps listed under it. Flip the fewest switches so that the lamps show
the goal pattern.

Puzzles are kept only when the fewest flips are exactly the wanted number and exactly one
set of switches achieves it; the checker replays the flips and tries every set of switches
(there are at most 2^7) on its own.
"""

from __future__ import annotations

import itertools

from generators.kit import INK, MUTED, NAMED, Param, Task, easing, register, require
from generators.kit.rng import choose

LETTERS = "ABCDEFG"
LIT, DARK = NAMED["yellow"], (120, 124, 130)
LAMP_Y, GOAL_Y, SWITCH_Y = 230.0, 440.0, 700.0


def toggled(state: list[int], switches: list[list[int]], flips) -> list[int]:
    """Lamp states (1 = lit) after flipping the switches `flips` (indices)."""
    out = list(state)
    for s in flips:
        for lamp in switches[s]:
            out[lamp - 1] ^= 1
    return out


def fewest(puzzle: dict) -> list[tuple[int, ...]]:
    """Every smallest set of switches that turns the lamps into the goal."""
    n = len(puzzle["switches"])
    for k in range(n + 1):
        found = [c for c in itertools.combinations(range(n), k)
                 if toggled(puzzle["lamps"], puzzle["switches"], c) == puzzle["goal"]]  # fmt: skip
        if found:
            return found
    return []


@register(
    "O-95_switch_panel",
    title="Switch panel",
    description="Flip the fewest toggle switches of a control panel, each toggling the lamps listed under it, so that the lamps show the goal pattern.",
    category="puzzles-logic",
    params=[
        Param("lamps", "int", 5, 3, 7, help="lamps on the panel"),
        Param("switches", "int", 5, 3, 7, help="toggle switches"),
        Param("flips", "int", 2, 1, 4, help="fewest flips the goal needs"),
    ],
    shard_size=60,
    memory="low",
    instances=2_666_666,
    faculty="abstraction",
    levels={
        1: {"lamps": 3, "switches": 3, "flips": 1},
        2: {"lamps": 4, "switches": 4, "flips": 2},
        3: {"lamps": 5, "switches": 5, "flips": 2},
        4: {"lamps": 6, "switches": 6, "flips": 3},
        5: {"lamps": 7, "switches": 7, "flips": 4},
    },
)  # fmt: skip
class SwitchPanel(Task):
    def generate(self, rng, params):
        m, n, k = params["lamps"], params["switches"], min(params["flips"], params["switches"])
        while True:
            switches = [sorted(choose(rng, range(1, m + 1), int(rng.integers(1, 4))))
                        for _ in range(n)]  # fmt: skip
            lamps = [int(v) for v in rng.integers(0, 2, m)]
            flips = choose(rng, range(n), k)
            puzzle = {"lamps": lamps, "switches": switches,
                      "goal": toggled(lamps, switches, flips)}  # fmt: skip
            best = fewest(puzzle)
            if len(best) == 1 and len(best[0]) == k:
                return puzzle

    def solve(self, puzzle, params):
        """The smallest set of switches, by going through bit masks in order of size."""
        n, want = len(puzzle["switches"]), puzzle["goal"]
        masks = sorted(range(1 << n), key=lambda b: (b.bit_count(), b))
        for b in masks:
            flips = [s for s in range(n) if b >> s & 1]
            if toggled(puzzle["lamps"], puzzle["switches"], flips) == want:
                return {"flips": [LETTERS[s] for s in flips], "count": len(flips)}
        raise ValueError("the goal cannot be reached")

    def check(self, puzzle, answer, params):
        n = len(puzzle["switches"])
        names = answer["flips"]
        require(all(isinstance(x, str) and x in LETTERS[:n] for x in names)
                and len(set(names)) == len(names), "the flips do not name different switches")  # fmt: skip
        flips = [LETTERS.index(x) for x in names]
        require(flips == sorted(flips), "the switches are not flipped from left to right")
        after = toggled(puzzle["lamps"], puzzle["switches"], flips)
        require(after == puzzle["goal"], "after these flips the lamps do not show the goal")
        best = fewest(puzzle)
        require(len(flips) == len(best[0]), f"{len(flips)} flips; the fewest is {len(best[0])}")
        require(len(best) == 1, "more than one set of fewest flips: the puzzle is ambiguous")
        require(answer["count"] == len(flips), f"the flip count must be {len(flips)}")

    def prompt(self, puzzle, params):
        m, n = len(puzzle["lamps"]), len(puzzle["switches"])
        return (
            f"The image shows a control panel with {m} numbered lamps (lit yellow or dark grey), "
            f"a goal row showing which lamps should be lit, and {n} toggle switches "
            f"A-{LETTERS[n - 1]}, all down. Flipping a switch toggles every lamp whose number "
            "is listed under it (a lit lamp goes dark, a dark one lights up). Flip the fewest "
            "switches so that the lamps match the goal row. Switches are flipped up one at a "
            "time, from left to right; right after each flip its lamps change, within a "
            "quarter of a second. The goal row does not change. The video ends when the lamps "
            "match the goal."
        )

    def rubric(self, puzzle, answer, params):
        k = answer["count"]
        on = [str(i + 1) for i, v in enumerate(puzzle["goal"]) if v]
        return "\n".join([
            f"1. Exactly {k} switch{'es' if k > 1 else ''} flip up, one at a time, left to "
            f"right: {', '.join(answer['flips'])}; the others stay down. {k} is the fewest, "
            "and no other set of that many works.",
            "2. Each flip toggles exactly the lamps listed under its switch, right after the "
            "switch flips up.",
            "3. In the final frame the lit lamps are "
            + (", ".join(on) if on else "none") + ", matching the goal row.",
            "4. The goal row and the switch labels do not change.",
        ])  # fmt: skip

    def render(self, puzzle, answer, params, film):
        m, n = len(puzzle["lamps"]), len(puzzle["switches"])
        base = film.canvas()
        base.rect(40, 90, 960, 940, fill=(226, 229, 233), outline=INK, width=6, radius=24)
        base.text(500, GOAL_Y - 70, "Goal", size=40, fill=MUTED)
        for i, v in enumerate(puzzle["goal"]):
            x = spread(m, i)
            base.circle(x, GOAL_Y, 26, fill=LIT if v else DARK, outline=INK, width=4)
        for s, lamps in enumerate(puzzle["switches"]):
            x = spread(n, s)
            base.text(x, SWITCH_Y - 130, LETTERS[s], size=48, bold=True)
            base.text(x, SWITCH_Y + 130, " ".join(map(str, lamps)), size=40, fill=INK)
            base.rect(x - 26, SWITCH_Y - 85, x + 26, SWITCH_Y + 85, fill=INK, radius=26)
        lamps, ups = [float(v) for v in puzzle["lamps"]], [0.0] * n  # 1.0 = lit

        def frame():
            f = base.copy()
            for i, v in enumerate(lamps):
                x = spread(m, i)
                f.circle(x, LAMP_Y, 48, fill=easing.lerp_color(DARK, LIT, v), outline=INK,
                         width=5)  # fmt: skip
                f.text(x, LAMP_Y, str(i + 1), size=44, bold=True,
                       fill=easing.lerp_color((255, 255, 255), INK, v))  # fmt: skip
            for s in range(n):
                y = easing.lerp(SWITCH_Y + 50, SWITCH_Y - 50, ups[s])
                f.circle(spread(n, s), y, 30, fill=(240, 240, 240), outline=MUTED, width=4)
            return f

        film.opening(frame())
        for k, name in enumerate(answer["flips"]):
            s = LETTERS.index(name)
            for t in easing.steps(film.seconds(0.35), easing.ease_in_out):
                ups[s] = t
                film.add(frame())
            # its lamps fade over a few frames (an instant swap of a lit and a dark lamp
            # would read as a lit lamp jumping across the panel)
            before = list(lamps)
            after = toggled([round(v) for v in lamps], puzzle["switches"], [s])
            for t in easing.steps(film.seconds(0.25)):
                lamps = [easing.lerp(a, b, t) for a, b in zip(before, after)]
                film.add(frame())
            if k + 1 < len(answer["flips"]):
                film.hold(frame(), 0.4)
        film.closing(frame())


def spread(count: int, i: int) -> float:
    step = min(150.0, 820.0 / count)
    return 500 + step * (i - (count - 1) / 2)
