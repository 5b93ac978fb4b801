"""The shared kit helpers task modules build on: physics, views, film timing, dashed lines."""

import math

import pytest

from generators.kit import INK, Canvas, Film, choose, pick
from generators.kit.geometry import segment_distance
from generators.kit.physics import (
    accelerations,
    agm,
    eccentric_anomaly,
    elliptic_k,
    jacobi_sn_cn,
    pendulum,
    pendulum_period,
    pendulum_residuals,
    rk4_step,
    snap,
    steady,
    ticks,
    ticks_until,
    zero_crossings,
)
from generators.kit.rng import sample_rng
from generators.kit.view import View, hanging, nice_step, ruler, swing_arc, zigzag


def test_snap_rounds_to_a_readable_step():
    assert snap(2.26) == 2.3
    assert snap(0.123, 0.05) == 0.1
    assert snap(7.4, 5) == 5.0
    assert snap(0.1 + 0.2, 0.1) == 0.3  # no binary noise in stored numbers


def test_sample_clocks():
    assert ticks(1.0, 4) == [0.0, 0.25, 0.5, 0.75, 1.0]
    assert ticks(1.1, 4) == ticks(1.0, 4)  # ends at the tick nearest the duration
    assert ticks_until(0.6, 4) == [0.0, 0.25, 0.5, 0.6]
    assert ticks_until(0.5, 4) == [0.0, 0.25, 0.5]  # an end on a tick is not repeated
    assert steady([0.0, 0.25, 0.5], 4)
    assert not steady([0.0, 0.25, 0.6], 4)


def test_accelerations_are_second_differences():
    dt = 0.1
    xs = [3 * (i * dt) ** 2 - i * dt for i in range(8)]  # x = 3 t^2 - t: x'' = 6
    assert accelerations(xs, dt) == pytest.approx([6.0] * 6)


def test_zero_crossings_interpolate_and_count_exact_zeros_once():
    assert zero_crossings([(0.0, 1.0), (1.0, -3.0)], 1.0) == [0.25]
    assert zero_crossings([(0.0, 1.0), (1.0, 0.0), (2.0, -1.0), (3.0, 0.0), (4.0, 2.0)], 1.0) == [
        1.0,
        3.0,
    ]
    assert (
        zero_crossings([(0.0, 0.0), (1.0, 1.0), (2.0, 2.0)], 1.0) == []
    )  # the start is no crossing


def test_rk4_step():
    y, v = 5.0, 2.0  # free fall is a quadratic: RK4 is exact
    y1, v1 = rk4_step(lambda y, v: -9.81, y, v, 0.5)
    assert (y1, v1) == pytest.approx((5.0 + 2.0 * 0.5 - 9.81 * 0.25 / 2, 2.0 - 9.81 * 0.5))
    y, v, n = 1.0, 0.0, 1000  # y'' = -y: one full period comes back to the start
    for _ in range(n):
        y, v = rk4_step(lambda y, v: -y, y, v, 2 * math.pi / n)
    assert (y, v) == pytest.approx((1.0, 0.0), abs=1e-9)


def test_pendulum_period_and_elliptic_integral():
    assert agm(1.0, math.sqrt(0.5)) == pytest.approx(0.8472130847939790, rel=1e-15)
    assert elliptic_k(0.5) == pytest.approx(1.8540746773013719, rel=1e-12)
    small = 2 * math.pi * math.sqrt(2.0 / 9.81)
    assert pendulum_period(2.0, math.radians(0.5)) == pytest.approx(small, rel=1e-5)
    assert pendulum_period(2.0, math.radians(90)) / small == pytest.approx(1.1803406, rel=1e-6)


def test_exact_pendulum_motion():
    assert jacobi_sn_cn(0.7, 0.0) == pytest.approx((math.sin(0.7), math.cos(0.7)))
    sn, cn = jacobi_sn_cn(0.7, 0.8)
    assert sn * sn + cn * cn == pytest.approx(1.0)
    length, theta0 = 1.5, math.radians(120)
    T = pendulum_period(length, theta0)
    assert pendulum(length, theta0, 0.0) == pytest.approx((theta0, 0.0), abs=1e-12)
    assert pendulum(length, theta0, T / 2) == pytest.approx((-theta0, 0.0), abs=1e-9)
    bottom = math.sqrt(2 * 9.81 / length * (1 - math.cos(theta0)))  # energy at the bottom
    assert pendulum(length, theta0, T / 4) == pytest.approx((0.0, -bottom), abs=1e-9)
    mirrored = pendulum(length, -theta0, 0.3)
    assert mirrored == pytest.approx(tuple(-x for x in pendulum(length, theta0, 0.3)))


def test_pendulum_residuals_are_small_only_for_true_motion():
    length, theta0, dt = 1.2, math.radians(70), 0.02
    a, b = pendulum(length, theta0, 0.5), pendulum(length, theta0, 0.5 + dt)
    assert all(abs(e) < 1e-4 for e in pendulum_residuals(*a, *b, dt, 9.81, length))  # ~dt^3
    e_th, e_w = pendulum_residuals(a[0], a[1], b[0] + 0.01, b[1], dt, 9.81, length)
    assert abs(e_th) > 5e-3 and abs(e_w) < 1e-3  # a jump in angle shows in the angle


@pytest.mark.parametrize("e", [0.0, 0.3, 0.79, 0.8, 0.95])
def test_eccentric_anomaly_solves_keplers_equation(e):
    for mean in (0.0, 0.4, 2.0, math.pi, 5.5):
        ecc = eccentric_anomaly(mean, e)
        assert ecc - e * math.sin(ecc) == pytest.approx(mean, abs=1e-12)


def test_view_maps_world_to_canvas_with_y_up():
    v = View(100.0, 800.0, 50.0)
    assert v.pt(0, 0) == (100.0, 800.0)
    assert v.pt(2, 3) == (200.0, 650.0)
    v = View(500.0, 500.0, 10.0, x0=1.0, y0=-1.0)  # world (1, -1) at the canvas centre
    assert v.pt(1, -1) == (500.0, 500.0) and v.pt(2, 0) == (510.0, 490.0)


def test_view_fit_centres_the_points_in_the_box():
    box = (100.0, 200.0, 900.0, 600.0)
    xs, ys = [-2.0, 2.0, 1.0], [0.0, 1.0, 3.0]
    v = View.fit(box, xs, ys, margin=20)
    assert v.s == pytest.approx(120.0)  # the height is what limits
    pts = [v.pt(x, y) for x, y in zip(xs, ys)]
    assert min(p[1] for p in pts) == pytest.approx(220.0) and max(
        p[1] for p in pts
    ) == pytest.approx(580.0)
    assert (min(p[0] for p in pts) + max(p[0] for p in pts)) / 2 == pytest.approx(500.0)
    assert View.fit(box, xs, ys, most=3.0).s == 3.0


class Recorder:
    """Stands in for a Canvas and keeps what was drawn."""

    def __init__(self):
        self.lines, self.texts = [], []

    def line(self, points, fill, width):
        self.lines.append(points)

    def text(self, x, y, s, **style):
        self.texts.append((x, y, s))


def test_ruler_ticks_and_labels():
    c = Recorder()
    ruler(c, View(100.0, 0.0, 100.0), 500.0, 450.0, label_y=560.0, step=0.5, every=1.0)
    assert [p[0][0] for p in c.lines] == [100.0 + 50 * i for i in range(8)]  # to x = 450
    assert [p[1][1] for p in c.lines[:2]] == [528.0, 514.0]  # long ticks where labelled
    assert c.texts == [
        (100.0, 560.0, "0"),
        (200.0, 560.0, "1"),
        (300.0, 560.0, "2"),
        (400.0, 560.0, "3"),
    ]
    assert nice_step(40.0, 70.0, (0.5, 1.0, 2.0, 5.0)) == 2.0


def test_pendulum_points_and_arcs():
    assert hanging((500.0, 100.0), 200.0, 0.0) == (500.0, 300.0)  # straight down on the canvas
    assert hanging((500.0, 100.0), 200.0, math.pi / 2) == pytest.approx((700.0, 100.0))
    assert hanging((500.0, 100.0), 200.0, math.pi / 2, side=-1) == pytest.approx((300.0, 100.0))
    arc = swing_arc((0.0, 0.0), 10.0, 1.0, 4)
    assert len(arc) == 5 and arc[0] == (0.0, 10.0) and arc[-1] == hanging((0.0, 0.0), 10.0, 1.0)
    assert all(math.hypot(*p) == pytest.approx(10.0) for p in arc)


def test_zigzag_spring():
    pts = zigzag(100.0, 400.0, 50.0, coils=3, amp=10.0, lead=20.0)
    assert pts[:2] == [(100.0, 50.0), (120.0, 50.0)] and pts[-2:] == [(380.0, 50.0), (400.0, 50.0)]
    middle = pts[2:-2]
    assert len(middle) == 5 and [y for _, y in middle] == [60.0, 40.0, 60.0, 40.0, 60.0]
    assert [x for x, _ in middle] == pytest.approx([120.0 + 260.0 * i / 6 for i in range(1, 6)])


def test_film_times_follow_video_scale():
    assert Film(64, 10, None).times(1.0) == pytest.approx([k / 10 for k in range(1, 11)])
    slow = Film(64, 10, None, scale=2.0).times(1.0)
    assert len(slow) == 20 and slow[-1] == 1.0
    assert Film(64, 10, None).times(0.5, span=3.0) == pytest.approx([0.6, 1.2, 1.8, 2.4, 3.0])
    assert Film(64, 10, None).times(0.01) == [0.01]  # at least one frame


def test_dashed_line_leaves_gaps():
    c = Canvas(1000)
    c.dashed((100.0, 500.0), (900.0, 500.0), fill=INK, width=10.0, dash=40.0, gap=60.0)
    row = [c.image.getpixel((x, 500)) for x in range(1000)]
    assert row[120] == INK and row[170] != INK and row[220] == INK  # dash, gap, dash
    assert row[90] != INK and row[910] != INK


def test_choose_draws_distinct_elements_like_numpy():
    items = "ABCDEFGH"
    got = choose(sample_rng(4, 2), items, 5)
    want = [items[int(i)] for i in sample_rng(4, 2).choice(len(items), 5, replace=False)]
    assert got == want and len(set(got)) == 5
    assert pick(sample_rng(4, 2), items) == items[int(sample_rng(4, 2).integers(len(items)))]


def test_segment_distance():
    assert segment_distance((5.0, 3.0), (0.0, 0.0), (10.0, 0.0)) == 3.0  # beside the segment
    assert segment_distance((13.0, 4.0), (0.0, 0.0), (10.0, 0.0)) == 5.0  # past its end
    assert segment_distance((3.0, 4.0), (0.0, 0.0), (0.0, 0.0)) == 5.0  # a point


def test_edit_scripts_are_shortest_and_reach_the_target():
    import random

    from generators.kit.edits import apply_edit, edit_script, levenshtein_table

    rnd = random.Random(3)
    for _ in range(300):
        a = "".join(rnd.choice("abc") for _ in range(rnd.randint(0, 7)))
        b = "".join(rnd.choice("abc") for _ in range(rnd.randint(0, 7)))
        for seq_a, seq_b, key in ((a, b, "char"), (list(a), list(b), "symbol")):
            script = edit_script(seq_a, seq_b, key)
            assert len(script) == levenshtein_table(a, b)[-1][-1]
            now = seq_a
            for edit in script:
                now = apply_edit(now, edit, key)
            assert now == seq_b
    assert edit_script("cat", "cut", "char") == [{"op": "substitute", "pos": 1, "char": "u"}]
