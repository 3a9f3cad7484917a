# SPDX-License-Identifier: MIT
r"""Text no format can hold: lone surrogates in a dataset built in Python, found and named.

Every format writes UTF-8, and a lone surrogate (``"\ud800"`` alone) is not a character:
UTF-8 cannot encode it. Loading never lets one in (the readers report it), but Python
code can put one in any text of a record. Writing such a dataset fails inside the
encoder with a bare :class:`UnicodeEncodeError` that names no record; the writers catch
it and call :func:`refuse`, which looks for every such text (only then: the search
costs nothing on the way of a dump that succeeds) and raises one
:class:`~mideastdata.DatasetError` with a problem at each path, worded as the readers
word it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, NoReturn

import attrs

from .._schema import META_KEYS, TABLES
from ..dataset import Dataset, Table
from ..errors import DatasetError, Problem

__all__ = ["lone_surrogate", "refuse", "unencodable"]


def lone_surrogate(text: str) -> str | None:
    """The problem of a text holding a lone surrogate (its first), or ``None``; readers and writers word it alike."""
    if text.isascii():
        return None
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        return f"contains a lone surrogate {text[exc.start]!r} at character {exc.start}, which is not a character"
    return None


def _walk(value: Any, path: str) -> Iterator[Problem]:
    if isinstance(value, str):
        if (message := lone_surrogate(value)) is not None:
            yield Problem(path, message)
    elif isinstance(value, tuple):
        for i, item in enumerate(value):
            yield from _walk(item, f"{path}[{i}]")
    elif attrs.has(type(value)):
        for field in attrs.fields(type(value)):
            yield from _walk(getattr(value, field.name), f"{path}.{field.name}" if path else field.name)


def unencodable(value: Dataset | Table[Any] | Any) -> list[Problem]:
    """A problem for each text in *value* (a dataset, a table, records or a record) that UTF-8 cannot encode."""
    if isinstance(value, Dataset):
        problems = [p for key in META_KEYS for p in _walk(getattr(value, key), key)]
        return problems + [p for name in TABLES for p in _walk(getattr(value, name).records, name)]
    if isinstance(value, Table):
        return list(_walk(value.records, ""))
    return list(_walk(value, ""))


def refuse(value: Dataset | Table[Any] | Any, error: UnicodeEncodeError) -> NoReturn:
    """Raise the :class:`~mideastdata.DatasetError` naming every text of *value* UTF-8 cannot encode.

    Args:
        value: what was being written.
        error: the encoder's error; raised again as it is if no such text is found (some
            other text failed to encode).
    """
    problems = unencodable(value)
    if not problems:
        raise error
    raise DatasetError(problems) from None
