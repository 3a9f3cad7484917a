# SPDX-License-Identifier: MIT
"""Corroboration and contradiction across the reports (sources) behind each record.

A statement, demand or event is *reported by* every source its evidence comes from. When
several reports agree on what a record codes, the record carries evidence from each (see
:func:`mideastdata.merge`); when one report disagrees, its version is a record of its
own whose ``same_as`` names the record it reports on (see the codebook). The records
linked by ``same_as`` describe one *occurrence*: :func:`corroboration` gives, per
occurrence, its records, its sources, the earliest report and the fields on which the
reports disagree, each side with its evidence; :func:`contradictions` lists the
disagreements alone.

Compared fields come from the schema: enums (kind, status, position...), dates, the
fields that say who acts or is acted upon (speaker, by, addressee, actors, targets) and
nested records other than evidence (stances). A report that leaves a field unknown
(``None``, an empty tuple) does not contradict one that gives it. Two dates contradict
when their intervals do not overlap (``2025-08`` and ``2025-08-02`` agree); two tuples
when neither holds the other (``israel, hamas`` and ``israel`` agree).
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import TYPE_CHECKING, Any

import attrs

from . import _index, _schema
from .model import Evidence, PartialDate, Source

if TYPE_CHECKING:
    from .dataset import Dataset, Table

__all__ = ["Contradiction", "Corroboration", "Side", "contradictions", "contradicts", "corroboration", "reported_by"]


@attrs.frozen(kw_only=True)
class Side:
    """One value of a disputed field, the records that code it, their sources and evidence."""

    value: Any
    records: tuple[str, ...]
    sources: tuple[str, ...]
    evidence: tuple[Evidence, ...]


@attrs.frozen(kw_only=True)
class Contradiction:
    """A field on which the reports of one occurrence disagree."""

    table: str
    record: str
    """The id of the occurrence's first record (the one the others are ``same_as``)."""
    field: str
    sides: tuple[Side, ...]

    def __str__(self) -> str:
        """``evt-truce: the status is 'occurred' according to src-a, 'proposed' according to src-b and src-c``."""
        said = [f"{_shown(side.value)} according to {_and(side.sources)}" for side in self.sides]
        return f"{self.record}: the {self.field.replace('_', ' ')} is {', '.join(said)}"


@attrs.frozen(kw_only=True)
class Corroboration:
    """What the reports of one occurrence say together."""

    table: str
    record: str
    """The id of the occurrence's first record."""
    records: tuple[str, ...]
    """The ids of the occurrence's records, the first and then those ``same_as`` it, in table order."""
    sources: tuple[str, ...]
    """Every source any of its records' evidence comes from, in the dataset's source order."""
    earliest: str | None
    """The source published first (by ``Source.published``; the first listed on a tie), or None if none is dated."""
    disagreements: tuple[Contradiction, ...]

    @property
    def count(self) -> int:
        """How many sources report the occurrence."""
        return len(self.sources)


def _and(items: tuple[str, ...]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _shown(value: Any) -> str:
    if isinstance(value, tuple):
        return "(" + ", ".join(_shown(v) for v in value) + ")"
    if attrs.has(type(value)):
        return " ".join(str(v) for v in attrs.astuple(value, recurse=False) if v is not None)
    return repr(str(value))


def record_sources(record: Any) -> tuple[str, ...]:
    """The ids of the sources *record*'s evidence comes from, each once, in evidence order."""
    sources: tuple[str, ...] = record.sources
    return sources


def reported_by(table: Table[Any], source: str | Source) -> Table[Any]:
    """The records of *table* with evidence from *source* (an id or a :class:`Source`)."""
    sid = source.id if isinstance(source, Source) else source
    return _index.lookup(table, "sources", record_sources, sid)


def _link_field(cls: type[Any], table: str) -> str | None:
    """The field by which a record names another record of its own table that it reports on."""
    own = [s for s in _schema.references(cls, table) if s.kind == "text"]
    return own[0].name if own else None


def _compared(cls: type[Any]) -> list[_schema.FieldSpec]:
    return [
        s
        for s in _schema.fields(cls)
        if s.kind in ("enum", "date")
        or s.meta.role is not None
        or (s.kind == "records" and s.item is not Evidence)
    ]


def _known(value: Any) -> bool:
    return value is not None and value != ()


def _agree(a: Any, b: Any) -> bool:
    if isinstance(a, PartialDate):
        return bool(a.earliest <= b.latest and b.earliest <= a.latest)
    if isinstance(a, tuple):
        return set(a) <= set(b) or set(b) <= set(a)
    return bool(a == b)


def contradicts(record: Any, other: Any) -> bool:
    """Whether two reports of one occurrence disagree on a compared field (see the module docstring)."""
    for spec in _compared(type(record)):
        a, b = getattr(record, spec.name), getattr(other, spec.name)
        if _known(a) and _known(b) and not _agree(a, b):
            return True
    return False


def _groups(records: tuple[Any, ...], link: str) -> list[list[Any]]:
    """The records in occurrences: each record with those linked to it by *link*, first records in order."""
    by_id = {r.id: r for r in records}
    parent: dict[str, str] = {}

    def root(rid: str) -> str:
        seen = []
        while rid in parent:
            seen.append(rid)
            rid = parent[rid]
        for s in seen:
            parent[s] = rid
        return rid

    order = {r.id: i for i, r in enumerate(records)}
    for r in records:
        target = getattr(r, link)
        if target is not None and target in by_id:
            a, b = root(r.id), root(target)
            if a != b:
                first, second = (a, b) if order[a] < order[b] else (b, a)
                parent[second] = first
    groups: dict[str, list[Any]] = {}
    for r in records:
        groups.setdefault(root(r.id), []).append(r)
    return list(groups.values())


def _disagreements(table: str, group: list[Any], specs: list[_schema.FieldSpec]) -> list[Contradiction]:
    found = []
    for spec in specs:
        values: dict[Hashable, list[Any]] = {}
        for r in group:
            value = getattr(r, spec.name)
            if _known(value):
                key = frozenset(value) if isinstance(value, tuple) else value
                values.setdefault(key, []).append(r)
        if len(values) < 2:
            continue
        firsts = [getattr(rs[0], spec.name) for rs in values.values()]
        if all(_agree(a, b) for a in firsts for b in firsts):
            continue
        sides = tuple(
            Side(
                value=getattr(rs[0], spec.name),
                records=tuple(r.id for r in rs),
                sources=tuple(dict.fromkeys(s for r in rs for s in record_sources(r))),
                evidence=tuple(ev for r in rs for ev in r.evidence),
            )
            for rs in values.values()
        )
        found.append(Contradiction(table=table, record=group[0].id, field=spec.name, sides=sides))
    return found


def _earliest(sources: tuple[str, ...], ds: Dataset) -> str | None:
    dated = [(ds.sources[s].published, i, s) for i, s in enumerate(sources) if ds.sources[s].published is not None]
    return min(dated)[2] if dated else None


def _occurrences(ds: Dataset) -> tuple[Corroboration, ...]:
    out: list[Corroboration] = []
    source_order = {s.id: i for i, s in enumerate(ds.sources)}
    for table, cls in _schema.TABLES.items():
        link = _link_field(cls, table)
        if link is None:
            continue
        specs = _compared(cls)
        for group in _groups(getattr(ds, table).records, link):
            found = {s for r in group for s in record_sources(r)}
            sources = tuple(sorted(found, key=source_order.__getitem__))
            out.append(
                Corroboration(
                    table=table,
                    record=group[0].id,
                    records=tuple(r.id for r in group),
                    sources=sources,
                    earliest=_earliest(sources, ds),
                    disagreements=tuple(_disagreements(table, group, specs)),
                )
            )
    return tuple(out)


def corroboration(ds: Dataset) -> tuple[Corroboration, ...]:
    """Per occurrence (statements, then demands, then events): its records, sources, earliest report, disagreements."""
    found: tuple[Corroboration, ...] = _index.cached(ds._cache, "corroboration", lambda: _occurrences(ds))  # noqa: SLF001
    return found


def contradictions(ds: Dataset) -> tuple[Contradiction, ...]:
    """Every field on which the reports of one occurrence disagree, each side with its sources and evidence."""
    return tuple(c for occurrence in corroboration(ds) for c in occurrence.disagreements)


def corroborated(table: Table[Any], min_sources: int) -> Table[Any]:
    """The records of *table* whose occurrence is reported by at least *min_sources* sources.

    In a dataset's table the sources of every record of the occurrence count (see
    :func:`corroboration`); in a free-standing table, each record's own.
    """
    if type(min_sources) is not int or min_sources < 0:
        msg = f"min_sources must be an int >= 0, got {min_sources!r}"
        raise ValueError(msg)
    ds = table._dataset  # noqa: SLF001
    kind = _index.record_type(table)
    name = None if kind is None else _schema.table_of(kind)
    if ds is None or kind is None or name is None or _link_field(kind, name) is None:
        return table._derive(r for r in table if len(record_sources(r)) >= min_sources)  # noqa: SLF001
    counts: dict[tuple[str, str], int] = _index.cached(
        ds._cache,  # noqa: SLF001
        "source-counts",
        lambda: {(c.table, rid): c.count for c in corroboration(ds) for rid in c.records},
    )
    return table._derive(r for r in table if counts[name, r.id] >= min_sources)  # noqa: SLF001
