"""Atomic writes: a failure in the middle of a dump leaves the earlier output whole, or nothing."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import mideastdata as md

FORMATS = ["json", "jsonl", "csv", "datapackage", "parquet"]


def _snapshot(path: Path) -> dict[str, bytes]:
    if path.is_file():
        return {path.name: path.read_bytes()}
    return {p.name: p.read_bytes() for p in sorted(path.iterdir())}


def _target(tmp_path: Path, fmt: str) -> Path:
    return tmp_path / ("out.json" if fmt == "json" else "out")


def _fail_on_fsync(monkeypatch: pytest.MonkeyPatch, nth: int, exc: BaseException) -> None:
    """Make the *nth* fsync of the dump raise *exc* (files before it are already written)."""
    real = os.fsync
    calls = 0

    def fsync(fd: int) -> None:
        nonlocal calls
        calls += 1
        if calls == nth:
            raise exc
        real(fd)

    monkeypatch.setattr(os, "fsync", fsync)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("exc", [OSError(28, "No space left on device"), KeyboardInterrupt()], ids=["oserror", "interrupt"])
def test_failed_dump_keeps_earlier_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str, exc: BaseException, small: md.Dataset) -> None:
    """A dump that fails after writing some files leaves the earlier export byte for byte, and no temporary files."""
    ds = md.load()
    path = md.dump(small, _target(tmp_path, fmt), format=fmt)  # type: ignore[arg-type]
    before = _snapshot(path)
    nth = 1 if fmt == "json" else 3
    _fail_on_fsync(monkeypatch, nth, exc)
    with pytest.raises(type(exc)):
        md.dump(ds, path, format=fmt)  # type: ignore[arg-type]
    monkeypatch.undo()
    assert _snapshot(path) == before
    assert md.load(path) == small
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]


@pytest.mark.parametrize("fmt", FORMATS)
def test_failed_first_dump_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str) -> None:
    """A first dump that fails half-way leaves no file or folder at all."""
    _fail_on_fsync(monkeypatch, 2 if fmt != "json" else 1, OSError(5, "I/O error"))
    with pytest.raises(OSError, match="I/O error"):
        md.dump(md.load(), _target(tmp_path, fmt), format=fmt)  # type: ignore[arg-type]
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "datapackage", "parquet"])
def test_dump_replaces_an_earlier_export(tmp_path: Path, fmt: str, small: md.Dataset) -> None:
    """Dumping over an earlier export of the format replaces it whole."""
    path = md.dump(small, tmp_path / "out", format=fmt)  # type: ignore[arg-type]
    md.dump(md.load(), path, format=fmt)  # type: ignore[arg-type]
    assert md.load(path) == md.load()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "datapackage", "parquet"])
def test_dump_refuses_a_folder_of_other_files(tmp_path: Path, fmt: str, small: md.Dataset) -> None:
    """A folder holding files the library did not write is never replaced (nor deleted)."""
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "thesis.docx").write_bytes(b"precious")
    with pytest.raises(FileExistsError, match=r"thesis\.docx"):
        md.dump(small, folder, format=fmt)  # type: ignore[arg-type]
    assert (folder / "thesis.docx").read_bytes() == b"precious"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine"]


def test_dump_refuses_a_file_where_a_folder_goes(tmp_path: Path, small: md.Dataset) -> None:
    """A folder format is not written over an existing file."""
    target = tmp_path / "out"
    target.write_text("keep me")
    with pytest.raises(FileExistsError, match="not a folder"):
        md.dump(small, target, format="csv")
    assert target.read_text() == "keep me"
