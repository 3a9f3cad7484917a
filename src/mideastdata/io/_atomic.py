# SPDX-License-Identifier: MIT
"""Atomic writes: a file via a temporary sibling and a rename; a folder via a sibling folder swapped in.

Readers of a path see the old output whole or the new output whole, never part of
either (a folder's readers through :func:`mideastdata.io._files.snapshot`). Besides:

* **One dump at a time.** A dump holds an exclusive lock on the folder it writes into
  (``flock`` on the parent folder, released by the system if the process dies), so two
  processes dumping to one path take turns instead of tripping over each other's files.
* **Nothing left behind.** A failure removes the temporary file or folder; one left by a
  process killed mid-dump (``.<name>.<32 hex digits>.tmp``) is removed by the next dump
  to the same path, under the lock, so no other dump can be using it.
* **Only its own exports are replaced.** An existing folder is replaced only if every file
  in it has a name the export writes *and* its metadata file says it is an export (a
  ``dataset.json`` naming its format, without tables); a user's own files, even one named
  ``dataset.json`` (a dataset document), are never deleted.
* **Modes kept.** A replaced file or folder keeps its permission bits; a new one gets those
  the umask allows (``0666``/``0777`` less the umask), as :func:`open` and :func:`os.mkdir` give.
* **Errors name the target.** An ``OSError`` while writing names the path the caller asked
  for, never the temporary one.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import re
import shutil
import stat
import uuid
from collections.abc import Callable, Collection, Iterator
from pathlib import Path
from typing import Any, NoReturn

from ._files import dump_lock

__all__ = ["Foreign", "atomic_folder", "atomic_write_bytes", "write_file"]

_OURS = re.compile(r"[0-9a-f]{32}\.(?:tmp|old)|[a-z0-9_]{8}\.tmp")
"""The tails of our temporary names after ``.<name>.``: a uuid, or ``tempfile``'s (earlier versions)."""

_METADATA_FILES = ("dataset.json", "datapackage.json", "mideastdata.json")
_METADATA_MAX = 1 << 20


def _temp_path(path: Path, kind: str = "tmp") -> Path:
    return path.with_name(f".{path.name}.{uuid.uuid4().hex}.{kind}")


def _fail(target: Path, exc: BaseException) -> NoReturn:
    """Re-raise *exc*; an ``OSError`` about a temporary path is raised again naming *target*."""
    if isinstance(exc, OSError) and exc.errno is not None and not isinstance(exc, FileExistsError):
        raise OSError(exc.errno, exc.strerror, str(target)) from exc
    raise exc


def _remove_stale(path: Path) -> None:
    """Remove temporary files and folders of earlier dumps to *path* that were killed (the lock is held)."""
    prefix = f".{path.name}."
    stale: list[os.DirEntry[str]] = []
    with contextlib.suppress(OSError), os.scandir(path.parent) as entries:
        stale = [e for e in entries if e.name.startswith(prefix) and _OURS.fullmatch(e.name[len(prefix) :])]
    for entry in stale:
        with contextlib.suppress(OSError):
            if entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path, ignore_errors=True)
            else:
                os.unlink(entry.path)


def _mode(path: Path) -> int | None:
    """The permission bits of the existing *path*, or None."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        return None


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write *data* to *path* so that readers see the old file or the new one, never a part.

    Raises:
        OSError: writing failed; the message names *path*, which is as it was.
    """
    path = Path(path)
    with dump_lock(path.parent):
        _remove_stale(path)
        tmp = _temp_path(path)
        mode = _mode(path)
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o666)
            with os.fdopen(fd, "wb") as fh:
                if mode is not None:
                    os.fchmod(fh.fileno(), mode)
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, path)
        except BaseException as exc:  # noqa: BLE001 - removed, then raised again naming the target
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            _fail(path, exc)


def write_file(path: Path, data: bytes) -> None:
    """Write *data* to a new file inside a folder being built, flushed to disk."""
    with path.open("xb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())


def _is_export(path: Path, names: Collection[str]) -> bool:
    """Whether the folder *path* is an export of this library, as its metadata file says.

    A format that writes no metadata file is recognised by its names alone. Otherwise the
    metadata file must say so: a ``dataset.json`` with a ``"format"`` and no tables (a
    user's ``md.dump(ds, "out/dataset.json")`` holds ``"sources"``...), a ``datapackage.json``
    with the ``"mideastdata"`` property, or the ``mideastdata.json`` of an annotation-tool folder.
    """
    metadata = [name for name in _METADATA_FILES if name in names]
    if not metadata:
        return True
    for name in metadata:
        file = path / name
        if file.is_symlink() or not file.is_file() or file.stat().st_size > _METADATA_MAX:
            continue
        try:
            doc = json.loads(file.read_bytes())
        except (OSError, ValueError):
            doc = None
        return isinstance(doc, dict) and _says_export(name, doc)
    return False


def _says_export(name: str, doc: dict[str, Any]) -> bool:
    if name == "dataset.json":
        return "format" in doc and "sources" not in doc
    if name == "datapackage.json":
        return isinstance(doc.get("mideastdata"), dict)
    return True  # the extra mapping of an annotation-tool folder


def _foreign(path: Path, names: Collection[str]) -> list[str]:
    """The entries of the folder *path* that are not files of an export of this library."""
    with os.scandir(path) as scan:
        entries = {e.name: e.is_file(follow_symlinks=False) for e in scan}
    if not entries:
        return []
    foreign = sorted(n for n, regular in entries.items() if n not in names or not regular)
    if not foreign and not _is_export(path, names):
        return sorted(entries)  # only our names, but not written by us: a user's own dataset.json
    return foreign


Foreign = Callable[[Path], list[str]]
"""Given an existing folder, the entries in it that are not files of the export being written."""


def _check_replaceable(path: Path, foreign_in: Foreign) -> None:
    if not os.path.lexists(path):
        return
    if not path.is_dir():
        msg = f"{str(path)!r} exists and is not a folder; remove it or choose another path"
        raise FileExistsError(msg)
    foreign = foreign_in(path)
    if foreign:
        shown = ", ".join(repr(n) for n in foreign[:5]) + (", ..." if len(foreign) > 5 else "")
        msg = (
            f"refusing to replace folder {str(path)!r}: it holds {shown}, "
            "which this library did not write; remove it or choose another path"
        )
        raise FileExistsError(msg)


def _keep_modes(tmp: Path, path: Path) -> None:
    """Give the new folder and its files the permission bits of the ones they replace."""
    mode = _mode(path)
    if mode is None:
        return
    tmp.chmod(mode)
    with os.scandir(tmp) as scan:
        for entry in scan:
            old = _mode(path / entry.name)
            if old is not None:
                Path(entry.path).chmod(old)


def _swap(tmp: Path, path: Path) -> None:
    """Put the folder *tmp* at *path*: the old one is renamed aside, the new one renamed in, the old one removed."""
    if not os.path.lexists(path):
        tmp.rename(path)
        return
    old = _temp_path(path, "old")
    path.rename(old)
    try:
        tmp.rename(path)
    except BaseException:
        old.rename(path)
        raise
    shutil.rmtree(old, ignore_errors=True)


@contextlib.contextmanager
def atomic_folder(path: Path, names: Collection[str], *, foreign: Foreign | None = None) -> Iterator[Path]:
    """Yield an empty temporary sibling folder of *path*; when the block succeeds, swap it in.

    An existing folder at *path* is replaced only if it is an export of this library: it
    holds nothing but files named in *names* and its metadata file says it is an export
    (or, with *foreign*, a layout of subfolders, when *foreign* finds nothing else in it).
    Anything else is refused, so a dump never deletes a user's files. The whole dump holds
    the lock of the parent folder; if the block or the swap fails, the old folder stays (or
    is put back) and the temporary one is removed.

    Raises:
        FileExistsError: *path* is a file, or a folder holding other files.
        OSError: writing failed; the message names *path*.
    """
    path = Path(path)
    check = foreign if foreign is not None else functools.partial(_foreign, names=names)
    path.parent.mkdir(parents=True, exist_ok=True)
    with dump_lock(path.parent):
        _remove_stale(path)
        _check_replaceable(path, check)
        tmp = _temp_path(path)
        try:
            tmp.mkdir(0o777)
            yield tmp
            _check_replaceable(path, check)
            _keep_modes(tmp, path)
            _swap(tmp, path)
        except BaseException as exc:  # noqa: BLE001 - removed, then raised again naming the target
            shutil.rmtree(tmp, ignore_errors=True)
            _fail(path, exc)
