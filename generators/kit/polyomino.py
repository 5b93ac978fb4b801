"""Polyominoes: sets of unit grid squares (column, row; y down), their turns and flips,
symmetry, outline and random growth, for tasks that move or match grid shapes."""

from __future__ import annotations

from .rng import pick

# name -> (a, b, c, d): (x, y) -> (a x + b y, c x + d y), y down (screen coordinates)
TURNS = {
    "turn 90 degrees clockwise": (0, -1, 1, 0),
    "turn 180 degrees": (-1, 0, 0, -1),
    "turn 90 degrees counterclockwise": (0, 1, -1, 0),
    "flip across the vertical line": (-1, 0, 0, 1),
    "flip across the horizontal line": (1, 0, 0, -1),
    "flip across the diagonal from top left to bottom right": (0, 1, 1, 0),
    "flip across the diagonal from bottom left to top right": (0, -1, -1, 0),
}
IDENTITY = (1, 0, 0, 1)
NEIGHBOURS = ((1, 0), (-1, 0), (0, 1), (0, -1))


def act(m, v) -> tuple:
    return (m[0] * v[0] + m[1] * v[1], m[2] * v[0] + m[3] * v[1])


def normalized(cells) -> frozenset:
    """The cells slid so their bounding box starts at (0, 0)."""
    x0, y0 = min(c for c, _ in cells), min(r for _, r in cells)
    return frozenset((c - x0, r - y0) for c, r in cells)


def images(cells, maps) -> list[frozenset]:
    """The cells turned or flipped by each map (about square centres), normalized."""
    return [normalized([act(m, (2 * c + 1, 2 * r + 1)) for c, r in cells]) for m in maps]


def symmetric(cells) -> bool:
    """Whether a turn or flip maps the polyomino onto itself (up to a slide)."""
    return normalized([(2 * c + 1, 2 * r + 1) for c, r in cells]) in images(cells, TURNS.values())


def same_shape(a, b) -> bool:
    """Whether two polyominoes are one shape under some turn or flip (or none)."""
    return normalized([(2 * c + 1, 2 * r + 1) for c, r in a]) in images(
        b, [IDENTITY, *TURNS.values()]
    )


def connected(cells) -> bool:
    s = {tuple(c) for c in cells}
    seen, todo = set(), [next(iter(s))]
    while todo:
        c = todo.pop()
        if c not in seen:
            seen.add(c)
            todo += [(c[0] + d, c[1] + e) for d, e in NEIGHBOURS if (c[0] + d, c[1] + e) in s]
    return seen == s


def pinched(cells) -> bool:
    """Two squares meeting only at a corner (the outline would touch itself there)."""
    s = {tuple(c) for c in cells}
    return any((c + d, r + 1) in s and (c + d, r) not in s and (c, r + 1) not in s
               for c, r in s for d in (1, -1))  # fmt: skip


def boundary(cells) -> list[tuple[int, int]]:
    """The outline of a polyomino without holes or pinches as polygon corners, clockwise on
    screen, with collinear points dropped."""
    edges = set()
    for c, r in cells:
        corners = [(c, r), (c + 1, r), (c + 1, r + 1), (c, r + 1)]
        edges |= set(zip(corners, corners[1:] + corners[:1], strict=True))
    after = {a: b for a, b in edges if (b, a) not in edges}  # edges two squares share are inside
    start = min(after)
    loop, p = [start], after[start]
    while p != start:
        loop.append(p)
        p = after[p]
    return [b for a, b, c in zip(loop[-1:] + loop[:-1], loop, loop[1:] + loop[:1], strict=True)
            if (b[0] - a[0]) * (c[1] - b[1]) != (b[1] - a[1]) * (c[0] - b[0])]  # fmt: skip


def grow(rng, n: int, box: int = 3, asymmetric: bool = True) -> list[tuple[int, int]]:
    """n squares grown at random inside a box x box square: connected, without pinches (and
    without any symmetry when asked), normalized and sorted."""
    while True:
        cells = {(int(rng.integers(box)), int(rng.integers(box)))}
        while len(cells) < n:
            c, r = pick(rng, sorted(cells))
            dc, dr = pick(rng, NEIGHBOURS)
            if 0 <= c + dc < box and 0 <= r + dr < box:
                cells.add((c + dc, r + dr))
        cells = sorted(normalized(cells))
        if not pinched(cells) and not (asymmetric and symmetric(cells)):
            return cells
