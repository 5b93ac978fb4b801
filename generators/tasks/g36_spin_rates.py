"""Spin rates: separate wheels turn at their own constant rates; where does each pointer
point after a stated time?

Each wheel is a dial with twelve hour ticks and a pointer that starts on a tick. Rates are
multiples of 30 degrees a second and the time a whole number of seconds, so every pointer
ends on a tick and the answer is an hour position (12 o'clock is straight up). The video
shows the turning in real time with a clock, so the rates can be read off the motion too.
"""

from __future__ import annotations

from generators.kit import INK, NAMED, Canvas, Param, Task, register, require
from generators.kit.palette import darken, lighten
from generators.kit.view import clock_point, curved_arrow

COLOURS = ("red", "blue", "green", "orange", "purple", "pink", "brown", "cyan")
ROWS = {2: [2], 3: [3], 4: [2, 2], 5: [3, 2]}  # wheels per row


def pointer_colour(name: str):
    return darken(NAMED[name], 0.2)


def angle_at(wheel: dict, t: float) -> float:
    """Pointer angle in degrees clockwise from 12 o'clock, t seconds after the start."""
    sign = 1 if wheel["direction"] == "clockwise" else -1
    return wheel["start"] + sign * wheel["rate"] * t


def hour(degrees: float) -> int:
    h = round(degrees / 30) % 12
    return 12 if h == 0 else h


def radius(n: int) -> float:
    """Dial radius: larger when all wheels fit in one row."""
    return 120.0 if len(ROWS[n]) == 1 else 95.0


def centres(n: int) -> list[tuple[float, float]]:
    """Dial centres: one row of up to three, or two rows; each wheel's column holds its
    final hour, arrow, dial, rate and direction from top to bottom."""
    rows = ROWS[n]
    ys = [550.0] if len(rows) == 1 else [320.0, 740.0]
    out = []
    for count, y in zip(rows, ys):
        gap = 1000 / count
        out += [(gap * (i + 0.5), y) for i in range(count)]
    return out


@register(
    "G-36_spin_rates",
    title="Spin rates",
    description="Separate wheels turn at their own constant rates (degrees per second, each "
    "in its own direction); predict where each pointer points after a stated time.",
    category="physics-motion",
    params=[
        Param("wheels", "int", 3, 2, 5, help="number of wheels"),
        Param("max_rate", "int", 180, 30, 180, help="fastest rate, degrees per second (a multiple of 30)"),
        Param("max_seconds", "int", 5, 2, 6, help="longest spinning time, whole seconds"),
    ],
    shard_size=60,
    memory="low",
    instances=2_000_000,  # measured lower bound 2.67 million (4,000 draws, no repeats)
    faculty="transformation",
    levels={
        1: {"wheels": 2, "max_rate": 90, "max_seconds": 3},
        2: {"wheels": 3, "max_rate": 120, "max_seconds": 4},
        3: {"wheels": 3, "max_rate": 180, "max_seconds": 5},
        4: {"wheels": 4, "max_rate": 180, "max_seconds": 6},
        5: {"wheels": 5, "max_rate": 180, "max_seconds": 6},
    },
)  # fmt: skip
class SpinRates(Task):
    def generate(self, rng, params):
        n = params["wheels"]
        rates = list(range(30, max(30, params["max_rate"] // 30 * 30) + 1, 30))
        while True:
            seconds = int(rng.integers(2, params["max_seconds"] + 1))
            colours = [str(c) for c in rng.choice(COLOURS, size=n, replace=False)]
            wheels = [{"color": c, "start": 30 * int(rng.integers(12)),
                       "rate": int(rng.choice(rates)),
                       "direction": ("clockwise", "counter-clockwise")[int(rng.integers(2))]}
                      for c in colours]  # fmt: skip
            # at least one pointer must end elsewhere, and not all wheels alike
            if (
                any(hour(angle_at(w, seconds)) != hour(w["start"]) for w in wheels)
                and len({(w["rate"], w["direction"]) for w in wheels}) > 1
            ):
                return {"seconds": seconds, "wheels": wheels}

    def solve(self, puzzle, params):
        t = puzzle["seconds"]
        out = []
        for w in puzzle["wheels"]:
            end = angle_at(w, t)
            out.append({"color": w["color"], "final_angle": end % 360, "hour": hour(end),
                        "turns": round(w["rate"] * t / 360, 4)})  # fmt: skip
        return {"wheels": out}

    def check(self, puzzle, answer, params):
        t = puzzle["seconds"]
        require(isinstance(t, int) and t > 0, "the time must be a whole number of seconds")
        got = answer["wheels"]
        require(len(got) == len(puzzle["wheels"]), "one answer per wheel")
        for w, a in zip(puzzle["wheels"], got):
            require(a["color"] == w["color"], "the wheels are answered out of order")
            require(w["rate"] % 30 == 0 and w["start"] % 30 == 0, "a pointer leaves the ticks")
            sign = {"clockwise": 1, "counter-clockwise": -1}[w["direction"]]
            swept = sign * w["rate"] * t  # constant rate: angle = rate x time
            require(abs(a["turns"] - abs(swept) / 360) < 1e-3,
                    f"the {w['color']} wheel's number of turns is wrong")  # fmt: skip
            end = (w["start"] + swept) % 360
            require(abs((a["final_angle"] - end + 180) % 360 - 180) < 1e-6,
                    f"the {w['color']} pointer's final angle is wrong")  # fmt: skip
            require(a["hour"] == (end // 30 or 12), f"the {w['color']} pointer's hour is wrong")

    def prompt(self, puzzle, params):
        n, t = len(puzzle["wheels"]), puzzle["seconds"]
        names = ", ".join(w["color"] for w in puzzle["wheels"][:-1])
        return (
            f"The image shows {n} separate wheels ({names} and {puzzle['wheels'][-1]['color']}),"
            " each a dial with twelve hour ticks and a pointer. Under each wheel its rate is "
            "written in degrees per second and its direction in words; the curved arrow above "
            "it shows the same direction. The wheels do not touch: each turns at its own "
            f"constant rate, starting together, for exactly {t} s. Show the turning in real "
            "time with the clock at the top counting up, and stop every wheel at "
            f"t = {t} s. Where does each pointer point then, as an hour on its dial (12 o'clock "
            "is straight up)? The video ends with each wheel's final hour written above it."
        )

    def rubric(self, puzzle, answer, params):
        t = puzzle["seconds"]
        lines = ["1. The wheels stay in place and keep their sizes; only the pointers turn, "
                 "each at its own constant rate in its own direction."]  # fmt: skip
        for i, (w, a) in enumerate(zip(puzzle["wheels"], answer["wheels"]), start=2):
            lines.append(f"{i}. The {w['color']} pointer turns {w['direction']} at "
                         f"{w['rate']} degrees per second: {a['turns']:g} turns in {t} s, ending "
                         f"at {a['hour']} o'clock.")  # fmt: skip
        lines.append(f"{len(lines) + 1}. All wheels stop together when the clock reads {t} s, "
                     "and each final hour is written above its wheel.")  # fmt: skip
        return "\n".join(lines)

    def render(self, puzzle, answer, params, film):
        wheels, t_end = puzzle["wheels"], puzzle["seconds"]
        spots = centres(len(wheels))
        base = film.canvas()
        r = radius(len(wheels))
        base.text(60, 70, f"Each wheel turns for {t_end} s", size=46, bold=True, anchor="lm")
        for w, c in zip(wheels, spots):
            dial(base, w, c, r)
        film.opening(frame(base, wheels, spots, r, 0.0))
        times = film.times(t_end)
        for t in times[:-1]:
            film.add(frame(base, wheels, spots, r, t))
        final = frame(base, wheels, spots, r, t_end)
        for a, (cx, cy) in zip(answer["wheels"], spots):
            final.text(cx, cy - r - 72, f"{a['hour']} o'clock", size=38, bold=True,
                       fill=pointer_colour(a["color"]))  # fmt: skip
        film.closing(final)


def dial(c: Canvas, wheel: dict, centre, r: float) -> None:
    """The still parts of a wheel: disc, ticks, direction arrow and labels."""
    cx, cy = centre
    c.circle(cx, cy, r, fill=lighten(NAMED[wheel["color"]], 0.78), outline=INK, width=5)
    for h in range(12):
        inner = r - (24 if h == 0 else 15)
        c.line([clock_point(centre, inner, 30 * h), clock_point(centre, r - 4, 30 * h)],
               fill=INK, width=7 if h == 0 else 4)  # fmt: skip
    sweep = 70 if wheel["direction"] == "clockwise" else -70
    curved_arrow(c, centre, r + 22, -sweep / 2, sweep, width=6, head=24)
    c.text(cx, cy + r + 36, f"{wheel['rate']}°/s", size=38, bold=True)
    c.text(cx, cy + r + 74, wheel["direction"], size=30)


def frame(base: Canvas, wheels: list[dict], spots, r: float, t: float) -> Canvas:
    f = base.copy()
    for w, centre in zip(wheels, spots):
        a = angle_at(w, t)
        tip = clock_point(centre, r * 0.82, a)
        left, right = clock_point(centre, 0.11 * r, a - 90), clock_point(centre, 0.11 * r, a + 90)
        tail = clock_point(centre, 0.18 * r, a + 180)
        f.polygon([tip, left, tail, right], fill=pointer_colour(w["color"]))
        f.circle(centre[0], centre[1], 0.08 * r, fill=INK)
    f.text(940, 70, f"t = {t:.2f} s", size=46, anchor="rm")
    return f
