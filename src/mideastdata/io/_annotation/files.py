# SPDX-License-Identifier: MIT
"""Folders of annotated documents: the extra mapping file, text files and the atomic write."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from ...errors import DatasetError, Problem
from .._atomic import atomic_folder, write_file

__all__ = ["EXTRA_FILE", "read_extra", "write_folder"]

EXTRA_FILE = "mideastdata.json"
"""What the documents cannot carry: metadata, topics, source metadata, record order, unanchored records."""


def write_folder(path: Path, files: Mapping[str, bytes], ours: Iterable[str]) -> Path:
    """Write *files* as the folder *path*, atomically.

    An existing folder is replaced only when every file in it is one a dump of this kind
    writes (its name in *files*, in *ours*, or ending like one of *ours* that starts ``*``).
    """
    names = set(files)
    patterns = [p[1:] for p in ours if p.startswith("*")]
    names |= {p for p in ours if not p.startswith("*")}
    if path.is_dir():
        names |= {p.name for p in path.iterdir() if p.is_file() and any(p.name.endswith(s) for s in patterns)}
    with atomic_folder(path, names) as tmp:
        for name, data in files.items():
            write_file(tmp / name, data)
    return path


def dumps_extra(extra: Mapping[str, Any]) -> bytes:
    """The extra mapping as the bytes of ``mideastdata.json``."""
    return (json.dumps(extra, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def read_extra(folder: Path) -> dict[str, Any] | None:
    """``mideastdata.json`` of *folder*, or None when there is none.

    Raises:
        DatasetError: the file is not a JSON object.
    """
    path = folder / EXTRA_FILE
    if not path.is_file():
        return None
    try:
        value = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DatasetError([Problem(EXTRA_FILE, f"not valid UTF-8 JSON: {exc}")], file=str(folder)) from None
    if not isinstance(value, dict):
        raise DatasetError([Problem(EXTRA_FILE, "must hold a JSON object")], file=str(folder))
    problems = [Problem(EXTRA_FILE, f"{key!r} must be {what}") for key, (test, what) in _SHAPES.items()
                if key in value and not test(value[key])]
    if problems:
        raise DatasetError(problems, file=str(folder))
    return value


def _all(value: Any, kind: type) -> bool:
    return isinstance(value, list) and all(isinstance(item, kind) for item in value)


def _each(value: Any, test: Any) -> bool:
    return isinstance(value, dict) and all(test(item) for item in value.values())


_SHAPES: dict[str, tuple[Any, str]] = {
    "topics": (lambda v: _all(v, dict), "an array of objects"),
    "sources": (lambda v: _each(v, lambda item: isinstance(item, dict)), "an object of objects"),
    "order": (lambda v: _each(v, lambda item: _all(item, str)), "an object of arrays of strings"),
    "records": (lambda v: _each(v, lambda item: _all(item, dict)), "an object of arrays of objects"),
}
"""The shape of each part of the extra mapping a reader walks (the rest is checked with the dataset)."""


def read_utf8(path: Path, problems: list[Problem]) -> str | None:
    """The text of *path* (exactly, line ends kept), or None with a problem when it is not UTF-8."""
    try:
        return path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        problems.append(Problem(path.name, f"not UTF-8: {exc}"))
    return None
