"""The kit's symbol tiles, glide timing and rounded paths."""

from __future__ import annotations

import itertools
import math

import pytest

from generators.kit import Canvas, easing
from generators.kit.geometry import round_corners
from generators.kit.tokens import (
    ALPHABETS,
    TINTS,
    TileRow,
    draw_tile,
    is_token,
    row_text,
    tinted,
    token_kind,
)
from generators.kit.video import Film


def test_tokens_know_their_alphabet():
    assert token_kind("A") == "letters" and token_kind("7") == "digits"
    assert token_kind("red star") == "shapes"
    assert all(is_token(t) for kind in ALPHABETS.values() for t in kind)
    assert not is_token("I") and not is_token("red blob") and not is_token(3)
    assert row_text(["A", "B"]) == "A B"
    assert row_text(["red star", "blue circle"]) == "red star, blue circle"


def test_tints_are_distinct_and_invisible():
    shades = {tinted((33, 37, 41), t) for t in range(len(TINTS))}
    assert len(shades) == len(TINTS)
    assert all(max(abs(a - b) for a, b in zip(s, (33, 37, 41), strict=True)) <= 2 for s in shades)
    assert tinted((250, 200, 20), 26) == (248, 198, 22)


def test_row_places_are_centred_and_evenly_spaced():
    row = TileRow(5)
    xs = row.xs(5)
    assert xs[2] == pytest.approx(500) and xs[1] - xs[0] == pytest.approx(row.step)
    assert row.size < row.step  # a gap between neighbours
    assert TileRow(20).step * 20 <= 880 + 1e-9


def test_a_tile_draws_its_symbol_and_a_shrunk_tile_nothing():
    blank = Canvas(64).to_rgb_bytes()
    c = Canvas(64)
    draw_tile(c, "red star", 500, 500, 300)
    assert c.to_rgb_bytes() != blank
    c = Canvas(64)
    draw_tile(c, "A", 500, 500, 300, scale=0.0)
    assert c.to_rgb_bytes() == blank


def test_cruise_is_smooth_and_faster_than_smoothstep_at_the_same_top_speed():
    n = 400
    values = [easing.cruise(k / n, ramp=0.25) for k in range(n + 1)]
    assert values[0] == 0 and values[-1] == pytest.approx(1)
    steps = [b - a for a, b in itertools.pairwise(values)]
    assert min(steps) >= 0 and max(steps) * n == pytest.approx(4 / 3, rel=0.01)


def test_glide_frames_bound_every_step():
    film = Film(64, 16, None)
    for distance in (10, 95, 333, 870):
        n = easing.glide_frames(film, distance, most=20)
        worst = max(distance * (easing.ease_in_out((k + 1) / n) - easing.ease_in_out(k / n))
                    for k in range(n))  # fmt: skip
        assert worst <= 20 + 1e-9
    assert easing.glide_frames(film, 1, least=0.3) == round(0.3 * 16)


def test_round_corners_keep_the_ends_and_shorten_the_path():
    square = [(0, 0), (0, -100), (200, -100), (200, 0)]
    path = round_corners(square, 30)
    assert path[0] == (0, 0) and path[-1] == (200, 0)
    length = sum(math.dist(a, b) for a, b in itertools.pairwise(path))
    assert 400 - 2 * 60 < length < 400
    assert min(y for _, y in path) == pytest.approx(-100)
