"""Validating a sample folder: everything a consumer of the dataset relies on."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
from PIL import Image

from .kit.task import CheckFailed
from .kit.video import decode_ends, probe, yuv_planes
from .registry import UnknownGenerator, get_spec
from .sample import FILES, param_hash

REQUIRED_KEYS = {
    "sample_id": str, "generator": str, "generator_version": int, "seed": int, "index": int,
    "params": dict, "param_hash": str, "puzzle": object, "answer": object,
    "frame_count": int, "fps": int, "width": int, "height": int, "video": bool,
}  # fmt: skip
# The decoded first/last video frames must match the PNG stills. The encoder is judged on
# what it was given: the PNG's own yuv420p planes (MIN_PSNR); the RGB difference only has to
# show the same picture (MIN_RAW_PSNR), since yuv420p itself (2x2 chroma, limited range)
# costs saturated colour at small sizes ~25 dB even losslessly.
MIN_PSNR = 35.0
MIN_RAW_PSNR = 20.0


def psnr(a: np.ndarray, b: np.ndarray) -> float:
    mse = float(np.mean((a.astype(np.float64) - b.astype(np.float64)) ** 2))
    return float("inf") if mse == 0 else 10 * np.log10(255.0**2 / mse)


def validate_sample(folder: Path, compare_frames: bool = True) -> list[str]:
    """Problems found in a sample folder; an empty list means it is valid."""
    folder = Path(folder)
    try:
        meta = json.loads((folder / "metadata.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        return [f"metadata.json unreadable: {e}"]
    problems = [f"metadata.{k} missing or not {t.__name__}" for k, t in REQUIRED_KEYS.items()
                if not isinstance(meta.get(k), t)]  # fmt: skip
    if problems:
        return problems
    wanted = [f for f in FILES if meta["video"] or f != "ground_truth.mp4"]
    problems += [f"{f} missing" for f in wanted if not (folder / f).is_file()]
    if problems:
        return problems
    size = (meta["width"], meta["height"])
    stills = {}
    for name in ("first_frame.png", "final_frame.png"):
        with Image.open(folder / name) as im:
            if im.format != "PNG" or im.size != size or im.mode != "RGB":
                problems.append(
                    f"{name} is {im.format} {im.mode} {im.size}, expected PNG RGB {size}"
                )
            stills[name] = np.asarray(im.convert("RGB"))
    for name in ("prompt.txt", "rubric.txt"):
        if not (folder / name).read_text(encoding="utf-8").strip():
            problems.append(f"{name} is empty")
    if meta["video"]:
        problems += _check_video(folder / "ground_truth.mp4", meta, stills, compare_frames)
    try:
        spec = get_spec(meta["generator"])
    except UnknownGenerator as e:
        return [*problems, str(e)]
    if param_hash(spec.id, meta["puzzle"]) != meta["param_hash"]:
        problems.append("param_hash does not match the puzzle")
    try:
        spec.task_class().check(meta["puzzle"], meta["answer"], meta["params"])
    except CheckFailed as e:
        problems.append(f"answer check failed: {e}")
    except Exception as e:  # a damaged answer (missing key, wrong type) is a finding, not a crash
        problems.append(f"answer check failed: {type(e).__name__}: {e}")
    return problems


def _check_video(path: Path, meta: dict, stills: dict, compare_frames: bool) -> list[str]:
    try:
        ends = decode_ends(path) if compare_frames else None
        info = ends.info if ends else probe(path)
    except ValueError as e:
        return [str(e)]
    problems = []
    if (info.codec, info.pix_fmt) != ("h264", "yuv420p"):
        problems.append(f"video is {info.codec}/{info.pix_fmt}, expected h264/yuv420p")
    if (info.width, info.height) != (meta["width"], meta["height"]):
        problems.append(f"video is {info.width}x{info.height}")
    if info.frames != meta["frame_count"]:
        problems.append(f"video has {info.frames} frames, metadata says {meta['frame_count']}")
    if not info.faststart:
        problems.append("video is not +faststart (moov after mdat)")
    if ends is None:
        return problems
    decoded = {"first_frame.png": (ends.first_yuv, ends.first_rgb),
               "final_frame.png": (ends.last_yuv, ends.last_rgb)}  # fmt: skip
    for name, (yuv, rgb) in decoded.items():
        if yuv is None:
            return [*problems, "video has no frames"]
        coded = psnr(yuv, yuv_planes(Image.fromarray(stills[name])))
        raw = psnr(rgb, stills[name])
        if coded < MIN_PSNR or raw < MIN_RAW_PSNR:
            problems.append(
                f"video's {name.split('_')[0]} frame differs from {name} "
                f"(PSNR {coded:.1f} dB against its yuv420p planes, {raw:.1f} dB raw)"
            )
    return problems
