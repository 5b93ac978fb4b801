"""Reviewing a generator's timeline from its exact frames (no encoding in between): how
long the opening and closing holds last, how far anything jumps between two frames, and
how many frames merely repeat the previous one. The catalog-wide tests and the gallery
use it; a reviewer can too:

    uv run python -m generators.review sudoku G-bounce
"""

from __future__ import annotations

import math
import sys
from dataclasses import dataclass

import numpy as np

from .kit.rng import sample_rng
from .kit.video import CLOSING_S, OPENING_S, Film
from .registry import get_spec
from .sample import normalize

REVIEW_SIZE = 256  # large enough for 3% of the width to span several pixels
MAX_OPENING_S = OPENING_S
MAX_CLOSING_S = CLOSING_S
MAX_JUMP = 0.03  # of the frame width, between two consecutive frames


@dataclass
class Timeline:
    """The distinct frames of one sample's video, each with how many frames it lasts."""

    frames: list[np.ndarray]
    holds: list[int]
    fps: int

    @property
    def total(self) -> int:
        return sum(self.holds)

    @property
    def opening_s(self) -> float:
        return self.holds[0] / self.fps

    @property
    def closing_s(self) -> float:
        return self.holds[-1] / self.fps if len(self.frames) > 1 else 0.0

    @property
    def repeated_share(self) -> float:
        """The share of video frames equal to the frame before them."""
        return 1 - len(self.frames) / self.total


def timeline(generator: str, seed: int, index: int, params: dict | None = None) -> Timeline:
    """Render one sample's video without encoding it, keeping its exact frames."""
    spec = get_spec(generator)
    p = spec.sample_params({"image_size": REVIEW_SIZE, **(params or {})}, index)
    task = spec.task_class()
    puzzle = normalize(task.generate(sample_rng(seed, index), p))
    answer = normalize(task.solve(puzzle, p))
    frames: list[np.ndarray] = []
    holds: list[int] = []
    size = p["image_size"]

    def observe(rgb: bytes, hold: int) -> None:
        if frames and frames[-1].tobytes() == rgb:
            holds[-1] += hold
            return
        frames.append(np.frombuffer(rgb, dtype=np.uint8).reshape(size, size, 3))
        holds.append(hold)

    film = Film(size, p["fps"], None, p["video_scale"], observer=observe)
    task.render(puzzle, answer, p, film)
    return Timeline(frames, holds, p["fps"])


def max_jump(line: Timeline) -> tuple[float, int]:
    """The largest jump between consecutive frames, as a share of the width, and the index
    of the frame that lands it.

    Objects are the connected areas of one exact colour (anti-aliased rims and specks
    smaller than MIN_OBJECT_PX aside, the background left out). An object of frame B that
    is not in frame A unchanged is matched with the changed objects of A of the same colour
    and about the same area (a moved or turned object keeps its area); the jump is the
    distance between their centres. An object with no such match appeared (a digit
    written, a label shown) and is not motion; nor is a match farther than the pixels the
    object gained can carry its centre (see `_movers`).
    """
    worst, at = 0.0, 0
    width = line.frames[0].shape[1]
    keys = [_colour_keys(f) for f in line.frames]
    values, counts = np.unique(keys[0], return_counts=True)
    background = int(values[counts.argmax()])
    found: dict[tuple[int, int], list] = {}

    def objects(i: int, colour: int) -> list:
        if (i, colour) not in found:
            found[i, colour] = _objects(keys[i] == colour)
        return found[i, colour]

    for i in range(1, len(keys)):
        changed = keys[i - 1] != keys[i]
        if not changed.any():
            continue
        for colour in _moving_colours(keys[i - 1], keys[i], changed):
            if colour == background:
                continue
            mask = keys[i] == colour
            movers = _movers(mask, mask & (keys[i - 1] != colour))
            d = _jump(objects(i - 1, colour), objects(i, colour), movers)
            if d / width > worst:
                worst, at = d / width, i
    return worst, at


MIN_OBJECT_PX = 24  # at REVIEW_SIZE: glyph strokes and rims are smaller, a 3 px ball is not
AREA_RATIO = 1.3  # how much an object's area may change between frames and still match


def _jump(before: list, after: list, movers: list) -> float:
    moved_from = [o for o in before if o not in after]
    worst = 0.0
    for area, centre, reach in movers:
        if (area, centre) in before:
            continue
        near = [d for o in moved_from if 1 / AREA_RATIO <= area / o[0] <= AREA_RATIO
                and (d := math.dist(centre, o[1])) <= reach]  # fmt: skip
        if near:
            worst = max(worst, min(near))
    return worst


def _moving_colours(key_a: np.ndarray, key_b: np.ndarray, changed: np.ndarray) -> list[int]:
    """Colours that both leave and arrive at MIN_OBJECT_PX pixels or more (anti-aliased
    rims are many colours of a few pixels each: they are not objects)."""
    left = np.unique(key_a[changed], return_counts=True)
    came = np.unique(key_b[changed], return_counts=True)
    left = {int(c) for c, n in zip(*left) if n >= MIN_OBJECT_PX}
    came = {int(c) for c, n in zip(*came) if n >= MIN_OBJECT_PX}
    return sorted(left & came)


def _objects(mask: np.ndarray) -> list[tuple[int, tuple[float, float]]]:
    """(area, centre) of each connected area of a mask, smallest specks and one-pixel
    slivers left out (a sliver is the anti-aliased blend row of a moving edge, whose exact
    colour recurs wherever another edge has the same sub-pixel offset: not an object)."""
    return [(area, centre) for area, centre, _, _ in _labelled(mask)]


def _movers(mask: np.ndarray, gained: np.ndarray) -> list[tuple[int, tuple[float, float], float]]:
    """(area, centre, reach) of the objects of a mask that may have moved: those holding
    some `gained` pixels (pixels that took their colour in this frame). A translated or
    turned object's centre moves at most gained x span / area (each gained pixel replaces
    a lost one at most the span away), so a match farther than that, its reach, is not its
    motion but a piece of a region cut off or trimmed (a line drawn across a tinted area).
    An object made only of gained pixels may have come from anywhere."""
    out = []
    for area, centre, span, fresh in _labelled(mask, gained):
        if fresh:
            reach = math.inf if fresh >= area else fresh * span / area + 1.0
            out.append((area, centre, reach))
    return out


def _labelled(mask: np.ndarray, gained: np.ndarray | None = None) -> list:
    """(area, centre, span, gained pixels) of each object of a mask (see `_objects`)."""
    from scipy import ndimage  # a review tool's dependency, not the worker's

    labels, count = ndimage.label(mask)
    if count == 0:
        return []
    index = np.arange(1, count + 1)
    areas = ndimage.sum_labels(mask, labels, index)
    keep = index[areas >= MIN_OBJECT_PX]
    if len(keep) == 0:
        return []
    centres = ndimage.center_of_mass(mask, labels, keep)
    boxes = ndimage.find_objects(labels)
    fresh = ndimage.sum_labels(gained, labels, keep) if gained is not None else areas[keep - 1]
    out = []
    for k, c, f in zip(keep, centres, fresh):
        rows, cols = boxes[k - 1]
        height, width = rows.stop - rows.start, cols.stop - cols.start
        if min(height, width) > 1:
            out.append((int(areas[k - 1]), (round(c[1], 2), round(c[0], 2)),
                        math.hypot(height, width), int(f)))  # fmt: skip
    return out


def _colour_keys(rgb: np.ndarray) -> np.ndarray:
    return (rgb[..., 0].astype(np.int32) << 16) | (rgb[..., 1].astype(np.int32) << 8) | rgb[..., 2]


def main() -> None:
    from .registry import generator_ids, lookup

    names = sys.argv[1:] or generator_ids()
    print(f"{'generator':34} {'open s':>6} {'close s':>7} {'jump %':>6} {'repeat':>6}")
    for name in names:
        gid = lookup(name)
        line = timeline(gid, 1, 0)
        jump, _ = max_jump(line)
        print(f"{gid:34} {line.opening_s:6.2f} {line.closing_s:7.2f} {jump * 100:6.1f} "
              f"{line.repeated_share:6.0%}")  # fmt: skip


if __name__ == "__main__":
    main()
