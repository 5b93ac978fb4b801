"""Per-sample random generators: a sample's randomness depends on (seed, index) only."""

from __future__ import annotations

import numpy as np

MAX_SEED = 2**63 - 1


def sample_rng(seed: int, index: int) -> np.random.Generator:
    """The RNG of one sample, independent of every other sample and of global state."""
    if not 0 <= seed <= MAX_SEED:
        raise ValueError(f"seed must be in 0..{MAX_SEED}, got {seed}")
    if index < 0:
        raise ValueError(f"index must be >= 0, got {index}")
    return np.random.Generator(np.random.PCG64(np.random.SeedSequence([seed, index])))


def pick(rng: np.random.Generator, items):
    """One element of a sequence, chosen uniformly."""
    return items[int(rng.integers(len(items)))]


def shuffled(rng: np.random.Generator, items) -> list:
    """A shuffled copy of a sequence."""
    out = list(items)
    rng.shuffle(out)
    return out
