# SPDX-License-Identifier: MIT
"""The one way every format reads a file: regular files only, bounded, from one snapshot of a folder.

Every reader opens its files through :func:`read_bytes` (or :func:`read_text`), so the
guards below hold for every format at once:

* **Regular files only.** Inside a folder dataset (table files, ``dataset.json``,
  ``datapackage.json``, a package's resources) a symbolic link is never followed, and a
  named pipe, a device or a folder is refused from :func:`os.lstat` before it is opened.
  The open itself uses ``O_NOFOLLOW | O_NONBLOCK`` and is checked again with
  :func:`os.fstat`, so a file swapped for a link or a pipe in between is refused too, and
  nothing can make an open wait.
* **Bounded reads, sized by the file.** A file is read as the size :func:`os.fstat`
  reports, never a buffer of ``Limits.max_bytes`` reserved up front; all the files of one
  load together may not pass ``Limits.max_bytes`` (a file read twice, by a fast path and
  then by the reference reader, counts once). A file that grows while it is read is read
  on only as far as the limit allows.
* **One snapshot.** :func:`snapshot` opens the folder once; every file of the load is
  then opened relative to that open folder (``dir_fd``), so a load that overlaps a dump
  reads the old export whole or, after a retry, the new one whole: never one's
  ``dataset.json`` with the other's tables. :meth:`Snapshot.replaced` tells whether
  the folder was swapped while it was read, which is when :func:`mideastdata.io.load_path`
  tries again.
"""

from __future__ import annotations

import contextlib
import contextvars
import os
import stat
from collections.abc import Iterator
from pathlib import Path

from ..errors import DatasetError, Problem
from ..limits import DEFAULT_LIMITS, Limits, too_big

__all__ = [
    "Snapshot",
    "UnreadableFileError",
    "charge",
    "dump_lock",
    "read_bytes",
    "read_document",
    "read_text",
    "snapshot",
    "wait_for_dump",
]

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
_DIR_FD = os.open in os.supports_dir_fd and os.stat in os.supports_dir_fd

_KINDS = (
    (stat.S_ISLNK, "a symbolic link"),
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


class UnreadableFileError(OSError):
    """A file of a dataset that is not read: not a regular file, or missing, or unreadable."""


def _kind(mode: int) -> str | None:
    """What a non-regular file is (``"a named pipe"``), or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


class _Budget:
    """The bytes one load may still read: ``Limits.max_bytes`` over all its files, each counted once."""

    def __init__(self, limit: int | None, file: str | None) -> None:
        self.limit = limit
        self.file = file
        self.charged: dict[str, int] = {}
        self.total = 0

    def charge(self, key: str, size: int) -> None:
        """Count *size* bytes of the file *key* (its largest size so far); raise past the limit."""
        before = self.charged.get(key, 0)
        if size <= before:
            return
        self.charged[key] = size
        self.total += size - before
        if self.limit is not None and self.total > self.limit:
            raise too_big(self.total, self.limit, self.file)


_OPENED_AHEAD = 64
"""At most this many files of a folder are opened when the snapshot is taken."""
_SUFFIXES = (".json", ".jsonl", ".csv", ".parquet")


class Snapshot:
    """A folder dataset opened once: its files are opened relative to the open folder.

    Taking the snapshot opens the folder and, at once, its regular files with a dataset's
    suffixes (at most 64). A dump that swaps the folder afterwards and deletes the old
    one cannot take those files away: they are read whole, from one version.

    Attributes:
        folder: the folder as the readers name it (None for a single-file dataset).
        torn: a file vanished while the snapshot was taken (a dump was removing the folder).
    """

    def __init__(self, folder: Path | None, budget: _Budget) -> None:
        self.folder = folder
        self.budget = budget
        self.fd: int | None = None
        self.identity: tuple[int, int] | None = None
        self.real: Path | None = None
        self.files: dict[str, int] = {}
        self.torn = False
        if folder is not None and _DIR_FD:
            try:
                self.fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_CLOEXEC", 0))
            except OSError:  # a missing folder or a file: the reader reports it
                return
            st = os.fstat(self.fd)
            self.identity = (st.st_dev, st.st_ino)
            self.real = folder.resolve()
            self._open_ahead()

    def _open_ahead(self) -> None:
        if self.fd is None:
            return
        with os.scandir(self.fd) as entries:
            for entry in entries:
                if len(self.files) >= _OPENED_AHEAD:
                    break
                if not entry.name.endswith(_SUFFIXES):
                    continue
                try:
                    if not entry.is_file(follow_symlinks=False):
                        continue
                    fd = os.open(entry.name, _FLAGS | _NOFOLLOW, dir_fd=self.fd)
                except FileNotFoundError:
                    self.torn = True
                    continue
                except OSError:  # reported when a reader asks for it
                    continue
                if stat.S_ISREG(os.fstat(fd).st_mode):
                    self.files[entry.name] = fd
                else:
                    os.close(fd)

    def locate(self, path: Path) -> str | None:
        """*path* relative to the open folder, or None when it is not inside it."""
        if self.fd is None or self.folder is None:
            return None
        for root in (self.folder, self.real):
            if root is not None:
                with contextlib.suppress(ValueError):
                    rel = path.relative_to(root)
                    return None if rel == Path() else str(rel)
        return None

    def replaced(self) -> bool:
        """Whether the folder was swapped or removed since it was opened (a dump ran meanwhile)."""
        if self.folder is None:
            return False
        if self.torn:
            return True
        try:
            st = self.folder.stat()
        except OSError:
            return True
        if self.fd is None:
            return False
        return (st.st_dev, st.st_ino) != self.identity or os.fstat(self.fd).st_nlink == 0

    def close(self) -> None:
        for fd in self.files.values():
            os.close(fd)
        self.files.clear()
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None


_CURRENT: contextvars.ContextVar[Snapshot | None] = contextvars.ContextVar("mideastdata_snapshot", default=None)


@contextlib.contextmanager
def snapshot(folder: Path | None, limits: Limits, file: str | None = None) -> Iterator[Snapshot]:
    """Open *folder* (None for a single file) for one load bounded by *limits*; readers inside use it."""
    snap = Snapshot(folder, _Budget(limits.max_bytes, file))
    token = _CURRENT.set(snap)
    try:
        yield snap
    finally:
        _CURRENT.reset(token)
        snap.close()


def _open(path: Path, *, follow: bool) -> tuple[int, str, bool]:
    """Open the regular file *path* for reading without blocking.

    Returns:
        the descriptor, the file's key in the budget, and whether the caller closes it.

    Raises:
        UnreadableFileError: *path* is a link (unless *follow*), a pipe, a device or a folder,
            or cannot be opened.
    """
    snap = _CURRENT.get()
    rel = None if snap is None else snap.locate(path)
    if snap is not None and rel is not None and rel in snap.files:
        return snap.files[rel], rel, False
    flags = _FLAGS if follow else _FLAGS | _NOFOLLOW
    dir_fd = None if rel is None or snap is None else snap.fd
    target: str | Path = path if rel is None else rel
    try:
        before = os.stat(target, dir_fd=dir_fd, follow_symlinks=follow)
        kind = _kind(before.st_mode)
        fd = os.open(target, flags, dir_fd=dir_fd) if kind is None else -1
    except FileNotFoundError:
        raise UnreadableFileError(f"missing file {path.name!r}") from None
    except OSError as exc:  # ELOOP: a link put in place after the lstat; ENAMETOOLONG, EACCES, ...
        raise UnreadableFileError(f"cannot read {path.name!r}: {exc.strerror}") from None
    if kind is not None:  # refused before it is opened
        raise UnreadableFileError(f"{path.name!r} is {kind}, not a regular file")
    kind = _kind(os.fstat(fd).st_mode)
    if kind is not None:
        os.close(fd)
        raise UnreadableFileError(f"{path.name!r} is {kind}, not a regular file")
    return fd, str(path.resolve() if rel is None else rel), True


_CHUNK = 1 << 30


def _read_fd(fd: int, budget: _Budget, key: str) -> bytes:
    """Everything in the open regular file *fd* from its start: what it holds, never past the budget."""
    size = os.fstat(fd).st_size
    budget.charge(key, size)
    parts: list[bytes] = []
    total = 0
    want = size + 1  # one byte more tells whether the file grew while it was read
    while chunk := os.pread(fd, min(want - total, _CHUNK), total):
        parts.append(chunk)
        total += len(chunk)
        if total > size:  # it grew (or its size said 0, as in /proc): read on in steps, within the budget
            budget.charge(key, total)
        if total >= want:
            want = total + (1 << 20)
    if not parts:
        return b""
    return parts[0] if len(parts) == 1 else b"".join(parts)


def _budget() -> _Budget:
    snap = _CURRENT.get()
    return snap.budget if snap is not None else _Budget(DEFAULT_LIMITS.max_bytes, None)


def charge(key: str, size: int) -> None:
    """Count *size* bytes a file decodes to (a compressed file's contents) in the load's budget, once per *key*."""
    _budget().charge(key, size)


def read_bytes(path: Path, *, follow: bool = False) -> bytes:
    """The bytes of the regular file *path*, bounded by the load's limits.

    Args:
        path: the file; inside a :func:`snapshot`, a file of its folder is opened relative to it.
        follow: follow a symbolic link at *path* itself (a file the user named, never a
            file inside a folder dataset).

    Raises:
        UnreadableFileError: not a regular file, missing, or unreadable.
        DatasetError: the load's files together pass ``Limits.max_bytes``.
    """
    fd, key, owned = _open(path, follow=follow)
    try:
        return _read_fd(fd, _budget(), key)
    finally:
        if owned:
            os.close(fd)


def read_document(path: Path, limits: Limits) -> bytes:
    """The bytes of a single-file dataset the user named: a regular file (a link to one is followed), bounded.

    Raises:
        DatasetError: not a regular file, unreadable, or larger than ``limits.max_bytes``.
    """
    snap = _CURRENT.get()
    budget = snap.budget if snap is not None else _Budget(limits.max_bytes, str(path))
    budget.file = str(path)
    try:
        fd, key, _ = _open(path, follow=True)
    except UnreadableFileError as exc:
        raise DatasetError([Problem("", str(exc))], file=str(path)) from None
    try:
        return _read_fd(fd, budget, key)
    finally:
        os.close(fd)


def read_text(path: Path, problems: list[Problem], where: str, *, bom: bool = False) -> str | None:
    """Read the file *path* of a folder dataset as UTF-8 text; on failure add a problem at *where*, return None.

    With *bom*, a UTF-8 byte order mark at the start (which spreadsheets write before CSV)
    is accepted and dropped; else it is a problem.

    Raises:
        DatasetError: the load's files together pass ``Limits.max_bytes``.
    """
    try:
        data = read_bytes(path)
    except UnreadableFileError as exc:
        problems.append(Problem(where, str(exc)))
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        problems.append(Problem(where, f"{path.name} is not valid UTF-8: {exc.reason} at byte {exc.start}"))
        return None
    if text.startswith("\ufeff") and bom:
        return text[1:]
    if text.startswith("\ufeff"):
        problems.append(Problem(where, f"{path.name} starts with a byte order mark (BOM); save as UTF-8 without BOM"))
        return None
    return text


# --------------------------------------------------------------------------- the dump lock


def _open_folder(folder: Path) -> int | None:
    try:
        return os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return None


@contextlib.contextmanager
def dump_lock(folder: Path) -> Iterator[None]:
    """Hold the dump lock of *folder* (an exclusive ``flock`` on the folder itself) while the block runs.

    Every dump into *folder* takes it, so dumps to one path take turns; the system releases
    it when the process ends, however it ends. Where ``flock`` is missing (Windows) or the
    folder cannot be opened, the block runs unlocked.
    """
    try:
        import fcntl  # noqa: PLC0415 - POSIX only
    except ImportError:  # pragma: no cover - not on POSIX
        yield
        return
    fd = _open_folder(folder)
    if fd is None:
        yield
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # releases the lock


def wait_for_dump(folder: Path) -> bool:
    """Wait until no dump into *folder* holds its lock; return whether one did.

    A reader takes the lock shared for an instant only, and creates and changes nothing.
    """
    try:
        import fcntl  # noqa: PLC0415 - POSIX only
    except ImportError:  # pragma: no cover - not on POSIX
        return False
    fd = _open_folder(folder)
    if fd is None:
        return False
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            fcntl.flock(fd, fcntl.LOCK_SH)  # until the dump ends
            return True
        return False
    finally:
        os.close(fd)
