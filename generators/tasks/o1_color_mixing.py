"""Colour mixing: coloured lights add (RGB), colour filters on white paper subtract.

Two or three discs of colour glide together until they overlap; the question is the colour
where a named set of them overlaps. Every colour is red, green and blue each at none, half
or full strength, and has a name (black, maroon, orange, ...: the 21 colours of COLORS).
Light adds channel by channel; an ideal filter passes each channel by its own strength, so
stacked filters multiply. Questions are kept only where every overlap stays on the named
grid: lights never add past full strength (no clipping: magenta + yellow light is not
"white") and no channel is halved twice. Colours are these exact values, not the kit
palette, because the physics needs them.
"""

from __future__ import annotations

import math
from collections import defaultdict
from functools import lru_cache
from itertools import combinations, permutations

import numpy as np
from PIL import Image, ImageChops, ImageDraw

from generators.kit import INK, MUTED, Canvas, Param, Task, easing, register, require
from generators.kit.draw import text_width

LEVELS = {  # strength of red, green, blue: 0 none, 1 half, 2 full
    "black": (0, 0, 0), "gray": (1, 1, 1), "white": (2, 2, 2),
    "red": (2, 0, 0), "green": (0, 2, 0), "blue": (0, 0, 2),
    "cyan": (0, 2, 2), "magenta": (2, 0, 2), "yellow": (2, 2, 0),
    "maroon": (1, 0, 0), "dark green": (0, 1, 0), "navy": (0, 0, 1),
    "olive": (1, 1, 0), "teal": (0, 1, 1), "purple": (1, 0, 1),
    "orange": (2, 1, 0), "chartreuse": (1, 2, 0), "spring green": (0, 2, 1),
    "azure": (0, 1, 2), "violet": (1, 0, 2), "rose": (2, 0, 1),
}  # fmt: skip
FULL = ("red", "green", "blue", "cyan", "magenta", "yellow")
HALF = tuple(c for c in LEVELS if c not in ("black", "white"))  # full and half strengths
NAME_OF = {v: k for k, v in LEVELS.items()}
STAGE = (60, 50, 940, 820)
CAPTION_Y = 895
CENTRE = (500, 425)
ANGLES = {2: (180.0, 0.0), 3: (210.0, 330.0, 90.0)}  # where each disc sits around the centre
GLOSSARY = (
    "Colour names used: black, gray (every channel at half), white, red, green, blue, "
    "cyan, magenta, yellow; at half strength maroon (red), dark green, navy (blue), olive "
    "(red and green), teal (green and blue), purple (red and blue); orange (full red, half "
    "green), chartreuse (full green, half red), spring green (full green, half blue), azure "
    "(full blue, half green), violet (full blue, half red), rose (full red, half blue)."
)


def rgb(levels) -> list[int]:
    return [(0, 128, 255)[v] for v in levels]


def mix(mode: str, colors) -> tuple[int, int, int] | None:
    """The levels where these discs overlap, or None when they leave the named grid (light
    past full strength, or a channel halved twice)."""
    out = []
    for k in range(3):
        own = [LEVELS[c][k] for c in colors]
        if mode == "additive":
            out.append(sum(own))  # light adds
        else:  # filters pass their share: zero blocks, half halves
            out.append(0 if 0 in own else (2, 1, -1, -1)[own.count(1)])
    return tuple(out) if all(0 <= v <= 2 for v in out) else None  # type: ignore[return-value]


def groups(colors) -> list[tuple[str, ...]]:
    """Every set of two or more discs: the overlaps the picture shows."""
    return [g for k in range(2, len(colors) + 1) for g in combinations(colors, k)]


@lru_cache(maxsize=32)
def questions(mode: str, n: int, shades: str, min_half: int) -> dict[tuple, list]:
    """Questions (colours in order around the centre, asked overlap) by answer, keeping
    only those whose every overlap has a named colour."""
    pool = FULL if shades == "full" else HALF
    by_answer: dict[tuple, list] = defaultdict(list)
    for colors in permutations(pool, n):
        if sum(1 in LEVELS[c] for c in colors) < min_half:
            continue
        mixes = {g: mix(mode, g) for g in groups(colors)}
        if any(m is None or m not in NAME_OF for m in mixes.values()):
            continue
        for target in [colors] if n == 2 else [colors, *combinations(colors, 2)]:
            by_answer[mixes[target]].append((colors, target))
    return dict(sorted(by_answer.items()))


def question_count(params: dict) -> int:
    modes = ("additive", "subtractive") if params["mode"] == "mixed" else (params["mode"],)
    return sum(len(qs) for m in modes for qs in questions(m, params["sources"], params["shades"],
                                                          params["min_half"]).values())  # fmt: skip


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
    description=(
        "Overlapping coloured lights add and stacked colour filters multiply; name the "
        "overlap colour among 21 named colours (channels at none, half or full strength). "
        "Named colours are few: about 11,000 distinct questions at the defaults (colours, "
        "their order and the overlap asked), each drawn at its own size and place."
    ),
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
        Param(
            "shades",
            "str",
            "half",
            choices=("full", "half"),
            help="full: the six full-strength colours; half: also half-strength ones",
        ),
        Param("min_half", "int", 0, 0, 3, help="at least this many discs with a half channel"),
    ],
    shard_size=50,
    memory="low",
    instances=11_000,  # questions at the defaults (test_question_count counts them)
    faculty="knowledge",
    levels={
        1: {"sources": 2, "shades": "full", "min_half": 0},
        2: {"sources": 3, "shades": "full", "min_half": 0},
        3: {"sources": 3, "shades": "half", "min_half": 0},
        4: {"sources": 3, "shades": "half", "min_half": 1},
        5: {"sources": 3, "shades": "half", "min_half": 2},
    },
)
class ColorMixing(Task):
    def generate(self, rng, params):
        """Mode, then the answer colour with a weight growing as the square root of its
        questions (so no colour, black included, dominates), then a question giving it;
        sizes and positions are drawn."""
        modes = ("additive", "subtractive") if params["mode"] == "mixed" else (params["mode"],)
        n = params["sources"]
        mode = modes[int(rng.integers(len(modes)))]
        by_answer = questions(mode, n, params["shades"], params["min_half"])
        require(bool(by_answer), "no question fits these params")
        weights = np.sqrt([len(qs) for qs in by_answer.values()])
        pick = list(by_answer.values())[int(rng.choice(len(weights), p=weights / weights.sum()))]
        colors, target = pick[int(rng.integers(len(pick)))]
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
        return {"mode": mode, "discs": discs, "target": list(target)}

    def solve(self, puzzle, params):
        colors = [d["color"] for d in puzzle["discs"]]
        regions = []
        for combo in groups(colors):
            levels = mix(puzzle["mode"], combo)
            regions.append({"sources": list(combo), "rgb": rgb(levels), "name": NAME_OF[levels]})
        levels = mix(puzzle["mode"], puzzle["target"])
        return {"name": NAME_OF[levels], "rgb": rgb(levels), "regions": regions}

    def check(self, puzzle, answer, params):
        mode, target, discs = puzzle["mode"], puzzle["target"], puzzle["discs"]
        require(mode in ("additive", "subtractive"), "unknown mixing mode")
        colors = [d["color"] for d in discs]
        require(all(c in LEVELS for c in colors), "a disc has an unnamed colour")
        require(set(target) <= set(colors) and len(target) >= 2,
                "the question names discs that are not there")  # fmt: skip

        def seen(group) -> list[int]:  # light sums; filters multiply fractions of full
            fractions = [[LEVELS[c][k] / 2 for c in group] for k in range(3)]
            total = [sum(f) if mode == "additive" else math.prod(f) for f in fractions]
            require(all(t <= 1 and t * 2 == round(t * 2) for t in total),
                    "an overlap leaves the named colours")  # fmt: skip
            return [(0, 128, 255)[round(t * 2)] for t in total]

        want = seen(target)
        require(answer["rgb"] == want, "the mixed colour's RGB value is wrong")
        require(answer["name"] in LEVELS and rgb(LEVELS[answer["name"]]) == want,
                "the colour name is wrong")  # fmt: skip
        listed = sorted(tuple(sorted(reg["sources"])) for reg in answer["regions"])
        require(listed == sorted(tuple(sorted(g)) for g in groups(colors)),
                "the overlaps listed are not every overlap of the discs")  # fmt: skip
        for reg in answer["regions"]:
            shown = seen(reg["sources"])
            require(reg["rgb"] == shown and reg["name"] in LEVELS
                    and rgb(LEVELS[reg["name"]]) == shown, "an overlap region's colour is wrong")  # fmt: skip
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
                     "on a black wall. Where lights overlap their red, green and blue add "
                     "(additive mixing; two halves make full strength)")  # fmt: skip
        else:
            scene = (f"The image shows {len(names)} transparent colour filters ({listed}) lying "
                     "on white paper. Each filter lets through its own share of red, green and "
                     "blue (all, half or none); where filters overlap, those shares multiply "
                     "(subtractive mixing)")  # fmt: skip
        glossary = f" {GLOSSARY}" if any(1 in LEVELS[c] for c in names) else ""
        return (
            f"{scene}.{glossary} Slide the discs together until they overlap, keeping their "
            "colours and sizes, and show the mixed colours in every overlap. What colour "
            f"appears where {asked} overlap? The caption at the bottom reads "
            f"'{caption(puzzle)}'. The video ends with the overlap region outlined and the '?' "
            "in the caption replaced by the name of the resulting colour."
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
        film.opening(scene.frame(0.0, caption(puzzle)))
        for t in easing.steps(film.seconds(2.0), easing.ease_in_out):
            film.add(scene.frame(t, caption(puzzle)))
        film.hold(scene.frame(1.0, caption(puzzle)), 0.5)
        ring = scene.region_ring()
        film.hold(scene.frame(1.0, caption(puzzle), ring), 0.8)
        film.closing(scene.frame(1.0, caption(puzzle, answer["name"]), ring))


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
        """The stage at time t, one channel at a time: light adds each disc's strength
        (half + half = full) and a filter multiplies by its share, so every channel is a few
        filled ellipses combined by ImageChops."""
        bands = []
        for k in range(3):
            band = Image.new("L", self.stage_size, 0 if self.add else 255)
            for d, rp in self.discs:
                strength = (0, 128, 255)[LEVELS[d["color"]][k]]
                if strength == (0 if self.add else 255):
                    continue  # no light in this channel, or a filter that passes all of it
                disc = Image.new("L", self.stage_size, 0 if self.add else 255)
                px, py = self.local(self.centre(d, t))
                ImageDraw.Draw(disc).ellipse((px - rp, py - rp, px + rp, py + rp), fill=strength)
                band = (ImageChops.add if self.add else ImageChops.multiply)(band, disc)
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
            label = min(44.0, 44 * 1.25 * d["r"] / text_width(d["color"], 44))  # long names shrink
            reach = abs(ux) * text_width(d["color"], label) / 2 + abs(uy) * label / 2 + 12
            off = min(d["r"] * (0.52 if len(self.discs) == 3 else 0.45), d["r"] - reach)
            lx, ly = cx + ux * off, cy + uy * off
            if not self.add:  # a thin rim shows where a pale filter ends on white paper
                frame.circle(cx, cy, d["r"], outline=MUTED, width=3)
            r, g, b = rgb(LEVELS[d["color"]])
            ink = INK if 0.3 * r + 0.59 * g + 0.11 * b > 140 else (255, 255, 255)
            frame.text(lx, ly, d["color"], size=label, fill=ink, bold=True)
        size = min(54.0, 54 * 860 / max(1.0, text_width(text, 54)))
        frame.text(500, CAPTION_Y, text, size=size, fill=INK, bold=True)
        return frame
