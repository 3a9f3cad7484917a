# SPDX-License-Identifier: MIT
"""Annotated documents back to a dataset: spans anchored or repaired, fields decoded, the dataset checked whole."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar

import attrs

from ..._fields import SLUG_RE
from ..._normalize import text_sha256
from ...dataset import Dataset
from ...errors import DatasetError, Problem
from ...model import PartialDate, Source
from .document import build_dataset, source_row
from .fields import LABELS, LINKS, TABLES, FieldSpec, specs, to_plain
from .marks import ORDER_KEY, SOURCE_META, Doc, Mark
from .text import anchor

__all__ = [
    "CONVERTED", "PREFIX", "REQUIRED", "SPECS", "Imported", "Reader", "Repair", "RepairWarning",
    "file_id", "from_docs", "in_source_order", "made_id", "slugify", "value_spec", "warn_repairs",
]


@attrs.frozen
class Repair:
    """A span whose offsets did not hold its text, moved to the one place that does."""

    document: str
    annotation: str
    label: str
    old: tuple[int, int]
    new: tuple[int, int]

    def __str__(self) -> str:
        return (
            f"{self.document}: {self.label} {self.annotation} [{self.old[0]}, {self.old[1]}) "
            f"repaired to [{self.new[0]}, {self.new[1]}) from its text"
        )


def made_id(label: str, source_id: str, key: str, evidence: Iterable[Mapping[str, Any]]) -> str:
    """The id of a record whose annotation gives none: an actor's from its words, another's from its key."""
    if label == "Actor":
        return slugify(" ".join(e["quote"] for e in evidence))
    return f"{PREFIX[label]}{source_id}-{slugify(key)}"


@attrs.frozen
class Imported:
    """A dataset read from annotations, with the spans that were repaired on the way."""

    dataset: Dataset
    repairs: tuple[Repair, ...] = ()


class RepairWarning(UserWarning):
    """Spans were repaired from their text on import (the message lists each)."""


def warn_repairs(imported: Imported) -> Dataset:
    """The imported dataset, after a :class:`RepairWarning` listing the repairs, if there were any."""
    if imported.repairs:
        import warnings  # noqa: PLC0415

        count = len(imported.repairs)
        lines = "\n  ".join(str(r) for r in imported.repairs)
        warnings.warn(f"{count} span{'s' if count != 1 else ''} repaired:\n  {lines}", RepairWarning, stacklevel=3)
    return imported.dataset


_SLUG_CUT = re.compile(r"[^a-z0-9]+")


def slugify(text: str) -> str:
    """A lowercase slug made of *text*'s ASCII letters and digits (``""`` when it has none)."""
    import unicodedata  # noqa: PLC0415 - only when an id is missing

    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return _SLUG_CUT.sub("-", ascii_text.lower()).strip("-")[:60].strip("-")


def file_id(name: str) -> str:
    """The source id of a document known by its file name only: the name when it is a slug, else its slug."""
    return name if SLUG_RE.fullmatch(name) else slugify(name) or "source"


PREFIX = {"Actor": "", "Statement": "stmt-", "Demand": "dem-", "Event": "evt-"}
SPECS = {label: {s.name: s for s in specs(label)} for label in LABELS}
CONVERTED = {
    label: frozenset({ORDER_KEY, *(n for n, s in SPECS[label].items() if s.kind not in {"text", "enum", "date"})})
    for label in LABELS
}
"""Per label, the fields whose tool value is not already its JSON value: booleans, lists and nested values as
JSON, references kept as a value (texts, choices and dates go as they are: the JSON reader checks them)."""
REQUIRED = {label: [s.name for s in specs(label)[1:] if s.required and s.kind != "evidence"] for label in LABELS}


class _Group:
    """The marks of one record (its label and id): its fields, its evidence per source, its links."""

    __slots__ = ("evidence", "first", "held", "id", "label", "links", "values")

    def __init__(self, label: str, record_id: str, first: tuple[str, str]) -> None:
        self.label, self.id, self.first = label, record_id, first
        self.values: dict[str, Any] = {}
        self.held: tuple[str, str] | None = None  # (document, mark key) of the mark holding the fields
        self.evidence: dict[str, list[dict[str, Any]]] = {}
        self.links: dict[str, list[str]] = {}

    def __str__(self) -> str:
        """Where the record was annotated: the document, label and tool id of its fields' mark (else its first)."""
        name, key = self.held or self.first
        return f"{name}: {self.label} {key}"


class Reader:
    def __init__(self, extra: dict[str, Any]) -> None:
        self.extra = extra
        self.problems: list[Problem] = []
        self.repairs: list[Repair] = []
        self.groups: dict[tuple[str, str], _Group] = {}
        self.sources: list[Source] = []

    def add(self, where: object, message: str) -> None:
        self.problems.append(Problem(str(where), message))

    def source(self, doc: Doc) -> Source | None:
        meta = {**self.extra.get("sources", {}).get(doc.meta.get("id", ""), {}), **doc.meta}
        source_id = meta.get("id") or slugify(doc.name) or "source"
        recorded = meta.get("sha256")
        if recorded and recorded != text_sha256(doc.text):
            self.add(
                doc.name,
                f"the text of source {source_id!r} is not the one exported (its SHA-256 is "
                f"{text_sha256(doc.text)[:12]}..., the export recorded {str(recorded)[:12]}...); "
                "offsets may point at other words",
            )
        fields = {k: meta[k] for k in SOURCE_META if meta.get(k) is not None}
        fields.setdefault("title", doc.name)
        try:
            if "published" in fields:
                fields["published"] = PartialDate.parse(fields["published"])
            source = Source(id=source_id, text=doc.text, **fields)
        except (ValueError, TypeError) as exc:
            self.add(doc.name, f"source {source_id!r}: {exc}")
            return None
        self.sources.append(source)
        return source

    def spans(self, doc: Doc, source_id: str, mark: Mark) -> list[dict[str, Any]]:
        """The evidence of *mark*'s spans, each checked against the text (or repaired from its quote)."""
        text, quotes = doc.text, mark.quotes
        if not quotes and len(mark.spans) == 1:  # the usual case: one span the tool vouched for
            start, end = mark.spans[0]
            if 0 <= start < end <= len(text):
                return [{"source": source_id, "start": start, "end": end, "quote": text[start:end]}]
        spans: list[dict[str, Any]] = []
        for n, (start, end) in enumerate(mark.spans):
            quote = quotes[n] if n < len(quotes) else None
            prefix, suffix = mark.context[n] if n < len(mark.context) else (None, None)
            found = anchor(text, start, end, quote, prefix=prefix, suffix=suffix)
            if found.problem is not None:
                where = f"{doc.name}: {mark.label} {mark.key}"
                self.add(f"{where} ({mark.shown[n]})" if n < len(mark.shown) else where, found.problem)
                continue
            if found.repaired:
                self.repairs.append(Repair(doc.name, mark.key, mark.label, (start, end), (found.start, found.end)))
            at, to = found.start, found.end
            spans.append({"source": source_id, "start": at, "end": to, "quote": text[at:to]})
        return spans

    def mark(self, doc: Doc, source: Source, mark: Mark) -> tuple[str, str] | None:
        label = mark.label
        if label not in LABELS:
            self.add(f"{doc.name}: {label} {mark.key}", f"unknown label {label!r}; expected one of {', '.join(LABELS)}")
            return None
        spans = self.spans(doc, source.id, mark)
        values = mark.values
        record_id = values.get("id")
        if not isinstance(record_id, str) or not record_id:
            record_id = made_id(label, source.id, mark.key, spans)
        found = (label, record_id)
        group = self.groups.get(found)
        if group is None:
            group = self.groups[found] = _Group(label, record_id, (doc.name, mark.key))
        held = group.evidence.get(source.id)
        if held is None:
            group.evidence[source.id] = spans
        else:
            held.extend(spans)
        if len(values) > ("id" in values):  # the mark holds the record's fields
            if group.held is None:
                group.values, group.held = values, (doc.name, mark.key)
            elif _fields(group.values) != _fields(values):
                where = f"{doc.name}: {label} {mark.key}"
                self.add(where, f"{label} {record_id!r} has its fields on two annotations ({group} too)")
        return found

    def links(self, doc: Doc, owner: dict[str, tuple[str, str]]) -> None:
        groups = self.groups
        for link in doc.links:
            head, tail = owner.get(link.head), owner.get(link.tail)
            if head is not None and tail is not None and LINKS[head[0]].get(link.role) == tail[0]:
                groups[head].links.setdefault(link.role, []).append(tail[1])  # the usual case
                continue
            where = f"{doc.name}: relation {link.key}"
            if head is None or tail is None:
                ends = [end for end in (link.head, link.tail) if owner.get(end) is None]
                labels = {m.key: m.label for m in doc.marks if m.key in ends}
                what = [f"{e} is labelled {labels[e]!r}" if e in labels else f"{e} is no annotation here" for e in ends]
                self.add(where, f"{link.role} not read: {'; '.join(what)}")
                continue
            target = LINKS.get(head[0], {}).get(link.role)
            if target is None:
                roles = ", ".join(LINKS.get(head[0], {})) or "none"
                self.add(where, f"a {head[0]} has no relation {link.role!r} (its relations: {roles})")
            elif tail[0] != target:
                self.add(where, f"{link.role} of {head[0]} {head[1]!r} must point at a {target}, not a {tail[0]}")
            else:
                self.groups[head].links.setdefault(link.role, []).append(tail[1])

    def record(self, group: _Group) -> dict[str, Any] | None:
        """The record of *group* as a plain value, as the JSON document holds it (None when it has problems).

        Texts, choices and dates go as the tool holds them: the JSON reader checks them with
        every other rule, and a problem it finds names the annotation (:func:`_located`).
        """
        label, values, links = group.label, group.values, group.links
        plain = {**values, "id": group.id}
        before = len(self.problems)
        converted = CONVERTED[label]
        for name in values.keys() & converted if values else ():
            if name in links:  # a relation wins over a value
                continue
            if name in {"evidence", ORDER_KEY}:
                del plain[name]
            else:
                self._value(group, SPECS[label][name], values[name], plain)
        for name, ids in links.items():
            many = SPECS[label][name].kind == "links"
            if not many and len(ids) > 1:
                self.add(group, f"{name}: {len(ids)} relations; a {label} has one")
            plain[name] = ids if many else ids[0]
        for name in REQUIRED[label]:
            if name not in plain:
                self.add(group, f"{label} {group.id!r} has no {name}")
        plain["evidence"] = self._evidence(group)
        return None if len(self.problems) > before else plain

    def _value(self, where: object, spec: FieldSpec, raw: Any, plain: dict[str, Any]) -> None:
        try:
            plain[spec.name] = to_plain(value_spec(spec), raw)
        except ValueError as exc:
            self.add(f"{where}.{spec.name}", str(exc))

    def _evidence(self, group: _Group) -> list[dict[str, Any]]:
        if len(group.evidence) == 1:  # one source: the spans in the order they were annotated
            return next(iter(group.evidence.values()))
        order = group.values.get(ORDER_KEY)
        spans = {k: list(v) for k, v in group.evidence.items()}
        if isinstance(order, str):
            try:
                wanted = json.loads(order)
            except json.JSONDecodeError:
                wanted = None
            if isinstance(wanted, list) and sorted(wanted) == sorted(s for s, v in spans.items() for _ in v):
                return [spans[s].pop(0) for s in wanted]
        return [ev for v in spans.values() for ev in v]


def value_spec(spec: FieldSpec) -> FieldSpec:
    """How the value a tool holds for the field is read.

    A reference's ids kept as a value (for records not annotated in that document) are a
    text (one id) or a JSON list.
    """
    if spec.kind in {"link", "links"}:
        return FieldSpec(spec.name, "json" if spec.kind == "links" else "text", tuple[str, ...], spec.required)
    return spec


EXTRA_FILE = "mideastdata.json"  # as .files names it (not imported: it loads the writers' modules)


def _fields(values: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in values.items() if k != "id"}


T = TypeVar("T")


def in_source_order(docs: Iterable[T], extra: dict[str, Any], key: Callable[[T], Doc] | None = None) -> list[T]:
    """*docs* (or what holds them, each giving its document by *key*) in the order *extra* records their sources.

    Documents of sources the order does not name follow, in the order given, so new
    records follow their source.
    """
    rank = {sid: n for n, sid in enumerate(extra.get("order", {}).get("sources", []))}
    doc_of: Callable[[Any], Doc] = key or (lambda d: d)
    return sorted(docs, key=lambda d: rank.get(doc_of(d).meta.get("id"), len(rank)))


def from_docs(
    docs: Iterable[Doc], extra: dict[str, Any] | None, *, file: str | None = None, problems: Iterable[Problem] = ()
) -> Imported:
    """The dataset the documents (and the extra mapping) describe, checked whole.

    The records are built as the plain values of a JSON document and read by
    :func:`mideastdata.from_json`, so every check of a dataset runs, as fast as loading JSON;
    a problem it finds names the annotation the record came from.

    Raises:
        DatasetError: every problem, each naming the document, the annotation's label and
            tool id, and its offsets where they are the problem; *problems* (found in
            the tool's files) come first.
    """
    extra = extra or {}
    reader = Reader(extra)
    reader.problems.extend(problems)  # what the tool's files already showed
    for doc in in_source_order(docs, extra):
        source = reader.source(doc)
        if source is None:
            continue
        owner = {m.key: got for m in doc.marks if (got := reader.mark(doc, source, m)) is not None}
        reader.links(doc, owner)
    tables: dict[str, tuple[list[dict[str, Any]], list[object]]] = {t: ([], []) for t in TABLES.values()}
    for group in reader.groups.values():
        plain = reader.record(group)
        if plain is not None:
            rows, where = tables[TABLES[group.label]]
            rows.append(plain)
            where.append(group)
    for table, plain in extra.get("records", {}).items():
        if table in tables and isinstance(plain, list):
            tables[table][0].extend(plain)
            tables[table][1].extend(f"{EXTRA_FILE}: records.{table}[{n}]" for n in range(len(plain)))
    sources = list(map(source_row, reader.sources))
    ds = None if reader.problems else build_dataset(sources, extra, dict(tables), reader.problems)
    if reader.problems or ds is None:
        raise DatasetError(reader.problems, file=file)
    return Imported(ds, tuple(reader.repairs))


