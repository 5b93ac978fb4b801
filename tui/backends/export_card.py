"""The texts of an exported dataset: its card (README.md with YAML front matter, as the
Hugging Face Hub reads it) and its Croissant 1.0 description (croissant.json)."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

import yaml

from .export import SAMPLE_FILES, generator_spec

if TYPE_CHECKING:
    from .export import ExportPlan, GeneratorStats

SIZE_CATEGORIES = ((1_000, "n<1K"), (10_000, "1K<n<10K"), (100_000, "10K<n<100K"),
                   (1_000_000, "100K<n<1M"), (10_000_000, "1M<n<10M"),
                   (100_000_000, "10M<n<100M"))  # fmt: skip
CROISSANT_CONTEXT = {
    "@language": "en", "@vocab": "https://schema.org/", "citeAs": "cr:citeAs",
    "column": "cr:column", "conformsTo": "dct:conformsTo",
    "cr": "http://mlcommons.org/croissant/", "rai": "http://mlcommons.org/croissant/RAI/",
    "data": {"@id": "cr:data", "@type": "@json"},
    "dataType": {"@id": "cr:dataType", "@type": "@vocab"}, "dct": "http://purl.org/dc/terms/",
    "equivalentProperty": "cr:equivalentProperty", "samplingRate": "cr:samplingRate",
    "examples": {"@id": "cr:examples", "@type": "@json"}, "extract": "cr:extract",
    "field": "cr:field", "fileProperty": "cr:fileProperty", "fileObject": "cr:fileObject",
    "fileSet": "cr:fileSet", "format": "cr:format", "includes": "cr:includes",
    "isLiveDataset": "cr:isLiveDataset", "jsonPath": "cr:jsonPath", "key": "cr:key",
    "md5": "cr:md5", "parentField": "cr:parentField", "path": "cr:path",
    "recordSet": "cr:recordSet", "references": "cr:references", "regex": "cr:regex",
    "repeated": "cr:repeated", "replace": "cr:replace", "sc": "https://schema.org/",
    "separator": "cr:separator", "source": "cr:source", "subField": "cr:subField",
    "transform": "cr:transform",
}  # fmt: skip
# index columns described in croissant.json: (column, schema.org type, description)
CROISSANT_FIELDS = (
    ("id", "sc:Text", "sample id, also the WebDataset key of its shard members"),
    ("generator", "sc:Text", "generator id, e.g. O-48_sudoku"),
    ("task", "sc:Text", "the generator's title"),
    ("category", "sc:Text", "task category"),
    ("sample_id", "sc:Text", "{generator}_{index:08d}"),
    ("index", "sc:Integer", "sample index within its generator"),
    ("split", "sc:Text", "split, assigned by a hash of param_hash"),
    ("seed", "sc:Integer", "job seed"),
    ("param_hash", "sc:Text", "hash of the generator and puzzle: equal hashes, same puzzle"),
    ("prompt", "sc:Text", "the task as stated to the model"),
    ("rubric", "sc:Text", "what a correct answer video shows"),
    ("metadata_json", "sc:Text", "the sample's metadata.json: params, puzzle, answer"),
    ("frames", "sc:Integer", "frames of ground_truth.mp4"),
    ("fps", "sc:Float", "frames per second of ground_truth.mp4"),
    ("width", "sc:Integer", "frame width in pixels"),
    ("height", "sc:Integer", "frame height in pixels"),
    ("shard", "sc:Text", "the WebDataset shard holding the sample's files"),
)


def size_category(n: int) -> str:
    return next((label for limit, label in SIZE_CATEGORIES if n < limit), "n>100M")


def _name(plan: ExportPlan) -> str:
    return plan.options.name or f"VM Data Wheel job {plan.options.job_id}"


def _human(n: float) -> str:
    for unit in ("B", "KB", "MB", "GB", "TB"):
        if n < 1000 or unit == "TB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1000
    return f"{n:.1f} TB"


def _count(n: int) -> str:
    """`12,000`, or `~1.0e+12` past a million."""
    return f"{n:,}" if n < 1_000_000 else f"~{n:.1e}"


def front_matter(plan: ExportPlan, stats: dict[str, GeneratorStats]) -> dict:
    samples = sum(g.samples for g in stats.values())
    splits = list(dict.fromkeys(s for g in stats.values() for s in g.splits))
    splits.sort(key=list(plan.options.splits).index)
    categories = sorted({c for gid in stats if (c := _category(gid))})
    configs = [
        {
            "config_name": "default",
            "default": True,
            "data_files": [{"split": s, "path": f"data/*/{s}.parquet"} for s in splits],
        }
    ]
    for gid, g in stats.items():
        configs.append(
            {
                "config_name": gid,
                "data_files": [
                    {"split": s, "path": f"data/{gid}/{s}.parquet"} for s in splits if g.splits[s]
                ],
            }
        )
    return {
        "license": plan.options.license,
        "pretty_name": _name(plan),
        "task_categories": ["image-to-video", "text-to-video"],
        "size_categories": [size_category(samples)],
        "tags": ["synthetic", "video-reasoning", "webdataset", "vm-data-wheel", *categories],
        "configs": configs,
    }  # fmt: skip


def _category(gid: str) -> str:
    spec = generator_spec(gid)
    return spec.category if spec else ""


def dataset_card(plan: ExportPlan, stats: dict[str, GeneratorStats], state: dict) -> str:
    """README.md: YAML front matter, then what the dataset is and how to load it."""
    yaml_text = yaml.safe_dump(front_matter(plan, stats), sort_keys=False, allow_unicode=True)
    samples = sum(g.samples for g in stats.values())
    job = plan.ledger.job
    lines = [f"---\n{yaml_text}---", "", f"# {_name(plan)}", ""]
    lines += [
        f"{samples:,} synthetic video-reasoning samples from {len(stats)} generators, made by "
        f"VM Data Wheel (job `{plan.options.job_id}`"
        + (f", seed {job.seed}, code version {job.code_version}" if job else "")
        + "). "
        "Each sample is a small task: a first frame, a solved final frame, a prompt, a "
        "rubric, a ground-truth solution video and its metadata (the puzzle and its "
        "answer in machine-readable form). Every sample is a pure function of its "
        "generator, seed, index and params, so it can be regenerated byte for byte.",
        "",
        "## Files",
        "",
        "| path | what |",
        "|---|---|",
        "| `data/metadata.parquet` | the index: one row per sample (ids, seed, difficulty, "
        "param_hash, prompt, rubric, metadata_json, frames, fps, size, its shard and "
        "members, sha256 and size of each file) |",
        "| `data/{generator}/{split}.parquet` | the same rows per generator and split |",
        "| `shards/{generator}/{split}-{n}.tar` | WebDataset shards; members "
        "`{sample_id}.{file}` for " + ", ".join(f"`{f}`" for f in SAMPLE_FILES) + " |",
        "| `gallery/` | first and final frames of one sample per generator |",
        "| `croissant.json` | Croissant description of the files and the index |",
        "| `export.json` | how this folder was made (job, options, shard checksums) |",
        "",
    ]
    lines += _splits_section(plan, stats, state)
    lines += _generators_section(stats)
    lines += _gallery_section(stats)
    lines += _loading_section(plan, next(iter(stats)))
    return "\n".join(lines) + "\n"


def _splits_section(plan: ExportPlan, stats, state: dict) -> list[str]:
    counts: Counter[str] = Counter()
    for g in stats.values():
        counts.update(g.splits)
    shards: Counter[str] = Counter(s.split for s in plan.shards)
    sizes: Counter[str] = Counter()
    for s in plan.shards:
        sizes[s.split] += state["shards"].get(s.path, {}).get("size", 0)
    fractions = ", ".join(f"{k}={v:g}" for k, v in plan.options.splits.items())
    out = ["## Splits", "",
           f"Asked: {fractions}. A sample's split is decided by a hash of its `param_hash` "
           "(the hash of its generator and puzzle), so one puzzle never lands in two splits "
           "and the assignment is the same on every export.", "",
           "| split | samples | shards | bytes |", "|---|---:|---:|---:|"]  # fmt: skip
    for split in plan.options.splits:
        if counts[split]:
            out.append(f"| {split} | {counts[split]:,} | {shards[split]} | "
                       f"{_human(sizes[split])} |")  # fmt: skip
    out.append("")
    if plan.excluded:
        for e in plan.excluded:
            out.append(f"Excluded: {e.dropped:,} samples whose puzzle appears in job "
                       f"`{e.job_id}` ({e.puzzles:,} distinct puzzles there), so that job "
                       "can evaluate what is trained on this one.")  # fmt: skip
    else:
        out.append("Excluded: nothing.")
    missing = sum(b - a for ranges in plan.missing.values() for a, b in ranges)
    if missing or plan.ledger.job is None:
        out.append("")
        out.append(f"Incomplete: the job was exported with {missing:,} samples missing"
                   + (" (no job record)" if plan.ledger.job is None else "") + ": "
                   + "; ".join(f"{g} {', '.join(f'{a}-{b}' for a, b in r[:5])}"
                               for g, r in plan.missing.items()) + ".")  # fmt: skip
    repeats = sum(len(v) - 1 for g in plan.ledger.generators.values()
                  for v in g.duplicates.values())  # fmt: skip
    if repeats:
        out += ["", f"Repeated puzzles: {repeats:,} samples repeat the puzzle of another "
                "sample of the same generator (same `param_hash`, same split)."]  # fmt: skip
    return [*out, ""]


def _generators_section(stats) -> list[str]:
    out = ["## Generators", "",
           "| generator | task | category | samples | bytes | instance space | difficulty |",
           "|---|---|---|---:|---:|---:|---|"]  # fmt: skip
    for gid, g in stats.items():
        spec = generator_spec(gid)
        levels = {k: v for k, v in g.difficulty.items() if k is not None}
        spread = ", ".join(f"{k}: {v:,}" for k, v in sorted(levels.items())) or "not graded"
        instances = _count(spec.instances) if spec else "-"
        out.append(f"| `{gid}` | {spec.title if spec else '-'} | {spec.category if spec else '-'} "
                   f"| {g.samples:,} | {_human(g.bytes)} | {instances} | {spread} |")  # fmt: skip
    return [*out, ""]


def _gallery_section(stats) -> list[str]:
    out = ["## Gallery", "", "First and final frame of each generator's first sample.", "",
           "| generator | first frame | final frame |", "|---|---|---|"]  # fmt: skip
    for gid in stats:
        out.append(f"| `{gid}` | ![{gid} first frame](gallery/{gid}.first.png) | "
                   f"![{gid} final frame](gallery/{gid}.final.png) |")  # fmt: skip
    return [*out, ""]


def _loading_section(plan: ExportPlan, generator: str) -> list[str]:
    split = next(iter(plan.options.splits))
    return [
        "## Loading", "",
        "The index with `datasets` (from this folder, or `load_dataset(\"OWNER/NAME\")` once "
        "it is on the Hub; every generator is also a config of its own):", "",
        "```python", "from datasets import load_dataset", "",
        'index = load_dataset("parquet", data_files="data/metadata.parquet", split="train")',
        f'{split} = load_dataset("path/to/this/folder", split="{split}")  # every generator',
        f'one = load_dataset("path/to/this/folder", "{generator}", split="{split}")',
        "```", "",
        "The samples with `webdataset` (frames with Pillow, the video with PyAV):", "",
        "```python", "import glob, io", "", "import av", "import webdataset as wds",
        "from PIL import Image", "",
        f'shards = sorted(glob.glob("shards/*/{split}-*.tar"))',
        "for sample in wds.WebDataset(shards, shardshuffle=False):",
        '    key = sample["__key__"]  # the id column of the index',
        '    first = Image.open(io.BytesIO(sample["first_frame.png"]))',
        '    prompt = sample["prompt.txt"].decode()',
        '    with av.open(io.BytesIO(sample["ground_truth.mp4"])) as video:',
        '        frames = [f.to_ndarray(format="rgb24") for f in video.decode(video=0)]',
        "```", "",
        "or with `datasets` alone: `load_dataset(\"webdataset\", data_files={\"" + split
        + "\": \"shards/*/" + split + "-*.tar\"})`. Shards are plain tar files: any member "
        "can also be read with a ranged request.", "",
    ]  # fmt: skip


def croissant(plan: ExportPlan, stats: dict[str, GeneratorStats], index_sha256: str) -> dict:
    """A Croissant 1.0 description: the index file, the shards, and the index's records."""
    samples = sum(g.samples for g in stats.values())
    job = plan.ledger.job
    fields = [{
        "@type": "cr:Field", "@id": f"samples/{column}", "name": column,
        "description": text, "dataType": kind,
        "source": {"fileObject": {"@id": "metadata-parquet"}, "extract": {"column": column}},
    } for column, kind, text in CROISSANT_FIELDS]  # fmt: skip
    license_url = (f"https://spdx.org/licenses/{plan.options.license}.html"
                   if plan.options.license != "other" else "other")  # fmt: skip
    return {
        "@context": CROISSANT_CONTEXT,
        "@type": "sc:Dataset",
        "conformsTo": "http://mlcommons.org/croissant/1.0",
        "name": _name(plan),
        "description": f"{samples:,} synthetic video-reasoning samples (first frame, final "
        "frame, prompt, rubric, ground-truth video, metadata) from "
        f"{len(stats)} generators, made by VM Data Wheel.",
        "license": license_url,
        "version": "1.0.0",
        "datePublished": (job.created[:10] if job and job.created else None) or "1970-01-01",
        "citeAs": f"VM Data Wheel, job {plan.options.job_id}",
        "keywords": ["synthetic", "video reasoning", "webdataset"],
        "distribution": [
            {"@type": "cr:FileObject", "@id": "metadata-parquet", "name": "metadata-parquet",
             "description": "the index: one row per sample",
             "contentUrl": "data/metadata.parquet", "encodingFormat": "application/x-parquet",
             "sha256": index_sha256},
            {"@type": "cr:FileSet", "@id": "shards", "name": "shards",
             "description": "WebDataset shards: members {sample_id}.{file}",
             "encodingFormat": "application/x-tar", "includes": "shards/*/*.tar"},
        ],
        "recordSet": [{"@type": "cr:RecordSet", "@id": "samples", "name": "samples",
                       "description": "one record per sample", "key": {"@id": "samples/id"},
                       "field": fields}],
    }  # fmt: skip
