"""Edit distance: turn one word into another with the fewest insertions, deletions and
substitutions.

The target word is made from the start word by a few random edits, so the distance is
small but not always the number of edits made. The solver's script comes from the
Levenshtein table; the checker replays the script letter by letter and compares its
length with a distance it computes on its own. The video performs the edits one by one.
"""

from __future__ import annotations

from functools import cache

from generators.kit import FAINT, INK, MUTED, NAMED, Canvas, Param, Task, easing, register, require
from generators.kit.palette import lighten
from generators.kit.rng import choose, pick

LETTERS = "ABCDEFGHJKLMNPRSTUVWXYZ"
OP_COLOR = {"substitute": "orange", "insert": "green", "delete": "red"}
WORK_Y, TARGET_Y = 360.0, 660.0


def levenshtein_table(a: str, b: str) -> list[list[int]]:
    t = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(len(a) + 1):
        t[i][0] = i
    for j in range(len(b) + 1):
        t[0][j] = j
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            t[i][j] = min(t[i - 1][j] + 1, t[i][j - 1] + 1,
                          t[i - 1][j - 1] + (a[i - 1] != b[j - 1]))  # fmt: skip
    return t


def edit_script(a: str, b: str) -> list[dict]:
    """A shortest script, left to right; positions index the word as it is at that edit."""
    t = levenshtein_table(a, b)
    i, j = len(a), len(b)
    steps = []  # alignment, collected from the end
    while i or j:
        if i and j and t[i][j] == t[i - 1][j - 1] + (a[i - 1] != b[j - 1]):
            steps.append(("keep" if a[i - 1] == b[j - 1] else "substitute", b[j - 1]))
            i, j = i - 1, j - 1
        elif i and t[i][j] == t[i - 1][j] + 1:
            steps.append(("delete", None))
            i -= 1
        else:
            steps.append(("insert", b[j - 1]))
            j -= 1
    script, pos = [], 0
    for op, ch in reversed(steps):
        if op == "keep":
            pos += 1
        elif op == "delete":
            script.append({"op": "delete", "pos": pos})
        else:
            script.append({"op": op, "pos": pos, "char": ch})
            pos += 1
    return script


def apply(word: str, edit: dict) -> str:
    p = edit["pos"]
    if edit["op"] == "substitute":
        return word[:p] + edit["char"] + word[p + 1 :]
    if edit["op"] == "insert":
        return word[:p] + edit["char"] + word[p:]
    return word[:p] + word[p + 1 :]


def distance(a: str, b: str) -> int:
    """Levenshtein distance by memoised recursion on suffixes (independent of the table)."""

    @cache
    def d(i: int, j: int) -> int:
        if i == len(a):
            return len(b) - j
        if j == len(b):
            return len(a) - i
        if a[i] == b[j]:
            return d(i + 1, j + 1)
        return 1 + min(d(i + 1, j), d(i, j + 1), d(i + 1, j + 1))

    return d(0, 0)


@register(
    "O-61_edit_distance",
    title="Edit distance",
    description="Turn one word into another with the fewest letter insertions, deletions and substitutions.",
    category="puzzles-logic",
    params=[
        Param("min_len", "int", 4, 2, 9, help="shortest start word"),
        Param("max_len", "int", 7, 2, 9, help="longest start word"),
        Param("max_edits", "int", 4, 1, 5, help="most random edits used to make the target"),
    ],
    shard_size=60,
    memory="low",
    instances=10**9,
)  # fmt: skip
class EditDistance(Task):
    def generate(self, rng, params):
        lo, hi = sorted((params["min_len"], params["max_len"]))
        while True:
            alphabet = choose(rng, LETTERS, int(rng.integers(4, 7)))
            n = int(rng.integers(lo, hi + 1))
            start = "".join(pick(rng, alphabet) for _ in range(n))
            word = start
            for _ in range(int(rng.integers(1, params["max_edits"] + 1))):
                kind = pick(rng, ("substitute", "insert", "delete"))
                if kind == "delete" and len(word) <= 2:
                    kind = "insert"
                pos = int(rng.integers(len(word) + (kind == "insert")))
                word = apply(word, {"op": kind, "pos": pos,
                                    "char": pick(rng, alphabet)})  # fmt: skip
            if word != start and len(word) >= 2:
                return {"start": start, "target": word}

    def solve(self, puzzle, params):
        script = edit_script(puzzle["start"], puzzle["target"])
        return {"distance": len(script), "script": script}

    def check(self, puzzle, answer, params):
        word = puzzle["start"]
        for k, e in enumerate(answer["script"]):
            op, p = e.get("op"), e.get("pos")
            require(op in OP_COLOR, f"edit {k + 1} is not insert, delete or substitute")
            limit = len(word) + (op == "insert")
            require(isinstance(p, int) and 0 <= p < limit, f"edit {k + 1} is outside the word")
            if op != "delete":
                ch = e.get("char")
                require(isinstance(ch, str) and len(ch) == 1 and ch.isupper(),
                        f"edit {k + 1} does not write one capital letter")  # fmt: skip
            if op == "substitute":
                require(word[p] != ch, f"edit {k + 1} replaces a letter with itself")
                word = word[:p] + ch + word[p + 1 :]
            elif op == "insert":
                word = word[:p] + ch + word[p:]
            else:
                word = word[:p] + word[p + 1 :]
        require(word == puzzle["target"], f"the edits spell {word}, not {puzzle['target']}")
        best = distance(puzzle["start"], puzzle["target"])
        require(len(answer["script"]) == best, f"the script has {len(answer['script'])} edits, "
                f"the fewest possible is {best}")  # fmt: skip
        require(answer["distance"] == best, f"the edit distance is {best}")

    def prompt(self, puzzle, params):
        a, b = puzzle["start"], puzzle["target"]
        return (
            f'The image shows the word {a} in letter tiles under "Word" and the word {b} under '
            '"Target", with an edit counter at the bottom. Turn the word into the target with '
            "as few edits as possible, one edit at a time: insert one letter (its tile turns "
            "green), delete one letter (its tile turns red and disappears), or replace one letter "
            "by another (its tile turns orange). Each edit adds one to the counter. The target "
            "row stays unchanged. The video ends when the word reads the same as the target and "
            "the counter shows the fewest number of edits needed."
        )

    def rubric(self, puzzle, answer, params):
        a, b, d = puzzle["start"], puzzle["target"], answer["distance"]
        words = []
        for e in answer["script"]:
            if e["op"] == "delete":
                words.append(f"delete the letter at position {e['pos'] + 1}")
            elif e["op"] == "insert":
                words.append(f"insert {e['char']} at position {e['pos'] + 1}")
            else:
                words.append(f"replace position {e['pos'] + 1} by {e['char']}")
        return "\n".join([
            f"1. The word changes from {a} to {b} in exactly {d} edit{'s' if d > 1 else ''}, one "
            "at a time; the fewest possible is "
            f"{d}. Any shortest sequence is correct, for example: {'; '.join(words)}.",
            "2. Each edit inserts, deletes or replaces a single letter; inserted tiles are green, "
            "replaced tiles orange, and deleted tiles turn red and vanish.",
            f"3. The counter goes up by one per edit and ends at {d}.",
            f"4. In the final frame the word row reads {b}, the same as the target row.",
            f"5. The target row ({b}) and the layout do not change.",
        ])  # fmt: skip

    def render(self, puzzle, answer, params, film):
        words = [puzzle["start"]]
        for e in answer["script"]:
            words.append(apply(words[-1], e))
        lay = Layout(max(map(len, [*words, puzzle["target"]])))
        base = film.canvas()
        base.text(500, 90, "Fewest edits", size=56, bold=True)
        base.text(500, WORK_Y - lay.tile / 2 - 45, "Word", size=42, fill=MUTED)
        base.text(500, TARGET_Y - lay.tile / 2 - 45, "Target", size=42, fill=MUTED)
        lay.row(base, [(ch, None, 1.0) for ch in puzzle["target"]], TARGET_Y)
        tiles = [(ch, None) for ch in puzzle["start"]]  # (letter, colour of the edit or None)
        first = base.copy()
        lay.row(first, [(ch, c, 1.0) for ch, c in tiles], WORK_Y)
        lay.counter(first, 0)
        film.hold(first, 1.0)
        for k, e in enumerate(answer["script"]):
            before = lay.xs(len(tiles))
            p = e["pos"]
            color = OP_COLOR[e["op"]]
            if e["op"] == "insert":
                after_tiles = [*tiles[:p], (e["char"], color), *tiles[p:]]
            elif e["op"] == "delete":
                after_tiles = [*tiles[:p], *tiles[p + 1 :]]
            else:
                after_tiles = [*tiles[:p], (e["char"], color), *tiles[p + 1 :]]
            after = lay.xs(len(after_tiles))
            for t in easing.steps(film.seconds(0.6), easing.ease_in_out):
                frame = base.copy()
                lay.counter(frame, k if t < 0.5 else k + 1)
                if e["op"] == "substitute":
                    row = [(*tile, 1.0) for tile in tiles]
                    grow = abs(1 - 2 * t)  # the tile flips: old letter out, new letter in
                    row[p] = (tiles[p][0], color, grow) if t < 0.5 else (e["char"], color, grow)
                    lay.row(frame, row, WORK_Y, squash=p)
                elif e["op"] == "insert":
                    old = [easing.lerp(a, b, t) for a, b in zip(before, after[:p] + after[p + 1 :])]
                    lay.place(frame, [(*tile, 1.0) for tile in tiles], old, WORK_Y)
                    lay.place(frame, [(e["char"], color, t)], [after[p]], WORK_Y)
                else:
                    shrink = max(0.0, 1 - 2 * t)
                    keep = [easing.lerp(a, b, max(0.0, 2 * t - 1))
                            for a, b in zip(before[:p] + before[p + 1 :], after)]  # fmt: skip
                    lay.place(frame, [(*tile, 1.0) for tile in after_tiles], keep, WORK_Y)
                    if shrink > 0:
                        lay.place(frame, [(tiles[p][0], OP_COLOR["delete"], shrink)], [before[p]],
                                  WORK_Y)  # fmt: skip
                film.add(frame)
            tiles = after_tiles
            still = base.copy()
            lay.row(still, [(*tile, 1.0) for tile in tiles], WORK_Y)
            lay.counter(still, k + 1)
            film.hold(still, 0.25)
        final = base.copy()
        lay.row(final, [(*tile, 1.0) for tile in tiles], WORK_Y)
        lay.counter(final, len(answer["script"]))
        film.hold(final, 1.5)


class Layout:
    def __init__(self, longest: int):
        self.tile = min(120.0, 880.0 / max(longest, 1))
        self.gap = self.tile * 0.1
        self._stamps: dict = {}

    def xs(self, n: int) -> list[float]:
        """Centres of n tiles in a centred row."""
        step = self.tile
        left = 500.0 - step * n / 2 + step / 2
        return [left + i * step for i in range(n)]

    def row(self, canvas: Canvas, tiles, y: float, squash: int | None = None) -> None:
        self.place(canvas, tiles, self.xs(len(tiles)), y, squash)

    def place(self, canvas: Canvas, tiles, xs, y: float, squash: int | None = None) -> None:
        """Tiles (letter, edit colour or None, scale) centred at xs; `squash` flips horizontally."""
        for i, ((ch, color, scale), x) in enumerate(zip(tiles, xs)):
            if scale >= 1.0 and squash != i:
                self.stamp(canvas, ch, color, x, y)
            elif scale > 0.02:
                self.draw(canvas, ch, color, x, y, scale, squash == i)

    def draw(self, canvas: Canvas, ch, color, x, y, scale=1.0, flip=False) -> None:
        half = (self.tile - self.gap) / 2
        hx = half * scale
        hy = half if flip else half * scale
        fill = lighten(NAMED[color], 0.55) if color else FAINT
        outline = NAMED[color] if color else INK
        canvas.rect(x - hx, y - hy, x + hx, y + hy, fill=fill, outline=outline, width=5,
                    radius=10 * scale)  # fmt: skip
        size = max(40.0, self.tile * 0.6) * (1.0 if flip else scale)
        if size >= 12 and (not flip or scale > 0.35):
            canvas.text(x, y, ch, size=size, bold=True, fill=INK)

    def stamp(self, canvas: Canvas, ch, color, x, y) -> None:
        """A full-size tile pasted from a cache (drawing letters is the costly part)."""
        pad = (self.tile - self.gap) / 2 + 4
        key = (ch, color)
        if key not in self._stamps:
            scratch = Canvas(canvas.size)
            self.draw(scratch, ch, color, 500.0, 500.0)
            box = tuple(scratch.px(v) for v in (500 - pad, 500 - pad, 500 + pad, 500 + pad))
            self._stamps[key] = scratch.image.crop(box)
        canvas.image.paste(self._stamps[key], (canvas.px(x - pad), canvas.px(y - pad)))

    def counter(self, canvas: Canvas, n: int) -> None:
        canvas.text(500, 880, f"Edits: {n}", size=60, bold=True)
