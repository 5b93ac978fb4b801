"""Communicating vessels: open the valves and water flows through the bottom pipe until every
vessel shows the same level; the total volume of water never changes."""

from __future__ import annotations

import itertools
import math

from generators.kit import (
    FAINT,
    INK,
    MUTED,
    NAMED,
    Param,
    Task,
    distinct,
    easing,
    register,
    require,
)
from generators.kit.palette import lighten

RATE = 20  # trajectory samples per simulated second
STEP = 1 / 400  # integrator step (s); RATE divides 1 / STEP
FLOW_TIME = 3.0  # s from opening the valves until the levels agree to SETTLED
SETTLED = 0.005  # levels: "equal" means within this of the common level
EPS = 1e-3  # levels: below this head difference the pipe flow turns laminar (linear)
MAX_LEVEL = 9  # starting levels are whole scale marks 1..MAX_LEVEL
HEIGHT = 10  # vessels are HEIGHT scale units tall
WIDTHS = (1, 2, 3, 4)  # vessel widths in width units; all vessels have the same depth
WATER = NAMED["blue"]
OPEN = NAMED["green"]
CLOSED = NAMED["red"]
BASE_Y = 790  # canvas y of the vessel bottoms (level 0)
LU = 52  # canvas units per level unit
FIRST_PAIRS = [(w0, w1, a, b) for w0 in WIDTHS for w1 in WIDTHS for a in range(1, MAX_LEVEL + 1)
               for b in range(1, MAX_LEVEL + 1) if abs(a - b) >= 3]  # fmt: skip
WU = 48  # canvas units per width unit
GAP = 80  # canvas units between neighbouring vessels
LEFT, RIGHT = 190, 950  # canvas x range of the vessels
PIPE_Y0, PIPE_Y1 = BASE_Y + 30, BASE_Y + 62


def common_level(widths: list[int], levels: list[float]) -> float:
    """The level where the same volume (width x level, equal depths) stands evenly."""
    return sum(w * h for w, h in zip(widths, levels)) / sum(widths)


def pipe_flow(head: float, k: float) -> float:
    """Volume per second through one pipe for a head difference `head` (level units).

    Orifice (Bernoulli) flow grows like the square root of the head; for tiny heads the
    flow becomes laminar and linear, which keeps the equations smooth at equilibrium."""
    return k * head / math.sqrt(abs(head) + EPS)


def _rates(levels: list[float], widths: list[int], k: float) -> list[float]:
    q = [pipe_flow(a - b, k) for a, b in itertools.pairwise(levels)]  # q[i]: i -> i+1
    return [
        ((q[i - 1] if i > 0 else 0.0) - (q[i] if i < len(q) else 0.0)) / w
        for i, w in enumerate(widths)
    ]


def _rk4(levels: list[float], widths: list[int], k: float) -> list[float]:
    def add(a, b, s):
        return [x + s * y for x, y in zip(a, b)]

    k1 = _rates(levels, widths, k)
    k2 = _rates(add(levels, k1, STEP / 2), widths, k)
    k3 = _rates(add(levels, k2, STEP / 2), widths, k)
    k4 = _rates(add(levels, k3, STEP), widths, k)
    return [h + STEP / 6 * (a + 2 * b + 2 * c + d) for h, a, b, c, d in zip(levels, k1, k2, k3, k4)]


def simulate(widths: list[int], levels: list[float], k: float, times: list[float]):
    """Levels at each of the ascending `times` (s after the valves open), RK4 at STEP and
    linear interpolation between steps."""
    out = []
    cur = list(levels)
    nxt = _rk4(cur, widths, k)
    step = 0  # cur is the state at step * STEP, nxt one step later
    for want in times:
        while (step + 1) * STEP < want - 1e-12:
            step += 1
            cur, nxt = nxt, _rk4(nxt, widths, k)
        f = min(max((want - step * STEP) / STEP, 0.0), 1.0)
        out.append([a + (b - a) * f for a, b in zip(cur, nxt)])
    return out


def settle_time(widths: list[int], levels: list[float], k: float) -> float:
    """First time (s) at which every level is within SETTLED of the common level."""
    target = common_level(widths, levels)
    cur, t = list(levels), 0.0
    while max(abs(h - target) for h in cur) >= SETTLED:
        cur = _rk4(cur, widths, k)
        t += STEP
        if t > 1e4:
            raise RuntimeError("levels never settle")
    return t


def _propagate(levels: list[float], widths: list[int], k: float, dt: float) -> list[float]:
    """Checker's integrator: midpoint steps of dt / 40 from one sample to the next."""
    h = list(levels)
    sub = dt / 40
    for _ in range(40):
        mid = [x + sub / 2 * r for x, r in zip(h, _flow_rates(h, widths, k))]
        h = [x + sub * r for x, r in zip(h, _flow_rates(mid, widths, k))]
    return h


def _flow_rates(levels: list[float], widths: list[int], k: float) -> list[float]:
    net = [0.0] * len(levels)
    for i in range(len(levels) - 1):
        q = pipe_flow(levels[i] - levels[i + 1], k)  # downhill from i to i + 1 when q > 0
        net[i] -= q
        net[i + 1] += q
    return [v / w for v, w in zip(net, widths)]


def layout(widths: list[int]) -> list[tuple[float, float]]:
    """Canvas x range of each vessel: the row centred in LEFT..RIGHT."""
    total = sum(w * WU for w in widths) + GAP * (len(widths) - 1)
    x = (LEFT + RIGHT - total) / 2
    out = []
    for w in widths:
        out.append((x, x + w * WU))
        x += w * WU + GAP
    return out


@register(
    "G-20_communicating_vessels",
    title="Communicating vessels",
    description="Open the valves between connected vessels of different widths; water flows until all levels are equal, conserving volume.",
    category="physics-motion",
    params=[Param("vessels", "int", 3, 2, 4, help="number of connected vessels")],
    shard_size=65,
    memory="low",
    instances=37_000,  # default 3 vessels: 64 width rows x 588 level rows
)  # fmt: skip
class CommunicatingVessels(Task):
    def generate(self, rng, params):
        n = params["vessels"]
        # The first two vessels (widths and levels at least 3 marks apart, so the flow is
        # clearly visible) come from distinct: samples below len(FIRST_PAIRS) all differ.
        w0, w1, l0, l1 = FIRST_PAIRS[distinct(rng, len(FIRST_PAIRS))]
        while True:
            widths = [w0, w1] + [int(w) for w in rng.choice(WIDTHS, size=n - 2)]
            levels = [l0, l1] + [int(h) for h in rng.integers(1, MAX_LEVEL + 1, size=n - 2)]
            if sum(w * WU for w in widths) + GAP * (n - 1) > RIGHT - LEFT:
                continue
            # scale the pipe conductance so that the levels settle FLOW_TIME after opening
            k = round(settle_time(widths, levels, 1.0) / FLOW_TIME, 6)
            return {"widths": widths, "levels": levels, "k": k, "flow_time": FLOW_TIME}

    def solve(self, puzzle, params):
        widths, levels, k = puzzle["widths"], puzzle["levels"], puzzle["k"]
        times = [i / RATE for i in range(round(puzzle["flow_time"] * RATE) + 1)]
        states = simulate(widths, levels, k, times)
        return {
            "final_level": common_level(widths, levels),
            "volume": sum(w * h for w, h in zip(widths, levels)),
            "samples": [[t, *hs] for t, hs in zip(times, states)],
        }

    def check(self, puzzle, answer, params):
        widths, levels, k = puzzle["widths"], puzzle["levels"], puzzle["k"]
        n = len(widths)
        require(n >= 2 and len(levels) == n, "need at least two vessels with a level each")
        require(len(set(levels)) > 1, "the levels are equal from the start: nothing to do")
        s = answer["samples"]
        dt = 1 / RATE
        require(len(s) >= 3 and all(len(row) == n + 1 for row in s), "malformed samples")
        require(
            all(abs(row[0] - i * dt) < 1e-6 for i, row in enumerate(s)),
            "samples are not taken at a fixed rate",
        )
        require(abs(s[-1][0] - puzzle["flow_time"]) < 1e-6, "samples do not cover the whole flow")
        require(
            all(abs(a - b) < 1e-6 for a, b in zip(s[0][1:], levels)),
            "the first sample is not the starting levels",
        )
        volume = sum(w * h for w, h in zip(widths, levels))
        require(abs(answer["volume"] - volume) < 1e-4, "wrong total volume")
        for row in s:
            v = sum(w * h for w, h in zip(widths, row[1:]))
            require(abs(v - volume) < 1e-3, f"water volume is not conserved at t={row[0]:g}")
            require(
                all(-1e-6 <= h <= HEIGHT for h in row[1:]),
                f"a level leaves its vessel at t={row[0]:g}",
            )
        target = volume / sum(widths)
        require(
            abs(answer["final_level"] - target) < 1e-4, "final level is not volume / total width"
        )
        require(
            all(abs(h - target) <= SETTLED + 1e-6 for h in s[-1][1:]),
            "the levels are not equal at the end",
        )
        # Each sample must follow from the one before under the pipe-flow law (replayed here
        # with a finer independent integrator): water runs through every pipe from the higher
        # side to the lower one, so a level cannot jump, stall or move against its head.
        for a, b in itertools.pairwise(s):
            want = _propagate(a[1:], widths, k, dt)
            require(
                all(abs(x - y) < 2e-4 for x, y in zip(want, b[1:])),
                f"levels at t={b[0]:g} do not follow from t={a[0]:g} by the flow law",
            )

    def prompt(self, puzzle, params):
        n = len(puzzle["widths"])
        widths = ", ".join(str(w) for w in puzzle["widths"])
        levels = ", ".join(str(h) for h in puzzle["levels"])
        return (
            f"Side view of {n} open glass vessels standing in a row on the same base, all of the "
            f"same depth but of different widths ({widths} width units from left to right, as "
            "labelled above them). A pipe along the bottom connects each pair of neighbouring "
            "vessels through a closed red valve. The vessels hold blue water at levels "
            f"{levels} on the scale at the left (scale marks from 0 at the bottom to 10). "
            "Open all the valves at once (each turns green) and show the water flowing through "
            "the pipe from higher levels to lower ones: the higher levels fall, the lower ones "
            "rise, and the total amount of water stays the same. The vessels, pipe and scale do "
            "not change. The video ends when the water has stopped moving and every vessel "
            "shows the same level, marked with a dashed line and its value."
        )

    def rubric(self, puzzle, answer, params):
        f = answer["final_level"]
        return "\n".join([
            "1. At the start every valve is red and closed and the levels are "
            + ", ".join(str(h) for h in puzzle["levels"]) + " from left to right.",
            "2. The valves turn green (open) before any water moves.",
            "3. Through every pipe water flows from the higher level to the lower one; the "
            "levels move smoothly, without jumps or sloshing.",
            "4. The flow is fastest right after opening and slows down smoothly as the levels approach each other.",
            f"5. At the end all vessels show the same level, about {f:.1f} on the scale "
            "(the starting volume spread over the total width).",
            "6. Wide vessels change level less than narrow ones for the same amount of water; "
            "no water appears or disappears.",
            "7. The vessels, pipe and scale stay unchanged.",
        ])  # fmt: skip

    def render(self, puzzle, answer, params, film):
        widths, levels = puzzle["widths"], puzzle["levels"]
        xs = layout(widths)
        base = film.canvas()
        _draw_scale(base)
        for w, (x0, x1) in zip(widths, xs):
            base.text((x0 + x1) / 2, BASE_Y - HEIGHT * LU - 60, f"w={w}", size=42, bold=True)
        first = base.copy()
        _draw_vessels(first, xs, levels, 0.0)
        film.hold(first, 1.0)
        for t in easing.steps(film.seconds(0.4)):  # the valves turn open
            frame = base.copy()
            _draw_vessels(frame, xs, levels, t)
            film.add(frame)
        flow_time = puzzle["flow_time"]
        n = film.seconds(flow_time)
        times = [flow_time * j / n for j in range(1, n + 1)]
        for hs in simulate(widths, levels, puzzle["k"], times):
            frame = base.copy()
            _draw_vessels(frame, xs, hs, 1.0)
            film.add(frame)
        final = base.copy()
        f = answer["final_level"]
        _draw_vessels(final, xs, [f] * len(widths), 1.0)
        y = BASE_Y - f * LU
        x = xs[0][0] - 30
        while x < xs[-1][1] + 30:
            final.line([(x, y), (min(x + 24, xs[-1][1] + 30), y)], fill=INK, width=4)
            x += 40
        final.rect(70, y - 28, 176, y + 28, fill=NAMED["yellow"], radius=8)
        final.text(123, y, f"{f:.1f}", size=44, bold=True)
        film.hold(final, 1.25)


def _draw_scale(c) -> None:
    for m in range(HEIGHT + 1):
        y = BASE_Y - m * LU
        c.line([(LEFT - 20, y), (RIGHT, y)], fill=FAINT, width=2)
        c.line([(150, y), (176 if m % 2 else 190, y)], fill=INK, width=3)
        if m % 2 == 0:
            c.text(120, y, str(m), size=42)
    c.line([(176, BASE_Y), (176, BASE_Y - HEIGHT * LU)], fill=INK, width=3)


def _draw_vessels(c, xs, levels, opened: float) -> None:
    water = lighten(WATER, 0.25)
    # bottom pipe with a neck under each vessel, always full of water
    mids = [(x0 + x1) / 2 for x0, x1 in xs]
    c.rect(mids[0] - 14, PIPE_Y0, mids[-1] + 14, PIPE_Y1, fill=water, outline=INK, width=4)
    for m in mids:
        c.rect(m - 14, BASE_Y - 4, m + 14, PIPE_Y0 + 6, fill=water)
        c.line([(m - 14, BASE_Y), (m - 14, PIPE_Y0)], fill=INK, width=4)
        c.line([(m + 14, BASE_Y), (m + 14, PIPE_Y0)], fill=INK, width=4)
    for (x0, x1), h in zip(xs, levels):
        top = BASE_Y - HEIGHT * LU - 10
        c.rect(x0, BASE_Y - h * LU, x1, BASE_Y, fill=water)
        c.line([(x0, top), (x0, BASE_Y), (x1, BASE_Y), (x1, top)], fill=INK, width=6)
        c.rect((x0 + x1) / 2 - 10, BASE_Y - 3, (x0 + x1) / 2 + 10, BASE_Y + 3, fill=water)
    # a valve half-way along each pipe segment: the handle turns from across to along
    colour = CLOSED if opened < 0.5 else OPEN
    ang = math.pi / 2 * (1 - opened)
    for a, b in itertools.pairwise(mids):
        vx, vy = (a + b) / 2, (PIPE_Y0 + PIPE_Y1) / 2
        c.circle(vx, vy, 24, fill=colour, outline=INK, width=4)
        dx, dy = 34 * math.cos(ang), 34 * math.sin(ang)
        c.line([(vx - dx, vy - dy), (vx + dx, vy + dy)], fill=INK, width=9)
    c.line([(LEFT - 40, BASE_Y + 80), (RIGHT, BASE_Y + 80)], fill=MUTED, width=3)
