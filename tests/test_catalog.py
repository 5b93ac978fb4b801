"""Every registered generator meets the catalog bar: declared, valid samples, its own tests."""

import pytest

from generators import all_specs, build_sample, validate_sample
from generators.registry import CATEGORIES, generator_ids

IDS = generator_ids()


@pytest.mark.parametrize("gid", IDS)
def test_declared_metadata(gid):
    spec = next(s for s in all_specs() if s.id == gid)
    assert spec.title and spec.description and spec.category in CATEGORIES
    assert 1 <= spec.shard_size <= 1000 and spec.instances >= 1
    for p in spec.task_params:
        assert p.help, f"{gid}: param {p.name} has no help text"


@pytest.mark.parametrize("gid", IDS)
def test_sample_validates(gid, tmp_path):
    result = build_sample(gid, 2024, 0, {"image_size": 128}, tmp_path)
    assert validate_sample(result.folder) == []


def test_every_generator_has_its_own_tests_with_a_distinctness_check():
    """Distinct puzzles are checked per generator (tests/generators/test_<module>.py, with
    the shared assert_distinct), where the count can suit the generator's cost."""
    from pathlib import Path

    from generators.registry import get_spec

    tests = Path(__file__).resolve().parent / "generators"
    for gid in IDS:
        module = get_spec(gid).task_class.__module__.rsplit(".", 1)[-1]
        text = (tests / f"test_{module}.py").read_text()
        assert "distinct" in text, f"{gid}: no distinctness test"
