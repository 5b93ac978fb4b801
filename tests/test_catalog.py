"""Every registered generator meets the catalog bar: declared, valid samples, distinct instances."""

import pytest

from generators import all_specs, build_sample, param_hash, validate_sample
from generators.kit.rng import sample_rng
from generators.registry import CATEGORIES, generator_ids
from generators.sample import normalize

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


@pytest.mark.parametrize("gid", IDS)
def test_instances_are_distinct(gid):
    """Samples 0..199 at one seed are 200 different puzzles, unless fewer exist."""
    spec = next(s for s in all_specs() if s.id == gid)
    task, params = spec.task_class(), spec.resolve_params({"video": False})
    hashes = {
        param_hash(gid, normalize(task.generate(sample_rng(7, i), params))) for i in range(200)
    }
    assert len(hashes) == min(200, spec.instances) or (
        spec.instances < 200 and len(hashes) <= spec.instances
    )
