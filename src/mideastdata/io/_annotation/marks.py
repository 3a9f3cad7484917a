# SPDX-License-Identifier: MIT
"""Datasets to annotated documents and back, the same for every tool.

A *document* is one source: its text, its metadata and its *marks* (a record's spans in
that text, with the record's label and field values) and *links* (relations between
marks, one per reference). A tool adapter turns documents into its own files and back;
everything else (which record goes where; on the way back, in :mod:`.reading`, what a
missing field means, repairs, problems, the whole-dataset checks) happens here, once.

What no document can carry (the dataset's metadata and topics, the source metadata, the
order of the records, and records without evidence) travels beside the documents as the
*extra* mapping (a file ``mideastdata.json``, or the task data in Label Studio).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import attrs

from ...dataset import Dataset
from ...model import Evidence, Source
from .fields import LINKS, TABLES, encode, specs

__all__ = ["ORDER_KEY", "SOURCE_META", "Doc", "Link", "Mark", "to_docs"]

SOURCE_META = ("title", "publisher", "url", "published", "language")
"""The source fields besides ``id`` and ``text``, kept in the extra mapping (and the tool's own
metadata where it has a place)."""

ORDER_KEY = "evidence_sources"
"""The value a record spread over several sources keeps: the source of each evidence span, in order."""


@attrs.define
class Mark:
    """A record's spans in one document, as a tool holds them."""

    key: str
    label: str
    spans: list[tuple[int, int]]
    quotes: list[str | None] = attrs.Factory(list)
    values: dict[str, Any] = attrs.Factory(dict)
    context: list[tuple[str | None, str | None]] = attrs.Factory(list)
    shown: list[str] = attrs.Factory(list)
    """Per span, how the tool names it in a problem (its own id and offsets), when not the mark's key."""


@attrs.define
class Link:
    """A reference from one mark's record to another's: *role* is the field name."""

    key: str
    role: str
    head: str
    tail: str


@attrs.define
class Doc:
    """One source as annotated: its text, metadata (with ``sha256``), marks and links."""

    name: str
    text: str
    meta: dict[str, Any] = attrs.Factory(dict)
    marks: list[Mark] = attrs.Factory(list)
    links: list[Link] = attrs.Factory(list)


# --------------------------------------------------------------------------- export


def _plain_records(records: Sequence[Any]) -> list[Any]:
    from ..json import to_json  # noqa: PLC0415 - the JSON module loads on demand

    plain: list[Any] = json.loads(to_json(tuple(records))) if records else []
    return plain


def _values(label: str, record: Any) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for spec in specs(label):
        value = getattr(record, spec.name)
        if spec.kind in {"evidence", "link", "links"} or (not spec.required and value == spec.default):
            continue
        values[spec.name] = encode(spec, value)
    return values


def to_docs(ds: Dataset) -> tuple[list[Doc], dict[str, Any]]:
    """Every source of *ds* as a document, and the extra mapping."""
    docs = {s.id: Doc(s.id, s.text, {"id": s.id, **_source_meta(s)}) for s in ds.sources}
    counter = 0
    where: dict[tuple[str, str, str], str] = {}  # (label, record id, source id) -> first mark key
    anchored: list[tuple[str, Any, str]] = []  # label, record, home source
    loose: dict[str, list[Any]] = {}
    for label, table in TABLES.items():
        for record in ds.tables()[table]:
            if not record.evidence:
                loose.setdefault(table, []).append(record)
                continue
            home = record.evidence[0].source
            by_source: dict[str, list[Evidence]] = {}
            for ev in record.evidence:
                by_source.setdefault(ev.source, []).append(ev)
            for source_id, spans in by_source.items():
                counter += 1
                key = f"m{counter}"
                values = _values(label, record) if source_id == home else {"id": record.id}
                if source_id == home and len(by_source) > 1:
                    values[ORDER_KEY] = json.dumps([ev.source for ev in record.evidence], separators=(",", ":"))
                mark = Mark(key, label, [(e.start, e.end) for e in spans], [e.quote for e in spans], values)
                docs[source_id].marks.append(mark)
                where[(label, record.id, source_id)] = key
            anchored.append((label, record, home))
    for label, record, home in anchored:
        _add_links(docs[home], label, record, where, home)
    extra = {
        "mideastdata": ds.schema_version,
        "name": ds.name,
        "version": ds.version,
        "license": ds.license,
        "citation": ds.citation,
        "topics": _plain_records(ds.topics),
        "records": {table: _plain_records(records) for table, records in loose.items()},
        "order": {table: ds.tables()[table].ids() for table in ("sources", *TABLES.values())},
    }
    return list(docs.values()), extra


def _source_meta(source: Source) -> dict[str, Any]:
    meta: dict[str, Any] = {name: getattr(source, name) for name in SOURCE_META}
    meta["published"] = None if source.published is None else str(source.published)
    meta["sha256"] = source.sha256
    return meta


def _add_links(doc: Doc, label: str, record: Any, where: dict[tuple[str, str, str], str], home: str) -> None:
    head = where[(label, record.id, home)]
    mark = next(m for m in doc.marks if m.key == head)
    for field, target in LINKS[label].items():
        value = getattr(record, field)
        ids = value if isinstance(value, tuple) else (() if value is None else (value,))
        tails = [where.get((target, i, home)) for i in ids]
        if all(tails):
            doc.links.extend(Link(f"{head}-{field}-{n}", field, head, str(t)) for n, t in enumerate(tails))
        else:  # a record not annotated in this document: the ids as a value
            mark.values[field] = json.dumps(list(value), separators=(",", ":")) if isinstance(value, tuple) else value
