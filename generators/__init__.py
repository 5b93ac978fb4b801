"""The task library: a kit for writing generators, the registry, and one module per task."""

from .params import Param, ParamError, parse_assignments
from .registry import (
    CATEGORIES,
    GeneratorSpec,
    UnknownGenerator,
    all_specs,
    generator_ids,
    get_spec,
    lookup,
    make,
    register,
)
from .sample import SampleResult, build_sample, param_hash, sample_id
from .validate import validate_sample

__all__ = [
    "CATEGORIES", "GeneratorSpec", "Param", "ParamError", "SampleResult", "UnknownGenerator",
    "all_specs", "build_sample", "generator_ids", "get_spec", "lookup", "make", "param_hash",
    "parse_assignments", "register", "sample_id", "validate_sample",
]  # fmt: skip
