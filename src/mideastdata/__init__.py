# SPDX-License-Identifier: MIT
"""mideastdata: typed, evidence-anchored records of Middle East diplomacy.

>>> import mideastdata as md
>>> ds = md.load()
>>> ds.actor("Vitikoff").name
'Steve Witkoff'
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any, overload

from . import _display, _interop  # noqa: F401 - _interop registers Table.to_arrow, to_polars and Dataset.to_dataframes
from .dataset import SCHEMA_VERSION, Dataset, Table
from .errors import DatasetError, FieldTypeError, FieldValueError, Problem
from .io import ExportFormat, Format, dump
from .limits import Limits
from .model import (
    Actor,
    ActorKind,
    Attribution,
    Demand,
    DemandKind,
    Event,
    EventKind,
    EventStatus,
    Evidence,
    Identifier,
    Magnitude,
    MagnitudeKind,
    PartialDate,
    Position,
    Record,
    Role,
    Source,
    Stance,
    Statement,
    StatementKind,
    Topic,
)

if TYPE_CHECKING:
    from pathlib import Path

    from .citations import Citation
    from .codes import cameo_label
    from .corroboration import Contradiction, Corroboration, Side
    from .eventdata import EventRow, EventTable
    from .io.json import from_json, to_json
    from .io.schema import json_schema
    from .merge import MergeConflict, Version, merge, merge_conflicts
    from .query import Disagreement, Hit, SearchResults, TopicPosition
    from .view import to_html

_LAZY = {
    "cameo_label": ".codes",
    "Citation": ".citations",
    "Contradiction": ".corroboration",
    "Corroboration": ".corroboration",
    "Side": ".corroboration",
    "EventRow": ".eventdata",
    "EventTable": ".eventdata",
    "from_json": ".io.json",
    "to_json": ".io.json",
    "json_schema": ".io.schema",
    "merge": ".merge",
    "merge_conflicts": ".merge",
    "MergeConflict": ".merge",
    "Version": ".merge",
    "Disagreement": ".query",
    "Hit": ".query",
    "SearchResults": ".query",
    "TopicPosition": ".query",
    "to_html": ".view",
}
"""Public names imported on first use, so ``import mideastdata`` stays cheap."""

__all__ = [
    "SCHEMA_VERSION",
    "Actor",
    "ActorKind",
    "Attribution",
    "Citation",
    "Contradiction",
    "Corroboration",
    "Dataset",
    "DatasetError",
    "Demand",
    "DemandKind",
    "Disagreement",
    "Event",
    "EventKind",
    "EventRow",
    "EventStatus",
    "EventTable",
    "Evidence",
    "ExportFormat",
    "FieldTypeError",
    "FieldValueError",
    "Format",
    "Hit",
    "Identifier",
    "Limits",
    "Magnitude",
    "MagnitudeKind",
    "MergeConflict",
    "PartialDate",
    "Position",
    "Problem",
    "Record",
    "Role",
    "SearchResults",
    "Side",
    "Source",
    "Stance",
    "Statement",
    "StatementKind",
    "Table",
    "Topic",
    "TopicPosition",
    "Version",
    "__version__",
    "cameo_label",
    "cite",
    "dump",
    "from_json",
    "json_schema",
    "load",
    "merge",
    "merge_conflicts",
    "to_html",
    "to_json",
]


def _notebook_html(obj: object) -> str:
    """The ``_repr_html_`` of records, tables and datasets: the viewer, imported on first display."""
    from .view import notebook_html  # noqa: PLC0415 - the viewer loads when a notebook first shows one

    return notebook_html(obj)


_display.set_html_renderer(_notebook_html)


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


def __getattr__(name: str) -> Any:
    """Import the names in ``_LAZY`` on first use; ``__version__`` from the package metadata.

    Both keep ``import mideastdata`` cheap (``importlib.metadata`` and the formats are slow to import).
    """
    if name in _LAZY:
        module = importlib.import_module(_LAZY[name], __name__)
        for other, where in _LAZY.items():  # every name of the module: the import set the module's own
            if where == _LAZY[name]:  # name here (``merge``), which must stay the function
                globals()[other] = getattr(module, other)
        return globals()[name]
    if name != "__version__":
        msg = f"module {__name__!r} has no attribute {name!r}"
        raise AttributeError(msg)
    from importlib.metadata import PackageNotFoundError, version  # noqa: PLC0415

    try:
        found = version("mideastdata")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree without install
        found = "0.0.0+unknown"
    globals()["__version__"] = found
    return found


@overload
def load() -> Dataset: ...
@overload
def load(path: str | Path, *, format: Format | None = None, limits: Limits | None = None) -> Dataset: ...
def load(
    path: str | Path | None = None,
    *,
    format: Format | None = None,  # noqa: A002
    limits: Limits | None = None,
) -> Dataset:
    """Load the bundled dataset, or a user's dataset from *path*.

    Without arguments, returns the bundled dataset: built once per process (thread-safe)
    and the same immutable object on every call. With *path*, reads a ``.json`` document,
    a ``.jsonl`` or CSV folder, a ``datapackage.json`` or a Parquet folder; the format
    is told from the path unless *format* is given. Loading never writes.

    Args:
        path: a file or folder; omit it for the bundled dataset.
        format: json, jsonl, csv, datapackage or parquet (default: told from the path).
        limits: bounds on input size and record count (default: :class:`Limits`'s defaults).

    Raises:
        DatasetError: the data is invalid or passes a limit; every problem is listed
            with its path, and the error names the file.
    """
    if path is None:
        if format is not None or limits is not None:
            msg = "format= and limits= apply only when a path is given"
            raise TypeError(msg)
        from ._bundled import bundled  # noqa: PLC0415

        return bundled()
    from .io import load_path  # noqa: PLC0415

    return load_path(path, format=format, limits=limits)


def cite(record: Record | Dataset, dataset: Dataset | None = None) -> tuple[Citation, ...]:
    """Citations for what *record* rests on (plain text, BibTeX and CSL-JSON), like manifestoR's ``mp_cite``.

    A :class:`Source` gives its own citation, a record with evidence those of its sources
    (found in *dataset*, the bundled dataset when omitted), a :class:`Dataset` one per source.

    Raises:
        KeyError: a source of the record is not in the dataset.
        TypeError: *record* is none of those.
    """
    from .citations import cite_record  # noqa: PLC0415

    if isinstance(record, Dataset):
        return record.cite()
    if dataset is None and not isinstance(record, Source):
        dataset = load()
    return cite_record(record, dataset)
