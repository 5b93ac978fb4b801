"""Occluded tracking: a ball moves at constant velocity behind sliding screens that hide it;
where is it when the video ends (which marked ring), and where does it come out."""

from __future__ import annotations

import itertools
import math

from generators.kit import INK, MUTED, NAMED, Param, Task, register, require
from generators.kit.palette import darken

RATE = 20  # trajectory samples per simulated second
BOX = (60.0, 150.0, 940.0, 920.0)  # the scene: left, top, right, bottom
BALL_R = 26.0
RING_R = 40.0
BALL = NAMED["red"]
SCREEN = NAMED["gray"]
LABELS = "ABCD"
INSTANCES = 2_600_000  # measured lower bound (4,000 draws, no repeat)


def ball_at(puzzle: dict, t: float) -> tuple[float, float]:
    (x, y), (vx, vy) = puzzle["start"], puzzle["velocity"]
    return x + vx * t, y + vy * t


def screen_at(screen: dict, t: float) -> tuple[float, float, float, float]:
    """Rectangle (x0, y0, x1, y1) of a sliding screen at time t."""
    cx = screen["centre"][0] + screen["velocity"][0] * t
    cy = screen["centre"][1] + screen["velocity"][1] * t
    w, h = screen["size"]
    return cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2


def hidden_interval(puzzle: dict, screen: dict) -> tuple[float, float] | None:
    """When the ball is entirely behind a screen: both coordinates of the ball relative to the
    screen's centre move linearly, so each axis gives one interval; the answer is their
    intersection within [0, duration]."""
    lo, hi = 0.0, puzzle["duration"]
    for axis in (0, 1):
        rel0 = puzzle["start"][axis] - screen["centre"][axis]
        rel_v = puzzle["velocity"][axis] - screen["velocity"][axis]
        half = screen["size"][axis] / 2 - BALL_R  # |rel0 + rel_v t| <= half
        if half <= 0:
            return None
        if abs(rel_v) < 1e-12:
            if abs(rel0) > half:
                return None
            continue
        a, b = (-half - rel0) / rel_v, (half - rel0) / rel_v
        lo, hi = max(lo, min(a, b)), min(hi, max(a, b))
    return (lo, hi) if hi > lo else None


def overlaps(rect, x: float, y: float, r: float) -> bool:
    """Does a disc of radius r at (x, y) overlap the rectangle?"""
    dx = max(rect[0] - x, 0.0, x - rect[2])
    dy = max(rect[1] - y, 0.0, y - rect[3])
    return math.hypot(dx, dy) < r


def covered(rect, x: float, y: float, r: float) -> bool:
    """Is a disc of radius r at (x, y) entirely inside the rectangle?"""
    return rect[0] + r <= x <= rect[2] - r and rect[1] + r <= y <= rect[3] - r


@register(
    "G-27_occluded_tracking",
    title="Occluded tracking",
    description="A ball at constant velocity passes behind sliding screens; which marked ring is it in when the video ends.",
    category="spatial-visual",
    params=[Param("screens", "int", 2, 1, 3, help="number of sliding screens"),
            Param("on_path", "int", 1, 1, 2,
                  help="decoy rings on the ball's own line (too early or too late)")],
    shard_size=70,
    memory="low",
    instances=INSTANCES,
    faculty="perception",
    levels={1: {"screens": 1, "on_path": 1}, 2: {"screens": 2, "on_path": 1},
            3: {"screens": 2, "on_path": 1}, 4: {"screens": 2, "on_path": 2},
            5: {"screens": 3, "on_path": 1}},
)  # fmt: skip
class OccludedTracking(Task):
    def generate(self, rng, params):
        n = params["screens"]
        x0, y0, x1, y1 = BOX
        m = 80
        while True:
            duration = float(rng.choice([3.5, 4.0, 4.5]))
            start = [float(rng.uniform(x0 + m, x1 - m)), float(rng.uniform(y0 + m, y1 - m))]
            speed = float(rng.uniform(110, 190))
            ang = float(rng.uniform(0, 2 * math.pi))
            vel = [speed * math.cos(ang), speed * math.sin(ang)]
            end = [start[0] + vel[0] * duration, start[1] + vel[1] * duration]
            if not (x0 + m <= end[0] <= x1 - m and y0 + m <= end[1] <= y1 - m):
                continue
            puzzle = {
                "start": [round(v, 2) for v in start],
                "velocity": [round(v, 2) for v in vel],
                "duration": duration,
            }
            screens = _screens(rng, puzzle, n)
            if screens is None:
                continue
            puzzle["screens"] = screens
            rings = _rings(rng, puzzle, params["on_path"])
            if rings is None:
                continue
            puzzle["rings"] = rings
            if _well_posed(puzzle):
                return puzzle

    def solve(self, puzzle, params):
        T = puzzle["duration"]
        steps = round(T * RATE)
        samples = []
        for k in range(steps + 1):
            t = k / RATE
            x, y = ball_at(puzzle, t)
            hidden = any(covered(screen_at(s, t), x, y, BALL_R) for s in puzzle["screens"])
            samples.append([t, x, y, not hidden])
        hides = []
        for i, s in enumerate(puzzle["screens"]):
            iv = hidden_interval(puzzle, s)
            if iv:
                hides.append({"screen": i + 1, "from": iv[0], "to": iv[1],
                              "emerge": list(ball_at(puzzle, iv[1]))})  # fmt: skip
        hides.sort(key=lambda h: h["from"])
        fx, fy = ball_at(puzzle, T)
        ring = next(r["label"] for r in puzzle["rings"] if math.hypot(r["x"] - fx, r["y"] - fy) < 1)
        return {"ring": ring, "final": [fx, fy], "hidden": hides, "samples": samples}

    def check(self, puzzle, answer, params):
        T = puzzle["duration"]
        s = answer["samples"]
        dt = 1 / RATE
        steps = round(T * RATE)
        require(len(s) == steps + 1 and all(len(r) == 4 for r in s), "malformed samples")
        require(all(abs(r[0] - k * dt) < 1e-6 for k, r in enumerate(s)), "irregular samples")
        (x0, y0), (vx, vy) = puzzle["start"], puzzle["velocity"]
        require(abs(s[0][1] - x0) < 1e-6 and abs(s[0][2] - y0) < 1e-6, "wrong starting point")
        for p, q in itertools.pairwise(s):  # constant velocity, visible or not
            require(
                abs(q[1] - p[1] - vx * dt) < 1e-5 and abs(q[2] - p[2] - vy * dt) < 1e-5,
                f"the ball changes velocity at t={p[0]:g}",
            )
        for t, x, y, visible in s:
            hidden = any(covered(screen_at(sc, t), x, y, BALL_R) for sc in puzzle["screens"])
            require(visible == (not hidden), f"visibility is wrong at t={t:g}")
        # hidden stretches: fully covered inside, on the screen's edge at both ends
        for h in answer["hidden"]:
            sc = puzzle["screens"][h["screen"] - 1]
            t0, t1 = h["from"], h["to"]
            require(0 <= t0 < t1 <= T, "a hidden stretch outside the video")
            for f in (0.001, 0.5, 0.999):
                t = t0 + (t1 - t0) * f
                require(covered(screen_at(sc, t), *ball_at(puzzle, t), BALL_R - 1e-6),
                        f"the ball is not behind screen {h['screen']} at t={t:g}")  # fmt: skip
            for t in (t0, t1):
                edge = t in (0.0, T)
                x, y = ball_at(puzzle, t)
                r = screen_at(sc, t)
                gap = min(
                    x - BALL_R - r[0], r[2] - x - BALL_R, y - BALL_R - r[1], r[3] - y - BALL_R
                )
                require(
                    edge or abs(gap) < 1e-3,
                    f"screen {h['screen']} stretch does not end at its edge",
                )
            require(math.dist(h["emerge"], ball_at(puzzle, t1)) < 1e-3, "wrong emergence point")
        hidden_samples = [r for r in s if not r[3]]
        for t, _x, _y, _ in hidden_samples:
            require(
                any(h["from"] - 1e-6 <= t <= h["to"] + 1e-6 for h in answer["hidden"]),
                f"a hidden moment at t={t:g} is missing from the stretches",
            )
        require(hidden_samples, "the ball is never hidden")
        # the end: visible, inside exactly the answered ring
        fx, fy = ball_at(puzzle, T)
        require(math.dist(answer["final"], (fx, fy)) < 1e-4 and s[-1][3], "wrong or hidden end")
        inside = [r["label"] for r in puzzle["rings"]
                  if math.hypot(r["x"] - fx, r["y"] - fy) <= RING_R - BALL_R + 1]  # fmt: skip
        require(inside == [answer["ring"]], f"the ball ends in ring {inside}, not {answer['ring']}")

    def prompt(self, puzzle, params):
        n = len(puzzle["screens"])
        screens = "a gray screen slides" if n == 1 else f"{n} gray screens slide"
        return (
            "A red ball moves in a straight line at constant speed; the black arrow from it "
            f"shows how far it travels in one second. Meanwhile {screens} steadily across the "
            "scene, each as far in one second as the white arrow on it shows; the screens are "
            "opaque, so the ball disappears while it is behind one and "
            "reappears when it comes out. Four dashed rings labelled A, B, C and D mark possible "
            f"positions. Show the motion for exactly {puzzle['duration']:g} seconds: the ball "
            "keeps its speed and direction while hidden. The rings stay in place; the screens "
            "only slide. The video ends after "
            f"{puzzle['duration']:g} seconds with the ball inside one ring, which is then "
            "highlighted in yellow."
        )

    def rubric(self, puzzle, answer, params):
        emerge = ", then ".join(
            f"from {h['from']:.1f} s to {h['to']:.1f} s" for h in answer["hidden"]
        )
        return "\n".join([
            "1. The red ball moves in the direction of the arrow, covering one arrow length per second.",
            "2. It moves in a perfectly straight line at a constant speed, also while hidden.",
            f"3. It is completely hidden behind a screen {emerge}, and each time it comes out "
            "exactly where its straight path continues.",
            "4. The screens slide steadily and hide the ball completely while it is behind them.",
            f"5. After {puzzle['duration']:g} s the ball is inside ring {answer['ring']}, "
            "highlighted in yellow in the final frame.",
            "6. The rings stay in place and the ball never jumps.",
        ])  # fmt: skip

    def render(self, puzzle, answer, params, film):
        base = film.canvas()
        base.text(500, 90, f"Where is the ball after {puzzle['duration']:g} s?", size=44, bold=True)
        for r in puzzle["rings"]:
            _dashed_ring(base, r["x"], r["y"], RING_R, MUTED)
            base.text(r["x"], r["y"] - RING_R - 30, r["label"], size=40, bold=True, fill=INK)

        def frame_at(t: float, c=None):
            c = c or base.copy()
            x, y = ball_at(puzzle, t)
            c.circle(x, y, BALL_R, fill=BALL, outline=INK, width=3)
            for sc in puzzle["screens"]:
                x0, y0, x1, y1 = screen_at(sc, t)
                c.rect(x0, y0, x1, y1, fill=SCREEN, outline=darken(SCREEN, 0.4), width=4)
            return c

        first = frame_at(0.0)
        (x, y), (vx, vy) = puzzle["start"], puzzle["velocity"]
        sp = math.hypot(vx, vy)
        first.arrow((x + vx / sp * (BALL_R + 4), y + vy / sp * (BALL_R + 4)), (x + vx, y + vy),
                    fill=INK, width=7, head=26)  # fmt: skip
        lx, ly = x + vx / 2 - vy / sp * 40, y + vy / 2 + vx / sp * 40
        first.text(lx, ly, "1 s", size=40, fill=INK, bold=True)
        for sc in puzzle["screens"]:  # each screen's travel in one second
            (cx, cy), (svx, svy) = sc["centre"], sc["velocity"]
            first.arrow((cx - svx / 2, cy - svy / 2), (cx + svx / 2, cy + svy / 2),
                        fill=(255, 255, 255), width=6, head=18)  # fmt: skip
        film.opening(first)
        T = puzzle["duration"]
        n = film.seconds(T)
        for k in range(1, n + 1):
            film.add(frame_at(T * k / n))
        final = base.copy()
        ring = next(r for r in puzzle["rings"] if r["label"] == answer["ring"])
        final.circle(ring["x"], ring["y"], RING_R + 6, outline=NAMED["yellow"], width=10)
        film.closing(frame_at(T, final))


def _screens(rng, puzzle: dict, n: int) -> list[dict] | None:
    """n screens, each built to hide the ball over its own planned stretch of time: the
    stretches are disjoint and keep clear of the first and last 0.8 s."""
    T = puzzle["duration"]
    room = T - 1.6 - 0.3 * (n - 1)
    lengths = [float(rng.uniform(0.5, 0.9)) for _ in range(n)]
    if sum(lengths) > room:
        lengths = [d * room / sum(lengths) for d in lengths]
    spare = max(room - sum(lengths), 0.0)
    cuts = sorted(float(c) for c in rng.uniform(0, spare, size=n))
    screens, t = [], 0.8
    for k, d in enumerate(lengths):
        a = t + (cuts[k] - (cuts[k - 1] if k else 0.0))
        sc = _screen(rng, puzzle, a, a + d)
        if sc is None:
            return None
        screens.append(sc)
        t = a + d + 0.3
    return screens


def _screen(rng, puzzle: dict, a: float, b: float) -> dict | None:
    """A screen sliding steadily along one axis that covers the ball exactly from a to b.

    Relative to the screen the ball moves in a straight line; centred on the ball at the
    middle of the stretch, the screen must reach R + |relative speed| (b - a) / 2 along each
    axis. The axis with the faster relative motion sets the ends; the other gets slack."""
    sv = float(rng.uniform(40, 70)) * (1 if rng.random() < 0.5 else -1)
    vs = [sv, 0.0] if rng.random() < 0.5 else [0.0, sv]
    vx, vy = puzzle["velocity"]
    rel = (abs(vx - vs[0]), abs(vy - vs[1]))
    half = [BALL_R + r * (b - a) / 2 for r in rel]
    slack = 1 if rel[0] >= rel[1] else 0
    half[slack] += float(rng.uniform(20, 70))
    half = [max(h, 50.0) for h in half]
    if max(half) > 150:
        return None
    mid = (a + b) / 2
    bx, by = ball_at(puzzle, mid)
    return {"centre": [round(bx - vs[0] * mid, 2), round(by - vs[1] * mid, 2)],
            "size": [round(2 * half[0], 2), round(2 * half[1], 2)],
            "velocity": [round(vs[0], 2), round(vs[1], 2)]}  # fmt: skip


def _dashed_ring(c, x: float, y: float, r: float, colour) -> None:
    for k in range(16):
        a0, a1 = 2 * math.pi * k / 16, 2 * math.pi * (k + 0.55) / 16
        pts = [(x + r * math.cos(a0 + (a1 - a0) * j / 4), y + r * math.sin(a0 + (a1 - a0) * j / 4))
               for j in range(5)]  # fmt: skip
        c.line(pts, fill=colour, width=5)


def _rings(rng, puzzle: dict, on_path: int):
    """The true end point and three decoys: `on_path` of them on the ball's line a little
    earlier or later (right direction, wrong speed), the others beside the path; labelled
    A-D in random order."""
    T = puzzle["duration"]
    end = ball_at(puzzle, T)
    (vx, vy) = puzzle["velocity"]
    sp = math.hypot(vx, vy)
    nx, ny = -vy / sp, vx / sp
    along = [
        ball_at(puzzle, T + dt)
        for dt in (-2.5, -2, -1.75, -1.5, -1.25, -1, -0.75, 0.75, 1, 1.25, 1.5, 1.75, 2, 2.5)
    ]
    beside = []
    for dt in (-0.5, 0.0, 0.5):
        px, py = ball_at(puzzle, T + dt)
        for side in (-1, 1):
            for d in (110, 150, 190, 230):
                beside.append((px + side * nx * d, py + side * ny * d))
    if not _ring_fits(puzzle, end, []):
        return None
    picks = [end]
    for options, want in ((along, 1 + on_path), (beside, 4)):
        for i in rng.permutation(len(options)):
            p = options[int(i)]
            if len(picks) < want and _ring_fits(puzzle, p, picks):
                picks.append(p)
        if len(picks) < want:
            return None
    picks = [picks[int(i)] for i in rng.permutation(4)]  # the true end gets a random label
    return [
        {"label": LABELS[i], "x": round(p[0], 2), "y": round(p[1], 2)} for i, p in enumerate(picks)
    ]


def _ring_fits(puzzle: dict, p, picks) -> bool:
    """A ring at p, with its label above it, inside the scene, apart from the other rings
    and clear of every screen in the first and the final frame."""
    if not (BOX[0] + 50 <= p[0] <= BOX[2] - 50 and BOX[1] + 80 <= p[1] <= BOX[3] - 50):
        return False
    label = (p[0] - 20, p[1] - RING_R - 54, p[0] + 20, p[1] - RING_R - 6)
    for sc in puzzle["screens"]:
        for t in (0.0, puzzle["duration"]):
            r = screen_at(sc, t)
            if overlaps(r, p[0], p[1], RING_R + 15) or _boxes_meet(r, label, 10):
                return False
    return all(math.dist(p, q) > 2 * RING_R + 30 for q in picks)


def _boxes_meet(a, b, gap: float) -> bool:
    return a[0] - gap < b[2] and b[0] - gap < a[2] and a[1] - gap < b[3] and b[1] - gap < a[3]


def _well_posed(puzzle: dict) -> bool:
    T = puzzle["duration"]
    x0, y0, x1, y1 = BOX
    for sc in puzzle["screens"]:
        for t in (0.0, T):
            r = screen_at(sc, t)
            if r[0] < x0 or r[1] < y0 or r[2] > x1 or r[3] > y1:
                return False
        iv = hidden_interval(puzzle, sc)
        if iv is None:
            return False
        if any(abs(t * RATE - round(t * RATE)) < 0.02 for t in iv):
            return False  # a sample right on the edge of a screen would be a coin toss
    # the ball is clearly visible at the start and at the end
    steps = round(T * RATE)
    hidden = 0
    for k in range(steps + 1):
        t = k / RATE
        x, y = ball_at(puzzle, t)
        rects = [screen_at(sc, t) for sc in puzzle["screens"]]
        if (t < 0.35 or t > T - 0.35) and any(overlaps(r, x, y, BALL_R + 10) for r in rects):
            return False
        hidden += any(covered(r, x, y, BALL_R) for r in rects)
    if hidden < 0.25 * steps:
        return False
    rects = [screen_at(sc, T) for sc in puzzle["screens"]]
    if any(
        overlaps(r, ring["x"], ring["y"], RING_R + 15) for r in rects for ring in puzzle["rings"]
    ):
        return False  # every ring stays in view at the end
    x, y = puzzle["start"]
    return all(math.hypot(r["x"] - x, r["y"] - y) > RING_R + BALL_R + 30 for r in puzzle["rings"])
