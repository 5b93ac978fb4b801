"""Domino chain: a push topples a row of dominoes one after another until a gap wider than a
domino's height stops the chain (or the last domino falls). Rigid-body simulation with pymunk;
the checker re-derives gravity from the first domino's free tipping."""

from __future__ import annotations

import itertools
import math

import pymunk

from generators.kit import INK, MUTED, NAMED, Param, Task, register, require

RATE = 50  # trajectory samples per simulated second (fine enough to bound every jump)
STEP = 1 / 600  # simulation step (s); RATE divides 1 / STEP
ITERATIONS = 30  # pymunk solver iterations
H, W = 120.0, 20.0  # domino height and thickness (canvas units; a domino is 1 m tall)
G = 9.81 * H  # gravity in canvas units per s^2
FLOOR_Y = 660
X_START = 140  # left face of the first domino
X_LIMIT = 930  # the last domino, even lying flat, stays left of this
FRICTION = 0.7
MASS = 1.0
MAX_TIME = 5.0  # s of simulation at most
REST = 0.3  # s the scene is held still after the last movement
DOMINO = NAMED["blue"]
PUSHED = NAMED["red"]
MOVE_TOL = 0.5  # units / degrees: a domino "moves" once its pose changes by more than this
CONTACT_TOL = 2.0  # units of separation that still count as touching
NARROW = (round(0.3 * H), round(0.65 * H) + 1)  # a falling domino reaches across these gaps
WIDE = (round(1.3 * H), round(1.6 * H) + 1)  # and lies flat in these, clear of the next one
INSTANCES = 600_000  # measured lower bound (2,000 draws, no repeat); gaps x push


def lefts(puzzle: dict) -> list[float]:
    """x of each domino's left (back) face; `gaps` are the clear distances between faces."""
    xs = [float(X_START)]
    for gap in puzzle["gaps"]:
        xs.append(xs[-1] + W + gap)
    return xs


def corners(x: float, y: float, angle_deg: float) -> list[tuple[float, float]]:
    """Corners of a domino with centre (x, y) turned by angle (degrees, clockwise on screen):
    top-back, top-front, bottom-front, bottom-back."""
    a = math.radians(angle_deg)
    c, s = math.cos(a), math.sin(a)
    return [
        (x + dx * c - dy * s, y + dx * s + dy * c)
        for dx, dy in ((-W / 2, -H / 2), (W / 2, -H / 2), (W / 2, H / 2), (-W / 2, H / 2))
    ]


def penetration(p: list, q: list) -> float:
    """Overlap depth of two convex polygons (separating-axis test); negative = gap between."""
    best = math.inf
    for poly in (p, q):
        for a, b in zip(poly, [*poly[1:], poly[0]]):
            nx, ny = b[1] - a[1], a[0] - b[0]
            length = math.hypot(nx, ny)
            nx, ny = nx / length, ny / length
            pa = [v[0] * nx + v[1] * ny for v in p]
            pb = [v[0] * nx + v[1] * ny for v in q]
            best = min(best, min(max(pa), max(pb)) - max(min(pa), min(pb)))
    return best


class World:
    """The pymunk scene of one puzzle, stepped at a fixed STEP with fixed solver iterations:
    the same calls in the same order give the same numbers."""

    def __init__(self, puzzle: dict):
        self.space = space = pymunk.Space()
        space.gravity = (0.0, G)  # canvas y points down
        space.iterations = ITERATIONS
        floor = pymunk.Segment(space.static_body, (-2000, FLOOR_Y + 20), (4000, FLOOR_Y + 20), 20)
        floor.friction = FRICTION
        space.add(floor)
        self.bodies = []
        for x in lefts(puzzle):
            body = pymunk.Body(MASS, pymunk.moment_for_box(MASS, (W, H)))
            body.position = (x + W / 2, FLOOR_Y - H / 2)
            shape = pymunk.Poly.create_box(body, (W, H))
            shape.friction = FRICTION
            shape.elasticity = 0.0
            space.add(body, shape)
            self.bodies.append(body)
        # the push: the first domino starts turning about its bottom front edge
        first, w = self.bodies[0], math.radians(puzzle["push"])
        px, py = lefts(puzzle)[0] + W, FLOOR_Y
        rx, ry = first.position[0] - px, first.position[1] - py
        first.angular_velocity = w
        first.velocity = (-w * ry, w * rx)
        self.steps = 0

    def pose(self) -> list[list[float]]:
        return [[b.position[0], b.position[1], math.degrees(b.angle)] for b in self.bodies]

    def step(self) -> None:
        self.space.step(STEP)
        self.steps += 1


def simulate(puzzle: dict, times: list[float]) -> list[list[list[float]]]:
    """Poses [x, y, angle_deg] of every domino at each of the ascending `times` (s), linearly
    interpolated between simulation steps."""
    world = World(puzzle)
    out = []
    prev = world.pose()
    world.step()
    cur = world.pose()
    for t in times:
        while world.steps * STEP < t - 1e-12:
            prev = cur
            world.step()
            cur = world.pose()
        f = min(max((t - (world.steps - 1) * STEP) / STEP, 0.0), 1.0)
        out.append([[a + (b - a) * f for a, b in zip(pa, pb)] for pa, pb in zip(prev, cur)])
    return out


def settle_time(puzzle: dict) -> float:
    """Time (on the sample grid) at which the dominoes have been still for REST seconds."""
    world = World(puzzle)
    per_sample = round(1 / (RATE * STEP))
    prev, last_move, k = world.pose(), 0.0, 0
    while k / RATE < MAX_TIME:
        for _ in range(per_sample):
            world.step()
        k += 1
        cur = world.pose()
        if any(_moved(p, q, 0.05) for p, q in zip(prev, cur)):
            last_move = k / RATE
        elif k / RATE - last_move >= REST:
            break
        prev = cur
    return round(min(last_move + REST, MAX_TIME) * RATE) / RATE


def _moved(p, q, tol: float) -> bool:
    return abs(p[0] - q[0]) > tol or abs(p[1] - q[1]) > tol or abs(p[2] - q[2]) > tol


@register(
    "G-24_domino_chain",
    title="Domino chain",
    description="A pushed row of dominoes topples one by one until a gap wider than a domino's height; which dominoes fall.",
    category="physics-motion",
    params=[Param("dominoes", "int", 8, 5, 10, help="dominoes in the row")],
    shard_size=65,
    memory="low",
    instances=INSTANCES,
    faculty="knowledge",
    levels={1: {"dominoes": 5}, 2: {"dominoes": 6}, 3: {"dominoes": 8}, 4: {"dominoes": 9},
            5: {"dominoes": 10}},
)  # fmt: skip
class DominoChain(Task):
    def generate(self, rng, params):
        n = params["dominoes"]
        while True:
            # no wide gap (every domino falls), one, or two (the chain stops at the first)
            count = int(rng.choice(3, p=(0.2, 0.55, 0.25)))
            wide_at = sorted(1 + int(i) for i in rng.choice(n - 2, size=count, replace=False))
            gaps = [int(rng.integers(*NARROW)) for _ in range(n - 1)]
            wides = [int(rng.integers(*WIDE)) for _ in wide_at]
            # squeeze the ordinary gaps to fit the row (and a last domino lying flat) in
            room = X_LIMIT - X_START - n * W - sum(wides) - (0 if wide_at else H)
            normal = sum(g for i, g in enumerate(gaps) if i not in wide_at)
            if normal > room:
                gaps = [max(round(g * room / normal), NARROW[0]) for g in gaps]
            for i, w in zip(wide_at, wides):
                gaps[i] = w
            puzzle = {"gaps": gaps, "height": H, "push": int(rng.integers(90, 151))}
            stop = wide_at[0] + 1 if wide_at else n  # the last domino to fall
            if lefts(puzzle)[-1] + W > X_LIMIT or lefts(puzzle)[stop - 1] + W + H > X_LIMIT:
                continue
            puzzle["duration"] = settle_time(puzzle)
            if puzzle["duration"] > MAX_TIME - 0.5:
                continue
            answer = self.solve(puzzle, params)
            flat = abs(answer["final_angles"][-1] - 90) <= 2
            if answer["fallen"] != list(range(1, stop + 1)) or not flat:
                continue  # the simulation must agree with the rule, clearly
            return puzzle

    def solve(self, puzzle, params):
        duration = puzzle["duration"]
        times = [k / RATE for k in range(round(duration * RATE) + 1)]
        poses = simulate(puzzle, times)
        start = poses[0]
        moved = [
            next((times[k] for k, p in enumerate(poses) if _moved(p[i], start[i], MOVE_TOL)), None)
            for i in range(len(start))
        ]
        fallen = [i + 1 for i, t in enumerate(moved) if t is not None]
        return {
            "fallen": fallen,
            "standing": [i + 1 for i, t in enumerate(moved) if t is None],
            "start_times": [t for t in moved if t is not None],
            "final_angles": [poses[-1][i - 1][2] for i in fallen],
            "duration": duration,
            "samples": [[t, *(v for p in ps for v in p)] for t, ps in zip(times, poses)],
        }

    def check(self, puzzle, answer, params):
        gaps = puzzle["gaps"]
        n = len(gaps) + 1
        require(abs(puzzle["height"] - H) < 1e-9 and n >= 2, "malformed row")
        # the topple rule: a falling domino reaches the next one only across a gap below H
        reach = 1
        while reach < n and gaps[reach - 1] < H:
            reach += 1
        expected = list(range(1, reach + 1))
        require(answer["fallen"] == expected, f"dominoes 1..{reach} fall, not {answer['fallen']}")
        require(answer["standing"] == list(range(reach + 1, n + 1)), "wrong standing dominoes")
        s = answer["samples"]
        dt = 1 / RATE
        require(len(s) >= 3 and all(len(r) == 1 + 3 * n for r in s), "malformed samples")
        require(all(abs(r[0] - k * dt) < 1e-6 for k, r in enumerate(s)), "irregular samples")
        require(abs(s[-1][0] - answer["duration"]) < 1e-6, "samples do not cover the motion")
        poses = [[r[1 + 3 * i : 4 + 3 * i] for i in range(n)] for r in s]
        xs = lefts(puzzle)
        for i, x in enumerate(xs):
            want = [x + W / 2, FLOOR_Y - H / 2, 0.0]
            require(
                all(abs(a - b) < 1e-3 for a, b in zip(poses[0][i], want)),
                f"domino {i + 1} does not start upright in its place",
            )
        # rigid dominoes on a rigid floor: none sinks into the floor or into another, and
        # each one is held up by the floor or by leaning on / lying on another domino
        for r, ps in zip(s, poses):
            cs = [corners(*p) for p in ps]
            depth = {}
            for i, j in itertools.combinations(range(n), 2):
                depth[i, j] = depth[j, i] = penetration(cs[i], cs[j])
                require(
                    depth[i, j] < 1.5,
                    f"dominoes {i + 1} and {j + 1} pass through each other at t={r[0]:g}",
                )
            for i, c in enumerate(cs):
                low = max(y for _, y in c)
                require(low < FLOOR_Y + 1.5, f"domino {i + 1} sinks into the table at t={r[0]:g}")
                supported = low > FLOOR_Y - 1.5 or any(
                    depth[i, j] > -CONTACT_TOL for j in range(n) if j != i
                )
                require(supported, f"domino {i + 1} floats in the air at t={r[0]:g}")
        # each domino rests until the one before it strikes it, so they start in order
        starts = []
        for i in range(n):
            k = next(
                (k for k, ps in enumerate(poses) if _moved(ps[i], poses[0][i], MOVE_TOL)), None
            )
            starts.append(k)
        require(starts[0] == 1, "the first domino is not pushed at the start")
        _require_free_tipping(puzzle, poses)
        for i in range(1, n):
            if i < reach:
                k = starts[i]
                require(k is not None, f"domino {i + 1} never falls")
                require(
                    starts[i - 1] is not None and k > starts[i - 1], "dominoes fall out of order"
                )
                hit = max(penetration(corners(*poses[j][i - 1]), corners(*poses[j][i]))
                          for j in (k - 1, k))  # fmt: skip
                require(hit > -CONTACT_TOL, f"domino {i + 1} moves before domino {i} touches it")
            else:
                require(starts[i] is None, f"domino {i + 1} moves although the chain stopped")
        require(
            all(abs(a - b * dt) < 1e-6 for a, b in zip(answer["start_times"], starts[:reach])),
            "start times do not match the samples",
        )
        final = [poses[-1][i][2] for i in range(reach)]
        require(all(abs(a - b) < 1e-6 for a, b in zip(answer["final_angles"], final)), "bad angles")
        require(all(a > 30 for a in final), "a toppled domino ends nearly upright")
        require(abs(final[-1] - 90) < 3, "the last domino to fall does not lie flat")
        require(
            all(_still(poses[-2][i], poses[-1][i]) for i in range(n)), "still moving at the end"
        )
        # energy: no domino moves faster than the potential energy released so far allows
        e0 = _pivot_inertia() * math.radians(puzzle["push"]) ** 2 / 2  # the push's energy

        def drop(ps):
            return sum(p[1] - (FLOOR_Y - H / 2) for p in ps)  # total fall of the centres

        for j in range(len(poses) - 1):
            energy = e0 + MASS * G * max(drop(poses[j]), drop(poses[j + 1])) + 1e-6
            v_max = math.sqrt(2 * energy / MASS) * 1.3 + 1.0  # speed bound with margin
            w_max = math.sqrt(2 * energy / _centre_inertia()) * 1.3 + 0.1
            reach_r = math.hypot(W, H) / 2
            for p, q in zip(poses[j], poses[j + 1]):
                step = math.hypot(q[0] - p[0], q[1] - p[1])
                turn = math.radians(abs(q[2] - p[2]))
                require(
                    step <= v_max * dt and turn <= w_max * dt and step + reach_r * turn
                    <= (v_max + w_max * reach_r) * dt,
                    f"a domino jumps faster than the released energy allows at t={s[j][0]:g}",
                )  # fmt: skip

    def prompt(self, puzzle, params):
        n = len(puzzle["gaps"]) + 1
        return (
            f"Side view of a row of {n} identical dominoes standing upright on a table, numbered "
            f"1 to {n} from left to right below the table edge. The gaps between them differ. "
            "Domino 1, the red one at the left, gets a push to the right (black arrow). Show the "
            "dominoes falling realistically under gravity: each falling domino tips the next one "
            "only if it can reach it, that is if the gap is smaller than a domino's height; a "
            "domino that cannot reach the next one (or has none after it) falls flat onto the "
            "table, and the chain stops there. Standing dominoes beyond that gap are not touched. The dominoes' starting "
            "positions, the table and the numbers stay unchanged. The video ends when everything "
            "is still; the final frame names the dominoes that fell."
        )

    def rubric(self, puzzle, answer, params):
        fallen, standing = answer["fallen"], answer["standing"]
        k = fallen[-1]
        if not standing:
            end = f"3. All {k} dominoes fall; domino {k}, with nothing after it, lies flat on the table."
            still = "4. No domino stays standing."
        else:
            end = (
                f"3. Dominoes 1 to {k} fall; domino {k} lies flat in the wide gap after it "
                f"and does not reach domino {k + 1}."
            )
            still = (
                f"4. Dominoes {standing[0]} to {standing[-1]} stay upright and do not move at all."
                if len(standing) > 1
                else f"4. Domino {standing[0]} stays upright and does not move at all."
            )
        return "\n".join([
            "1. Domino 1 is pushed to the right and starts to tip over first.",
            "2. The dominoes fall strictly one after another, each only once the previous one "
            "strikes it; all fall to the right, tipping under gravity (g = 9.81 m/s^2).",
            end,
            still,
            "5. Fallen dominoes come to rest leaning on the next one (or flat on the table), "
            "without passing through each other or the table.",
            f"6. The final frame names the fallen dominoes: 1 to {k}.",
        ])  # fmt: skip

    def render(self, puzzle, answer, params, film):
        n = len(puzzle["gaps"]) + 1
        base = film.canvas()
        base.rect(40, FLOOR_Y, 960, FLOOR_Y + 18, fill=NAMED["brown"])
        for i, x in enumerate(lefts(puzzle)):
            base.text(x + W / 2, FLOOR_Y + 62, str(i + 1), size=40, fill=INK)

        def scene(poses):
            c = base.copy()
            for i, p in enumerate(poses):
                colour = PUSHED if i == 0 else DOMINO
                c.polygon(corners(*p), fill=colour, outline=INK, width=3)
            return c

        first = simulate(puzzle, [0.0])[0]
        frame = scene(first)
        x0 = lefts(puzzle)[0]
        frame.arrow((x0 - 76, FLOOR_Y - H + 14), (x0 - 6, FLOOR_Y - H + 14), fill=INK, width=8,
                    head=26)  # fmt: skip
        frame.text(x0 - 44, FLOOR_Y - H - 34, "push", size=40, fill=MUTED)
        film.opening(frame)
        duration = answer["duration"]
        steps = film.seconds(duration)
        times = [duration * k / steps for k in range(1, steps + 1)]
        for poses in simulate(puzzle, times):
            film.add(scene(poses))
        final = scene([answer["samples"][-1][1 + 3 * i : 4 + 3 * i] for i in range(n)])
        k = answer["fallen"][-1]
        caption = f"Dominoes 1 to {k} fall" if answer["standing"] else f"All {k} dominoes fall"
        w = final.text_width(caption, 48)
        final.rect(500 - w / 2 - 20, 228, 500 + w / 2 + 20, 292, fill=NAMED["yellow"], radius=10)
        final.text(500, 260, caption, size=48, bold=True)
        film.closing(final)


def _require_free_tipping(puzzle: dict, poses) -> None:
    """Until it strikes domino 2 (or the table), domino 1 tips freely about its bottom front edge: its spin
    starts at the push and its angular acceleration is m g x / I (x: the centre's lever arm,
    I: inertia about the edge). Gravity fitted to the sampled angles must be g."""
    free = []
    for ps in poses:
        if penetration(corners(*ps[0]), corners(*ps[1])) > -CONTACT_TOL or ps[0][2] > 85:
            break
        free.append(math.radians(ps[0][2]))
    require(len(free) >= 4, "domino 1 strikes domino 2 at once")
    dt, inertia = 1 / RATE, _pivot_inertia()

    def lever(a):  # angular acceleration per unit of gravity at angle a
        return MASS * (H * math.sin(a) - W * math.cos(a)) / 2 / inertia

    num = den = 0.0
    for a, b, c in zip(free, free[1:], free[2:]):
        num += (a - 2 * b + c) / dt**2 * lever(b)
        den += lever(b) ** 2
    require(abs(num / den / G - 1) < 0.03, "domino 1 does not tip under the table's gravity")
    spin = (free[1] - free[0]) / dt - lever(free[0]) * G * dt / 2
    require(
        abs(spin / math.radians(puzzle["push"]) - 1) < 0.02,
        "domino 1 does not start with the push's spin",
    )


def _still(p, q) -> bool:
    return not _moved(p, q, 0.05)


def _centre_inertia() -> float:
    return MASS * (W * W + H * H) / 12


def _pivot_inertia() -> float:
    return _centre_inertia() + MASS * (W * W + H * H) / 4
