# SPDX-License-Identifier: MIT
"""The shape of a dataset document, and plain values of one turned into a checked Dataset.

Every format ends here: the JSON document as it is, the folder formats with their
``dataset.json`` metadata and one list of plain records per table. Problems of every
kind (metadata, values, references, evidence) come back together in one
:class:`~mideastdata.DatasetError`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

from .. import _schema
from .._checks import check_dataset
from .._codegen import Refused, check_list, type_name
from ..dataset import Dataset, Table
from ..errors import DatasetError, Problem, short_repr
from ..limits import DEFAULT_LIMITS, Limits, check_records
from ._encodable import lone_surrogate
from ._engine import build_table

__all__ = ["DOCUMENT_KEYS", "META_KEYS", "TABLE_TYPES", "build_dataset", "build_document", "structure_meta"]

TABLE_TYPES: dict[str, type[Any]] = _schema.TABLES
"""The record class of each table, in document order."""

META_KEYS = _schema.META_KEYS
"""The document's metadata keys, in the order they are written."""

DOCUMENT_KEYS = (*META_KEYS, *TABLE_TYPES)
"""The keys of a dataset document, in the order they are written."""

_REQUIRED_META = ("schema_version", "name", "version")


def structure_meta(doc: Mapping[str, Any], problems: list[Problem]) -> dict[str, str]:
    """The metadata of *doc* (strings only); add a problem for each wrong, missing or unknown key."""
    unknown = [k for k in doc if k not in DOCUMENT_KEYS]
    if unknown:
        plural = "s" if len(unknown) > 1 else ""
        problems.append(Problem("", f"unknown field{plural} " + ", ".join(short_repr(k) for k in unknown)))
    meta: dict[str, str] = {}
    for key in META_KEYS:
        if key not in doc:
            if key in _REQUIRED_META:
                problems.append(Problem(key, "required field is missing"))
            continue
        value = doc[key]
        if type(value) is not str:
            problems.append(Problem(key, f"expected a string, got {type_name(value)}"))
        elif (surrogate := lone_surrogate(value)) is not None:
            problems.append(Problem(key, surrogate))
        else:
            meta[key] = value
    return meta


def build_dataset(
    meta: Mapping[str, str],
    tables: Mapping[str, tuple[Any, ...]],
    problems: list[Problem],
    *,
    file: str | None,
) -> Dataset:
    """The checked Dataset of *meta* and *tables*; *problems* already found are reported with the dataset's own.

    When values were refused, the records that were built are still checked whole, so one
    report holds every problem; a reference to a record that could not be built is not
    reported again.

    Raises:
        DatasetError: with every problem, naming *file*.
    """
    if not problems:
        try:
            return Dataset(**meta, **tables)  # type: ignore[arg-type]
        except DatasetError as exc:
            raise DatasetError(exc.problems, file=file) from None
    incomplete = frozenset(name for name in TABLE_TYPES if any(_in_table(p, name) for p in problems))
    found = check_dataset(_Partial(meta, tables), incomplete=incomplete)
    raise DatasetError([*problems, *(p for p in found if p.path.split(".")[0] not in META_KEYS)], file=file)


def _in_table(problem: Problem, name: str) -> bool:
    return problem.path == name or problem.path.startswith((f"{name}[", f"{name}."))


class _Partial:
    """The records of a document that could be built, shaped as a Dataset for the whole-dataset checks."""

    def __init__(self, meta: Mapping[str, str], tables: Mapping[str, tuple[Any, ...]]) -> None:
        defaults = {f.name: f.default for f in attrs.fields(Dataset) if f.name in META_KEYS}
        for key in META_KEYS:
            setattr(self, key, meta.get(key, defaults[key] if defaults[key] is not attrs.NOTHING else ""))
        self._tables = {name: Table(tables.get(name, ())) for name in TABLE_TYPES}

    def tables(self) -> dict[str, Table[Any]]:
        return self._tables

    def __getattr__(self, name: str) -> Any:
        try:
            return self.__dict__["_tables"][name]
        except KeyError:
            raise AttributeError(name) from None


def build_document(
    doc: Any, *, file: str | None = None, limits: Limits | None = None, surrogates: bool = False
) -> Dataset:
    r"""The Dataset of a parsed JSON document (a dict), strictly.

    Args:
        doc: the parsed document.
        file: the file it came from, named in errors.
        limits: the record limit is checked before any record is built.
        surrogates: the text may hold ``\ud800``-style escapes: check every text for a lone surrogate.

    Raises:
        DatasetError: with every problem found and its path.
    """
    if not isinstance(doc, Mapping):
        raise DatasetError(
            [Problem("", f"expected a JSON object, got {'null' if doc is None else type(doc).__name__}")], file=file
        )
    count = sum(len(doc[name]) for name in TABLE_TYPES if isinstance(doc.get(name), list))
    check_records(count, DEFAULT_LIMITS if limits is None else limits, file)
    problems: list[Problem] = []
    meta = structure_meta(doc, problems)
    tables: dict[str, tuple[Any, ...]] = {}
    for name, kind in TABLE_TYPES.items():
        if name not in doc:
            tables[name] = ()
            continue
        try:
            rows = check_list(doc[name])
        except Refused as exc:
            exc.report(problems, name)
            continue
        tables[name] = build_table(
            rows if type(rows) is list else list(rows), kind, name, problems, surrogates=surrogates
        )
    return build_dataset(meta, tables, problems, file=file)
