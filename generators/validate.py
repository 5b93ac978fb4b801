"""Validating a sample folder: everything a consumer of the dataset relies on."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import numpy as np
from PIL import Image

from .kit.task import CheckFailed
from .kit.video import ffmpeg_exe, probe, read_frames
from .registry import UnknownGenerator, get_spec
from .sample import FILES, param_hash

REQUIRED_KEYS = {
    "sample_id": str, "generator": str, "generator_version": int, "seed": int, "index": int,
    "params": dict, "param_hash": str, "puzzle": object, "answer": object,
    "frame_count": int, "fps": int, "width": int, "height": int, "video": bool,
}  # fmt: skip
# The decoded first/last video frames must match the PNG stills. yuv420p itself (2x2 chroma,
# limited range) caps the PSNR of sharp coloured text at ~33 dB at 256 px even losslessly,
# so the encoder is judged against the PNG as yuv420p can carry it (MIN_PSNR), and the raw
# difference only has to show the same picture (MIN_RAW_PSNR; saturated colours at 256 px
# lose ~25 dB to chroma subsampling alone).
MIN_PSNR = 35.0
MIN_RAW_PSNR = 20.0


def psnr(a: np.ndarray, b: np.ndarray) -> float:
    mse = float(np.mean((a.astype(np.float64) - b.astype(np.float64)) ** 2))
    return float("inf") if mse == 0 else 10 * np.log10(255.0**2 / mse)


def as_yuv420p(rgb: np.ndarray) -> np.ndarray:
    """An RGB image as it looks after a lossless trip through yuv420p (the same swscale path)."""
    h, w, _ = rgb.shape
    cmd = [ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-f", "rawvideo", "-pix_fmt", "rgb24",
           "-s", f"{w}x{h}", "-i", "-", "-vf", "format=yuv420p,format=rgb24", "-f", "rawvideo", "-"]  # fmt: skip
    out = subprocess.run(cmd, input=rgb.tobytes(), capture_output=True, check=True).stdout
    return np.frombuffer(out, dtype=np.uint8).reshape(h, w, 3)


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
        info = probe(path)
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
    if compare_frames:
        first = last = None
        for frame in read_frames(path):
            if first is None:
                first = frame
            last = frame
        for name, frame in (("first_frame.png", first), ("final_frame.png", last)):
            if frame is None:
                problems.append("video has no frames")
                break
            raw = psnr(frame, stills[name])
            coded = psnr(frame, as_yuv420p(stills[name]))
            if coded < MIN_PSNR or raw < MIN_RAW_PSNR:
                problems.append(
                    f"video's {name.split('_')[0]} frame differs from {name} "
                    f"(PSNR {coded:.1f} dB against yuv420p, {raw:.1f} dB raw)"
                )
    return problems
