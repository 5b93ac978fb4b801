"""Carousel release: a puck riding a turning platform is let go at a marked moment and slides
off along the tangent in a straight line (no friction) at speed omega r, into one of several
baskets. Top view with a scale bar; the distractor baskets sit where the common wrong
answers lead (straight outward, backward along the tangent, a tangent turned aside)."""

from __future__ import annotations

import math

from generators.kit import FAINT, INK, MUTED, NAMED, Param, Task, redraw, register, require
from generators.kit.palette import lighten
from generators.kit.physics import snap, steady, ticks_until
from generators.kit.view import View, scale_bar

RATE = 20  # trajectory samples per simulated second
FIELD_W, FIELD_H = 14.0, 12.5  # m: the ice shown, at a fixed scale for every puzzle
VIEW = View(52.0, 950.0, 64.0)  # world (0, 0) is the field's lower-left corner; 64 units/m
PUCK_R = 0.3  # m, drawn
BASKET_R = 0.6  # m: a basket catches the puck when the puck's centre passes within this
AIM = 0.2  # m: the true path passes this close to its basket's centre, at most
CLEAR = 1.3  # m: every other basket keeps this far from the path (ring + puck + margin)
KEEP_OUT = [(0.0, 0.0, 5.6, 1.7)]  # the scale bar (m)
LETTERS = "ABCDEF"
PLATFORM, PUCK, BASKET = lighten(NAMED["gray"], 0.55), NAMED["red"], NAMED["blue"]
MARK, CAUGHT = NAMED["yellow"], NAMED["green"]


def spin(puzzle: dict) -> float:
    """The platform's angular speed in rad/s, from how the scene states it."""
    if puzzle["spin_unit"] == "period":
        return 2 * math.pi / puzzle["period"]
    return puzzle["omega"]


def release_time(puzzle: dict, omega: float) -> float:
    """When the peg lets go: stated, or when the puck first reaches the release mark."""
    if puzzle["release"] == "time":
        return puzzle["release_time"]
    turn = puzzle["sense"] * (puzzle["mark_angle"] - puzzle["start_angle"])
    return math.radians(turn % 360) / omega


def on_platform(puzzle: dict, omega: float, t: float) -> tuple[float, float]:
    cx, cy = puzzle["centre"]
    a = math.radians(puzzle["start_angle"]) + puzzle["sense"] * omega * t
    return cx + puzzle["radius"] * math.cos(a), cy + puzzle["radius"] * math.sin(a)


def simulate(puzzle: dict, omega: float | None = None, radius: float | None = None,
             outward: bool = False, sense: int | None = None) -> dict:  # fmt: skip
    """The puck's motion. The keyword arguments replace the stated spin, the puck's radius
    for its launch speed, the direction of flight (straight outward) and the sense of
    turning: tests build wrong answers with them."""
    w = spin(puzzle) if omega is None else omega
    s = puzzle["sense"] if sense is None else sense
    p = {**puzzle, "sense": s}
    t_r = release_time(p, w)
    px, py = on_platform(p, w, t_r)
    cx, cy = puzzle["centre"]
    ux, uy = (px - cx) / puzzle["radius"], (py - cy) / puzzle["radius"]
    speed = w * (puzzle["radius"] if radius is None else radius)
    dx, dy = (ux, uy) if outward else (-s * uy, s * ux)
    hit = first_basket(puzzle["baskets"], (px, py), (dx, dy))
    if hit is None:
        end, label = _leaves_field((px, py), (dx, dy)), None
    else:
        label, end = hit
    t_end = t_r + end / speed
    samples = []
    for t in ticks_until(t_end, RATE):
        if t <= t_r:
            x, y = on_platform(p, w, t)
        else:
            x, y = px + dx * speed * (t - t_r), py + dy * speed * (t - t_r)
        samples.append([t, x, y])
    return {"release_time": t_r, "release_point": [px, py], "velocity": [dx * speed, dy * speed],
            "speed": speed, "basket": label, "arrival_time": t_end,
            "stop_point": samples[-1][1:], "samples": samples}  # fmt: skip


def first_basket(baskets: list, p, d) -> tuple[str, float] | None:
    """The basket whose catching circle the ray p + d s (s >= 0, |d| = 1) reaches first,
    and the distance s at which the puck passes closest to its centre (where it stops)."""
    best = None
    for b in baskets:
        along = (b["x"] - p[0]) * d[0] + (b["y"] - p[1]) * d[1]
        miss = abs((b["x"] - p[0]) * d[1] - (b["y"] - p[1]) * d[0])
        if along > 0 and miss < BASKET_R:
            enter = along - math.sqrt(BASKET_R**2 - miss**2)
            if best is None or enter < best[0]:
                best = (enter, b["label"], along)
    return None if best is None else (best[1], best[2])


def _leaves_field(p, d) -> float:
    ends = [(lim - p[i]) / d[i] for i in (0, 1) for lim in (0.0, (FIELD_W, FIELD_H)[i]) if d[i]]
    return min(s for s in ends if s > 0)


def _clear_of_path(b, p, d, reach: float) -> float:
    """Distance from a point to the path segment p .. p + d reach."""
    along = min(max((b[0] - p[0]) * d[0] + (b[1] - p[1]) * d[1], 0.0), reach)
    return math.dist(b, (p[0] + d[0] * along, p[1] + d[1] * along))


@register(
    "G-42_carousel_release",
    title="Carousel release",
    description="A puck let go from a turning platform slides off along the tangent at omega r; predict which basket catches it.",
    category="physics-motion",
    params=[
        Param("baskets", "int", 4, 2, 6, help="baskets on the ice (one catches the puck)"),
        Param("release", "str", "mark", choices=("mark", "time"),
              help="the peg lets go at a drawn mark, or at a stated time"),
        Param("placement", "str", "inside", choices=("rim", "inside"),
              help="the puck rides on the rim, or somewhere inside it"),
        Param("spin_unit", "str", "rad/s", choices=("rad/s", "period"),
              help="the spin is stated in rad/s, or as the time of one turn"),
    ],
    shard_size=80,
    memory="low",
    instances=2_600_000,
    faculty="spatiality",
    levels={
        1: {"baskets": 2, "release": "mark", "placement": "rim", "spin_unit": "rad/s"},
        2: {"baskets": 3, "release": "mark", "placement": "rim", "spin_unit": "rad/s"},
        3: {"baskets": 4, "release": "mark", "placement": "inside", "spin_unit": "rad/s"},
        4: {"baskets": 5, "release": "time", "placement": "inside", "spin_unit": "rad/s"},
        5: {"baskets": 6, "release": "time", "placement": "inside", "spin_unit": "period"},
    },
)  # fmt: skip
class CarouselRelease(Task):
    def generate(self, rng, params):
        return redraw(lambda: _draw_scene(rng, params))

    def solve(self, puzzle, params):
        return simulate(puzzle)

    def check(self, puzzle, answer, params):
        w = spin(puzzle)
        s, r = puzzle["sense"], puzzle["radius"]
        cx, cy = puzzle["centre"]
        if puzzle["release"] == "time":
            t_r = puzzle["release_time"]
        else:  # the first time the puck's angle reaches the mark's, turning the stated way
            gap = (s * (puzzle["mark_angle"] - puzzle["start_angle"])) % 360
            t_r = gap * math.pi / 180 / w
        require(abs(answer["release_time"] - t_r) < 1e-5, "the puck is released at the wrong time")
        a = math.radians(puzzle["start_angle"] + s * math.degrees(w * t_r))
        px, py = cx + r * math.cos(a), cy + r * math.sin(a)
        require(math.dist(answer["release_point"], (px, py)) < 1e-5,
                "the release point is not where the puck is at the release time")  # fmt: skip
        vx, vy = -s * w * r * math.sin(a), s * w * r * math.cos(a)  # omega x r, tangential
        require(math.dist(answer["velocity"], (vx, vy)) < 1e-5 and abs(answer["speed"] - w * r) < 1e-5,
                "the launch velocity is not omega r along the tangent")  # fmt: skip
        rows = answer["samples"]
        require(len(rows) >= 3 and steady((row[0] for row in rows[:-1]), RATE),
                "samples are not taken at a fixed rate")  # fmt: skip
        for t, x, y in rows:
            if t <= t_r:
                b = math.radians(puzzle["start_angle"]) + s * w * t
                want = (cx + r * math.cos(b), cy + r * math.sin(b))
            else:
                want = (px + vx * (t - t_r), py + vy * (t - t_r))
            require(math.dist((x, y), want) < 1e-4, f"the puck is off its path at t={t:g}")
        # the basket: the first catching circle along the straight path, found here afresh
        ux, uy = vx / (w * r), vy / (w * r)
        entered = []
        for b in puzzle["baskets"]:
            rel = (b["x"] - px, b["y"] - py)
            along, miss = rel[0] * ux + rel[1] * uy, abs(rel[0] * uy - rel[1] * ux)
            if along > 0 and miss < BASKET_R:
                entered.append((along - math.sqrt(BASKET_R**2 - miss * miss), b["label"], along))
        require(bool(entered), "no basket lies on the puck's straight path")
        _, label, along = min(entered)
        require(answer["basket"] == label, f"the puck reaches basket {label} first")
        require(abs(answer["arrival_time"] - (t_r + along / (w * r))) < 1e-5,
                "the arrival time does not match the distance and the speed")  # fmt: skip
        require(
            abs(rows[-1][0] - answer["arrival_time"]) < 1e-6, "the motion does not end on arrival"
        )
        stop = (px + ux * along, py + uy * along)
        require(math.dist(answer["stop_point"], stop) < 1e-4, "the puck stops off its basket")

    def prompt(self, puzzle, params):
        n = len(puzzle["baskets"])
        fixed = "release mark and baskets" if puzzle["release"] == "mark" else "baskets"
        return (
            "Top view of a frictionless ice rink; the scale bar shows metres. "
            + _scene_text(puzzle)
            + f" {n} blue rings are baskets, labelled {LETTERS[0]} to {LETTERS[n - 1]}; a basket "
            "catches the puck when the puck slides into it. Which basket catches the puck, and "
            "when? Show the platform turning and the puck moving until it is caught; the clock "
            f"at the top right gives the time in seconds, and the {fixed} stay where they are."
        )

    def rubric(self, puzzle, answer, params):
        w, r = spin(puzzle), puzzle["radius"]
        turn = "counterclockwise" if puzzle["sense"] > 0 else "clockwise"
        return "\n".join([
            f"1. Until about t = {answer['release_time']:.2f} s the red puck rides the platform "
            f"{turn} on a circle of radius {r:g} m, turning with it.",
            "2. When released it slides off in a straight line along the tangent to its circle "
            "(perpendicular to the radius, in the direction it was moving), not straight outward "
            "and not along a curve.",
            f"3. Its speed stays constant at omega r = {w:.3g} rad/s x {r:g} m = "
            f"{answer['speed']:.2f} m/s.",
            f"4. Basket {answer['basket']} catches it at about t = {answer['arrival_time']:.2f} s; "
            "the puck passes no other basket on the way.",
            "5. The platform keeps turning at the same rate; the baskets and the scale stay fixed.",
        ])  # fmt: skip

    def render(self, puzzle, answer, params, film):
        w = spin(puzzle)
        base = film.canvas()
        _draw_ice(base, puzzle)
        trail = base.copy()
        frame = trail.copy()
        _draw_moving(frame, puzzle, w, 0.0, answer["samples"][0][1:], None)
        film.opening(frame)
        t_r, t_end = answer["release_time"], answer["arrival_time"]
        prev = answer["release_point"]  # where the trail on the ice has got to
        for t in ticks_until(t_end, film.fps * film.scale)[1:]:
            x, y = _position(puzzle, answer, w, t)
            if t > t_r:
                trail.line([VIEW.pt(*prev), VIEW.pt(x, y)], fill=lighten(PUCK, 0.55), width=4)
                prev = (x, y)
            frame = trail.copy()
            _draw_moving(frame, puzzle, w, t, (x, y), answer["basket"] if t >= t_end else None)
            film.add(frame)
        film.closing(frame)


def _position(puzzle: dict, answer: dict, w: float, t: float) -> tuple[float, float]:
    if t <= answer["release_time"]:
        return on_platform(puzzle, w, t)
    (px, py), (vx, vy) = answer["release_point"], answer["velocity"]
    dt = t - answer["release_time"]
    return px + vx * dt, py + vy * dt


# --- generation ----------------------------------------------------------------------


def _draw_scene(rng, params) -> dict | None:
    big = float(snap(rng.uniform(1.4, 2.6), 0.1))
    centre = [snap(rng.uniform(big + 1.0, FIELD_W - big - 1.0)),
              snap(rng.uniform(big + 1.0, FIELD_H - big - 1.0))]  # fmt: skip
    r = big if params["placement"] == "rim" else snap(rng.uniform(0.8, big - 0.3))
    if params["spin_unit"] == "period":
        period = snap(rng.uniform(2.5, 6.0), 0.1)
        w = 2 * math.pi / period
    else:
        period, w = None, snap(rng.uniform(0.6, 2.0), 0.05)
    if not 1.6 <= w * r <= 6.0:  # at most 24 canvas units per frame at 16 fps
        return None
    sense = 1 if rng.random() < 0.5 else -1
    start = int(rng.integers(360))
    puzzle = {"centre": centre, "platform_radius": big, "radius": r, "sense": sense,
              "start_angle": start, "spin_unit": params["spin_unit"], "omega": None if period else w,
              "period": period, "release": params["release"], "release_time": None,
              "mark_angle": None}  # fmt: skip
    if params["release"] == "time":
        puzzle["release_time"] = snap(rng.uniform(0.8, 3.0), 0.05)
    else:
        puzzle["mark_angle"] = int((start + sense * rng.integers(40, 300)) % 360)
    t_r = release_time(puzzle, w)
    p = on_platform(puzzle, w, t_r)
    ux, uy = (p[0] - centre[0]) / r, (p[1] - centre[1]) / r
    d = (-sense * uy, sense * ux)
    reach = snap(rng.uniform(3.0, 9.0))
    side = rng.uniform(-AIM, AIM)
    true = (p[0] + d[0] * reach + d[1] * side, p[1] + d[1] * reach - d[0] * side)
    if not _fits(true, puzzle, []):
        return None
    spots = [true]
    lures = [(ux, uy), (-d[0], -d[1])]  # straight outward; backward along the tangent
    for turn in (0.45, -0.45):  # a tangent turned aside (a release at another moment)
        lures.append((d[0] * math.cos(turn) - d[1] * math.sin(turn),
                      d[0] * math.sin(turn) + d[1] * math.cos(turn)))  # fmt: skip
    lures = [lures[i] for i in rng.permutation(len(lures))]
    lures.sort(key=lambda v: v != (ux, uy))  # the outward lure always comes first
    for k in range(params["baskets"] - 1):
        for _ in range(40):
            if k < len(lures):
                u = rng.uniform(3.0, 9.0)
                spot = (p[0] + lures[k][0] * u, p[1] + lures[k][1] * u)
            else:
                spot = (rng.uniform(1.0, FIELD_W - 1.0), rng.uniform(1.0, FIELD_H - 1.0))
            if _fits(spot, puzzle, spots) and _clear_of_path(spot, p, d, reach + 1) >= CLEAR:
                spots.append(spot)
                break
        else:
            return None
    labels = [LETTERS[int(i)] for i in rng.permutation(params["baskets"])]
    puzzle["baskets"] = sorted(({"label": lab, "x": snap(x), "y": snap(y)}
                                for lab, (x, y) in zip(labels, spots)), key=lambda b: b["label"])  # fmt: skip
    answer = simulate(puzzle)  # the snapped scene must still send the puck home, clearly
    if answer["basket"] != labels[0]:
        return None
    home = next(b for b in puzzle["baskets"] if b["label"] == labels[0])
    if _clear_of_path((home["x"], home["y"]), p, d, 99) > AIM + 0.08:
        return None
    return puzzle


def _fits(spot, puzzle: dict, others: list) -> bool:
    x, y = spot
    if not (1.0 <= x <= FIELD_W - 1.0 and 1.0 <= y <= FIELD_H - 1.4):  # label above the ring
        return False
    if any(x0 - 0.8 <= x <= x1 + 0.8 and y0 - 0.8 <= y <= y1 + 0.8 for x0, y0, x1, y1 in KEEP_OUT):
        return False
    if math.dist(spot, puzzle["centre"]) < puzzle["platform_radius"] + 1.4:
        return False
    return all(math.dist(spot, o) >= 2.0 for o in others)


# --- drawing -------------------------------------------------------------------------


def _scene_text(puzzle: dict) -> str:
    turn = "counterclockwise" if puzzle["sense"] > 0 else "clockwise"
    if puzzle["spin_unit"] == "period":
        rate = f"once every {puzzle['period']:g} s"
    else:
        rate = f"at {puzzle['omega']:g} rad/s"
    where = ("on its rim" if puzzle["radius"] == puzzle["platform_radius"]
             else f"{puzzle['radius']:g} m from its centre")  # fmt: skip
    if puzzle["release"] == "time":
        when = f"The peg lets go at t = {puzzle['release_time']:g} s"
    else:
        when = "The peg lets go the moment the puck reaches the yellow release mark"
    return (
        f"A gray platform of radius {puzzle['platform_radius']:g} m turns {turn} {rate} (curved "
        f"arrow). A red puck rides on it {where}, held by a peg. {when}; from then on the puck "
        "slides freely on the frictionless platform and ice."
    )


def _header(puzzle: dict) -> tuple[str, str]:
    """Two lines of the stated quantities (the curved arrow shows the sense of turning)."""
    rate = (f"1 turn per {puzzle['period']:g} s" if puzzle["spin_unit"] == "period"
            else f"{puzzle['omega']:g} rad/s")  # fmt: skip
    where = ("on the rim" if puzzle["radius"] == puzzle["platform_radius"]
             else f"at r = {puzzle['radius']:g} m")  # fmt: skip
    when = (f"let go at t = {puzzle['release_time']:g} s" if puzzle["release"] == "time"
            else "let go at the yellow mark")  # fmt: skip
    return f"Platform: R = {puzzle['platform_radius']:g} m, {rate}", f"Red puck {where}, {when}"


def _draw_ice(c, puzzle: dict) -> None:
    x0, y1 = VIEW.pt(0, 0)
    x1, y0 = VIEW.pt(FIELD_W, FIELD_H)
    c.rect(x0, y0, x1, y1, fill=lighten(NAMED["cyan"], 0.88), outline=MUTED, width=3)
    top, bottom = _header(puzzle)
    c.text(50, 48, top, size=40, anchor="lm", bold=True)
    c.text(50, 104, bottom, size=40, anchor="lm")
    scale_bar(c, VIEW, VIEW.x(0.5), VIEW.y(1.1), 4.0, "4 m")
    cx, cy = VIEW.pt(*puzzle["centre"])
    big = puzzle["platform_radius"] * VIEW.s
    # the curved arrow just outside the rim says which way the platform turns
    s = puzzle["sense"]
    arc = [(cx + (big + 22) * math.cos(math.radians(a)), cy - (big + 22) * math.sin(math.radians(a)))
           for a in range(200, 200 + 71 * s, 3 * s)]  # fmt: skip
    c.line(arc[:-1], fill=INK, width=6)
    c.arrow(arc[-4], arc[-1], fill=INK, width=6, head=26)
    if puzzle["release"] == "mark":
        a = math.radians(puzzle["mark_angle"])
        tip = (cx + (big + 6) * math.cos(a), cy - (big + 6) * math.sin(a))
        back = (cx + (big + 46) * math.cos(a), cy - (big + 46) * math.sin(a))
        side = (-math.sin(a) * 16, -math.cos(a) * 16)
        c.polygon([tip, (back[0] + side[0], back[1] + side[1]), (back[0] - side[0], back[1] - side[1])],
                  fill=MARK, outline=INK, width=2)  # fmt: skip
    for b in puzzle["baskets"]:
        bx, by = VIEW.pt(b["x"], b["y"])
        c.circle(bx, by, BASKET_R * VIEW.s, fill=FAINT, outline=BASKET, width=7)
        c.text(bx, by - BASKET_R * VIEW.s - 26, b["label"], size=44, fill=BASKET, bold=True)


def _draw_moving(c, puzzle: dict, w: float, t: float, puck, caught: str | None) -> None:
    cx, cy = VIEW.pt(*puzzle["centre"])
    big = puzzle["platform_radius"] * VIEW.s
    c.circle(cx, cy, big, fill=PLATFORM, outline=NAMED["gray"], width=5)
    turned = math.radians(puzzle["start_angle"]) + puzzle["sense"] * w * t
    for k in range(6):  # spokes turn with the platform; short, so the deck stays one piece
        a = turned + k * math.pi / 3 + math.pi / 6
        c.line([(cx + big * 0.2 * math.cos(a), cy - big * 0.2 * math.sin(a)),
                (cx + big * 0.72 * math.cos(a), cy - big * 0.72 * math.sin(a))],
               fill=MUTED, width=4)  # fmt: skip
    c.circle(cx, cy, 10, fill=INK)
    if caught:
        b = next(b for b in puzzle["baskets"] if b["label"] == caught)
        bx, by = VIEW.pt(b["x"], b["y"])
        c.circle(bx, by, BASKET_R * VIEW.s, fill=lighten(CAUGHT, 0.6), outline=CAUGHT, width=7)
    px, py = VIEW.pt(*puck)
    c.circle(px, py, PUCK_R * VIEW.s, fill=PUCK, outline=INK, width=3)
    c.text(948, 48, f"t = {t:.2f} s", size=44, anchor="rm", bold=True)
