"""A charged puck on a frictionless table slides into a region of uniform field: a magnetic
field through the table bends it on a circle of radius m v / (|q| B), an electric field along
the table on a parabola (acceleration q E / m), both at once on a drifting cycloid (E x B
drift). Predict the numbered stretch of the region's edge where it leaves, and when. The
motion is exact; the checker integrates the Lorentz force afresh."""

from __future__ import annotations

import itertools
import math

from generators.kit import INK, MUTED, NAMED, Param, Task, redraw, register, require
from generators.kit.palette import darken, lighten
from generators.kit.physics import rk4_vec_step, snap, steady, ticks_until
from generators.kit.view import View, scale_bar

RATE = 20  # samples per simulated second
VIEW = View(70.0, 935.0, 130.0)  # world (0, 0) at canvas (70, 935); 130 units per metre
PUCK_R = 0.12  # m, drawn
FASTEST = 2.7  # m/s: 24 canvas units per frame at 16 fps
LONGEST = 7.0  # s in the field at most
CLEAR = 0.12  # m: exits keep this far from a stretch's ends; paths this far from other edges
POSITIVE, NEGATIVE = NAMED["red"], NAMED["blue"]
MINUS = "\u2212"
DIRECTIONS = {"right": (1.0, 0.0), "left": (-1.0, 0.0), "up": (0.0, 1.0), "down": (0.0, -1.0)}


def acceleration(puzzle: dict, vx: float, vy: float, charge: float | None = None,
                 mass: float | None = None) -> tuple[float, float]:  # fmt: skip
    """q (E + v x B) / m in the table's plane; B points out of the table when positive."""
    q = puzzle["charge"] if charge is None else charge
    m = puzzle["mass"] if mass is None else mass
    ex, ey = puzzle["e_field"]
    bz = puzzle["b_field"]
    return q * (ex + vy * bz) / m, q * (ey - vx * bz) / m


def motion(puzzle: dict, t: float, charge: float | None = None, mass: float | None = None):
    """Exact position and velocity t seconds after entering the field, from the entry state:
    uniform acceleration without B; with B, a circle about the guiding centre, which drifts
    at E x B / B^2."""
    q = puzzle["charge"] if charge is None else charge
    m = puzzle["mass"] if mass is None else mass
    (x0, y0), (vx, vy) = puzzle["entry"], puzzle["entry_velocity"]
    ex, ey = puzzle["e_field"]
    bz = puzzle["b_field"]
    if bz == 0:
        ax, ay = q * ex / m, q * ey / m
        return x0 + vx * t + ax * t * t / 2, y0 + vy * t + ay * t * t / 2, vx + ax * t, vy + ay * t
    w = -q * bz / m  # counterclockwise when positive
    ux, uy = ey / bz, -ex / bz  # drift E x B / B^2 (B along z)
    rx, ry = vx - ux, vy - uy
    c, s = math.cos(w * t), math.sin(w * t)
    # velocity: the drift plus the relative velocity turned by w t; position: its integral
    px = (rx * s - ry * (1 - c)) / w
    py = (ry * s + rx * (1 - c)) / w
    return x0 + ux * t + px, y0 + uy * t + py, ux + rx * c - ry * s, uy + rx * s + ry * c


def leaves_at(puzzle: dict, charge: float | None = None, mass: float | None = None) -> float | None:
    """When the puck first leaves the field region (None if not within LONGEST)."""
    step = 1 / 200
    t = step
    while t <= LONGEST:
        x, y, _, _ = motion(puzzle, t, charge, mass)
        if not _inside(puzzle, x, y):
            lo, hi = t - step, t
            for _ in range(60):
                mid = (lo + hi) / 2
                lo, hi = (
                    (mid, hi)
                    if _inside(puzzle, *motion(puzzle, mid, charge, mass)[:2])
                    else (lo, mid)
                )
            return hi
        t += step
    return None


def _inside(puzzle: dict, x: float, y: float) -> bool:
    x0, y0, x1, y1 = puzzle["region"]
    return x0 <= x <= x1 and y0 <= y <= y1


def stretch(puzzle: dict, x: float, y: float) -> tuple[str, int]:
    """The side and the number of the edge stretch at a boundary point. Stretches are
    `segment` metres long, numbered clockwise from the top-left corner."""
    x0, y0, x1, y1 = puzzle["region"]
    seg = puzzle["segment"]
    w, h = x1 - x0, y1 - y0
    sides = {"top": (y1, abs(y - y1)), "right": (x1, abs(x - x1)), "bottom": (y0, abs(y - y0)),
             "left": (x0, abs(x - x0))}  # fmt: skip
    side = min(sides, key=lambda k: sides[k][1])
    along = {
        "top": x - x0,
        "right": w + (y1 - y),
        "bottom": w + h + (x1 - x),
        "left": 2 * w + h + (y - y0),
    }[side]
    return side, int(along // seg) + 1


def simulate(puzzle: dict, charge: float | None = None, mass: float | None = None) -> dict:
    """The whole run: straight to the field, through it, and the exit. `charge` and `mass`
    replace the stated ones (tests build wrong answers with them)."""
    t_in = puzzle["approach"]
    t_out = leaves_at(puzzle, charge, mass)
    if t_out is None:  # (only with a wrong charge or mass) it is still inside at LONGEST
        t_out = LONGEST
    (sx, sy), (vx, vy) = puzzle["start"], puzzle["entry_velocity"]
    rows = []
    for t in ticks_until(t_in + t_out, RATE):
        if t <= t_in:
            rows.append([t, sx + vx * t, sy + vy * t])
        else:
            rows.append([t, *motion(puzzle, t - t_in, charge, mass)[:2]])
    x, y, ux, uy = motion(puzzle, t_out, charge, mass)
    side, number = stretch(puzzle, x, y)
    out = {"entry_time": t_in, "exit_time": t_in + t_out, "exit_point": [x, y], "exit_velocity": [ux, uy],
           "side": side, "stretch": number, "samples": rows}  # fmt: skip
    if puzzle["b_field"]:
        q = abs(puzzle["charge"] if charge is None else charge)
        m = puzzle["mass"] if mass is None else mass
        speed = math.hypot(
            vx - puzzle["e_field"][1] / puzzle["b_field"],
            vy + puzzle["e_field"][0] / puzzle["b_field"],
        )
        out["radius"] = m * speed / (q * abs(puzzle["b_field"]))
    return out


@register(
    "G-47_charged_particle",
    title="Charged particle in a field",
    description="A charged puck enters a uniform magnetic (circle, r = m v / |q| B) or electric (parabola) field; predict where it leaves.",
    category="physics-motion",
    params=[
        Param("field", "str", "either", choices=("magnetic", "electric", "either", "crossed"),
              help="the field in the region: B through the table, E along it, either, or both"),
        Param("angled", "bool", True, help="the puck may enter at an angle"),
        Param("charges", "str", "either", choices=("positive", "either"), help="sign of the charge"),
        Param("segment", "float", 1.0, 0.5, 2.0, help="length of the numbered edge stretches (m)"),
    ],
    shard_size=80,
    memory="low",
    instances=2_600_000,
    faculty="spatiality",
    levels={
        1: {"field": "magnetic", "angled": False, "charges": "positive", "segment": 2.0},
        2: {"field": "electric", "angled": False, "charges": "either", "segment": 1.0},
        3: {"field": "either", "angled": True, "charges": "either", "segment": 1.0},
        4: {"field": "either", "angled": True, "charges": "either", "segment": 0.5},
        5: {"field": "crossed", "angled": True, "charges": "either", "segment": 1.0},
    },
)  # fmt: skip
class ChargedParticle(Task):
    def generate(self, rng, params):
        return redraw(lambda: _draw_puzzle(rng, params))

    def solve(self, puzzle, params):
        return simulate(puzzle)

    def check(self, puzzle, answer, params):
        q, m, bz = puzzle["charge"], puzzle["mass"], puzzle["b_field"]
        ex, ey = puzzle["e_field"]
        rows = answer["samples"]
        require(steady((r[0] for r in rows[:-1]), RATE), "samples are not taken at a fixed rate")
        # the puck crosses the region's left edge when its straight approach reaches it
        t_in = (puzzle["region"][0] - puzzle["start"][0]) / puzzle["entry_velocity"][0]
        require(
            abs(t_in - puzzle["approach"]) < 1e-5, "the puck enters the field at the wrong time"
        )
        # integrate m a = q (E + v x B) afresh, in steps of at most 1/400 s, from the start
        state = (*puzzle["start"], *puzzle["entry_velocity"])

        def lorentz(s):
            return (s[2], s[3], q * (ex + s[3] * bz) / m, q * (ey - s[2] * bz) / m)

        def drift(s):
            return (s[2], s[3], 0.0, 0.0)

        t = 0.0
        for row in rows:
            while t < row[0] - 1e-12:
                h = min(1 / 400, row[0] - t)
                if t < t_in < t + h:  # a step ends exactly on the field's edge
                    h = t_in - t
                state, t = rk4_vec_step(lorentz if t >= t_in - 1e-12 else drift, state, h), t + h
            require(
                math.dist(row[1:3], state[:2]) < 1e-4,
                f"the puck is not where the Lorentz force takes it at t={row[0]:g}",
            )
            if row is not rows[-1]:
                require(
                    _inside(puzzle, *state[:2]) or row[0] <= t_in + 1e-9,
                    "the puck leaves the field before the end",
                )
        x, y = state[:2]
        x0, y0, x1, y1 = puzzle["region"]
        edge = min(abs(x - x0), abs(x - x1), abs(y - y0), abs(y - y1))
        require(edge < 1e-4, "the run does not end on the field's edge")
        require(abs(answer["exit_time"] - rows[-1][0]) < 1e-6 and math.dist(answer["exit_point"], (x, y)) < 1e-4,
                "the exit time or point does not match the motion")  # fmt: skip
        seg = puzzle["segment"]
        w, h = x1 - x0, y1 - y0
        around = {
            "top": x - x0,
            "right": w + y1 - y,
            "bottom": w + h + x1 - x,
            "left": 2 * w + h + y - y0,
        }
        side = min(("top", "right", "bottom", "left"),
                   key=lambda k: {"top": abs(y - y1), "right": abs(x - x1), "bottom": abs(y - y0), "left": abs(x - x0)}[k])  # fmt: skip
        require(answer["side"] == side and answer["stretch"] == math.floor(around[side] / seg) + 1,
                "the puck leaves through another stretch of the edge")  # fmt: skip
        if bz:  # the radius of the circle about the guiding centre: m v / (|q| B)
            v_rel = math.hypot(
                puzzle["entry_velocity"][0] - ey / bz, puzzle["entry_velocity"][1] + ex / bz
            )
            require(
                abs(answer["radius"] - m * v_rel / (abs(q) * abs(bz))) < 1e-6,
                "the radius is not m v / (|q| B)",
            )

    def prompt(self, puzzle, params):
        sign = "positive" if puzzle["charge"] > 0 else "negative"
        field = _field_words(puzzle)
        n = _stretches(puzzle)
        return (
            "Top view of a frictionless horizontal table; the grid squares and the scale bar are "
            f"1 m. A small puck with a {sign} charge of {abs(puzzle['charge']) * 1000:g} mC and a mass of "
            f"{puzzle['mass'] * 1000:g} g slides at {_speed(puzzle):g} m/s along the black arrow "
            f"({_heading(puzzle)}) toward the "
            f"shaded region, which holds {field}; outside it there is no field and gravity plays no "
            f"part. The region's edge is cut into {n} stretches numbered clockwise from its top-left "
            "corner. Through which numbered stretch does the puck leave the region, and when? Show "
            "the puck's path until it leaves; the clock gives the time in seconds."
        )

    def rubric(self, puzzle, answer, params):
        q, bz = puzzle["charge"], puzzle["b_field"]
        if bz and not any(puzzle["e_field"]):
            turn = "counterclockwise" if -q * bz > 0 else "clockwise"
            shape = (f"an arc of a circle of radius m v / (|q| B) = {answer['radius']:.2f} m, turning "
                     f"{turn}, at constant speed")  # fmt: skip
        elif not bz:
            shape = "a parabola, accelerating at q E / m along the field lines (against them for a negative charge)"
        else:
            shape = (f"loops of radius {answer['radius']:.2f} m about a centre drifting at E / B = "
                     f"{math.hypot(*puzzle['e_field']) / abs(bz):.2f} m/s, perpendicular to E")  # fmt: skip
        return "\n".join([
            f"1. The puck slides straight along the arrow until it enters the region at about {answer['entry_time']:.2f} s.",
            f"2. Inside, its path is {shape}.",
            f"3. It leaves through stretch {answer['stretch']} on the {answer['side']} edge at about "
            f"({answer['exit_point'][0]:.2f} m, {answer['exit_point'][1]:.2f} m) from the grid's origin, "
            f"at about {answer['exit_time']:.2f} s.",
            "4. The region, its numbering and the field do not change.",
        ])  # fmt: skip

    def render(self, puzzle, answer, params, film):
        base = film.canvas()
        _draw_scene(base, puzzle)
        trail = base.copy()
        frame = trail.copy()
        _draw_puck(frame, puzzle, puzzle["start"], 0.0)
        x, y = VIEW.pt(*puzzle["start"])
        a = math.atan2(puzzle["entry_velocity"][1], puzzle["entry_velocity"][0])
        frame.arrow(
            (x, y), (x + 62 * math.cos(a), y - 62 * math.sin(a)), fill=INK, width=6, head=24
        )
        film.opening(frame)
        prev = puzzle["entry"]  # the trail is drawn inside the field only, clear of the numbers
        end = answer["exit_time"]
        for t in ticks_until(end, film.fps * film.scale)[1:]:
            at = _position(puzzle, t) if t < end else answer["exit_point"]
            if t > puzzle["approach"]:
                trail.line(
                    [VIEW.pt(*prev), VIEW.pt(*at)], fill=lighten(_colour(puzzle), 0.5), width=4
                )
                prev = at
            frame = trail.copy()
            if t >= end:
                _mark_exit(frame, puzzle, answer)
            _draw_puck(frame, puzzle, at, t)
            film.add(frame)
        film.closing(frame)


def _position(puzzle: dict, t: float) -> tuple[float, float]:
    if t <= puzzle["approach"]:
        (sx, sy), (vx, vy) = puzzle["start"], puzzle["entry_velocity"]
        return sx + vx * t, sy + vy * t
    return motion(puzzle, t - puzzle["approach"])[:2]


def _speed(puzzle: dict) -> float:
    return round(math.hypot(*puzzle["entry_velocity"]), 6)


def _stretches(puzzle: dict) -> int:
    x0, y0, x1, y1 = puzzle["region"]
    return round(2 * (x1 - x0 + y1 - y0) / puzzle["segment"])


def _field_words(puzzle: dict) -> str:
    parts = []
    if puzzle["b_field"]:
        way = "up out of the table" if puzzle["b_field"] > 0 else "down into the table"
        parts.append(f"a uniform magnetic field of {abs(puzzle['b_field']):g} T pointing {way} "
                     f"({'dots' if puzzle['b_field'] > 0 else 'crosses'})")  # fmt: skip
    if any(puzzle["e_field"]):
        size = math.hypot(*puzzle["e_field"])
        way = next(
            k
            for k, d in DIRECTIONS.items()
            if d[0] * puzzle["e_field"][0] + d[1] * puzzle["e_field"][1] > 0
        )
        parts.append(
            f"a uniform electric field of {size:g} V/m pointing {way} on the page (orange arrows)"
        )
    return " and ".join(parts)


def _heading(puzzle: dict) -> str:
    a = puzzle["angle"]
    return "straight right" if a == 0 else f"{abs(a)}\u00b0 {'up' if a > 0 else 'down'} from right"


def _colour(puzzle: dict):
    return POSITIVE if puzzle["charge"] > 0 else NEGATIVE


# --- generation ----------------------------------------------------------------------


def _draw_puzzle(rng, params) -> dict | None:
    width, height = float(rng.integers(3, 5)), float(rng.integers(3, 5))
    x0, y0 = snap(rng.uniform(1.5, 2.0), 0.5), snap(rng.uniform(0.45, 5.15 - height), 0.05)
    region = [x0, y0, x0 + width, y0 + height]
    kind = params["field"]
    if kind == "either":
        kind = "magnetic" if rng.random() < 0.5 else "electric"
    sign = 1 if params["charges"] == "positive" or rng.random() < 0.5 else -1
    mass = snap(rng.uniform(0.01, 0.05), 0.001)
    charge = sign * snap(rng.uniform(5.0, 20.0), 0.5) / 1000
    speed = snap(rng.uniform(0.6, 1.8), 0.1)
    angle = int(rng.integers(-30, 31)) if params["angled"] else 0
    b = e = 0.0
    e_dir = "right"
    if kind in ("magnetic", "crossed"):
        radius = rng.uniform(0.7, 2.2)
        b = (1 if rng.random() < 0.5 else -1) * snap(mass * speed / (abs(charge) * radius), 0.1)
        if not 0.2 <= abs(b) <= 5.0:
            return None
    if kind in ("electric", "crossed"):
        e_dir = str(rng.choice(list(DIRECTIONS)))
        accel = rng.uniform(0.15, 0.8) if kind == "electric" else rng.uniform(0.05, 0.3) * abs(b)
        e = snap(accel * mass / abs(charge), 0.1) if kind == "electric" else snap(accel, 0.1)
        if e == 0:
            return None
    va = math.radians(angle)
    entry_y = snap(rng.uniform(y0 + 0.4, y0 + height - 0.4), 0.01)
    approach_x = snap(rng.uniform(1.0, 1.3), 0.01)
    vx, vy = speed * math.cos(va), speed * math.sin(va)
    start = [snap(x0 - approach_x, 0.01), snap(entry_y - vy * approach_x / vx, 0.01)]
    t_in = (x0 - start[0]) / vx
    puzzle = {"region": region, "segment": params["segment"], "mass": mass, "charge": charge,
              "angle": angle, "start": start, "entry_velocity": [vx, vy], "approach": t_in,
              "entry": [x0, start[1] + vy * t_in], "b_field": b,
              "e_field": [e * d for d in DIRECTIONS[e_dir]], "kind": kind}  # fmt: skip
    if not y0 + 0.3 <= puzzle["entry"][1] <= y0 + height - 0.3:
        return None
    t_out = leaves_at(puzzle)
    if t_out is None or t_out < 1.0 or t_out > LONGEST:
        return None
    return puzzle if _clear(puzzle, t_out) else None


def _clear(puzzle: dict, t_out: float) -> bool:
    """The exit is well inside a stretch, the path never grazes an edge it does not cross,
    nothing moves too fast, and the start sits clear of the left edge's numbers."""
    x0, y0, x1, y1 = puzzle["region"]
    x, y, _, _ = motion(puzzle, t_out)
    seg = puzzle["segment"]
    w, h = x1 - x0, y1 - y0
    side, _ = stretch(puzzle, x, y)
    along = {
        "top": x - x0,
        "right": w + y1 - y,
        "bottom": w + h + x1 - x,
        "left": 2 * w + h + y - y0,
    }[side]
    if min(along % seg, seg - along % seg) < CLEAR:
        return False
    for t in (t_out * k / 200 for k in range(1, 200)):
        px, py, vx, vy = motion(puzzle, t)
        if math.hypot(vx, vy) > FASTEST:
            return False
        gap = min(px - x0, x1 - px, py - y0, y1 - py)
        if gap < CLEAR and t > 0.4 and t < t_out - 0.4:
            return False
    return VIEW.x(puzzle["start"][0]) > 40 and 260 < VIEW.y(puzzle["start"][1]) < 910


# --- drawing -------------------------------------------------------------------------


def _draw_scene(c, puzzle: dict) -> None:
    x0, y0, x1, y1 = puzzle["region"]
    (cx0, cy1), (cx1, cy0) = VIEW.pt(x0, y0), VIEW.pt(x1, y1)
    shade = lighten(NAMED["purple"], 0.85) if puzzle["b_field"] else lighten(NAMED["orange"], 0.85)
    c.rect(cx0, cy0, cx1, cy1, fill=shade)
    cells = list(itertools.product(range(round(x1 - x0)), range(round(y1 - y0))))  # 1 m squares
    for i in range(1, round(x1 - x0)):
        c.line([VIEW.pt(x0 + i, y0), VIEW.pt(x0 + i, y1)], fill=lighten(MUTED, 0.5), width=2)
    for j in range(1, round(y1 - y0)):
        c.line([VIEW.pt(x0, y0 + j), VIEW.pt(x1, y0 + j)], fill=lighten(MUTED, 0.5), width=2)
    both = puzzle["b_field"] and any(puzzle["e_field"])
    if puzzle["b_field"]:
        for i, j in cells:
            px, py = VIEW.pt(x0 + i + 0.5, y0 + j + (0.7 if both else 0.5))
            colour = darken(NAMED["purple"], 0.1)
            if puzzle["b_field"] < 0:  # into the table: crosses
                c.line([(px - 13, py - 13), (px + 13, py + 13)], fill=colour, width=5)
                c.line([(px - 13, py + 13), (px + 13, py - 13)], fill=colour, width=5)
            else:  # out of the table: dots in rings
                c.circle(px, py, 15, outline=colour, width=4)
                c.circle(px, py, 5, fill=colour)
    if any(puzzle["e_field"]):
        ex, ey = puzzle["e_field"]
        size = math.hypot(ex, ey)
        ux, uy = ex / size, -ey / size  # canvas y points down
        for i, j in cells:
            px, py = VIEW.pt(x0 + i + 0.5, y0 + j + (0.3 if both else 0.5))
            c.arrow(
                (px - 40 * ux, py - 40 * uy),
                (px + 40 * ux, py + 40 * uy),
                fill=NAMED["orange"],
                width=5,
                head=20,
            )
    c.rect(cx0, cy0, cx1, cy1, outline=INK, width=4)
    # the numbered stretches: ticks where they meet, numbers outside their middles
    seg = puzzle["segment"]
    w, h = x1 - x0, y1 - y0
    total = 2 * (w + h)
    k = 0
    while k * seg < total - 1e-9:
        for s, pad in ((k * seg, 0.0), ((k + 0.5) * seg, 0.34)):
            px, py, nx, ny = _around(puzzle, s)
            if pad == 0.0:
                c.line(
                    [VIEW.pt(px, py), VIEW.pt(px + nx * 0.12, py + ny * 0.12)], fill=INK, width=4
                )
            else:
                c.text(*VIEW.pt(px + nx * pad, py + ny * pad), str(k + 1), size=40, fill=INK)
        k += 1
    scale_bar(c, VIEW, 820, 98, 1.0, "1 m")
    lines = _header(puzzle)
    for i, line in enumerate(lines):
        c.text(40, 45 + 50 * i, line, size=40 if i else 44, anchor="lm", bold=i == 0)


def _around(puzzle: dict, s: float) -> tuple[float, float, float, float]:
    """The point s metres clockwise round the edge from the top-left corner, and the
    outward normal there."""
    x0, y0, x1, y1 = puzzle["region"]
    w, h = x1 - x0, y1 - y0
    if s <= w:
        return x0 + s, y1, 0.0, 1.0
    if s <= w + h:
        return x1, y1 - (s - w), 1.0, 0.0
    if s <= 2 * w + h:
        return x1 - (s - w - h), y0, 0.0, -1.0
    return x0, y0 + (s - 2 * w - h), -1.0, 0.0


def _header(puzzle: dict) -> list[str]:
    q = puzzle["charge"] * 1000
    lines = [
        f"Puck: {puzzle['mass'] * 1000:g} g, {'+' if q > 0 else MINUS}{abs(q):g} mC",
        f"{_speed(puzzle):g} m/s, {_heading(puzzle)}",
    ]
    if puzzle["b_field"]:
        way = "out of the table" if puzzle["b_field"] > 0 else "into the table"
        lines.append(f"Magnetic field {abs(puzzle['b_field']):g} T {way}")
    if any(puzzle["e_field"]):
        lines.append(f"Electric field {math.hypot(*puzzle['e_field']):g} V/m along the arrows")
    return lines


def _draw_puck(c, puzzle: dict, at, t: float) -> None:
    px, py = VIEW.pt(*at)
    r = PUCK_R * VIEW.s
    c.circle(px, py, r, fill=_colour(puzzle), outline=INK, width=3)
    c.line([(px - 8, py), (px + 8, py)], fill=(255, 255, 255), width=4)
    if puzzle["charge"] > 0:
        c.line([(px, py - 8), (px, py + 8)], fill=(255, 255, 255), width=4)
    c.text(960, 45, f"t = {t:.2f} s", size=44, anchor="rm", bold=True)


def _mark_exit(c, puzzle: dict, answer: dict) -> None:
    seg = puzzle["segment"]
    k = answer["stretch"] - 1
    a = _around(puzzle, k * seg)
    b = _around(puzzle, (k + 1) * seg - 1e-9)
    c.line([VIEW.pt(*a[:2]), VIEW.pt(*b[:2])], fill=NAMED["green"], width=12)
