# SPDX-License-Identifier: MIT
"""The evidence viewer: a dataset, a table or a record as HTML, in a file, a notebook or the terminal.

:func:`to_html` writes one self-contained page (inline style and script, nothing fetched,
works opened from disk offline) that shows each source with every evidence span
highlighted, the records in words, and which words each record rests on.
:func:`notebook_html` is the static fragment behind the ``_repr_html_`` of records,
tables and datasets; :mod:`mideastdata.view.terminal` prints evidence on a terminal.
All three describe a record the same way (:func:`mideastdata.view._words.describe`).
"""

from __future__ import annotations

from typing import Any

from ..dataset import Dataset, Table
from ..model import Actor, Demand, Event, Source, Statement, Topic
from ._fragment import notebook_html
from ._page import Scope, page
from ._rows import RECORD_TABLES
from ._scope import cited_sources, dataset_of
from ._words import table_of

__all__ = ["dataset_of", "notebook_html", "to_html"]

_ANCHORED = (Actor, Statement, Demand, Event)


def to_html(obj: Dataset | Table[Any] | Source | Actor | Topic | Statement | Demand | Event,
            *, dataset: Dataset | None = None) -> str:
    """A self-contained HTML page showing *obj* with its evidence.

    For a dataset: every source with every evidence span highlighted (overlapping and nested
    spans shaded by depth, lines numbered L1, L2, ...), the actors, statements, demands and
    events in words, filters by table, actor, topic and words, and the positions matrix
    (topics by actors, disagreements flagged). Selecting a record highlights its words and
    scrolls to them; selecting highlighted words lists every record that cites them; each
    record has an anchor (``page.html#stmt-hamas-armed-resistance``). For a table or a
    record: the same page limited to it and the sources it cites.

    Every text of the dataset is escaped; the page runs only its own script and loads nothing
    (its Content-Security-Policy forbids it).

    Args:
        obj: a dataset, a table or a record.
        dataset: the dataset that names the actors and topics of a table or record and holds
            its sources (default: the table's own dataset, or a dataset built in this process
            that holds the record).

    Raises:
        TypeError: *obj* is none of these.
    """
    if isinstance(obj, Dataset):
        return page(_whole(obj))
    ds = dataset if dataset is not None else dataset_of(obj)
    if isinstance(obj, Table):
        items = list(obj)
        records = [r for r in items if isinstance(r, _ANCHORED)]
        sources = [r for r in items if isinstance(r, Source)] or cited_sources(ds, records)
        topics = [r for r in items if isinstance(r, Topic)]
        if topics and ds is not None:
            records = [r for name in ("statements", "demands") for r in ds.tables()[name]]
            sources = cited_sources(ds, records)
        what = table_of(items[0]) if items else "records"
        title = f"{len(items)} {what}" + (f" of {ds.name} {ds.version}" if ds else "")
        subtitle = ", ".join(obj.ids()[:8]) + (", …" if len(obj) > 8 else "")
        return page(Scope(title=title, subtitle=subtitle, dataset=ds, records=records, sources=sources,
                          topics=topics or None))
    table = table_of(obj)  # raises TypeError for anything else
    if isinstance(obj, _ANCHORED):
        return page(Scope(title=f"{table[:-1]} {obj.id}", subtitle=ds.name if ds else "", dataset=ds,
                          records=[obj], sources=cited_sources(ds, [obj]), select=obj.id))
    if isinstance(obj, Source):
        cites = [r for n in RECORD_TABLES for r in (ds.tables()[n] if ds else ()) if any(
            e.source == obj.id for e in r.evidence)]
        return page(Scope(title=f"source {obj.id}", subtitle=obj.title, dataset=ds, records=cites, sources=[obj]))
    return to_html(Table([obj], dataset=ds))  # a topic: its positions matrix


def _whole(ds: Dataset) -> Scope:
    records = [r for name in RECORD_TABLES for r in ds.tables()[name]]
    counts = ", ".join(_count(len(ds.tables()[n]), n) for n in ("sources", *RECORD_TABLES, "topics"))
    title = f"{ds.name} {ds.version}"
    return Scope(title=title, subtitle=counts, dataset=ds, records=records, sources=list(ds.sources))


def _count(n: int, table: str) -> str:
    return f"{n} {table[:-1] if n == 1 else table}"
