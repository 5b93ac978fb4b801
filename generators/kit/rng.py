"""Per-sample random generators: a sample's randomness depends on (seed, index) only."""

from __future__ import annotations

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
    two times in five); a seed-keyed permutation of the space does not. The permutation is
    a 4-round Feistel network over the next even power of two, cycle-walked into 0..n-1,
    so neighbouring indices get unrelated numbers. Still pure: (seed, index) only.
    """
    if n < 1:
        raise ValueError("n must be >= 1")
    half = max(1, ((n - 1).bit_length() + 1) // 2)
    mask = (1 << half) - 1
    keys = [_mix(rng.seed * 0x9E3779B97F4A7C15 + n * 4 + r) for r in range(4)]

    def permute(x: int) -> int:
        left, right = x >> half, x & mask
        for key in keys:
            left, right = right, left ^ (_mix(right ^ key) & mask)
        return (left << half) | right

    x = permute(rng.index % n)
    while x >= n:  # cycle-walking keeps a bijection of 0..n-1
        x = permute(x)
    return x


def _mix(x: int) -> int:
    """splitmix64's finaliser: a fast, well-spread 64-bit hash of an integer."""
    x = (x + 0x9E3779B97F4A7C15) & 0xFFFFFFFFFFFFFFFF
    x = ((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9) & 0xFFFFFFFFFFFFFFFF
    x = ((x ^ (x >> 27)) * 0x94D049BB133111EB) & 0xFFFFFFFFFFFFFFFF
    return x ^ (x >> 31)


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
