"""Break shot: a cue disc sent along a drawn arrow into a loose cluster of discs on a
frictionless table. Disc-disc and cushion collisions are elastic and resolved exactly, event
by event (momentum and energy conserved); a disc whose centre reaches a pocket drops. Predict
which discs are pocketed, and where, by the stated time."""

from __future__ import annotations

import math

from generators.kit import INK, NAMED, Param, Task, redraw, register, require
from generators.kit.palette import darken, lighten
from generators.kit.physics import snap, ticks
from generators.kit.view import View, scale_bar

RATE = 20  # position samples per simulated second
W, H = 2.0, 1.0  # m: the cloth
R = 0.05  # m: every disc's radius
CATCH = 0.12  # m: a disc drops when its centre comes this close to a pocket's centre
POCKETS = {
    "bottom-left": (0.0, 0.0), "bottom-middle": (W / 2, 0.0), "bottom-right": (W, 0.0),
    "top-left": (0.0, H), "top-middle": (W / 2, H), "top-right": (W, H),
}  # fmt: skip
VIEW = View(60.0, 640.0, 440.0)  # the cloth's lower-left corner at canvas (60, 640), 440 units/m
COLOURS = ("red", "blue", "green", "orange", "purple", "pink")
CUE = NAMED["yellow"]
CLOTH, RAIL = lighten(NAMED["cyan"], 0.8), NAMED["brown"]
FASTEST = 0.95  # m/s: 26 canvas units per frame at 16 fps
MARGIN = 0.008  # m: near misses and grazes are at least this far from flipping
SETTLE = 0.02  # s: events of one disc at least this far apart


# --- exact event-driven motion ---------------------------------------------------------


def _pair_time(p, v, q, u) -> float:
    """When two discs moving at constant velocity first touch (inf if never)."""
    dx, dy, ux, uy = q[0] - p[0], q[1] - p[1], u[0] - v[0], u[1] - v[1]
    a, b, c = ux * ux + uy * uy, dx * ux + dy * uy, dx * dx + dy * dy - 4 * R * R
    if b >= 0 or a == 0:
        return math.inf
    disc = b * b - a * c
    return math.inf if disc < 0 else max(0.0, (-b - math.sqrt(disc)) / a)


def _wall_time(p, v) -> tuple[float, str]:
    best = (math.inf, "")
    for axis, low, high, names in (
        (0, R, W - R, ("left", "right")),
        (1, R, H - R, ("bottom", "top")),
    ):
        if v[axis] > 0:
            best = min(best, ((high - p[axis]) / v[axis], names[1]))
        elif v[axis] < 0:
            best = min(best, ((low - p[axis]) / v[axis], names[0]))
    return best


def _pocket_time(p, v) -> tuple[float, str]:
    best = (math.inf, "")
    for name, c in POCKETS.items():
        dx, dy = p[0] - c[0], p[1] - c[1]
        a, b, cc = v[0] ** 2 + v[1] ** 2, dx * v[0] + dy * v[1], dx * dx + dy * dy - CATCH**2
        if a and b < 0 and b * b - a * cc >= 0:
            best = min(best, ((-b - math.sqrt(b * b - a * cc)) / a, name))
    return best


def simulate(puzzle: dict, masses: list | None = None, restitution: float = 1.0,
             watch: bool = False) -> dict:  # fmt: skip
    """Every event up to the stated time: collisions (elastic unless `restitution` < 1, with
    the stated masses unless `masses` replaces them: tests build wrong answers so), cushion
    bounces and drops into pockets. `watch` also measures the closest call (`near_miss`)."""
    m = masses or [d["mass"] for d in puzzle["discs"]]
    pos = [list(d["at"]) for d in puzzle["discs"]]
    vel = [[0.0, 0.0] for _ in pos]
    vel[0] = list(puzzle["cue_velocity"])
    live = [True] * len(pos)
    t, end, events, near = 0.0, puzzle["duration"], [], math.inf
    while True:
        options = []
        for i in range(len(pos)):
            if not live[i]:
                continue
            options.append((*_wall_time(pos[i], vel[i]), i, -1))
            options.append((*_pocket_time(pos[i], vel[i]), i, -2))
            for j in range(i + 1, len(pos)):
                if live[j]:
                    options.append((_pair_time(pos[i], vel[i], pos[j], vel[j]), "disc", i, j))
        dt, what, i, j = min(options, default=(math.inf, "", -1, -1))
        if watch:
            near = min(near, _near_miss(pos, vel, live, min(dt, end - t)))
        if t + dt > end:
            _advance(pos, vel, live, end - t)
            break
        _advance(pos, vel, live, dt)
        t += dt
        if j >= 0:
            _bounce(pos, vel, m, i, j, restitution)
        elif j == -1:
            vel[i][0 if what in ("left", "right") else 1] *= -1
        else:
            live[i] = False
        events.append({"t": t, "kind": "disc" if j >= 0 else "cushion" if j == -1 else "pocket",
                       "discs": [i, j] if j >= 0 else [i], "where": what,
                       "velocities": [list(vel[k]) for k in ([i, j] if j >= 0 else [i])]})  # fmt: skip
    return {"events": events, "near_miss": near, **_summary(puzzle, events)}


def _advance(pos, vel, live, dt) -> None:
    for p, v, alive in zip(pos, vel, live):
        if alive:
            p[0] += v[0] * dt
            p[1] += v[1] * dt


def _bounce(pos, vel, m, i, j, e) -> None:
    nx, ny = pos[j][0] - pos[i][0], pos[j][1] - pos[i][1]
    d = math.hypot(nx, ny)
    nx, ny = nx / d, ny / d
    closing = (vel[i][0] - vel[j][0]) * nx + (vel[i][1] - vel[j][1]) * ny
    impulse = (1 + e) * closing * m[i] * m[j] / (m[i] + m[j])
    vel[i][0] -= impulse / m[i] * nx
    vel[i][1] -= impulse / m[i] * ny
    vel[j][0] += impulse / m[j] * nx
    vel[j][1] += impulse / m[j] * ny


def _near_miss(pos, vel, live, span) -> float:
    """How close, over the next `span` seconds, any approaching pair comes to flipping
    between touching and missing (a graze or a near miss), and any disc heading for a pocket
    to the pocket's edge: the outcome's robustness, in metres."""
    worst = math.inf
    idx = [k for k in range(len(pos)) if live[k]]
    for a in idx:
        others = [(pos[b], vel[b], 2 * R) for b in idx if b > a]
        others += [(c, (0.0, 0.0), CATCH) for c in POCKETS.values()]
        for q, u, reach in others:
            dx, dy = q[0] - pos[a][0], q[1] - pos[a][1]
            ux, uy = u[0] - vel[a][0], u[1] - vel[a][1]
            closing = -(dx * ux + dy * uy)
            if closing <= 0:
                continue  # moving apart: they cannot meet
            s = closing / (ux * ux + uy * uy)
            d = math.hypot(dx + ux * s, dy + uy * s)
            meet = s - math.sqrt(max(reach * reach - d * d, 0.0)) / math.hypot(ux, uy)
            if min(s, meet) <= span + 1e-9:
                worst = min(worst, abs(d - reach))
    return worst


def _summary(puzzle: dict, events: list) -> dict:
    names = ["cue", *COLOURS[: len(puzzle["discs"]) - 1]]
    hit = next((e for e in events if e["kind"] == "disc" and 0 in e["discs"]), None)
    return {
        "first_hit": names[hit["discs"][1]] if hit else None,
        "pocketed": [
            [names[e["discs"][0]], e["where"], e["t"]] for e in events if e["kind"] == "pocket"
        ],
    }


def positions(puzzle: dict, events: list, t: float) -> list:
    """Every disc's centre at time t (None once pocketed), replaying the events."""
    pos = [list(d["at"]) for d in puzzle["discs"]]
    vel = [[0.0, 0.0] for _ in pos]
    vel[0] = list(puzzle["cue_velocity"])
    live = [True] * len(pos)
    now = 0.0
    for e in events:
        if e["t"] > t:
            break
        _advance(pos, vel, live, e["t"] - now)
        now = e["t"]
        for k, v in zip(e["discs"], e["velocities"]):
            vel[k] = list(v)
        if e["kind"] == "pocket":
            live[e["discs"][0]] = False
    _advance(pos, vel, live, t - now)
    return [p if alive else None for p, alive in zip(pos, live)]


@register(
    "G-44_break_shot",
    title="Break shot",
    description="A cue disc breaks a loose cluster on a frictionless table (exact elastic collisions); predict which discs are pocketed.",
    category="physics-motion",
    params=[
        Param("discs", "int", 4, 1, 6, help="coloured discs in the cluster"),
        Param("masses", "str", "mixed", choices=("equal", "mixed"),
              help="every disc has one mass, or each its own"),
    ],
    shard_size=50,
    memory="low",
    instances=2_600_000,
    faculty="transformation",
    levels={
        1: {"discs": 1, "masses": "equal"},
        2: {"discs": 3, "masses": "equal"},
        3: {"discs": 4, "masses": "mixed"},
        4: {"discs": 5, "masses": "mixed"},
        5: {"discs": 6, "masses": "mixed"},
    },
)  # fmt: skip
class BreakShot(Task):
    def generate(self, rng, params):
        return redraw(lambda: _draw_puzzle(rng, params))

    def solve(self, puzzle, params):
        answer = simulate(puzzle)
        del answer["near_miss"]
        answer["samples"] = [[t, positions(puzzle, answer["events"], t)]
                             for t in ticks(puzzle["duration"], RATE)]  # fmt: skip
        return answer

    def check(self, puzzle, answer, params):
        a = math.radians(puzzle["angle"])
        require(math.dist(puzzle["cue_velocity"], (puzzle["speed"] * math.cos(a), puzzle["speed"] * math.sin(a)))
                < 1e-5, "the cue velocity is not the drawn arrow's")  # fmt: skip
        states = _verify_events(puzzle, answer["events"])
        names = ["cue", *COLOURS[: len(puzzle["discs"]) - 1]]
        hits = [e for e in answer["events"] if e["kind"] == "disc" and 0 in e["discs"]]
        want = names[hits[0]["discs"][1]] if hits else None
        require(answer["first_hit"] == want, f"the cue disc first hits {want}")
        drops = [
            [names[e["discs"][0]], e["where"], e["t"]]
            for e in answer["events"]
            if e["kind"] == "pocket"
        ]
        require(len(answer["pocketed"]) == len(drops)
                and all(a[:2] == b[:2] and abs(a[2] - b[2]) < 1e-6 for a, b in zip(answer["pocketed"], drops)),
                "the pocketed discs do not match the events")  # fmt: skip
        require(len(drops) >= 1, "no disc is pocketed")
        rows = answer["samples"]
        require([r[0] for r in rows] == [round(i / RATE, 6) for i in range(len(rows))]
                and abs(rows[-1][0] - puzzle["duration"]) < 1e-9, "samples do not cover the shot at a fixed rate")  # fmt: skip
        for t, where in rows:
            for got, want in zip(where, _replay(states, t)):
                require((got is None) == (want is None) and (got is None or math.dist(got, want) < 1e-4),
                        f"a disc is not where the events put it at t={t:g}")  # fmt: skip

    def prompt(self, puzzle, params):
        n = len(puzzle["discs"]) - 1
        colours = ", ".join(COLOURS[:n])
        mass = (f"every disc has a mass of {puzzle['discs'][0]['mass']:g} kg" if puzzle["masses"] == "equal"
                else "the masses are listed under the table")  # fmt: skip
        return (
            f"Top view of a frictionless table 2 m by 1 m (scale bar in metres) with six pockets. A yellow "
            f"cue disc moves at {_speed(puzzle):.2f} m/s along the black arrow toward {n} resting "
            f"disc{'s' if n > 1 else ''} ({colours}); all discs have radius 5 cm and {mass}. Discs "
            "bounce off each other and off the cushions elastically, and a disc whose centre "
            "reaches a pocket drops into it. Which discs drop into which pockets by "
            f"t = {puzzle['duration']:g} s, and which disc does the cue disc hit first? Show the discs "
            "moving until then; the clock gives the time in seconds."
        )

    def rubric(self, puzzle, answer, params):
        drops = "; ".join(f"the {name} disc{' (the cue disc)' if name == 'cue' else ''} into the {where} "
                          f"pocket at about {t:.2f} s" for name, where, t in answer["pocketed"])  # fmt: skip
        return "\n".join([
            "1. The cue disc travels straight along the arrow at constant speed until it first "
            f"touches the {answer['first_hit']} disc.",
            "2. Between collisions every disc moves in a straight line at constant speed; no disc "
            "passes through another or through a cushion.",
            "3. Collisions are elastic: discs push each other along the line joining their centres, "
            "momentum and kinetic energy are conserved, and heavier discs are deflected less.",
            f"4. By t = {puzzle['duration']:g} s exactly these discs have dropped: {drops}.",
            "5. The table, its pockets and the scale bar do not move.",
        ])  # fmt: skip

    def render(self, puzzle, answer, params, film):
        base = film.canvas()
        _draw_table(base, puzzle)
        frame = base.copy()
        _draw_discs(frame, puzzle, positions(puzzle, answer["events"], 0.0), 0.0, arrow=True)
        film.opening(frame)
        for t in ticks(puzzle["duration"], film.fps * film.scale)[1:]:
            frame = base.copy()
            _draw_discs(frame, puzzle, positions(puzzle, answer["events"], t), t, arrow=False)
            film.add(frame)
        film.closing(frame)


def _speed(puzzle: dict) -> float:
    return math.hypot(*puzzle["cue_velocity"])


# --- the checker's own replay ------------------------------------------------------------


def _verify_events(puzzle: dict, events: list) -> list:
    """Walk the listed events: each must be the earliest contact the current motion leads to
    (found here by solving each pair, cushion and pocket afresh), and each collision must
    conserve momentum (stated masses) and energy with the push along the line of centres.
    Returns the verified state after each event (time, positions, velocities, in play)."""
    m = [d["mass"] for d in puzzle["discs"]]
    pos = [list(d["at"]) for d in puzzle["discs"]]
    vel = [[0.0, 0.0] for _ in pos]
    vel[0] = list(puzzle["cue_velocity"])
    live = [True] * len(pos)
    now = 0.0
    states = []
    for e in [*events, None]:
        states.append((now, [list(p) for p in pos], [list(v) for v in vel], list(live)))
        soonest = min(_contacts(pos, vel, live), default=math.inf)
        if e is None:
            require(
                now + soonest > puzzle["duration"], "a collision or drop before the end is missing"
            )
            return states
        require(e["t"] >= now - 1e-9 and abs(e["t"] - now - soonest) < 1e-4,
                f"the event at t={e['t']:g} is not the next contact of the motion")  # fmt: skip
        for p, v, alive in zip(pos, vel, live):
            if alive:
                p[0], p[1] = p[0] + v[0] * (e["t"] - now), p[1] + v[1] * (e["t"] - now)
        now = e["t"]
        ks = e["discs"]
        if e["kind"] == "disc":
            i, j = ks
            require(abs(math.dist(pos[i], pos[j]) - 2 * R) < 1e-4, "colliding discs do not touch")
            new_i, new_j = e["velocities"]
            for axis in (0, 1):
                before = m[i] * vel[i][axis] + m[j] * vel[j][axis]
                after = m[i] * new_i[axis] + m[j] * new_j[axis]
                require(abs(before - after) < 1e-6, "a collision does not conserve momentum")
            energy = [m[i] * (a[0] ** 2 + a[1] ** 2) + m[j] * (b[0] ** 2 + b[1] ** 2)
                      for a, b in ((vel[i], vel[j]), (new_i, new_j))]  # fmt: skip
            require(
                abs(energy[0] - energy[1]) < 1e-6, "a collision does not conserve kinetic energy"
            )
            nx, ny = pos[j][0] - pos[i][0], pos[j][1] - pos[i][1]
            dvx, dvy = new_i[0] - vel[i][0], new_i[1] - vel[i][1]
            require(abs(dvx * ny - dvy * nx) < 1e-5, "a push is not along the line of centres")
            vel[i], vel[j] = list(new_i), list(new_j)
        elif e["kind"] == "cushion":
            (i,) = ks
            axis = 0 if e["where"] in ("left", "right") else 1
            limit = {"left": R, "right": W - R, "bottom": R, "top": H - R}[e["where"]]
            require(
                abs(pos[i][axis] - limit) < 1e-4, "a disc bounces off a cushion it does not touch"
            )
            flipped = list(vel[i])
            flipped[axis] = -flipped[axis]
            require(
                math.dist(flipped, e["velocities"][0]) < 1e-6, "a cushion bounce is not a mirror"
            )
            vel[i] = flipped
        else:
            (i,) = ks
            require(
                math.dist(pos[i], POCKETS[e["where"]]) < CATCH + 1e-4,
                "a disc drops away from the pocket",
            )
            live[i] = False


def _contacts(pos, vel, live) -> list[float]:
    """Times until every possible contact from now: pairs touching, cushions, pockets."""
    out = []
    n = len(pos)
    for i in range(n):
        if not live[i]:
            continue
        (x, y), (vx, vy) = pos[i], vel[i]
        for lim, v, p, sign in (
            (R, vx, x, -1),
            (W - R, vx, x, 1),
            (R, vy, y, -1),
            (H - R, vy, y, 1),
        ):
            if v * sign > 0:  # heading for that cushion
                out.append(max(0.0, (lim - p) / v))
        for c in POCKETS.values():
            # |p + v s - c| = CATCH, entering
            a = vx * vx + vy * vy
            b = (x - c[0]) * vx + (y - c[1]) * vy
            k = (x - c[0]) ** 2 + (y - c[1]) ** 2 - CATCH**2
            if a and b < 0 and b * b >= a * k:
                out.append((-b - math.sqrt(b * b - a * k)) / a)
        for j in range(i + 1, n):
            if not live[j]:
                continue
            rx, ry = pos[j][0] - x, pos[j][1] - y
            wx, wy = vel[j][0] - vx, vel[j][1] - vy
            a, b = wx * wx + wy * wy, rx * wx + ry * wy
            k = rx * rx + ry * ry - 4 * R * R
            if a and b < 0 and b * b >= a * k:
                out.append(max(0.0, (-b - math.sqrt(b * b - a * k)) / a))
    return out


def _replay(states: list, t: float) -> list:
    """Positions at time t: straight on from the last verified state before it."""
    now, pos, vel, live = next(s for s in reversed(states) if s[0] <= t)
    return [[p[0] + v[0] * (t - now), p[1] + v[1] * (t - now)] if alive else None
            for p, v, alive in zip(pos, vel, live)]  # fmt: skip


# --- generation ------------------------------------------------------------------------


def _draw_puzzle(rng, params) -> dict | None:
    n = params["discs"]
    if params["masses"] == "equal":
        masses = [snap(rng.uniform(0.1, 0.3), 0.01)] * (n + 1)
    else:
        masses = [float(rng.choice((0.1, 0.15, 0.2))) for _ in range(n + 1)]
        if len(set(masses)) == 1:
            return None
    # a loose triangle, apex toward the cue, somewhere in the right half of the table
    apex = (snap(rng.uniform(1.0, 1.35), 0.001), snap(rng.uniform(0.35, 0.65), 0.001))
    spacing = 2 * R + rng.uniform(0.012, 0.03)
    spots = [(apex[0] + row * spacing * math.sqrt(3) / 2, apex[1] + (k - row / 2) * spacing)
             for row in range(4) for k in range(row + 1)]  # fmt: skip
    spots = [(snap(x + rng.uniform(-0.004, 0.004), 0.001), snap(y + rng.uniform(-0.004, 0.004), 0.001))
             for x, y in spots[:n]]  # fmt: skip
    cue = (snap(rng.uniform(0.2, 0.6), 0.001), snap(rng.uniform(0.15, 0.85), 0.001))
    aim = int(rng.integers(min(n, 3)))
    tx, ty = spots[aim]
    base = math.atan2(ty - cue[1], tx - cue[0])
    offset = rng.uniform(-0.75, 0.75) * 2 * R / math.dist(cue, (tx, ty))
    angle = snap(math.degrees(base + offset), 0.5)
    speed = snap(rng.uniform(0.5, 0.8), 0.05)
    velocity = [speed * math.cos(math.radians(angle)), speed * math.sin(math.radians(angle))]
    discs = [{"at": list(cue), "mass": masses[0]}] + [
        {"at": list(s), "mass": mm} for s, mm in zip(spots, masses[1:])
    ]
    puzzle = {"discs": discs, "masses": params["masses"], "angle": angle, "speed": speed,
              "cue_velocity": velocity, "duration": snap(rng.uniform(3.0, 5.0), 0.5)}  # fmt: skip
    answer = simulate(puzzle)
    if not answer["pocketed"] or answer["first_hit"] is None or not _calm(answer["events"]):
        return None
    if simulate(puzzle, watch=True)["near_miss"] < MARGIN:
        return None
    # no disc about to drop as the clock stops: "by t = T" must not hang on a frame
    later = simulate({**puzzle, "duration": puzzle["duration"] + 0.5})["pocketed"]
    if any(puzzle["duration"] - 0.2 < t <= puzzle["duration"] + 0.5 for _, _, t in later):
        return None
    # the outcome must not hang on details finer than the picture shows
    for _ in range(4):
        nudged = _nudge(puzzle, rng)
        other = simulate(nudged)
        if [p[:2] for p in other["pocketed"]] != [p[:2] for p in answer["pocketed"]]:
            return None
    return puzzle


def _calm(events: list) -> bool:
    """No disc faster than FASTEST, and no disc in two events almost at once."""
    last = {}
    for e in events:
        for k, v in zip(e["discs"], e["velocities"]):
            if math.hypot(*v) > FASTEST:
                return False
            if e["t"] - last.get(k, -1.0) < SETTLE:
                return False
            last[k] = e["t"]
    return True


def _nudge(puzzle: dict, rng) -> dict:
    """The puzzle with every disc moved up to 2 mm and the aim turned up to 0.3 degrees."""
    discs = [{**d, "at": [d["at"][0] + rng.uniform(-0.002, 0.002), d["at"][1] + rng.uniform(-0.002, 0.002)]}
             for d in puzzle["discs"]]  # fmt: skip
    a = math.radians(puzzle["angle"] + rng.uniform(-0.3, 0.3))
    return {
        **puzzle,
        "discs": discs,
        "cue_velocity": [puzzle["speed"] * math.cos(a), puzzle["speed"] * math.sin(a)],
    }


# --- drawing ---------------------------------------------------------------------------


def _draw_table(c, puzzle: dict) -> None:
    x0, y1 = VIEW.pt(0, 0)
    x1, y0 = VIEW.pt(W, H)
    c.rect(x0 - 30, y0 - 30, x1 + 30, y1 + 30, fill=RAIL, radius=20)
    c.rect(x0, y0, x1, y1, fill=CLOTH)
    for px, py in POCKETS.values():
        c.circle(*VIEW.pt(px, py), 0.1 * VIEW.s, fill=INK)
    scale_bar(c, VIEW, x0, y1 + 80, 0.5, "0.5 m")
    c.text(
        60,
        60,
        f"Cue disc: {puzzle['speed']:.2f} m/s along the arrow",
        size=44,
        anchor="lm",
        bold=True,
    )
    if puzzle["masses"] == "equal":
        c.text(
            60,
            115,
            f"Every disc: {puzzle['discs'][0]['mass']:g} kg, radius 5 cm",
            size=40,
            anchor="lm",
        )
    else:
        c.text(60, 115, "Radius 5 cm; masses in kg below", size=40, anchor="lm")
        cols = [CUE] + [NAMED[k] for k in COLOURS]
        for k, d in enumerate(puzzle["discs"]):
            x, y = 330 + (k % 4) * 165, 770 + (k // 4) * 60
            c.circle(x, y, 18, fill=cols[k], outline=INK, width=2)
            c.text(x + 28, y, f"{d['mass']:g}", size=40, anchor="lm")


def _draw_discs(c, puzzle: dict, where: list, t: float, arrow: bool) -> None:
    cols = [CUE] + [NAMED[k] for k in COLOURS]
    for k, p in enumerate(where):
        if p is not None:
            c.circle(*VIEW.pt(*p), R * VIEW.s, fill=cols[k], outline=darken(cols[k], 0.45), width=3)
    if arrow:
        start = VIEW.pt(*where[0])
        a = math.radians(puzzle["angle"])
        tip = (start[0] + 150 * math.cos(a), start[1] - 150 * math.sin(a))
        c.arrow(start, tip, fill=INK, width=7)
    c.text(940, 900, f"t = {t:.2f} s", size=44, anchor="rm", bold=True)
