"""Motion measured in decoded videos, as a viewer of the dataset sees it: a sample is built
and encoded, its frames decoded, and objects found by their colour."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from generators import build_sample
from generators.kit.video import OPENING_S, read_frames


def decoded_sample(gid: str, out: Path, index: int, seed: int = 5, size: int = 256,
                   **params) -> tuple[dict, list[np.ndarray]]:  # fmt: skip
    """(metadata, decoded RGB frames) of one sample."""
    result = build_sample(gid, seed, index, {"image_size": size, **params}, out)
    meta = json.loads((result.folder / "metadata.json").read_text())
    return meta, list(read_frames(result.folder / "ground_truth.mp4"))


def frame_time(i: int, fps: int) -> float:
    """The simulated time a frame shows, for videos that hold the first frame OPENING_S and
    then show one frame per 1/fps s of motion."""
    return max(0, i - round(OPENING_S * fps) + 1) / fps


def centroid(frame: np.ndarray, rgb, tol: float = 45.0, box=None) -> tuple[float, float] | None:
    """The centre, in canvas units (0..1000), of the pixels within `tol` of colour `rgb`;
    `box` = (x0, y0, x1, y1) in canvas units keeps only that part of the frame."""
    size = frame.shape[1]
    near = np.linalg.norm(frame.astype(np.float64) - np.asarray(rgb, float), axis=2) < tol
    if box is not None:
        x0, y0, x1, y1 = (round(v * size / 1000) for v in box)
        keep = np.zeros_like(near)
        keep[max(0, y0) : y1, max(0, x0) : x1] = True
        near &= keep
    if near.sum() < 4:
        return None
    ys, xs = np.nonzero(near)
    k = 1000 / size
    return (xs.mean() + 0.5) * k, (ys.mean() + 0.5) * k


def line_fit(ts, values) -> tuple[float, float]:
    """(slope, intercept) of the least-squares line through (t, value) points."""
    slope, intercept = np.polyfit(np.asarray(ts, float), np.asarray(values, float), 1)
    return float(slope), float(intercept)
