"""Colour mixing: coloured lights add (RGB), colour filters on white paper subtract (CMY).

Two or three discs of pure colour glide together until they overlap; the question is the
colour where a named set of them overlaps. Light adds channel by channel (red + green =
yellow); ideal filters each pass only their own channels, so stacked filters keep what
all of them pass (cyan + yellow = green). Colours here are the pure primaries and
secondaries of colour theory, not the kit palette, because the physics needs them.
"""

from __future__ import annotations

import math

import numpy as np
from PIL import Image, ImageChops, ImageDraw

from generators.kit import INK, MUTED, Canvas, Param, Task, distinct, easing, register, require
from generators.kit.draw import text_width

PURE = {
    "red": (255, 0, 0), "green": (0, 255, 0), "blue": (0, 0, 255),
    "cyan": (0, 255, 255), "magenta": (255, 0, 255), "yellow": (255, 255, 0),
    "white": (255, 255, 255), "black": (0, 0, 0),
}  # fmt: skip
SOURCES = ("red", "green", "blue", "cyan", "magenta", "yellow")
NAME_OF = {rgb: name for name, rgb in PURE.items()}
STAGE = (60, 50, 940, 820)
CAPTION_Y = 895
CENTRE = (500, 425)
ANGLES = {2: (180.0, 0.0), 3: (210.0, 330.0, 90.0)}  # where each disc sits around the centre


def mix(mode: str, colors: list[str]) -> tuple[int, int, int]:
    rgbs = [PURE[c] for c in colors]
    if mode == "additive":
        return tuple(min(255, sum(ch)) for ch in zip(*rgbs))  # type: ignore[return-value]
    return tuple(min(ch) for ch in zip(*rgbs))  # type: ignore[return-value]


def caption(puzzle: dict, answer: str = "?") -> str:
    kind = "light" if puzzle["mode"] == "additive" else "filters"
    return " + ".join(puzzle["target"]) + f" {kind} = {answer}"


def region_points(discs: list[dict], target: list[str], n: int = 160) -> np.ndarray:
    """Grid points (n x n over the stage) inside every target disc and outside the others."""
    xs = np.linspace(STAGE[0], STAGE[2], n)
    ys = np.linspace(STAGE[1], STAGE[3], n)
    gx, gy = np.meshgrid(xs, ys)
    keep = np.ones_like(gx, dtype=bool)
    for d in discs:
        inside = (gx - d["end"][0]) ** 2 + (gy - d["end"][1]) ** 2 <= d["r"] ** 2
        keep &= inside if d["color"] in target else ~inside
    return np.stack([gx[keep], gy[keep]], axis=1)


@register(
    "O-1_color_mixing",
    title="Colour mixing",
    description="Overlapping coloured lights add (RGB) and stacked colour filters subtract (CMY); name the overlap colour.",
    category="spatial-visual",
    params=[
        Param(
            "mode",
            "str",
            "mixed",
            choices=("mixed", "additive", "subtractive"),
            help="light (additive), filters on paper (subtractive), or either",
        ),
        Param("sources", "int", 3, 2, 3, help="discs of colour"),
    ],
    shard_size=50,
    memory="low",
    # 2 modes x 120 ordered colour triples x 4 overlap regions asked about, at the defaults
    instances=960,
)
class ColorMixing(Task):
    def generate(self, rng, params):
        """The question (mode, the colours in order around the centre, the overlap asked
        about) is the instance number, so the first samples of a seed ask different
        questions; sizes and positions are drawn."""
        modes = ("additive", "subtractive") if params["mode"] == "mixed" else (params["mode"],)
        n = params["sources"]
        asked = 4 if n == 3 else 1  # the overlap of all discs, or of one pair
        x, m = divmod(distinct(rng, len(modes) * math.perm(len(SOURCES), n) * asked), len(modes))
        mode = modes[m]
        pool, colors = list(SOURCES), []
        for _ in range(n):
            x, i = divmod(x, len(pool))
            colors.append(pool.pop(i))
        r = int(rng.integers(135, 159)) if n == 3 else int(rng.integers(150, 181))
        near = float(rng.uniform(0.58, 0.68)) * (1 if n == 3 else 0.85)
        far = 1.3 if n == 3 else 1.22
        cx = CENTRE[0] + int(rng.integers(-25, 26))
        cy = CENTRE[1] + int(rng.integers(-15, 16))
        discs = []
        for color, ang in zip(colors, ANGLES[n]):
            ux, uy = math.cos(math.radians(ang)), math.sin(math.radians(ang))
            discs.append({"color": color, "r": r,
                          "start": [round(cx + far * r * ux), round(cy + far * r * uy)],
                          "end": [round(cx + near * r * ux), round(cy + near * r * uy)]})  # fmt: skip
        groups = [colors] if n == 2 else [colors, *[[a, b] for i, a in enumerate(colors)
                                                    for b in colors[i + 1 :]]]  # fmt: skip
        target = groups[x]  # what is left of the instance number: 0..asked-1
        return {"mode": mode, "discs": discs, "target": target}

    def solve(self, puzzle, params):
        colors = [d["color"] for d in puzzle["discs"]]
        regions = []
        for size in range(2, len(colors) + 1):
            for combo in combinations(colors, size):
                rgb = mix(puzzle["mode"], combo)
                regions.append({"sources": combo, "rgb": list(rgb), "name": NAME_OF[rgb]})
        rgb = mix(puzzle["mode"], puzzle["target"])
        return {"name": NAME_OF[rgb], "rgb": list(rgb), "regions": regions}

    def check(self, puzzle, answer, params):
        mode, target = puzzle["mode"], puzzle["target"]
        require(mode in ("additive", "subtractive"), "unknown mixing mode")
        channels = []
        for k in range(3):  # light adds up to full brightness; filters pass what all pass
            on = [PURE[c][k] == 255 for c in target]
            channels.append(255 if (any(on) if mode == "additive" else all(on)) else 0)
        require(answer["rgb"] == channels, "the mixed colour's RGB value is wrong")
        require(PURE.get(answer["name"]) == tuple(channels), "the colour name is wrong")
        for reg in answer["regions"]:
            on = [[PURE[c][k] == 255 for c in reg["sources"]] for k in range(3)]
            want = [255 if (any(o) if mode == "additive" else all(o)) else 0 for o in on]
            require(reg["rgb"] == want and PURE[reg["name"]] == tuple(want),
                    "an overlap region's colour is wrong")  # fmt: skip
        discs = puzzle["discs"]
        require(set(target) <= {d["color"] for d in discs} and len(target) >= 2,
                "the question names discs that are not there")  # fmt: skip
        for i, a in enumerate(discs):
            for b in discs[i + 1 :]:
                gap = math.dist(a["start"], b["start"])
                require(gap > a["r"] + b["r"], "discs overlap before they move")
        area = len(region_points(discs, target)) * (
            (STAGE[2] - STAGE[0]) * (STAGE[3] - STAGE[1]) / 160**2
        )
        require(area > 0.04 * math.pi * discs[0]["r"] ** 2, "the asked overlap is barely visible")

    def prompt(self, puzzle, params):
        names = [d["color"] for d in puzzle["discs"]]
        listed = ", ".join(names[:-1]) + " and " + names[-1]
        asked = " and ".join(puzzle["target"]) if len(puzzle["target"]) == 2 else "all three"
        if puzzle["mode"] == "additive":
            scene = (f"The image shows {len(names)} discs of coloured light ({listed}) shining "
                     "on a black wall. Where lights overlap their colours add (additive RGB "
                     "mixing)")  # fmt: skip
        else:
            scene = (f"The image shows {len(names)} transparent colour filters ({listed}) lying "
                     "on white paper. Where filters overlap, only light that every one of them "
                     "lets through remains (subtractive mixing)")  # fmt: skip
        return (
            f"{scene}. Slide the discs together until they overlap, keeping their colours and "
            f"sizes, and show the mixed colours in every overlap. What colour appears where "
            f"{asked} overlap? The caption at the bottom reads '{caption(puzzle)}'. The video "
            "ends with the overlap region outlined and the '?' in the caption replaced by the "
            "name of the resulting colour."
        )

    def rubric(self, puzzle, answer, params):
        lines = ["1. The discs keep their colours and sizes and slide together until they overlap."]
        others = [r for r in answer["regions"] if r["sources"] != puzzle["target"]]
        lines.append(
            "2. Every overlap shows the mixed colour: "
            + "; ".join(f"{' + '.join(r['sources'])} = {r['name']}" for r in answer["regions"])
            + "."
        )
        lines.append(f"3. The outlined region is where {' and '.join(puzzle['target'])} overlap"
                     + (" (and no other disc)" if others and len(puzzle["target"]) == 2 else "")
                     + ".")  # fmt: skip
        lines.append(f"4. That region's colour is {answer['name']} (RGB {tuple(answer['rgb'])}).")
        lines.append(f"5. The final caption reads '{caption(puzzle, answer['name'])}'.")
        return "\n".join(lines)

    def render(self, puzzle, answer, params, film):
        scene = Scene(puzzle, film.size)
        film.hold(scene.frame(0.0, caption(puzzle)), 1.0)
        for t in easing.steps(film.seconds(2.0), easing.ease_in_out):
            film.add(scene.frame(t, caption(puzzle)))
        film.hold(scene.frame(1.0, caption(puzzle)), 0.5)
        ring = scene.region_ring()
        film.hold(scene.frame(1.0, caption(puzzle), ring), 0.8)
        film.hold(scene.frame(1.0, caption(puzzle, answer["name"]), ring), 1.5)


def combinations(items: list[str], k: int) -> list[list[str]]:
    if k == 0:
        return [[]]
    return [[items[i], *rest] for i in range(len(items))
            for rest in combinations(items[i + 1 :], k - 1)]  # fmt: skip


class Scene:
    """Draws the stage: discs blended additively (on black) or by multiplication (on white)."""

    def __init__(self, puzzle: dict, size: int):
        self.puzzle = puzzle
        self.add = puzzle["mode"] == "additive"
        self.scale = size / 1000
        x0, y0, x1, y1 = (round(v * self.scale) for v in STAGE)
        self.box = (x0, y0)
        self.stage_size = (x1 - x0, y1 - y0)
        self.ground = (0, 0, 0) if self.add else (255, 255, 255)
        self.discs = [(d, round(d["r"] * self.scale)) for d in puzzle["discs"]]
        ends = [d["end"] for d in puzzle["discs"]]
        self.middle = (sum(e[0] for e in ends) / len(ends), sum(e[1] for e in ends) / len(ends))
        self.base = Canvas(size)
        self.base.rect(*STAGE, fill=self.ground, outline=INK, width=6, radius=0)

    def centre(self, d: dict, t: float) -> tuple[float, float]:
        return easing.lerp_point(d["start"], d["end"], t)

    def stage(self, t: float) -> Image.Image:
        """The stage at time t, one channel at a time: with pure colours, light mixing is
        the union of the discs that emit a channel and filter mixing removes a channel
        wherever any disc blocks it, so every channel is a few filled ellipses."""
        bands = []
        for k in range(3):
            band = Image.new("L", self.stage_size, 0 if self.add else 255)
            draw = ImageDraw.Draw(band)
            for d, rp in self.discs:
                passes = PURE[d["color"]][k] == 255
                if passes == self.add:  # light that emits k, or a filter that blocks k
                    px, py = self.local(self.centre(d, t))
                    draw.ellipse((px - rp, py - rp, px + rp, py + rp), fill=255 if self.add else 0)
            bands.append(band)
        return Image.merge("RGB", bands)

    def local(self, p) -> tuple[int, int]:
        return (round(p[0] * self.scale) - self.box[0], round(p[1] * self.scale) - self.box[1])

    def region_ring(self) -> Image.Image:
        """An RGBA overlay outlining the asked region: a dark band with a white core, visible
        on any colour. Each disc's rim is kept where it borders the region."""
        w, h = self.stage_size
        ring = Image.new("RGBA", (w, h), (0, 0, 0, 0))
        target = self.puzzle["target"]
        for width, color in ((max(3, round(10 * self.scale)), (20, 20, 20, 255)),
                             (max(1, round(3 * self.scale)), (255, 255, 255, 255))):  # fmt: skip
            for i, (d, rp) in enumerate(self.discs):
                rim = Image.new("L", (w, h), 0)
                px, py = self.local(d["end"])
                half = width // 2  # the band straddles the disc's edge
                ImageDraw.Draw(rim).ellipse(
                    (px - rp - half, py - rp - half, px + rp + half, py + rp + half),
                    outline=255,
                    width=width,
                )
                for j, (e, rq) in enumerate(self.discs):
                    if j == i:
                        continue
                    qx, qy = self.local(e["end"])
                    inside = e["color"] in target
                    grow = width // 2 if inside else -(width // 2)
                    keep = Image.new("L", (w, h), 0 if inside else 255)
                    ImageDraw.Draw(keep).ellipse(
                        (qx - rq - grow, qy - rq - grow, qx + rq + grow, qy + rq + grow),
                        fill=255 if inside else 0,
                    )
                    rim = ImageChops.multiply(rim, keep)
                ring.paste(color, mask=rim)
        return ring

    def frame(self, t: float, text: str, ring: Image.Image | None = None) -> Canvas:
        frame = self.base.copy()
        stage = self.stage(t)
        if ring is not None:
            stage.paste(ring, (0, 0), ring)
        frame.image.paste(stage, self.box)
        frame.rect(*STAGE, outline=INK, width=6)
        for d, _ in self.discs:
            cx, cy = self.centre(d, t)
            ex, ey = d["end"][0] - self.middle[0], d["end"][1] - self.middle[1]
            norm = math.hypot(ex, ey) or 1.0
            ux, uy = ex / norm, ey / norm
            # out from the middle, but not so far that a long name leaves its disc
            reach = abs(ux) * text_width(d["color"], 44) / 2 + abs(uy) * 22 + 12
            off = min(d["r"] * (0.52 if len(self.discs) == 3 else 0.45), d["r"] - reach)
            lx, ly = cx + ux * off, cy + uy * off
            if not self.add:  # a thin rim shows where a pale filter ends on white paper
                frame.circle(cx, cy, d["r"], outline=MUTED, width=3)
            rgb = PURE[d["color"]]
            ink = INK if 0.3 * rgb[0] + 0.59 * rgb[1] + 0.11 * rgb[2] > 110 else (255, 255, 255)
            frame.text(lx, ly, d["color"], size=44, fill=ink, bold=True)
        size = max(40.0, min(54.0, 54 * 860 / max(1.0, text_width(text, 54))))
        frame.text(500, CAPTION_Y, text, size=size, fill=INK, bold=True)
        return frame
