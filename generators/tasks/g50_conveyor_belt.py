"""Conveyor belt: a box set down on a belt moving at a stated speed slips, kinetic friction
mu m g pulling it toward the belt's speed at a = mu g, until it moves with the belt, then
rides along. Predict where the slipping stops and where the box is at a stated time; the
checker re-derives the motion from mu, g and the belt's speed."""

from __future__ import annotations

import itertools
import math

from generators.kit import FAINT, INK, MUTED, NAMED, Param, Task, register, require
from generators.kit.physics import G, accelerations, pace, slowdown, snap, steady, ticks
from generators.kit.view import View, clock, nice_step, ruler

RATE = 50  # samples per simulated second
LEFT, RIGHT = 80.0, 920.0  # canvas: the centres of the two rollers
BELT_Y, ROLLER_R = 560.0, 40.0  # canvas: the belt's top surface; the rollers' radius
BOX = 72.0  # canvas units: the box's side
MARK_GAP = 0.5  # m between the marks painted on the belt
LENGTHS = (4.0, 5.0, 6.0, 8.0, 10.0)  # m between the rollers
EDGE = 0.3  # m: the box's centre stays this far inside the rollers
BOX_COLOUR, STOP = NAMED["red"], NAMED["blue"]


def motion(puzzle: dict, mu: float | None = None, g: float | None = None) -> dict:
    """Slipping phase of the box (relative to the ground, x from where it is set down):
    acceleration, its end time and place. `mu` and `g` replace the stated ones (tests build
    wrong answers with them)."""
    mu = puzzle["mu"] if mu is None else mu
    g = puzzle["g"] if g is None else g
    u, v = puzzle["launch_speed"], puzzle["belt_speed"]
    a = math.copysign(mu * g, v - u)  # friction drags the box toward the belt's velocity
    t1 = (v - u) / a
    return {"a": a, "t_slip": t1, "x_slip": u * t1 + a * t1 * t1 / 2}


def place(puzzle: dict, mo: dict, t: float) -> tuple[float, float]:
    """(x, v) of the box at time t: x in metres from where it was set down."""
    u, t1 = puzzle["launch_speed"], mo["t_slip"]
    if t <= t1:
        return u * t + mo["a"] * t * t / 2, u + mo["a"] * t
    return mo["x_slip"] + puzzle["belt_speed"] * (t - t1), puzzle["belt_speed"]


@register(
    "G-50_conveyor_belt",
    title="Box on a conveyor belt",
    description="A box set down on a moving belt slips under kinetic friction until it moves with the belt; predict where the slipping stops and where the box is at a stated time.",
    category="physics-motion",
    params=[
        Param("launch", "str", "rest", choices=("rest", "forward", "backward"),
              help="the box is set down at rest, or tossed on faster than the belt, or against it"),
        Param("mu_step", "float", 0.01, 0.01, 0.1, help="grid of the stated friction coefficient"),
    ],
    shard_size=80,
    memory="low",
    instances=1_200_000,  # measured: about 1.4 M (scripts/measure_instances.py)
    faculty="knowledge",
    levels={1: {"mu_step": 0.1}, 2: {"mu_step": 0.05}, 3: {}, 4: {"launch": "forward"},
            5: {"launch": "backward"}},
)  # fmt: skip
class ConveyorBelt(Task):
    def generate(self, rng, params):
        while True:
            v = snap(rng.uniform(0.5, 3.0), 0.1)
            u = {"rest": 0.0, "forward": snap(v + rng.uniform(0.5, 2.5), 0.1),
                 "backward": -snap(rng.uniform(0.5, 2.5), 0.1)}[params["launch"]]  # fmt: skip
            puzzle = {"belt_speed": v, "launch_speed": u, "g": G,
                      "mu": snap(rng.uniform(0.1, 0.8), params["mu_step"]),
                      "belt_length": float(rng.choice(LENGTHS))}  # fmt: skip
            mo = motion(puzzle)
            puzzle["time"] = snap(mo["t_slip"] + rng.uniform(0.6, 3.0), 0.1)
            back = -u * u / (2 * mo["a"]) if u < 0 else 0.0  # where a box tossed back turns
            ahead = place(puzzle, mo, puzzle["time"])[0]
            room = puzzle["belt_length"] - 2 * EDGE - (ahead - back)
            if mo["t_slip"] < 0.3 or room < 0 or puzzle["time"] * Belt(puzzle).slow > 10.0:
                continue
            puzzle["start"] = snap(EDGE - back + rng.uniform(0, room), 0.1)
            if (
                puzzle["start"] + back >= EDGE
                and puzzle["start"] + ahead <= puzzle["belt_length"] - EDGE
            ):
                return puzzle

    def solve(self, puzzle, params):
        mo = motion(puzzle)
        rows = [[t, *place(puzzle, mo, t)] for t in ticks(puzzle["time"], RATE)]
        x_end = rows[-1][1]
        return {"a": mo["a"], "t_slip": mo["t_slip"], "x_slip": mo["x_slip"],
                "slip_stop": puzzle["start"] + mo["x_slip"], "final": puzzle["start"] + x_end,
                "samples": rows}  # fmt: skip

    def check(self, puzzle, answer, params):
        u, v, mu, g = (puzzle[k] for k in ("launch_speed", "belt_speed", "mu", "g"))
        rows, dt = answer["samples"], 1 / RATE
        require(len(rows) == round(puzzle["time"] * RATE) + 1 and steady((r[0] for r in rows), RATE),
                "samples are not taken at a fixed rate up to the stated time")  # fmt: skip
        a = mu * g * (1 if v > u else -1)  # kinetic friction points toward the belt's velocity
        t1 = (v - u) / a
        require(
            abs(answer["a"] - a) < 1e-6, "the slipping acceleration is not mu g toward the belt"
        )
        require(abs(answer["t_slip"] - t1) < 1e-6, "the slipping does not stop at (v - u) / (mu g)")
        x1 = (v * v - u * u) / (2 * a)
        require(abs(answer["x_slip"] - x1) < 1e-6, "wrong slipping distance (v^2 - u^2) / (2 a)")
        require(abs(answer["slip_stop"] - puzzle["start"] - x1) < 1e-6,
                "wrong place where the slipping stops")  # fmt: skip
        final = x1 + v * (puzzle["time"] - t1)
        require(abs(answer["final"] - puzzle["start"] - final) < 1e-6,
                "wrong place at the stated time")  # fmt: skip
        require(abs(rows[0][1]) < 1e-9 and abs(rows[0][2] - u) < 1e-9, "the box starts wrongly")
        for k, acc in enumerate(accelerations([r[1] for r in rows], dt), 1):
            before, now, after = rows[k - 1 : k + 2]
            if after[0] <= t1:
                require(abs(acc - a) < 0.01, f"wrong slipping acceleration at t={now[0]:.2f}")
            elif before[0] >= t1:
                require(abs(acc) < 0.01 and abs(now[2] - v) < 1e-6,
                        f"the box does not ride with the belt at t={now[0]:.2f}")  # fmt: skip
        for before, after in itertools.pairwise(rows):  # positions follow the velocities
            step, mean = after[1] - before[1], dt * (before[2] + after[2]) / 2
            if not before[0] < t1 < after[0]:  # (the trapezoid is exact but across the kink)
                require(abs(step - mean) < 2e-6, "positions and speeds disagree")
        require(abs(rows[-1][1] - final) < 1e-6, "the samples do not end at the stated place")

    def prompt(self, puzzle, params):
        u = puzzle["launch_speed"]
        how = ("set down at rest (relative to the ground)" if u == 0 else
               f"tossed onto it moving at {abs(u):g} m/s to the {'right' if u > 0 else 'left'}")  # fmt: skip
        return (
            f"Side view of a conveyor belt whose top runs to the right at {puzzle['belt_speed']:g} m/s "
            "(the pale marks on the belt move with it), between rollers "
            f"{puzzle['belt_length']:g} m apart. A red box is {how}, {puzzle['start']:g} m from "
            "the left roller (the ruler gives metres from the left roller). The kinetic friction "
            f"coefficient between box and belt is {puzzle['mu']:.2f} and gravity is 9.81 m/s^2. "
            "Show the box slipping on the belt until it moves with it, then riding along, "
            f"until t = {puzzle['time']:g} s on the clock, {pace(Belt(puzzle).slow)}. Mark on "
            "the ruler where the slipping stops. The belt's speed and the rollers do not change."
        )

    def rubric(self, puzzle, answer, params):
        v = puzzle["belt_speed"]
        kind = "speeds up" if answer["a"] > 0 else "slows down"
        if puzzle["launch_speed"] < 0:
            kind = "slows to a stop, turns round and speeds up to the right"
        return "\n".join([
            f"1. While it slips the box {kind} steadily at mu g = {abs(answer['a']):.2f} m/s^2.",
            f"2. It stops slipping at t = {answer['t_slip']:.2f} s, when its speed reaches the "
            f"belt's {v:g} m/s, {answer['slip_stop']:.2f} m from the left roller.",
            f"3. From then on it rides with the belt at {v:g} m/s, without slipping.",
            f"4. At t = {puzzle['time']:g} s it is {answer['final']:.2f} m from the left roller.",
            "5. The box never jumps; the belt's marks move steadily at the belt's speed.",
            "6. The final frame marks where the slipping stopped.",
        ])  # fmt: skip

    def render(self, puzzle, answer, params, film):
        belt = Belt(puzzle)
        base = film.canvas()
        belt.draw_static(base, puzzle)
        frame = base.copy()
        belt.draw_moving(frame, puzzle, 0.0, 0.0)
        film.opening(frame)
        rows = answer["samples"]
        mo = motion(puzzle)
        for t in film.times(puzzle["time"] * belt.slow, span=puzzle["time"]):
            x = place(puzzle, mo, t)[0] if t < puzzle["time"] else rows[-1][1]
            frame = base.copy()
            belt.draw_moving(frame, puzzle, t, x)
            film.add(frame)
        belt.draw_stop(frame, answer["slip_stop"])
        film.closing(frame)


class Belt(View):
    """The belt in metres from the left roller's centre, its top surface at y = 0."""

    def __init__(self, puzzle):
        s = (RIGHT - LEFT) / puzzle["belt_length"]
        super().__init__(LEFT, BELT_Y, s)
        top = max(abs(puzzle["launch_speed"]), puzzle["belt_speed"]) * s
        self.slow = slowdown(top)

    def draw_static(self, c, puzzle) -> None:
        c.text(40, 60, f"belt {puzzle['belt_speed']:g} m/s to the right, kinetic friction "
               f"{puzzle['mu']:.2f}", size=42, anchor="lm", bold=True)  # fmt: skip
        u = puzzle["launch_speed"]
        how = "set down at rest" if u == 0 else (
            f"tossed on at {abs(u):g} m/s to the {'right' if u > 0 else 'left'}")  # fmt: skip
        lines = (f"box {how}", f"{puzzle['start']:g} m from the left roller",
                 f"where is it at t = {puzzle['time']:g} s?")  # fmt: skip
        for k, line in enumerate(lines):
            c.text(40, 112 + 50 * k, line, size=40, anchor="lm")
        low = BELT_Y + 2 * ROLLER_R
        c.rect(LEFT, BELT_Y, RIGHT, low, fill=INK, radius=ROLLER_R)
        for x in (LEFT, RIGHT):
            c.circle(x, BELT_Y + ROLLER_R, ROLLER_R - 12, fill=MUTED)
            c.dot((x, BELT_Y + ROLLER_R), 6, fill=INK)
        step = nice_step(self.s, 70, (0.5, 1.0, 2.0))
        ruler(c, self, low + 30, RIGHT + 1e-6, label_y=low + 90, step=step / 5 if step < 2 else 0.5,
              every=step)  # fmt: skip
        c.text(RIGHT, low + 150, "metres from the left roller", size=40, fill=MUTED, anchor="rm")

    def draw_moving(self, c, puzzle, t: float, x: float) -> None:
        """Belt marks (top strand right, bottom strand left) and the box at x from its start."""
        shift = puzzle["belt_speed"] * t % MARK_GAP
        n = math.ceil(puzzle["belt_length"] / MARK_GAP)
        for k in range(-1, n + 1):
            for along, y in (
                (k * MARK_GAP + shift, BELT_Y + 10),
                (k * MARK_GAP - shift, BELT_Y + 70),
            ):
                if 0.15 <= along <= puzzle["belt_length"] - 0.15:
                    c.rect(self.x(along) - 4, y - 6, self.x(along) + 4, y + 6, fill=FAINT)
        cx = self.x(puzzle["start"] + x)
        c.rect(
            cx - BOX / 2, BELT_Y - BOX, cx + BOX / 2, BELT_Y, fill=BOX_COLOUR, outline=INK, width=3
        )
        clock(c, t)

    def draw_stop(self, c, at: float) -> None:
        """A blue mark on the ruler where the slipping stopped, and its reading."""
        x, low = self.x(at), BELT_Y + 2 * ROLLER_R
        c.line([(x, low + 8), (x, low + 62)], fill=STOP, width=8)
        c.text(min(max(x, 300), 700), 860, f"slipping stops at {at:.2f} m", size=40, fill=STOP,
               bold=True)  # fmt: skip
