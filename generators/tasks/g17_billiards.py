"""Billiards: a ball struck along a drawn arrow rolls without slowing, rebounds off the
cushions (angle out = angle in) and drops into a pocket after N cushions. Instances are made
by unfolding the table: the straight line to a mirror image of a pocket."""

from __future__ import annotations

import itertools
import math

from generators.kit import HIGHLIGHT, INK, NAMED, Param, Task, pick, register, require
from generators.kit.geometry import segment_distance
from generators.kit.palette import darken, lighten
from generators.kit.physics import snap, steady, ticks_until
from generators.kit.view import View

RATE = 20  # trajectory samples per simulated second
TABLE = (2.0, 1.0)  # cloth size in metres
BALL_R = 0.04  # m; the ball's centre moves in the cloth shrunk by this much
W, H = TABLE[0] - 2 * BALL_R, TABLE[1] - 2 * BALL_R
CAPTURE = 0.05  # m: the ball drops when its centre comes this close to a pocket's centre
CLEAR = 0.12  # m: cushion hits and near misses keep this far from every pocket
POCKETS = {
    "bottom-left": (0.0, 0.0), "bottom-middle": (W / 2, 0.0), "bottom-right": (W, 0.0),
    "top-left": (0.0, H), "top-middle": (W / 2, H), "top-right": (W, H),
}  # fmt: skip
ORDER = tuple(POCKETS)  # fixed order for choices (never iterate a set)
SCALE, LEFT, BOTTOM = 420.0, 80.0, 720.0  # canvas units per metre; cloth's lower-left corner
VIEW = View(LEFT, BOTTOM, SCALE, x0=-BALL_R, y0=-BALL_R)  # ball centres, from the cloth's corner
CLOTH, RAIL, BALL = NAMED["green"], NAMED["brown"], NAMED["red"]
SPEEDS = (0.5, 1.0)  # m/s: at most 26 units a frame at 16 fps (3% of the width is a jump)
LONGEST_ROLL = 12.0  # s
DOT_GAP = 0.03  # m of path between two dots of the trail
INSTANCES = 7_000_000  # measured (about 7.7 M): scripts/measure_instances.py


def trace(start, direction, limit: int = 12) -> dict:
    """Reflect off the cushions until the centre comes within CAPTURE of a pocket."""
    x, y = start
    dx, dy = direction
    verts, walls = [[x, y]], []
    for _ in range(limit):
        tx = (W - x) / dx if dx > 0 else -x / dx if dx < 0 else math.inf
        ty = (H - y) / dy if dy > 0 else -y / dy if dy < 0 else math.inf
        t = min(tx, ty)
        hit = _first_pocket((x, y), (dx, dy), t)
        if hit:
            name, tp = hit
            verts.append([x + dx * tp, y + dy * tp])
            return {"vertices": verts, "cushions": walls, "pocket": name}
        x, y = x + dx * t, y + dy * t
        if tx <= ty:
            walls.append("right" if dx > 0 else "left")
            dx = -dx
        else:
            walls.append("top" if dy > 0 else "bottom")
            dy = -dy
        verts.append([x, y])
    return {"vertices": verts, "cushions": walls, "pocket": None}


def _first_pocket(p, d, t_max):
    """The first pocket whose capture circle the segment p + d t (0 <= t <= t_max) reaches;
    the ball's end point is the segment's closest approach to that pocket's centre."""
    best = None
    for name in ORDER:
        cx, cy = POCKETS[name]
        tc = (cx - p[0]) * d[0] + (cy - p[1]) * d[1]
        tc = min(max(tc, 0.0), t_max)
        if math.hypot(p[0] + d[0] * tc - cx, p[1] + d[1] * tc - cy) <= CAPTURE and (
            best is None or tc < best[1]
        ):
            best = (name, tc)
    return best


def along(verts, dist: float) -> tuple[float, float]:
    """The point `dist` metres along the polyline."""
    for a, b in itertools.pairwise(verts):
        seg = math.dist(a, b)
        if dist <= seg:
            u = dist / seg if seg else 0.0
            return (a[0] + (b[0] - a[0]) * u, a[1] + (b[1] - a[1]) * u)
        dist -= seg
    return (verts[-1][0], verts[-1][1])


@register(
    "G-17_billiards",
    title="Billiards rebounds",
    description="A ball struck along the arrow rebounds off the cushions and drops into a pocket; name the pocket and the cushions hit.",
    category="physics-motion",
    params=[
        Param("min_cushions", "int", 1, 1, 5, help="fewest cushions before the pocket"),
        Param("max_cushions", "int", 3, 1, 5, help="most cushions before the pocket"),
    ],
    shard_size=60,
    memory="low",
    instances=INSTANCES,
    faculty="spatiality",
    levels={1: {"min_cushions": 1, "max_cushions": 1}, 2: {"min_cushions": 1, "max_cushions": 2},
            3: {}, 4: {"min_cushions": 3, "max_cushions": 4},
            5: {"min_cushions": 4, "max_cushions": 5}},
)  # fmt: skip
class Billiards(Task):
    def generate(self, rng, params):
        lo, hi = sorted((params["min_cushions"], params["max_cushions"]))
        while True:
            n = int(rng.integers(lo, hi + 1))
            start = [
                snap(rng.uniform(0.15, W - 0.15), 0.01),
                snap(rng.uniform(0.15, H - 0.15), 0.01),
            ]
            target = pick(rng, ORDER)
            mx = int(rng.integers(-n, n + 1))
            my = (n - abs(mx)) * (1 if rng.random() < 0.5 else -1)
            px, py = POCKETS[target]
            ix = mx * W + (
                px if mx % 2 == 0 else W - px
            )  # the pocket's image in the unfolded plane
            iy = my * H + (py if my % 2 == 0 else H - py)
            dx, dy = ix - start[0], iy - start[1]
            norm = math.hypot(dx, dy)
            direction = [round(dx / norm, 6), round(dy / norm, 6)]
            if min(abs(direction[0]), abs(direction[1])) < 0.2:
                continue  # nearly along a cushion: hard to read
            path = trace(start, direction)
            if path["pocket"] != target or len(path["cushions"]) != n:
                continue
            if not _clear(path):
                continue
            length = sum(math.dist(a, b) for a, b in itertools.pairwise(path["vertices"]))
            speed = snap(rng.uniform(*SPEEDS), 0.01)  # slow enough to glide in real time
            if not 1.0 <= length / speed <= LONGEST_ROLL:
                continue
            return {"table": [W, H], "ball_radius": BALL_R, "capture_radius": CAPTURE,
                    "start": start, "direction": direction, "speed": speed}  # fmt: skip

    def solve(self, puzzle, params):
        path = trace(puzzle["start"], puzzle["direction"])
        verts = path["vertices"]
        length = sum(math.dist(a, b) for a, b in itertools.pairwise(verts))
        duration = length / puzzle["speed"]
        samples = [[t, *along(verts, puzzle["speed"] * t)] for t in ticks_until(duration, RATE)]
        return {"pocket": path["pocket"], "cushions": path["cushions"], "count": len(path["cushions"]),
                "vertices": verts, "duration": duration, "samples": samples}  # fmt: skip

    def check(self, puzzle, answer, params):
        w, h = puzzle["table"]
        pockets = {"bottom-left": (0, 0), "bottom-middle": (w / 2, 0), "bottom-right": (w, 0),
                   "top-left": (0, h), "top-middle": (w / 2, h), "top-right": (w, h)}  # fmt: skip
        cap = puzzle["capture_radius"]
        verts = answer["vertices"]
        require(
            len(verts) == answer["count"] + 2 == len(answer["cushions"]) + 2,
            "wrong number of cushions",
        )
        require(
            math.dist(verts[0], puzzle["start"]) < 1e-6, "the ball does not start where it lies"
        )
        dirs = []
        for a, b in itertools.pairwise(verts):
            seg = math.dist(a, b)
            require(seg > 1e-6, "a zero-length segment")
            dirs.append(((b[0] - a[0]) / seg, (b[1] - a[1]) / seg))
        require(
            math.dist(dirs[0], puzzle["direction"]) < 1e-4,
            "the ball does not leave along the arrow",
        )
        for (x, y), wall, din, dout in zip(verts[1:-1], answer["cushions"], dirs, dirs[1:]):
            on = {"left": abs(x), "right": abs(x - w), "bottom": abs(y), "top": abs(y - h)}
            require(wall in on and on[wall] < 1e-5, f"a rebound is not on the {wall} cushion")
            require(0 <= x <= w + 1e-5 and 0 <= y <= h + 1e-5, "the ball leaves the table")
            want = (-din[0], din[1]) if wall in ("left", "right") else (din[0], -din[1])
            require(
                math.dist(want, dout) < 1e-4, "angle of reflection differs from angle of incidence"
            )
            require(
                all(math.dist((x, y), c) > cap for c in pockets.values()),
                "a rebound is inside a pocket",
            )
        # nothing drops in early: every segment stays clear of every pocket but the last one's
        for i, (a, b) in enumerate(itertools.pairwise(verts)):
            for name, c in pockets.items():
                last = i == len(verts) - 2 and name == answer["pocket"]
                if not last:
                    require(
                        segment_distance(c, a, b) > cap,
                        f"the ball would drop into the {name} pocket first",
                    )
        require(answer["pocket"] in pockets, "unknown pocket")
        require(
            math.dist(verts[-1], pockets[answer["pocket"]]) <= cap,
            "the ball does not reach the pocket",
        )
        # the recorded motion: constant speed along the path
        length = sum(math.dist(a, b) for a, b in itertools.pairwise(verts))
        require(abs(answer["duration"] - length / puzzle["speed"]) < 1e-5, "travel time is wrong")
        s = answer["samples"]
        require(
            len(s) >= 2 and abs(s[-1][0] - answer["duration"]) < 1e-6,
            "samples do not cover the travel",
        )
        require(steady((r[0] for r in s[:-1]), RATE), "samples not at a fixed rate")
        require(0 < s[-1][0] - s[-2][0] <= 1 / RATE + 1e-6, "the last sample is not the drop")
        for t, x, y in s:
            require(
                math.dist((x, y), along(verts, puzzle["speed"] * t)) < 1e-4,
                f"the ball is off its path at t={t:.2f}",
            )
        for a, b in itertools.pairwise(s):
            require(
                math.dist(a[1:], b[1:]) <= puzzle["speed"] * (b[0] - a[0]) + 1e-5, "the ball jumps"
            )

    def prompt(self, puzzle, params):
        return (
            f"Top view of a green billiard table, {TABLE[0]:.2f} m by {TABLE[1]:.2f} m of cloth "
            "between brown cushions (the diamonds on the rails are a quarter metre apart), with "
            "six black pockets (four corners and the middle of the top and bottom cushions). A red "
            f"ball {BALL_R * 200:g} cm across is struck in the direction of the black arrow at "
            f"{puzzle['speed']:g} m/s. It rolls in real time in straight lines "
            "without slowing down and rebounds off each cushion with the angle of reflection equal "
            "to the angle of incidence (no spin). Show the ball's motion, leaving a light dotted trail, "
            "until it drops into a pocket, then highlight that pocket in yellow. Which pocket does "
            "it reach, and off which cushions does it rebound on the way? The table does not "
            "change. The video ends when the ball has dropped into the pocket."
        )

    def rubric(self, puzzle, answer, params):
        n = answer["count"]
        walls = ", then ".join(answer["cushions"])
        return "\n".join([
            "1. The red ball leaves its starting spot in the direction of the black arrow.",
            "2. It moves in straight lines at one constant speed.",
            f"3. It rebounds off exactly {n} cushion{'s' if n > 1 else ''}: {walls}.",
            "4. At every rebound the angle out equals the angle in; the ball never passes through a cushion.",
            f"5. It drops into the {answer['pocket']} pocket after about {answer['duration']:.1f} s "
            f"of rolling ({answer['duration'] * puzzle['speed']:.2f} m), "
            "without touching any other pocket first.",
            f"6. The final frame shows the trail and the {answer['pocket']} pocket highlighted in yellow.",
            "7. The table, cushions and pockets do not change.",
        ])  # fmt: skip

    def render(self, puzzle, answer, params, film):
        base = film.canvas()
        _draw_table(base)
        verts = answer["vertices"]
        speed = puzzle["speed"]
        first = base.copy()
        start = VIEW.pt(*puzzle["start"])
        d = puzzle["direction"]
        end = (start[0] + 170 * d[0], start[1] - 170 * d[1])
        first.arrow(start, end, fill=INK, width=8, head=28)
        _ball(first, puzzle["start"], 1.0)
        first.text(
            60,
            80,
            f"cloth {TABLE[0]:g} m x {TABLE[1]:g} m, ball struck at {speed:g} m/s",
            size=44,
            anchor="lm",
            bold=True,
        )
        film.opening(first)
        trail = base.copy()
        trail.text(
            60,
            80,
            f"cloth {TABLE[0]:g} m x {TABLE[1]:g} m, ball struck at {speed:g} m/s",
            size=44,
            anchor="lm",
            bold=True,
        )
        dists = film.times(answer["duration"], span=speed * answer["duration"])  # rolled so far
        # The path so far as dots every DOT_GAP metres: a dotted trail never closes the cloth
        # into separate regions, so nothing but the ball seems to move.
        dots = 0
        for dist in dists:
            while dots * DOT_GAP <= dist:
                trail.dot(VIEW.pt(*along(verts, dots * DOT_GAP)), 4, fill=lighten(BALL, 0.5))
                dots += 1
            here = along(verts, dist) if dist < dists[-1] else tuple(verts[-1])
            frame = trail.copy()
            _ball(frame, here, 1.0)
            film.add(frame)
        pocket = POCKETS[answer["pocket"]]
        drop = film.seconds(0.3)
        for k in range(1, drop + 1):  # the ball sinks into the pocket
            frame = trail.copy()
            _ball(frame, pocket, 1.0 - k / (drop + 1))
            film.add(frame)
        final = trail.copy()
        px, py = VIEW.pt(*pocket)
        final.circle(px, py, 40, outline=HIGHLIGHT, width=9)
        n = answer["count"]
        label = f"{answer['pocket']} pocket after {n} cushion{'s' if n > 1 else ''}"
        final.text(500, BOTTOM + 110, label, size=48, bold=True)
        film.closing(final)


def _clear(path: dict) -> bool:
    """Every rebound and every near miss keeps well away from the pockets."""
    verts = path["vertices"]
    for v in verts[1:-1]:
        if any(math.dist(v, POCKETS[p]) < CLEAR for p in ORDER):
            return False
    for i, (a, b) in enumerate(itertools.pairwise(verts)):
        for name in ORDER:
            if i == len(verts) - 2 and name == path["pocket"]:
                continue
            if segment_distance(POCKETS[name], a, b) < CLEAR:
                return False
    return True


def _draw_table(c) -> None:
    x0, y1 = LEFT, BOTTOM
    x1, y0 = LEFT + TABLE[0] * SCALE, BOTTOM - TABLE[1] * SCALE
    c.rect(x0 - 36, y0 - 36, x1 + 36, y1 + 36, fill=RAIL, radius=18)
    c.rect(x0, y0, x1, y1, fill=CLOTH)
    for i in range(1, 8):  # diamonds on the long rails, every eighth of the length
        if i == 4:
            continue
        x = x0 + (x1 - x0) * i / 8
        for y in (y0 - 18, y1 + 18):
            c.polygon([(x, y - 7), (x + 7, y), (x, y + 7), (x - 7, y)], fill=lighten(RAIL, 0.7))
    for i in range(1, 4):
        y = y0 + (y1 - y0) * i / 4
        for x in (x0 - 18, x1 + 18):
            c.polygon([(x, y - 7), (x + 7, y), (x, y + 7), (x - 7, y)], fill=lighten(RAIL, 0.7))
    for name in ORDER:
        px, py = VIEW.pt(*POCKETS[name])
        c.circle(px, py, 30, fill=INK, outline=darken(RAIL, 0.3), width=3)


def _ball(c, p, size: float) -> None:
    x, y = VIEW.pt(*p)
    r = BALL_R * SCALE * size
    if r >= 1:
        c.circle(x, y, r, fill=BALL, outline=INK, width=2)
