"""Colours that read well on the light background and stay distinguishable from each other.

Named colours are what prompts say ("the red circle"), so every name is a plain English
colour word and no two entries are easily confused (hues chosen after Okabe-Ito and
Tableau 10, with lightness spread so they also differ in greyscale).
"""

from __future__ import annotations

RGB = tuple[int, int, int]

BACKGROUND: RGB = (250, 248, 243)
INK: RGB = (33, 37, 41)  # text, outlines, walls
MUTED: RGB = (134, 142, 150)  # secondary lines, grid
FAINT: RGB = (222, 226, 230)  # cell fills, light guides
HIGHLIGHT: RGB = (255, 214, 10)  # the thing being acted on
SUCCESS: RGB = (43, 147, 72)
ERROR: RGB = (214, 40, 40)

NAMED: dict[str, RGB] = {
    "red": (220, 50, 47),
    "blue": (38, 110, 230),
    "green": (46, 160, 67),
    "orange": (245, 140, 20),
    "purple": (140, 80, 200),
    "yellow": (240, 200, 20),
    "pink": (236, 100, 170),
    "brown": (140, 86, 50),
    "cyan": (20, 180, 200),
    "gray": (110, 110, 110),
}

COLOR_NAMES: tuple[str, ...] = tuple(NAMED)


def color(name: str) -> RGB:
    return NAMED[name]


def lighten(rgb: RGB, amount: float) -> RGB:
    """Mix toward white by `amount` in 0..1 (for fills under dark outlines)."""
    return tuple(round(c + (255 - c) * amount) for c in rgb)  # type: ignore[return-value]


def darken(rgb: RGB, amount: float) -> RGB:
    return tuple(round(c * (1 - amount)) for c in rgb)  # type: ignore[return-value]
