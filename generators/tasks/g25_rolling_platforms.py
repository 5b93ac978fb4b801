"""Rolling platforms: a ball rolls along a ledge, slowing under rolling resistance, flies off
the edge on a parabola, lands on a lower platform (keeping its horizontal speed) and so on
until it comes to rest."""

from __future__ import annotations

import itertools
import math

from generators.kit import INK, MUTED, NAMED, Param, Task, register, require
from generators.kit.physics import pace, slowdown
from generators.kit.view import clock

G = 9.81  # m/s^2
RATE = 20  # trajectory samples per simulated second
S = 100  # canvas units per metre
LEFT, FLOOR_Y = 70, 850  # canvas position of x = 0 m, y = 0 m
WIDTH = 8.6  # m of floor
R = 0.2  # ball radius (m)
SLAB = 0.22  # platform thickness (m)
EDGE = 0.25  # m: landings and the resting point keep this far from platform edges
BALL = NAMED["red"]
SLAB_COLOUR = NAMED["brown"]
LABELS = "ABCDEFG"
INSTANCES = 10**8  # measured: at least 150 M (30,000 draws, no repeat)


def surfaces(puzzle: dict) -> list[dict]:
    """Every surface the ball can roll on: the platforms, then the floor."""
    return [*puzzle["platforms"], {"label": "floor", "x0": 0.0, "x1": WIDTH, "height": 0.0}]


def run(puzzle: dict) -> list[dict]:
    """Events of the motion: rolling starts, take-offs, landings and the final rest."""
    surf = surfaces(puzzle)
    a = puzzle["drag"]
    on = 0
    t, x, v = 0.0, puzzle["start_x"], puzzle["speed"]
    events = [{"kind": "start", "t": t, "x": x, "y": surf[0]["height"] + R, "v": v, "on": 0}]
    for _ in range(20):
        s = surf[on]
        stop_d = v * v / (2 * a)
        if x + stop_d <= s["x1"]:
            t_stop = t + v / a
            events.append({"kind": "rest", "t": t_stop, "x": x + stop_d,
                           "y": s["height"] + R, "v": 0.0, "on": on})  # fmt: skip
            return events
        # reach the edge: x1 = x + v dt - a dt^2 / 2
        d = s["x1"] - x
        dt = (v - math.sqrt(v * v - 2 * a * d)) / a
        t, x, v = t + dt, s["x1"], v - a * dt
        y0 = s["height"] + R
        events.append({"kind": "leave", "t": t, "x": x, "y": y0, "v": v, "on": on})
        # the first surface below whose top the falling ball meets
        best = None
        for j, q in enumerate(surf):
            drop = s["height"] - q["height"]
            if drop <= 0:
                continue
            tf = math.sqrt(2 * drop / G)
            xl = x + v * tf
            if q["x0"] <= xl <= q["x1"] and (best is None or tf < best[0]):
                best = (tf, j, xl)
        if best is None:
            raise ValueError("the ball falls out of the scene")
        tf, on, x = best
        t += tf
        events.append({"kind": "land", "t": t, "x": x, "y": surf[on]["height"] + R, "v": v,
                       "vy": -G * tf, "on": on})  # fmt: skip
    raise ValueError("too many bounces")


def clearance(x: float, y: float, plat: dict) -> float:
    """Gap (m) between the ball at centre (x, y) and a platform's slab; < 0 means overlap."""
    top = plat["height"]
    dx = max(plat["x0"] - x, 0.0, x - plat["x1"])
    dy = max(top - SLAB - y, 0.0, y - top)
    return math.hypot(dx, dy) - R


def position(puzzle: dict, events: list[dict], t: float) -> tuple[float, float]:
    """Ball centre (m) at time t, from the event list (closed form on every segment)."""
    a = puzzle["drag"]
    for e, nxt in itertools.pairwise(events):
        if t <= nxt["t"] or nxt is events[-1]:
            dt = min(t, nxt["t"]) - e["t"]
            if e["kind"] == "leave":  # flying: constant vx, falling under gravity
                return e["x"] + e["v"] * dt, e["y"] - G * dt * dt / 2
            return e["x"] + e["v"] * dt - a * dt * dt / 2, e["y"]
    return events[-1]["x"], events[-1]["y"]


@register(
    "G-25_rolling_platforms",
    title="Rolling platforms",
    description="A ball rolls off ledges and falls from platform to platform on projectile arcs; where does it come to rest.",
    category="physics-motion",
    params=[Param("platforms", "int", 3, 2, 5, help="raised platforms above the floor"),
            Param("hops", "int", 0, 0, 3, help="least platforms the ball lands on after A")],
    shard_size=75,
    memory="low",
    instances=INSTANCES,
    faculty="knowledge",
    levels={1: {"platforms": 2, "hops": 0}, 2: {"platforms": 2, "hops": 1},
            3: {"platforms": 3, "hops": 0}, 4: {"platforms": 4, "hops": 1},
            5: {"platforms": 5, "hops": 2}},
)  # fmt: skip
class RollingPlatforms(Task):
    def generate(self, rng, params):
        k, hops = params["platforms"], params["hops"]
        require(hops < k, "hops must be fewer than the platforms")
        while True:
            puzzle = _design(rng, k, hops)
            if puzzle is not None and _well_posed(puzzle):
                return puzzle

    def solve(self, puzzle, params):
        events = run(puzzle)
        end = events[-1]["t"]
        times = [i / RATE for i in range(math.ceil(end * RATE))] + [end]
        rest = events[-1]
        label = surfaces(puzzle)[rest["on"]]["label"]
        return {
            "rest_on": label,
            "rest_x": rest["x"],
            "rest_time": end,
            "landings": [surfaces(puzzle)[e["on"]]["label"] for e in events if e["kind"] == "land"],
            "events": events,
            "samples": [[t, *position(puzzle, events, t)] for t in times],
        }

    def check(self, puzzle, answer, params):
        g, a = puzzle["g"], puzzle["drag"]
        require(g == G, "gravity is not the stated 9.81 m/s^2")
        surf = surfaces(puzzle)
        ev = answer["events"]
        require(len(ev) >= 2 and ev[0]["kind"] == "start" and ev[-1]["kind"] == "rest",
                "events must run from the start to the rest")  # fmt: skip
        s0 = surf[0]
        require(
            abs(ev[0]["x"] - puzzle["start_x"]) < 1e-6 and abs(ev[0]["v"] - puzzle["speed"]) < 1e-6
            and abs(ev[0]["y"] - (s0["height"] + R)) < 1e-6 and ev[0]["t"] == 0,
            "the ball does not start on platform A with the drawn speed",
        )  # fmt: skip
        for e, f in itertools.pairwise(ev):
            dt = f["t"] - e["t"]
            require(dt > 0, "events out of order")
            here = surf[e["on"]]
            if e["kind"] in ("start", "land"):  # rolling on `here`, slowing by the drag
                require(abs(e["y"] - here["height"] - R) < 1e-6, "the ball is not on the surface")
                require(here["x0"] - 1e-6 <= e["x"] <= here["x1"] + 1e-6, "rolling off the surface")
                v_end = e["v"] - a * dt
                x_end = e["x"] + e["v"] * dt - a * dt * dt / 2
                require(v_end > -1e-5 and abs(f["v"] - max(v_end, 0.0)) < 1e-5,
                        "rolling speed does not drop at the drag rate")  # fmt: skip
                require(
                    abs(f["x"] - x_end) < 1e-5 and f["on"] == e["on"], "rolling distance is wrong"
                )
                if f["kind"] == "leave":
                    require(abs(f["x"] - here["x1"]) < 1e-5, "the ball leaves away from the edge")
                    require(f["v"] > 0, "the ball reaches the edge with no speed")
                else:
                    require(f["kind"] == "rest" and abs(f["v"]) < 1e-9, "the ball must stop")
                    require(f["x"] <= here["x1"] + 1e-6, "the ball stops beyond the edge")
            else:
                require(
                    e["kind"] == "leave" and f["kind"] == "land", "a flight must end in a landing"
                )
                land = surf[f["on"]]
                drop = e["y"] - f["y"]
                require(drop > 0, "the ball lands higher than it took off")
                require(abs(drop - g * dt * dt / 2) < 1e-5, "fall time does not match the drop")
                require(
                    abs(f["x"] - (e["x"] + e["v"] * dt)) < 1e-5,
                    "horizontal speed changes in flight",
                )
                require(abs(f["v"] - e["v"]) < 1e-6, "landing changes the horizontal speed")
                require(abs(f["vy"] + g * dt) < 1e-5, "wrong vertical speed at landing")
                require(abs(f["y"] - land["height"] - R) < 1e-6, "landing is not on a surface top")
                require(land["x0"] <= f["x"] <= land["x1"], "landing point is off the surface")
                for q in surf:  # no surface top is met earlier in the fall
                    d = e["y"] - R - q["height"]
                    if 0 < d < drop - 1e-9:
                        xq = e["x"] + e["v"] * math.sqrt(2 * d / g)
                        require(
                            not q["x0"] <= xq <= q["x1"],
                            f"the ball would land on {q['label']} first",
                        )
        landed = [surf[e["on"]]["label"] for e in ev if e["kind"] == "land"]
        require(answer["landings"] == landed, "the surfaces are not landed on in this order")
        rest = ev[-1]
        require(
            answer["rest_on"] == surf[rest["on"]]["label"] and abs(answer["rest_x"] - rest["x"]) < 1e-6
            and abs(answer["rest_time"] - rest["t"]) < 1e-6,
            "the resting place does not match the motion",
        )  # fmt: skip
        s = answer["samples"]
        dt = 1 / RATE
        require(all(abs(r[0] - i * dt) < 1e-6 for i, r in enumerate(s[:-1])), "irregular samples")
        require(abs(s[-1][0] - rest["t"]) < 1e-6 and 0 < s[-1][0] - s[-2][0] <= dt + 1e-6,
                "the last sample is not the moment of rest")  # fmt: skip
        for t, x, y in s:  # every sample on the closed-form path of its segment
            seg = max(i for i, e in enumerate(ev) if e["t"] <= t + 1e-9)
            e = ev[min(seg, len(ev) - 1)]
            tau = t - e["t"]
            if e["kind"] == "leave":
                want = (e["x"] + e["v"] * tau, e["y"] - g * tau * tau / 2)
            elif e["kind"] == "rest":
                want = (e["x"], e["y"])
            else:
                want = (e["x"] + e["v"] * tau - a * tau * tau / 2, e["y"])
            require(
                math.hypot(x - want[0], y - want[1]) < 1e-4, f"the ball is off its path at t={t:g}"
            )
            require(y > R - 1e-4, f"the ball sinks into the floor at t={t:g}")
            for q in puzzle["platforms"]:  # never inside a platform
                require(
                    clearance(x, y, q) > -1e-4, f"the ball passes through {q['label']} at t={t:g}"
                )

    def prompt(self, puzzle, params):
        plats = puzzle["platforms"]
        names = ", ".join(f"{p['label']} ({p['height']:g} m high)" for p in plats)
        return (
            f"Side view of {len(plats)} brown platforms (ledges) at different heights above the floor, "
            f"labelled {names}; a ruler along the floor marks metres. A red ball of radius "
            f"{R:g} m sits on platform A and is rolling to the right at {puzzle['speed']:g} m/s "
            "(black arrow). While rolling on any surface it slows down steadily by "
            f"{puzzle['drag']:g} m/s every second. When it rolls past an edge it flies off "
            "horizontally and falls on a parabola under gravity (9.81 m/s^2, no air resistance), "
            "keeping its horizontal speed; when it lands it does not bounce and rolls on. Show the "
            f"ball's motion {pace(slowness(puzzle))} until it comes to rest; a clock at the top "
            "left shows the time since the start. The platforms, floor and ruler stay unchanged. "
            "The video ends when the ball has stopped; its resting place is then marked."
        )

    def rubric(self, puzzle, answer, params):
        path = " -> ".join(["A", *answer["landings"]])
        where = "the floor" if answer["rest_on"] == "floor" else f"platform {answer['rest_on']}"
        return "\n".join([
            "1. The red ball rolls right along platform A from its drawn position, slowing down steadily.",
            "2. At each edge it flies off horizontally and falls on a smooth parabola (moving "
            "right at a constant rate while falling faster and faster), without touching any "
            "platform on the way.",
            f"3. It touches down on these surfaces in order: {path}; it never bounces.",
            f"4. It comes to rest on {where}, about {answer['rest_x']:.1f} m along the ruler, "
            f"about {answer['rest_time']:.1f} s after the start.",
            "5. The final frame marks the resting place.",
            "6. The platforms, floor and ruler do not change.",
        ])  # fmt: skip

    def render(self, puzzle, answer, params, film):
        base = film.canvas()
        _draw_scene(base, puzzle)
        events = answer["events"]
        first = base.copy()
        x0, y0 = events[0]["x"], events[0]["y"]
        _ball(first, x0, y0)
        cx, cy = _pt(x0, y0)
        length = 40 + 45 * puzzle["speed"]
        first.arrow((cx + 26, cy), (cx + 26 + length, cy), fill=INK, width=7, head=24)
        first.text(cx + 26 + length / 2, cy - 44, f"{puzzle['speed']:g} m/s", size=40, bold=True)
        clock(first, 0.0, y=60)
        film.opening(first)
        end = answer["rest_time"]
        for t in film.times(end * slowness(puzzle), span=end):
            frame = base.copy()
            _ball(frame, *position(puzzle, events, t))
            clock(frame, t, y=60)
            film.add(frame)
        final = base.copy()
        clock(final, end, y=60)
        rx, ry = events[-1]["x"], events[-1]["y"]
        px, py = _pt(rx, ry)
        final.line([(px, py + R * S + 4), (px, FLOOR_Y + 40)] if answer["rest_on"] == "floor"
                   else [(px, py - 80), (px, py - 30)], fill=NAMED["blue"], width=6)  # fmt: skip
        where = "the floor" if answer["rest_on"] == "floor" else f"platform {answer['rest_on']}"
        caption = f"Rests on {where} at {rx:.1f} m"
        w = final.text_width(caption, 48)
        final.rect(500 - w / 2 - 20, 104, 500 + w / 2 + 20, 168, fill=NAMED["yellow"], radius=10)
        final.text(500, 136, caption, size=48, bold=True)
        _ball(final, rx, ry)
        film.closing(final)


def slowness(puzzle: dict) -> int:
    """How much slower than real time the video plays: enough for the fastest moment (the
    end of the longest fall) to glide."""
    events = run(puzzle)
    top = max(math.hypot(e["v"], e.get("vy", 0.0)) for e in events)
    return slowdown(S * top)


def _pt(x: float, y: float) -> tuple[float, float]:
    return (LEFT + x * S, FLOOR_Y - y * S)


def _ball(c, x: float, y: float) -> None:
    cx, cy = _pt(x, y)
    r = R * S
    c.circle(cx, cy, r, fill=BALL, outline=INK, width=3)
    a = x / R  # rolling without slipping while on a surface; a stripe shows the spin
    c.line([(cx - r * math.cos(a), cy - r * math.sin(a)), (cx + r * math.cos(a), cy + r * math.sin(a))],
           fill=(255, 255, 255), width=4)  # fmt: skip


def _draw_scene(c, puzzle: dict) -> None:
    c.rect(LEFT - 20, FLOOR_Y, LEFT + WIDTH * S + 20, FLOOR_Y + 14, fill=INK)
    for m in range(0, int(WIDTH) + 1):
        x = LEFT + m * S
        c.line([(x, FLOOR_Y + 14), (x, FLOOR_Y + 32)], fill=INK, width=3)
        if m % 2 == 0:
            c.text(x, FLOOR_Y + 62, str(m), size=40)
    c.text(LEFT + WIDTH * S, FLOOR_Y + 62, "m", size=40, fill=MUTED)
    for p in puzzle["platforms"]:
        x0, top = _pt(p["x0"], p["height"])
        x1, _ = _pt(p["x1"], p["height"])
        c.rect(x0, top, x1, top + SLAB * S, fill=SLAB_COLOUR, outline=INK, width=3)
        c.text(x0 + 28, top + SLAB * S + 34, p["label"], size=44, bold=True)


def _q(x: float) -> float:
    return round(x, 2)


def _design(rng, k: int, hops: int) -> dict | None:
    """A scene built along a planned path: the ball hops over some platforms in turn, then
    rests on the last of them or on the floor; the other platforms are placed off its path.
    Returns None when the plan does not fit the picture."""
    heights = sorted((_q(float(h)) for h in rng.uniform(0.8, 5.6, size=k)), reverse=True)
    if any(a - b < 0.8 for a, b in itertools.pairwise([*heights, 0.0])):
        return None
    # platforms visited after A: at least `hops`, and none in a fifth of free choices
    size = int(rng.integers(max(hops, 1), k)) if hops or rng.random() < 0.8 else 0
    hops = rng.choice(range(1, k), size=size, replace=False)
    visit = [0, *sorted(int(i) for i in hops)]
    rest_on_floor = rng.random() < 0.35 or len(visit) == 1
    v = v0 = _q(float(rng.uniform(2.2, 4.2)))
    drag = _q(float(rng.uniform(0.5, 1.5)))
    start_x = 0.7
    x, plats = start_x, {}
    for n, i in enumerate(visit):
        last = n == len(visit) - 1
        x0 = 0.3 if n == 0 else _q(x - float(rng.uniform(EDGE + 0.15, 0.9)))
        room = (v * v - 1.4 * R * G) / (2 * drag)  # roll at most this far and still fly off
        if last and not rest_on_floor:
            stop = v * v / (2 * drag)
            x1 = _q(x + stop + float(rng.uniform(EDGE + 0.15, 0.9)))
            plats[i] = {"x0": x0, "x1": x1, "height": heights[i]}
            break
        if room < 0.65:
            return None
        d = float(rng.uniform(0.6 if n == 0 else 0.3, min(room, 1.8)))
        x1 = _q(x + d)
        plats[i] = {"x0": x0, "x1": x1, "height": heights[i]}
        d = x1 - x
        v_edge = math.sqrt(v * v - 2 * drag * d)
        below = heights[visit[n + 1]] if not last else 0.0
        x = x1 + v_edge * math.sqrt(2 * (heights[i] - below) / G)
        v = v_edge
    if max(p["x1"] for p in plats.values()) > WIDTH - 0.6 or x > WIDTH - 0.6:
        return None
    for i in range(k):  # the platforms off the path, anywhere they fit
        if i not in plats:
            w = float(rng.uniform(1.0, 2.4))
            x0 = _q(float(rng.uniform(0.3, WIDTH - 0.6 - w)))
            plats[i] = {"x0": x0, "x1": _q(x0 + w), "height": heights[i]}
    platforms = [{"label": LABELS[i], **plats[i]} for i in range(k)]
    return {"platforms": platforms, "start_x": start_x, "speed": v0, "drag": drag, "g": G}


def _well_posed(puzzle: dict) -> bool:
    try:
        events = run(puzzle)
    except ValueError:
        return False
    surf = surfaces(puzzle)
    lands = [e for e in events if e["kind"] == "land"]
    if not 1.5 <= events[-1]["t"] <= 4.0:
        return False
    for e in lands:
        q = surf[e["on"]]
        if min(e["x"] - q["x0"], q["x1"] - e["x"]) < EDGE:
            return False
        for p in surf:  # clear misses of every other platform edge on the way down
            if p is q:
                continue
            if abs(e["x"] - p["x1"]) < EDGE and p["height"] > q["height"]:
                return False
    rest = events[-1]
    q = surf[rest["on"]]
    if min(rest["x"] - q["x0"], q["x1"] - rest["x"]) < EDGE:
        return False
    if rest["x"] > WIDTH - 0.6:
        return False
    # a clean take-off (fast enough not to roll round the corner), flights well clear of
    # every platform they do not leave from or land on
    for e, f in itertools.pairwise(events):
        if e["kind"] != "leave":
            continue
        if e["v"] ** 2 < 1.3 * R * G:
            return False
        for p in puzzle["platforms"]:
            own = p is surf[e["on"]] or p is surf[f["on"]]
            for k in range(1, 40):
                tau = (f["t"] - e["t"]) * k / 40
                x, y = e["x"] + e["v"] * tau, e["y"] - G * tau * tau / 2
                if clearance(x, y, p) < (0.0 if own else 0.15):
                    return False
    return True
