# SPDX-License-Identifier: MIT
"""Which dataset a table or a record belongs to, so its view can name actors and show source texts."""

from __future__ import annotations

from typing import Any

from .. import _display
from ..dataset import Dataset, Table
from ..model import Source
from ._words import table_of

__all__ = ["cited_sources", "dataset_of"]


def dataset_of(obj: object) -> Dataset | None:
    """The dataset that *obj* (a dataset, a table or a record) belongs to, if one is at hand.

    A table knows its dataset; a record is looked up among the datasets built in this
    process that hold it (the same object first, then an equal record, newest first).
    """
    if isinstance(obj, Dataset):
        return obj
    if isinstance(obj, Table):
        found = obj._dataset  # noqa: SLF001 - a table's dataset is package state, read here only
        return found if isinstance(found, Dataset) else None
    try:
        table = table_of(obj)
    except TypeError:
        return None
    holders = _display.datasets_holding(table, obj)
    return holders[0] if holders else None


def cited_sources(dataset: Dataset | None, records: list[Any]) -> list[Source]:
    """The sources of *dataset* that *records* cite, in dataset order."""
    if dataset is None:
        return []
    wanted = {e.source for r in records for e in r.evidence}
    return [s for s in dataset.sources if s.id in wanted]
