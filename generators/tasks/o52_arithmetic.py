"""Arithmetic: counts of objects combined by + - x, or written column arithmetic with carries.

Objects: two boxes of objects combined by adding, taking away or repeating a group; the
video gathers copies of the objects in the answer box, counting as it goes. Columns: an
addition, subtraction or multiplication by one digit written in columns; the video works
from the rightmost column, writing each digit and each carry or borrow.
"""

from __future__ import annotations

import itertools
import math
from functools import cache

from generators.kit import (
    ERROR,
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

OPS = {"add": "+", "subtract": "−", "multiply": "×"}
SHAPES = ("circle", "square", "triangle", "star", "diamond", "hexagon")
COLORS = ("red", "blue", "green", "orange", "purple", "pink")
BOX_A, BOX_B = (60, 70, 420, 390), (580, 70, 940, 390)
BOX_ANS = (60, 500, 940, 840)
ANS_COLS = 10
WRITTEN = NAMED["blue"]
CARRY = ERROR
STEP_UNITS = 24.0  # the most a gliding object travels between two frames
PEAK = 1.375  # top speed of `glide` over its mean
ROW_Y = {"carry": 215, "top": 350, "bottom": 500, "rule": 585, "result": 690}


def slots_in(box, n: int, rng, r: float) -> list[list[int]]:
    """n jittered grid positions filling a box, in reading order."""
    x0, y0, x1, y1 = box
    cols = 3 if n <= 9 else 4
    rows = -(-n // cols)
    cw, ch = (x1 - x0) / cols, (y1 - y0) / rows
    cells = sorted(int(i) for i in rng.choice(rows * cols, size=n, replace=False))
    out = []
    for cell in cells:
        row, col = divmod(cell, cols)
        jx, jy = max(0.0, cw / 2 - r - 10), max(0.0, ch / 2 - r - 10)
        out.append([round(x0 + (col + 0.5) * cw + float(rng.uniform(-jx, jx))),
                    round(y0 + (row + 0.5) * ch + float(rng.uniform(-jy, jy)))])  # fmt: skip
    return out


def answer_slot(i: int, total: int) -> tuple[float, float]:
    x0, y0, x1, y1 = BOX_ANS
    rows = max(1, -(-total // ANS_COLS))
    cw, ch = (x1 - x0) / ANS_COLS, (y1 - y0) / max(rows, 3)
    row, col = divmod(i, ANS_COLS)
    top = y0 + ((y1 - y0) - rows * ch) / 2
    return (x0 + (col + 0.5) * cw, top + (row + 0.5) * ch)


def column_steps(op: str, a: int, b: int) -> list[dict]:
    """The written algorithm, rightmost column first: each column's digit and carry/borrow."""
    steps = []
    if op == "add":
        carry, k = 0, 0
        while a // 10**k or b // 10**k or carry:
            s = (a // 10**k) % 10 + (b // 10**k) % 10 + carry
            steps.append({"col": k, "digit": s % 10, "carry_in": carry, "carry_out": s // 10})
            carry, k = s // 10, k + 1
    elif op == "subtract":
        borrow, width = 0, len(str(a))
        for k in range(width):
            top = (a // 10**k) % 10 - borrow
            bot = (b // 10**k) % 10
            out = 1 if top < bot else 0
            steps.append({"col": k, "digit": top + 10 * out - bot, "borrow_in": borrow,
                          "borrow_out": out, "work": top + 10 * out})  # fmt: skip
            borrow = out
        for s in reversed(steps[1:]):  # no leading zeros in the result
            if s["digit"]:
                break
            s["blank"] = True
    else:
        carry, width = 0, len(str(a))
        for k in range(width):
            p = (a // 10**k) % 10 * b + carry
            steps.append({"col": k, "digit": p % 10, "carry_in": carry, "carry_out": p // 10})
            carry = p // 10
        if carry:
            steps.append({"col": width, "digit": carry, "carry_in": carry, "carry_out": 0})
    return steps


def different_pair(x: int, n: int) -> tuple[int, int]:
    """Instance number 0..n(n-1)-1 -> an ordered pair of different items of n."""
    i, j = divmod(x, n - 1)
    return i, j + (j >= i)


def column_step(op: str, state: tuple[int, bool], x: int, y: int) -> tuple[int, bool]:
    """(carry or borrow, any so far) after one column with digits x over y."""
    carry, seen = state
    out = (x + y + carry) // 10 if op == "add" else int(x - carry < y)
    return out, seen or out > 0


@cache
def _completions(op: str, digits: int) -> tuple[dict, ...]:
    """For each column k (units first) and state, how many ways to fill columns k.. give a
    valid pair: some carry (add), or some borrow and a >= b (subtract)."""
    states = [(c, seen) for c in (0, 1) for seen in (False, True)]
    table = [{st: int(st[1] and (op == "add" or st[0] == 0)) for st in states}]
    for k in reversed(range(digits)):
        low = 1 if k == digits - 1 else 0  # no leading zeros
        after = table[0]
        table.insert(0, {st: sum(after[column_step(op, st, x, y)] for x in range(low, 10)
                                 for y in range(low, 10)) for st in states})  # fmt: skip
    return tuple(table)


def column_pairs(op: str, digits: int) -> int:
    """How many (a, b) of `digits` digits each make a column sum with a carry (add) or a
    column subtraction a - b with a borrow."""
    return _completions(op, digits)[0][(0, False)]


def column_pair(op: str, digits: int, x: int) -> tuple[int, int]:
    """The x-th of those pairs, choosing digit pairs from the units column up."""
    table, state, a, b = _completions(op, digits), (0, False), 0, 0
    for k in range(digits):
        low = 1 if k == digits - 1 else 0
        for da, db in itertools.product(range(low, 10), repeat=2):
            nxt = column_step(op, state, da, db)
            if x < table[k + 1][nxt]:
                break
            x -= table[k + 1][nxt]
        state, a, b = nxt, a + da * 10**k, b + db * 10**k
    return a, b


@register(
    "O-52_arithmetic",
    title="Arithmetic",
    description="Add, subtract or multiply counts of objects, or work a written column sum with its carries.",
    category="counting-math",
    params=[
        Param(
            "mode",
            "str",
            "mixed",
            choices=("mixed", "objects", "column"),
            help="counts of objects, written column arithmetic, or either",
        ),
        Param(
            "op",
            "str",
            "any",
            choices=("any", "add", "subtract", "multiply"),
            help="the operation, or any of the three",
        ),
        Param("digits", "int", 3, 2, 5, help="digits of each number in column mode"),
    ],
    shard_size=60,
    memory="low",
    # measured at the defaults (20,000 draws): about 275,000, the estimate held down by the
    # smallest part drawn as often as the others: 701,100 + 269,325 + 7,200 column sums
    # (add, subtract, multiply) and 72,900 + 58,500 + 1,152 object counts with their kinds
    # of object (positions aside)
    instances=270_000,
    faculty="knowledge",
    levels={
        1: {"mode": "objects", "op": "any", "digits": 3},
        2: {"mode": "column", "op": "any", "digits": 2},
        3: {"mode": "mixed", "op": "any", "digits": 3},
        4: {"mode": "column", "op": "any", "digits": 4},
        5: {"mode": "column", "op": "any", "digits": 5},
    },
    jumps="in written columns each digit, carry and borrow is written in one step",
)
class Arithmetic(Task):
    def generate(self, rng, params):
        """Mode and operation are drawn; the operands (with, for objects, the two kinds of
        object) are the instance number, so samples of one mode and operation all differ."""
        mode = params["mode"]
        if mode == "mixed":
            mode = ("objects", "column")[int(rng.integers(2))]
        op = params["op"]
        if op == "any":
            op = tuple(OPS)[int(rng.integers(3))]
        if mode == "column":
            n = params["digits"]
            if op == "multiply":  # every n-digit number times every digit 2..9
                x = distinct(rng, 9 * 10 ** (n - 1) * 8)
                a, b = 10 ** (n - 1) + x // 8, 2 + x % 8
            else:  # every pair with at least one carry or borrow, so the columns interact
                a, b = column_pair(op, n, distinct(rng, column_pairs(op, n)))
            return {"mode": "column", "op": op, "a": a, "b": b}
        kinds = len(SHAPES) * (len(SHAPES) - 1) * len(COLORS) * (len(COLORS) - 1)
        if op == "multiply":  # a objects, b times: one kind of object, repeated
            x, ab = divmod(distinct(rng, 8 * 4 * len(SHAPES) * len(COLORS)), 8 * 4)
            a, b = 2 + ab // 4, 2 + ab % 4
            x, shape = divmod(x, len(SHAPES))
            shapes, colors = [SHAPES[shape]] * 2, [COLORS[x]] * 2
        else:  # two different kinds of object, in two different colours
            if op == "add":
                x, ab = divmod(distinct(rng, 9 * 9 * kinds), 9 * 9)
                a, b = 1 + ab // 9, 1 + ab % 9
            else:
                a = int(rng.integers(3, 13))
                x, b = divmod(distinct(rng, (a - 1) * kinds), a - 1)
                b += 1
            x, shape = divmod(x, len(SHAPES) * (len(SHAPES) - 1))
            shapes = [SHAPES[i] for i in different_pair(shape, len(SHAPES))]
            colors = [COLORS[i] for i in different_pair(x, len(COLORS))]
        r = 34 if max(a, b) <= 9 else 28
        pos_a = slots_in(BOX_A, a, rng, r)
        pos_b = slots_in(BOX_B, b, rng, r) if op != "multiply" else []
        return {"mode": "objects", "op": op, "a": a, "b": b, "shapes": shapes, "colors": colors,
                "r": r, "pos_a": pos_a, "pos_b": pos_b}  # fmt: skip

    def solve(self, puzzle, params):
        op, a, b = puzzle["op"], puzzle["a"], puzzle["b"]
        value = a + b if op == "add" else a - b if op == "subtract" else a * b
        if puzzle["mode"] == "column":
            return {"value": value, "steps": column_steps(op, a, b)}
        if op == "subtract":  # B's objects cancel A's last ones; A's first ones remain
            return {"value": value, "cancel": [[a - b + i, i] for i in range(b)],
                    "kept": list(range(a - b))}  # fmt: skip
        return {"value": value}

    def check(self, puzzle, answer, params):
        op, a, b = puzzle["op"], puzzle["a"], puzzle["b"]
        want = {"add": a + b, "subtract": a - b, "multiply": a * b}[op]
        require(answer["value"] == want, f"{a} {OPS[op]} {b} is {want}, not {answer['value']}")
        if puzzle["mode"] == "objects":
            require(len(puzzle["pos_a"]) == a, "box A does not hold a objects")
            require(len(puzzle["pos_b"]) == (0 if op == "multiply" else b),
                    "box B does not hold b objects")  # fmt: skip
            if op == "subtract":
                pairs = answer["cancel"]
                require(len(pairs) == b and sorted(j for _, j in pairs) == list(range(b)),
                        "every object of B must cancel one object of A")  # fmt: skip
                gone = sorted(i for i, _ in pairs)
                require(len(set(gone)) == b and all(0 <= i < a for i in gone),
                        "cancelled objects of A are not distinct")  # fmt: skip
                require(sorted(answer["kept"] + gone) == list(range(a)),
                        "kept and cancelled objects do not make up box A")  # fmt: skip
            return
        # replay the written algorithm column by column from the digits alone
        da = [int(ch) for ch in reversed(str(a))]
        db = [int(ch) for ch in reversed(str(b))]
        steps = answer["steps"]
        digits = [s["digit"] for s in steps if not s.get("blank")]
        require(int("".join(map(str, reversed(digits)))) == want, "the written digits are wrong")
        carry = 0
        for k, s in enumerate(steps):
            require(s["col"] == k, "columns are not worked right to left")
            x = da[k] if k < len(da) else 0
            y = db[k] if k < len(db) else 0
            if op == "add":
                total = x + y + carry
                require(s["carry_in"] == carry and s["digit"] == total % 10
                        and s["carry_out"] == total // 10, f"column {k} adds up wrongly")  # fmt: skip
                carry = total // 10
            elif op == "subtract":
                top = x - carry
                borrow = int(top < y)
                require(s["borrow_in"] == carry and s["borrow_out"] == borrow
                        and s["work"] == top + 10 * borrow and s["digit"] == top + 10 * borrow - y,
                        f"column {k} borrows wrongly")  # fmt: skip
                carry = borrow
            else:
                prod = x * b + carry
                require(s["carry_in"] == carry and s["digit"] == prod % 10
                        and s["carry_out"] == prod // 10, f"column {k} multiplies wrongly")  # fmt: skip
                carry = prod // 10
        require(carry == 0, "a carry is left over")

    def prompt(self, puzzle, params):
        op, a, b = puzzle["op"], puzzle["a"], puzzle["b"]
        if puzzle["mode"] == "column":
            kind = {"add": "an addition", "subtract": "a subtraction",
                    "multiply": "a multiplication"}[op]  # fmt: skip
            extra = ("carrying into the next column, with carries written small in red above "
                     "it" if op != "subtract" else "borrowing from the next column when needed, "
                     "with each borrowed-from digit crossed out and the working value written "
                     "small in red above its column")  # fmt: skip
            return (
                f"The image shows {kind} written in columns: {a} {OPS[op]} {b}, with an empty "
                "answer row under the line. Work it out column by column from right to left, "
                f"{extra}, and write each answer digit in blue under the line. Go step by step: "
                "the column being worked is highlighted and its digit and any carry or borrow "
                "appear at once. The two numbers stay unchanged. The video ends when the full "
                "answer is written."
            )
        ca, cb = puzzle["colors"]
        sa, sb = puzzle["shapes"]
        if op == "add":
            scene = (f"The left box holds {ca} {sa}s and the right box holds {cb} {sb}s, with a "
                     "plus sign between them. Add the two counts: copy every object into the "
                     "answer box below, left box first")  # fmt: skip
        elif op == "subtract":
            scene = (f"The left box holds {ca} {sa}s and the right box holds {cb} {sb}s, with a "
                     "minus sign between them. Take the right box's count away from the left "
                     f"box's: each {cb} {sb} cancels one {ca} {sa}, and both are crossed out in "
                     f"red; then copy the {ca} {sa}s that are left into the answer box below")  # fmt: skip
        else:
            scene = (f"The left box holds a group of {ca} {sa}s and the right box shows a "
                     "multiplier, with a times sign between them. Multiply: copy the whole "
                     "group into the answer box below once per unit of the multiplier, one row "
                     "per copy")  # fmt: skip
        return (
            f"{scene}. Objects glide one after another (several may be in the air at once). The "
            "two boxes stay as they are. Under the answer box, '= ?' gives way to a running "
            "count that goes up by one as each copy lands; the video ends when it shows '=' "
            "followed by the number of objects in the answer box."
        )

    def rubric(self, puzzle, answer, params):
        op, a, b, v = puzzle["op"], puzzle["a"], puzzle["b"], answer["value"]
        if puzzle["mode"] == "column":
            steps = answer["steps"]
            marks = [s for s in steps if s.get("carry_out") or s.get("borrow_out")]
            if op == "subtract":
                cols = ", ".join(str(s["work"]) for s in steps if s["borrow_in"] or s["borrow_out"])
                third = (f"3. {len(marks)} column{'s' if len(marks) != 1 else ''} borrow ten from "
                         f"the column to the left; the red working values read {cols} (right "
                         "to left) and every digit that lent ten is crossed out.")  # fmt: skip
            else:
                third = (f"3. There {'is' if len(marks) == 1 else 'are'} {len(marks)} "
                         f"carr{'y' if len(marks) == 1 else 'ies'}, each written small in red "
                         "above the column it goes to.")  # fmt: skip
            return "\n".join([
                f"1. The numbers {a} and {b} and the {OPS[op]} sign stay unchanged.",
                "2. The columns are worked one at a time from right to left.",
                third,
                f"4. The answer row reads {v}.",
                f"5. The final frame shows {a} {OPS[op]} {b} = {v} written in columns.",
            ])  # fmt: skip
        ca, sa = puzzle["colors"][0], puzzle["shapes"][0]
        how = {"add": f"the left box holds {a} and the right box {b}",
               "subtract": f"{b} of the {a} {ca} {sa}s are cancelled",
               "multiply": f"the group of {a} is copied {b} times"}[op]  # fmt: skip
        return "\n".join([
            "1. The two boxes and the sign between them stay unchanged.",
            f"2. Counting is correct: {how}.",
            "3. Objects are copied into the answer box one at a time, counted as they arrive.",
            f"4. The final frame shows exactly {v} object{'s' if v != 1 else ''} in the answer "
            f"box and '= {v}'.",
            f"5. The answer is {a} {OPS[op]} {b} = {v}.",
        ])  # fmt: skip

    def render(self, puzzle, answer, params, film):
        if puzzle["mode"] == "column":
            render_column(puzzle, answer, film)
        else:
            render_objects(puzzle, answer, film)


# --- objects ------------------------------------------------------------------------------


def render_objects(puzzle: dict, answer: dict, film) -> None:
    op, b, r = puzzle["op"], puzzle["b"], puzzle["r"]
    (sa, sb), (ca, cb) = puzzle["shapes"], puzzle["colors"]
    value = answer["value"]
    board = film.canvas()
    for box in (BOX_A, BOX_B, BOX_ANS):
        board.rect(*box, fill=(255, 255, 255), outline=MUTED, width=5, radius=20)
    draw_sign(board, op, 500, (BOX_A[1] + BOX_A[3]) / 2, 44)
    for x, y in puzzle["pos_a"]:
        board.shape(sa, x, y, r, fill=NAMED[ca], outline=INK, width=4)
    if op == "multiply":
        mid = ((BOX_B[0] + BOX_B[2]) / 2, (BOX_B[1] + BOX_B[3]) / 2)
        board.text(*mid, str(b), size=200, bold=True)
    for x, y in puzzle["pos_b"]:
        board.shape(sb, x, y, r, fill=NAMED[cb], outline=INK, width=4)
    film.opening(labelled(board, "= ?"))
    if op == "subtract":  # a copy of B's object j flies onto A's object i; both cross out
        flights = [Flight(puzzle["pos_b"][j], puzzle["pos_a"][i], sb, cb, r * 0.7)
                   for i, j in answer["cancel"]]  # fmt: skip

        def cancel(board: Canvas, f: Flight, landed: int) -> str:
            for x, y in (f.start, f.end):
                cross(board, x, y, r)
            return "= ?"

        fly(film, board, flights, cancel)
        copies = [(puzzle["pos_a"][i], sa, ca, n, value) for n, i in enumerate(answer["kept"])]
    elif op == "add":
        copies = [(p, sa, ca) for p in puzzle["pos_a"]] + [(p, sb, cb) for p in puzzle["pos_b"]]
        copies = [(*c, i, value) for i, c in enumerate(copies)]
    else:  # one row of the answer box per copy of the group
        copies = [(p, sa, ca, row * ANS_COLS + i, b * ANS_COLS)
                  for row in range(b) for i, p in enumerate(puzzle["pos_a"])]  # fmt: skip
    flights = [Flight(start, answer_slot(slot, total), shape, color, r * 0.8)
               for start, shape, color, slot, total in copies]  # fmt: skip

    def count(board: Canvas, f: Flight, landed: int) -> str:
        board.shape(f.shape, *f.end, f.size, fill=NAMED[f.color], outline=INK, width=4)
        return str(landed)

    fly(film, board, flights, count)
    film.closing(labelled(board, f"= {value}"))


class Flight:
    """An object gliding from start to end, eased, at most STEP_UNITS a frame."""

    def __init__(self, start, end, shape: str, color: str, size: float):
        self.start, self.end = start, end
        self.shape, self.color, self.size = shape, color, size

    def frames(self, film) -> int:
        far = math.dist(self.start, self.end)
        return film.seconds(max(0.5, PEAK * far / STEP_UNITS / film.fps))

    def draw(self, canvas: Canvas, t: float) -> None:
        x, y = easing.lerp_point(self.start, self.end, glide(t))
        canvas.shape(self.shape, x, y, self.size, fill=NAMED[self.color], outline=INK, width=4)


def fly(film, board: Canvas, flights: list[Flight], land) -> None:
    """Flights leave one after another, a short stagger apart, and may be in the air
    together; when one lands, `land(board, flight, landed so far)` draws its result on the
    board and returns the label to show."""
    stagger = film.seconds(min(0.25, 3.0 / max(1, len(flights))))
    spans = [(k * stagger, f.frames(film)) for k, f in enumerate(flights)]
    end = max(s + d for s, d in spans)
    label, landed = "= ?", 0
    for frame_no in range(1, end + 1):
        for f, (s, d) in zip(flights, spans):
            if frame_no == s + d:
                landed += 1
                label = land(board, f, landed)
        frame = labelled(board, label)
        for f, (s, d) in zip(flights, spans):
            if s < frame_no < s + d:
                f.draw(frame, (frame_no - s) / d)
        if frame_no < end:
            film.add(frame)


def glide(t: float) -> float:
    """Eased at both ends but already moving in the first frame; top speed PEAK x mean."""
    return 0.25 * t + 0.75 * easing.ease_in_out(t)


def labelled(board: Canvas, text: str) -> Canvas:
    frame = board.copy()
    frame.text(500, 910, text, size=64, bold=True)
    return frame


def draw_sign(canvas: Canvas, op: str, x: float, y: float, half: float) -> None:
    """The operator drawn with strokes (the built-in font has no minus or times glyph)."""
    w = half * 0.28
    if op in ("add", "subtract"):
        canvas.line([(x - half, y), (x + half, y)], fill=INK, width=w)
    if op == "add":
        canvas.line([(x, y - half), (x, y + half)], fill=INK, width=w)
    if op == "multiply":
        d = half * 0.75
        canvas.line([(x - d, y - d), (x + d, y + d)], fill=INK, width=w)
        canvas.line([(x - d, y + d), (x + d, y - d)], fill=INK, width=w)


def cross(canvas: Canvas, x: float, y: float, r: float) -> None:
    d = r * 0.95
    canvas.line([(x - d, y - d), (x + d, y + d)], fill=ERROR, width=9)
    canvas.line([(x - d, y + d), (x + d, y - d)], fill=ERROR, width=9)


# --- written columns ------------------------------------------------------------------------


def render_column(puzzle: dict, answer: dict, film) -> None:
    op, a, b = puzzle["op"], puzzle["a"], puzzle["b"]
    steps = answer["steps"]
    ncols = max(len(str(a)), len(str(b)), len(steps)) + 1  # one more for the sign
    col_w = min(145.0, 860 / ncols)
    digit = col_w * 0.85
    right = 500 + ncols * col_w / 2

    def cx(k: int) -> float:  # centre of column k counted from the right
        return right - (k + 0.5) * col_w

    marks: dict[int, tuple[str, bool]] = {}  # column -> (small red text, top digit struck)
    results: dict[int, int] = {}

    def state(highlight: int | None = None) -> Canvas:
        c = film.canvas()
        if highlight is not None:
            c.rect(cx(highlight) - col_w / 2 + 6, ROW_Y["carry"] - 50,
                   cx(highlight) + col_w / 2 - 6, ROW_Y["result"] + digit * 0.7,
                   fill=lighten(HIGHLIGHT, 0.6), radius=12)  # fmt: skip
        for k, ch in enumerate(reversed(str(a))):
            c.text(cx(k), ROW_Y["top"], ch, size=digit, bold=True)
        for k, ch in enumerate(reversed(str(b))):
            c.text(cx(k), ROW_Y["bottom"], ch, size=digit, bold=True)
        draw_sign(c, op, cx(ncols - 1), ROW_Y["bottom"], digit * 0.3)
        c.line([(right - ncols * col_w, ROW_Y["rule"]), (right, ROW_Y["rule"])], fill=INK,
               width=8)  # fmt: skip
        for k, (text, strike) in marks.items():
            c.text(cx(k), ROW_Y["carry"], text, size=54, fill=CARRY, bold=True)
            if strike:  # the digit that lent ten is crossed out
                d = digit * 0.38
                c.line([(cx(k) - d * 0.75, ROW_Y["top"] + d), (cx(k) + d * 0.75, ROW_Y["top"] - d)],
                       fill=CARRY, width=7)  # fmt: skip
        for k, d in results.items():
            c.text(cx(k), ROW_Y["result"], str(d), size=digit, fill=WRITTEN, bold=True)
        return c

    film.opening(state())
    per = min(0.9, 4.5 / len(steps))
    for s in steps:
        k = s["col"]
        film.add(state(k), film.seconds(per * 0.45))
        if op == "subtract":
            if s["borrow_in"] or s["borrow_out"]:  # the value this column subtracts from
                marks[k] = (str(s["work"]), bool(s["borrow_in"]))
        elif s["carry_out"]:
            marks[k + 1] = (str(s["carry_out"]), False)
        if not s.get("blank"):
            results[k] = s["digit"]
        film.add(state(k), film.seconds(per * 0.55))
    film.closing(state())
