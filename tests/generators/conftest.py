"""What every generator's tests do: make instances the way build_sample does, and the checks
every generator must pass (valid samples, solver answers accepted, byte-identical reruns,
answers independent of render params, distinct instances)."""

from __future__ import annotations

from generators import build_sample, get_spec, param_hash, validate_sample
from generators.kit.rng import sample_rng
from generators.sample import normalize

SMALL = {"image_size": 128}  # render params that keep generator tests fast
# (index, video, params) of the samples test_samples_validate builds
VALIDATE = [(0, True, {}), (1, True, {}), (2, False, {}), (3, False, {})]


class Gen:
    """One generator under test; `seed` is the seed its instances are drawn with."""

    def __init__(self, gid: str, seed: int = 3):
        self.spec = get_spec(gid)
        self.id = self.spec.id
        self.task = self.spec.task_class()
        self.seed = seed

    def params(self, **given) -> dict:
        return self.spec.resolve_params({**SMALL, **given})

    def puzzle(self, index: int, seed: int | None = None, **given) -> dict:
        p = self.params(**given)
        return normalize(
            self.task.generate(sample_rng(self.seed if seed is None else seed, index), p)
        )

    def instance(self, index: int, seed: int | None = None, **given) -> tuple[dict, dict, dict]:
        """(puzzle, answer, params) of sample `index`, normalised as in metadata.json."""
        p = self.params(**given)
        puzzle = self.puzzle(index, seed, **given)
        return puzzle, self.solve(puzzle, p), p

    def solve(self, puzzle: dict, params: dict):
        return normalize(self.task.solve(puzzle, params))

    def check(self, puzzle: dict, answer, params: dict) -> None:
        self.task.check(puzzle, answer, params)

    # --- the checks every generator passes --------------------------------------------

    def assert_valid(self, out, index: int, video: bool, seed: int = 5, **given) -> None:
        """Build one sample into `out` and validate its folder (files, video, check)."""
        result = build_sample(self.id, seed, index, {**SMALL, "video": video, **given}, out)
        assert validate_sample(result.folder) == []

    def assert_solves(self, indices=range(20), vary=None, **given) -> list[tuple[dict, dict, dict]]:
        """The checker accepts the solver's answer to each instance (with params `given`, and
        `vary(i)` on top for instance i); returns the instances, for more checks."""
        out = []
        for i in indices:
            puzzle, answer, p = self.instance(i, **given, **(vary(i) if vary else {}))
            self.check(puzzle, answer, p)
            out.append((puzzle, answer, p))
        return out

    def assert_byte_identical(self, tmp_path, seed: int = 9, index: int = 7) -> None:
        a = build_sample(self.id, seed, index, SMALL, tmp_path / "a")
        b = build_sample(self.id, seed, index, SMALL, tmp_path / "b")
        assert a.files == b.files
        for name in a.files:
            assert (a.folder / name).read_bytes() == (b.folder / name).read_bytes(), name

    def assert_render_params_ignored(self, index: int = 2) -> None:
        assert self.instance(index, fps=30, video_scale=2.0)[1] == self.instance(index)[1]

    def assert_distinct(self, n: int = 200, seeds=(0,), **given) -> None:
        """The first n sample indices at each seed are n different puzzles."""
        for seed in seeds:
            hashes = {param_hash(self.id, self.puzzle(i, seed, **given)) for i in range(n)}
            assert len(hashes) == n, f"seed {seed}: {n - len(hashes)} repeated puzzles"
