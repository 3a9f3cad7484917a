# SPDX-License-Identifier: MIT
"""Atomic writes: a file via a temporary sibling and a rename; a folder via a sibling folder swapped in.

Readers of a path see the old output whole or the new output whole, never part of
either: a failure while writing removes the temporary file or folder and leaves the
earlier output as it was.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import uuid
from collections.abc import Collection, Iterator
from pathlib import Path

__all__ = ["atomic_folder", "atomic_write_bytes", "write_file"]


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write *data* to *path* so that readers see the old file or the new one, never a part."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def write_file(path: Path, data: bytes) -> None:
    """Write *data* to a new file inside a folder being built, flushed to disk."""
    with path.open("xb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())


def _check_replaceable(path: Path, names: Collection[str]) -> None:
    if not path.exists():
        return
    if not path.is_dir():
        msg = f"{str(path)!r} exists and is not a folder; remove it or choose another path"
        raise FileExistsError(msg)
    foreign = sorted(p.name for p in path.iterdir() if p.name not in names or not p.is_file())
    if foreign:
        shown = ", ".join(repr(n) for n in foreign[:5]) + (", ..." if len(foreign) > 5 else "")
        msg = (
            f"refusing to replace folder {str(path)!r}: it holds {shown}, "
            "which this library does not write; remove it or choose another path"
        )
        raise FileExistsError(msg)


@contextlib.contextmanager
def atomic_folder(path: Path, names: Collection[str]) -> Iterator[Path]:
    """Yield an empty temporary sibling folder of *path*; when the block succeeds, swap it in.

    An existing folder at *path* is replaced only if it holds nothing but files named in
    *names* (an earlier export); anything else is refused, so a dump never deletes a
    user's unrelated files. The old folder is renamed aside, the new one renamed into
    place, then the old one removed; if the block or the swap fails, the old folder
    stays (or is put back) and the temporary one is removed.

    Raises:
        FileExistsError: *path* is a file, or a folder holding other files.
    """
    path = Path(path)
    _check_replaceable(path, names)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent))
    try:
        yield tmp
        _check_replaceable(path, names)
        if path.exists():
            old = path.with_name(f".{path.name}.{uuid.uuid4().hex}.old")
            path.rename(old)
            try:
                tmp.rename(path)
            except BaseException:
                old.rename(path)
                raise
            shutil.rmtree(old, ignore_errors=True)
        else:
            tmp.rename(path)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
