"""Bounce to target: a ball launched along a drawn velocity arrow bounces once off the floor
(vertical speed times the restitution e, horizontal speed kept) and flies on into one of three
targets."""

from __future__ import annotations

import itertools
import math

from generators.kit import INK, MUTED, NAMED, Param, Task, register, require
from generators.kit.palette import lighten
from generators.kit.physics import pace, slowdown
from generators.kit.view import clock

G = 9.81  # m/s^2
RATE = 20  # trajectory samples per simulated second
R = 0.35  # ball radius (m)
TARGET_R = 0.5  # target radius (m)
TARGET_COLOURS = ("blue", "green", "orange", "purple", "cyan")
INSTANCES = 1_500_000  # measured lower bound (3,000 draws, no repeat)
GROUND_Y = 820  # canvas y of the floor


def launch_velocity(puzzle: dict) -> tuple[float, float]:
    a = math.radians(puzzle["angle"])
    return puzzle["speed"] * math.cos(a), puzzle["speed"] * math.sin(a)


def bounce(puzzle: dict) -> dict:
    """The floor contact: the ball centre comes down to height R."""
    vx, vy = launch_velocity(puzzle)
    h0 = puzzle["launch_height"]
    t = (vy + math.sqrt(vy * vy + 2 * G * (h0 - R))) / G
    v_in = vy - G * t  # negative: moving down
    return {"t": t, "x": vx * t, "y": R, "vy_in": v_in, "vy_out": -puzzle["restitution"] * v_in}


def centre(puzzle: dict, t: float) -> tuple[float, float]:
    """Ball centre (m) at time t, with the floor bounce."""
    vx, vy = launch_velocity(puzzle)
    b = bounce(puzzle)
    if t <= b["t"]:
        return vx * t, puzzle["launch_height"] + vy * t - G * t * t / 2
    tau = t - b["t"]
    return vx * t, R + b["vy_out"] * tau - G * tau * tau / 2


def first_contact(puzzle: dict, target: dict, t_max: float) -> float | None:
    """Earliest time (s) at which the ball touches a target, by fine scan and bisection."""
    reach = R + TARGET_R

    def gap(t):
        x, y = centre(puzzle, t)
        return math.hypot(x - target["x"], y - target["y"]) - reach

    steps = 4000
    prev = 0.0
    for k in range(1, steps + 1):
        t = t_max * k / steps
        if gap(t) <= 0:
            lo, hi = prev, t
            for _ in range(60):
                mid = (lo + hi) / 2
                lo, hi = (lo, mid) if gap(mid) <= 0 else (mid, hi)
            return hi
        prev = t
    return None


@register(
    "G-26_bounce_to_target",
    title="Bounce to target",
    description="A ball launched along a drawn arrow bounces once off the floor (restitution given) and hits one of several targets.",
    category="physics-motion",
    params=[
        Param("targets", "int", 3, 2, 5, help="number of targets shown"),
        Param("margin", "float", 0.6, 0.25, 1.5,
              help="least gap (m) between the ball's path and a target it misses"),
    ],
    shard_size=90,
    memory="low",
    instances=INSTANCES,
    faculty="knowledge",
    levels={1: {"targets": 2, "margin": 1.2}, 2: {"targets": 2, "margin": 0.8},
            3: {"targets": 3, "margin": 0.6}, 4: {"targets": 4, "margin": 0.4},
            5: {"targets": 5, "margin": 0.3}},
)  # fmt: skip
class BounceToTarget(Task):
    def generate(self, rng, params):
        n = params["targets"]
        while True:
            puzzle = {
                "speed": round(float(rng.uniform(5.0, 8.0)), 1),
                "angle": int(rng.integers(25, 66)),
                "launch_height": round(float(rng.uniform(0.5, 2.0)), 1),
                "restitution": round(float(rng.uniform(0.45, 0.85)), 2),
                "g": G,
            }
            b = bounce(puzzle)
            t2 = 2 * b["vy_out"] / G  # duration of the second arc
            if t2 < 0.5:
                continue
            # the hit target sits on the second arc; the others clear of the whole path
            t_hit = b["t"] + float(rng.uniform(0.35, 0.85)) * t2
            hx, hy = centre(puzzle, t_hit)
            if hy < R + TARGET_R + 0.2:
                continue
            colours = [str(c) for c in rng.permutation(TARGET_COLOURS)[:n]]
            targets = [{"colour": colours[0], "x": round(hx, 2), "y": round(hy, 2)}]
            decoys = _decoys(rng, puzzle, (hx, hy), n - 1, params["margin"])
            if decoys is None:
                continue
            targets += [{"colour": c, "x": x, "y": y} for c, (x, y) in zip(colours[1:], decoys)]
            order = [int(i) for i in rng.permutation(n)]
            puzzle["targets"] = [targets[i] for i in order]
            if _well_posed(puzzle):
                return puzzle

    def solve(self, puzzle, params):
        b = bounce(puzzle)
        horizon = b["t"] + 2 * b["vy_out"] / G
        hits = [(first_contact(puzzle, t, horizon), t["colour"]) for t in puzzle["targets"]]
        t_hit, colour = min((h for h in hits if h[0] is not None), key=lambda h: h[0])
        times = [i / RATE for i in range(math.ceil(t_hit * RATE))] + [t_hit]
        x, y = centre(puzzle, t_hit)
        return {
            "hit": colour,
            "hit_time": t_hit,
            "hit_point": [x, y],
            "bounce": b,
            "samples": [[t, *centre(puzzle, t)] for t in times],
        }

    def check(self, puzzle, answer, params):
        g, e = puzzle["g"], puzzle["restitution"]
        require(g == G, "gravity is not the stated 9.81 m/s^2")
        require(0 < e < 1, "restitution must be between 0 and 1")
        vx, vy = launch_velocity(puzzle)
        h0 = puzzle["launch_height"]
        b = answer["bounce"]
        # the bounce: first floor contact of the launch parabola, then vy -> -e vy, vx kept
        tb = b["t"]
        require(abs(h0 + vy * tb - g * tb * tb / 2 - R) < 1e-5, "the bounce is not at the floor")
        require(abs(b["x"] - vx * tb) < 1e-5 and abs(b["y"] - R) < 1e-9, "bounce point is off")
        require(abs(b["vy_in"] - (vy - g * tb)) < 1e-5 and b["vy_in"] < 0, "wrong impact speed")
        require(abs(b["vy_out"] + e * b["vy_in"]) < 1e-5, "the bounce breaks the restitution law")
        require(vy - g * tb < 0 and tb > vy / g, "the ball meets the floor while rising")
        s = answer["samples"]
        dt = 1 / RATE
        require(len(s) >= 4, "too few samples")
        require(all(abs(r[0] - i * dt) < 1e-6 for i, r in enumerate(s[:-1])), "irregular samples")
        require(0 < s[-1][0] - s[-2][0] <= dt + 1e-6, "the last sample is not the hit")
        require(abs(s[0][1]) < 1e-9 and abs(s[0][2] - h0) < 1e-9, "does not start at the launcher")
        for p, q in itertools.pairwise(s):  # no friction: constant horizontal speed throughout
            require(
                abs((q[1] - p[1]) - vx * (q[0] - p[0])) < 1e-5,
                f"horizontal speed changes at t={p[0]:g}",
            )
        for p, q, r in zip(s, s[1:-1], s[2:-1]):
            if p[0] < tb < r[0]:
                continue  # the bounce lies between these samples
            acc = (r[2] - 2 * q[2] + p[2]) / dt**2
            require(abs(acc + g) < 2e-2, f"vertical acceleration is not -g at t={q[0]:g}")
        for t, _x, y in s:  # each sample on its arc
            if t <= tb:
                want = h0 + vy * t - g * t * t / 2
            else:
                tau = t - tb
                want = R + b["vy_out"] * tau - g * tau * tau / 2
            require(abs(y - want) < 1e-4, f"the ball is off its arc at t={t:g}")
            require(y >= R - 1e-4, f"the ball sinks into the floor at t={t:g}")
            require(not (t > tb + 1e-6 and y <= R + 1e-6 and t < s[-1][0]), "a second bounce")
        # the hit: touching the answered target at the last sample, no target touched before
        t_hit, (hx, hy) = answer["hit_time"], answer["hit_point"]
        require(abs(s[-1][0] - t_hit) < 1e-6 and abs(s[-1][1] - hx) < 1e-6
                and abs(s[-1][2] - hy) < 1e-6, "hit point does not match the samples")  # fmt: skip
        require(t_hit > tb, "the ball must bounce before it hits a target")
        reach = R + TARGET_R
        by_colour = {tg["colour"]: tg for tg in puzzle["targets"]}
        require(answer["hit"] in by_colour, "the answer names no target")
        hit = by_colour[answer["hit"]]
        require(
            abs(math.hypot(hx - hit["x"], hy - hit["y"]) - reach) < 1e-4,
            "the ball does not touch the target",
        )
        for tg in puzzle["targets"]:
            for t, x, y in s[:-1]:
                require(math.hypot(x - tg["x"], y - tg["y"]) > reach - 1e-6,
                        f"the ball touches the {tg['colour']} target earlier, at t={t:g}")  # fmt: skip
            if tg is not hit:
                require(
                    math.hypot(hx - tg["x"], hy - tg["y"]) > reach, "two targets touched at once"
                )
        # between samples the ball moves no faster than its speed allows (energy bound)
        v_max = math.hypot(vx, vy) + g * s[-1][0]
        for p, q in itertools.pairwise(s):
            require(math.dist(p[1:], q[1:]) <= v_max * (q[0] - p[0]) + 1e-6, "the ball jumps")

    def prompt(self, puzzle, params):
        colours = ", ".join(t["colour"] for t in puzzle["targets"])
        return (
            "Side view of a flat floor with a ruler in metres. A red ball of radius "
            f"{R:g} m sits on a gray stand at the left, its centre {puzzle['launch_height']:g} m "
            "above the floor; the black arrow shows its launch velocity, "
            f"{puzzle['speed']:g} m/s at {puzzle['angle']} degrees above the horizontal. Round "
            f"targets of radius {TARGET_R:g} m float in the air ({colours}), drawn to the ruler's "
            "scale. Gravity is 9.81 m/s^2 and there is no air resistance. Launch the ball: it "
            "flies on a parabola, bounces once off the floor when its bottom touches it - the "
            "bounce keeps its horizontal speed and reverses its vertical speed, scaled by the "
            f"restitution e = {puzzle['restitution']:g} - and flies on along a lower parabola "
            f"until it first touches a target. Show the flight {pace(slowness(puzzle))}; a clock "
            "shows the time since the launch. The stand, targets and ruler stay in place. The "
            "video ends when the ball touches a target; the target that was hit is then ringed "
            "in yellow."
        )

    def rubric(self, puzzle, answer, params):
        b = answer["bounce"]
        return "\n".join([
            "1. The red ball leaves the stand along the black arrow.",
            "2. Its first flight is one smooth parabola; it moves right at a constant rate the whole time.",
            f"3. It bounces off the floor once, at about {b['x']:.1f} m, rising again with "
            f"{puzzle['restitution']:g} times its downward speed (a lower, shorter arc).",
            f"4. After the bounce it hits the {answer['hit']} target, about {answer['hit_time']:.1f} s "
            "after the launch, without touching any other target or bouncing again.",
            f"5. The final frame shows the ball touching the {answer['hit']} target, ringed in yellow.",
            "6. The stand, targets and ruler do not move.",
        ])  # fmt: skip

    def render(self, puzzle, answer, params, film):
        view = View(puzzle)
        base = film.canvas()
        view.draw_scene(base, puzzle)
        first = base.copy()
        view.draw_arrow(first, puzzle)
        view.ball(first, 0.0, puzzle["launch_height"])
        clock(first, 0.0, x=700, y=70)
        film.opening(first)
        t_hit = answer["hit_time"]
        trail = base.copy()
        for t in film.times(t_hit * slowness(puzzle), span=t_hit):
            x, y = centre(puzzle, t)
            frame = trail.copy()
            view.ball(frame, x, y)
            clock(frame, t, x=700, y=70)
            film.add(frame)
            trail.dot(view.pt(x, y), 4, fill=MUTED)
        final = trail.copy()
        clock(final, t_hit, x=700, y=70)
        hit = next(t for t in puzzle["targets"] if t["colour"] == answer["hit"])
        final.circle(*view.pt(hit["x"], hit["y"]), TARGET_R * view.s + 14, outline=NAMED["yellow"],
                     width=10)  # fmt: skip
        view.ball(final, *answer["hit_point"])
        film.closing(final)


def slowness(puzzle: dict) -> int:
    """How much slower than real time the video plays: enough for the ball's fastest moment,
    just before the bounce, to glide at the picture's scale."""
    vx, _ = launch_velocity(puzzle)
    return slowdown(View(puzzle).s * math.hypot(vx, bounce(puzzle)["vy_in"]))


def _decoys(rng, puzzle: dict, hit: tuple[float, float], count: int, margin: float):
    """Target positions clear of the path: some where an elastic bounce (e = 1) would have
    taken the ball, others anywhere around the second arc."""
    out = []
    b = bounce(puzzle)
    t_end = b["t"] + 2 * b["vy_out"] / G
    path = [centre(puzzle, t_end * k / 400) for k in range(401)]
    elastic = dict(puzzle, restitution=1.0)
    for _ in range(200):
        if len(out) == count:
            return out
        if rng.random() < 0.5:
            t = b["t"] + float(rng.uniform(0.25, 0.9)) * (2 * -b["vy_in"] / G)
            x, y = centre(elastic, t)
        else:
            x = float(rng.uniform(max(b["x"] - 1.0, 1.5), hit[0] + 4.0))
            y = float(rng.uniform(R + TARGET_R + 0.3, 4.5))
        x, y = round(x, 2), round(y, 2)
        if not R + TARGET_R + 0.2 <= y <= 5.0:
            continue
        near = min(math.hypot(px - x, py - y) for px, py in path)
        apart = all(math.hypot(x - ox, y - oy) > 2 * TARGET_R + 0.5 for ox, oy in [hit, *out])
        if near > R + TARGET_R + margin and apart:
            out.append((x, y))
    return None


def _well_posed(puzzle: dict) -> bool:
    targets = puzzle["targets"]
    for a, b in itertools.combinations(targets, 2):
        if math.hypot(a["x"] - b["x"], a["y"] - b["y"]) < 2 * TARGET_R + 0.5:
            return False
    bb = bounce(puzzle)
    horizon = bb["t"] + 2 * bb["vy_out"] / G
    hits = [first_contact(puzzle, t, horizon) for t in targets]
    got = [(h, i) for i, h in enumerate(hits) if h is not None]
    if len(got) != 1 or got[0][0] <= bb["t"]:
        return False
    t_hit = got[0][0]
    if not 1.2 <= t_hit <= 3.5:
        return False
    xs = [t["x"] for t in targets] + [centre(puzzle, t_hit)[0]]
    return max(xs) < 11 and min(t["x"] for t in targets) > 1.0


class View:
    """Metres to canvas units: the same scale on both axes, floor at GROUND_Y; fitted to
    what the first frame shows (targets, stand, launch arrow), never to the flight."""

    def __init__(self, puzzle: dict):
        xs = [t["x"] + TARGET_R + R for t in puzzle["targets"]]
        apex = puzzle["launch_height"] + launch_velocity(puzzle)[1] ** 2 / (2 * G)
        ys = [t["y"] + TARGET_R for t in puzzle["targets"]] + [apex + R]
        x_hi, x_lo = max(xs) + 0.6, -1.0
        self.s = min(860 / (x_hi - x_lo), 640 / (max(ys) + 0.3))
        self.left = 500 - self.s * (x_hi + x_lo) / 2
        self.x_lo, self.x_hi = x_lo, x_hi

    def pt(self, x: float, y: float) -> tuple[float, float]:
        return (self.left + self.s * x, GROUND_Y - self.s * y)

    def ball(self, c, x: float, y: float) -> None:
        c.circle(*self.pt(x, y), R * self.s, fill=NAMED["red"], outline=INK, width=3)

    def draw_scene(self, c, puzzle: dict) -> None:
        x0 = self.left + self.s * self.x_lo
        x1 = self.left + self.s * self.x_hi
        c.rect(x0 - 10, GROUND_Y, x1 + 10, GROUND_Y + 12, fill=INK)
        step = 1 if self.s >= 45 else 2
        m = 0
        while self.left + self.s * m <= x1:
            x = self.left + self.s * m
            c.line([(x, GROUND_Y + 12), (x, GROUND_Y + 30)], fill=INK, width=3)
            if m % (2 * step) == 0:
                c.text(x, GROUND_Y + 62, str(m), size=40)
            m += step
        c.text(x1, GROUND_Y + 120, "metres", size=40, anchor="rm", fill=MUTED)
        h0 = puzzle["launch_height"]
        sx, top = self.pt(0, h0 - R)
        c.rect(sx - 24, top, sx + 24, GROUND_Y, fill=NAMED["gray"])
        for t in puzzle["targets"]:
            cx, cy = self.pt(t["x"], t["y"])
            r = TARGET_R * self.s
            colour = NAMED[t["colour"]]
            c.circle(cx, cy, r, fill=colour, outline=INK, width=3)
            c.circle(cx, cy, r * 0.62, fill=lighten(colour, 0.7))
            c.circle(cx, cy, r * 0.28, fill=colour)
        c.text(
            60, 70, f"restitution e = {puzzle['restitution']:g}", size=48, anchor="lm", bold=True
        )

    def draw_arrow(self, c, puzzle: dict) -> None:
        a = math.radians(puzzle["angle"])
        sx, sy = self.pt(0, puzzle["launch_height"])
        length = 150
        end = (sx + length * math.cos(a), sy - length * math.sin(a))
        c.arrow((sx, sy), end, fill=INK, width=8)
        label = f"{puzzle['speed']:g} m/s at {puzzle['angle']}°"
        lx = min(max(end[0] + 16, 60), 940 - c.text_width(label, 44))
        c.text(lx, max(end[1] - 30, 130), label, size=44, anchor="lm", bold=True)
