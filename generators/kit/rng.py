"""Per-sample random generators: a sample's randomness depends on (seed, index) only."""

from __future__ import annotations

import math

import numpy as np

MAX_SEED = 2**63 - 1


class SampleRng(np.random.Generator):
    """A numpy Generator that also knows which sample it belongs to (for `distinct`)."""

    def __init__(self, seed: int, index: int):
        super().__init__(np.random.PCG64(np.random.SeedSequence([seed, index])))
        self.seed, self.index = seed, index


def sample_rng(seed: int, index: int) -> SampleRng:
    """The RNG of one sample, independent of every other sample and of global state."""
    if not 0 <= seed <= MAX_SEED:
        raise ValueError(f"seed must be in 0..{MAX_SEED}, got {seed}")
    if index < 0:
        raise ValueError(f"index must be >= 0, got {index}")
    return SampleRng(seed, index)


def distinct(rng: SampleRng, n: int) -> int:
    """An instance number in 0..n-1 that differs for every sample index below n at one seed.

    Random draws from a small task space repeat early (200 draws from 40,000 collide about
    two times in five); a seed-chosen permutation of the space does not. Still pure: the
    number depends on (seed, index) only.
    """
    if n < 1:
        raise ValueError("n must be >= 1")
    perm = np.random.Generator(np.random.PCG64(np.random.SeedSequence([rng.seed, n, 0x5EED])))
    while True:  # x -> (a*x + b) mod n is a bijection when gcd(a, n) == 1
        a = int(perm.integers(1, max(2, n)))
        if math.gcd(a, n) == 1:
            break
    b = int(perm.integers(n))
    return (a * (rng.index % n) + b) % n


def pick(rng: np.random.Generator, items):
    """One element of a sequence, chosen uniformly."""
    return items[int(rng.integers(len(items)))]


def choose(rng: np.random.Generator, items, k: int) -> list:
    """k different elements of a sequence, in random order."""
    return [items[int(i)] for i in rng.choice(len(items), k, replace=False)]


def shuffled(rng: np.random.Generator, items) -> list:
    """A shuffled copy of a sequence."""
    out = list(items)
    rng.shuffle(out)
    return out
