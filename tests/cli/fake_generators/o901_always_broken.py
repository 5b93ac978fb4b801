"""A test generator that fails permanently (a bug: it raises) while a flag file exists.

`VMWHEEL_TEST_BROKEN_FLAG` names the file; without the variable it is always broken.
Removing the file "fixes" it, so a resubmission can complete the job."""

import os

from generators.kit import INK, Task, register, require


@register("O-901_always_broken", title="Always broken (test)",
          description="Raises on every sample while its flag file exists.",
          category="counting-math", shard_size=10, instances=10**6)  # fmt: skip
class AlwaysBroken(Task):
    def generate(self, rng, params):
        flag = os.environ.get("VMWHEEL_TEST_BROKEN_FLAG")
        if flag is None or os.path.exists(flag):
            raise ValueError("this generator is broken on purpose")
        return {"value": int(rng.integers(0, 10**9))}

    def solve(self, puzzle, params):
        return {"double": 2 * puzzle["value"]}

    def check(self, puzzle, answer, params):
        require(answer["double"] == 2 * puzzle["value"], "wrong double")

    def prompt(self, puzzle, params):
        return f"Double {puzzle['value']}."

    def rubric(self, puzzle, answer, params):
        return f"1. The answer is {answer['double']}."

    def render(self, puzzle, answer, params, film):
        canvas = film.canvas()
        film.add(canvas)
        canvas.text(500, 500, str(answer["double"]), size=80, fill=INK)
        film.add(canvas, 2)
