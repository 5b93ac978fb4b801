"""Symbol tiles: letters, digits or coloured kit shapes on square tiles, in centred rows.

The symbol-editing tasks (reorder, substitute, delete, insert, edit) share them. A token is
a string: one capital letter, one digit, or "<colour> <shape>" ("red star"). Tiles are drawn
as vectors at float positions, so a gliding tile moves sub-pixel smoothly; `content` and
`scale` shrink a tile's symbol or the whole tile in place (a symbol morphing into another, a
tile appearing or vanishing).
"""

from __future__ import annotations

from .draw import SHAPES, Canvas
from .palette import BACKGROUND, INK, NAMED, darken

LETTERS = "ABCDEFGHJKLMNPRSTUVWXYZ"  # no I, O or Q: they read as 1, 0 and O
DIGITS = "0123456789"
TOKEN_COLORS = ("red", "blue", "green", "orange", "purple", "yellow", "pink", "cyan")
ALPHABETS: dict[str, tuple[str, ...]] = {
    "letters": tuple(LETTERS),
    "digits": tuple(DIGITS),
    "shapes": tuple(f"{c} {s}" for s in SHAPES for c in TOKEN_COLORS),
}
# Tiles are cards of the background colour with an ink border: letter holes and the space
# around a symbol are then background. Each tile's ink and shape colour are its own, one or
# two levels off the palette's (invisible), so that following objects from frame to frame
# by exact colour (generators/review.py) pairs a gliding glyph or shape with itself, never
# with a look-alike of another tile.
TILE_FILL = BACKGROUND
TINTS = tuple((a, b, c) for a in range(3) for b in range(3) for c in range(3))


def tinted(rgb, tint: int):
    """`rgb` moved by the tint's one or two levels per channel, away from the limits."""
    shift = TINTS[tint % len(TINTS)]
    return tuple(v - d if v > 127 else v + d for v, d in zip(rgb, shift, strict=True))


def token_kind(token: str) -> str:
    """The alphabet a token belongs to: letters, digits or shapes."""
    if " " in token:
        return "shapes"
    return "digits" if token.isdigit() else "letters"


def is_token(token) -> bool:
    return isinstance(token, str) and token in ALPHABETS[token_kind(token)]


def row_text(tokens) -> str:
    """A row as prompts and rubrics write it: "A B C" or "red star, blue circle"."""
    tokens = list(tokens)
    if tokens and token_kind(tokens[0]) == "shapes":
        return ", ".join(tokens)
    return " ".join(tokens)


def embeddings(longer: list[str], shorter: list[str]) -> int:
    """In how many ways `shorter` is `longer` with some tiles left out (a subsequence count):
    1 means the tiles to delete from `longer`, or to insert into `shorter`, are unique."""
    ways = [1] + [0] * len(shorter)  # ways[j]: embeddings of shorter[:j] so far
    for t in longer:
        for j in range(len(shorter), 0, -1):
            if shorter[j - 1] == t:
                ways[j] += ways[j - 1]
    return ways[len(shorter)]


def symbol_words(kind: str) -> str:
    """What the tiles of an alphabet carry, in words ("letters", "coloured shapes")."""
    return {"letters": "letters", "digits": "digits", "shapes": "coloured shapes"}[kind]


def draw_tile(canvas: Canvas, token: str, x: float, y: float, size: float, *, tint: int = 0,
              scale: float = 1.0, content: float = 1.0, outline=None, fill=None) -> None:  # fmt: skip
    """A square tile `size` units wide centred on (x, y) with its symbol; `scale` shrinks the
    whole tile, `content` only the symbol (both 1.0 for a tile at rest); `tint` is the
    tile's own shade of ink (see TINTS); `outline` and `fill` override the ink border and
    the card's colour (a tile being acted on)."""
    half = size * scale / 2
    if half < 0.5:
        return
    canvas.rect(x - half, y - half, x + half, y + half, fill=fill or TILE_FILL,
                outline=outline or tinted(INK, tint), width=max(2.0, size * 0.045 * scale),
                radius=size * 0.14 * scale)  # fmt: skip
    draw_symbol(canvas, token, x, y, size * scale * content, tint)


def draw_symbol(canvas: Canvas, token: str, x: float, y: float, size: float, tint: int = 0):
    """A token's symbol alone, sized for a tile `size` units wide."""
    if size < 3:
        return
    if token_kind(token) == "shapes":
        color, kind = token.split(" ")
        rgb = NAMED[color]
        canvas.shape(kind, x, y, size * 0.3, fill=tinted(rgb, tint), outline=darken(rgb, 0.35),
                     width=max(1.5, size * 0.03))  # fmt: skip
    else:
        canvas.text(x, y, token, size=size * 0.62, fill=tinted(INK, tint))


class TileRow:
    """Where the tiles of a centred row go: a step between tile centres fitted to the longest
    row the task shows, so every row of one video uses the same tile size."""

    def __init__(self, longest: int, span: float = 880.0, most: float = 110.0, cx: float = 500.0):
        self.step = min(most, span / max(longest, 1))
        self.size = self.step * 0.86
        self.cx = cx

    def xs(self, n: int) -> list[float]:
        """Centres of n tiles in a row centred on cx."""
        left = self.cx - self.step * (n - 1) / 2
        return [left + i * self.step for i in range(n)]

    def draw(self, canvas: Canvas, tokens, y: float, xs=None, tints=None, **style) -> None:
        """A row of tiles at y, at `xs` (default: the centred places of len(tokens) tiles),
        with `tints` (default: 0, 1, 2, ... by place)."""
        tokens = list(tokens)
        xs = xs if xs is not None else self.xs(len(tokens))
        tints = tints if tints is not None else range(len(tokens))
        for token, x, tint in zip(tokens, xs, tints, strict=True):
            draw_tile(canvas, token, x, y, self.size, tint=tint, **style)
