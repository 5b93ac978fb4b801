"""The generator kit: what task modules import."""

from ..params import Param
from ..registry import register
from . import easing
from .draw import MIN_TEXT, SHAPES, Canvas, shape_points
from .palette import BACKGROUND, COLOR_NAMES, ERROR, FAINT, HIGHLIGHT, INK, MUTED, NAMED, SUCCESS
from .rng import choose, distinct, pick, shuffled
from .task import CheckFailed, Task, redraw, require
from .video import Film

__all__ = [
    "BACKGROUND", "COLOR_NAMES", "ERROR", "FAINT", "HIGHLIGHT", "INK", "MIN_TEXT", "MUTED",
    "NAMED", "SHAPES", "SUCCESS", "Canvas", "CheckFailed", "Film", "Param", "Task", "choose",
    "distinct", "easing", "pick", "redraw", "register", "require", "shape_points", "shuffled",
]  # fmt: skip
