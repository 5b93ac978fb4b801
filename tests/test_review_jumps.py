"""The jump measure sees moving objects: not the one-pixel blend rows of moving anti-aliased
edges, nor the pieces of a tinted area that a line drawn across it cuts off."""

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
    assert jump(frame([(4, 4)], []), frame([(9, 4)], [])) == 5  # overlapping its old place


def test_a_blend_row_recurring_elsewhere_is_not_a_jump():
    """Two edges in different places: the rim colour of one frame's left edge shows up at
    the right edge in the next frame (the same sub-pixel offset): that is not motion."""
    assert jump(frame([], [(2, 10)]), frame([], [(40, 30)])) < 1  # the background barely shifts


def test_a_line_cutting_a_tinted_area_is_not_a_jump():
    """A beam drawn a little further across a tinted layer cuts a corner off it: the
    layer's main piece loses a fifth of its area and its centre shifts, but nothing moved
    except the beam's front."""
    tint, beam = (200, 230, 240), (220, 50, 47)
    a = np.full((128, 128, 3), BACKGROUND, dtype=np.uint8)
    a[16:112, 16:112] = tint
    for k in range(56):  # a diagonal beam from the left edge, not yet at the bottom one
        a[52 + k : 54 + k, 16 + k] = beam
    b = a.copy()
    for k in range(56, 60):  # it reaches the bottom edge: the corner below it is cut off
        b[52 + k : 54 + k, 16 + k] = beam
    assert jump(a, b) < 3  # the beam grew by 4 px: its own centre moved 2.8 px
