"""O-100 dye diffusion: every cell's step verified from the walls alone, each rubric fact
corrupted and rejected, level 5 spreads on a larger, more walled grid than level 1."""

from __future__ import annotations

import copy

import pytest

from generators.kit import CheckFailed

from .conftest import VALIDATE, Gen

GEN = Gen("O-100_dye_diffusion", seed=3)


@pytest.mark.parametrize(("index", "video", "kw"), VALIDATE)
def test_samples_validate(tmp_path, index, video, kw):
    GEN.assert_valid(tmp_path, index, video, **kw)


def test_checker_accepts_solver_answers():
    GEN.assert_solves(range(15), vary=lambda i: {"difficulty": 1 + i % 5})


def test_some_puzzles_leave_cells_walled_off():
    assert any(GEN.instance(i, difficulty=5)[1]["clean"] > 0 for i in range(20))


def dye_a_cell_too_early(answer):
    grid = answer["steps"]
    r, c = max(((r, c) for r in range(len(grid)) for c in range(len(grid))),
               key=lambda rc: grid[rc[0]][rc[1]])  # fmt: skip
    grid[r][c] -= 1


def leave_a_reached_cell_clean(answer):
    grid = answer["steps"]
    r, c = next((r, c) for r in range(len(grid)) for c in range(len(grid)) if grid[r][c] == 1)
    grid[r][c] = -1


def misstate_the_target(answer):
    answer["target_step"] += 1


def misstate_the_end(answer):
    answer["last_step"] -= 1


def miscount_clean_cells(answer):
    answer["clean"] += 1


def dye_a_rock(puzzle, answer):
    r, c = puzzle["rocks"][0]
    answer["steps"][r][c] = 3


@pytest.mark.parametrize(("corrupt", "reason"), [
    (dye_a_cell_too_early, "cannot be dyed"), (leave_a_reached_cell_clean, "touches dye|cannot be dyed"),
    (misstate_the_target, "target"), (misstate_the_end, "last step"),
    (miscount_clean_cells, "stay clean"), (dye_a_rock, "rock"),
])  # fmt: skip
def test_checker_rejects_each_wrong_fact(corrupt, reason):
    puzzle, answer, p = GEN.instance(4)
    bad = copy.deepcopy(answer)
    corrupt(*((puzzle, bad) if corrupt.__code__.co_argcount == 2 else (bad,)))
    with pytest.raises(CheckFailed, match=reason):
        GEN.check(puzzle, bad, p)


def test_dye_does_not_cross_a_wall():
    puzzle = {"size": 2, "walls": [[[0, 0], [0, 1]]], "rocks": [], "source": [0, 0],
              "target": [1, 1]}  # fmt: skip
    answer = {"steps": [[0, 3], [1, 2]], "target_step": 2, "last_step": 3, "clean": 0}
    GEN.check(puzzle, answer, GEN.params())
    through = {**answer, "steps": [[0, 1], [1, 2]], "last_step": 2}
    with pytest.raises(CheckFailed, match="cannot be dyed"):
        GEN.check(puzzle, through, GEN.params())


def test_level_5_spreads_on_a_larger_more_walled_grid():
    easy = [GEN.puzzle(i, difficulty=1) for i in range(5)]
    hard = [GEN.puzzle(i, difficulty=5) for i in range(5)]
    assert all(p["size"] == 4 and len(p["rocks"]) == 1 for p in easy)
    assert all(p["size"] == 8 and len(p["rocks"]) == 6 for p in hard)
    assert min(len(p["walls"]) for p in hard) > max(len(p["walls"]) for p in easy)


def test_byte_identical(tmp_path):
    GEN.assert_byte_identical(tmp_path)


def test_render_params_ignored():
    GEN.assert_render_params_ignored()


def test_distinct_instances():
    GEN.assert_distinct(n=200, seeds=(0, 2024))
