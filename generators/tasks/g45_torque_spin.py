"""Torque and angular acceleration: wheels start at rest; a string wound on each wheel's hub
is pulled with a constant force, so alpha = F r / I (I stated, or from the shape: 1/2 M R^2
for a solid disc, M R^2 for a ring, M L^2 / 12 for a rod about its centre). Predict where each
wheel's red mark points on its 12-mark dial after a stated time, and how many full turns it
made; at the harder levels the pulls stop part-way and the wheels coast."""

from __future__ import annotations

import itertools
import math

from generators.kit import INK, MUTED, NAMED, Param, Task, redraw, register, require
from generators.kit.palette import darken, lighten
from generators.kit.physics import snap, steady, ticks
from generators.kit.view import View, scale_bar

RATE = 20  # angle samples per simulated second
SCALE = 380.0  # canvas units per metre (every wheel at one scale)
CENTRE_Y = 540.0
COLUMNS = {1: (500.0,), 2: (290.0, 710.0), 3: (175.0, 500.0, 825.0)}
LABELS = "ABC"
SHAPES = ("disc", "ring", "rod")
SHAPE_NAMES = {"disc": "solid disc", "ring": "ring", "rod": "rod"}
FASTEST = 400.0  # canvas units per second at a wheel's rim (25 per frame at 16 fps)
MARK = NAMED["red"]
SLACK = 9.0  # degrees: the final mark is at most this far from a numbered tick


def inertia(wheel: dict) -> float:
    """Moment of inertia about the axle: stated, or from the shape (a rod spans 2 R)."""
    if wheel.get("inertia") is not None:
        return wheel["inertia"]
    k = {"disc": 0.5, "ring": 1.0, "rod": 1 / 3}[wheel["shape"]]
    return k * wheel["mass"] * wheel["radius"] ** 2


def turned(alpha: float, t: float, off: float | None) -> tuple[float, float]:
    """Angle (rad) and angular speed t seconds after the start, pulled until `off` (or
    throughout) from rest with angular acceleration alpha."""
    if off is None or t <= off:
        return alpha * t * t / 2, alpha * t
    return alpha * off * off / 2 + alpha * off * (t - off), alpha * off


def dial_mark(angle: float) -> int:
    """The numbered tick (1..12, 12 at the top) a mark points at after turning `angle`
    radians clockwise (negative: counterclockwise) from 12."""
    k = round(math.degrees(angle) / 30) % 12
    return 12 if k == 0 else k


def simulate(puzzle: dict, inertia_factor: float = 1.0, arm: str = "hub",
             ignore_off: bool = False) -> dict:  # fmt: skip
    """Every wheel's motion. Tests build wrong answers with the keyword arguments: I scaled,
    the lever arm taken as the rim radius, the pull never stopping."""
    off = None if ignore_off else puzzle["off"]
    out = {"alphas": [], "angles": [], "speeds": [], "turns": [], "marks": []}
    for w in puzzle["wheels"]:
        lever = w["hub"] if arm == "hub" else w["radius"]
        alpha = w["sense"] * w["force"] * lever / (inertia(w) * inertia_factor)
        angle, speed = turned(alpha, puzzle["duration"], off)
        out["alphas"].append(alpha)
        out["angles"].append(angle)
        out["speeds"].append(speed)
        out["turns"].append(int(abs(angle) // (2 * math.pi)))
        out["marks"].append(dial_mark(angle))
    out["samples"] = [[t, *(turned(a, t, off)[0] for a in out["alphas"])]
                      for t in ticks(puzzle["duration"], RATE)]  # fmt: skip
    ranked = sorted(range(len(puzzle["wheels"])), key=lambda i: -abs(out["angles"][i]))
    out["ranking"] = [LABELS[i] for i in ranked]
    return out


@register(
    "G-45_torque_spin",
    title="Torque and spin",
    description="Strings pulled with constant forces spin wheels up at alpha = F r / I; predict each wheel's turns and dial mark.",
    category="physics-motion",
    params=[
        Param("wheels", "int", 2, 1, 3, help="wheels side by side"),
        Param("inertia", "str", "shape", choices=("stated", "shape"),
              help="moments of inertia stated, or worked out from mass, size and shape"),
        Param("cutoff", "bool", False, help="the pulls stop part-way and the wheels coast"),
    ],
    shard_size=80,
    memory="low",
    instances=2_600_000,
    faculty="transformation",
    levels={
        1: {"wheels": 1, "inertia": "stated", "cutoff": False},
        2: {"wheels": 1, "inertia": "shape", "cutoff": False},
        3: {"wheels": 2, "inertia": "shape", "cutoff": False},
        4: {"wheels": 2, "inertia": "shape", "cutoff": True},
        5: {"wheels": 3, "inertia": "shape", "cutoff": True},
    },
)  # fmt: skip
class TorqueSpin(Task):
    def generate(self, rng, params):
        return redraw(lambda: _draw_puzzle(rng, params))

    def solve(self, puzzle, params):
        return simulate(puzzle)

    def check(self, puzzle, answer, params):
        off, end = puzzle["off"], puzzle["duration"]
        rows = answer["samples"]
        require(steady((r[0] for r in rows), RATE) and abs(rows[-1][0] - end) < 1e-9,
                "samples do not cover the motion at a fixed rate")  # fmt: skip
        dt = 1 / RATE
        for i, w in enumerate(puzzle["wheels"]):
            moment = w["inertia"] if w.get("inertia") is not None else (
                {"disc": 1 / 2, "ring": 1.0, "rod": 1 / 12}[w["shape"]] * w["mass"]
                * (2 * w["radius"] if w["shape"] == "rod" else w["radius"]) ** 2)  # fmt: skip
            alpha = w["sense"] * w["force"] * w["hub"] / moment  # alpha = tau / I
            require(abs(answer["alphas"][i] - alpha) < 1e-5 * max(1.0, abs(alpha)),
                    f"wheel {LABELS[i]}'s angular acceleration is not F r / I")  # fmt: skip
            angles = [r[1 + i] for r in rows]
            require(abs(angles[0]) < 1e-9 and abs(angles[1] - alpha * dt * dt / 2) < 1e-5,
                    f"wheel {LABELS[i]} does not start from rest")  # fmt: skip
            for k, (a, b, c) in enumerate(zip(angles, angles[1:], angles[2:]), 1):
                t = rows[k][0]
                pulled = off is None or t + dt <= off + 1e-9
                coasting = off is not None and t - dt >= off - 1e-9
                if pulled or coasting:  # second differences: alpha while pulled, 0 after
                    want = alpha if pulled else 0.0
                    require(abs((c - 2 * b + a) / dt**2 - want) < 2e-3 * max(1.0, abs(alpha)),
                            f"wheel {LABELS[i]} is not spun up by F r / I at t={t:g}")  # fmt: skip
            spin_end = alpha * (end if off is None else off)
            final = alpha * end * end / 2 if off is None else alpha * off * (end - off / 2)
            require(abs(answer["angles"][i] - final) < 1e-5 * max(1.0, abs(final))
                    and abs(angles[-1] - final) < 1e-5 * max(1.0, abs(final)),
                    f"wheel {LABELS[i]} ends at the wrong angle")  # fmt: skip
            require(abs(answer["speeds"][i] - spin_end) < 1e-5 * max(1.0, abs(spin_end)),
                    f"wheel {LABELS[i]} ends at the wrong angular speed")  # fmt: skip
            require(answer["turns"][i] == math.floor(abs(final) / (2 * math.pi)),
                    f"wheel {LABELS[i]} makes a different number of full turns")  # fmt: skip
            tick = round(math.degrees(final) / 30)
            require(
                answer["marks"][i] == (tick - 1) % 12 + 1,
                f"wheel {LABELS[i]}'s mark points elsewhere",
            )
            require(
                abs(math.degrees(final) - 30 * tick) <= SLACK + 1e-6,
                "a mark ends between two ticks",
            )
        by_angle = sorted(range(len(puzzle["wheels"])), key=lambda i: -abs(answer["angles"][i]))
        require(
            answer["ranking"] == [LABELS[i] for i in by_angle],
            "the ranking by angle turned is wrong",
        )

    def prompt(self, puzzle, params):
        n = len(puzzle["wheels"])
        wheels = "a wheel" if n == 1 else f"{n} wheels ({', '.join(LABELS[:n])})"
        how = ("Each wheel's moment of inertia I about its axle is given in the table."
               if puzzle["inertia"] == "stated" else
               "The table gives each wheel's shape, mass M and radius R (a rod is 2R long, pivoted "
               "at its middle; a ring's spokes weigh nothing).")  # fmt: skip
        stop = (f" Every pull stops at t = {puzzle['off']:g} s and the wheel then turns freely."
                if puzzle["off"] is not None else "")  # fmt: skip
        ask = "" if n == 1 else " Which wheel has turned through the largest angle?"
        return (
            f"Front view of {wheels} on frictionless axles, at rest, each with a red mark pointing "
            f"at 12 on its numbered dial; the scale bar is in metres. {how} A string wound round "
            "each wheel's hub (radius r in the table) is pulled straight down with the constant "
            f"force written at its arrow.{stop} At t = {puzzle['duration']:g} s, how many full "
            f"turns has each wheel made, and at which dial number does its red mark point?{ask} "
            "Show the wheels turning until then; the clock gives the time in seconds."
        )

    def rubric(self, puzzle, answer, params):
        lines = []
        for i, w in enumerate(puzzle["wheels"]):
            turn = "clockwise" if w["sense"] > 0 else "counterclockwise"
            lines.append(f"wheel {LABELS[i]} turns {turn} with alpha = F r / I = "
                         f"{abs(answer['alphas'][i]):.3g} rad/s^2, makes {answer['turns'][i]} full "
                         f"turn{'s' if answer['turns'][i] != 1 else ''} and ends pointing at "
                         f"{answer['marks'][i]}, spinning at {abs(answer['speeds'][i]):.2f} rad/s")  # fmt: skip
        coast = (f" until t = {puzzle['off']:g} s, then keeps a constant angular speed"
                 if puzzle["off"] is not None else "")  # fmt: skip
        rows = [
            "1. Every wheel starts from rest and turns the way its string pulls it.",
            f"2. Each wheel's angular speed grows steadily (constant angular acceleration){coast}.",
            f"3. At t = {puzzle['duration']:g} s: " + "; ".join(lines) + ".",
        ]
        if len(puzzle["wheels"]) > 1:
            rows.append(f"4. Ranked by angle turned: {', '.join(answer['ranking'])}.")
        rows.append(
            f"{len(rows) + 1}. The dials, hubs, strings' forces and the scale bar do not change."
        )
        return "\n".join(rows)

    def render(self, puzzle, answer, params, film):
        base = film.canvas()
        _draw_static(base, puzzle)
        off = puzzle["off"]
        frame = base.copy()
        _draw_wheels(frame, puzzle, [0.0] * len(puzzle["wheels"]), 0.0)
        film.opening(frame)
        for t in ticks(puzzle["duration"], film.fps * film.scale)[1:]:
            frame = base.copy()
            _draw_wheels(frame, puzzle, [turned(a, t, off)[0] for a in answer["alphas"]], t)
            film.add(frame)
        for i, mark in enumerate(answer["marks"]):  # the answer: the mark's number ringed
            x, y = _label_at(puzzle, i, mark)
            frame.circle(x, y, 30, outline=MARK, width=5)
        film.closing(frame)


# --- generation ----------------------------------------------------------------------


def _draw_puzzle(rng, params) -> dict | None:
    n = params["wheels"]
    duration = snap(rng.uniform(2.5, 5.0), 0.5)
    off = snap(rng.uniform(0.3, 0.7) * duration, 0.1) if params["cutoff"] else None
    shapes = [SHAPES[int(i)] for i in rng.integers(3, size=n)]
    wheels = []
    for shape in shapes:
        radius = snap(rng.uniform(0.18, 0.29), 0.01)
        w = {"shape": shape, "mass": snap(rng.uniform(0.5, 6.0), 0.1), "radius": radius,
             "hub": snap(rng.uniform(0.06, 0.4 * radius), 0.01), "sense": 1 if rng.random() < 0.5 else -1,
             "inertia": None}  # fmt: skip
        if params["inertia"] == "stated":
            w["inertia"] = float(f"{inertia(w):.2g}")
        # aim the wheel at a tick, then state the force that lands it there (to 0.1 N)
        fastest = FASTEST / (radius * SCALE)  # rad/s at the rim
        target = math.radians(30 * int(rng.integers(1, 12)) + 360 * int(rng.integers(0, 3)))
        reach = duration * duration / 2 if off is None else off * (duration - off / 2)
        alpha = target / reach
        w["force"] = snap(alpha * inertia(w) / w["hub"], 0.1)
        if w["force"] < 0.3 or alpha * (off or duration) > fastest:
            return None
        wheels.append(w)
    puzzle = {"wheels": wheels, "inertia": params["inertia"], "duration": duration, "off": off}
    answer = simulate(puzzle)
    for angle in answer["angles"]:
        deg = math.degrees(abs(angle))
        if abs(deg - 30 * round(deg / 30)) > SLACK - 1 or deg % 360 < 15 or deg % 360 > 345:
            return None  # between ticks, or so near 12 that full turns are hard to count
    if n > 1:
        sizes = sorted(abs(a) for a in answer["angles"])
        if any(b < 1.15 * a for a, b in itertools.pairwise(sizes)):
            return None
        if params["inertia"] == "shape":  # the strongest pull does not win
            strongest = max(range(n), key=lambda i: wheels[i]["force"])
            if answer["ranking"][0] == LABELS[strongest]:
                return None
    return puzzle


# --- drawing -------------------------------------------------------------------------


def _centre(puzzle: dict, i: int) -> tuple[float, float]:
    return COLUMNS[len(puzzle["wheels"])][i], CENTRE_Y


def _label_at(puzzle: dict, i: int, number: int) -> tuple[float, float]:
    cx, cy = _centre(puzzle, i)
    r = puzzle["wheels"][i]["radius"] * SCALE + 34
    a = math.radians(30 * number)
    return cx + r * math.sin(a), cy - r * math.cos(a)


def _row_text(w: dict, label: str) -> str:
    if w["inertia"] is not None:  # the unit's square is drawn as a superscript after this
        return f"{label}: I = {w['inertia']:g} kg m"
    return (f"{label}: {SHAPE_NAMES[w['shape']]}, M = {w['mass']:g} kg, R = {w['radius']:g} m, "
            f"r = {w['hub']:g} m")  # fmt: skip


def _draw_static(c, puzzle: dict) -> None:
    top = ("Constant pulls until t = " + f"{puzzle['off']:g} s, then free" if puzzle["off"] is not None
           else "Constant pulls on the strings")  # fmt: skip
    c.text(40, 50, top, size=44, anchor="lm", bold=True)
    for i, w in enumerate(puzzle["wheels"]):
        row = _row_text(w, LABELS[i])
        c.text(40, 108 + 50 * i, row, size=40, anchor="lm")
        if w["inertia"] is not None:
            x = 40 + c.text_width(row, 40)
            c.text(x + 2, 108 + 50 * i - 14, "2", size=28, anchor="lm")
            c.text(x + 22, 108 + 50 * i, f", hub r = {w['hub']:g} m", size=40, anchor="lm")
    view = View(0, 0, SCALE)
    scale_bar(c, view, 40, 930, 0.2, "0.2 m")
    for i, w in enumerate(puzzle["wheels"]):
        cx, cy = _centre(puzzle, i)
        rim = w["radius"] * SCALE
        for k in range(12):
            a = math.radians(30 * k)
            c.line([(cx + (rim + 4) * math.sin(a), cy - (rim + 4) * math.cos(a)),
                    (cx + (rim + 14) * math.sin(a), cy - (rim + 14) * math.cos(a))], fill=INK, width=3)  # fmt: skip
            lx, ly = _label_at(puzzle, i, 12 if k == 0 else k)
            c.text(lx, ly, str(12 if k == 0 else k), size=40, fill=MUTED)
        if len(puzzle["wheels"]) > 1:
            c.text(cx - rim - 50, cy - rim - 40, LABELS[i], size=48, bold=True)
        # the string leaves the hub's side straight down; the arrow and force below the dial
        sx = cx + w["sense"] * w["hub"] * SCALE
        c.line([(sx, cy), (sx, cy + rim + 120)], fill=INK, width=3)
        c.arrow((sx, cy + rim + 70), (sx, cy + rim + 150), fill=INK, width=6, head=26)
        c.text(sx, cy + rim + 185, f"{w['force']:g} N", size=40, bold=True)


def _draw_wheels(c, puzzle: dict, angles: list, t: float) -> None:
    for i, (w, angle) in enumerate(zip(puzzle["wheels"], angles)):
        cx, cy = _centre(puzzle, i)
        rim = w["radius"] * SCALE

        def at(r, extra=0.0, cx=cx, cy=cy, angle=angle):
            a = angle + extra
            return cx + r * math.sin(a), cy - r * math.cos(a)

        if w["shape"] == "disc":
            c.circle(
                cx,
                cy,
                rim,
                fill=lighten(NAMED["blue"], 0.55),
                outline=darken(NAMED["blue"], 0.2),
                width=4,
            )
            for k in range(3):
                c.line([at(rim * 0.9, k * math.pi / 3 + math.pi / 6), at(rim * 0.9, k * math.pi / 3 + 7 * math.pi / 6)],
                       fill=lighten(NAMED["blue"], 0.2), width=4)  # fmt: skip
        elif w["shape"] == "ring":
            c.circle(cx, cy, rim, outline=NAMED["gray"], width=0.12 * rim)
            for k in range(4):
                c.line(
                    [at(0, 0), at(rim * 0.9, k * math.pi / 2 + math.pi / 4)], fill=MUTED, width=3
                )
        else:
            half = 0.09 * rim
            ends = [at(rim, 0), at(rim, math.pi)]
            ux, uy = math.cos(angle) * half, math.sin(angle) * half
            c.polygon([(ends[0][0] - ux, ends[0][1] - uy), (ends[0][0] + ux, ends[0][1] + uy),
                       (ends[1][0] + ux, ends[1][1] + uy), (ends[1][0] - ux, ends[1][1] - uy)],
                      fill=NAMED["brown"], outline=darken(NAMED["brown"], 0.3), width=2)  # fmt: skip
        hub = w["hub"] * SCALE
        c.circle(cx, cy, hub, fill=lighten(INK, 0.75), outline=INK, width=3)
        c.line([at(hub * 0.2), at(hub * 0.95)], fill=INK, width=3)  # the hub turns too
        c.circle(*at(rim * 0.78), 0.09 * rim + 9, fill=MARK, outline=INK, width=2)
        sx = cx + w["sense"] * hub
        c.line([(sx, cy), (sx, cy + rim + 70)], fill=INK, width=3)  # the string, over the wheel
    c.text(960, 930, f"t = {t:.2f} s", size=44, anchor="rm", bold=True)
