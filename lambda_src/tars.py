"""Shard tars: WebDataset shards written byte-reproducibly, and read whatever their age.

A shard is a plain POSIX tar whose members are `{sample_id}.{file}`
(`O-48_sudoku_00000012.first_frame.png`), a sample's files together in name order and the
samples in index order. WebDataset, Hugging Face `datasets` and the Hub read it as it is:
the text before the first `.` of a member's name is the sample's key, the rest its field.
Every member carries the same metadata (mtime 0, mode 0644, owner 0, no user or group
names), so the same files give the same bytes on any machine.

Jobs written before this layout hold gzip-compressed tars (`.tar.gz`) whose members are
`{sample_id}/{file}`; the readers here take both.

    with ShardWriter(path) as shard:
        entry = shard.add("O-48_sudoku_00000012.prompt.txt", fileobj, size)   # FileEntry
    for sample_id, files in iter_samples(path):        # files: {name: bytes}
        ...
"""

from __future__ import annotations

import hashlib
import tarfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from .layout import split_tar_member
from .records import FileEntry

_CHUNK = 1 << 20


class TarLayoutError(ValueError):
    """A shard holds something that is not a sample file."""


def member_info(name: str, size: int) -> tarfile.TarInfo:
    """The header of a member: only its name and size vary."""
    info = tarfile.TarInfo(name)
    info.size = size
    info.mtime, info.mode, info.uid, info.gid = 0, 0o644, 0, 0
    info.uname = info.gname = ""
    return info


class _HashingReader:
    """Hands tarfile the bytes of a file while hashing them."""

    def __init__(self, f: BinaryIO):
        self.f, self.h, self.size = f, hashlib.sha256(), 0

    def read(self, n: int = -1) -> bytes:
        data = self.f.read(n)
        self.h.update(data)
        self.size += len(data)
        return data


class ShardWriter:
    """A shard being written: `add` members in order, then `close` (or use `with`)."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self._tar = tarfile.open(self.path, mode="w", format=tarfile.PAX_FORMAT)  # noqa: SIM115

    def add(self, name: str, f: BinaryIO, size: int) -> FileEntry:
        """Append `size` bytes read from `f` as member `name`; their sha256 and size."""
        reader = _HashingReader(f)
        self._tar.addfile(member_info(name, size), reader)  # OSError if `f` ends early
        return FileEntry(reader.h.hexdigest(), size)

    def add_file(self, name: str, path: str | Path) -> FileEntry:
        with open(path, "rb") as f:
            return self.add(name, f, Path(path).stat().st_size)

    def close(self) -> None:
        self._tar.close()

    def __enter__(self) -> ShardWriter:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def open_shard(source: str | Path | BinaryIO) -> tarfile.TarFile:
    """A shard opened for streaming reads, plain or gzip-compressed."""
    if isinstance(source, str | Path):
        return tarfile.open(source, mode="r|*")
    return tarfile.open(fileobj=source, mode="r|*")


def iter_members(source: str | Path | BinaryIO) -> Iterator[tuple[str, str, BinaryIO, int]]:
    """`(sample_id, file, reader, size)` for each member in order, without extracting.
    The reader is valid until the next item."""
    with open_shard(source) as tar:
        for info in tar:
            if not info.isfile():
                if info.isdir():  # some hand-made tars list their sample folders
                    continue
                raise TarLayoutError(f"{info.name}: not a regular file")
            try:
                sample_id, name = split_tar_member(info.name)
            except ValueError as e:
                raise TarLayoutError(str(e)) from None
            yield sample_id, name, tar.extractfile(info), info.size


def iter_samples(source: str | Path | BinaryIO) -> Iterator[tuple[str, dict[str, bytes]]]:
    """`(sample_id, {file: bytes})` for each sample of a shard, in order."""
    current: str | None = None
    files: dict[str, bytes] = {}
    for sample_id, name, reader, _size in iter_members(source):
        if sample_id != current:
            if current is not None:
                yield current, files
            current, files = sample_id, {}
        files[name] = reader.read()
    if current is not None:
        yield current, files


def read_sample(source: str | Path | BinaryIO, sample_id: str, names) -> dict[str, bytes]:
    """The named files of one sample (a subset of `names` when some are absent)."""
    wanted = set(names)
    found: dict[str, bytes] = {}
    for sid, name, reader, _size in iter_members(source):
        if sid == sample_id and name in wanted:
            found[name] = reader.read()
            if len(found) == len(wanted):
                break
    return found


def sha256_copy(src: BinaryIO, dst: BinaryIO | None = None) -> FileEntry:
    """The sha256 and size of what `src` holds, copied to `dst` on the way if given."""
    h, size = hashlib.sha256(), 0
    while chunk := src.read(_CHUNK):
        h.update(chunk)
        size += len(chunk)
        if dst is not None:
            dst.write(chunk)
    return FileEntry(h.hexdigest(), size)
