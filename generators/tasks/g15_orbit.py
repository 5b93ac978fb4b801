"""Orbit: a planet launched with a drawn velocity around a star follows a Kepler ellipse,
solved exactly with Kepler's equation. Units: AU, years, solar masses (GM = 4 pi^2 M)."""

from __future__ import annotations

import itertools
import math

from generators.kit import INK, MUTED, NAMED, Param, Task, register, require
from generators.kit.palette import lighten
from generators.kit.physics import MOST_PER_FRAME, PLAYBACK_FPS, eccentric_anomaly, slowdown, snap
from generators.kit.view import View, clock

SAMPLES = 240  # trajectory samples per orbit (a fixed number of simulated instants)
# The grid reaches HALF AU above and below the star (1.25 HALF either side): the first of
# these at least 1.6 times the planet's starting distance, whatever its orbit will be.
HALVES = (1.0, 1.25, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0)
CLEARANCE = 0.25  # of HALF: the closest approach keeps the planet clear of the star's disc
LONGEST_VIDEO = 16.0  # s: one orbit may not make the video longer than this
TRAIL_DT = 0.01  # yr between two dots of the traced path
INSTANCES = 66_000_000  # at least: a lower bound measured by scripts/measure_instances.py
STAR = NAMED["orange"]
PLANET = NAMED["blue"]
TRAIL = lighten(NAMED["blue"], 0.45)
AREA = (80.0, 170.0, 920.0, 840.0)  # where the orbit is drawn: left, top, right, bottom


def gm(mass: float) -> float:
    return 4 * math.pi**2 * mass


def elements(puzzle: dict) -> dict:
    """Orbital elements from the initial state (the star sits at the origin)."""
    mu = gm(puzzle["star_mass"])
    (x, y), (vx, vy) = puzzle["position"], puzzle["velocity"]
    r = math.hypot(x, y)
    v2 = vx * vx + vy * vy
    h = x * vy - y * vx
    energy = v2 / 2 - mu / r
    a = -mu / (2 * energy)
    rv = x * vx + y * vy
    ex = ((v2 - mu / r) * x - rv * vx) / mu
    ey = ((v2 - mu / r) * y - rv * vy) / mu
    e = math.hypot(ex, ey)
    p = (ex / e, ey / e)  # towards periapsis
    s = 1.0 if h > 0 else -1.0  # counter-clockwise (in world axes, y up) or clockwise
    qv = (-s * p[1], s * p[0])  # 90 degrees ahead of p in the direction of motion
    b = a * math.sqrt(1 - e * e)
    e0 = math.atan2((x * qv[0] + y * qv[1]) / b, (x * p[0] + y * p[1]) / a + e)
    period = 2 * math.pi * math.sqrt(a**3 / mu)
    return {"mu": mu, "a": a, "b": b, "e": e, "p": p, "q": qv, "m0": e0 - e * math.sin(e0),
            "period": period, "h": h, "energy": energy}  # fmt: skip


def kepler_state(el: dict, t: float) -> tuple[float, float, float, float]:
    """Position and velocity at time t: Newton's method on M = E - e sin E."""
    n = 2 * math.pi / el["period"]
    mean = el["m0"] + n * t
    e = el["e"]
    ecc = eccentric_anomaly(mean, e)
    a, b, (px, py), (qx, qy) = el["a"], el["b"], el["p"], el["q"]
    c, s = math.cos(ecc), math.sin(ecc)
    x = a * (c - e) * px + b * s * qx
    y = a * (c - e) * py + b * s * qy
    k = n / (1 - e * c)
    vx = (-a * s * px + b * c * qx) * k
    vy = (-a * s * py + b * c * qy) * k
    return x, y, vx, vy


@register(
    "G-15_orbit",
    title="Kepler orbit",
    description="A planet launched around a star follows its Kepler ellipse for one full orbit; give the period and the closest and farthest distances.",
    category="physics-motion",
    params=[
        Param("min_eccentricity", "float", 0.15, 0.05, 0.6, help="least elongated orbit allowed"),
        Param("max_eccentricity", "float", 0.6, 0.2, 0.7, help="most elongated orbit allowed"),
    ],
    shard_size=50,
    memory="low",
    instances=INSTANCES,
    faculty="knowledge",
    levels={1: {"max_eccentricity": 0.25}, 2: {"max_eccentricity": 0.4}, 3: {},
            4: {"max_eccentricity": 0.7}, 5: {"min_eccentricity": 0.55, "max_eccentricity": 0.7}},
)  # fmt: skip
class Orbit(Task):
    def generate(self, rng, params):
        while True:
            mass = snap(rng.uniform(0.5, 2.0), 0.1)
            r0 = rng.uniform(0.6, 2.0)
            ang = rng.uniform(0, 2 * math.pi)
            pos = [snap(r0 * math.cos(ang), 0.01), snap(r0 * math.sin(ang), 0.01)]
            r0 = math.hypot(*pos)
            v_circ = math.sqrt(gm(mass) / r0)
            speed = v_circ * rng.uniform(0.75, 1.25)
            tilt = rng.uniform(-0.6, 0.6)  # flight-path angle from the local horizontal
            turn = 1 if rng.random() < 0.5 else -1  # counter-clockwise or clockwise
            heading = ang + turn * (math.pi / 2 - tilt)
            vel = [snap(speed * math.cos(heading), 0.01), snap(speed * math.sin(heading), 0.01)]
            puzzle = {"star_mass": mass, "position": pos, "velocity": vel}
            v2 = vel[0] ** 2 + vel[1] ** 2
            if v2 / 2 - gm(mass) / r0 >= 0:
                continue  # unbound
            el = elements(puzzle)
            lo, hi = sorted((params["min_eccentricity"], params["max_eccentricity"]))
            if not lo <= el["e"] <= hi or not 0.4 <= el["period"] <= 4.0:
                continue
            if not fits(el, grid_half(puzzle)):
                continue
            if el["period"] * slowness(puzzle) > LONGEST_VIDEO or not glides(puzzle):
                continue
            return puzzle

    def solve(self, puzzle, params):
        el = elements(puzzle)
        period = el["period"]
        samples = [[period * i / SAMPLES, *kepler_state(el, period * i / SAMPLES)]
                   for i in range(SAMPLES + 1)]  # fmt: skip
        samples[0][1:] = [*puzzle["position"], *puzzle["velocity"]]
        return {
            "period": period,
            "semi_major_axis": el["a"],
            "eccentricity": el["e"],
            "perihelion": el["a"] * (1 - el["e"]),
            "aphelion": el["a"] * (1 + el["e"]),
            "direction": "counter-clockwise" if el["h"] > 0 else "clockwise",
            "samples": samples,
        }

    def check(self, puzzle, answer, params):
        mu = gm(puzzle["star_mass"])
        s = answer["samples"]
        T = answer["period"]
        require(len(s) == SAMPLES + 1, "wrong number of samples")
        require(
            all(abs(r[0] - T * i / SAMPLES) < 1e-6 for i, r in enumerate(s)),
            "samples not evenly spaced over one period",
        )
        require(math.dist(s[0][1:3], puzzle["position"]) < 1e-6 and math.dist(s[0][3:], puzzle["velocity"]) < 1e-6,
                "the orbit does not start from the given position and velocity")  # fmt: skip

        def invariants(row):
            _, x, y, vx, vy = row
            r = math.hypot(x, y)
            v2 = vx * vx + vy * vy
            rv = x * vx + y * vy
            ex, ey = ((v2 - mu / r) * x - rv * vx) / mu, ((v2 - mu / r) * y - rv * vy) / mu
            return x * vy - y * vx, v2 / 2 - mu / r, ex, ey, r

        h0, e0, ex0, ey0, _ = invariants(s[0])
        for row in s:
            h, en, ex, ey, _ = invariants(row)
            require(
                abs(h - h0) < 1e-5 * abs(h0) + 1e-5,
                f"angular momentum not conserved at t={row[0]:.3f}",
            )
            require(abs(en - e0) < 1e-5 * abs(e0) + 1e-4, f"energy not conserved at t={row[0]:.3f}")
            require(math.hypot(ex - ex0, ey - ey0) < 1e-4, f"the ellipse changes at t={row[0]:.3f}")
        # Kepler's third law with a from the energy: T^2 = 4 pi^2 a^3 / GM
        a = -mu / (2 * e0)
        require(e0 < 0, "the orbit is not bound")
        require(
            abs(T - 2 * math.pi * math.sqrt(a**3 / mu)) < 1e-5 * T,
            "period breaks Kepler's third law",
        )
        require(abs(answer["semi_major_axis"] - a) < 1e-5 * a, "semi-major axis is wrong")
        ecc = math.hypot(ex0, ey0)
        require(abs(answer["eccentricity"] - ecc) < 1e-5, "eccentricity is wrong")
        require(abs(answer["perihelion"] - a * (1 - ecc)) < 1e-4 and abs(answer["aphelion"] - a * (1 + ecc)) < 1e-4,
                "closest or farthest distance is wrong")  # fmt: skip
        # consecutive samples are joined by the motion (4th-order Hermite step, a = -GM r / r^3)
        dt = T / SAMPLES
        for p, n in itertools.pairwise(s):
            for k in (1, 2):
                ap = -mu * p[k] / math.hypot(p[1], p[2]) ** 3
                an = -mu * n[k] / math.hypot(n[1], n[2]) ** 3
                step = dt * (p[k + 2] + n[k + 2]) / 2 + dt * dt / 12 * (ap - an)
                require(abs(n[k] - p[k] - step) < 1e-4, f"the planet jumps at t={n[0]:.3f}")
        require(
            math.dist(s[-1][1:3], s[0][1:3]) < 1e-4, "the orbit does not close after one period"
        )
        radii = [invariants(row)[4] for row in s]
        require(min(radii) >= a * (1 - ecc) - 1e-4 and max(radii) <= a * (1 + ecc) + 1e-4,
                "the planet leaves its ellipse")  # fmt: skip
        direction = "counter-clockwise" if h0 > 0 else "clockwise"
        require(answer["direction"] == direction, "direction of travel is wrong")

    def prompt(self, puzzle, params):
        (x, y), (vx, vy) = puzzle["position"], puzzle["velocity"]
        k = slowness(puzzle)
        return (
            f"Top view of a star of {puzzle['star_mass']:g} solar masses (the orange disc at the "
            f"centre of the grid, at (0, 0)) and a small blue planet at ({x:.2f}, {y:.2f}) AU; the "
            "gray dots mark the grid points, with the scales in AU along the bottom and the left. "
            f"The black arrow shows the planet's velocity, ({vx:.2f}, {vy:.2f}) AU per year "
            f"(speed {math.hypot(vx, vy):.2f} AU/yr). Only the star's gravity acts (GM = 4 pi^2 "
            "times the mass in solar masses, in AU^3/yr^2) and the star does not move. Show the "
            "planet moving along its orbit for exactly one full revolution, with a clock in "
            f"years that advances one year every {k} second{'s' if k > 1 else ''} of video, "
            f"tracing its path as light blue dots, one every {TRAIL_DT:g} years; it must speed up "
            "near the star and slow down far from it. At the end, write the orbital period and "
            "the closest and farthest distances from the star. The star and grid do not change. "
            "The video ends when the planet is back at its starting point."
        )

    def rubric(self, puzzle, answer, params):
        return "\n".join([
            "1. The planet leaves its starting point along the black arrow.",
            f"2. It travels {answer['direction']} around the star along a closed ellipse with the "
            "star at one focus (not at the centre).",
            f"3. Closest approach about {answer['perihelion']:.2f} AU, farthest about {answer['aphelion']:.2f} AU "
            f"(eccentricity {answer['eccentricity']:.2f}).",
            "4. It moves fastest at the closest point and slowest at the farthest (equal areas in equal times).",
            f"5. One revolution takes {answer['period']:.2f} years; the clock reads that when the planet "
            f"is back at the start, {answer['period'] * slowness(puzzle):.1f} s into the motion.",
            "6. The final frame shows the whole dotted ellipse, the period as about "
            f"{answer['period']:.2f} yr and the closest and farthest distances.",
            "7. The star and the grid do not move or change.",
        ])  # fmt: skip

    def render(self, puzzle, answer, params, film):
        el = elements(puzzle)
        view = orbit_view(puzzle)
        base = film.canvas()
        _draw_grid(base, view, grid_half(puzzle))
        mass = puzzle["star_mass"]
        header = f"star {mass:g} solar mass{'' if mass == 1 else 'es'} at the centre, grid in AU"
        base.text(60, 60, header, size=44, anchor="lm", bold=True)
        trail = base.copy()
        first = base.copy()
        _draw_planet(first, view, puzzle["position"], 0.0)
        _draw_arrow(first, view, puzzle)
        film.opening(first)
        period = answer["period"]
        times = film.times(period * slowness(puzzle), span=period)
        dots = 1
        for i, t in enumerate(times, 1):
            while dots * TRAIL_DT < t:  # the path: where the planet was every TRAIL_DT years
                trail.dot(view.pt(*kepler_state(el, dots * TRAIL_DT)[:2]), 4, fill=TRAIL)
                dots += 1
            frame = trail.copy()
            pos = kepler_state(el, t)[:2] if i < len(times) else puzzle["position"]
            _draw_planet(frame, view, pos, t)
            film.add(frame)
        final = trail.copy()
        _draw_planet(final, view, puzzle["position"], period)
        summary = (f"period {period:.2f} yr, closest {answer['perihelion']:.2f} AU, "
                   f"farthest {answer['aphelion']:.2f} AU")  # fmt: skip
        final.text(60, 116, summary, size=40, anchor="lm", bold=True, fill=PLANET)
        film.closing(final)


def grid_half(puzzle: dict) -> float:
    """How far the grid reaches above and below the star (AU): from the planet's starting
    distance the first frame shows, never from the orbit to come."""
    r0 = math.hypot(*puzzle["position"])
    return next((h for h in HALVES if h >= 1.6 * r0), HALVES[-1])


def fits(el: dict, half: float) -> bool:
    """Whether the whole ellipse lies inside the grid (1.25 half by half, with a margin)
    and its closest approach keeps the planet clear of the star's disc."""
    a, b, (px, py), (qx, qy) = el["a"], el["b"], el["p"], el["q"]
    centre = (-a * el["e"] * px, -a * el["e"] * py)  # the star is at a focus
    reach_x = math.hypot(a * px, b * qx)  # the ellipse's half-extent along x and along y
    reach_y = math.hypot(a * py, b * qy)
    return (abs(centre[0]) + reach_x <= 0.95 * 1.25 * half
            and abs(centre[1]) + reach_y <= 0.95 * half
            and a * (1 - el["e"]) >= CLEARANCE * half)  # fmt: skip


def orbit_view(puzzle: dict) -> View:
    """The star at the centre of AREA; the grid's HALF fills half of AREA's height."""
    left, top, right, bottom = AREA
    return View((left + right) / 2, (top + bottom) / 2, (bottom - top) / 2 / grid_half(puzzle))


def fastest(puzzle: dict) -> float:
    """The fastest the planet could move in the grid, in canvas units per year: energy
    conservation down to the closest approach the grid allows."""
    mu, half = gm(puzzle["star_mass"]), grid_half(puzzle)
    r0, v0 = math.hypot(*puzzle["position"]), math.hypot(*puzzle["velocity"])
    return orbit_view(puzzle).s * math.sqrt(v0 * v0 + 2 * mu * (1 / (CLEARANCE * half) - 1 / r0))


def slowness(puzzle: dict) -> int:
    """Seconds of video per year on the clock: enough for the planet to glide."""
    return slowdown(fastest(puzzle))


def glides(puzzle: dict) -> bool:
    return fastest(puzzle) <= MOST_PER_FRAME * PLAYBACK_FPS * slowness(puzzle)


def _draw_grid(c, view: View, half: float) -> None:
    """A dot at every grid point (dots, not lines: the moving planet never cuts a line into
    pieces), the axes through the star, and labelled scales along the bottom and left."""
    left, top, right, bottom = AREA
    step = 0.5 if half <= 2.0 else 1.0
    c.rect(left, top, right, bottom, outline=MUTED, width=2)
    kx = math.floor((right - view.ox) / view.s / step)
    ky = math.floor((view.oy - top) / view.s / step)
    for i in range(-kx, kx + 1):
        for j in range(-ky, ky + 1):
            c.dot(view.pt(i * step, j * step), 3.5, fill=MUTED)
    for i in range(-kx, kx + 1):
        x = view.x(i * step)
        c.crisp_line(x, bottom + 2, x, bottom + 14, MUTED, 3)
        if i % 2 == 0 or step == 1.0:
            c.text(x, bottom + 38, f"{i * step:g}", size=36, fill=MUTED)
    for j in range(-ky, ky + 1):
        y = view.y(j * step)
        c.crisp_line(left - 14, y, left - 2, y, MUTED, 3)
        if j % 2 == 0 or step == 1.0:
            c.text(left - 20, y, f"{j * step:g}", size=36, fill=MUTED, anchor="rm")
    c.text(right, bottom + 80, "AU", size=36, fill=MUTED, anchor="rm")
    sx, sy = view.pt(0, 0)
    c.circle(sx, sy, 34, fill=lighten(STAR, 0.6))
    c.circle(sx, sy, 24, fill=STAR, outline=INK, width=2)


def _draw_planet(c, view: View, pos, t: float) -> None:
    c.circle(*view.pt(*pos), 16, fill=PLANET, outline=INK, width=2)
    clock(c, t, unit="yr")


def _draw_arrow(c, view: View, puzzle) -> None:
    """The launch velocity, kept inside the frame, labelled on the side away from the star."""
    (x, y), (vx, vy) = puzzle["position"], puzzle["velocity"]
    speed = math.hypot(vx, vy)
    ux, uy = vx / speed, -vy / speed  # canvas direction
    start = view.pt(x, y)
    length = 150.0
    left, top, right, bottom = AREA
    for lo, hi, p, u in (
        (left + 20, right - 20, start[0], ux),
        (top + 20, bottom - 20, start[1], uy),
    ):
        if u > 1e-9:
            length = min(length, (hi - p) / u)
        elif u < -1e-9:
            length = min(length, (lo - p) / u)
    length = max(length, 60.0)
    end = (start[0] + length * ux, start[1] + length * uy)
    c.arrow(start, end, fill=INK, width=7, head=26)
    label = f"{speed:.2f} AU/yr"
    w = c.text_width(label, 40)
    # beside the arrow's middle, on the side away from the star
    mx, my = (start[0] + end[0]) / 2, (start[1] + end[1]) / 2
    nx, ny = -uy, ux
    sx, sy = view.pt(0, 0)
    if (mx - sx) * nx + (my - sy) * ny < 0:
        nx, ny = -nx, -ny
    off = abs(nx) * w / 2 + abs(ny) * 22 + 18
    lx = min(max(mx + nx * off, left + w / 2 + 10), right - w / 2 - 10)
    ly = min(max(my + ny * off, top + 30), bottom - 30)
    c.text(lx, ly, label, size=40, anchor="mm", fill=INK)
