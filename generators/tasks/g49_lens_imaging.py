"""Thin lens imaging: an object arrow stands on the axis of a converging or diverging lens
of stated focal length; the video draws the three principal rays from the arrow's tip and
the image appears where they meet (or seem to come from). The checker traces the rays by
their rules and re-derives 1/f = 1/d_o + 1/d_i and the magnification -d_i / d_o."""

from __future__ import annotations

import itertools
import math

from generators.kit import BACKGROUND, INK, MUTED, NAMED, Param, Task, register, require
from generators.kit.palette import darken, lighten
from generators.kit.physics import snap

LENS_X, AXIS_Y = 500.0, 490.0  # canvas: the lens centre on the optical axis
HALF = 440.0  # canvas units from the lens to either end of the axis
TOP, BOTTOM = 140.0, 840.0  # canvas: rays stay between these heights
LENS_H = 340.0  # canvas: the lens's half-height (covers every ray's hit)
TALLEST = 320.0  # canvas: the image's largest height above or below the axis
SPANS = (10, 12, 15, 20, 25, 30, 40, 50, 60, 80, 100, 120, 150)  # cm, lens to axis end
FRONT_SPEED = 380.0  # canvas units/s a ray's front advances (24 a frame at 16 fps)
OBJECT, IMAGE, LENS = NAMED["red"], NAMED["blue"], NAMED["cyan"]
RAYS = (NAMED["orange"], NAMED["green"], NAMED["purple"])  # parallel, centre, focal ray
EPS = 1e-6


def span(puzzle: dict) -> float:
    """cm from the lens to either end of the drawn axis: from the object and focal length
    alone, so the view says nothing of where the image will be."""
    need = 1.15 * max(puzzle["object_distance"], 2.5 * puzzle["focal_length"])
    return next((s for s in SPANS if s >= need), SPANS[-1])


def signed_f(puzzle: dict) -> float:
    return puzzle["focal_length"] * (1 if puzzle["lens"] == "converging" else -1)


def image_of(puzzle: dict, f: float | None = None) -> tuple[float, float, float]:
    """(d_i, m, h_i) by the thin lens equation; d_i > 0 on the far side of the lens. `f`
    replaces the signed focal length (tests build wrong answers with it)."""
    f = signed_f(puzzle) if f is None else f
    d_o = puzzle["object_distance"]
    d_i = 1 / (1 / f - 1 / d_o)
    m = -d_i / d_o
    return d_i, m, m * puzzle["object_height"]


@register(
    "G-49_lens_imaging",
    title="Thin lens imaging",
    description="An arrow stands before a converging or diverging lens of stated focal length; predict where its image forms, how tall, upright or inverted, real or virtual.",
    category="physics-motion",
    params=[
        Param("lens", "str", "any", choices=("any", "converging", "diverging"),
              help="the kind of lens (any: a third are diverging)"),
        Param("virtual", "bool", True,
              help="a converging lens may hold the object inside its focal length"),
        Param("step", "float", 0.2, 0.1, 1.0, help="cm grid of the stated lengths"),
    ],
    shard_size=80,
    memory="low",
    instances=1_200_000,  # measured: about 1.2 M (scripts/measure_instances.py)
    faculty="knowledge",
    levels={1: {"lens": "converging", "virtual": False, "step": 1.0},
            2: {"lens": "converging", "step": 0.5}, 3: {}, 4: {"step": 0.1},
            5: {"step": 0.1, "lens": "diverging"}},
)  # fmt: skip
class LensImaging(Task):
    def generate(self, rng, params):
        step = params["step"]
        while True:
            lens = params["lens"]
            if lens == "any":
                lens = "diverging" if rng.random() < 1 / 3 else "converging"
            f = snap(rng.uniform(4.0, 40.0), step)
            if lens == "diverging":
                ratio = rng.uniform(0.3, 4.0)
            elif params["virtual"] and rng.random() < 0.3:
                ratio = rng.uniform(0.25, 0.7)
            else:
                ratio = rng.uniform(1.3, 4.0)
            puzzle = {"lens": lens, "focal_length": f, "object_distance": snap(ratio * f, step),
                      "object_height": 1.0}  # fmt: skip
            s = HALF / span(puzzle)
            puzzle["object_height"] = snap(rng.uniform(70, 160) / s, step)
            if fits(puzzle):
                return puzzle

    def solve(self, puzzle, params):
        d_i, m, h_i = image_of(puzzle)
        return {"image_distance": d_i, "magnification": m, "image_height": h_i,
                "orientation": "upright" if m > 0 else "inverted",
                "nature": "real" if d_i > 0 else "virtual",
                "rays": [[[-puzzle["object_distance"], puzzle["object_height"]], [0.0, y], [d_i, h_i]]
                         for y in (puzzle["object_height"], 0.0, h_i)]}  # fmt: skip

    def check(self, puzzle, answer, params):
        d_o, h_o, f = puzzle["object_distance"], puzzle["object_height"], signed_f(puzzle)
        d_i, h_i = answer["image_distance"], answer["image_height"]
        rays = answer["rays"]
        require(len(rays) == 3 and all(len(r) == 3 for r in rays), "three rays of three points")
        tip, lens_x = (-d_o, h_o), lambda r: r[1][0]
        for r in rays:
            require(math.dist(r[0], tip) < EPS, "a ray does not start at the arrow's tip")
            require(abs(lens_x(r)) < EPS, "a ray does not bend at the lens")
            require(math.dist(r[2], (d_i, h_i)) < 1e-4, "a ray does not meet the image's tip")
        parallel, centre, focal = rays
        near, far = (-abs(f), 0.0), (abs(f), 0.0)  # the focal points before and behind the lens
        require(abs(parallel[1][1] - h_o) < EPS, "the first ray does not run parallel to the axis")
        require(collinear(parallel[1], far if f > 0 else near, parallel[2]),
                "the parallel ray does not leave through (or from) the focal point")  # fmt: skip
        require(abs(centre[1][1]) < EPS and collinear(tip, (0, 0), centre[2]),
                "the centre ray is deviated")  # fmt: skip
        require(collinear(near if f > 0 else far, tip, focal[1]),
                "the focal ray does not head through (or toward) the focal point")  # fmt: skip
        require(abs(focal[2][1] - focal[1][1]) < 1e-4, "the focal ray does not leave parallel")
        require(abs(1 / d_o + 1 / d_i - 1 / f) < 1e-6, "image distance breaks 1/f = 1/d_o + 1/d_i")
        m = -d_i / d_o
        require(abs(answer["magnification"] - m) < 1e-6, "magnification is not -d_i / d_o")
        require(abs(h_i - m * h_o) < 1e-5, "image height is not m times the object's")
        require(answer["orientation"] == ("upright" if m > 0 else "inverted"),
                "wrong orientation of the image")  # fmt: skip
        require(answer["nature"] == ("real" if d_i > 0 else "virtual"), "wrong nature of the image")

    def prompt(self, puzzle, params):
        kind = "converging (convex)" if puzzle["lens"] == "converging" else "diverging (concave)"
        return (
            f"Side view of a thin {kind} lens, drawn in cyan, of focal length "
            f"{puzzle['focal_length']:g} cm; its two focal points are marked F on the optical axis, "
            "one each side. A red arrow (the object) "
            f"{puzzle['object_height']:g} cm tall stands on the axis {puzzle['object_distance']:g} cm "
            "to the left of the lens, pointing up; the scale under the axis gives centimetres "
            "from the lens, the same scale across and up. Show the three principal rays leaving "
            "the arrow's tip, each drawn at a steady pace: the orange ray parallel to the axis, "
            "the green ray through the lens's centre, the purple ray along the line through "
            "the focal point on the arrow's side (converging lens) or aimed at the focal point "
            "on the far side (diverging lens); where the image is virtual, trace the rays back "
            "as dashed lines. Then show the image as a blue arrow growing from the axis, and "
            "write where it is, how tall, whether upright or inverted and whether real or "
            "virtual. The lens, the object and the scale do not change."
        )

    def rubric(self, puzzle, answer, params):
        d_i = answer["image_distance"]
        side = (
            "right of the lens (the far side)"
            if d_i > 0
            else "left of the lens (the object's side)"
        )
        out = "through the focal point behind the lens" if puzzle["lens"] == "converging" else (
            "as if from the focal point on the object's side")  # fmt: skip
        return "\n".join([
            f"1. The orange ray runs parallel to the axis to the lens, then leaves {out}; the "
            "green ray crosses the lens's centre without bending; the purple ray leaves the "
            "lens parallel to the axis.",
            f"2. The image forms {abs(d_i):.2f} cm to the {side}: 1/d_i = 1/f - 1/d_o with "
            f"f = {signed_f(puzzle):g} cm and d_o = {puzzle['object_distance']:g} cm.",
            f"3. The magnification is {answer['magnification']:.3f}, so the image is "
            f"{abs(answer['image_height']):.2f} cm tall.",
            f"4. The image is {answer['orientation']}.",
            f"5. The image is {answer['nature']}"
            + (": the rays themselves meet there." if d_i > 0 else ": only the dashed "
               "backward extensions of the rays meet there.") ,
            "6. The lens, the red arrow, the focal marks and the scale do not change.",
        ])  # fmt: skip

    def render(self, puzzle, answer, params, film):
        view = Bench(puzzle)
        done = film.canvas()
        view.draw_scene(done, puzzle)
        film.opening(done)
        rays = [view.ray_path(r) for r in answer["rays"]]
        image = view.pt(answer["image_distance"], answer["image_height"])
        # a virtual image: the bent rays traced back (the centre ray already runs through it)
        backs = [(rays[i][1], image, RAYS[i]) for i in (0, 2) if answer["image_distance"] < 0]

        def draw_rays(c, k):
            for path, colour in zip(rays, RAYS):
                grow(c, path, k * length(path), colour)

        def draw_backs(c, k):
            for a, b, colour in backs:
                c.dashed(a, toward(a, b, k * math.dist(a, b)), fill=lighten(colour, 0.2), width=5)

        def draw_image(c, k):
            view.draw_arrow(c, image[0], k * (image[1] - AXIS_Y), IMAGE)

        stages = [(max(map(length, rays)), draw_rays), (abs(image[1] - AXIS_Y), draw_image)]
        if backs:
            stages.insert(1, (max(math.dist(a, b) for a, b, _ in backs), draw_backs))
        for distance, draw in stages:  # each at FRONT_SPEED, on top of the stages before
            n = film.seconds(max(distance, 60) / FRONT_SPEED)
            for i in range(1, n + 1):
                frame = done.copy()
                draw(frame, i / n)
                view.draw_marks(frame)
                film.add(frame)
            done = frame
        view.draw_answer(done, answer)
        film.closing(done)


def collinear(a, b, c) -> bool:
    """Whether three points (cm) lie on one line, within 1e-5 rad."""
    cross = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])
    return abs(cross) <= 1e-5 * (1 + math.dist(a, b) * math.dist(a, c))


def fits(puzzle: dict) -> bool:
    """Whether the scene reads clearly: image inside the view, not too tall, clear of the
    lens, the object and the focal marks."""
    d_i, _, h_i = image_of(puzzle)
    s = HALF / span(puzzle)
    d_o, f = puzzle["object_distance"], puzzle["focal_length"]
    return (puzzle["object_height"] > 0 and abs(d_i) <= 0.92 * span(puzzle)
            and 40 <= abs(h_i) * s <= TALLEST and abs(d_i) * s >= 60 and abs(d_i + d_o) * s >= 45
            and abs(d_o - f) * s >= 30 and abs(abs(d_i) - f) * s >= 45)  # fmt: skip


def length(path) -> float:
    return sum(math.dist(a, b) for a, b in itertools.pairwise(path))


def toward(a, b, d: float):
    """The point d canvas units from a toward b."""
    k = d / max(math.dist(a, b), 1e-9)
    return (a[0] + (b[0] - a[0]) * k, a[1] + (b[1] - a[1]) * k)


def grow(c, path, d: float, colour) -> None:
    """The first d canvas units of a polyline."""
    pts = [path[0]]
    for a, b in itertools.pairwise(path):
        if d <= 0:
            break
        step = min(d, math.dist(a, b))
        pts.append(toward(a, b, step))
        d -= step
    if len(pts) > 1:
        c.line(pts, fill=colour, width=5)


class Bench:
    """The optical bench in centimetres, the lens centre at the origin, y up."""

    def __init__(self, puzzle: dict):
        self.span = span(puzzle)
        self.s = HALF / self.span
        self.f = puzzle["focal_length"]

    def pt(self, x: float, y: float):
        return (LENS_X + x * self.s, AXIS_Y - y * self.s)

    def ray_path(self, ray) -> list:
        """Canvas polyline of a ray: tip, lens, then on to the edge of the view."""
        tip, hit, image = (self.pt(*p) for p in ray)
        dx, dy = image[0] - hit[0], image[1] - hit[1]
        if image[0] < hit[0]:  # a virtual image: the ray leaves away from it
            dx, dy = -dx, -dy
        reach = [(LENS_X + HALF - hit[0]) / dx]
        if dy:
            reach.append(((TOP if dy < 0 else BOTTOM) - hit[1]) / dy)
        k = min(reach)
        return [tip, hit, (hit[0] + dx * k, hit[1] + dy * k)]

    def draw_arrow(self, c, x: float, rise: float, colour) -> None:
        """An arrow standing on the axis at canvas x, `rise` canvas units long (up if < 0)."""
        if abs(rise) < 1:
            return
        head = min(30.0, abs(rise))
        c.arrow((x, AXIS_Y), (x, AXIS_Y + rise), fill=colour, width=8, head=head)

    def draw_scene(self, c, puzzle) -> None:
        c.text(40, 50, f"{puzzle['lens']} lens, focal length f = {puzzle['focal_length']:g} cm",
               size=42, anchor="lm", bold=True)  # fmt: skip
        c.text(40, 100, f"object: {puzzle['object_height']:g} cm tall, "
               f"{puzzle['object_distance']:g} cm from the lens", size=40, anchor="lm")  # fmt: skip
        c.crisp_line(LENS_X - HALF, AXIS_Y, LENS_X + HALF, AXIS_Y, MUTED, 3)
        self.draw_lens(c, puzzle["lens"])
        self.draw_scale(c)
        self.draw_marks(c)
        x, _ = self.pt(-puzzle["object_distance"], 0)
        self.draw_arrow(c, x, -puzzle["object_height"] * self.s, OBJECT)

    def draw_marks(self, c) -> None:
        """The focal points, their labels on a patch of background: drawn again over the
        rays, so a ray passing by never hides an F."""
        for side in (-1, 1):
            x, y = self.pt(side * self.f, 0)
            c.rect(x - 15, y + 14, x + 15, y + 54, fill=BACKGROUND, radius=6)
            c.text(x, y + 34, "F", size=40, bold=True)
            c.dot((x, y), 7, fill=INK)

    def draw_lens(self, c, kind: str) -> None:
        n = 24
        ys = [AXIS_Y - LENS_H + 2 * LENS_H * i / n for i in range(n + 1)]
        if kind == "converging":  # thickest at the axis, a thin edge at the rim
            half = [3 + 19 * math.sqrt(max(0.0, 1 - ((y - AXIS_Y) / LENS_H) ** 2)) for y in ys]
        else:  # thinnest at the axis
            half = [6 + 16 * ((y - AXIS_Y) / LENS_H) ** 2 for y in ys]
        outline = [(LENS_X - h, y) for h, y in zip(half, ys)]
        outline += [(LENS_X + h, y) for h, y in zip(reversed(half), reversed(ys))]
        c.polygon(outline, fill=lighten(LENS, 0.55), outline=darken(LENS, 0.2), width=3)

    def draw_scale(self, c) -> None:
        """Ticks every 1, 2, 5, 10... cm from the lens both ways, labelled in cm."""
        y = BOTTOM + 20
        step = next(d for d in (0.5, 1, 2, 5, 10, 20, 50) if d * self.s >= 18)
        every = next(d for d in (1, 2, 5, 10, 20, 50, 100) if d * self.s >= 95 and d >= step)
        c.crisp_line(LENS_X - HALF, y, LENS_X + HALF, y, INK, 3)
        for k in range(-round(self.span / step), round(self.span / step) + 1):
            x = LENS_X + k * step * self.s
            major = abs(k * step / every - round(k * step / every)) < 1e-9
            c.line([(x, y), (x, y + (26 if major else 13))], fill=INK, width=3)
            if major:
                c.text(x, y + 56, f"{abs(k * step):g}", size=40, fill=MUTED)
        c.text(LENS_X + 18, y + 56, "cm", size=40, fill=MUTED, anchor="lm")

    def draw_answer(self, c, answer) -> None:
        d_i = answer["image_distance"]
        side = "right" if d_i > 0 else "left"
        c.text(40, 965, f"image {abs(d_i):.1f} cm {side}, {abs(answer['image_height']):.1f} cm tall, "
               f"{answer['orientation']}, {answer['nature']}", size=40, fill=IMAGE, anchor="lm",
               bold=True)  # fmt: skip
