"""Easing curves: the cruise profile for long motions and the peak speed that sizes them."""

import itertools

import pytest

from generators.kit import easing


def test_cruise_runs_from_0_to_1_speeding_up_and_slowing_down_evenly():
    values = [easing.cruise(i / 400) for i in range(401)]
    assert values[0] == 0 and values[-1] == pytest.approx(1)
    steps = [b - a for a, b in itertools.pairwise(values)]
    assert all(s > 0 for s in steps[1:])
    assert max(steps) == pytest.approx(1.25 / 400, rel=1e-3)  # the cruising speed
    assert steps[200] == pytest.approx(max(steps), rel=1e-6)  # constant in the middle
    assert steps[0] < steps[40] < steps[79]  # speeding up over the first fifth
    assert max(abs(b - a) for a, b in itertools.pairwise(steps)) < 0.02 / 400  # no jolt


def test_peak_speed_of_each_curve():
    assert easing.peak_speed(easing.linear) == pytest.approx(1)
    assert easing.peak_speed(easing.ease_in_out) == pytest.approx(1.5, rel=1e-3)
    assert easing.peak_speed(easing.cruise) == pytest.approx(1.25, rel=1e-3)
    assert easing.peak_speed(lambda t: easing.cruise(t, ramp=0.5)) == pytest.approx(2, rel=3e-3)
