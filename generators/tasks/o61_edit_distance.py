"""Edit distance: turn one word into another with the fewest insertions, deletions and
substitutions.

The target word is made from the start word by a few random edits, so the distance is
small but not always the number of edits made. The solver's script comes from the
Levenshtein table; the checker replays the script letter by letter and compares its
length with a distance it computes on its own. The video performs the edits one by one.
"""

from __future__ import annotations

from functools import cache

from generators.kit import (
    BACKGROUND,
    FAINT,
    INK,
    MUTED,
    NAMED,
    Canvas,
    Param,
    Task,
    easing,
    edits,
    register,
    require,
)
from generators.kit.palette import lighten
from generators.kit.rng import choose, pick

LETTERS = "ABCDEFGHJKLMNPRSTUVWXYZ"
OP_COLOR = {"substitute": "orange", "insert": "green", "delete": "red"}
WORK_Y, TARGET_Y = 360.0, 660.0
FADE_S = 0.4  # a tile fading in, out, or from one letter to another
# tiles slide half a tile at this many canvas units a second: below the kit's 400, as such a
# short glide lasts two or three frames and rounding them shortens it
SLIDE_SPEED = 300.0


def edit_script(a: str, b: str) -> list[dict]:
    return edits.edit_script(a, b, "char")


def apply(word: str, edit: dict) -> str:
    return edits.apply_edit(word, edit, "char")


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
        Param("max_edits", "int", 4, 1, 7, help="most random edits used to make the target"),
    ],
    shard_size=60,
    memory="low",
    faculty="transformation",
    levels={
        1: {"min_len": 3, "max_len": 4, "max_edits": 1},
        2: {"min_len": 3, "max_len": 5, "max_edits": 2},
        3: {"min_len": 4, "max_len": 7, "max_edits": 4},
        4: {"min_len": 5, "max_len": 8, "max_edits": 5},
        5: {"min_len": 6, "max_len": 9, "max_edits": 7},
    },
    # measured: no repeat in 4,000 draws (at least 2.6 M distinct puzzles)
    instances=2_000_000,
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
            "as few edits as possible, one edit at a time: insert one letter (the tiles beside "
            "the spot slide apart and a green tile appears), delete one letter (its tile turns "
            "red and fades away, then the tiles slide together), or replace one letter by "
            "another (its tile turns orange). Each edit adds one to the counter. The target row "
            "stays unchanged. The video ends when the word reads the same as the target and "
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
            "replaced tiles orange, and deleted tiles turn red and vanish; tiles slide to make "
            "room or close a gap, never jumping.",
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
        target = [tile_look(ch, None) for ch in puzzle["target"]]
        lay.place(base, target, lay.xs(len(target)), TARGET_Y)
        word = [tile_look(ch, None) for ch in puzzle["start"]]

        def scene(looks, xs, count: int) -> Canvas:
            c = base.copy()
            lay.place(c, looks, xs, WORK_Y)
            lay.counter(c, count)
            return c

        def glide(looks, a, b, count: int) -> None:  # the tiles slide half a tile, a to b
            for t in easing.steps(
                film.seconds(easing.glide_seconds(lay.tile / 2, speed=SLIDE_SPEED)), easing.cruise
            ):
                film.add(scene(looks, [easing.lerp(x, y, t) for x, y in zip(a, b)], count))

        def fade(looks, xs, count: int, k: int, old, new) -> None:  # tile k changes colour
            for t in easing.steps(film.seconds(FADE_S), easing.ease_in_out):
                film.add(scene([*looks[:k], mix(old, new, t), *looks[k + 1 :]], xs, count))

        film.opening(scene(word, lay.xs(len(word)), 0))
        for k, e in enumerate(answer["script"]):
            p, color, xs = e["pos"], OP_COLOR[e["op"]], lay.xs(len(word))
            if e["op"] == "insert":  # the neighbours make room, then the new tile fades in
                wide = lay.xs(len(word) + 1)
                glide(word, xs, wide[:p] + wide[p + 1 :], k)
                new = tile_look(e["char"], color)
                word = [*word[:p], new, *word[p:]]
                fade(word, wide, k + 1, p, tile_look("", None, 0.0), new)
            elif e["op"] == "delete":  # the tile turns red and fades out, then the gap closes
                red = tile_look(word[p]["ch"], color)
                fade(word, xs, k + 1, p, word[p], red)
                fade(word, xs, k + 1, p, red, tile_look("", None, 0.0))
                word = word[:p] + word[p + 1 :]
                glide(word, xs[:p] + xs[p + 1 :], lay.xs(len(word)), k + 1)
            else:  # the letter fades into the new one on an orange tile
                new = tile_look(e["char"], color)
                fade(word, xs, k + 1, p, word[p], new)
                word = [*word[:p], new, *word[p + 1 :]]
            if k < len(answer["script"]) - 1:  # after the last edit the closing hold follows
                film.hold(scene(word, lay.xs(len(word)), k + 1), 0.25)
        film.closing(scene(word, lay.xs(len(word)), len(answer["script"])))


def tile_look(ch: str, edit: str | None, alpha: float = 1.0) -> dict:
    """How a tile looks: its letter and colours (an edit's colour, or plain), faded toward
    the background by 1 - alpha."""
    fill = lighten(NAMED[edit], 0.55) if edit else FAINT
    outline = NAMED[edit] if edit else INK
    return {"ch": ch, **{k: easing.lerp_color(BACKGROUND, c, alpha) for k, c in
                         (("fill", fill), ("outline", outline), ("ink", INK))}}  # fmt: skip


def mix(a: dict, b: dict, t: float) -> dict:
    """A tile on its way from look a to look b: colours blend; a changing letter fades out
    in the first half and the new one fades in over the second."""
    out = {k: easing.lerp_color(a[k], b[k], t) for k in ("fill", "outline")}
    if a["ch"] == b["ch"]:
        return {**out, "ch": a["ch"], "ink": easing.lerp_color(a["ink"], b["ink"], t)}
    if t < 0.5:
        return {**out, "ch": a["ch"], "ink": easing.lerp_color(a["ink"], out["fill"], 2 * t)}
    return {**out, "ch": b["ch"], "ink": easing.lerp_color(out["fill"], b["ink"], 2 * t - 1)}


class Layout:
    def __init__(self, longest: int):
        self.tile = min(120.0, 880.0 / max(longest, 1))
        self.gap = self.tile * 0.1

    def xs(self, n: int) -> list[float]:
        """Centres of n tiles in a centred row."""
        left = 500.0 - self.tile * n / 2 + self.tile / 2
        return [left + i * self.tile for i in range(n)]

    def place(self, canvas: Canvas, looks: list[dict], xs, y: float) -> None:
        half = (self.tile - self.gap) / 2
        for look, x in zip(looks, xs):
            canvas.rect(x - half, y - half, x + half, y + half, fill=look["fill"],
                        outline=look["outline"], width=5, radius=10)  # fmt: skip
            canvas.text(x, y, look["ch"], size=max(40.0, self.tile * 0.6), bold=True,
                        fill=look["ink"])  # fmt: skip

    def counter(self, canvas: Canvas, n: int) -> None:
        canvas.text(500, 880, f"Edits: {n}", size=60, bold=True)
