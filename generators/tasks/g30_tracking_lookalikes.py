"""Tracking among look-alikes: identical discs each glide along their own drawn track, all
together, from a row of starts to a row of lettered pads; the tracks cross. Follow the disc
ringed in the first frame: which pad does it reach, and how many other tracks does it cross
on the way? The checker re-derives the pad, the crossings and the glide from the tracks."""

from __future__ import annotations

import itertools
import math

import numpy as np

from generators.kit import HIGHLIGHT, INK, MUTED, NAMED, Param, Task, register, require
from generators.kit.easing import along_polyline, cruise, glide_seconds
from generators.kit.palette import lighten
from generators.kit.physics import steady
from generators.kit.rng import shuffled

RATE = 20  # samples of the followed disc per second
START_Y, PAD_Y = 200.0, 800.0
LONGEST = 960.0  # canvas units: the longest track, glided in GLIDE seconds
GLIDE = glide_seconds(LONGEST)  # 3 s: every disc's glide, start to pad
LAG = 0.5  # s: each disc sets off this long after its left neighbour
DISC_R, PAD_R = 30.0, 40.0
GAP = 12.0  # canvas units: the closest any two discs come (edge to edge)
POINTS = 48  # polyline points per track
DISC, TRACK = NAMED["blue"], lighten(NAMED["gray"], 0.6)
LETTERS = "ABCDEFG"


def columns(n: int) -> list[float]:
    """x of the n starts (and of the n pads): spread evenly across the scene."""
    step = min(130.0, 760.0 / (n - 1))
    return [round(500 + step * (i - (n - 1) / 2), 1) for i in range(n)]


def track_points(track: dict) -> list[tuple[float, float]]:
    """The cubic Bezier from a start through two bend points to a pad, as a polyline."""
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = track["controls"]
    out = []
    for k in range(POINTS + 1):
        u = k / POINTS
        a, b, c, d = (1 - u) ** 3, 3 * u * (1 - u) ** 2, 3 * u * u * (1 - u), u**3
        out.append((a * x0 + b * x1 + c * x2 + d * x3, a * y0 + b * y1 + c * y2 + d * y3))
    return out


def length(points) -> float:
    return sum(math.dist(p, q) for p, q in itertools.pairwise(points))


def glide_fraction(i: int, t: float) -> float:
    """How far along its track (by length) disc i is at time t: it sets off at i LAG and
    glides for GLIDE seconds."""
    return cruise(min(max((t - i * LAG) / GLIDE, 0.0), 1.0))


def position(points, i: int, t: float) -> tuple[float, float]:
    return along_polyline(points, glide_fraction(i, t))


def total_time(n: int) -> float:
    return (n - 1) * LAG + GLIDE


def crossings(lines, i: int) -> int:
    """How many of the other tracks cross track i (each counted once, however often)."""
    return sum(_meet(lines[i], other) for j, other in enumerate(lines) if j != i)


def _meet(p, q) -> bool:
    """Whether two polylines cross: some segment of one has the ends of some segment of
    the other strictly on opposite sides, and the other way round."""
    a, b = np.asarray(p[:-1])[:, None], np.asarray(p[1:])[:, None]
    c, d = np.asarray(q[:-1])[None], np.asarray(q[1:])[None]

    def side(u, v, w):
        return (v[..., 0] - u[..., 0]) * (w[..., 1] - u[..., 1]) - (v[..., 1] - u[..., 1]) * (
            w[..., 0] - u[..., 0]
        )

    return bool(((side(a, b, c) * side(a, b, d) < 0) & (side(c, d, a) * side(c, d, b) < 0)).any())


def timeline(points, i: int, n: int, steps: int = 240) -> np.ndarray:
    """Disc i's centre (rows of x, y) at `steps` + 1 even times from 0 to the end."""
    p = np.asarray(points)
    run = np.concatenate([[0.0], np.cumsum(np.hypot(*np.diff(p, axis=0).T))])
    at = [glide_fraction(i, total_time(n) * k / steps) * run[-1] for k in range(steps + 1)]
    return np.stack([np.interp(at, run, p[:, 0]), np.interp(at, run, p[:, 1])], axis=1)


def gap(a: np.ndarray, b) -> float:
    """The closest two moving points (or a moving and a fixed one) come."""
    return float(np.hypot(*(a - np.asarray(b)).T).min())


def closest_approach(lines) -> float:
    """The smallest centre-to-centre distance of any two discs during the video."""
    spots = [timeline(p, i, len(lines)) for i, p in enumerate(lines)]
    return min(gap(a, b) for a, b in itertools.combinations(spots, 2))


@register(
    "G-30_tracking_lookalikes",
    title="Tracking look-alikes",
    description="Identical discs glide together along crossing tracks to lettered pads; follow the ringed one: which pad does it reach?",
    category="spatial-visual",
    params=[
        Param("discs", "int", 5, 3, 7, help="identical discs, each on its own track"),
        Param("crossings", "int", 2, 0, 5,
              help="other tracks the followed disc's track crosses, at least"),
        Param("bend", "int", 250, 60, 400, help="how far a track's bend points stray sideways (canvas units)"),
    ],
    shard_size=80,
    memory="low",
    instances=2_600_000,
    faculty="perception",
    levels={
        1: {"discs": 3, "crossings": 0, "bend": 60},
        2: {"discs": 4, "crossings": 1, "bend": 150},
        3: {"discs": 5, "crossings": 2, "bend": 250},
        4: {"discs": 6, "crossings": 3, "bend": 320},
        5: {"discs": 7, "crossings": 4, "bend": 400},
    },
)  # fmt: skip
class TrackingLookalikes(Task):
    def generate(self, rng, params):
        n = params["discs"]
        while True:
            tracks = _tracks(rng, n, params["bend"])
            if None in tracks:
                continue
            lines = [track_points(t) for t in tracks]
            able = [i for i in range(n) if crossings(lines, i) >= params["crossings"]]
            if able:  # the ringed disc: any one whose track crosses enough others
                return {"tracks": tracks, "target": int(able[rng.integers(len(able))])}

    def solve(self, puzzle, params):
        lines = [track_points(t) for t in puzzle["tracks"]]
        i, end = puzzle["target"], total_time(len(lines))
        samples = [
            [k / RATE, *position(lines[i], i, k / RATE)] for k in range(round(end * RATE) + 1)
        ]
        return {"pad": puzzle["tracks"][i]["pad"], "crossings": crossings(lines, i),
                "samples": samples}  # fmt: skip

    def check(self, puzzle, answer, params):
        tracks, i = puzzle["tracks"], puzzle["target"]
        lines = [track_points(t) for t in tracks]
        xs = columns(len(tracks))
        require([LETTERS[xs.index(t["controls"][-1][0])] for t in tracks] == [t["pad"] for t in tracks]
                and len({t["pad"] for t in tracks}) == len(tracks), "the tracks do not end one on each pad")  # fmt: skip
        require(max(map(length, lines)) <= LONGEST, "a track is too long to glide in time")
        rows, end = answer["samples"], (len(tracks) - 1) * LAG + GLIDE
        require(steady((r[0] for r in rows), RATE) and abs(rows[-1][0] - end) < 1e-6,
                "samples are not taken at a fixed rate up to the end")  # fmt: skip
        for t, x, y in rows:  # sets off at i LAG, then glides GLIDE seconds (cruise easing)
            u = cruise(min(max(t - i * LAG, 0.0) / GLIDE, 1.0))
            require(math.dist((x, y), along_polyline(lines[i], u)) < 1e-6,
                    f"the ringed disc is not where its track's glide puts it at t={t:g}")  # fmt: skip
        pad = LETTERS[min(range(len(xs)), key=lambda k: abs(xs[k] - rows[-1][1]))]
        require(abs(rows[-1][2] - PAD_Y) < 1e-6 and answer["pad"] == pad, "the ringed disc reaches another pad")  # fmt: skip
        require(answer["crossings"] == crossings(lines, i), "the number of tracks crossed is wrong")
        require(closest_approach(lines) >= 2 * DISC_R + GAP - 1e-6, "two discs overlap")

    def prompt(self, puzzle, params):
        n = len(puzzle["tracks"])
        return (
            f"{n} identical blue discs stand at the top, each at the start of its own gray track; "
            f"the tracks end on {n} pads lettered {LETTERS[0]} to {LETTERS[n - 1]} at the bottom. "
            "Follow the disc with the yellow ring. When the video starts the ring is removed and "
            f"the discs set off one after another from left to right, each {LAG:g} s after its "
            f"left neighbour; each glides along its own track in {GLIDE:g} s (speeding up, keeping "
            "a steady pace, slowing down) onto its pad, staying on its own track where tracks "
            "cross. Which pad does the ringed disc reach, and how many other tracks does its "
            "track cross? At the end its pad is ringed in yellow."
        )

    def rubric(self, puzzle, answer, params):
        k = answer["crossings"]
        return "\n".join([
            "1. The yellow ring disappears; the discs set off one after another from left to right "
            f"and each glides along its own track to its pad in {GLIDE:g} s, never jumping and never "
            "leaving its track.",
            f"2. The ringed disc's track crosses {k} other track{'s' if k != 1 else ''}.",
            f"3. It ends on pad {answer['pad']}, which is ringed in yellow in the final frame.",
            "4. The discs stay identical and never overlap; the tracks and pads do not move.",
        ])  # fmt: skip

    def render(self, puzzle, answer, params, film):
        lines = [track_points(t) for t in puzzle["tracks"]]
        xs = columns(len(lines))
        base = film.canvas()
        base.text(500, 80, "Which pad does the ringed disc reach?", size=46, bold=True)
        for p in lines:
            base.line(p, fill=TRACK, width=7)
        for k, x in enumerate(xs):
            base.circle(x, PAD_Y, PAD_R, outline=MUTED, width=5)
            base.text(x, PAD_Y + PAD_R + 42, LETTERS[k], size=44, bold=True)

        def frame_at(t: float):
            c = base.copy()
            for k, p in enumerate(lines):
                c.circle(*position(p, k, t), DISC_R, fill=DISC, outline=INK, width=3)
            return c

        first = frame_at(0.0)
        first.circle(*lines[puzzle["target"]][0], DISC_R + 12, outline=HIGHLIGHT, width=9)
        film.opening(first)
        total = total_time(len(lines))
        n = film.seconds(total)
        for k in range(1, n + 1):
            frame = frame_at(total * k / n)
            film.add(frame)
        frame.circle(*lines[puzzle["target"]][-1], PAD_R + 10, outline=HIGHLIGHT, width=9)
        film.closing(frame)


def _tracks(rng, n: int, bend: float) -> list[dict | None]:
    """Tracks from the starts to shuffled pads, laid one at a time: each tries bend points
    until it keeps clear of the other starts and pads and its disc keeps clear of the discs
    already placed (a None marks a track that found no room)."""
    xs, pads = columns(n), shuffled(rng, range(n))
    tracks, placed = [], []
    for i in range(n):
        stops = [(x, START_Y) for j, x in enumerate(xs) if j != i]
        stops += [(x, PAD_Y) for j, x in enumerate(xs) if j != pads[i]]
        for _ in range(40):
            low = rng.uniform(START_Y + 80, 680)
            bends = [(xs[i] + rng.uniform(-1, 1) * bend, low),
                     (xs[pads[i]] + rng.uniform(-1, 1) * bend, rng.uniform(low, 760))]  # fmt: skip
            bends = [(round(min(max(x, 80.0), 920.0), 1), round(y, 1)) for x, y in bends]
            track = {
                "controls": [(xs[i], START_Y), *bends, (xs[pads[i]], PAD_Y)],
                "pad": LETTERS[pads[i]],
            }
            points = track_points(track)
            if length(points) > LONGEST or any(
                min(math.dist(q, s) for q in points) < DISC_R + PAD_R + 6 for s in stops
            ):
                continue
            spots = timeline(points, i, n)
            if all(gap(spots, other) >= 2 * DISC_R + GAP for other in placed):
                tracks.append(track)
                placed.append(spots)
                break
        else:
            return [None]
    return tracks
