"""The drawing kit is anti-aliased and sub-pixel; the encoder converts each distinct frame
once; decoded motion is smooth."""

from __future__ import annotations

import numpy as np
import pytest

from generators.kit import INK, Canvas, Film
from generators.kit.palette import BACKGROUND
from generators.kit.video import VideoWriter, decode_ends, probe, read_frames

SIZE = 200  # 5 px per 25 units: quarter pixels are 1.25 units


def darkness(canvas: Canvas) -> np.ndarray:
    """How far each pixel is from the background, as a weight (ink = 1)."""
    rgb = np.asarray(canvas.image, dtype=np.float64)
    return np.abs(rgb - BACKGROUND).sum(axis=2) / np.abs(np.subtract(INK, BACKGROUND)).sum()


def centroid_x(weights: np.ndarray) -> float:
    return float((weights.sum(axis=0) * np.arange(weights.shape[1])).sum() / weights.sum())


def disc_at(x_px: float) -> Canvas:
    c = Canvas(SIZE)
    c.circle(x_px / c.scale, 100 / c.scale, 12 / c.scale, fill=INK)
    return c


@pytest.mark.parametrize("step", [0.25, 0.5, 0.75, 1.0])
def test_a_disc_moved_by_a_fraction_of_a_pixel_moves_by_that_fraction(step):
    base = centroid_x(darkness(disc_at(80.3)))
    moved = centroid_x(darkness(disc_at(80.3 + step)))
    assert moved - base == pytest.approx(step, abs=0.02)


def test_edges_blend_and_areas_are_true():
    w = darkness(disc_at(80.3))
    rim = (w > 0.02) & (w < 0.98)
    assert rim.sum() > 40  # a 12 px disc has a rim of blended pixels all round
    assert w.sum() == pytest.approx(np.pi * 12**2, rel=0.01)  # coverage, not growth


def test_rect_and_polygon_edges_keep_their_area():
    c = Canvas(SIZE)
    c.rect(10 / c.scale, 10 / c.scale, 50.5 / c.scale, 30.25 / c.scale, fill=INK)
    assert darkness(c).sum() == pytest.approx(40.5 * 20.25, rel=0.005)
    c = Canvas(SIZE)
    c.polygon([(p[0] / c.scale, p[1] / c.scale) for p in [(20, 20), (120.5, 30), (60, 150.25)]],
              fill=INK)  # fmt: skip
    area = abs((120.5 - 20) * (150.25 - 20) - (60 - 20) * (30 - 20)) / 2
    assert darkness(c).sum() == pytest.approx(area, rel=0.01)


def test_an_outline_lies_inside_the_shape():
    c = Canvas(SIZE)
    c.rect(250, 250, 750, 750, fill=None, outline=INK, width=25)  # 5 px at 200 px
    w = darkness(c)
    assert w[100, 49] < 0.02 and w[100, 50] > 0.98 and w[100, 54] > 0.98 and w[100, 55] < 0.02


def test_text_moves_by_quarter_pixels():
    def text_at(x_px: float) -> float:
        c = Canvas(SIZE)
        c.text(x_px / c.scale, 500, "8", size=150)
        return centroid_x(darkness(c))

    shifts = [text_at(100 + q) - text_at(100) for q in (0.25, 0.5, 0.75, 1.0)]
    assert shifts == pytest.approx([0.25, 0.5, 0.75, 1.0], abs=0.05)


def test_grid_lines_are_crisp():
    c = Canvas(SIZE)
    c.grid(103.3, 101.7, 97.1, 3, 3, color=INK, width=5, thick_every=3, thick=10)
    values = np.unique(np.asarray(c.image).reshape(-1, 3), axis=0)
    assert {tuple(v) for v in values} == {INK, BACKGROUND}  # no blended pixels at all


def test_both_buffers_hand_over_pixels():
    """Shapes (AGG) and text (Pillow) interleave on one canvas, and copies are independent."""
    c = Canvas(SIZE)
    c.rect(0, 0, 500, 500, fill=INK)
    c.text(750, 750, "A", size=100)
    c.circle(750, 250, 100, fill=INK)
    twin = c.copy()
    twin.rect(500, 500, 1000, 1000, fill=INK)
    w = darkness(c)
    assert w[50, 50] > 0.99 and w[50, 150] > 0.99 and w[130:170, 130:170].sum() > 20
    assert w[199, 199] < 0.01
    assert darkness(twin)[199, 199] > 0.99


def test_held_frames_are_converted_once_and_counted(tmp_path):
    film = Film(64, 10, tmp_path / "v.mp4")
    a, b = Canvas(64), Canvas(64)
    b.circle(500, 500, 200, fill=INK)
    film.hold(a, 0.5)
    film.add(b)
    film.add(b.copy(), 3)  # a new canvas with the same pixels is a repeat too
    film.add(a)
    film.close()
    assert film.frame_count == 5 + 1 + 3 + 1
    assert film.distinct_frames == 3
    info = probe(tmp_path / "v.mp4")
    assert (info.codec, info.pix_fmt, info.frames, info.faststart) == ("h264", "yuv420p", 10, True)


def test_a_slow_object_glides_smoothly_in_the_decoded_video(tmp_path):
    """0.3 px per frame: every decoded frame moves the object by about that much, never by
    0 then 1 pixel."""
    film = Film(SIZE, 16, tmp_path / "v.mp4")
    for k in range(24):
        film.add(disc_at(60 + 0.3 * k))
    film.close()
    xs = []
    for frame in read_frames(tmp_path / "v.mp4"):
        w = np.abs(frame.astype(np.float64) - BACKGROUND).sum(axis=2)
        w[w < 30] = 0  # leave out the encoder's faint ringing far from the disc
        xs.append(centroid_x(w))
    steps = np.diff(xs)
    assert len(steps) == 23
    assert np.all(np.abs(steps - 0.3) < 0.12), np.round(steps, 3)


def test_the_first_and_last_decoded_frames_match_the_stills(tmp_path):
    film = Film(128, 8, tmp_path / "v.mp4")
    first = Canvas(128)
    first.text(500, 500, "first", size=120)
    last = Canvas(128)
    last.circle(500, 500, 300, fill=INK)
    film.hold(first, 0.5)
    film.hold(last, 0.5)
    film.close()
    ends = decode_ends(tmp_path / "v.mp4")
    assert ends.info.frames == 8
    for decoded, still in ((ends.first_rgb, film.first), (ends.last_rgb, film.last)):
        diff = np.abs(decoded.astype(int) - np.asarray(still, dtype=int))
        assert diff.mean() < 3


def test_encoding_counts_distinct_frames_process_wide(tmp_path):
    before = dict(VideoWriter.totals)
    film = Film(64, 10, tmp_path / "v.mp4")
    film.hold(Canvas(64), 1.0)
    film.close()
    assert VideoWriter.totals["frames"] - before["frames"] == 10
    assert VideoWriter.totals["distinct"] - before["distinct"] == 1


@pytest.mark.parametrize("ch", [chr(c) for c in range(33, 127)])
def test_every_glyph_matches_freetypes_rendering_of_the_font(ch):
    """The kit draws each printable character as FreeType (through Pillow) draws the same
    font: the same ink, in the same place (a dropped segment cut strokes out of K and X)."""
    from PIL import Image, ImageDraw, ImageFont

    size_px, box = 120, 200
    c = Canvas(box)
    c.rect(0, 0, 1000, 1000, fill=BACKGROUND)
    c.text(40 / c.scale, 150 / c.scale, ch, size=size_px / c.scale, fill=INK, anchor="ls")
    kit_ink = darkness(c)
    kit = kit_ink > 0.5
    img = Image.new("RGB", (box, box), BACKGROUND)
    font = ImageFont.load_default(size=size_px)
    ImageDraw.Draw(img).text((40, 150), ch, font=font, fill=INK, anchor="ls")
    ref_ink = np.abs(np.asarray(img, dtype=np.float64) - BACKGROUND).sum(axis=2)
    ref_ink /= np.abs(np.subtract(INK, BACKGROUND)).sum()
    ref = ref_ink > 0.5
    # FreeType hints stems to whole pixels (a 1 px stroke may come out 1.2 px): compare the
    # coverage with some room, and the shapes by how much of the ink overlaps
    assert kit_ink.sum() == pytest.approx(ref_ink.sum(), rel=0.12), f"{ch!r}: ink differs"
    shift = round(centroid_x(ref.astype(float)) - centroid_x(kit.astype(float)))
    moved = np.roll(kit, shift, axis=1)
    overlap = (moved & ref).sum() / (moved | ref).sum()
    assert overlap > 0.75, f"{ch!r}: only {overlap:.0%} of the ink overlaps"


def test_text_is_kerned_as_a_shaping_engine_kerns_the_font():
    """Every pair of printable characters is as wide in the kit's layout as HarfBuzz (through
    Pillow's raqm layout) makes it: the font's kerning applied ("AV", "To")."""
    from io import BytesIO

    from PIL import ImageFont, features

    from generators.kit.text import kit_font

    assert features.check("raqm"), "Pillow without raqm: nothing to compare with"
    font = kit_font()
    shaper = ImageFont.truetype(BytesIO(ImageFont.load_default(size=12).font_bytes), font.units,
                                layout_engine=ImageFont.Layout.RAQM)  # fmt: skip
    printable = [chr(c) for c in range(33, 127)]
    pairs = [a + b for a in printable for b in printable]
    # ligatures off: the kit draws one glyph per character ("fi" stays two)
    wrong = [p for p in pairs if font.layout(p).width != shaper.getlength(p, features=["-liga"])]
    assert not wrong, wrong[:10]
    kerned = [p for p in pairs if font.layout(p).width != font.layout(p[0]).width + font.layout(p[1]).width]  # fmt: skip
    assert {"AV", "To", "LT"} <= set(kerned)
