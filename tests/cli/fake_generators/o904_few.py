"""A test generator that can only produce 3 distinct instances (for the warning)."""

from generators.kit import INK, Task, register, require


@register("O-904_few", title="Few (test)", description="Picks one of three numbers.",
          category="counting-math", shard_size=7, instances=3, faculty="perception")  # fmt: skip
class Few(Task):
    def generate(self, rng, params):
        return {"value": int(rng.integers(0, 3))}

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
