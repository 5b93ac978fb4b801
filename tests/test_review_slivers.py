"""The jump measure sees objects, not the one-pixel blend rows of moving anti-aliased edges."""

import numpy as np

from generators.review import Timeline, max_jump

BACKGROUND, BLOCK, RIM = (250, 248, 243), (38, 110, 230), (160, 190, 240)


def frame(blocks, rims):
    f = np.full((64, 64, 3), BACKGROUND, dtype=np.uint8)
    for x0, y0 in blocks:
        f[y0 : y0 + 8, x0 : x0 + 8] = BLOCK
    for x0, y in rims:
        f[y, x0 : x0 + 12] = RIM
    return f


def jump(a, b) -> float:
    return max_jump(Timeline([a, b], [1, 1], 16))[0] * 64


def test_a_moving_block_is_measured():
    assert jump(frame([(4, 4)], []), frame([(24, 4)], [])) == 20


def test_a_blend_row_recurring_elsewhere_is_not_a_jump():
    """Two edges in different places: the rim colour of one frame's left edge shows up at
    the right edge in the next frame (the same sub-pixel offset): that is not motion."""
    assert jump(frame([], [(2, 10)]), frame([], [(40, 30)])) < 1  # the background barely shifts
