"""Bookshelf sort: put the books of a shelf in order of height, left to right, moving as few
books as possible (a move takes one book out and puts it back at another place).

The books that stay form an increasing run, so the fewest moves are the number of books
less the longest increasing run of heights; only shelves whose longest run is unique are
kept, so which books move is unique too. The checker replays the moves and recounts the
longest runs by dynamic programming.
"""

from __future__ import annotations

import math

from generators.kit import INK, MUTED, NAMED, Param, Task, easing, register, require
from generators.kit.palette import lighten
from generators.kit.rng import choose

COLORS = tuple(NAMED)
HEIGHTS = tuple(range(150, 331, 18))  # eleven heights 18 units apart
SHELF_Y, WIDTH, GAP = 900.0, 86.0, 10.0  # the board's top, a book's width, the space between


def runs(heights: list[int]) -> tuple[int, int]:
    """Length of the longest increasing run (subsequence) and how many there are."""
    best = [(1, 1)] * len(heights)  # (length, count) of runs ending at each book
    for j, h in enumerate(heights):
        below = [best[i] for i in range(j) if heights[i] < h]
        if below:
            top = max(n for n, _ in below)
            best[j] = (top + 1, sum(c for n, c in below if n == top))
    top = max(n for n, _ in best)
    return top, sum(c for n, c in best if n == top)


def xs(n: int) -> list[float]:
    x0 = 500 - (n * WIDTH + (n - 1) * GAP) / 2 + WIDTH / 2
    return [x0 + i * (WIDTH + GAP) for i in range(n)]


@register(
    "O-89_bookshelf_sort",
    title="Bookshelf sort",
    description="Sort a shelf of books by height with the fewest moves; each move lifts one book out and puts it back elsewhere.",
    category="puzzles-logic",
    params=[
        Param("books", "int", 7, 4, 9, help="books on the shelf"),
        Param("moves", "int", 2, 1, 5, help="books that must move (books less the longest increasing run)"),
    ],
    shard_size=60,
    memory="low",
    instances=1_000_000,
    faculty="abstraction",
    levels={
        1: {"books": 4, "moves": 1},
        2: {"books": 5, "moves": 2},
        3: {"books": 7, "moves": 2},
        4: {"books": 8, "moves": 3},
        5: {"books": 9, "moves": 5},
    },
)  # fmt: skip
class BookshelfSort(Task):
    def generate(self, rng, params):
        n, k = params["books"], min(params["moves"], params["books"] - 1)
        while True:
            heights = [int(h) for h in rng.permutation(choose(rng, HEIGHTS, n))]
            if runs(heights) == (n - k, 1):
                return {"heights": heights, "colors": choose(rng, COLORS, n)}

    def solve(self, puzzle, params):
        heights, colors = puzzle["heights"], puzzle["colors"]
        n = len(heights)
        stay = set(heights)  # drop the books outside the one longest run
        for h in heights:
            rest = [g for g in heights if g != h]
            if runs(rest)[0] == runs(heights)[0]:
                stay.discard(h)
        shelf, moves = list(heights), []
        for h in sorted(set(heights) - stay):  # shortest first, each after its next-shorter
            shelf.remove(h)
            placed = [g for g in shelf if g in stay and g < h]
            to = shelf.index(max(placed)) + 1 if placed else 0
            shelf.insert(to, h)
            stay.add(h)
            moves.append({"book": colors[heights.index(h)], "to": to})
        assert len(moves) == n - runs(heights)[0]
        return {"moves": moves, "final": [colors[heights.index(h)] for h in shelf]}

    def check(self, puzzle, answer, params):
        heights, colors = puzzle["heights"], puzzle["colors"]
        require(len(set(heights)) == len(heights) and len(set(colors)) == len(colors),
                "two books share a height or a colour")  # fmt: skip
        longest, count = runs(heights)
        require(count == 1, "more than one longest run: the books to move are not unique")
        height = dict(zip(colors, heights, strict=True))
        shelf, moved = list(colors), []
        for m in answer["moves"]:
            book, to = m.get("book"), m.get("to")
            require(book in height, "a move names no book of the shelf")
            require(book not in moved, f"the {book} book moves twice")
            shelf.remove(book)
            require(isinstance(to, int) and 0 <= to <= len(shelf), "a book goes outside the shelf")
            shelf.insert(to, book)
            moved.append(book)
        require(
            [height[c] for c in shelf] == sorted(heights), "the shelf does not end sorted by height"
        )
        require(
            len(moved) == len(heights) - longest,
            f"sorting takes {len(heights) - longest} moves, not {len(moved)}",
        )
        require(answer["final"] == shelf, "the final shelf is not what the moves make")

    def prompt(self, puzzle, params):
        n = len(puzzle["heights"])
        return (
            f"The image shows a shelf with {n} books of different heights and colours. Sort the "
            "shelf so that the heights increase from left to right, moving as few books as "
            "possible. A move lifts one book straight up until it clears the books it passes over, carries it "
            "across to its new place while the books in between shift over by one place, and "
            "lowers it onto the shelf. One book moves at a time. The video ends when the books stand in order of height."
        )

    def rubric(self, puzzle, answer, params):
        moved = [m["book"] for m in answer["moves"]]
        n, k = len(puzzle["heights"]), len(moved)
        names = ", ".join(moved[:-1]) + (" and " if k > 1 else "") + moved[-1]
        return "\n".join([
            f"1. Exactly {k} book{'s' if k > 1 else ''} move{'' if k > 1 else 's'}, the fewest "
            f"possible, each once: the {names} book{'s' if k > 1 else ''}.",
            f"2. The other {n - k} books never leave the shelf and keep their order.",
            "3. Books move one at a time and smoothly; none is lost, added or changed.",
            f"4. In the final frame the books, left to right, are: {', '.join(answer['final'])}; "
            "their heights increase from left to right.",
        ])  # fmt: skip

    def render(self, puzzle, answer, params, film):
        height = dict(zip(puzzle["colors"], puzzle["heights"], strict=True))
        n = len(height)
        base = film.canvas()
        left, right = xs(n)[0] - WIDTH / 2 - 30, xs(n)[-1] + WIDTH / 2 + 30
        base.rect(left - 16, SHELF_Y - 370, left, SHELF_Y + 30, fill=MUTED)
        base.rect(right, SHELF_Y - 370, right + 16, SHELF_Y + 30, fill=MUTED)
        base.rect(left - 16, SHELF_Y, right + 16, SHELF_Y + 30, fill=INK)

        def scene(shelf, at, skip=None):
            frame = base.copy()
            for c, x in zip(shelf, at, strict=True):
                if c != skip:
                    book(frame, c, height[c], x)
            return frame

        shelf = list(puzzle["colors"])
        film.opening(scene(shelf, xs(n)))
        for k, m in enumerate(answer["moves"]):
            c = m["book"]
            old = xs(n)
            after = [b for b in shelf if b != c]
            after.insert(m["to"], c)
            new = [xs(n)[after.index(b)] for b in shelf]
            x0, x1 = old[shelf.index(c)], new[shelf.index(c)]
            under = [
                height[b] for b, a, z in zip(shelf, old, new, strict=True) if a != z and b != c
            ]
            clear = SHELF_Y - max(under) - 30  # its foot passes above the books that shift under it
            top, end = (x0, clear), (x1, clear)
            legs = [((x0, SHELF_Y), top, shelf, old, old), (top, end, shelf, old, new),
                    (end, (x1, SHELF_Y), after, xs(n), xs(n))]  # fmt: skip
            for a, b, order, here, there in legs:  # up; across while the rest shift; down
                frames = film.seconds(max(0.3, easing.glide_seconds(math.dist(a, b), speed=350.0)))
                for t in easing.steps(frames, easing.cruise):
                    spots = [easing.lerp(p, q, t) for p, q in zip(here, there, strict=True)]
                    frame = scene(order, spots, skip=c)
                    book(frame, c, height[c], *easing.lerp_point(a, b, t))
                    film.add(frame)
            shelf = after
            if k + 1 < len(answer["moves"]):
                film.hold(scene(shelf, xs(n)), 0.2)
        film.closing(scene(shelf, xs(n)))


def book(canvas, color: str, h: float, x: float, foot: float = SHELF_Y) -> None:
    """A book standing with its foot at `foot`, with two bands of different tints across its
    spine (so frame-to-frame matching never pairs one with the other)."""
    fill = NAMED[color]
    canvas.rect(x - WIDTH / 2, foot - h, x + WIDTH / 2, foot, fill=fill)
    for y, light in ((foot - 0.88 * h, 0.5), (foot - 0.16 * h, 0.3)):
        canvas.rect(x - WIDTH / 2 + 6, y - 6, x + WIDTH / 2 - 6, y + 6, fill=lighten(fill, light))
