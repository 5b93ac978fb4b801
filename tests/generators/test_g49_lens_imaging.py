"""G-49 thin lens imaging: the rays follow their rules and meet where 1/f = 1/d_o + 1/d_i
puts the image; every rubric fact is checked; the decoded video shows the image there."""

from __future__ import annotations

import copy

import pytest

from generators import lookup
from generators.kit import NAMED, CheckFailed
from generators.tasks.g49_lens_imaging import LENS_X, Bench, image_of, signed_f, span

from .conftest import VALIDATE, Gen
from .decoded import centroid, decoded_sample

GEN = Gen("G-49_lens_imaging")


def test_lookup_short_name():
    assert lookup("G-lens_imaging") == GEN.id


@pytest.mark.parametrize("index,video,params", VALIDATE)
def test_samples_validate(tmp_path, index, video, params):
    GEN.assert_valid(tmp_path, index, video, **params)


def test_checker_accepts_solver_answers_at_every_level():
    GEN.assert_solves(range(20), vary=lambda i: {"difficulty": 1 + i % 5})


def test_all_three_cases_occur_at_the_defaults():
    cases = {(p["lens"], a["nature"], a["orientation"]) for p, a, _ in
             (GEN.instance(i) for i in range(60))}  # fmt: skip
    assert cases == {("converging", "real", "inverted"), ("converging", "virtual", "upright"),
                     ("diverging", "virtual", "upright")}  # fmt: skip


def solved_with_focal_length(factor):
    def corrupt(puzzle, answer):
        f = signed_f(puzzle) * factor
        d_i, m, h_i = image_of(puzzle, f)
        tip = answer["rays"][0][0]
        rays = [[tip, [0.0, y], [d_i, h_i]] for y in (puzzle["object_height"], 0.0, h_i)]
        return {**answer, "image_distance": d_i, "magnification": m, "image_height": h_i,
                "rays": rays}  # fmt: skip

    return corrupt


def set_key(key, change):
    def corrupt(puzzle, answer):
        answer[key] = change(answer[key])
        return answer

    return corrupt


def bent_parallel_ray(puzzle, answer):
    answer["rays"][0][1][1] += 0.5
    return answer


def deviated_centre_ray(puzzle, answer):
    answer["rays"][1][1][1] += 0.5
    return answer


@pytest.mark.parametrize("corrupt,reason", [
    (solved_with_focal_length(1.1), "ray|image distance"),
    (solved_with_focal_length(0.9), "ray|image distance"),
    (solved_with_focal_length(-1.0), "ray|image distance"),
    (bent_parallel_ray, "parallel"), (deviated_centre_ray, "centre ray"),
    (set_key("image_distance", lambda d: d * 1.02), "image"),
    (set_key("magnification", lambda m: m * 1.05), "magnification"),
    (set_key("image_height", lambda h: h * 1.05), "image"),
    (set_key("orientation", lambda o: "upright" if o == "inverted" else "inverted"), "orientation"),
    (set_key("nature", lambda n: "real" if n == "virtual" else "virtual"), "nature"),
])  # fmt: skip
@pytest.mark.parametrize("index", [0, 1, 2, 5])
def test_checker_rejects_each_wrong_fact(corrupt, reason, index):
    puzzle, answer, params = GEN.instance(index)
    with pytest.raises(CheckFailed, match=reason):
        GEN.check(puzzle, corrupt(puzzle, copy.deepcopy(answer)), params)


def test_lens_equation_and_magnification():
    for i in range(30):
        puzzle, answer, _ = GEN.instance(i)
        f, d_o = signed_f(puzzle), puzzle["object_distance"]
        assert answer["image_distance"] == pytest.approx(f * d_o / (d_o - f), rel=1e-6)
        assert answer["image_height"] == pytest.approx(
            -answer["image_distance"] / d_o * puzzle["object_height"], rel=1e-6
        )


def test_view_depends_only_on_the_stated_quantities():
    for i in range(30):
        puzzle, answer, _ = GEN.instance(i)
        assert span(puzzle) == span({**puzzle, "lens": "diverging"})
        assert abs(answer["image_distance"]) < span(puzzle)


def test_level_5_is_harder_than_level_1():
    """Level 1: converging lenses, real images, whole centimetres; level 5: diverging
    lenses (virtual images from sign-flipped focal lengths) and tenths of a centimetre."""
    easy = [GEN.instance(i, difficulty=1) for i in range(20)]
    hard = [GEN.instance(i, difficulty=5) for i in range(20)]
    assert all(a["nature"] == "real" for _, a, _ in easy)
    assert all(p["focal_length"] == int(p["focal_length"]) for p, _, _ in easy)
    assert all(a["nature"] == "virtual" and p["lens"] == "diverging" for p, a, _ in hard)
    fractional = sum(p["object_distance"] * 10 % 10 != 0 for p, _, _ in hard)
    assert fractional >= 10


def test_decoded_video_shows_the_image_where_the_lens_equation_puts_it(tmp_path):
    for index, lens in ((0, "converging"), (1, "diverging")):
        meta, frames = decoded_sample(GEN.id, tmp_path / lens, index, size=512, lens=lens,
                                      virtual=False)  # fmt: skip
        puzzle, answer = meta["puzzle"], meta["answer"]
        bench = Bench(puzzle)
        x = centroid(frames[-1], NAMED["blue"], tol=40, box=(0, 130, 1000, 850))[0]
        measured = (x - LENS_X) / bench.s
        assert measured == pytest.approx(answer["image_distance"], rel=0.01)
        assert centroid(frames[0], NAMED["blue"], box=(0, 130, 1000, 850)) is None


def test_same_sample_is_byte_identical(tmp_path):
    GEN.assert_byte_identical(tmp_path)


def test_answer_does_not_depend_on_render_params():
    GEN.assert_render_params_ignored()


def test_200_distinct_instances():
    GEN.assert_distinct(seeds=(0, 7))
