import copy

import pytest

from generators import lookup
from generators.kit import CheckFailed
from generators.kit.physics import MOST_PER_FRAME, PLAYBACK_FPS
from generators.tasks import g18_newtons_cradle as cradle

from .conftest import VALIDATE, Gen

GEN = Gen("G-18_newtons_cradle")


def test_lookup_short_name():
    assert lookup("G-newtons_cradle") == GEN.id


@pytest.mark.parametrize("index,video,params", VALIDATE)
def test_samples_validate(tmp_path, index, video, params):
    GEN.assert_valid(tmp_path, index, video, **params)


def test_checker_accepts_solver_answers():
    GEN.assert_solves(min_balls=3, max_balls=6)


def test_checker_rejects_corrupted_answers():
    puzzle, answer, params = GEN.instance(0, impacts="three")
    n = puzzle["balls"]
    mid = len(answer["samples"]) // 3
    bad = copy.deepcopy(answer)
    bad["samples"][mid][1] += 0.1  # a ball ~4% of the frame off its arc
    with pytest.raises(CheckFailed):
        GEN.check(puzzle, bad, params)
    bad = copy.deepcopy(answer)  # one ball too many knocked out
    k = puzzle["pulled"]
    extra = (n - k - 1) if puzzle["side"] == "left" else k
    bad["impacts"][0]["moving_after"] = sorted({*bad["impacts"][0]["moving_after"], extra})
    with pytest.raises(CheckFailed):
        GEN.check(puzzle, bad, params)
    bad = copy.deepcopy(answer)  # an inelastic link in the chain
    c = bad["impacts"][0]["chain"][0]
    c["after"] = [sum(c["before"]) / 2] * 2
    with pytest.raises(CheckFailed):
        GEN.check(puzzle, bad, params)
    bad = copy.deepcopy(answer)  # swings out lower than released
    bad["final_angles"] = [a * 0.8 for a in bad["final_angles"]]
    bad["samples"][-1][1 : n + 1] = bad["final_angles"]
    with pytest.raises(CheckFailed):
        GEN.check(puzzle, bad, params)


def test_checker_rejects_each_kind_of_wrong_fact():
    """Rubric facts: the first strike time (1), k balls out at the incoming speed (2), the
    height they reach (3), the swings back (4), the final angles and who is out (5)."""
    for index in range(4):
        puzzle, answer, params = GEN.instance(index)
        n = puzzle["balls"]
        fin = answer["final_angles"]
        others = [i for i in range(n) if i not in answer["swinging_out"]]
        wrong = [("period", answer["period"] * 1.02),
                 ("final_angles", [a * 0.9 for a in fin]),  # only the stated angles wrong
                 ("swinging_out", others),
                 ("impacts", answer["impacts"][:-1])]  # fmt: skip
        for key, value in wrong:
            with pytest.raises(CheckFailed):
                GEN.check(puzzle, {**answer, key: value}, params)
        longer = {**puzzle, "length": puzzle["length"] * 1.1}  # swung with the wrong period
        with pytest.raises(CheckFailed):
            GEN.check(puzzle, GEN.solve(longer, params), params)


def test_motion_glides():
    for i in range(40):
        puzzle, answer, params = GEN.instance(i, difficulty=i % 5 + 1)
        n = puzzle["balls"]
        fastest = max(abs(w) for row in answer["samples"] for w in row[n + 1 :])
        slow = cradle.slowness(puzzle)
        assert fastest * cradle.ROD / (PLAYBACK_FPS * slow) <= MOST_PER_FRAME
        assert (slow == 1) == ("in real time" in GEN.task.prompt(puzzle, params))


def test_level_5_has_more_balls_and_impacts_than_level_1():
    def work(level):
        return [
            p["balls"] * p["swings"] for p in (GEN.puzzle(i, difficulty=level) for i in range(10))
        ]

    assert max(work(1)) == 3 and min(work(5)) == 18


def test_k_in_k_out_with_momentum_and_energy_passed_on():
    for i in range(30):
        puzzle, answer, _ = GEN.instance(i)
        n, k = puzzle["balls"], puzzle["pulled"]
        assert len(answer["swinging_out"]) == k
        for ev in answer["impacts"]:
            assert len(ev["moving_after"]) == k
            assert len(ev["chain"]) == k * (n - k)  # each incoming ball's momentum crosses the row
            for c in ev["chain"]:
                assert c["after"] == c["before"][::-1]  # equal masses swap velocities
        far = list(range(n - k, n)) if puzzle["side"] == "left" else list(range(k))
        assert answer["swinging_out"] == far


def test_same_sample_is_byte_identical(tmp_path):
    GEN.assert_byte_identical(tmp_path)


def test_answer_does_not_depend_on_render_params():
    GEN.assert_render_params_ignored()


def test_200_distinct_instances():
    GEN.assert_distinct(seeds=(0, 7))
