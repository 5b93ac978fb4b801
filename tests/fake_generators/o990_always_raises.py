"""A generator whose every sample fails: for tests of failure handling."""

from generators.kit import Task, register


@register("O-990_always_raises", title="Always raises", description="Fails every sample.",
          category="counting-math", instances=1)  # fmt: skip
class AlwaysRaises(Task):
    def generate(self, rng, params):
        raise RuntimeError("this generator is broken on purpose")

    # Never reached: generate fails first.
    def solve(self, puzzle, params):
        return None

    def check(self, puzzle, answer, params):
        return None

    def prompt(self, puzzle, params):
        return ""

    def rubric(self, puzzle, answer, params):
        return ""

    def render(self, puzzle, answer, params, film):
        return None
