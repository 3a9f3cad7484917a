# SPDX-License-Identifier: MIT
"""Annotated documents back to a dataset: spans anchored or repaired, fields decoded, the dataset checked whole."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any

import attrs

from ..._normalize import text_sha256
from ...dataset import SCHEMA_VERSION, Dataset
from ...errors import DatasetError, FieldTypeError, FieldValueError, Problem
from ...model import Evidence, PartialDate, Source, Topic
from .fields import LABELS, LINKS, TABLES, FieldSpec, decode, specs
from .marks import ORDER_KEY, SOURCE_META, Doc, Mark
from .text import anchor

__all__ = ["Imported", "Repair", "RepairWarning", "from_docs", "slugify", "warn_repairs"]


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


_PREFIX = {"Actor": "", "Statement": "stmt-", "Demand": "dem-", "Event": "evt-"}


@attrs.define
class _Group:
    label: str
    id: str
    marks: list[tuple[Doc, Mark]] = attrs.Factory(list)
    values: dict[str, Any] = attrs.Factory(dict)
    where: str = ""
    evidence: dict[str, list[Evidence]] = attrs.Factory(dict)
    links: dict[str, list[str]] = attrs.Factory(dict)


class _Reader:
    def __init__(self, extra: dict[str, Any]) -> None:
        self.extra = extra
        self.problems: list[Problem] = []
        self.repairs: list[Repair] = []
        self.groups: dict[tuple[str, str], _Group] = {}
        self.sources: list[Source] = []

    def add(self, where: str, message: str) -> None:
        self.problems.append(Problem(where, message))

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

    def mark(self, doc: Doc, source: Source, mark: Mark) -> tuple[str, str] | None:
        where = f"{doc.name}: {mark.label} {mark.key}"
        if mark.label not in LABELS:
            self.add(where, f"unknown label {mark.label!r}; expected one of {', '.join(LABELS)}")
            return None
        spans: list[Evidence] = []
        for n, (start, end) in enumerate(mark.spans):
            quote = mark.quotes[n] if n < len(mark.quotes) else None
            prefix, suffix = mark.context[n] if n < len(mark.context) else (None, None)
            found = anchor(doc.text, start, end, quote, prefix=prefix, suffix=suffix)
            if found.problem is not None:
                self.add(f"{where} ({mark.shown[n]})" if n < len(mark.shown) else where, found.problem)
                continue
            if found.repaired:
                self.repairs.append(Repair(doc.name, mark.key, mark.label, (start, end), (found.start, found.end)))
            quoted = doc.text[found.start : found.end]
            spans.append(Evidence(source=source.id, start=found.start, end=found.end, quote=quoted))
        record_id = mark.values.get("id")
        if not isinstance(record_id, str) or not record_id:
            text = " ".join(e.quote for e in spans)
            made = f"{_PREFIX[mark.label]}{source.id}-{slugify(mark.key)}"
            record_id = slugify(text) if mark.label == "Actor" else made
        group = self.groups.setdefault((mark.label, record_id), _Group(mark.label, record_id))
        group.marks.append((doc, mark))
        group.evidence.setdefault(source.id, []).extend(spans)
        fields = {k: v for k, v in mark.values.items() if k != "id"}
        if fields:
            if group.where and group.values != fields:
                self.add(where, f"{mark.label} {record_id!r} has its fields on two annotations ({group.where} too)")
            group.values, group.where = fields, group.where or where
        return (mark.label, record_id)

    def links(self, doc: Doc, owner: dict[str, tuple[str, str]]) -> None:
        for link in doc.links:
            where = f"{doc.name}: relation {link.key}"
            head, tail = owner.get(link.head), owner.get(link.tail)
            if head is None or tail is None:
                self.add(where, f"{link.role} joins {link.head} and {link.tail}, not both annotations of this document")
                continue
            target = LINKS.get(head[0], {}).get(link.role)
            if target is None:
                roles = ", ".join(LINKS.get(head[0], {})) or "none"
                self.add(where, f"a {head[0]} has no relation {link.role!r} (its relations: {roles})")
            elif tail[0] != target:
                self.add(where, f"{link.role} of {head[0]} {head[1]!r} must point at a {target}, not a {tail[0]}")
            else:
                self.groups[head].links.setdefault(link.role, []).append(tail[1])

    def record(self, group: _Group) -> Any:
        label, cls = group.label, LABELS[group.label]
        where = group.where or f"{group.marks[0][0].name}: {label} {group.marks[0][1].key}"
        kwargs: dict[str, Any] = {"id": group.id, "evidence": self._evidence(group)}
        before = len(self.problems)
        for spec in specs(label):
            if spec.name in kwargs:
                continue
            if spec.kind in {"link", "links"} and spec.name in group.links:
                ids = group.links[spec.name]
                if spec.kind == "link" and len(ids) > 1:
                    self.add(where, f"{spec.name}: {len(ids)} relations; a {label} has one")
                kwargs[spec.name] = tuple(ids) if spec.kind == "links" else ids[0]
            elif spec.name in group.values:
                self._value(where, spec, group.values[spec.name], kwargs)
            elif spec.required:
                self.add(where, f"{label} {group.id!r} has no {spec.name}")
        if len(self.problems) > before:
            return None
        try:
            return cls(**kwargs)
        except (FieldValueError, FieldTypeError) as exc:
            self.add(f"{where}.{exc.field}", str(exc))
        return None

    def _value(self, where: str, spec: FieldSpec, raw: Any, kwargs: dict[str, Any]) -> None:
        if spec.kind in {"link", "links"}:  # ids kept as a value, for records not annotated there
            spec = FieldSpec(spec.name, "json" if spec.kind == "links" else "text", tuple[str, ...], spec.required)
        try:
            kwargs[spec.name] = decode(spec, raw)
        except ValueError as exc:
            self.add(f"{where}.{spec.name}", str(exc))

    def _evidence(self, group: _Group) -> tuple[Evidence, ...]:
        order = group.values.pop(ORDER_KEY, None)
        spans = {k: list(v) for k, v in group.evidence.items()}
        if isinstance(order, str):
            try:
                wanted = json.loads(order)
            except json.JSONDecodeError:
                wanted = None
            if isinstance(wanted, list) and sorted(wanted) == sorted(s for s, v in spans.items() for _ in v):
                return tuple(spans[s].pop(0) for s in wanted)
        return tuple(ev for v in spans.values() for ev in v)


def from_docs(
    docs: Iterable[Doc], extra: dict[str, Any] | None, *, file: str | None = None, problems: Iterable[Problem] = ()
) -> Imported:
    """The dataset the documents (and the extra mapping) describe, checked whole.

    Raises:
        DatasetError: every problem, each naming the document, the annotation's label and
            tool id, and its offsets where they are the problem.
    """
    extra = extra or {}
    reader = _Reader(extra)
    reader.problems.extend(problems)  # what the tool's files already showed
    for doc in docs:
        source = reader.source(doc)
        if source is None:
            continue
        owner = {m.key: got for m in doc.marks if (got := reader.mark(doc, source, m)) is not None}
        reader.links(doc, owner)
    tables: dict[str, list[Any]] = {t: [] for t in TABLES.values()}
    for group in reader.groups.values():
        record = reader.record(group)
        if record is not None:
            tables[TABLES[group.label]].append(record)
    for table, plain in extra.get("records", {}).items():
        tables[table].extend(_loose(reader, table, plain))
    ds = _dataset(reader, extra, tables)
    if reader.problems or ds is None:
        raise DatasetError(reader.problems, file=file)
    return Imported(ds, tuple(reader.repairs))


def _loose(reader: _Reader, table: str, plain: list[Any]) -> list[Any]:
    from ..json import from_json  # noqa: PLC0415

    cls = LABELS[next(k for k, v in TABLES.items() if v == table)]
    try:
        return list(from_json(json.dumps(plain), tuple[cls, ...]))  # type: ignore[valid-type]
    except DatasetError as exc:
        reader.problems.extend(Problem(f"mideastdata.json: records.{table}{p.path}", p.message) for p in exc.problems)
        return []


def _ordered(records: list[Any], order: list[str]) -> list[Any]:
    rank = {rid: n for n, rid in enumerate(order)}
    return sorted(records, key=lambda r: rank.get(r.id, len(rank)))  # stable: new records keep their order


def _dataset(reader: _Reader, extra: dict[str, Any], tables: dict[str, list[Any]]) -> Dataset | None:
    from ..json import from_json  # noqa: PLC0415

    order = extra.get("order", {})
    topics: tuple[Topic, ...]
    if "topics" in extra:
        topics = from_json(json.dumps(extra["topics"]), tuple[Topic, ...])
    else:  # no extra mapping: each topic a record refers to, named by its id
        used = {t for r in tables["statements"] + tables["events"] for t in r.topics}
        used |= {d.topic for d in tables["demands"]} | {s.topic for r in tables["statements"] for s in r.stances}
        topics = tuple(Topic(id=t, label=t) for t in sorted(used))
    sources = _ordered(reader.sources, order.get("sources", []))
    named = {t: _ordered(rs, order.get(t, [])) for t, rs in tables.items()}
    try:
        return Dataset(
            name=extra.get("name", "annotations"),
            version=extra.get("version", "0.0.0"),
            license=extra.get("license", ""),
            citation=extra.get("citation", ""),
            schema_version=extra.get("mideastdata", SCHEMA_VERSION),
            sources=sources,
            topics=topics,
            **named,
        )
    except DatasetError as exc:
        reader.problems.extend(exc.problems)
    return None
