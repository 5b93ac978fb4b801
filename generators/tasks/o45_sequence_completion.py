"""Sequence completion: find the next term(s) of a number or picture sequence.

Numbers follow an arithmetic, geometric, squares-plus-a-constant or Fibonacci-like rule;
pictures cycle through shapes, colours, or both, or an arrow turns by a fixed angle each
step (its colours may cycle too). Every shown sequence admits exactly one continuation
among these rules. The video marks the rule under the terms, names it in a caption, and
then reveals the missing terms.
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
from generators.kit.draw import text_width
from generators.kit.palette import lighten

SHAPES = ("circle", "square", "triangle", "star", "hexagon", "diamond")
COLORS = ("red", "blue", "green", "orange", "purple", "yellow", "pink", "cyan")
DIRECTIONS = ("up", "up-right", "right", "down-right", "down", "down-left", "left", "up-left")
NUMERIC = ("arithmetic", "geometric", "squares", "fibonacci")
VISUAL = ("shape cycle", "colour cycle", "shape and colour cycle", "turning arrow")
SIMPLE = ("arithmetic", "shape cycle", "colour cycle")  # the rules of the easy levels
MAX_NUMBER = 99_999  # geometric sequences reach five digits; the others stay within four
SMALL_NUMBER = 9_999
GEOMETRIC_RATIOS = (2, -2, 3, -3, 4, -4, 5, -5, Fraction(1, 2), Fraction(-1, 2), Fraction(1, 3),
                    Fraction(-1, 3), Fraction(1, 4), Fraction(1, 5), Fraction(3, 2),
                    Fraction(2, 3))  # fmt: skip
ORDINAL = {1: "consecutive", 2: "every second", 3: "every third"}
TITLE_Y, ROWS_TOP = 95, 170
WHITE = (255, 255, 255)


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


def square_parts(t: list[int]) -> tuple[int, int, int] | None:
    """(first root, root step, constant) when the terms are the squares of evenly spaced
    whole numbers (all at least 1, stepping by 1 to 3) plus one constant; else None."""
    d2 = {(c - b) - (b - a) for a, b, c in zip(t, t[1:], t[2:])}
    if len(d2) != 1 or (d := d2.pop()) <= 0 or d % 2:
        return None
    step = math.isqrt(d // 2)
    if 2 * step * step != d or step > 3 or (t[1] - t[0] - d // 2) % (2 * step):
        return None
    root = (t[1] - t[0] - d // 2) // (2 * step)
    if root < 0:  # (-r - s i)^2 = (r + s i)^2: the roots count down
        root, step = -root, -step
    if min(root, root + step * (len(t) - 1)) < 1:
        return None
    return root, step, t[0] - root * root


def fit_squares(t: list[int]):
    parts = square_parts(t)
    if parts is None:
        return None
    root, step, c = parts
    return lambda k: [(root + step * (len(t) + i)) ** 2 + c for i in range(k)]


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


def attribute_periods(shown: list[dict]) -> dict[str, int]:
    """The repeat length of the shapes and of the colours (1 = the same throughout)."""
    return {key: smallest_period([t[key] for t in shown]) for key in ("shape", "color")}


def signed(c: int) -> str:
    return f"+{c}" if c > 0 else f"-{-c}" if c < 0 else ""


def rule_text(puzzle: dict) -> str:
    fam, shown = puzzle["family"], puzzle["shown"]
    if fam == "arithmetic":
        d = shown[1] - shown[0]
        return f"add {d} each time" if d > 0 else f"subtract {-d} each time"
    if fam == "geometric":
        r = Fraction(shown[1], shown[0])
        by = str(abs(r)) if r.denominator == 1 else f"{abs(r.numerator)}/{r.denominator}"
        return f"multiply by {'-' if r < 0 else ''}{by} each time"
    if fam == "squares":
        _, step, c = square_parts(shown)
        plus = f", plus {c}" if c > 0 else f", minus {-c}" if c < 0 else ""
        way = "up" if step > 0 else "down"
        return f"squares of {ORDINAL[abs(step)]} whole numbers counting {way}{plus}"
    if fam == "fibonacci":
        return "each term is the sum of the two before it"
    periods = attribute_periods(shown)
    parts = [f"the {'colour' if key == 'color' else key}s repeat every {p} terms"
             for key, p in periods.items() if p > 1 and key in ("shape", "color")]  # fmt: skip
    if fam == "turning arrow":
        turn = turn_of(shown)
        way = "clockwise" if turn <= 180 else "counterclockwise"
        turns = f"the arrow turns {turn if turn <= 180 else 360 - turn} degrees {way} each step"
        return " and ".join([turns, *parts])  # the shapes never change: only colours cycle
    return " and ".join(parts)


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
        Param(
            "rules",
            "str",
            "any",
            choices=("any", "simple", "hard"),
            help="simple: constant steps and single cycles; hard: the others",
        ),
    ],
    shard_size=60,
    memory="low",
    # measured at the defaults (20,000 draws): about 250,000, every family drawn equally
    # often; the smallest are the single cycles (~12,000 shape and ~37,000 colour cycles),
    # then Fibonacci-like ~79,000, geometric ~106,000 and squares plus a constant ~128,000
    instances=250_000,
    faculty="abstraction",
    levels={
        1: {"rules": "simple", "missing": 1},
        2: {"rules": "simple", "missing": 2},
        3: {"rules": "any", "missing": 1},
        4: {"rules": "hard", "missing": 1},
        5: {"rules": "hard", "missing": 2},
    },
    jumps="the marks that show the rule appear one at a time, then the caption naming it",
)
class SequenceCompletion(Task):
    def generate(self, rng, params):
        """Kind and family are drawn, every family of the allowed rules equally often; the
        rule's settings and start (or the cycles and the fixed attribute) come from the
        instance number, so samples of one family and length are different sequences."""
        kind, k = params["kind"], params["missing"]
        if kind == "any":
            kind = ("numeric", "visual")[int(rng.integers(2))]
        families = NUMERIC if kind == "numeric" else VISUAL
        if params["rules"] != "any":
            families = tuple(f for f in families if (f in SIMPLE) == (params["rules"] == "simple"))
        fam = families[int(rng.integers(len(families)))]
        if kind == "numeric":
            shown = numeric_terms(rng, fam, k)
        else:
            terms, n_shown = visual_terms(rng, fam, k)
            shown = terms[:n_shown]
        return {"kind": kind, "family": fam, "shown": shown, "missing": k}

    def solve(self, puzzle, params):
        shown, k, fam = puzzle["shown"], puzzle["missing"], puzzle["family"]
        if puzzle["kind"] == "numeric":
            terms = [int(v) for v in FITS[fam](shown)(k)]
        else:  # each attribute continues its own cycle; an arrow also keeps turning
            periods = attribute_periods(shown)
            turn = turn_of(shown) if fam == "turning arrow" else 0
            full = list(shown)
            for _ in range(k):
                i = len(full)
                full.append({"shape": full[i - periods["shape"]]["shape"],
                             "color": full[i - periods["color"]]["color"],
                             "angle": (full[-1]["angle"] + turn) % 360})  # fmt: skip
            terms = full[len(shown) :]
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
            if puzzle["family"] == "turning arrow":
                turn = turn_of(shown)
                require(turn is not None and turn != 0, "the arrows do not turn by a constant step")
                require(len(shown) >= 3, "too few arrows to see the turn")
                require(all((b["angle"] - a["angle"]) % 360 == turn
                            for a, b in itertools.pairwise(full[len(shown) - 1 :])),
                        "a next arrow points the wrong way")  # fmt: skip
            else:
                require(all(t.get("angle", 0) == 0 for t in answer["terms"]), "a shape is turned")
        require(answer["rule"] == rule_text(puzzle), "the rule is misnamed")
        require(answer["described"] == [describe(t) for t in answer["terms"]],
                "the descriptions do not match the terms")  # fmt: skip

    def prompt(self, puzzle, params):
        n, k = len(puzzle["shown"]), puzzle["missing"]
        what = "numbers" if puzzle["kind"] == "numeric" else "pictures"
        ask = "the next term" if k == 1 else f"the next {k} terms"
        rows = " (top row first)" if len(Layout(puzzle, []).rows) > 1 else ""
        boxes = "the '?' box" if k == 1 else "the '?' boxes in order"
        return (
            f"The image shows a sequence of {n} {what} in boxes, read from left to right{rows}, "
            f"followed by {k} empty box{'es' if k > 1 else ''} marked '?'. The sequence follows "
            "one simple rule (a constant step, a constant factor, square numbers plus a "
            "constant, each term the sum of the two before it, a repeating cycle of shapes or "
            "colours, or an arrow turning by a constant angle). Work out the rule and fill in "
            f"{ask}. The shown terms stay unchanged. Step by step: mark the rule under the "
            "sequence one mark at a time, name it in a caption at the bottom, then fill "
            f"{boxes}; the video ends when every box holds a term."
        )

    def rubric(self, puzzle, answer, params):
        shown = ", ".join(describe(t) for t in puzzle["shown"])
        wanted = "; ".join(answer["described"])
        return "\n".join([
            f"1. The shown terms stay unchanged: {shown}.",
            f"2. The rule is: {answer['rule']}.",
            f"3. The '?' box{'es are' if puzzle['missing'] > 1 else ' is'} filled, in order, "
            f"with: {wanted}.",
            "4. No other box changes, and no box is added or removed.",
            "5. The final frame shows every box filled.",
        ])  # fmt: skip

    def render(self, puzzle, answer, params, film):
        shown, terms = puzzle["shown"], answer["terms"]
        layout = Layout(puzzle, terms)
        blanks = range(len(shown), len(shown) + len(terms))
        base = film.canvas()
        base.text(500, TITLE_Y, "What comes next?", size=60, bold=True)
        for i in range(len(shown) + len(terms)):
            layout.box(base, i)
        for i, t in enumerate(shown):
            layout.term(base, i, t)
        board = base.copy()

        def with_marks(canvas: Canvas, first_blank: int) -> Canvas:
            frame = canvas.copy()
            for i in blanks[first_blank:]:
                layout.question(frame, i)
            return frame

        film.opening(with_marks(board, 0))
        notes = annotations(puzzle)
        per = min(0.3, 1.8 / max(1, len(notes)))
        for note in notes:
            layout.note(board, note)
            film.add(with_marks(board, 0), film.seconds(per))
        layout.caption(board, "Rule: " + answer["rule"])
        film.hold(with_marks(board, 0), 0.6)
        for j, t in enumerate(terms):
            i = blanks[j]
            for a in easing.steps(film.seconds(0.6), easing.ease_out):
                frame = with_marks(board, j + 1)
                layout.box(frame, i, highlight=True)
                layout.term(frame, i, t, scale=a)
                film.add(frame)
            layout.term(board, i, t)
        film.closing(board)


# --- the instances ---------------------------------------------------------------------------


def numeric_terms(rng, fam: str, k: int) -> list[int]:
    """The shown terms of a numeric rule, k more to find: the rule's settings and start come
    from `distinct`; the sign of an arithmetic step and the length (5 or 6 shown) at random,
    except for geometric and square sequences, whose length is part of the number."""
    if fam in ("geometric", "squares"):
        return numeric_option(fam, k, distinct(rng, numeric_count(fam, k)))
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
def numeric_blocks(fam: str, k: int) -> tuple[tuple[tuple, int], ...]:
    """The sequences of a geometric rule (4 to 6 shown, up to five digits) or of squares
    plus a constant (5 or 6 shown, up to four digits) whose k further terms stay in range
    too, as blocks of (settings, how many starts): geometric (shown, ratio) with starts
    +-1..top; squares (shown, root step, constant) with lowest roots 1..top. No other rule
    continues any of them differently (verified over all of them; the tests re-check a
    spread sample, and the checker checks every puzzle)."""
    out = []
    if fam == "geometric":
        for n, r in itertools.product((4, 5, 6), map(Fraction, GEOMETRIC_RATIOS)):
            top = MAX_NUMBER // (r.denominator * abs(r.numerator)) ** (n + k - 1)
            out.append(((n, r), 2 * top))
    else:
        for n, step, c in itertools.product((5, 6), (1, -1, 2, -2, 3, -3), range(-60, 61)):
            top = math.isqrt(SMALL_NUMBER - c) - abs(step) * (n + k - 1)
            out.append(((n, step, c), max(0, top)))
    return tuple(out)


def numeric_count(fam: str, k: int) -> int:
    return sum(count for _, count in numeric_blocks(fam, k))


def numeric_option(fam: str, k: int, x: int) -> list[int]:
    """The x-th sequence (shown terms only) of numeric_blocks(fam, k)."""
    blocks = iter(numeric_blocks(fam, k))
    settings, count = next(blocks)
    while x >= count:
        x -= count
        settings, count = next(blocks)
    if fam == "geometric":  # a start that keeps every term whole, of either sign
        (n, r), (j, sign) = settings, divmod(x, 2)
        start = (j + 1) * r.denominator ** (n + k - 1) * (1 if sign == 0 else -1)
        return [int(start * r**i) for i in range(n)]
    n, step, c = settings
    root = 1 + x + (abs(step) * (n + k - 1) if step < 0 else 0)  # counting down from high
    return [(root + step * i) ** 2 + c for i in range(n)]


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
    if fam == "turning arrow":  # the colours stay, or cycle every 2 or 3 arrows
        pc = (1, 2, 3)[int(rng.choice(3, p=[0.3, 0.35, 0.35]))]
        x = distinct(rng, 7 * 8 * math.perm(len(COLORS), pc))
        x, turn = divmod(x, 7)
        x, a0 = divmod(x, 8)
        turn, a0, colors = 45 * (turn + 1), 45 * a0, arrangement(x, COLORS, pc)
        n = int(rng.integers(max(4, 2 * pc), 8))
        return [{"shape": "arrow", "color": colors[i % pc], "angle": (a0 + turn * i) % 360}
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
    n = 2 * p + int(rng.integers(0, 3))
    pool, other = (SHAPES, COLORS) if fam == "shape cycle" else (COLORS, SHAPES)
    x, y = divmod(distinct(rng, math.perm(len(pool), p) * len(other)), math.perm(len(pool), p))
    cycle, fixed = arrangement(y, pool, p), other[x]
    if fam == "shape cycle":
        terms = [{"shape": cycle[i % p], "color": fixed, "angle": 0} for i in range(n + k)]
    else:
        terms = [{"shape": fixed, "color": cycle[i % p], "angle": 0} for i in range(n + k)]
    return terms, n


def annotations(puzzle: dict) -> list[tuple]:
    """Marks under the boxes that show the rule: ('gap', i, text) between boxes i and i+1,
    ('under', i, text) below box i, or ('group', i, j, level) spanning boxes i..j."""
    shown, fam = puzzle["shown"], puzzle["family"]
    n = len(shown)
    if fam == "arithmetic":
        return [("gap", i, signed(shown[1] - shown[0])) for i in range(n - 1)]
    if fam == "geometric":
        r = Fraction(shown[1], shown[0])
        text = f"x{r.numerator}" if r.denominator == 1 else f"x{r.numerator}/{r.denominator}"
        return [("gap", i, text) for i in range(n - 1)]
    if fam == "squares":
        root, step, c = square_parts(shown)
        return [("under", i, f"{root + step * i}x{root + step * i}{signed(c)}") for i in range(n)]
    if fam == "fibonacci":
        return [("under", i, f"{shown[i - 2]}+{shown[i - 1]}") for i in range(2, n)]
    notes = []
    if fam == "turning arrow":
        turn = turn_of(shown)
        text = f"{turn}°" if turn <= 180 else f"-{360 - turn}°"
        notes = [("gap", i, text) for i in range(n - 1)]
    cycles = [p for key, p in attribute_periods(shown).items() if p > 1]
    for level, p in enumerate(cycles):
        notes += [("group", i, min(i + p, n) - 1, level) for i in range(0, n, p)]
    return notes


# --- drawing ----------------------------------------------------------------------------------


class Layout:
    """Boxes in one row of up to four, else in two rows (read top row first); under each
    row a band for the marks; the caption naming the rule under the last band; the whole
    centred below the title."""

    def __init__(self, puzzle: dict, terms: list):
        self.numeric = puzzle["kind"] == "numeric"
        shown = puzzle["shown"]
        total = len(shown) + puzzle["missing"]
        first = total if total <= 4 else -(-total // 2)
        self.first = first
        self.rows = [range(first)] + ([range(first, total)] if total > first else [])
        self.slot = 920 / first
        self.w = min(220.0, self.slot * 0.86)
        self.h = min(self.w, 130.0 if self.numeric else 180.0)
        # cycle bars under picture rows push the step marks lower
        self.bars = 0 if self.numeric else sum(p > 1 for p in attribute_periods(shown).values())
        marks = {n[0] for n in annotations(puzzle)}
        drop = 18 + 22 * self.bars if self.bars else 0
        self.band = max([30.0] + [{"gap": 90.0 + drop, "under": 110.0,
                                   "group": 20.0 + 22 * self.bars}[m] for m in marks])  # fmt: skip
        caption = 110.0
        height = len(self.rows) * (self.h + self.band) + caption
        top = (ROWS_TOP + 980) / 2 - height / 2
        self.row_y = [top + self.h / 2 + r * (self.h + self.band) for r in range(len(self.rows))]
        self.caption_y = top + len(self.rows) * (self.h + self.band) + caption / 2
        # one text size for every number, fitted to the widest with room on both sides
        widest = max((text_width(str(t), 100) for t in shown + terms
                      if isinstance(t, int)), default=100.0)  # fmt: skip
        self.text_size = min(72.0, self.h * 0.5, (self.w - 34) * 100 / (widest * 1.1))

    def at(self, i: int) -> tuple[float, float]:
        row, col = divmod(i, self.first)
        count = len(self.rows[row])
        return 500 + (col - (count - 1) / 2) * self.slot, self.row_y[row]

    def box(self, canvas: Canvas, i: int, highlight: bool = False) -> None:
        x, y = self.at(i)
        fill, line = (lighten(HIGHLIGHT, 0.55), HIGHLIGHT) if highlight else (WHITE, MUTED)
        canvas.rect(x - self.w / 2, y - self.h / 2, x + self.w / 2, y + self.h / 2, fill=fill,
                    outline=line, width=8 if highlight else 5, radius=14)  # fmt: skip

    def question(self, canvas: Canvas, i: int) -> None:
        canvas.text(*self.at(i), "?", size=min(80, self.h * 0.6), fill=MUTED, bold=True)

    def term(self, canvas: Canvas, i: int, term, scale: float = 1.0) -> None:
        if scale <= 0.02:
            return
        x, y = self.at(i)
        if isinstance(term, int):
            canvas.text(x, y, str(term), size=self.text_size, bold=True,
                        fill=easing.lerp_color(WHITE, INK, scale))  # fmt: skip
            return
        r = self.h * 0.36 * scale
        if term["shape"] == "arrow":
            a = math.radians(term["angle"] - 90)  # 0 degrees points up
            dx, dy = math.cos(a) * r, math.sin(a) * r
            canvas.arrow((x - dx, y - dy), (x + dx, y + dy), fill=NAMED[term["color"]],
                         width=max(4.0, self.h * 0.11), head=self.h * 0.32 * scale)  # fmt: skip
            return
        canvas.shape(term["shape"], x, y, r, fill=NAMED[term["color"]], outline=INK, width=4)

    def note(self, canvas: Canvas, note: tuple) -> None:
        blue = NAMED["blue"]
        if note[0] == "group":  # a bar under each repeat of a cycle, split at a row break
            _, i, j, level = note
            color = blue if level == 0 else NAMED["green"]
            for row in self.rows:
                cols = [c for c in range(i, j + 1) if c in row]
                if cols:
                    (x0, y), (x1, _) = self.at(cols[0]), self.at(cols[-1])
                    yy = y + self.h / 2 + 18 + 22 * level
                    canvas.line([(x0 - self.w / 2 + 6, yy), (x1 + self.w / 2 - 6, yy)],
                                fill=color, width=10)  # fmt: skip
            return
        x, y = self.at(note[1])
        bottom = y + self.h / 2
        if note[0] == "under":  # alternate heights, so wide notes do not touch
            canvas.text(x, bottom + 36 + (note[1] % 2) * 48, note[2], size=40, fill=blue,
                        bold=True)  # fmt: skip
            return
        x2, y2 = self.at(note[1] + 1)
        drop = 18 + 22 * self.bars if self.bars else 0
        if y2 != y:  # the step from the end of the top row to the next row: a short arc out
            x2 = min(x + self.w, 990.0)
        mid = (x + x2) / 2
        arc = bottom + 14 + drop
        canvas.line([(x + 12, arc), (mid, arc + 14), (x2 - 12, arc)], fill=blue, width=4)
        canvas.text(mid, arc + 46, note[2], size=40, fill=blue, bold=True)

    def caption(self, canvas: Canvas, text: str) -> None:
        """The rule, on one line, or two when it is long."""
        size = 44.0
        if text_width(text, size) <= 920:
            canvas.text(500, self.caption_y, text, size=size, bold=True)
            return
        words = text.split(" ")
        cut = min(range(1, len(words)), key=lambda k: abs(len(" ".join(words[:k])) - len(text) / 2))
        for dy, part in ((-26, " ".join(words[:cut])), (26, " ".join(words[cut:]))):
            canvas.text(500, self.caption_y + dy, part, size=size, bold=True)
