"""Object subtraction: remove the objects a rule names (by colour, shape or both); count the rest.

The prompt names one to three removal rules ("all red objects", "all triangles", "all blue
squares"); an object matching several rules is removed once. The video applies the rules
in order, removing the matching objects one by one, and ends showing how many remain.
"""

from __future__ import annotations

from generators.kit import (
    BACKGROUND,
    HIGHLIGHT,
    INK,
    NAMED,
    Canvas,
    Param,
    Task,
    easing,
    register,
    require,
)

SHAPES = ("circle", "square", "triangle", "star", "hexagon", "diamond")
COLORS = ("red", "blue", "green", "yellow", "purple", "orange")
COLS, ROWS = 5, 4
AREA = (60, 60, 940, 830)  # where objects go; the caption band lies below
CAPTION_Y = 895


def plural(shape: str) -> str:
    return shape + "s"


def rule_text(rule: dict) -> str:
    if "color" in rule and "shape" in rule:
        return f"all {rule['color']} {plural(rule['shape'])}"
    if "color" in rule:
        return f"all {rule['color']} objects"
    return f"all {plural(rule['shape'])}"


def matches(rule: dict, obj: dict) -> bool:
    return all(obj[k] == v for k, v in rule.items())


def summary(objs: list[dict], ids: list[int]) -> str:
    """'3 red triangles, 1 blue square': counts of each kind, most common first."""
    counts: dict[tuple[str, str], int] = {}
    for i in ids:
        key = (objs[i]["color"], objs[i]["shape"])
        counts[key] = counts.get(key, 0) + 1
    kinds = sorted(counts, key=lambda k: (-counts[k], k))
    return ", ".join(f"{counts[k]} {k[0]} {plural(k[1]) if counts[k] > 1 else k[1]}"
                     for k in kinds)  # fmt: skip


def reading_order(objs: list[dict], ids: list[int]) -> list[int]:
    return sorted(ids, key=lambda i: (objs[i]["row"], objs[i]["x"]))


@register(
    "O-43_object_subtraction",
    title="Object subtraction",
    description="Remove the objects named by colour and/or shape, one by one; count what remains.",
    category="counting-math",
    params=[
        Param("objects", "int", 12, 5, 20, help="objects at the start"),
        Param("rules", "int", 2, 1, 3, help="removal rules named in the prompt"),
    ],
    shard_size=60,
    memory="low",
    instances=2_666_666,  # the measured lower bound
    faculty="perception",
    levels={
        1: {"objects": 6, "rules": 1},
        2: {"objects": 9, "rules": 1},
        3: {"objects": 12, "rules": 2},
        4: {"objects": 16, "rules": 2},
        5: {"objects": 20, "rules": 3},
    },
    jumps="each rule's caption and the rings around the objects it removes appear in one step",
)
class ObjectSubtraction(Task):
    def generate(self, rng, params):
        n, n_rules = params["objects"], params["rules"]
        while True:
            shapes = [SHAPES[int(i)] for i in rng.choice(6, size=int(rng.integers(3, 5)),
                                                           replace=False)]  # fmt: skip
            colors = [COLORS[int(i)] for i in rng.choice(6, size=int(rng.integers(3, 5)),
                                                           replace=False)]  # fmt: skip
            cells = [int(c) for c in rng.choice(COLS * ROWS, size=n, replace=False)]
            cw, ch = (AREA[2] - AREA[0]) / COLS, (AREA[3] - AREA[1]) / ROWS
            objs = []
            for cell in sorted(cells):
                row, col = divmod(cell, COLS)
                r = int(rng.integers(58, 71))
                jx, jy = cw / 2 - r - 12, ch / 2 - r - 12
                objs.append({
                    "shape": shapes[int(rng.integers(len(shapes)))],
                    "color": colors[int(rng.integers(len(colors)))],
                    "x": round(AREA[0] + (col + 0.5) * cw + float(rng.uniform(-jx, jx))),
                    "y": round(AREA[1] + (row + 0.5) * ch + float(rng.uniform(-jy, jy))),
                    "r": r, "row": row,
                })  # fmt: skip
            rules = self._rules(rng, objs, n_rules)
            if rules is not None:
                return {"objects": objs, "rules": rules}

    def _rules(self, rng, objs, n_rules):
        """Rules that each remove something new, leaving at least two objects; None if stuck."""
        rules: list[dict] = []
        gone: set[int] = set()
        for _ in range(n_rules):
            options = []
            for o in objs:
                for rule in ({"color": o["color"]}, {"shape": o["shape"]},
                             {"color": o["color"], "shape": o["shape"]}):  # fmt: skip
                    if rule in rules or rule in options:
                        continue
                    hit = {i for i, p in enumerate(objs) if matches(rule, p)}
                    if hit - gone and len(objs) - len(gone | hit) >= 2:
                        options.append(rule)
            if not options:
                return None
            # single-attribute rules usually, a colour-and-shape rule now and then
            kind = ["color", "shape", "both"][int(rng.choice(3, p=[0.4, 0.4, 0.2]))]
            of_kind = [r for r in options if (len(r) == 2) == (kind == "both")
                       and (kind == "both" or kind in r)]  # fmt: skip
            pool = of_kind or options
            rule = pool[int(rng.integers(len(pool)))]
            rules.append(rule)
            gone |= {i for i, p in enumerate(objs) if matches(rule, p)}
        return rules

    def solve(self, puzzle, params):
        objs = puzzle["objects"]
        left = list(range(len(objs)))
        steps = []
        for rule in puzzle["rules"]:
            hit = reading_order(objs, [i for i in left if matches(rule, objs[i])])
            steps.append(hit)
            left = [i for i in left if i not in hit]
        return {"steps": steps, "remaining": left, "count": len(left),
                "remaining_names": [f"{objs[i]['color']} {objs[i]['shape']}" for i in left],
                "summary": summary(objs, left)}  # fmt: skip

    def check(self, puzzle, answer, params):
        objs, rules = puzzle["objects"], puzzle["rules"]
        require(len(answer["steps"]) == len(rules), "one removal step per rule is expected")
        present = set(range(len(objs)))
        for rule, step in zip(rules, answer["steps"]):
            want = {i for i in present if all(objs[i][k] == v for k, v in rule.items())}
            require(set(step) == want and len(step) == len(want),
                    f"the step for '{rule_text(rule)}' removes the wrong objects")  # fmt: skip
            require(want, f"'{rule_text(rule)}' removes nothing")
            present -= want
        require(sorted(answer["remaining"]) == sorted(present), "the remaining objects are wrong")
        require(answer["count"] == len(present), "the remaining count is wrong")
        require(answer["count"] >= 1, "nothing remains")
        require(answer["remaining_names"] == [f"{objs[i]['color']} {objs[i]['shape']}"
                                              for i in answer["remaining"]],
                "the remaining names do not match")  # fmt: skip
        require(answer["summary"] == summary(objs, answer["remaining"]),
                "the summary does not match the remaining objects")  # fmt: skip

    def prompt(self, puzzle, params):
        n = len(puzzle["objects"])
        rules = [rule_text(r) for r in puzzle["rules"]]
        said = rules[0] if len(rules) == 1 else ", then ".join(rules)
        return (
            f"The image shows {n} coloured shapes. Remove {said}; an object already removed is "
            "not removed again. Apply the rules in the order given, step by step: for each rule a "
            "caption naming it appears at the bottom and the objects it removes are ringed in "
            "yellow at once; then they shrink away one at a time. Every other object stays "
            "exactly where it is. Then "
            "count the objects that remain. The video ends with only the remaining objects on "
            "screen and the caption 'N remain' at the bottom, where N is their number."
        )

    def rubric(self, puzzle, answer, params):
        removed = sum(len(s) for s in answer["steps"])
        names = answer["summary"]
        lines = [f"{k + 1}. '{rule_text(r)}': {len(s)} object{'s' if len(s) != 1 else ''} "
                 "removed." for k, (r, s) in enumerate(zip(puzzle["rules"], answer["steps"]))]  # fmt: skip
        k = len(lines)
        return "\n".join([
            *lines,
            f"{k + 1}. In total {removed} objects are removed, one at a time; no object that "
            "does not match a rule disappears, moves or changes.",
            f"{k + 2}. The remaining objects are: {names}.",
            f"{k + 3}. The final frame shows {answer['count']} objects and the caption "
            f"'{answer['count']} remain'.",
        ])  # fmt: skip

    def render(self, puzzle, answer, params, film):
        objs = puzzle["objects"]
        present = list(range(len(objs)))

        def scene(ids, caption=None, rings=(), skip=None) -> Canvas:
            c = film.canvas()
            for i in ids:
                if i != skip:
                    draw_object(c, objs[i], objs[i]["r"])
            for i in rings:
                c.circle(objs[i]["x"], objs[i]["y"], objs[i]["r"] + 16, outline=HIGHLIGHT,
                         width=9)  # fmt: skip
            if caption:
                c.text(500, CAPTION_Y, caption, size=54, bold=True)
            return c

        film.opening(scene(present))
        total = sum(len(s) for s in answer["steps"])
        per = min(0.4, 3.6 / max(total, 1))
        for rule, step in zip(puzzle["rules"], answer["steps"]):
            caption = "Remove " + rule_text(rule)
            film.hold(scene(present, caption, step), 0.6)
            for k, i in enumerate(step):
                base = scene(present, caption, step[k + 1 :], skip=i)
                for t in easing.steps(film.seconds(per), easing.ease_in):
                    frame = base.copy()
                    draw_object(frame, objs[i], objs[i]["r"] * (1 - t), fade=t)
                    film.add(frame)
                present.remove(i)
        film.closing(scene(present, f"{answer['count']} remain"))


def draw_object(canvas: Canvas, o: dict, r: float, fade: float = 0.0) -> None:
    if r < 2:
        return
    fill = easing.lerp_color(NAMED[o["color"]], BACKGROUND, fade * 0.6)
    canvas.shape(o["shape"], o["x"], o["y"], r, fill=fill, outline=INK, width=5)
