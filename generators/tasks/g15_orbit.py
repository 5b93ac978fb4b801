"""Orbit: a planet launched with a drawn velocity around a star follows a Kepler ellipse,
solved exactly with Kepler's equation. Units: AU, years, solar masses (GM = 4 pi^2 M)."""

from __future__ import annotations

import itertools
import math

from generators.kit import FAINT, INK, MUTED, NAMED, Param, Task, register, require
from generators.kit.palette import lighten
from generators.kit.physics import eccentric_anomaly, snap
from generators.kit.view import View, nice_step

SAMPLES = 240  # trajectory samples per orbit (a fixed number of simulated instants)
VIDEO_ORBIT = 4.0  # seconds of video for one orbit at video_scale 1
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
        Param("max_eccentricity", "float", 0.6, 0.2, 0.7, help="most elongated orbit allowed"),
    ],
    shard_size=50,
    memory="low",
    instances=100_000_000,
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
            if not 0.15 <= el["e"] <= params["max_eccentricity"] or not 0.4 <= el["period"] <= 4.0:
                continue
            if el["a"] * (1 + el["e"]) > 4.0 or el["a"] * (1 - el["e"]) < 0.3:
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
        return (
            f"Top view of a star of {puzzle['star_mass']:g} solar masses (the orange disc at the "
            f"centre of the grid) and a small blue planet at ({x:.2f}, {y:.2f}) AU. The grid lines "
            "are spaced as labelled, in AU. The black arrow shows the planet's velocity, "
            f"({vx:.2f}, {vy:.2f}) AU per year (speed {math.hypot(vx, vy):.2f} AU/yr). Only the "
            "star's gravity acts (GM = 4 pi^2 times the mass in solar masses, in AU^3/yr^2) and the "
            "star does not move. Show the planet moving along its orbit for exactly one full "
            "revolution, with a clock in years, tracing its path as a light blue line; it must "
            "speed up near the star and slow down far from it. At the end, write the orbital "
            "period and the closest and farthest distances from the star. The star and grid do "
            "not change. The video ends when the planet is back at its starting point."
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
            "is back at the start.",
            f"6. The final frame shows the whole traced ellipse and the period as about {answer['period']:.2f} yr.",
            "7. The star and the grid do not move or change.",
        ])  # fmt: skip

    def render(self, puzzle, answer, params, film):
        el = elements(puzzle)
        xs = [r[1] for r in answer["samples"]] + [0.0]  # the orbit and the star
        ys = [r[2] for r in answer["samples"]] + [0.0]
        view = View.fit(AREA, xs, ys, margin=30, most=320.0)
        base = film.canvas()
        _draw_grid(base, view)
        mass = puzzle["star_mass"]
        header = f"star {mass:g} solar mass{'' if mass == 1 else 'es'}, grid in AU"
        base.text(60, 75, header, size=44, anchor="lm", bold=True)
        trail = base.copy()
        first = base.copy()
        _draw_bodies(first, view, puzzle["position"], 0.0)
        _draw_arrow(first, view, puzzle)
        film.hold(first, 0.75)
        period = answer["period"]
        times = film.times(VIDEO_ORBIT, span=period)  # one orbit in VIDEO_ORBIT seconds
        n = len(times)
        prev = view.pt(*puzzle["position"])
        for i, t_frame in enumerate(times, 1):
            # sub-steps keep the traced ellipse smooth where the planet moves fast
            for j in range(1, 9):
                t = period * (i - 1 + j / 8) / n
                pt = (
                    view.pt(*kepler_state(el, t)[:2])
                    if (i, j) != (n, 8)
                    else view.pt(*puzzle["position"])
                )
                trail.line([prev, pt], fill=TRAIL, width=5)
                prev = pt
            frame = trail.copy()
            pos = kepler_state(el, t_frame)[:2] if i < n else puzzle["position"]
            _draw_bodies(frame, view, pos, t_frame)
            film.add(frame)
        final = trail.copy()
        _draw_bodies(final, view, puzzle["position"], period)
        final.text(
            940, 930, f"period {period:.2f} yr", size=44, anchor="rm", bold=True, fill=PLANET
        )
        final.text(60, 125, f"closest {answer['perihelion']:.2f} AU, farthest {answer['aphelion']:.2f} AU",
                   size=40, anchor="lm", fill=PLANET)  # fmt: skip
        film.hold(final, 1.25)


def _draw_grid(c, view: View) -> None:
    """Grid lines every `step` AU across AREA, the axes through the star a little darker."""
    left, top, right, bottom = AREA
    step = nice_step(view.s, 110, (0.25, 0.5, 1.0, 2.0))
    c.rect(left, top, right, bottom, outline=MUTED, width=2)
    k0 = math.ceil((view.x0 - (view.ox - left) / view.s) / step)
    k1 = math.floor((view.x0 + (right - view.ox) / view.s) / step)
    for k in range(k0, k1 + 1):
        x = view.x(k * step)
        c.line([(x, top), (x, bottom)], fill=MUTED if k == 0 else FAINT, width=3 if k == 0 else 2)
        c.text(x, bottom + 34, f"{k * step:g}", size=40, fill=MUTED)
    k0 = math.ceil((view.y0 - (bottom - view.oy) / view.s) / step)
    k1 = math.floor((view.y0 + (view.oy - top) / view.s) / step)
    for k in range(k0, k1 + 1):
        y = view.y(k * step)
        c.line([(left, y), (right, y)], fill=MUTED if k == 0 else FAINT, width=3 if k == 0 else 2)
    sx, sy = view.pt(0, 0)
    c.circle(sx, sy, 34, fill=lighten(STAR, 0.6))
    c.circle(sx, sy, 24, fill=STAR, outline=INK, width=2)


def _draw_bodies(c, view: View, pos, t: float) -> None:
    c.circle(*view.pt(*pos), 16, fill=PLANET, outline=INK, width=2)
    c.text(60, 930, f"t = {t:.2f} yr", size=44, anchor="lm")


def _draw_arrow(c, view: View, puzzle) -> None:
    """The launch velocity, kept inside the frame, labelled on the side away from the star."""
    (x, y), (vx, vy) = puzzle["position"], puzzle["velocity"]
    speed = math.hypot(vx, vy)
    ux, uy = vx / speed, -vy / speed  # canvas direction
    start = view.pt(x, y)
    length = 150.0
    for lo, hi, p, u in ((60, 940, start[0], ux), (130, 890, start[1], uy)):
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
    lx = min(max(mx + nx * off, 60 + w / 2), 940 - w / 2)
    ly = min(max(my + ny * off, 130), 890)
    c.text(lx, ly, label, size=40, anchor="mm", fill=INK)
