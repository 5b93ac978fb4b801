"""Sequence completion: find the next term(s) of a number or picture sequence.

Numbers follow an arithmetic, geometric, square-number or Fibonacci-like rule; pictures
cycle through shapes, colours, or both, or an arrow turns by a fixed angle each step.
Every shown sequence admits exactly one continuation among these rules. The video marks
the rule under the terms and then reveals the missing ones.
"""

from __future__ import annotations

import itertools
import math
from fractions import Fraction
from functools import cache

from generators.kit import (
    HIGHLIGHT,
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
)
from generators.kit.palette import lighten

SHAPES = ("circle", "square", "triangle", "star", "hexagon", "diamond")
COLORS = ("red", "blue", "green", "orange", "purple", "yellow", "pink", "cyan")
DIRECTIONS = ("up", "up-right", "right", "down-right", "down", "down-left", "left", "up-left")
NUMERIC = ("arithmetic", "geometric", "squares", "fibonacci")
VISUAL = ("shape cycle", "colour cycle", "shape and colour cycle", "turning arrow")
ROW_Y = 500
MAX_NUMBER = 9999
MIN_NUMBER = -999  # keeps "-999" inside its box
MAX_SLOTS = 10


# --- rules: each fits the shown terms or not, and predicts what follows -------------------


def fit_arithmetic(t: list[int]):
    d = t[1] - t[0]
    if all(b - a == d for a, b in itertools.pairwise(t)):
        return lambda k: [t[-1] + d * (i + 1) for i in range(k)]
    return None


def fit_geometric(t: list[int]):
    if 0 in t:
        return None
    r = Fraction(t[1], t[0])
    if r in (0, 1) or any(b != a * r for a, b in itertools.pairwise(t)):
        return None
    return lambda k: [t[-1] * r ** (i + 1) for i in range(k)]


def fit_squares(t: list[int]):
    """Squares of consecutive whole numbers (or of every second one), counting up or down."""
    if any(v < 0 for v in t):
        return None
    roots = [math.isqrt(v) for v in t]
    if any(r * r != v for r, v in zip(roots, t)):
        return None
    step = roots[1] - roots[0]
    if step in (1, -1, 2, -2) and all(b - a == step for a, b in itertools.pairwise(roots)):
        return lambda k: [(roots[-1] + step * (i + 1)) ** 2 for i in range(k)]
    return None


def fit_quadratic(t: list[int]):
    """Constant second difference (catches square-like sequences the other rules miss)."""
    d2 = [(c - b) - (b - a) for a, b, c in zip(t, t[1:], t[2:])]
    if len(set(d2)) != 1 or d2[0] == 0:
        return None

    def more(k):
        out, last, step = [], t[-1], t[-1] - t[-2]
        for _ in range(k):
            step += d2[0]
            last += step
            out.append(last)
        return out

    return more


def fit_fibonacci(t: list[int]):
    if all(c == a + b for a, b, c in zip(t, t[1:], t[2:])):

        def more(k):
            out = list(t[-2:])
            for _ in range(k):
                out.append(out[-1] + out[-2])
            return out[2:]

        return more
    return None


FITS = {"arithmetic": fit_arithmetic, "geometric": fit_geometric, "squares": fit_squares,
        "quadratic": fit_quadratic, "fibonacci": fit_fibonacci}  # fmt: skip


def continuations(shown: list[int], k: int) -> dict[str, list[int]]:
    """What every rule that fits the shown numbers says comes next."""
    out = {}
    for name, fit in FITS.items():
        more = fit(shown)
        if more is not None:
            out[name] = more(k)
    return out


def smallest_period(items: list) -> int:
    for p in range(1, len(items) + 1):
        if all(items[i] == items[i + p] for i in range(len(items) - p)):
            return p
    return len(items)


def turn_of(shown: list[dict]) -> int | None:
    """The constant clockwise turn (degrees) between consecutive arrows, if there is one."""
    turns = {(b["angle"] - a["angle"]) % 360 for a, b in itertools.pairwise(shown)}
    return turns.pop() if len(turns) == 1 else None


def rule_text(puzzle: dict) -> str:
    fam, shown = puzzle["family"], puzzle["shown"]
    if fam == "arithmetic":
        d = shown[1] - shown[0]
        return f"add {d} each time" if d > 0 else f"subtract {-d} each time"
    if fam == "geometric":
        r = Fraction(shown[1], shown[0])
        if r.denominator > 1:
            return f"divide by {r.denominator} each time"
        return f"multiply by {r.numerator} each time"
    if fam == "squares":
        step = math.isqrt(shown[1]) - math.isqrt(shown[0])
        which = "consecutive whole numbers" if abs(step) == 1 else "every second whole number"
        return f"square numbers of {which}, counting {'up' if step > 0 else 'down'}"
    if fam == "fibonacci":
        return "each term is the sum of the two before it"
    if fam == "turning arrow":
        turn = turn_of(shown)
        return f"the arrow turns {turn if turn <= 180 else 360 - turn} degrees " + (
            "clockwise" if turn <= 180 else "counterclockwise") + " each step"  # fmt: skip
    periods = attribute_periods(shown)
    parts = [f"the {'colour' if key == 'color' else key}s repeat every {p} terms"
             for key, p in periods.items() if p > 1]  # fmt: skip
    return " and ".join(parts)


def attribute_periods(shown: list[dict]) -> dict[str, int]:
    """The repeat length of the shapes and of the colours (1 = the same throughout)."""
    return {key: smallest_period([t[key] for t in shown]) for key in ("shape", "color")}


def describe(term) -> str:
    if isinstance(term, int):
        return str(term)
    article = "an" if term["color"][0] in "aeiou" else "a"
    if term["shape"] == "arrow":
        return f"{article} {term['color']} arrow pointing {DIRECTIONS[term['angle'] // 45]}"
    return f"{article} {term['color']} {term['shape']}"


@register(
    "O-45_sequence_completion",
    title="Sequence completion",
    description="Continue a number or picture sequence: arithmetic, geometric, squares, Fibonacci, shape/colour/direction cycles.",
    category="counting-math",
    params=[
        Param(
            "kind",
            "str",
            "any",
            choices=("any", "numeric", "visual"),
            help="number sequences, picture sequences, or either",
        ),
        Param("missing", "int", 1, 1, 2, help="terms to find at the end"),
    ],
    shard_size=60,
    memory="low",
    # at the defaults: 865,043 number sequences (784,000 arithmetic, 79,202 Fibonacci-like,
    # 1,115 geometric, 726 square) and 448,288 picture sequences, about 1.3 * 10^6
    instances=10**6,
)
class SequenceCompletion(Task):
    def generate(self, rng, params):
        """Kind, family and length are drawn; the rule's settings and start (or the cycle and
        its fixed attribute) are the instance number, so samples of one family and length
        are different sequences."""
        kind, k = params["kind"], params["missing"]
        if kind == "any":
            kind = ("numeric", "visual")[int(rng.integers(2))]
        if kind == "numeric":
            # small rule families are drawn less often
            fam = NUMERIC[int(rng.choice(4, p=[0.45, 0.08, 0.06, 0.41]))]
            shown = numeric_terms(rng, fam, k)
        else:
            fam = VISUAL[int(rng.choice(4, p=[0.31, 0.31, 0.32, 0.06]))]
            terms, n_shown = visual_terms(rng, fam, k)
            shown = terms[:n_shown]
        return {"kind": kind, "family": fam, "shown": shown, "missing": k}

    def solve(self, puzzle, params):
        shown, k, fam = puzzle["shown"], puzzle["missing"], puzzle["family"]
        if puzzle["kind"] == "numeric":
            terms = [int(v) for v in FITS[fam](shown)(k)]
        elif fam == "turning arrow":
            turn, last = turn_of(shown), shown[-1]
            terms = [{**last, "angle": (last["angle"] + turn * (i + 1)) % 360} for i in range(k)]
        else:  # shapes and colours each continue their own cycle
            periods = attribute_periods(shown)
            n = len(shown)
            full = list(shown)
            for _ in range(k):
                i = len(full)
                full.append({"shape": full[i - periods["shape"]]["shape"],
                             "color": full[i - periods["color"]]["color"], "angle": 0})  # fmt: skip
            terms = full[n:]
        return {"terms": terms, "rule": rule_text(puzzle),
                "described": [describe(t) for t in terms]}  # fmt: skip

    def check(self, puzzle, answer, params):
        shown, k = puzzle["shown"], puzzle["missing"]
        require(len(answer["terms"]) == k, f"expected {k} missing term(s)")
        if puzzle["kind"] == "numeric":
            options = continuations(shown, k)
            require(options, "no known rule fits the shown numbers")
            require(len({tuple(v) for v in options.values()}) == 1,
                    "two rules fit the shown numbers but continue differently")  # fmt: skip
            require(answer["terms"] == next(iter(options.values())), "the next terms are wrong")
        elif puzzle["family"] == "turning arrow":
            turn = turn_of(shown)
            require(turn is not None and turn != 0, "the arrows do not turn by a constant step")
            require(len(shown) >= 3, "too few arrows to see the turn")
            angle = shown[-1]["angle"]
            for term in answer["terms"]:
                angle = (angle + turn) % 360
                require(term["angle"] == angle and term["color"] == shown[-1]["color"],
                        "a next arrow points the wrong way")  # fmt: skip
        else:
            # each cycle (of shapes, of colours) must repeat at least twice in view, so its
            # length is certain; the next terms then continue both cycles
            full = shown + answer["terms"]
            for key in ("shape", "color"):
                items = [t[key] for t in shown]
                p = next(q for q in range(1, len(items) + 1)
                         if all(items[i] == items[i + q] for i in range(len(items) - q)))  # fmt: skip
                require(2 * p <= len(shown), f"the {key} pattern is not shown twice")
                require(all(full[i][key] == full[i - p][key] for i in range(len(shown), len(full))),
                        f"the next terms break the {key} pattern")  # fmt: skip
            require(all(t.get("angle", 0) == 0 for t in answer["terms"]), "a shape is turned")
        require(answer["described"] == [describe(t) for t in answer["terms"]],
                "the descriptions do not match the terms")  # fmt: skip

    def prompt(self, puzzle, params):
        n, k = len(puzzle["shown"]), puzzle["missing"]
        what = "numbers" if puzzle["kind"] == "numeric" else "pictures"
        ask = "the next term" if k == 1 else f"the next {k} terms"
        return (
            f"The image shows a sequence of {n} {what} in boxes from left to right, followed by "
            f"{k} empty box{'es' if k > 1 else ''} marked '?'. The sequence follows one simple "
            "rule (a constant step, a constant factor, square numbers, each term the sum of the "
            "two before it, a repeating cycle of shapes or colours, or an arrow turning by a "
            f"constant angle). Work out the rule and fill in {ask}. The shown terms stay "
            "unchanged. Mark the rule under the sequence, then fill the '?' boxes in order; the "
            "video ends when every box holds a term."
        )

    def rubric(self, puzzle, answer, params):
        shown = ", ".join(describe(t) for t in puzzle["shown"])
        wanted = "; ".join(answer["described"])
        return "\n".join([
            f"1. The shown terms stay unchanged: {shown}.",
            f"2. The rule is: {answer['rule']}.",
            f"3. The '?' box{'es are' if puzzle['missing'] > 1 else ' is'} filled, left to "
            f"right, with: {wanted}.",
            "4. No other box changes, and nothing else is added to the row.",
            "5. The final frame shows every box filled.",
        ])  # fmt: skip

    def render(self, puzzle, answer, params, film):
        shown, terms = puzzle["shown"], answer["terms"]
        total = len(shown) + len(terms)
        slot = min(140.0, 900 / total)
        box = slot * 0.86
        # one text size for every number, fitted to the longest
        longest = max(len(str(t)) for t in shown + terms) if puzzle["kind"] == "numeric" else 1
        text_size = max(40.0, min(72.0, box * 0.85 / (0.56 * longest)))
        x0 = 500 - slot * total / 2

        def cx(i):
            return x0 + (i + 0.5) * slot

        base = film.canvas()
        base.text(500, 290, "What comes next?", size=60, bold=True)
        for i in range(total):
            base.rect(cx(i) - box / 2, ROW_Y - box / 2, cx(i) + box / 2, ROW_Y + box / 2,
                      fill=(255, 255, 255), outline=MUTED, width=5, radius=14)  # fmt: skip
        for i, t in enumerate(shown):
            draw_term(base, t, cx(i), ROW_Y, box, text_size=text_size)
        first = base.copy()
        for i in range(len(shown), total):
            first.text(cx(i), ROW_Y, "?", size=min(80, box * 0.7), fill=MUTED, bold=True)
        film.hold(first, 1.0)
        board = base.copy()
        notes = annotations(puzzle, terms)
        per = min(0.3, 1.8 / max(1, len(notes)))
        for note in notes:
            draw_note(board, note, cx, box, slot)
            frame = board.copy()
            for i in range(len(shown), total):
                frame.text(cx(i), ROW_Y, "?", size=min(80, box * 0.7), fill=MUTED, bold=True)
            film.add(frame, film.seconds(per))
        for j, t in enumerate(terms):
            i = len(shown) + j
            for a in easing.steps(film.seconds(0.6), easing.ease_out):
                frame = board.copy()
                frame.rect(cx(i) - box / 2, ROW_Y - box / 2, cx(i) + box / 2, ROW_Y + box / 2,
                           fill=lighten(HIGHLIGHT, 0.55), outline=HIGHLIGHT, width=8, radius=14)  # fmt: skip
                draw_term(frame, t, cx(i), ROW_Y, box, scale=a, text_size=text_size)
                for jj in range(j + 1, len(terms)):
                    ii = len(shown) + jj
                    frame.text(cx(ii), ROW_Y, "?", size=min(80, box * 0.7), fill=MUTED, bold=True)
                film.add(frame)
            draw_term(board, t, cx(i), ROW_Y, box, text_size=text_size)
        film.hold(board, 1.5)


def numeric_terms(rng, fam: str, k: int) -> list[int]:
    """The shown terms of a numeric rule, k more to find: the rule's settings and start come
    from `distinct`; the sign of an arithmetic step and the length (5 or 6 shown) at random,
    except for the small geometric and square families, whose length is part of the number."""
    if fam in ("geometric", "squares"):
        options = numeric_options(fam, k)
        return list(options[distinct(rng, len(options))])
    n = int(rng.integers(5, 7))
    if fam == "arithmetic":  # every step 2..99 and start 1..2000; always in range
        x = distinct(rng, 98 * 2000)
        d = (2 + x % 98) * (1 if rng.random() < 0.75 else -1)
        start = 1 + x // 98 + max(0, -d * (n + k - 1))
        return [start + d * i for i in range(n)]
    # Fibonacci-like: every pair of first terms 1..199; always in range
    a, b = divmod(distinct(rng, 199 * 199), 199)
    out = [a + 1, b + 1]
    while len(out) < n:
        out.append(out[-1] + out[-2])
    return out


@cache
def numeric_options(fam: str, k: int) -> tuple[tuple[int, ...], ...]:
    """Every shown sequence (5 or 6 terms) of a geometric or square rule whose k further
    terms stay in range too and that no other rule continues differently."""
    out = []
    for n in (5, 6):
        total = n + k
        if fam == "geometric":  # a ratio, and a start that keeps every term whole
            ratios = [2, Fraction(1, 2), 3, Fraction(1, 3), -2, -3, 4, Fraction(1, 4), 5]
            for r in map(Fraction, ratios):
                unit = r.denominator ** (total - 1)
                top = MAX_NUMBER // (unit * abs(r.numerator) ** (total - 1))
                for j in range(1, min(top, 300) + 1):
                    out.append([int(j * unit * r**i) for i in range(total)])
        else:  # squares of consecutive, or of every second, whole numbers, up or down
            for step in (1, -1, 2, -2):
                for low in range(1, 100 - abs(step) * (total - 1)):
                    root = low + max(0, -step * (total - 1))
                    out.append([(root + step * i) ** 2 for i in range(total)])
    return tuple(
        tuple(terms[: len(terms) - k])
        for terms in out
        if max(terms) <= MAX_NUMBER
        and min(terms) >= MIN_NUMBER
        # every rule that fits must agree (1, 2, 3 ... would not be Fibonacci-only)
        and len({tuple(v) for v in continuations(terms[: len(terms) - k], k).values()}) == 1
    )


def arrangement(x: int, items, k: int) -> list:
    """Instance number 0..P(len(items), k)-1 -> k different items in order."""
    pool, out = list(items), []
    for _ in range(k):
        x, i = divmod(x, len(pool))
        out.append(pool.pop(i))
    return out


def visual_terms(rng, fam: str, k: int) -> tuple[list[dict], int]:
    """Terms (shown ones first) and how many are shown; cycles are shown twice at least.
    Lengths are drawn; the turn and start, or the cycles and the fixed attribute, come from
    `distinct`."""
    if fam == "turning arrow":
        x = distinct(rng, 7 * 8 * len(COLORS))
        x, turn = divmod(x, 7)
        x, a0 = divmod(x, 8)
        turn, a0, color = 45 * (turn + 1), 45 * a0, COLORS[x]
        n = int(rng.integers(4, 8))
        return [{"shape": "arrow", "color": color, "angle": (a0 + turn * i) % 360}
                for i in range(n + k)], n  # fmt: skip
    if fam == "shape and colour cycle":
        ps, pc = [(2, 3), (3, 2), (3, 4), (4, 3), (2, 4), (4, 2)][int(rng.integers(6))]
        x, y = divmod(
            distinct(rng, math.perm(6, ps) * math.perm(len(COLORS), pc)), math.perm(6, ps)
        )
        shapes, colors = arrangement(y, SHAPES, ps), arrangement(x, COLORS, pc)
        n = 2 * max(ps, pc)
        return [{"shape": shapes[i % ps], "color": colors[i % pc], "angle": 0}
                for i in range(n + k)], n  # fmt: skip
    p = int(rng.choice([2, 3, 4], p=[0.12, 0.44, 0.44]))
    n = min(2 * p + int(rng.integers(0, 3)), MAX_SLOTS - k)
    pool, other = (SHAPES, COLORS) if fam == "shape cycle" else (COLORS, SHAPES)
    x, y = divmod(distinct(rng, math.perm(len(pool), p) * len(other)), math.perm(len(pool), p))
    cycle, fixed = arrangement(y, pool, p), other[x]
    if fam == "shape cycle":
        terms = [{"shape": cycle[i % p], "color": fixed, "angle": 0} for i in range(n + k)]
    else:
        terms = [{"shape": fixed, "color": cycle[i % p], "angle": 0} for i in range(n + k)]
    return terms, n


# --- drawing ----------------------------------------------------------------------------------


def draw_term(canvas: Canvas, term, x: float, y: float, box: float, scale: float = 1.0,
              text_size: float = 40.0) -> None:  # fmt: skip
    if scale <= 0.02:
        return
    if isinstance(term, int):
        canvas.text(x, y, str(term), size=text_size, bold=True,
                    fill=easing.lerp_color((255, 255, 255), INK, scale))  # fmt: skip
        return
    r = box * 0.36 * scale
    if term["shape"] == "arrow":
        a = math.radians(term["angle"] - 90)  # 0 degrees points up
        dx, dy = math.cos(a) * r, math.sin(a) * r
        canvas.arrow((x - dx, y - dy), (x + dx, y + dy), fill=NAMED[term["color"]],
                     width=max(4.0, box * 0.11), head=box * 0.32 * scale)  # fmt: skip
        return
    canvas.shape(term["shape"], x, y, r, fill=NAMED[term["color"]], outline=INK, width=4)


def annotations(puzzle: dict, terms: list) -> list[tuple]:
    """Marks under the row that show the rule: ('gap', i, text) between boxes i and i+1,
    ('under', i, text) below box i, or ('group', i, j, colour) spanning boxes i..j."""
    shown, fam = puzzle["shown"], puzzle["family"]
    n = len(shown)
    if fam == "arithmetic":
        d = shown[1] - shown[0]
        return [("gap", i, f"+{d}" if d > 0 else f"-{-d}") for i in range(n - 1)]
    if fam == "geometric":
        r = Fraction(shown[1], shown[0])
        text = f"/{r.denominator}" if r.denominator > 1 else f"x{r.numerator}"
        return [("gap", i, text) for i in range(n - 1)]
    if fam == "squares":
        return [("under", i, f"{math.isqrt(v)}x{math.isqrt(v)}") for i, v in enumerate(shown)]
    if fam == "fibonacci":
        return [("under", i, f"{shown[i - 2]}+{shown[i - 1]}") for i in range(2, n)]
    if fam == "turning arrow":
        turn = turn_of(shown)
        text = f"{turn}°" if turn <= 180 else f"-{360 - turn}°"
        return [("gap", i, text) for i in range(n - 1)]
    notes = []
    for level, (_key, p) in enumerate(
        (key, p) for key, p in attribute_periods(shown).items() if p > 1
    ):
        notes += [("group", i, min(i + p, n) - 1, level) for i in range(0, n, p)]
    return notes


def draw_note(canvas: Canvas, note: tuple, cx, box: float, slot: float) -> None:
    y = ROW_Y + box / 2 + 50
    if note[0] == "gap":
        x = (cx(note[1]) + cx(note[1] + 1)) / 2
        canvas.text(x, y, note[2], size=40, fill=NAMED["blue"], bold=True)
        canvas.line([(cx(note[1]) + 12, y - 32), (x, y - 46), (cx(note[1] + 1) - 12, y - 32)],
                    fill=NAMED["blue"], width=4)  # fmt: skip
    elif note[0] == "under":  # alternate rows, so wide notes do not touch
        canvas.text(cx(note[1]), y - 10 + (note[1] % 2) * 50, note[2], size=40,
                    fill=NAMED["blue"], bold=True)  # fmt: skip
    else:  # a bar under each repeat of a cycle; a second cycle gets a second row
        _, i, j, level = note
        color = NAMED["blue"] if level == 0 else NAMED["green"]
        yy = y - 30 + level * 30
        canvas.line([(cx(i) - box / 2 + 6, yy), (cx(j) + box / 2 - 6, yy)], fill=color, width=10)
