"""Knight path: a chess knight on a board with some blocked squares must reach a marked square
in the fewest moves; the answer is the move count and one shortest path.

Any shortest path is correct: the checker re-derives the distance by its own breadth-first
search and checks each move of the answer is a knight's move onto a free square.
"""

from __future__ import annotations

import itertools
from collections import deque

import chess

from generators.kit import INK, MUTED, SUCCESS, Param, Task, easing, register, require
from generators.kit.chess_pieces import draw_piece
from generators.kit.palette import lighten

JUMPS = ((1, 2), (2, 1), (2, -1), (1, -2), (-1, -2), (-2, -1), (-2, 1), (-1, 2))
BLOCKED = (92, 98, 104)


def square_name(sq) -> str:
    return f"{'abcdefgh'[sq[0]]}{sq[1] + 1}"  # (file, rank), rank 0 at the bottom


def distances(n: int, blocked, start) -> dict:
    """Fewest knight moves from `start` to every reachable free square, breadth first."""
    seen, queue = {start: 0}, deque([start])
    while queue:
        f, r = queue.popleft()
        for df, dr in JUMPS:
            to = (f + df, r + dr)
            if 0 <= to[0] < n and 0 <= to[1] < n and to not in blocked and to not in seen:
                seen[to] = seen[(f, r)] + 1
                queue.append(to)
    return seen


@register(
    "O-104_knight_path",
    title="Knight path",
    description="Bring a chess knight to a marked square in the fewest moves, avoiding blocked squares: how many moves, and by which squares?",
    category="spatial-visual",
    params=[
        Param("size", "int", 7, 5, 8, help="squares along each side of the board"),
        Param("blocks", "int", 6, 0, 14, help="blocked squares"),
        Param("distance", "int", 4, 2, 6, help="fewest moves from the knight to the target"),
    ],
    shard_size=80,
    memory="low",
    instances=1_000_000,
    faculty="spatiality",
    levels={
        1: {"size": 5, "blocks": 2, "distance": 2},
        2: {"size": 6, "blocks": 3, "distance": 3},
        3: {"size": 7, "blocks": 6, "distance": 4},
        4: {"size": 8, "blocks": 9, "distance": 5},
        5: {"size": 8, "blocks": 12, "distance": 6},
    },
)  # fmt: skip
class KnightPath(Task):
    def generate(self, rng, params):
        n = params["size"]
        squares = list(itertools.product(range(n), range(n)))
        while True:
            picked = rng.permutation(len(squares))[: params["blocks"] + 1]
            start, blocked = squares[picked[0]], {squares[i] for i in picked[1:]}
            far = [sq for sq, d in distances(n, blocked, start).items() if d == params["distance"]]
            if far:
                target = far[int(rng.integers(len(far)))]
                return {"size": n, "blocked": sorted(list(sq) for sq in blocked),
                        "start": list(start), "target": list(target)}  # fmt: skip

    def solve(self, puzzle, params):
        """Walk back from the target through squares one move nearer the start each time."""
        n, blocked = puzzle["size"], {tuple(b) for b in puzzle["blocked"]}
        near = distances(n, blocked, tuple(puzzle["start"]))
        path = [tuple(puzzle["target"])]
        while near[path[-1]] > 0:
            f, r = path[-1]
            path.append(min((f + df, r + dr) for df, dr in JUMPS
                            if near.get((f + df, r + dr)) == near[path[-1]] - 1))  # fmt: skip
        return {"moves": len(path) - 1, "path": [square_name(sq) for sq in reversed(path)]}

    def check(self, puzzle, answer, params):
        n, blocked = puzzle["size"], {tuple(b) for b in puzzle["blocked"]}
        names = {square_name((f, r)): (f, r) for f in range(n) for r in range(n)}
        path = answer["path"]
        require(all(p in names for p in path), "the path names a square not on the board")
        require(not any(names[p] in blocked for p in path), "the path lands on a blocked square")
        require(
            path and names[path[0]] == tuple(puzzle["start"]),
            "the path does not start at the knight",
        )
        require(names[path[-1]] == tuple(puzzle["target"]), "the path does not end on the target")
        for a, b in itertools.pairwise(path):
            step = (names[b][0] - names[a][0], names[b][1] - names[a][1])
            require(step in JUMPS, f"{a} to {b} is not a knight's move")
        # breadth first search from the target (the solver searches from the start)
        fewest = distances(n, blocked, tuple(puzzle["target"])).get(tuple(puzzle["start"]))
        require(len(path) - 1 == fewest, f"the path is not a shortest one ({fewest} moves)")
        require(answer["moves"] == fewest, f"the move count is not the fewest ({fewest})")

    def prompt(self, puzzle, params):
        n = puzzle["size"]
        blocked = (" Dark grey squares with a cross are blocked: the knight may never land on "
                   "them, though it may pass over them." if puzzle["blocked"] else "")  # fmt: skip
        return (
            f"The image shows a {n} by {n} board: files a to {'abcdefgh'[n - 1]} from left to "
            f"right, ranks 1 to {n} from bottom to top.{blocked} A white knight stands on "
            f"{square_name(puzzle['start'])} and a green ring marks the target square "
            f"{square_name(puzzle['target'])}. The knight moves as in chess: two squares in one "
            "direction, then one square at a right angle. In the fewest possible moves, bring "
            "the knight to the target. How many moves does it take, and which squares does it "
            "land on? The knight glides along the L of each move (first the two squares, then "
            "the one), and each square it lands on gets its move number; the video ends when "
            "the knight stands on the target."
        )

    def rubric(self, puzzle, answer, params):
        return "\n".join([
            f"1. The fewest moves from {answer['path'][0]} to {answer['path'][-1]}: "
            f"{answer['moves']}.",
            f"2. A shortest path, landing on {', '.join(answer['path'][1:])}; any other path of "
            f"{answer['moves']} knight's moves that lands on no blocked square is also correct.",
            "3. Every move is a knight's move (two squares, then one at a right angle), shown as a "
            "smooth glide along the L; the board and blocked squares stay unchanged.",
        ])  # fmt: skip

    def render(self, puzzle, answer, params, film):
        n = puzzle["size"]
        sq = min(110.0, 680.0 / n)
        x0, y0 = 500 - n * sq / 2, 480 - n * sq / 2

        def centre(f, r):
            return (x0 + (f + 0.5) * sq, y0 + (n - 1 - r + 0.5) * sq)

        base = film.canvas()
        blocked = {tuple(b) for b in puzzle["blocked"]}
        # free squares keep the plain background (a checkerboard's squares, partly covered
        # by the gliding knight, would read as shapes that jump)
        base.grid(x0, y0, sq, n, n, color=MUTED, width=3)
        for f, r in blocked:
            x, y = x0 + f * sq, y0 + (n - 1 - r) * sq
            base.rect(x, y, x + sq, y + sq, fill=BLOCKED)
            d, (cx, cy) = sq * 0.28, centre(f, r)
            for sign in (1, -1):
                base.line([(cx - d, cy - sign * d), (cx + d, cy + sign * d)],
                          fill=lighten(BLOCKED, 0.5), width=sq * 0.06)  # fmt: skip
        base.rect(x0, y0, x0 + n * sq, y0 + n * sq, outline=INK, width=4)
        for i in range(n):
            base.text(x0 - 34, y0 + (n - 1 - i + 0.5) * sq, str(i + 1), size=38, fill=MUTED)
            base.text(x0 + (i + 0.5) * sq, y0 + n * sq + 36, "abcdefgh"[i], size=38, fill=MUTED)
        base.circle(*centre(*puzzle["target"]), sq * 0.4, outline=SUCCESS, width=sq * 0.06)

        names = {square_name((f, r)): (f, r) for f in range(n) for r in range(n)}
        path = [names[p] for p in answer["path"]]

        def frame_at(board, at):
            frame = board.copy()
            draw_piece(frame, chess.KNIGHT, chess.WHITE, *at, sq)
            return frame

        board = base
        film.opening(frame_at(board, centre(*path[0])))
        for k, (a, b) in enumerate(itertools.pairwise(path), start=1):
            # the long leg first: two squares along the axis that changes by two
            corner = (b[0], a[1]) if abs(b[0] - a[0]) == 2 else (a[0], b[1])
            leg = [centre(*a), centre(*corner), centre(*b)]
            frames = film.seconds(easing.glide_seconds(3 * sq))
            for t in easing.steps(frames, easing.cruise):
                film.add(frame_at(board, easing.along_polyline(leg, t)))
            board = board.copy()
            x, y = x0 + b[0] * sq, y0 + (n - 1 - b[1]) * sq
            # the move number in the square's top right corner, clear of the knight standing there
            board.text(x + sq * 0.87, y + sq * 0.15, str(k), size=sq * 0.25, fill=INK, bold=True)
        film.closing(frame_at(board, centre(*path[-1])))
