"""Communicating vessels: open the valves and water flows through the bottom pipe until every
vessel shows the same level; the total volume of water never changes. A vessel between two
others can fill above the final level from one side before it drains to the other."""

from __future__ import annotations

import itertools
import math
from functools import cache

from generators.kit import FAINT, INK, MUTED, NAMED, Param, Task, distinct, register, require
from generators.kit.draw import text_width
from generators.kit.palette import lighten
from generators.kit.rng import pick

RATE = 20  # trajectory samples per simulated second
STEP = 1 / 400  # integrator step (s); RATE divides 1 / STEP
OPEN_TIME = 0.4  # s the valves take to turn open
FLOW_TIME = 3.0  # s from opening the valves until the levels agree to SETTLED, at least
LEVEL_SPEED = 35.0  # cm/s a level never exceeds: under 3% of the width per frame at 16 fps
SETTLED = 0.025  # cm: "equal" means within this of the common level
EPS = 5e-3  # cm: below this head difference the pipe flow turns laminar (linear)
TRIAL_K = 60.0  # pipe conductance of the run that finds the right one
TURN = 0.3  # cm: a level turns back when it reverses by more than this
HEIGHT = 50  # cm: every vessel is this tall
LEVELS = range(5, 46)  # cm: starting levels are whole centimetres
SPREAD = 10  # cm: the highest and lowest starting levels differ by at least this
WIDTHS = (10, 20, 30, 40)  # cm; all vessels have the same depth
WATER = NAMED["blue"]
OPEN, CLOSED = NAMED["green"], NAMED["red"]
BASE_Y = 790  # canvas y of the vessel bottoms (level 0)
LU = 10.4  # canvas units per cm of height
WU = 4.8  # canvas units per cm of width, less when a row would not fit
GAP = 70  # canvas units between neighbouring vessels
LEFT, RIGHT = 215, 950  # canvas x range of the vessels
PIPE_Y0, PIPE_Y1 = BASE_Y + 30, BASE_Y + 62


@cache
def first_pairs(equal: bool) -> list[tuple[int, int, int, int]]:
    """(width, width, level, level) of the first two vessels, levels SPREAD apart."""
    return [(w0, w1, a, b) for w0 in WIDTHS for w1 in WIDTHS for a in LEVELS for b in LEVELS
            if abs(a - b) >= SPREAD and (w0 == w1 or not equal)]  # fmt: skip


def common_level(widths: list[int], levels: list[float]) -> float:
    """The level where the same volume (width x level, equal depths) stands evenly."""
    return sum(w * h for w, h in zip(widths, levels)) / sum(widths)


def pipe_flow(head: float, k: float) -> float:
    """Volume per second through one pipe for a head difference `head` (cm).

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


def trial_run(widths: list[int], levels: list[float], k: float) -> tuple[float, float]:
    """(first time every level is within SETTLED of the common level, fastest level speed
    on the way) at pipe conductance k, in s and cm/s."""
    target = common_level(widths, levels)
    cur, t, fastest = list(levels), 0.0, 0.0
    while max(abs(h - target) for h in cur) >= SETTLED:
        fastest = max(fastest, *(abs(r) for r in _rates(cur, widths, k)))
        cur = _rk4(cur, widths, k)
        t += STEP
        if t > 1e4:
            raise RuntimeError("levels never settle")
    return t, fastest


def turning_levels(track: list[float]) -> list[float]:
    """A level's story: its start, every level where it turns back (by more than TURN), its end."""
    out, ext, sign = [track[0]], track[0], 0
    for h in track[1:]:
        if sign == 0:
            if abs(h - ext) > TURN:
                sign, ext = (1 if h > ext else -1), h
        elif (h - ext) * sign > 0:
            ext = h
        elif (ext - h) * sign > TURN:
            out.append(ext)
            sign, ext = -sign, h
    return [*out, track[-1]]


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
    """Canvas x range of each vessel: the row centred in LEFT..RIGHT, widths to one scale."""
    scale = min(WU, (RIGHT - LEFT - GAP * (len(widths) - 1)) / sum(widths))
    total = sum(widths) * scale + GAP * (len(widths) - 1)
    x = (LEFT + RIGHT - total) / 2
    out = []
    for w in widths:
        out.append((x, x + w * scale))
        x += w * scale + GAP
    return out


@register(
    "G-20_communicating_vessels",
    title="Communicating vessels",
    description="Open the valves between connected vessels of different widths; water flows until all levels are equal, conserving volume.",
    category="physics-motion",
    params=[
        Param("vessels", "int", 3, 2, 5, help="number of connected vessels"),
        Param("equal_widths", "bool", False, help="all vessels equally wide"),
    ],
    shard_size=65,
    memory="low",
    instances=2_000_000,  # measured; 2,603,008 exist: widths x whole-cm levels of 3 vessels
    faculty="knowledge",
    levels={1: {"vessels": 2, "equal_widths": True}, 2: {"vessels": 2}, 3: {"vessels": 3},
            4: {"vessels": 4}, 5: {"vessels": 5}},
)  # fmt: skip
class CommunicatingVessels(Task):
    def generate(self, rng, params):
        n, equal = params["vessels"], params["equal_widths"]
        # The first two vessels come from `distinct`: samples below the number of pairs
        # all differ; their levels SPREAD apart make the flow clearly visible.
        pairs = first_pairs(equal)
        w0, w1, l0, l1 = pairs[distinct(rng, len(pairs))]
        widths = [w0, w1] + [w0 if equal else pick(rng, WIDTHS) for _ in range(n - 2)]
        levels = [l0, l1] + [int(h) for h in rng.integers(LEVELS[0], LEVELS[-1] + 1, size=n - 2)]
        # Scale the pipe conductance so that the levels settle in FLOW_TIME, or in as many
        # half seconds more as keep every level slower than LEVEL_SPEED: times scale as 1 / k,
        # so one run at a trial conductance fixes it. The run stops on the first step past
        # the settling point, so k errs on the side of settling early.
        settle, fastest = trial_run(widths, levels, TRIAL_K)
        flow_time = max(FLOW_TIME, math.ceil(2 * settle * fastest / LEVEL_SPEED) / 2)
        k = round(TRIAL_K * settle / flow_time, 6)
        return {"widths": widths, "levels": levels, "k": k, "flow_time": flow_time}

    def solve(self, puzzle, params):
        widths, levels, k = puzzle["widths"], puzzle["levels"], puzzle["k"]
        times = [i / RATE for i in range(round(puzzle["flow_time"] * RATE) + 1)]
        states = simulate(widths, levels, k, times)
        return {
            "final_level": common_level(widths, levels),
            "volume": sum(w * h for w, h in zip(widths, levels)),
            "turns": [turning_levels([s[i] for s in states]) for i in range(len(widths))],
            "samples": [[t, *hs] for t, hs in zip(times, states)],
        }

    def check(self, puzzle, answer, params):
        widths, levels, k = puzzle["widths"], puzzle["levels"], puzzle["k"]
        n = len(widths)
        require(n >= 2 and len(levels) == n, "need at least two vessels with a level each")
        require(max(levels) - min(levels) >= SPREAD, "the levels are nearly equal: nothing to do")
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
        require(abs(answer["volume"] - volume) < 1e-3, "wrong total volume")
        for row in s:
            v = sum(w * h for w, h in zip(widths, row[1:]))
            require(abs(v - volume) < 1e-2, f"water volume is not conserved at t={row[0]:g}")
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
                all(abs(x - y) < 1e-3 for x, y in zip(want, b[1:])),
                f"levels at t={b[0]:g} do not follow from t={a[0]:g} by the flow law",
            )
        turns = answer["turns"]
        require(len(turns) == n, "one story per vessel")
        for i in range(n):
            want = turning_levels([row[1 + i] for row in s])
            require(
                len(turns[i]) == len(want) and all(abs(a - b) < 1e-6 for a, b in zip(turns[i], want)),
                f"vessel {i + 1} does not rise and fall as stated",
            )  # fmt: skip

    def prompt(self, puzzle, params):
        n = len(puzzle["widths"])
        widths = ", ".join(str(w) for w in puzzle["widths"])
        levels = ", ".join(str(h) for h in puzzle["levels"])
        return (
            f"Side view of {n} open glass vessels, {HEIGHT} cm tall, standing in a row on the "
            f"same base, all of the same depth; their widths are {widths} cm from left to right, "
            "as labelled above them. Identical pipes along the bottom join each pair of "
            "neighbouring vessels through a closed red valve. The vessels hold blue water at "
            f"levels {levels} cm on the scale at the left (centimetres above the bottom). Open all "
            f"the valves at once (each turns green within {OPEN_TIME:g} s) and show the water "
            "flowing: through each pipe it runs from the higher of the two vessels it joins to "
            "the lower one, at a rate proportional to the square root of their level difference, "
            "so a vessel between two others may first fill above the final level and then drain "
            "again. The total amount of water stays the same. The levels become equal "
            f"{puzzle['flow_time']:g} s after the valves have opened. The vessels, pipes and scale "
            "do not change. The video ends when the water has stopped moving; the common level "
            "is then marked with a dashed line and its value in centimetres."
        )

    def rubric(self, puzzle, answer, params):
        f, widths = answer["final_level"], puzzle["widths"]
        stories = [f"vessel {i + 1} ({w} cm wide) {_story(t)}"
                   for i, (w, t) in enumerate(zip(widths, answer["turns"]))]  # fmt: skip
        return "\n".join([
            "1. At the start every valve is red and closed and the levels are "
            + ", ".join(str(h) for h in puzzle["levels"]) + " cm from left to right.",
            f"2. The valves turn green (open) within {OPEN_TIME:g} s, before any water moves.",
            "3. Through every pipe water flows from the higher level to the lower one; the "
            "levels move smoothly, without jumps or sloshing, and slow down as they settle.",
            "4. From left to right: " + "; ".join(stories) + ".",
            f"5. {puzzle['flow_time']:g} s after the valves open all vessels show the same level, "
            f"about {f:.1f} cm (the starting volume spread over the total width), marked with a "
            "dashed line and its value.",
            "6. Wide vessels change level less than narrow ones for the same amount of water; "
            "no water appears or disappears. The vessels, pipes and scale stay unchanged.",
        ])  # fmt: skip

    def render(self, puzzle, answer, params, film):
        widths, levels = puzzle["widths"], puzzle["levels"]
        xs = layout(widths)
        base = film.canvas()
        _draw_scale(base, xs)
        for w, (x0, x1), y in zip(widths, xs, _label_rows(widths, xs)):
            base.text((x0 + x1) / 2, y, f"{w} cm", size=40, bold=True)
        first = base.copy()
        _draw_vessels(first, xs, levels, 0.0)
        film.opening(first)
        for t in film.times(OPEN_TIME):  # the valves turn open
            frame = base.copy()
            _draw_vessels(frame, xs, levels, t / OPEN_TIME)
            film.add(frame)
        times = film.times(puzzle["flow_time"])
        states = simulate(widths, levels, puzzle["k"], times)
        for hs in states[:-1]:
            frame = base.copy()
            _draw_vessels(frame, xs, hs, 1.0)
            film.add(frame)
        final = base.copy()
        f = answer["final_level"]
        _draw_vessels(final, xs, states[-1], 1.0)
        y = BASE_Y - f * LU
        final.dashed((xs[0][0] - 30, y), (xs[-1][1] + 30, y), fill=INK, width=4, dash=24, gap=16)
        label = f"{f:.1f} cm"
        w = final.text_width(label, 40)
        final.rect(8, y - 26, 28 + w, y + 26, fill=NAMED["yellow"], radius=8)
        final.text(18 + w / 2, y, label, size=40, bold=True)
        film.closing(final)


def _story(turns: list[float]) -> str:
    """How one level moves: 'rises from 12 to about 31.4 cm, then falls to 27.5 cm'."""
    if len(turns) == 2 and abs(turns[1] - turns[0]) <= TURN:
        return f"stays at about {turns[1]:.1f} cm"
    moves = []
    for k, (a, b) in enumerate(itertools.pairwise(turns)):
        start = f"from {a:g} " if k == 0 else ""
        about = "" if k == len(turns) - 2 else "about "
        moves.append(f"{'rises' if b > a else 'falls'} {start}to {about}{b:.1f} cm")
    return ", then ".join(moves)


def _label_rows(widths: list[int], xs) -> list[float]:
    """Canvas y of each width label: one row, or two alternating rows when two neighbouring
    labels would come closer than 60 units."""
    y = BASE_Y - HEIGHT * LU - 50
    mids = [(x0 + x1) / 2 for x0, x1 in xs]
    halves = [text_width(f"{w} cm", 40) / 2 for w in widths]
    if all(b - a >= ha + hb + 60 for a, b, ha, hb in zip(mids, mids[1:], halves, halves[1:])):
        return [y] * len(widths)
    return [y - 46 * (i % 2) for i in range(len(widths))]


def _draw_scale(c, xs) -> None:
    # faint guides run between the vessels, not through them: the glass stays clear
    ends = [LEFT - 20, *(x for pair in xs for x in pair), RIGHT]
    for cm in range(0, HEIGHT + 1, 5):
        y = BASE_Y - cm * LU
        for a, b in zip(ends[0::2], ends[1::2]):
            c.line([(a, y), (b, y)], fill=FAINT, width=2)
        c.line([(150, y), (176 if cm % 10 else 190, y)], fill=INK, width=3)
        if cm % 10 == 0:
            c.text(138, y, str(cm), size=40, anchor="rm")
    c.line([(176, BASE_Y), (176, BASE_Y - HEIGHT * LU)], fill=INK, width=3)
    c.text(138, BASE_Y - HEIGHT * LU - 50, "cm", size=40, anchor="rm", fill=MUTED)


def _draw_vessels(c, xs, levels, opened: float) -> None:
    """Vessels, pipes and water: each vessel's water runs down its neck into the pipe as one
    body of water (valves split the pipe into one stretch per vessel)."""
    water = lighten(WATER, 0.25)
    mids = [(x0 + x1) / 2 for x0, x1 in xs]
    neck = min(14.0, min(x1 - x0 for x0, x1 in xs) * 0.3)
    top = BASE_Y - HEIGHT * LU - 10
    c.rect(mids[0] - neck, PIPE_Y0, mids[-1] + neck, PIPE_Y1, fill=water)
    for (x0, x1), m, h in zip(xs, mids, levels):
        c.rect(x0, BASE_Y - h * LU, x1, BASE_Y, fill=water)
        c.rect(m - neck, BASE_Y - 3, m + neck, PIPE_Y0 + 3, fill=water)
        c.line([(x0, top), (x0, BASE_Y), (m - neck, BASE_Y), (m - neck, PIPE_Y0)], fill=INK,
               width=5)  # fmt: skip
        c.line([(x1, top), (x1, BASE_Y), (m + neck, BASE_Y), (m + neck, PIPE_Y0)], fill=INK,
               width=5)  # fmt: skip
    for a, b in itertools.pairwise(mids):
        c.line([(a + neck, PIPE_Y0), (b - neck, PIPE_Y0)], fill=INK, width=4)
    c.line([(mids[0] - neck, PIPE_Y0), (mids[0] - neck, PIPE_Y1), (mids[-1] + neck, PIPE_Y1),
            (mids[-1] + neck, PIPE_Y0)], fill=INK, width=4)  # fmt: skip
    # a valve half-way along each pipe segment: its white handle turns from across to along
    colour = CLOSED if opened < 0.5 else OPEN
    ang = math.pi / 2 * (1 - opened)
    for a, b in itertools.pairwise(mids):
        vx, vy = (a + b) / 2, (PIPE_Y0 + PIPE_Y1) / 2
        c.circle(vx, vy, 26, fill=colour, outline=INK, width=4)
        dx, dy = 17 * math.cos(ang), 17 * math.sin(ang)
        c.line([(vx - dx, vy - dy), (vx + dx, vy + dy)], fill=(255, 255, 255), width=8)
    c.line([(LEFT - 40, BASE_Y + 80), (RIGHT, BASE_Y + 80)], fill=MUTED, width=3)
