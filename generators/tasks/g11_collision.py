"""Collisions: carts on a straight track (1D) or discs on a table (2D) collide with a given
coefficient of restitution; momentum is conserved and kinetic energy is lost as the
restitution says. Motion between collisions is uniform (no friction)."""

from __future__ import annotations

import itertools
import math
from functools import partial

from generators.kit import FAINT, INK, MUTED, NAMED, Param, Task, pick, register, require
from generators.kit.palette import lighten
from generators.kit.physics import pace, slowdown, snap, steady, ticks
from generators.kit.view import View, clock, ruler, underlined

RATE = 20  # trajectory samples per simulated second
TRAIL_DT = 0.1  # s between two dots of a disc's trail
DURATION = 3.0  # simulated seconds shown (4 carts: DURATION_4)
DURATION_4 = 4.0
COLORS = ("red", "blue", "green", "orange")
DISC_MISSES = 0.25  # the share of disc pairs that pass each other without touching
INSTANCES = 20_000_000  # measured (about 28 M from 20,000 draws): scripts/measure_instances.py
TRACK = 10.0  # m, track length / table width
TABLE_H = 7.5  # m, table depth (2D)
CART_W = 1.0  # m
SCALE = 86.0  # canvas units per metre
LEFT = 70.0  # canvas x of world x = 0
RAIL_Y = 640.0  # canvas y of the track surface
TABLE_TOP = 190.0  # canvas y of world y = TABLE_H (2D)
ARROW = 55.0  # canvas units per m/s on velocity arrows (plus the head)
HEAD = 26.0
WHEEL = (88, 92, 99)  # not the track's ink: wheels touching the rail are not one shape with it
TOL = 1e-4
RAIL = View(LEFT, RAIL_Y, SCALE)  # the track, side view
TABLE = View(LEFT, TABLE_TOP, SCALE, y0=TABLE_H)  # the table, top view


# --- simulation -----------------------------------------------------------------------


def simulate_track(puzzle: dict) -> list[dict]:
    """Event-driven 1D collisions; with restitution 0 colliding carts stick together."""
    bodies, e = puzzle["bodies"], puzzle["restitution"]
    x = [b["x"] for b in bodies]
    v = [b["v"] for b in bodies]
    clusters = [[i] for i in range(len(bodies))]
    t, events = 0.0, []
    while True:
        best = None
        for k in range(len(clusters) - 1):
            a, b = clusters[k][-1], clusters[k + 1][0]
            closing = v[a] - v[b]
            if closing <= 1e-12:
                continue
            gap = (x[b] - CART_W / 2) - (x[a] + CART_W / 2)
            dt = max(gap, 0.0) / closing
            if best is None or dt < best[0]:
                best = (dt, k)
        if best is None or t + best[0] > puzzle["duration"]:
            return events
        dt, k = best
        t += dt
        x = [xi + vi * dt for xi, vi in zip(x, v)]
        left, right = clusters[k], clusters[k + 1]
        ma = sum(bodies[i]["mass"] for i in left)
        mb = sum(bodies[i]["mass"] for i in right)
        ua, ub = v[left[0]], v[right[0]]
        p = ma * ua + mb * ub
        va = (p - mb * e * (ua - ub)) / (ma + mb)
        vb = (p + ma * e * (ua - ub)) / (ma + mb)
        for i in left:
            v[i] = va
        for i in right:
            v[i] = vb
        events.append({"t": t, "left": list(left), "right": list(right),
                       "before": [ua, ub], "after": [va, vb]})  # fmt: skip
        if e == 0:
            clusters[k : k + 2] = [left + right]


def track_state(puzzle: dict, events: list[dict], t: float) -> tuple[list[float], list[float]]:
    """Positions and velocities of the carts at time t, replaying the collisions."""
    x = [b["x"] for b in puzzle["bodies"]]
    v = [b["v"] for b in puzzle["bodies"]]
    now = 0.0
    for ev in events:
        if ev["t"] > t:
            break
        x = [xi + vi * (ev["t"] - now) for xi, vi in zip(x, v)]
        now = ev["t"]
        for side, vel in zip((ev["left"], ev["right"]), ev["after"]):
            for i in side:
                v[i] = vel
    return [xi + vi * (t - now) for xi, vi in zip(x, v)], v


def disc_collision(puzzle: dict) -> dict | None:
    """The one collision of two discs moving freely, or None."""
    a, b = puzzle["bodies"]
    e = puzzle["restitution"]
    dp = [b["pos"][k] - a["pos"][k] for k in range(2)]
    dv = [b["vel"][k] - a["vel"][k] for k in range(2)]
    reach = a["radius"] + b["radius"]
    qa = dv[0] ** 2 + dv[1] ** 2
    qb = 2 * (dp[0] * dv[0] + dp[1] * dv[1])
    qc = dp[0] ** 2 + dp[1] ** 2 - reach**2
    disc = qb * qb - 4 * qa * qc
    if qa < 1e-12 or disc <= 0 or qb >= 0:
        return None
    t = (-qb - math.sqrt(disc)) / (2 * qa)
    if not 0 < t <= puzzle["duration"]:
        return None
    pa = [a["pos"][k] + a["vel"][k] * t for k in range(2)]
    pb = [b["pos"][k] + b["vel"][k] * t for k in range(2)]
    n = [(pb[k] - pa[k]) / reach for k in range(2)]
    ua, ub = a["vel"], b["vel"]
    una = ua[0] * n[0] + ua[1] * n[1]
    unb = ub[0] * n[0] + ub[1] * n[1]
    ma, mb = a["mass"], b["mass"]
    vna = (ma * una + mb * unb - mb * e * (una - unb)) / (ma + mb)
    vnb = (ma * una + mb * unb + ma * e * (una - unb)) / (ma + mb)
    va = [ua[k] + (vna - una) * n[k] for k in range(2)]
    vb = [ub[k] + (vnb - unb) * n[k] for k in range(2)]
    return {"t": t, "pos": [pa, pb], "before": [list(ua), list(ub)], "after": [va, vb]}


def disc_state(puzzle: dict, events: list[dict], t: float):
    bodies = puzzle["bodies"]
    if events and t >= events[0]["t"]:
        ev = events[0]
        dt = t - ev["t"]
        pos = [[p[k] + v[k] * dt for k in range(2)] for p, v in zip(ev["pos"], ev["after"])]
        return pos, ev["after"]
    pos = [[b["pos"][k] + b["vel"][k] * t for k in range(2)] for b in bodies]
    return pos, [b["vel"] for b in bodies]


# --- the task -------------------------------------------------------------------------


@register(
    "G-11_collision",
    title="Collisions",
    description="Carts on a track or discs on a table collide (or miss); momentum is conserved and kinetic energy follows the restitution.",
    category="physics-motion",
    params=[
        Param("mode", "str", "any", choices=("any", "track", "discs"),
              help="1D carts on a track, 2D discs on a table, or either"),
        Param("collision", "str", "any", choices=("any", "elastic", "partial", "sticky"),
              help="restitution 1, between 0.3 and 0.9, or 0 (carts stick; track only)"),
        Param("min_carts", "int", 2, 2, 4, help="fewest carts on the track"),
        Param("max_carts", "int", 3, 2, 4, help="most carts on the track"),
    ],
    shard_size=60,
    memory="low",
    instances=INSTANCES,
    faculty="knowledge",
    levels={1: {"mode": "track", "collision": "elastic", "max_carts": 2},
            2: {"mode": "track", "max_carts": 2},
            3: {},
            4: {"mode": "track", "min_carts": 3, "max_carts": 3},
            5: {"mode": "track", "min_carts": 4, "max_carts": 4}},
)  # fmt: skip
class Collision(Task):
    def generate(self, rng, params):
        mode = params["mode"]
        if mode == "any":
            mode = "track" if rng.random() < 0.5 else "discs"
        kinds = ("elastic", "partial", "sticky") if mode == "track" else ("elastic", "partial")
        kind = params["collision"]
        if kind == "any":
            kind = pick(rng, kinds)
        if kind == "sticky" and mode == "discs":
            mode = "track"  # frictionless discs cannot stick; sticky collisions are 1D
        e = {"elastic": 1.0, "sticky": 0.0}.get(kind)
        if e is None:
            e = snap(rng.uniform(0.3, 0.9))
        if mode == "track":
            lo, hi = sorted((params["min_carts"], params["max_carts"]))
            n = int(rng.integers(lo, hi + 1))  # drawn once: every count is as likely
            make = partial(_gen_track, rng, n, e)
        else:
            miss = rng.random() < DISC_MISSES  # some pairs pass each other untouched
            make = partial(_gen_discs, rng, e, miss)
        while True:
            puzzle = make()
            if puzzle is not None:
                return puzzle

    def solve(self, puzzle, params):
        if puzzle["mode"] == "track":
            events = simulate_track(puzzle)
            state = track_state
        else:
            ev = disc_collision(puzzle)
            events = [ev] if ev else []
            state = disc_state
        samples = []
        for t in ticks(puzzle["duration"], RATE):
            pos, _ = state(puzzle, events, t)
            samples.append(
                [t, *(pos if puzzle["mode"] == "track" else [c for p in pos for c in p])]
            )
        _, final_v = state(puzzle, events, puzzle["duration"])
        return {"events": events, "samples": samples, "final_velocities": final_v}

    def check(self, puzzle, answer, params):
        if puzzle["mode"] == "track":
            _check_track(puzzle, answer)
        else:
            _check_discs(puzzle, answer)
        s = answer["samples"]
        require(len(s) == round(puzzle["duration"] * RATE) + 1, "wrong number of samples")
        require(steady((r[0] for r in s), RATE), "samples not at a fixed rate")
        state = track_state if puzzle["mode"] == "track" else disc_state
        speeds = [b.get("v", b.get("vel")) for b in puzzle["bodies"]]
        speeds += [v for ev in answer["events"] for v in ev["after"]]
        vmax = max(math.hypot(*v) if isinstance(v, list) else abs(v) for v in speeds)
        for i, row in enumerate(s):
            pos, _ = state(puzzle, answer["events"], row[0])
            flat = pos if puzzle["mode"] == "track" else [c for p in pos for c in p]
            require(
                all(abs(a - b) < TOL for a, b in zip(row[1:], flat)) and len(row) == len(flat) + 1,
                f"sample at t={row[0]} is not where the bodies are",
            )
            if i:  # no jumps: nothing moves faster than the fastest initial body
                step = [abs(a - b) for a, b in zip(row[1:], s[i - 1][1:])]
                require(max(step) <= vmax / RATE + TOL, f"a body jumps at t={row[0]}")

    def prompt(self, puzzle, params):
        e = puzzle["restitution"]
        if e == 1:
            rule = "The collisions are perfectly elastic (no kinetic energy is lost)."
        elif e == 0:
            rule = "The collisions are perfectly inelastic: carts that collide stick together and move on as one."
        else:
            rule = (
                f"The coefficient of restitution is {e:g}: after each collision the bodies separate "
                f"along the line of impact at {e:g} times the speed at which they approached."
            )
        bodies = puzzle["bodies"]
        if puzzle["mode"] == "track":
            desc = "; ".join(
                f"the {b['color']} cart, {b['mass']:g} kg, centre at {b['x']:g} m, "
                + (f"moving {'right' if b['v'] > 0 else 'left'} at {abs(b['v']):g} m/s"
                   if b["v"] else "at rest")
                for b in bodies
            )  # fmt: skip
            scene = (
                f"Side view of a straight frictionless track with {len(bodies)} carts, each "
                f"{CART_W:g} m long: {desc}. The ruler under the track marks metres; the black "
                "arrows show the velocities and the list at the top gives masses and velocities "
                "(positive means to the right)."
            )
        else:
            desc = "; ".join(
                f"the {b['color']} disc, {b['mass']:g} kg, radius {b['radius']:g} m, centre at "
                f"({b['pos'][0]:g}, {b['pos'][1]:g}) m, velocity ({b['vel'][0]:g}, {b['vel'][1]:g}) m/s "
                f"({math.hypot(*b['vel']):.2f} m/s along its arrow)"
                for b in bodies
            )
            scene = (
                f"Top view of a frictionless table {TRACK:g} m by {TABLE_H:g} m with two discs sliding "
                f"freely: {desc}. Positions are measured from the table's lower-left corner, x to the "
                "right and y up, on the rulers along its edges. The discs do not spin and there is "
                "no friction between them."
            )
        return (
            f"{scene} {rule} Show the next {puzzle['duration']:g} seconds of motion {pace(slowness(puzzle))}, "
            "with a clock: the bodies move in straight lines at constant speed and, if they meet, "
            "collide and move on with the velocities that conserve momentum and obey the "
            "restitution. Finish with black arrows showing every body's final velocity and the "
            f"list updated to the final velocities. The {'track' if puzzle['mode'] == 'track' else 'table'} "
            f"does not change. The video ends when the clock reads {puzzle['duration']:g} s."
        )

    def rubric(self, puzzle, answer, params):
        bodies, events = puzzle["bodies"], answer["events"]
        fin = answer["final_velocities"]
        lines = ["1. The bodies move in straight lines at constant speed between collisions."]
        if puzzle["mode"] == "track":
            order = ", ".join(
                f"{_names(bodies, ev['left'])} hits {_names(bodies, ev['right'])} at {ev['t']:.1f} s"
                for ev in events
            )
            count = f"{len(events)} collision{'s' if len(events) > 1 else ''}"
            lines.append(f"2. There are {count}, in this order (times on the clock): {order}.")
            finals = ", ".join(f"{b['color']} {v:+.2f} m/s" for b, v in zip(bodies, fin))
            lines.append(f"3. Final velocities (positive = right): {finals}.")
        elif events:
            ev = events[0]
            lines.append(
                f"2. The discs touch once, at about {ev['t']:.1f} s on the clock, and then separate."
            )
            finals = ", ".join(
                f"{b['color']} {math.hypot(*v):.2f} m/s moving {_heading(v)}"
                for b, v in zip(bodies, fin)
            )
            lines.append(f"3. Final velocities: {finals}.")
            lines.append(
                "4. Each disc's velocity changes only along the line joining the centres at impact."
            )
        else:
            reach = bodies[0]["radius"] + bodies[1]["radius"]
            lines.append(
                f"2. The discs never touch: their centres come no closer than {closest_approach(puzzle):.2f} m, "
                f"more than the {reach:.2f} m of their two radii, so both keep their velocities."
            )
        p0 = [sum(b["mass"] * _vec(b)[k] for b in bodies) for k in range(2)]
        lines.append(
            f"{len(lines) + 1}. Total momentum stays {_fmt_p(p0, puzzle['mode'])} kg m/s throughout."
        )
        e = puzzle["restitution"]
        if events:
            energy = {1.0: "Kinetic energy is the same before and after (elastic)."}.get(
                e, "Kinetic energy is lower after the collisions than before."
            )
            lines.append(f"{len(lines) + 1}. {energy}")
        lines.append(
            f"{len(lines) + 1}. No body passes through another; the scene stays the same size."
        )
        return "\n".join(lines)

    def render(self, puzzle, answer, params, film):
        track = puzzle["mode"] == "track"
        base = film.canvas()
        (_draw_track if track else _draw_table)(base)
        bodies, events = puzzle["bodies"], answer["events"]
        state = track_state if track else disc_state
        draw = _draw_carts if track else _draw_discs
        initial_v = [b["v"] if track else b["vel"] for b in bodies]

        first = base.copy()
        _legend(first, puzzle, initial_v, None)
        pos0, _ = state(puzzle, events, 0.0)
        draw(first, bodies, pos0, initial_v, 0.0)
        film.opening(first)

        trail = base.copy()
        _legend(trail, puzzle, initial_v, None)
        duration = puzzle["duration"]
        dots = 0
        for t in film.times(duration * slowness(puzzle), span=duration):
            while not track and dots * TRAIL_DT <= t:  # the discs' trails: a dot every TRAIL_DT
                for b, p in zip(bodies, state(puzzle, events, dots * TRAIL_DT)[0]):
                    trail.dot(TABLE.pt(*p), 5, fill=lighten(NAMED[b["color"]], 0.35))
                dots += 1
            pos, _ = state(puzzle, events, t)
            frame = trail.copy()
            draw(frame, bodies, pos, None, t)
            film.add(frame)
        final = trail.copy()
        _legend(final, puzzle, initial_v, answer["final_velocities"])
        pos, vel = state(puzzle, events, duration)
        draw(final, bodies, pos, vel, duration)
        film.closing(final)


def slowness(puzzle: dict) -> int:
    """How much slower than real time the video plays: enough for the fastest any body
    could ever move (all the kinetic energy in the lightest body) to glide."""
    energy = sum(b["mass"] * sum(c * c for c in _vec(b)) / 2 for b in puzzle["bodies"])
    lightest = min(b["mass"] for b in puzzle["bodies"])
    return slowdown(SCALE * math.sqrt(2 * energy / lightest))


def _vec(b: dict) -> list[float]:
    return [b["v"], 0.0] if "v" in b else b["vel"]


def _fmt_p(p: list[float], mode: str) -> str:
    return f"{p[0]:+.2f}" if mode == "track" else f"({p[0]:.2f}, {p[1]:.2f})"


def _names(bodies: list[dict], ids: list[int]) -> str:
    names = [bodies[i]["color"] for i in ids]
    return "the " + "+".join(names) + (" cart" if len(names) == 1 else " carts")


def _heading(v: list[float]) -> str:
    if math.hypot(*v) < 1e-3:
        return "nowhere: at rest"
    ang = math.degrees(math.atan2(v[1], v[0])) % 360
    names = ("to the right", "up and to the right", "up", "up and to the left", "to the left",
             "down and to the left", "down", "down and to the right")  # fmt: skip
    return names[round(ang / 45) % 8]


# --- generation -----------------------------------------------------------------------


def _gen_track(rng, n: int, e: float) -> dict | None:
    duration = DURATION if n < 4 else DURATION_4
    masses = [int(rng.integers(1, 6)) for _ in range(n)]
    widest = min(3.0, (TRACK - 1.6 - n * CART_W) / (n - 1))  # gaps that fit n carts
    xs, x = [], snap(rng.uniform(0.8, 2.5))
    for _ in range(n):
        xs.append(x)
        x = snap(x + CART_W + rng.uniform(0.6, max(widest, 0.7)))
    if xs[-1] > TRACK - 0.8:
        return None
    # velocities falling from left to right: every pair of neighbours starts closing in
    vs = sorted((0.0 if rng.random() < 0.3 else snap(rng.choice([-1, 1]) * rng.uniform(0.6, 2.5))
                 for _ in range(n)), reverse=True)  # fmt: skip
    puzzle = {
        "mode": "track", "restitution": e, "duration": duration, "track_length": TRACK,
        "bodies": [{"color": COLORS[i], "mass": masses[i], "x": xs[i], "v": vs[i]} for i in range(n)],
    }  # fmt: skip
    events = simulate_track(puzzle)
    if len(events) < n - 1:
        return None  # every cart takes part
    times = [0.0] + [ev["t"] for ev in events]
    if min(b - a for a, b in itertools.pairwise(times)) < 0.3 or times[-1] > duration - 0.7:
        return None
    _, v_end = track_state(puzzle, events, duration)
    if any(a > b + 1e-9 for a, b in itertools.pairwise(v_end)):
        return None  # more collisions would follow after the video
    for t in ticks(duration, RATE):
        pos, _ = track_state(puzzle, events, t)
        if min(pos) < CART_W / 2 + 0.1 or max(pos) > TRACK - CART_W / 2 - 0.1:
            return None
    return puzzle


def _gen_discs(rng, e: float, miss: bool) -> dict | None:
    """Two discs aimed so that their centres come within the sum of the radii (a hit) or
    pass 0.15-0.6 m further apart than that (a miss) 1.0-1.8 s into the video."""
    masses = [int(rng.integers(1, 6)) for _ in range(2)]
    radii = [snap(0.5 + 0.08 * m, 0.01) for m in masses]
    t_hit = rng.uniform(1.0, 1.8)
    centre = [rng.uniform(3.5, TRACK - 3.5), rng.uniform(2.8, TABLE_H - 2.8)]
    vels = []
    for _ in range(2):
        speed, ang = rng.uniform(0.6, 2.2), rng.uniform(0, 2 * math.pi)
        vels.append([snap(speed * math.cos(ang)), snap(speed * math.sin(ang))])
    rel = [vels[0][k] - vels[1][k] for k in range(2)]
    if math.hypot(*rel) < 0.8:
        return None
    reach = radii[0] + radii[1]
    # hits: the line of centres at impact within 60 degrees of the relative velocity;
    # misses: the centres' closest approach, square to the relative velocity
    side = rng.uniform(-1.0, 1.0) if not miss else math.copysign(math.pi / 2, rng.uniform(-1, 1))
    apart = reach if not miss else reach + rng.uniform(0.15, 0.6)
    ang = math.atan2(rel[1], rel[0]) + side
    pa = [centre[k] - apart / 2 * (math.cos(ang), math.sin(ang))[k] for k in range(2)]
    pb = [centre[k] + apart / 2 * (math.cos(ang), math.sin(ang))[k] for k in range(2)]
    starts = [[snap(p[k] - v[k] * t_hit, 0.01) for k in range(2)] for p, v in zip((pa, pb), vels)]
    puzzle = {
        "mode": "discs", "restitution": e, "duration": DURATION, "table": [TRACK, TABLE_H],
        "bodies": [{"color": COLORS[i], "mass": masses[i], "radius": radii[i], "pos": starts[i],
                    "vel": vels[i]} for i in range(2)],
    }  # fmt: skip
    ev = disc_collision(puzzle)
    if miss:
        if ev is not None or closest_approach(puzzle) < reach + 0.1:
            return None
    else:
        if ev is None or not 0.8 <= ev["t"] <= 2.0:
            return None
        n = [(ev["pos"][1][k] - ev["pos"][0][k]) / reach for k in range(2)]
        if (rel[0] * n[0] + rel[1] * n[1]) < 0.5 * math.hypot(*rel):
            return None  # too glancing to read
    events = [ev] if ev else []
    for t in ticks(DURATION, RATE):
        pos, _ = disc_state(puzzle, events, t)
        for p, r in zip(pos, radii):
            if not (r + 0.1 <= p[0] <= TRACK - r - 0.1 and r + 0.1 <= p[1] <= TABLE_H - r - 0.1):
                return None
    bodies = puzzle["bodies"]
    if not all(_arrows_fit(bodies, *disc_state(puzzle, events, t)) for t in (0.0, DURATION)):
        return None
    return puzzle


def closest_approach(puzzle: dict) -> float:
    """The least distance between the discs' centres during the video, moving freely."""
    a, b = puzzle["bodies"]
    dp = [b["pos"][k] - a["pos"][k] for k in range(2)]
    dv = [b["vel"][k] - a["vel"][k] for k in range(2)]
    vv = dv[0] ** 2 + dv[1] ** 2
    t = 0.0 if vv < 1e-12 else -(dp[0] * dv[0] + dp[1] * dv[1]) / vv
    t = min(max(t, 0.0), puzzle["duration"])
    return math.hypot(dp[0] + dv[0] * t, dp[1] + dv[1] * t)


# --- checking -------------------------------------------------------------------------


def _check_track(puzzle: dict, answer: dict) -> None:
    bodies, e = puzzle["bodies"], puzzle["restitution"]
    n = len(bodies)
    x = [b["x"] for b in bodies]
    v = [b["v"] for b in bodies]
    m = [b["mass"] for b in bodies]
    require(all(b - a >= CART_W - TOL for a, b in itertools.pairwise(x)), "carts start overlapping")
    now = 0.0
    for ev in answer["events"]:
        t = ev["t"]
        require(now - 1e-9 <= t <= puzzle["duration"] + 1e-9, "collisions are out of order")
        x = [xi + vi * (t - now) for xi, vi in zip(x, v)]
        now = t
        # gaps change linearly between events, so non-negative gaps here mean no overlap before
        require(
            all(b - a >= CART_W - TOL for a, b in itertools.pairwise(x)),
            f"carts overlap before t={t:.3f}",
        )
        left, right = ev["left"], ev["right"]
        require(
            left and right and left[-1] + 1 == right[0] and left == list(range(left[0], left[-1] + 1))
            and right == list(range(right[0], right[-1] + 1)) and right[-1] < n,
            "a collision is not between neighbouring carts",
        )  # fmt: skip
        require(
            abs(x[right[0]] - x[left[-1]] - CART_W) < TOL,
            f"carts collide without touching at t={t:.3f}",
        )
        ua, ub = ev["before"]
        require(
            all(abs(v[i] - ua) < TOL for i in left) and all(abs(v[i] - ub) < TOL for i in right),
            "velocities before a collision are wrong",
        )
        require(ua > ub, "carts collide while moving apart")
        va, vb = ev["after"]
        ma, mb = sum(m[i] for i in left), sum(m[i] for i in right)
        require(
            abs(ma * ua + mb * ub - ma * va - mb * vb) < 1e-3,
            f"momentum not conserved at t={t:.3f}",
        )
        require(abs((vb - va) - e * (ua - ub)) < 1e-3, f"restitution violated at t={t:.3f}")
        ke_before = (ma * ua * ua + mb * ub * ub) / 2
        ke_after = (ma * va * va + mb * vb * vb) / 2
        lost = (1 - e * e) * ma * mb / (ma + mb) * (ua - ub) ** 2 / 2
        require(abs(ke_before - ke_after - lost) < 1e-3, f"kinetic energy wrong after t={t:.3f}")
        for i in left:
            v[i] = va
        for i in right:
            v[i] = vb
    x = [xi + vi * (puzzle["duration"] - now) for xi, vi in zip(x, v)]
    require(
        all(b - a >= CART_W - TOL for a, b in itertools.pairwise(x)), "carts overlap at the end"
    )
    # a missing collision: two touching carts still approaching
    for i in range(n - 1):
        touching = x[i + 1] - x[i] - CART_W < TOL
        require(not (touching and v[i] > v[i + 1] + TOL), "a collision is missing")
    require(
        all(abs(a - b) < TOL for a, b in zip(v, answer["final_velocities"])),
        "final velocities are wrong",
    )
    require(
        all(a <= b + TOL for a, b in itertools.pairwise(v)),
        "the carts would still collide after the end",
    )


def _check_discs(puzzle: dict, answer: dict) -> None:
    a, b = puzzle["bodies"]
    e, reach = puzzle["restitution"], a["radius"] + b["radius"]
    events = answer["events"]
    require(len(events) <= 1, "two free discs collide at most once")
    pa, pb = a["pos"], b["pos"]
    ua, ub = a["vel"], b["vel"]

    def closest(p1, v1, p2, v2, t0, t1):
        dp = [p2[k] - p1[k] for k in range(2)]
        dv = [v2[k] - v1[k] for k in range(2)]
        vv = dv[0] ** 2 + dv[1] ** 2
        tc = 0.0 if vv < 1e-12 else -(dp[0] * dv[0] + dp[1] * dv[1]) / vv
        tc = min(max(tc, 0.0), t1 - t0)
        return math.hypot(dp[0] + dv[0] * tc, dp[1] + dv[1] * tc)

    if not events:
        require(
            closest(pa, ua, pb, ub, 0, puzzle["duration"]) >= reach - TOL,
            "the discs pass through each other",
        )
        require(_close(answer["final_velocities"], [ua, ub]), "final velocities are wrong")
        return
    ev = events[0]
    t = ev["t"]
    require(0 < t <= puzzle["duration"], "collision time is outside the video")
    ca = [pa[k] + ua[k] * t for k in range(2)]
    cb = [pb[k] + ub[k] * t for k in range(2)]
    require(
        all(
            abs(ca[k] - ev["pos"][0][k]) < TOL and abs(cb[k] - ev["pos"][1][k]) < TOL
            for k in range(2)
        ),
        "the discs are not where their velocities take them at impact",
    )
    require(abs(math.dist(ca, cb) - reach) < TOL, "the discs collide without touching")
    require(closest(pa, ua, pb, ub, 0, t) >= reach - TOL, "the discs overlap before they collide")
    require(_close(ev["before"], [ua, ub]), "velocities before the collision are wrong")
    va, vb = ev["after"]
    ma, mb = a["mass"], b["mass"]
    for k in range(2):
        require(
            abs(ma * ua[k] + mb * ub[k] - ma * va[k] - mb * vb[k]) < 1e-3, "momentum not conserved"
        )
    n = [(cb[k] - ca[k]) / reach for k in range(2)]
    tan = [-n[1], n[0]]

    def dot(u, w):
        return u[0] * w[0] + u[1] * w[1]

    un = dot(ua, n) - dot(ub, n)
    require(un > 0, "the discs collide while moving apart")
    require(
        abs(dot(vb, n) - dot(va, n) - e * un) < 1e-3,
        "restitution along the line of centres violated",
    )
    require(
        abs(dot(va, tan) - dot(ua, tan)) < 1e-3 and abs(dot(vb, tan) - dot(ub, tan)) < 1e-3,
        "velocity changed across the line of centres (the contact is frictionless)",
    )
    ke = (ma * dot(ua, ua) + mb * dot(ub, ub)) / 2
    ke_after = (ma * dot(va, va) + mb * dot(vb, vb)) / 2
    lost = (1 - e * e) * ma * mb / (ma + mb) * un * un / 2
    require(abs(ke - ke_after - lost) < 1e-3, "kinetic energy does not match the restitution")
    require(dot(vb, n) - dot(va, n) >= -TOL, "the discs keep approaching after the collision")
    require(_close(answer["final_velocities"], [va, vb]), "final velocities are wrong")


def _close(u: list[list[float]], w: list[list[float]]) -> bool:
    return len(u) == len(w) and all(math.dist(a, b) < TOL for a, b in zip(u, w))


# --- drawing --------------------------------------------------------------------------


def _draw_track(c) -> None:
    c.crisp_line(LEFT - 3, RAIL_Y + 33, LEFT + TRACK * SCALE + 3, RAIL_Y + 33, INK, 14)
    ruler(c, RAIL, RAIL_Y + 40, RAIL.x(TRACK), label_y=RAIL_Y + 90, every=2, short=16, long=16,
          color=MUTED)  # fmt: skip
    c.text(LEFT + TRACK * SCALE, RAIL_Y + 140, "metres", size=40, fill=MUTED, anchor="rm")


def _draw_carts(c, bodies, xs, vels, t: float) -> None:
    h, w = 100, CART_W * SCALE - 4  # a hair narrower: touching carts keep separate outlines
    for b, x in zip(bodies, xs):
        cx = RAIL.x(x)
        c.rect(cx - w / 2, RAIL_Y - h + 2, cx + w / 2, RAIL_Y + 2, fill=NAMED[b["color"]],
               outline=INK, width=3, radius=8)  # fmt: skip
        for dx in (-w / 4, w / 4):
            c.circle(cx + dx, RAIL_Y + 12, 12, fill=WHEEL)
        underlined(c, cx, RAIL_Y - h / 2 + 16, f"{b['mass']:g}kg", 40, (255, 255, 255), True, 0.3)
    clock(c, t)
    if vels is None:
        return
    for i, (x, v) in enumerate(zip(xs, vels)):
        cx = RAIL.x(x)
        y = RAIL_Y - h - 40 - 50 * (i % 2)  # alternate rows so opposing arrows never overlap
        if abs(v) > 1e-3:
            length = abs(v) * ARROW + HEAD
            c.arrow((cx, y), (cx + math.copysign(length, v), y), fill=INK, width=7, head=HEAD)
        else:
            c.dot((cx, y), 9, fill=INK)


def _draw_table(c) -> None:
    """The cloth, and rulers in metres along its bottom and left edges."""
    x0, y0 = TABLE.pt(0, TABLE_H)
    x1, y1 = TABLE.pt(TRACK, 0)
    c.rect(x0, y0, x1, y1, fill=FAINT, outline=MUTED, width=4)
    for m in range(int(TRACK) + 1):
        x = TABLE.x(m)
        c.crisp_line(x, y1 + 2, x, y1 + 16, MUTED, 3)
        c.text(x, y1 + 40, f"{m}", size=36, fill=MUTED)
    for m in range(int(TABLE_H) + 1):
        y = TABLE.y(m)
        c.crisp_line(x0 - 16, y, x0 - 2, y, MUTED, 3)
        c.text(x0 - 24, y, f"{m}", size=36, fill=MUTED, anchor="rm")
    c.text(x1, y1 + 84, "metres", size=36, fill=MUTED, anchor="rm")


def _draw_discs(c, bodies, pos, vels, t: float) -> None:
    for b, p in zip(bodies, pos):
        cx, cy = TABLE.pt(*p)
        c.circle(cx, cy, b["radius"] * SCALE, fill=NAMED[b["color"]], outline=INK, width=3)
        underlined(c, cx, cy + 14, f"{b['mass']:g}kg", 40, (255, 255, 255), True, 0.3)
    clock(c, t)
    if vels is None:
        return
    for b, p, v in zip(bodies, pos, vels):
        if math.hypot(*v) >= 1e-3:
            c.arrow(*_disc_arrow(p, v, b["radius"]), fill=INK, width=7, head=HEAD)


def _disc_arrow(p, v, radius: float) -> tuple[tuple[float, float], tuple[float, float]]:
    """Canvas start and end of a disc's velocity arrow, from its rim along v."""
    cx, cy = TABLE.pt(*p)
    speed = math.hypot(*v)
    ux, uy = v[0] / speed, -v[1] / speed
    start = (cx + ux * radius * SCALE, cy + uy * radius * SCALE)
    length = speed * ARROW + HEAD
    return start, (start[0] + ux * length, start[1] + uy * length)


def _arrows_fit(bodies, pos, vels) -> bool:
    """Whether every velocity arrow stays clear of the frame's edges and the rulers' labels."""
    for b, p, v in zip(bodies, pos, vels):
        if math.hypot(*v) >= 1e-3:
            x, y = _disc_arrow(p, v, b["radius"])[1]
            if not (60 <= x <= 975 and 25 <= y <= 850):
                return False
    return True


def _legend(c, puzzle, before, after) -> None:
    y = 60
    for i, b in enumerate(puzzle["bodies"]):
        if puzzle["mode"] == "track":
            text = f"{b['color']} {b['mass']:g} kg: {_signed(before[i], 1)} m/s"
            if after is not None:
                text += f"  ->  {_signed(after[i], 2)} m/s"
        else:
            text = f"{b['color']} {b['mass']:g} kg: {math.hypot(*before[i]):.2f} m/s"
            if after is not None:
                text += f"  ->  {math.hypot(*after[i]):.2f} m/s"
        c.rect(LEFT, y - 18, LEFT + 36, y + 18, fill=NAMED[b["color"]], outline=INK, width=2)
        c.text(LEFT + 56, y, text, size=40, anchor="lm")
        y += 50
    e = puzzle["restitution"]
    label = {1.0: "elastic collisions", 0.0: "carts stick together"}.get(e, f"restitution {e:g}")
    if puzzle["mode"] == "track":
        c.text(LEFT, RAIL_Y + 140, label, size=40, anchor="lm", fill=INK)
    else:
        c.text(LEFT, 160, label, size=40, anchor="lm", fill=INK)


def _signed(v: float, digits: int) -> str:
    return f"{v:+.{digits}f}" if abs(v) >= 0.5 * 10**-digits else f"{0:.{digits}f}"
