"""Pulley: two blocks joined by a rope over a pulley (an Atwood machine, or a block on a
frictionless table pulled by a hanging one) released from rest; constant acceleration
a = g (m_down - m_up) / (m1 + m2) until the falling block reaches the floor."""

from __future__ import annotations

import math

from generators.kit import FAINT, INK, MUTED, NAMED, Param, Task, register, require
from generators.kit.easing import GLIDE_SPEED
from generators.kit.palette import lighten

PLACES = {"Earth": 9.81, "Mars": 3.71, "the Moon": 1.62}  # gravity in m/s^2
PLACE_NAMES = tuple(PLACES)
RATE = 20  # trajectory samples per simulated second
S = 200  # canvas units per metre
FLOOR_Y = 860
RED, BLUE = NAMED["red"], NAMED["blue"]
# Atwood machine
PULLEY = (540, 225)
PULLEY_R = 80
# table: the red block slides on the table top, the blue block hangs past its right edge
TABLE_Y, TABLE_X0, TABLE_X1 = 470, 70, 630
TABLE_PULLEY = (660, 430)
TABLE_PULLEY_R = 40
ROPE_CLEAR = 0.15  # m the rising block (or the sliding one) keeps from the pulley
INSTANCES = 1_600_000  # measured (20,000 draws): masses x heights in mm x place


def block_size(mass: int) -> float:
    """Side of a block in metres: heavier blocks are drawn bigger."""
    return round(0.5 + 0.015 * mass, 6)


def acceleration(setup: str, m_red: int, m_blue: int, g: float) -> float:
    """Signed acceleration of the blue block downwards (m/s^2)."""
    if setup == "atwood":
        return g * (m_blue - m_red) / (m_red + m_blue)
    return g * m_blue / (m_red + m_blue)  # frictionless table: only the blue weight pulls


@register(
    "G-23_pulley",
    title="Pulley",
    description="Two blocks on a rope over a pulley (Atwood machine or table) released from rest: which way they move and with what acceleration.",
    category="physics-motion",
    params=[
        Param("setup", "str", "any", choices=("any", "atwood", "table"),
              help="two hanging blocks (atwood), a block on a table pulled by a hanging one, or either"),
        Param("place", "str", "any", choices=("any", *PLACE_NAMES),
              help="where the scene is, which sets gravity"),
        Param("masses", "str", "any", choices=("far", "any", "near"),
              help="Atwood masses: the heavier at least twice the lighter (far), or 1 kg apart (near)"),
    ],
    shard_size=100,
    memory="low",
    instances=INSTANCES,
    faculty="knowledge",
    levels={1: {"setup": "atwood", "place": "the Moon", "masses": "far"},
            2: {"setup": "atwood", "place": "any", "masses": "any"},
            3: {"setup": "any", "place": "any", "masses": "any"},
            4: {"setup": "table", "place": "any", "masses": "any"},
            5: {"setup": "atwood", "place": "any", "masses": "near"}},
)  # fmt: skip
class Pulley(Task):
    def generate(self, rng, params):
        setup = params["setup"]
        if setup == "any":
            setup = "atwood" if rng.random() < 0.6 else "table"
        place = params["place"]
        if place == "any":
            place = PLACE_NAMES[int(rng.integers(len(PLACE_NAMES)))]
        g = PLACES[place]
        for _ in range(20_000):
            if setup == "atwood":
                m_red, m_blue = (int(m) for m in rng.integers(1, 13, size=2))
                if m_red == m_blue or not _masses_fit(params["masses"], m_red, m_blue):
                    continue
                drop = round(float(rng.integers(800, 2001)) / 1000, 6)  # heavier block's height
                low = round(float(rng.integers(100, 801)) / 1000, 6)  # lighter block's height
                heavy_is_blue = m_blue > m_red
                h_blue, h_red = (drop, low) if heavy_is_blue else (low, drop)
                light = m_red if heavy_is_blue else m_blue
                top = (FLOOR_Y - PULLEY[1] - PULLEY_R) / S - ROPE_CLEAR
                if low + drop + block_size(light) > top:
                    continue  # the rising block would hit the pulley
                if drop + block_size(max(m_red, m_blue)) > top:
                    continue
                puzzle = {"setup": setup, "m_red": m_red, "m_blue": m_blue,
                          "h_red": h_red, "h_blue": h_blue}  # fmt: skip
            else:
                m_red = int(rng.integers(5, 16))
                m_blue = int(rng.integers(1, 4))
                h_blue = round(float(rng.integers(300, 1101)) / 1000, 6)
                top = (FLOOR_Y - TABLE_PULLEY[1] - TABLE_PULLEY_R) / S - ROPE_CLEAR
                if h_blue + block_size(m_blue) > top:
                    continue
                # x_red: the red block's right face, in metres from the table's left end
                room = (TABLE_X1 - TABLE_X0) / S - ROPE_CLEAR - h_blue
                lo = block_size(m_red) + 0.1
                if room < lo:
                    continue
                x_red = round(
                    float(rng.integers(round(lo * 10), math.floor(room * 10) + 1)) / 10, 6
                )
                puzzle = {"setup": setup, "m_red": m_red, "m_blue": m_blue,
                          "x_red": x_red, "h_blue": h_blue}  # fmt: skip
            a = abs(acceleration(setup, m_red, m_blue, g))
            t_end = math.sqrt(2 * _drop(puzzle) / a)
            # real time, yet the falling block never outruns GLIDE_SPEED (3% rule)
            if 1.3 <= t_end <= 3.5 and a * t_end * S <= GLIDE_SPEED:
                puzzle.update(place=place, g=g)
                return puzzle
        raise ValueError(
            f"no {setup} puzzle with {params['masses']} masses on {place} is slow enough to show"
        )

    def solve(self, puzzle, params):
        setup, m_red, m_blue, g = puzzle["setup"], puzzle["m_red"], puzzle["m_blue"], puzzle["g"]
        a_blue = acceleration(setup, m_red, m_blue, g)  # blue block, downwards
        a = abs(a_blue)
        d = _drop(puzzle)
        t_end = math.sqrt(2 * d / a)
        times = [i / RATE for i in range(math.ceil(t_end * RATE))] + [t_end]
        first = puzzle["h_red"] if setup == "atwood" else puzzle["x_red"]
        # red coordinate: height (atwood, up is +) or position along the table (right is +);
        # either way it gains what the blue height loses
        samples = [
            [t, first + a_blue * t * t / 2, puzzle["h_blue"] - a_blue * t * t / 2] for t in times
        ]
        m_down = m_blue if a_blue > 0 else m_red
        return {
            "descending": "blue" if a_blue > 0 else "red",
            "acceleration": a,
            "tension": m_down * (g - a) if setup == "atwood" else m_red * a,
            "time": t_end,
            "distance": d,
            "samples": samples,
        }

    def check(self, puzzle, answer, params):
        setup, m_red, m_blue, g = puzzle["setup"], puzzle["m_red"], puzzle["m_blue"], puzzle["g"]
        require(setup in ("atwood", "table") and m_red > 0 and m_blue > 0, "malformed puzzle")
        require(PLACES.get(puzzle["place"]) == g, "gravity does not match the place")
        a = answer["acceleration"]
        t_rope = answer["tension"]
        # Newton's second law for each block with one rope tension
        if setup == "atwood":
            require(m_red != m_blue, "equal masses do not move")
            down, m_down, m_up = (
                ("blue", m_blue, m_red) if m_blue > m_red else ("red", m_red, m_blue)
            )
            require(answer["descending"] == down, "the lighter block cannot go down")
            require(abs(m_down * g - t_rope - m_down * a) < 1e-4, "falling block breaks F = ma")
            require(abs(t_rope - m_up * g - m_up * a) < 1e-4, "rising block breaks F = ma")
        else:
            require(
                answer["descending"] == "blue", "on a frictionless table the hanging block falls"
            )
            require(abs(t_rope - m_red * a) < 1e-4, "sliding block breaks F = ma")
            require(abs(m_blue * g - t_rope - m_blue * a) < 1e-4, "hanging block breaks F = ma")
        require(a > 0, "the blocks must accelerate")
        s = answer["samples"]
        dt = 1 / RATE
        require(len(s) >= 4 and all(len(r) == 3 for r in s), "malformed samples")
        require(all(abs(r[0] - i * dt) < 1e-6 for i, r in enumerate(s[:-1])), "irregular samples")
        require(0 < s[-1][0] - s[-2][0] <= dt + 1e-6, "the last sample is not the landing moment")
        first = puzzle["h_red"] if setup == "atwood" else puzzle["x_red"]
        require(
            abs(s[0][1] - first) < 1e-6 and abs(s[0][2] - puzzle["h_blue"]) < 1e-6,
            "the blocks do not start where pictured",
        )
        rope = s[0][1] + s[0][2]
        for r in s:  # inextensible rope: what one block gains the other loses
            require(abs(r[1] + r[2] - rope) < 1e-5, f"the rope changes length at t={r[0]:g}")
        sign = 1 if answer["descending"] == "blue" else -1
        for p, q, r in zip(s, s[1:-1], s[2:-1]):
            acc = -(r[2] - 2 * q[2] + p[2]) / dt**2  # blue block, downwards
            require(abs(acc - sign * a) < 1e-2, f"acceleration is not constant at t={q[0]:g}")
        require(
            abs((s[1][2] - s[0][2]) + sign * a * dt * dt / 2) < 1e-5,
            "the blocks are not released from rest",
        )
        t_end = answer["time"]
        require(abs(s[-1][0] - t_end) < 1e-6, "landing time does not match the samples")
        falling = 2 if sign > 0 else 1
        h_end = s[-1][falling]
        require(abs(h_end) < 1e-5, "the falling block does not end on the floor")
        require(all(r[falling] > -1e-9 for r in s), "a block goes through the floor")
        require(
            abs(s[0][falling] - answer["distance"]) < 1e-6
            and abs(answer["distance"] - a * t_end**2 / 2) < 1e-4,
            "distance and time disagree with the acceleration",
        )
        # the rising (or sliding) block never reaches the pulley
        if setup == "atwood":
            up = 1 if sign > 0 else 2
            m_up = m_red if up == 1 else m_blue
            top = (FLOOR_Y - PULLEY[1] - PULLEY_R) / S
            require(s[-1][up] + block_size(m_up) < top, "the rising block hits the pulley")
        else:
            require(s[-1][1] < (TABLE_X1 - TABLE_X0) / S, "the sliding block reaches the pulley")

    def prompt(self, puzzle, params):
        m_red, m_blue = puzzle["m_red"], puzzle["m_blue"]
        if puzzle["setup"] == "atwood":
            scene = (
                "Side view of an Atwood machine: a light rope runs over a frictionless pulley "
                f"fixed to the ceiling, with a red block of {m_red} kg hanging on the left and a "
                f"blue block of {m_blue} kg hanging on the right"
            )
            end = "the falling block touches the floor"
        else:
            scene = (
                f"Side view of a red block of {m_red} kg on a frictionless table, tied by a light "
                "horizontal rope that runs over a frictionless pulley at the table's edge to a "
                f"blue block of {m_blue} kg hanging beside the table"
            )
            end = "the blue block touches the floor"
        return (
            f"{scene}. The ruler at the right marks heights above the floor in metres. The scene "
            f"is on {puzzle['place']}, where gravity is {puzzle['g']:g} m/s^2, as the caption at "
            "the top says. The blocks are held still and then released from rest. Show the "
            "motion in real time: the blocks move together with one constant acceleration, the "
            "rope stays taut and keeps its length, and the pulley turns with the rope. The "
            f"pulley, the ruler{' and the table' if puzzle['setup'] == 'table' else ''} stay "
            f"unchanged. The video ends when {end}; the final frame states the acceleration."
        )

    def rubric(self, puzzle, answer, params):
        down = answer["descending"]
        other = "red" if down == "blue" else "blue"
        verb = "slides toward the pulley" if puzzle["setup"] == "table" else "rises"
        return "\n".join([
            "1. Both blocks start at rest at the pictured positions.",
            f"2. The {down} block moves down and the {other} block {verb}; they move the same "
            "distance at every moment (the rope keeps its length).",
            f"3. The motion speeds up steadily from rest with a constant acceleration of about "
            f"{answer['acceleration']:.2f} m/s^2 (distance grows with the square of time).",
            f"4. The {down} block reaches the floor after about {answer['time']:.1f} s, having "
            f"fallen {answer['distance']:.1f} m; the video ends there.",
            f"5. The final frame states a = {answer['acceleration']:.2f} m/s^2.",
            "6. The pulley turns with the rope; nothing else in the scene moves.",
        ])  # fmt: skip

    def render(self, puzzle, answer, params, film):
        base = film.canvas()
        _draw_static(base, puzzle)
        s = answer["samples"]
        first = base.copy()
        _draw_moving(first, puzzle, s[0][1], s[0][2], 0.0)
        film.opening(first)
        t_end = answer["time"]
        a_blue = answer["acceleration"] * (1 if answer["descending"] == "blue" else -1)
        n = film.seconds(t_end)
        for k in range(1, n + 1):
            t = t_end * k / n
            shift = a_blue * t * t / 2
            frame = base.copy()
            red = s[0][1] + shift
            blue = s[0][2] - shift
            if k == n:
                red, blue = s[-1][1], s[-1][2]
            _draw_moving(frame, puzzle, red, blue, shift)
            film.add(frame)
        final = base.copy()
        _draw_moving(final, puzzle, s[-1][1], s[-1][2], s[0][2] - s[-1][2])
        caption = f"a = {answer['acceleration']:.2f} m/s"
        w = final.text_width(caption, 52)
        final.rect(46, 132, 104 + w, 204, fill=NAMED["yellow"], radius=10)
        final.text(62, 171, caption, size=52, anchor="lm", bold=True)
        final.text(66 + w, 156, "2", size=40, anchor="lm", bold=True)  # squared
        film.closing(final)


def _masses_fit(masses: str, m_red: int, m_blue: int) -> bool:
    """Whether two Atwood masses suit the asked spread: the heavier twice the lighter or more
    (far: the direction is plain), exactly 1 kg apart (near: a small acceleration, blocks
    of almost one size), or any."""
    light, heavy = sorted((m_red, m_blue))
    return {"far": heavy >= 2 * light, "near": heavy - light == 1}.get(masses, True)


def _drop(puzzle: dict) -> float:
    """How far the blocks move before the falling one reaches the floor (m)."""
    if puzzle["setup"] == "table":
        return puzzle["h_blue"]
    down_blue = puzzle["m_blue"] > puzzle["m_red"]
    return puzzle["h_blue"] if down_blue else puzzle["h_red"]


def _draw_static(c, puzzle: dict) -> None:
    place = puzzle["place"][0].upper() + puzzle["place"][1:]
    caption = f"{place}: g = {puzzle['g']:.2f} m/s"
    c.text(60, 66, caption, size=52, anchor="lm", fill=INK)
    c.text(64 + c.text_width(caption, 52), 50, "2", size=40, anchor="lm", fill=INK)
    c.rect(40, FLOOR_Y, 880, FLOOR_Y + 14, fill=INK)
    top_m = 3.0 if puzzle["setup"] == "atwood" else 2.0
    x = 900
    c.line([(x, FLOOR_Y), (x, FLOOR_Y - top_m * S)], fill=INK, width=3)
    for k in range(round(top_m * 2) + 1):
        y = FLOOR_Y - k * 0.5 * S
        c.line([(x - 18, y), (x, y)], fill=INK, width=3)
        c.line([(60, y), (x - 18, y)], fill=FAINT, width=2)
        label = f"{k * 0.5:g}"
        c.text(x + 14, y, label, size=40, anchor="lm")
    c.text(x + 14, FLOOR_Y - top_m * S - 50, "m", size=40, anchor="lm", fill=MUTED)
    if puzzle["setup"] == "atwood":
        px, py = PULLEY
        c.rect(px - 90, 104, px + 90, 120, fill=MUTED)  # ceiling beam
        c.line([(px, 120), (px, py)], fill=INK, width=8)
    else:
        c.rect(TABLE_X0, TABLE_Y, TABLE_X1, TABLE_Y + 24, fill=NAMED["brown"])
        for lx in (TABLE_X0 + 20, TABLE_X1 - 40):
            c.rect(lx, TABLE_Y + 24, lx + 20, FLOOR_Y, fill=NAMED["brown"])
        px, py = TABLE_PULLEY
        c.line([(TABLE_X1, TABLE_Y + 12), (px, py)], fill=INK, width=8)  # the pulley's bracket


def _draw_moving(c, puzzle: dict, red: float, blue: float, shift: float) -> None:
    """Blocks at coordinate `red` (height or table position) and height `blue`; the pulley
    turned by the rope's travel `shift` (m)."""
    m_red, m_blue = puzzle["m_red"], puzzle["m_blue"]
    sr, sb = block_size(m_red) * S, block_size(m_blue) * S
    if puzzle["setup"] == "atwood":
        (px, py), r = PULLEY, PULLEY_R
        xr, xb = px - r, px + r
        red_top = FLOOR_Y - red * S - sr
        blue_top = FLOOR_Y - blue * S - sb
        c.line([(xr, py), (xr, red_top)], fill=INK, width=5)
        c.line([(xb, py), (xb, blue_top)], fill=INK, width=5)
        _pulley(c, px, py, r, shift * S / r)
        _block(c, xr, red_top + sr / 2, sr, RED, m_red)
        _block(c, xb, blue_top + sb / 2, sb, BLUE, m_blue)
    else:
        (px, py), r = TABLE_PULLEY, TABLE_PULLEY_R
        right = TABLE_X0 + red * S
        rope_y = py - r
        blue_top = FLOOR_Y - blue * S - sb
        c.line([(right, rope_y), (px, rope_y)], fill=INK, width=5)
        c.line([(px + r, py), (px + r, blue_top)], fill=INK, width=5)
        _pulley(c, px, py, r, shift * S / r)
        _block(c, right - sr / 2, TABLE_Y - sr / 2, sr, RED, m_red)
        _block(c, px + r, blue_top + sb / 2, sb, BLUE, m_blue)


def _pulley(c, cx, cy, r, angle: float) -> None:
    c.circle(cx, cy, r, fill=lighten(NAMED["gray"], 0.5), outline=INK, width=5)
    for k in range(3):
        a = angle + k * 2 * math.pi / 3
        c.line([(cx, cy), (cx + (r - 8) * math.cos(a), cy + (r - 8) * math.sin(a))],
               fill=INK, width=5)  # fmt: skip
    c.circle(cx, cy, 10, fill=INK)


def _block(c, cx, cy, side, colour, mass: int) -> None:
    h = side / 2
    c.rect(cx - h, cy - h, cx + h, cy + h, fill=colour, outline=INK, width=4, radius=8)
    c.text(cx, cy, f"{mass} kg", size=40, fill=(255, 255, 255), bold=True)
