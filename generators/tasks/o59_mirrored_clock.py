"""Mirrored clock: read the real time from an analogue clock seen in a mirror.

The puzzle holds what the picture shows: the angles of the two hands in the mirror image
and which way the mirror flips it; the face always carries numerals (all twelve, Roman, or
only 12, 3, 6 and 9), so the flip shows in the picture as mirrored writing. The solver
un-mirrors the angles; the checker goes the other way, drawing the answer's hands and
mirroring them. The video turns the clock over like a card, at a speed that keeps every
mark gliding, and writes the real time under it.
"""

from __future__ import annotations

import math

from PIL import Image

from generators.kit import INK, MUTED, NAMED, Canvas, Param, Task, easing, pick, register, require

RIM_WIDTH = 20
RIM_ANGLES = [2 * math.pi * i / 96 for i in range(96)]
MIRRORS = ("left-right", "top-bottom")
NUMERALS = ("arabic", "roman", "quarters")
HAND_COLORS = ("black", "blue", "red", "green", "purple")
RIM_COLORS = ("gray", "brown", "blue", "green", "purple", "orange")
FACE_TINTS = ("white", "cream", "blue", "green")
FACE_RGB = {"white": (255, 255, 255), "cream": (252, 244, 222), "blue": (232, 242, 252),
            "green": (234, 246, 234)}  # fmt: skip
ROMAN = ("XII", "I", "II", "III", "IIII", "V", "VI", "VII", "VIII", "IX", "X", "XI")
RADII = tuple(range(280, 341, 10))
CX, CY = 500.0, 500.0
GLASS = (226, 234, 240)


def rgb(name: str):
    return INK if name == "black" else NAMED[name]


def hand_angles(hour: int, minute: int) -> tuple[float, float]:
    """(hour hand, minute hand) in degrees clockwise from 12 on a real clock."""
    return (30.0 * (hour % 12) + 0.5 * minute, 6.0 * minute)


def reflect(angle: float, mirror: str) -> float:
    """Where a hand at `angle` appears in the mirror image."""
    return (360.0 - angle) % 360.0 if mirror == "left-right" else (180.0 - angle) % 360.0


def clock_time(hour_angle: float, minute_angle: float) -> tuple[int, int]:
    """The reading of a clock whose hands point at these angles."""
    minute = round(minute_angle / 6.0) % 60
    hour = round((hour_angle - 0.5 * minute) / 30.0) % 12
    return (hour or 12, minute)


def naive_reading(hour_angle: float, minute_angle: float) -> tuple[int, int]:
    """What a reader says for these hands: the hour the hour hand has passed, and the minute."""
    return (int(hour_angle // 30.0) % 12 or 12, round(minute_angle / 6.0) % 60)


def fmt(hour: int, minute: int) -> str:
    return f"{hour:02d}:{minute:02d}"


def draw_clock(canvas: Canvas, puzzle: dict, hour: int, minute: int) -> None:
    """A real (unmirrored) clock face showing hour:minute."""
    r = puzzle["radius"]
    canvas.circle(CX, CY, r, fill=FACE_RGB[puzzle["face"]], outline=rgb(puzzle["rim"]),
                  width=RIM_WIDTH)  # fmt: skip
    for k in range(60):
        a = math.radians(6 * k)
        major = k % 5 == 0
        r0 = r * (0.84 if major else 0.9)
        p0 = (CX + r0 * math.sin(a), CY - r0 * math.cos(a))
        p1 = (CX + 0.95 * r * math.sin(a), CY - 0.95 * r * math.cos(a))
        canvas.line([p0, p1], fill=INK if major else MUTED, width=9 if major else 3)
    labels = ROMAN if puzzle["numerals"] == "roman" else ("12", *map(str, range(1, 12)))
    size = max(42.0, r * (0.15 if puzzle["numerals"] == "roman" else 0.17))
    if puzzle["numerals"] == "quarters":
        size = r * 0.22
    for k, label in enumerate(labels):
        if puzzle["numerals"] == "quarters" and k % 3:
            continue
        a = math.radians(30 * k)
        rr = r * (0.66 if puzzle["numerals"] == "quarters" else 0.68)
        canvas.text(CX + rr * math.sin(a), CY - rr * math.cos(a), label, size=size, bold=True)
    draw_hands(canvas, puzzle, hour, minute)


def draw_hands(canvas: Canvas, puzzle: dict, hour: int, minute: int, sx=1.0, sy=1.0) -> None:
    """The hands and their hub, squeezed by (sx, sy) about the centre (negative: mirrored),
    as the clock turning over like a card shows them."""
    r = puzzle["radius"]
    color = rgb(puzzle["hands"])

    def squeezed(points):
        return [(CX + sx * (x - CX), CY + sy * (y - CY)) for x, y in points]

    ha, ma = hand_angles(hour, minute)
    for angle, length, width in ((ha, 0.5, 0.075), (ma, 0.8, 0.04)):
        a = math.radians(angle)
        ux, uy = math.sin(a), -math.cos(a)  # along the hand, then across it
        w = width * r / 2
        bar = [(CX + d * r * ux + e * w * -uy, CY + d * r * uy + e * w * ux)
               for d, e in ((-0.08, -1), (length, -1), (length, 1), (-0.08, 1))]  # fmt: skip
        canvas.polygon(squeezed(bar), fill=color)
    hub = [(CX + 0.06 * r * math.cos(t), CY + 0.06 * r * math.sin(t)) for t in RIM_ANGLES]
    canvas.polygon(squeezed(hub), fill=color)


@register(
    "O-59_mirrored_clock",
    title="Mirrored clock",
    description="An analogue clock seen in a mirror: tell the real time (hh:mm). A 12-hour clock "
                "has only 144 distinct five-minute times, so the defaults give 284 distinct "
                "(mirror, time) puzzles, drawn in many face styles.",
    category="spatial-visual",
    params=[
        Param("minute_step", "int", 5, choices=(1, 5, 15),
              help="the real time is a multiple of this many minutes"),
        Param("mirror", "str", "mixed", choices=("mixed", *MIRRORS),
              help="left-right (a wall mirror) or top-bottom (a mirror below the clock)"),
        Param("numerals", "str", "mixed", choices=("mixed", *NUMERALS),
              help="all twelve numerals, Roman ones, or only 12, 3, 6 and 9"),
    ],
    shard_size=60,
    memory="low",
    faculty="spatiality",
    levels={
        1: {"minute_step": 15, "mirror": "left-right", "numerals": "arabic"},
        2: {"minute_step": 5, "mirror": "left-right", "numerals": "mixed"},
        3: {"minute_step": 5, "mirror": "mixed", "numerals": "mixed"},
        4: {"minute_step": 1, "mirror": "mixed", "numerals": "mixed"},
        5: {"minute_step": 1, "mirror": "top-bottom", "numerals": "quarters"},
    },
    # 144 five-minute times in 12 hours, under two mirrors, less the 4 (mirror, time) pairs
    # whose image reads the same as the clock (the face's colours vary on top of these)
    instances=2 * 144 - 4,
)  # fmt: skip
class MirroredClock(Task):
    def generate(self, rng, params):
        step = params["minute_step"]
        while True:
            hour = int(rng.integers(1, 13))
            minute = step * int(rng.integers(0, 60 // step))
            mirror = params["mirror"]
            if mirror == "mixed":
                mirror = pick(rng, MIRRORS)
            ha, ma = hand_angles(hour, minute)
            shown_h, shown_m = reflect(ha, mirror), reflect(ma, mirror)
            if clock_time(shown_h, shown_m) == (hour, minute):
                continue  # the mirror image would read the same as the clock
            numerals = params["numerals"]
            hands = pick(rng, HAND_COLORS)
            return {
                "mirror": mirror,
                "shown_hour_angle": shown_h,
                "shown_minute_angle": shown_m,
                "numerals": pick(rng, NUMERALS) if numerals == "mixed" else numerals,
                "hands": hands,
                # a rim of the hands' colour would let them blend into it where they meet
                "rim": pick(rng, tuple(c for c in RIM_COLORS if c != hands)),
                "face": pick(rng, FACE_TINTS),
                "radius": pick(rng, RADII),
            }

    def solve(self, puzzle, params):
        mirror = puzzle["mirror"]
        hour, minute = clock_time(reflect(puzzle["shown_hour_angle"], mirror),
                                  reflect(puzzle["shown_minute_angle"], mirror))  # fmt: skip
        naive = naive_reading(puzzle["shown_hour_angle"], puzzle["shown_minute_angle"])
        return {"time": fmt(hour, minute), "hour": hour, "minute": minute,
                "mirror_reading": fmt(*naive)}  # fmt: skip

    def check(self, puzzle, answer, params):
        text = answer["time"]
        require(len(text) == 5 and text[2] == ":" and text.replace(":", "").isdigit(),
                "time is not written hh:mm")  # fmt: skip
        hour, minute = int(text[:2]), int(text[3:])
        require(1 <= hour <= 12 and 0 <= minute < 60, "time is not a 12-hour clock time")
        require((answer["hour"], answer["minute"]) == (hour, minute), "fields disagree")
        # draw the answer's hands on a real clock, then see them in the mirror
        hour_hand = 30.0 * (hour % 12) + minute / 2.0
        minute_hand = 6.0 * minute
        if puzzle["mirror"] == "left-right":  # x -> -x: clockwise angle a becomes -a
            seen = (-hour_hand, -minute_hand)
        else:  # y -> -y: a becomes 180 - a
            seen = (180.0 - hour_hand, 180.0 - minute_hand)

        def same(a: float, b: float) -> bool:
            return abs((a - b + 180.0) % 360.0 - 180.0) < 0.01

        require(same(seen[0], puzzle["shown_hour_angle"]), "hour hand does not match the mirror")
        require(
            same(seen[1], puzzle["shown_minute_angle"]), "minute hand does not match the mirror"
        )
        require(minute % params["minute_step"] == 0, "minute is off the puzzle's step")
        naive = naive_reading(puzzle["shown_hour_angle"], puzzle["shown_minute_angle"])
        require(answer["mirror_reading"] == fmt(*naive),
                "the mirror image read as a clock is not what the rubric warns against")  # fmt: skip

    def prompt(self, puzzle, params):
        if puzzle["mirror"] == "left-right":
            how = ("as seen in a wall mirror: the picture is flipped left to right, so the "
                   "numerals read backwards and the hands seem to turn anticlockwise")  # fmt: skip
        else:
            how = ("as seen in a mirror lying below it: the picture is flipped top to bottom, so "
                   "the numerals appear upside down, as in a reflection in water, and 12 is at "
                   "the bottom")  # fmt: skip
        face = {"arabic": "numbered 1 to 12", "roman": "with Roman numerals I to XII",
                "quarters": "with tick marks and only the numerals 12, 3, 6 and 9"}[
            puzzle["numerals"]]  # fmt: skip
        return (
            f"The image shows an analogue clock {face}, {how}. Find the time the real clock "
            "shows. Un-mirror the clock: flip it back so that it looks like the real clock, with "
            "12 at the top, and then write the real time as hh:mm below it. The clock's size, "
            "colours and hands stay the same; only the mirror flip is undone. The video ends on "
            "the real clock with its time written underneath."
        )

    def rubric(self, puzzle, answer, params):
        hour, minute = answer["hour"], answer["minute"]
        flip = "left to right" if puzzle["mirror"] == "left-right" else "top to bottom"
        return "\n".join([
            f"1. The clock is flipped back {flip}, once, without turning: in the final frame 12 "
            "is at the top and the numerals and ticks read normally.",
            f"2. The final clock's minute hand points at {minute} minutes and its hour hand "
            f"{'at' if minute == 0 else 'just past'} the {hour}"
            f"{'' if minute == 0 else ' mark, toward the next hour'}.",
            f"3. The time written below the clock is {answer['time']} (not {answer['mirror_reading']}, "
            "which is the mirror image read as if it were a clock).",
            "4. The hands keep their lengths and colours; the clock's size and colours do not change.",
            "5. Apart from the written time, nothing is added to the picture.",
        ])  # fmt: skip

    def render(self, puzzle, answer, params, film):
        real = film.canvas()
        frame_border(real)  # under the clock, so the cut-out square carries its own backdrop
        draw_clock(real, puzzle, answer["hour"], answer["minute"])
        half = puzzle["radius"] + 20
        box = tuple(real.px(v) for v in (CX - half, CY - half, CX + half, CY + half))
        face = real.image.crop(box)
        flip = (Image.Transpose.FLIP_LEFT_RIGHT if puzzle["mirror"] == "left-right"
                else Image.Transpose.FLIP_TOP_BOTTOM)  # fmt: skip
        mirrored = face.transpose(flip)
        horizontal = puzzle["mirror"] == "left-right"
        before = film.canvas()
        frame_border(before)
        before.text(500, 85, "Seen in a mirror", size=52, bold=True)
        after = film.canvas()
        frame_border(after)
        after.text(500, 85, "The real clock", size=52, bold=True)
        first = before.copy()
        first.image.paste(mirrored, box[:2])
        film.opening(first)
        # the card turns at a steady rate: its rim, the fastest mark, glides at GLIDE_SPEED
        n = film.seconds(math.pi * half / easing.GLIDE_SPEED)
        w, h = face.size
        for t in easing.steps(n):
            squeeze = math.cos(math.pi * t)  # 1 -> 0 -> -1: the card turns over
            src, canvas = (mirrored, before) if squeeze > 0 else (face, after)
            frame = canvas.copy()
            k = abs(squeeze)
            nw, nh = (max(1, round(w * k)), h) if horizontal else (w, max(1, round(h * k)))
            if k > 0.01:
                part = src.resize((nw, nh), Image.Resampling.BILINEAR)
                frame.image.paste(part, (box[0] + (w - nw) // 2, box[1] + (h - nh) // 2))
            # the rim redrawn as a drawn ellipse of the rim's full width: the card's edge stays
            # one unbroken ring while the resampled face thins to a line
            sx, sy = (k, 1.0) if horizontal else (1.0, k)
            r = puzzle["radius"]
            rim = [(CX + sx * r * math.cos(a), CY + sy * r * math.sin(a)) for a in RIM_ANGLES]
            frame.polygon(rim, outline=rgb(puzzle["rim"]), width=RIM_WIDTH)
            # the hands too are drawn, not resampled, so they keep their shape as they turn
            side = -squeeze  # -1: the mirror image, 1: the real clock
            sx, sy = (side, 1.0) if horizontal else (1.0, side)
            draw_hands(frame, puzzle, answer["hour"], answer["minute"], sx, sy)
            film.add(frame)
        done = after.copy()
        done.image.paste(face, box[:2])
        film.hold(done, 0.5)
        done = done.copy()
        done.text(500, 915, answer["time"], size=64, bold=True, fill=NAMED["blue"])
        film.closing(done)


def frame_border(canvas: Canvas) -> None:
    """The mirror's frame: a rounded silver rectangle around the clock."""
    canvas.rect(112, 128, 888, 872, fill=GLASS, outline=MUTED, width=12, radius=30)
