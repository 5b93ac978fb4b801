"""Shape analogies A -> B :: C -> ?: infer the transformation from A to B and apply it to C.

Transformations are rotations, reflections, scaling, fill/outline changes and recolouring,
alone or combined in two or three steps. Rotations and reflections use shapes without any
symmetry, so exactly one transformation maps A to B; the attributes a transformation
touches are the same in C as in A, so "make it blue" and "red becomes blue" agree. The
video copies C into the empty panel and transforms it step by step into D.
"""

from __future__ import annotations

import math

from generators.kit import (
    INK,
    MUTED,
    NAMED,
    Canvas,
    Param,
    Task,
    distinct,
    easing,
    register,
    require,
    shape_points,
)

# Shapes without rotational or mirror symmetry (unit box, y down), for rotations/reflections.
CHIRAL: dict[str, list[tuple[float, float]]] = {
    "L-shape": [(-0.55, -1), (-0.05, -1), (-0.05, 0.5), (0.75, 0.5), (0.75, 1), (-0.55, 1)],
    "flag": [(-0.7, -1), (-0.45, -1), (0.8, -0.5), (-0.45, 0.0), (-0.45, 1), (-0.7, 1)],
    "F-shape": [
        (-0.6, -1),
        (0.7, -1),
        (0.7, -0.6),
        (-0.1, -0.6),
        (-0.1, -0.15),
        (0.45, -0.15),
        (0.45, 0.25),
        (-0.1, 0.25),
        (-0.1, 1),
        (-0.6, 1),
    ],
    "lightning bolt": [
        (-0.15, -1),
        (0.55, -1),
        (0.15, -0.25),
        (0.6, -0.25),
        (-0.45, 1),
        (-0.1, 0.12),
        (-0.55, 0.12),
    ],
    "number-7 shape": [
        (-0.75, -1),
        (0.75, -1),
        (0.75, -0.6),
        (0.0, 1),
        (-0.5, 1),
        (0.2, -0.6),
        (-0.75, -0.6),
    ],
}
SYMMETRIC = ("circle", "square", "triangle", "star", "hexagon", "diamond")
COLORS = ("red", "blue", "green", "orange", "purple", "yellow", "pink", "cyan")
SIZES = {"small": 0.6, "large": 1.0}
GEOMETRY = {  # name -> (mirror, clockwise degrees) acting on the figure as it appears
    "rotate 90 degrees clockwise": (0, 90),
    "rotate 90 degrees counterclockwise": (0, 270),
    "rotate 180 degrees": (0, 180),
    "mirror left to right": (1, 0),
    "flip upside down": (1, 180),
}
FAMILIES = ("geometry", "size", "fill", "color")
PANEL = 370
PANELS = {"A": (60, 85), "B": (570, 85), "C": (60, 555), "D": (570, 555)}  # top-left corners
FIG_R = 132
WHITE = (255, 255, 255)


def compose(g, p):
    """Pose g after pose p; a pose (m, r) maps a point to R(r) M^m (point), M = mirror x."""
    return ((g[0] + p[0]) % 2, (g[1] + (-p[1] if g[0] else p[1])) % 360)


def pose_points(shape: str, pose, radius: float = 1.0) -> list[tuple[float, float]]:
    """Vertices of a shape under a pose, scaled by radius, centred on the origin."""
    if shape in CHIRAL:
        pts = CHIRAL[shape]
    elif shape == "circle":
        pts = [(math.cos(k * math.pi / 24), math.sin(k * math.pi / 24)) for k in range(48)]
    else:
        pts = shape_points(shape, 0.0, 0.0, 1.0)
    return move_points([(radius * x, radius * y) for x, y in pts], pose)


def move_points(pts, move) -> list[tuple[float, float]]:
    """Points mirrored left-right (if move[0]) and then turned move[1] degrees clockwise."""
    a = math.radians(move[1])
    out = []
    for x, y in pts:
        x = -x if move[0] else x
        out.append((x * math.cos(a) - y * math.sin(a), x * math.sin(a) + y * math.cos(a)))
    return out


def same_outline(p, q) -> bool:
    key = lambda pts: sorted((round(x, 3) + 0.0, round(y, 3) + 0.0) for x, y in pts)  # noqa: E731
    return key(p) == key(q)


ALL_POSES = [(m, r) for m in (0, 1) for r in (0, 90, 180, 270)]


def apply(fig: dict, steps: list[dict]) -> dict:
    out = dict(fig)
    for s in steps:
        if s["family"] == "geometry":
            out["pose"] = list(compose(GEOMETRY[s["name"]], out["pose"]))
        elif s["family"] == "size":
            out["size"] = s["to"]
        elif s["family"] == "fill":
            out["filled"] = s["to"]
        else:
            out["color"] = s["to"]
    return out


def rule_count(families: list[str]) -> int:
    """How many analogies a rule with these families can make: ordered pairs of different
    shapes for A and C, times each step's settings (for a turn or mirror also A's pose)."""
    shapes = len(CHIRAL) + (0 if "geometry" in families else len(SYMMETRIC))
    count = shapes * (shapes - 1)
    for fam in families:
        count *= {"geometry": len(GEOMETRY) * len(ALL_POSES), "size": 2, "fill": 2,
                  "color": len(COLORS) * (len(COLORS) - 1)}[fam]  # fmt: skip
    return count


def describe(fig: dict) -> str:
    style = "filled" if fig["filled"] else "outlined"
    return f"a {fig['size']} {style} {fig['color']} {fig['shape']}"


def step_text(s: dict) -> str:
    if s["family"] == "geometry":
        return s["name"]
    if s["family"] == "size":
        return "make it " + ("larger" if s["to"] == "large" else "smaller")
    if s["family"] == "fill":
        return "fill it in" if s["to"] else "make it an outline only"
    return f"recolour it {s['to']}"


@register(
    "O-51_shape_transform",
    title="Shape transformation analogies",
    description="A is to B as C is to ?: apply A's rotation, reflection, size, fill or colour change to C.",
    category="spatial-visual",
    params=[
        Param("min_steps", "int", 1, 1, 3, help="fewest transformations combined in one rule"),
        Param("max_steps", "int", 2, 1, 3, help="most transformations combined in one rule"),
        Param(
            "turns",
            "str",
            "any",
            choices=("any", "never", "always"),
            help="whether the rule rotates or mirrors: sometimes, never or always",
        ),
    ],
    shard_size=60,
    memory="low",
    instances=2_000_000,  # measured: about 2.4 million (20,000 draws)
    faculty="transformation",
    levels={
        1: {"min_steps": 1, "max_steps": 1, "turns": "never"},
        2: {"min_steps": 1, "max_steps": 1, "turns": "any"},
        3: {"min_steps": 1, "max_steps": 2, "turns": "any"},
        4: {"min_steps": 2, "max_steps": 3, "turns": "any"},
        5: {"min_steps": 3, "max_steps": 3, "turns": "always"},
    },
)
class ShapeTransform(Task):
    def generate(self, rng, params):
        """The families of the rule are drawn; the rest of what defines the task (the shapes of
        A and C, each step's setting and the attributes of A it acts on, A's pose when the
        rule turns or mirrors) is the instance number, read in mixed radix, so samples with
        the same rule families are different analogies. Untouched attributes are random."""
        lo, hi = sorted((params["min_steps"], params["max_steps"]))
        k = int(rng.integers(lo, hi + 1))
        if params["turns"] == "any":
            families = [FAMILIES[int(i)] for i in rng.choice(4, size=k, replace=False)]
        else:  # the appearance changes, with a turn or mirror first when always
            looks = [FAMILIES[1 + int(i)] for i in rng.choice(3, size=k, replace=False)]
            families = ["geometry", *looks[: k - 1]] if params["turns"] == "always" else looks
        geometric = "geometry" in families
        pool = list(CHIRAL) if geometric else list(CHIRAL) + list(SYMMETRIC)
        x = distinct(rng, rule_count(families))
        x, pair = divmod(x, len(pool) * (len(pool) - 1))
        i, j = divmod(pair, len(pool) - 1)
        sa, sc = pool[i], pool[j + (j >= i)]

        def pose_for(shape):
            if shape in CHIRAL:
                return list(ALL_POSES[int(rng.integers(8))])
            return [0, 0]

        a = {"shape": sa, "color": COLORS[int(rng.integers(8))], "filled": bool(rng.random() < 0.6),
             "size": str(("small", "large")[int(rng.integers(2))]), "pose": pose_for(sa)}  # fmt: skip
        c = {"shape": sc, "color": COLORS[int(rng.integers(8))], "filled": bool(rng.random() < 0.6),
             "size": str(("small", "large")[int(rng.integers(2))]), "pose": pose_for(sc)}  # fmt: skip
        if geometric:
            x, pose = divmod(x, len(ALL_POSES))
            a["pose"] = list(ALL_POSES[pose])
        steps = []
        for fam in families:
            if fam == "geometry":
                x, name = divmod(x, len(GEOMETRY))
                steps.append({"family": fam, "name": list(GEOMETRY)[name]})
                c["pose"] = list(a["pose"])
            elif fam == "size":
                x, size = divmod(x, 2)
                a["size"] = c["size"] = ("small", "large")[size]
                steps.append({"family": fam, "to": "large" if a["size"] == "small" else "small"})
            elif fam == "fill":
                x, filled = divmod(x, 2)
                a["filled"] = c["filled"] = bool(filled)
                steps.append({"family": fam, "to": not a["filled"]})
            else:
                x, pair = divmod(x, len(COLORS) * (len(COLORS) - 1))
                i, j = divmod(pair, len(COLORS) - 1)
                a["color"] = c["color"] = COLORS[i]
                steps.append({"family": fam, "to": COLORS[j + (j >= i)]})
        return {"a": a, "b": apply(a, steps), "c": c, "steps": steps}

    def solve(self, puzzle, params):
        d = apply(puzzle["c"], puzzle["steps"])
        rule = ", then ".join(step_text(s) for s in puzzle["steps"])
        return {"d": d, "rule": rule, "description": describe(d)}

    def check(self, puzzle, answer, params):
        a, b, c, d = puzzle["a"], puzzle["b"], puzzle["c"], answer["d"]
        require(a["shape"] == b["shape"], "A and B are different shapes")
        require(d["shape"] == c["shape"], "D is not C's shape")
        # infer the rule from A and B alone, attribute by attribute
        for key in ("color", "size", "filled"):
            if a[key] != b[key]:
                require(c[key] == a[key], f"C's {key} differs from A's, so the rule is ambiguous")
                require(d[key] == b[key], f"D's {key} is not what the rule makes it")
            else:
                require(d[key] == c[key], f"D's {key} changed although A's did not")
        ua, ub = pose_points(a["shape"], a["pose"]), pose_points(b["shape"], b["pose"])
        uc, ud = pose_points(c["shape"], c["pose"]), pose_points(d["shape"], d["pose"])
        moves = [g for g in ALL_POSES if same_outline(move_points(ua, g), ub)]
        require(len(moves) >= 1, "no rotation or reflection maps A onto B")
        if not same_outline(ua, ub):  # A is rotated or reflected: that must be unambiguous
            require(len(moves) == 1, "more than one rotation or reflection maps A onto B")
            require(c["pose"] == a["pose"], "C is not posed like A, so the rule is ambiguous")
            sym = [g for g in ALL_POSES[1:] if same_outline(move_points(uc, g), uc)]
            require(not sym, "C has a symmetry, so its rotation is ambiguous")
            require(same_outline(ud, move_points(uc, moves[0])),
                    "D is not C rotated or reflected like A to B")  # fmt: skip
        else:
            require(same_outline(ud, uc), "D is rotated or reflected although B is not")
        require(answer["description"] == describe(d), "the description does not match D")

    def prompt(self, puzzle, params):
        return (
            "The image shows four panels. Top row: figure A on the left and, after the arrow, "
            "figure B, which is A after a transformation (rotation, reflection, a change of size, "
            "of fill or of colour, or a combination of these). Bottom row: figure C and an empty "
            "panel marked '?'. Find the transformation that turns A into B and apply the same "
            "transformation to C. Panels A, B and C stay unchanged. Copy C into the '?' panel and "
            "transform it step by step; the video ends when the '?' panel shows the result D."
        )

    def rubric(self, puzzle, answer, params):
        c = puzzle["c"]
        return "\n".join([
            "1. Panels A, B and C, the arrows and the labels do not change.",
            f"2. The transformation from A to B is: {answer['rule']}.",
            f"3. The '?' panel starts from a copy of C ({describe(c)}).",
            "4. The copy is transformed step by step, one change at a time, in view.",
            f"5. The final frame shows D in the '?' panel: {answer['description']}, C's shape "
            "with the same transformation applied.",
        ])  # fmt: skip

    def render(self, puzzle, answer, params, film):
        base = film.canvas()
        for name, (x, y) in PANELS.items():
            base.rect(x, y, x + PANEL, y + PANEL, fill=WHITE, outline=MUTED, width=5, radius=18)
            base.text(x + 12, y - 12, name, size=44, anchor="ld", bold=True)
        for row in ("A", "C"):
            x, y = PANELS[row]
            base.arrow(
                (x + PANEL + 22, y + PANEL / 2), (570 - 22, y + PANEL / 2), fill=INK, width=10
            )
        for key, name in (("a", "A"), ("b", "B"), ("c", "C")):
            draw_figure(base, puzzle[key], *centre(name))
        question = base.copy()
        question.text(*centre("D"), "?", size=160, fill=MUTED, bold=True)
        film.opening(question)
        fig = dict(puzzle["c"])
        # the copy of C fades into the empty panel
        for t in easing.steps(film.seconds(0.5)):
            frame = base.copy()
            draw_figure(frame, fig, *centre("D"), fade=1 - t)
            film.add(frame)
        film.hold(frame, 0.3)
        per = min(1.0, 3.6 / len(puzzle["steps"]))
        for k, step in enumerate(puzzle["steps"], start=1):
            after = apply(fig, [step])
            for t in easing.steps(film.seconds(per), easing.ease_in_out):
                frame = base.copy()
                draw_between(frame, fig, after, step, t, *centre("D"))
                if t < 1:
                    film.add(frame)
            fig = after
            film.hold(frame, 0.3) if k < len(puzzle["steps"]) else film.closing(frame)


def centre(name: str) -> tuple[float, float]:
    x, y = PANELS[name]
    return (x + PANEL / 2, y + PANEL / 2)


def draw_figure(
    canvas: Canvas,
    fig: dict,
    cx,
    cy,
    fade: float = 0.0,
    screen=(1.0, 1.0, 0.0),
    radius: float | None = None,
    fill_t: float | None = None,
    color=None,
) -> None:
    """One figure; `screen` = (x scale, y scale, extra clockwise degrees) applied on top of
    its pose (for animation); fill_t blends outline (0) to filled (1)."""
    r = radius if radius is not None else FIG_R * SIZES[fig["size"]]
    rgb = color if color is not None else NAMED[fig["color"]]
    sx, sy, extra = screen
    a = math.radians(extra)
    pts = []
    for x, y in pose_points(fig["shape"], fig["pose"], r):
        x, y = x * math.cos(a) - y * math.sin(a), x * math.sin(a) + y * math.cos(a)
        pts.append((cx + sx * x, cy + sy * y))
    f = (1.0 if fig["filled"] else 0.0) if fill_t is None else fill_t
    fill = easing.lerp_color(WHITE, rgb, f) if f > 0 else None
    line = easing.lerp_color(rgb, INK, f)
    if fade:
        fill = easing.lerp_color(fill, WHITE, fade) if fill else None
        line = easing.lerp_color(line, WHITE, fade)
    canvas.polygon(pts, fill=fill, outline=line, width=easing.lerp(13, 5, f))


def draw_between(canvas: Canvas, fig: dict, after: dict, step: dict, t: float, cx, cy) -> None:
    fam = step["family"]
    if fam == "geometry":
        m, deg = GEOMETRY[step["name"]]
        if m == 0:  # rotate in view; the counterclockwise turn goes the short way
            turn = deg if deg != 270 else -90
            draw_figure(canvas, fig, cx, cy, screen=(1.0, 1.0, turn * t))
        elif deg == 0:  # mirror left-right: squash through zero width
            draw_figure(canvas, fig, cx, cy, screen=(1 - 2 * t, 1.0, 0.0))
        else:  # flip upside down: squash through zero height
            draw_figure(canvas, fig, cx, cy, screen=(1.0, 1 - 2 * t, 0.0))
    elif fam == "size":
        r0, r1 = FIG_R * SIZES[fig["size"]], FIG_R * SIZES[after["size"]]
        draw_figure(canvas, fig, cx, cy, radius=easing.lerp(r0, r1, t))
    elif fam == "fill":
        draw_figure(canvas, fig, cx, cy, fill_t=t if after["filled"] else 1 - t)
    else:
        rgb = easing.lerp_color(NAMED[fig["color"]], NAMED[after["color"]], t)
        draw_figure(canvas, fig, cx, cy, color=rgb)
