# SPDX-License-Identifier: MIT
"""Limits on what a load accepts: input size and record count.

A file from someone else may be far larger than any real dataset, by mistake or on
purpose. Loading checks its size before reading and its record count before building
records, and refuses with a :class:`~mideastdata.DatasetError` that names the limit::

    md.load("huge.json")                                   # the default limits
    md.load("huge.json", limits=md.Limits(max_bytes=None))  # no size limit
    md.from_json(text, limits=md.Limits(max_records=1_000))

``None`` switches a limit off. The bundled dataset is far inside the defaults.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

import attrs

if TYPE_CHECKING:
    from pathlib import Path

from .errors import DatasetError, Problem

__all__ = ["DEFAULT_LIMITS", "Limits", "check_records", "check_size", "input_size", "too_big"]


def _positive_or_none(_inst: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is not None and (type(value) is not int or value < 1):
        msg = f"{attribute.name} must be a positive int or None, got {value!r}"
        raise ValueError(msg)


@attrs.frozen(kw_only=True)
class Limits:
    """Bounds on a load; ``None`` switches one off.

    Attributes:
        max_bytes: the largest input, in bytes: a file, or all files of a folder
            format together (default 2 GiB: a million-statement JSON document is about 0.9 GiB).
        max_records: the most records in all tables together (default 2,000,000).
    """

    max_bytes: int | None = attrs.field(default=2 * 1024 * 1024 * 1024, validator=_positive_or_none)
    max_records: int | None = attrs.field(default=2_000_000, validator=_positive_or_none)


DEFAULT_LIMITS = Limits()
"""The limits a load applies when none are given."""


def too_big(size: int, limit: int, file: str | None) -> DatasetError:
    """The error for an input of *size* bytes, more than *limit*."""
    msg = f"input is {size:,} bytes, more than the limit of {limit:,} (raise Limits.max_bytes to load it)"
    return DatasetError([Problem("", msg)], file=file)


def input_size(path: Path, stop_after: int | None = None) -> int:
    """The size of *path* in bytes: a file, or every file under a folder.

    Counting stops early once the total passes *stop_after*.
    """
    if not path.is_dir():
        return path.stat().st_size
    total = 0
    for root, _dirs, files in os.walk(path):
        for name in files:
            try:
                total += os.lstat(os.path.join(root, name)).st_size  # noqa: PTH118 - os.walk gives strings
            except OSError:
                continue
            if stop_after is not None and total > stop_after:
                return total
    return total


def check_size(size: int, limits: Limits, file: str | None = None) -> None:
    """Raise DatasetError when *size* bytes exceed ``limits.max_bytes``."""
    if limits.max_bytes is not None and size > limits.max_bytes:
        raise too_big(size, limits.max_bytes, file)


def check_records(count: int, limits: Limits, file: str | None = None) -> None:
    """Raise DatasetError when *count* records exceed ``limits.max_records``."""
    if limits.max_records is not None and count > limits.max_records:
        msg = (
            f"input holds {count:,} records, more than the limit of {limits.max_records:,} "
            "(raise Limits.max_records to load it)"
        )
        raise DatasetError([Problem("", msg)], file=file)
