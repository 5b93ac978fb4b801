"""The rules every generator follows, checked over the whole catalog.

- 40 samples at the defaults give at least 39 different first frames, and no final frame
  equals its first frame; 40 samples at the easiest level give at least 36 different
  puzzles (spaces grow with the level: level 1 is the one that could repeat at scale);
- honest time: the opening hold lasts at most 0.5 s and the closing hold at most 1.0 s
  (one frame of slack for the frame that starts the motion); nothing moves more than 3% of
  the width between two frames unless the generator declares why it jumps by design;
- declarations: a faculty, difficulty levels 1-5, and an instance count no larger than the
  one measured by scripts/measure_instances.py (at least 100,000, or the description says
  why the space is smaller).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from generators import generator_ids, get_spec
from generators.kit.rng import sample_rng
from generators.kit.video import CLOSING_S, OPENING_S, Film
from generators.registry import FACULTIES
from generators.review import MAX_JUMP, max_jump, timeline
from generators.sample import normalize, param_hash

MEASURED = Path(__file__).resolve().parent.parent / "generators" / "measured"
MIN_INSTANCES = 100_000
DRAWS, SIZE = 40, 96


def stills(gid: str, seed: int, index: int) -> tuple[str, str]:
    """Hashes of the first and final frame of a sample, rendered without video."""
    spec = get_spec(gid)
    params = spec.sample_params({"image_size": SIZE, "video": False}, index)
    task = spec.task_class()
    puzzle = normalize(task.generate(sample_rng(seed, index), params))
    film = Film(SIZE, params["fps"], None)
    task.render(puzzle, normalize(task.solve(puzzle, params)), params, film)
    return tuple(hashlib.sha256(im.tobytes()).hexdigest() for im in (film.first, film.last))


@pytest.mark.slow
@pytest.mark.parametrize("gid", generator_ids())
def test_first_frames_differ_and_final_frames_change(gid):
    pairs = [stills(gid, 11, i) for i in range(DRAWS)]
    assert len({first for first, _ in pairs}) >= DRAWS - 1, "first frames repeat"
    same = [i for i, (first, last) in enumerate(pairs) if first == last]
    assert not same, f"final frame equals the first frame in samples {same}"


@pytest.mark.parametrize("gid", generator_ids())
def test_the_easiest_level_still_varies(gid):
    spec = get_spec(gid)
    seen = set()
    for index in range(DRAWS):
        params = spec.sample_params({"image_size": SIZE, "video": False, "difficulty": 1}, index)
        puzzle = spec.task_class().generate(sample_rng(11, index), params)
        seen.add(param_hash(gid, normalize(puzzle)))
    assert len(seen) >= DRAWS - 4, f"level 1: {len(seen)} different puzzles in {DRAWS}"


@pytest.mark.slow
@pytest.mark.parametrize("gid", generator_ids())
def test_time_is_honest(gid):
    spec = get_spec(gid)
    for index in (0, 1):
        line = timeline(gid, 5, index)
        frame = 1 / line.fps
        assert line.opening_s <= OPENING_S + frame + 1e-9, f"opening hold {line.opening_s:.2f} s"
        assert line.closing_s <= CLOSING_S + frame + 1e-9, f"closing hold {line.closing_s:.2f} s"
        if not spec.jumps:
            jump, at = max_jump(line)
            assert jump <= MAX_JUMP, f"sample {index}: a {jump:.0%} jump at frame {at}"


@pytest.mark.parametrize("gid", generator_ids())
def test_declarations(gid):
    spec = get_spec(gid)
    assert spec.faculty in FACULTIES
    assert spec.levels is not None and sorted(spec.levels) == [1, 2, 3, 4, 5]
    measured = json.loads((MEASURED / f"{gid}.json").read_text())["instances"]
    if measured["kind"] == "estimate":  # repeats were seen: the space is about this large
        assert spec.instances <= 1.25 * measured["instances"], measured
    if spec.instances < MIN_INSTANCES:
        assert "distinct" in spec.description, "a small space must be explained"
