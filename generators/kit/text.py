"""Text as vector outlines: the kit's one font, laid out by its own metrics, drawn by AGG.

The font is the Aileron Regular that Pillow ships inside itself (never a host font), read
with fontTools. Glyphs are drawn from their outlines, so text is anti-aliased and placed on
any fraction of a pixel like every other shape, in the same buffer (no hand-over to a
raster library per label). Layout uses the font's advance widths and its pair kerning (read
from the font's GPOS table here): no system shaping library is involved, so the same string
gives the same pixels wherever Pillow installs.

A few mathematical signs the font lacks are built from its own proportions (`SYNTHETIC`);
any other missing character is an error, never a silent placeholder box.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache, lru_cache
from io import BytesIO

import aggdraw
from fontTools.pens.basePen import BasePen
from fontTools.ttLib import TTFont
from PIL import ImageFont

BOLD_STROKE = 1 / 14  # of the font size: the width of the outline that thickens bold text


def _dot(cx: float, cy: float, r: float, sides: int = 16) -> str:
    points = [(cx + r * math.cos(2 * math.pi * i / sides), cy + r * math.sin(2 * math.pi * i / sides))
              for i in range(sides)]  # fmt: skip
    return "M" + "L".join(f"{x:.1f} {y:.1f}" for x, y in points) + "Z"


def _bar(cx: float, cy: float, degrees: float, half_length: float = 150, half_width: float = 28):
    a = math.radians(degrees)
    ux, uy, vx, vy = math.cos(a), math.sin(a), -math.sin(a), math.cos(a)
    corners = [(cx + s * half_length * ux + t * half_width * vx,
                cy + s * half_length * uy + t * half_width * vy)
               for s, t in ((-1, -1), (1, -1), (1, 1), (-1, 1))]  # fmt: skip
    return "M" + "L".join(f"{x:.1f} {y:.1f}" for x, y in corners) + "Z"


# Outlines (font units, y up) and advance widths of signs the font does not have, drawn
# to match its "+" (bar 56 units thick on the math axis at y = 317).
_BAR = "M80 289L500 289L500 345L80 345Z"
SYNTHETIC = {
    "\u2212": (_BAR, 580),  # minus sign
    "\u00d7": (_bar(290, 317, 45, 190) + _bar(290, 317, -45, 190), 580),  # multiplication sign
    "\u00f7": (_BAR + _dot(290, 459, 40) + _dot(290, 175, 40), 580),  # division sign
}  # fmt: skip


@dataclass(frozen=True)
class Layout:
    """A line of text in font units: each character's symbol and pen position."""

    glyphs: tuple[tuple[aggdraw.Symbol | None, float], ...]
    width: float


class Font:
    """The kit's font: metrics in font units and glyph outlines as AGG symbols."""

    def __init__(self):
        data = ImageFont.load_default(size=12).font_bytes  # Aileron, embedded in Pillow
        font = TTFont(BytesIO(data))
        self.units = font["head"].unitsPerEm
        self.ascent, self.descent = font["hhea"].ascent, font["hhea"].descent
        self._cmap = font.getBestCmap()
        self._glyphs = font.getGlyphSet()
        self._advances = {name: adv for name, (adv, _lsb) in font["hmtx"].metrics.items()}
        self._kerning = PairKerning(font)

    def has(self, ch: str) -> bool:
        return ord(ch) in self._cmap or ch in SYNTHETIC

    @lru_cache(maxsize=512)  # noqa: B019 - one Font lives for the process
    def glyph(self, ch: str) -> tuple[aggdraw.Symbol | None, float]:
        """The outline of `ch` (None for blank glyphs) and its advance, in font units."""
        if ch in SYNTHETIC:
            path, advance = SYNTHETIC[ch]
            return _symbol(path), advance
        name = self._cmap.get(ord(ch))
        if name is None:
            raise ValueError(f"the kit's font has no glyph for {ch!r} (U+{ord(ch):04X})")
        pen = _PathPen(self._glyphs)
        self._glyphs[name].draw(pen)
        commands = "".join(pen.commands)
        return (_symbol(commands) if commands else None), self._advances[name]

    @lru_cache(maxsize=4096)  # noqa: B019
    def layout(self, text: str) -> Layout:
        """Pen positions from the advance widths and the font's own kerning ("AV", "To")."""
        x, glyphs = 0.0, []
        for i, ch in enumerate(text):
            symbol, advance = self.glyph(ch)
            glyphs.append((symbol, x))
            x += advance
            if i + 1 < len(text):
                x += self._kerning(self._cmap.get(ord(ch)), self._cmap.get(ord(text[i + 1])))
        return Layout(tuple(glyphs), x)

    def baseline_offset(self, anchor_v: str) -> float:
        """How far below the anchor point the baseline lies, in font units (Pillow's
        vertical anchors: a ascender, t top, m middle, s baseline, b bottom, d descender)."""
        return {
            "a": self.ascent, "t": self.ascent, "m": (self.ascent + self.descent) / 2,
            "s": 0.0, "b": self.descent, "d": self.descent,
        }[anchor_v]  # fmt: skip


class PairKerning:
    """The font's pair kerning (its GPOS "kern" feature: pair adjustments of the first
    glyph's advance, by glyph pair or by glyph class), as a lookup of two glyph names."""

    def __init__(self, font: TTFont):
        self._pairs: dict[tuple[str, str], int] = {}
        self._by_class: list[tuple[set[str], dict, dict, list]] = []
        gpos = font["GPOS"].table if "GPOS" in font else None
        if gpos is None:
            return
        lookups = {i for r in gpos.FeatureList.FeatureRecord if r.FeatureTag == "kern"
                   for i in r.Feature.LookupListIndex}  # fmt: skip
        for i in sorted(lookups):
            for table in gpos.LookupList.Lookup[i].SubTable:
                if table.Format == 1:
                    self._add_pairs(table)
                else:
                    rows = [[c.Value1 for c in row.Class2Record] for row in table.Class1Record]
                    self._by_class.append((set(table.Coverage.glyphs), table.ClassDef1.classDefs,
                                           table.ClassDef2.classDefs, rows))  # fmt: skip

    def _add_pairs(self, table) -> None:
        for first, pair_set in zip(table.Coverage.glyphs, table.PairSet, strict=True):
            for record in pair_set.PairValueRecord:
                value = getattr(record.Value1, "XAdvance", 0) if record.Value1 else 0
                self._pairs.setdefault((first, record.SecondGlyph), value)

    def __call__(self, first: str | None, second: str | None) -> int:
        """How much to add to `first`'s advance when `second` follows, in font units (0
        for characters the font does not have, as the synthetic signs)."""
        if first is None or second is None:
            return 0
        if (first, second) in self._pairs:
            return self._pairs[first, second]
        for coverage, classes1, classes2, rows in self._by_class:
            if first in coverage:  # the first table that covers the glyph decides
                value = rows[classes1.get(first, 0)][classes2.get(second, 0)]
                return getattr(value, "XAdvance", 0) if value else 0
        return 0


class _PathPen(BasePen):
    """A glyph outline as an SVG path with an explicit command letter before every segment:
    aggdraw's path parser drops the coordinates of implicit line-tos (the "M x y x y" form
    fontTools' SVGPathPen writes), which cut diagonal strokes out of K, V, X, k, v, x, y."""

    def __init__(self, glyph_set):
        super().__init__(glyph_set)
        self.commands: list[str] = []

    def _moveTo(self, p):
        self.commands.append(f"M{p[0]:g} {p[1]:g}")

    def _lineTo(self, p):
        self.commands.append(f"L{p[0]:g} {p[1]:g}")

    def _qCurveToOne(self, a, p):
        self.commands.append(f"Q{a[0]:g} {a[1]:g} {p[0]:g} {p[1]:g}")

    def _curveToOne(self, a, b, p):
        self.commands.append(f"C{a[0]:g} {a[1]:g} {b[0]:g} {b[1]:g} {p[0]:g} {p[1]:g}")

    def _closePath(self):
        self.commands.append("Z")

    _endPath = _closePath


def _symbol(path: str) -> aggdraw.Symbol:
    # aggdraw's path parser skips the character after a "Z": give it a space to skip, or
    # the next contour's "M" is lost and a stray edge joins the two contours.
    return aggdraw.Symbol(path.replace("Z", "Z "))


@cache
def kit_font() -> Font:
    return Font()
