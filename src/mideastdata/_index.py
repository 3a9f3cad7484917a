# SPDX-License-Identifier: MIT
"""The indexes behind the Table queries: built lazily, once per base table, thread-safe.

A :class:`~mideastdata.Table` derived by a query remembers its *base* (the
table it was derived from, usually a dataset's full table) and the positions
of its rows there. Each query looks its key up in an index of the base
(``key -> ascending positions``), built on first use under a lock, and
intersects the hits with the rows of the table it was called on. No query
scans the base table once its index exists.

Intersection costs the smaller side: a table with fewer rows than the index
hits tests each of its rows; otherwise each hit is located among the rows by
binary search.
"""

from __future__ import annotations

import bisect
import datetime as dt
import enum
import itertools
import threading
import typing
from collections.abc import Callable, Hashable, Iterable
from typing import TYPE_CHECKING, Any

import attrs

from . import _schema
from ._keyindex import Fields, KeyIndex
from .errors import did_you_mean
from .model import Actor, PartialDate, Topic

if TYPE_CHECKING:
    from .dataset import Table

__all__ = [
    "ACTOR_FIELDS",
    "TOPIC_FIELDS",
    "actor_id",
    "between",
    "by_role",
    "cached",
    "lookup",
    "record_type",
    "sort",
    "topic_id",
    "where",
]

Keys = Callable[[Any], Iterable[Hashable]]


def _fields(specs: Iterable[_schema.FieldSpec]) -> Fields:
    return tuple((s.name, s.kind in ("texts", "records")) for s in specs)


def _roles() -> dict[str, dict[type[Any], tuple[Fields, bool]]]:
    """For each role query, the fields each record type matches on, and whether one may be None."""
    roles: dict[str, dict[type[Any], tuple[Fields, bool]]] = {"by": {}, "of": {}, "about": {}, "involving": {}}
    for kind in _schema.TABLES.values():
        specs = _schema.references(kind)
        if not any(s.meta.role for s in specs):
            continue  # actors, sources, topics: not queried by role
        chosen = {
            "by": [s for s in specs if s.meta.role == "by"],
            "of": [s for s in specs if s.meta.role == "of"],
            "about": [s for s in specs if s.ref == "topics"],
            "involving": [s for s in specs if s.ref == "actors"],
        }
        for role, fields in chosen.items():
            if fields:
                roles[role][kind] = (_fields(fields), any(s.optional for s in fields))
    return roles


ROLES = _roles()
"""For each role query, the fields each record type matches on (from the fields' declared roles)."""

ACTOR_FIELDS = frozenset(s.name for k in _schema.TABLES.values() for s in _schema.references(k, "actors"))
"""Fields that hold actor ids: ``where()`` resolves their values like :meth:`Dataset.actor`."""
TOPIC_FIELDS = frozenset(s.name for k in _schema.TABLES.values() for s in _schema.references(k, "topics"))
"""Fields that hold topic ids: ``where()`` resolves their values like :meth:`Dataset.topic`."""

_DATE_FIELDS: dict[type[Any], str] = {
    kind: dates[0]
    for kind in _schema.TABLES.values()
    if (dates := [s.name for s in _schema.fields(kind) if s.kind == "date"])
}
_MAX_SPAN = 366  # the most days a PartialDate covers (a leap year)
_LOCK = threading.RLock()  # re-entrant: a build may read another cached value


def _base(table: Table[Any]) -> Table[Any]:
    return table._base if table._base is not None else table  # noqa: SLF001 - the index is part of Table


def record_type(table: Table[Any]) -> type[Any] | None:
    """The record class a table holds, or None for an empty table of unknown kind."""
    base = _base(table)
    if len(base):
        return type(base[0])
    dataset = base._dataset  # noqa: SLF001
    if dataset is not None:
        for name, full in dataset.tables().items():
            if full is base:
                return _schema.TABLES.get(name)
    return None


def cached(cache: dict[Any, Any], name: Any, build: Callable[[], Any]) -> Any:
    """``cache[name]``, built by *build* on first use; thread-safe (built once)."""
    found = cache.get(name)
    if found is None:
        with _LOCK:
            found = cache.get(name)
            if found is None:
                found = build()
                cache[name] = found
    return found


def _build(records: tuple[Any, ...], keys: Keys) -> dict[Hashable, tuple[int, ...]]:
    lists: dict[Hashable, list[int]] = {}
    for pos, record in enumerate(records):
        for key in keys(record):
            hits = lists.get(key)
            if hits is None:
                lists[key] = [pos]
            elif hits[-1] != pos:  # a key repeated within one record counts once
                hits.append(pos)
    return {k: tuple(v) for k, v in lists.items()}


def _index(table: Table[Any], name: Hashable, keys: Keys) -> dict[Hashable, tuple[int, ...]]:
    base = _base(table)
    built: dict[Hashable, tuple[int, ...]] = cached(base._cache, name, lambda: _build(base.records, keys))  # noqa: SLF001
    return built


def _ascending(table: Table[Any], rows: tuple[int, ...]) -> bool:
    return bool(cached(table._cache, "ascending", lambda: all(a < b for a, b in itertools.pairwise(rows))))  # noqa: SLF001


def _restrict(table: Table[Any], hits: tuple[int, ...], matches: Callable[[Any], bool]) -> Table[Any]:
    """The rows of *table* among *hits* (ascending base positions), in *table*'s order."""
    rows = table._rows  # noqa: SLF001
    records = _base(table).records
    if rows is None:
        return table._derive([records[p] for p in hits], hits)  # noqa: SLF001
    if len(rows) <= len(hits):
        kept = tuple(p for p in rows if matches(records[p]))
    elif _ascending(table, rows):
        kept = tuple(p for p in hits if (i := bisect.bisect_left(rows, p)) < len(rows) and rows[i] == p)
    else:
        wanted = set(hits)
        kept = tuple(p for p in rows if p in wanted)
    return table._derive([records[p] for p in kept], kept)  # noqa: SLF001


def lookup(table: Table[Any], name: Hashable, keys: Keys, key: Hashable) -> Table[Any]:
    """The rows of *table* whose *keys* include *key*, from the base's index *name*."""
    hits = _index(table, name, keys).get(key, ())
    return _restrict(table, hits, lambda r: key in keys(r))


def _key_index(  # noqa: PLR0913 - the index's name, its fields and how they give keys
    table: Table[Any], name: Hashable, fields: Fields, *, whole: bool, skip_none: bool, identity: bool = False
) -> KeyIndex:
    """The base's key index *name* over *fields* (see :mod:`mideastdata._keyindex`), made on first use."""
    base = _base(table)
    made: KeyIndex = cached(
        base._cache,  # noqa: SLF001
        name,
        lambda: KeyIndex(base.records, fields, _LOCK, whole=whole, skip_none=skip_none, identity=identity),
    )
    return made


def _lookup_fields(table: Table[Any], index: KeyIndex, key: Hashable) -> Table[Any]:
    """The rows of *table* whose fields hold *key*, from the base's key *index*."""
    return _restrict(table, index.get(key), lambda r: index.holds(r, key))


def _role_index(table: Table[Any], role: str) -> KeyIndex | None:
    """The index of the *role* query on *table*'s base; None for an empty table of unknown kind."""
    kind = record_type(table)
    if kind is None:
        return None
    found = ROLES[role].get(kind)
    if found is None:
        kinds = ", ".join(sorted(k.__name__.lower() + "s" for k in ROLES[role]))
        msg = f".{role}() applies to {kinds}, not to {kind.__name__.lower()}s"
        raise TypeError(msg)
    fields, optional = found
    return _key_index(table, role, fields, whole=False, skip_none=optional)


def _known(table: Table[Any], role: str) -> dict[Hashable, tuple[int, ...]]:
    index = _role_index(table, role)
    return {} if index is None else index.whole()


# --------------------------------------------------------------------------- resolution


def actor_id(table: Table[Any], ref: str | Actor) -> str:
    """The id of the actor *ref* names: resolved by the table's dataset, or by id alone.

    Raises:
        KeyError: no actor matches; the message names close matches.
    """
    dataset = table._dataset  # noqa: SLF001
    if dataset is not None:
        return dataset.actor(ref).id
    if isinstance(ref, Actor):
        return ref.id
    if not isinstance(ref, str):
        msg = f"an actor is given by id, name, alias or Actor, not {type(ref).__name__}"
        raise TypeError(msg)
    known = _known(table, "involving")
    if ref in known:
        return ref
    hint = did_you_mean(ref, _strs(known))
    msg = f"no actor {ref!r} in this table (without a dataset, actors are matched by id){hint}"
    raise KeyError(msg)


def topic_id(table: Table[Any], ref: str | Topic) -> str:
    """The id of the topic *ref* names: resolved by the table's dataset, or by id alone.

    Raises:
        KeyError: no topic matches; the message names close matches.
    """
    dataset = table._dataset  # noqa: SLF001
    if dataset is not None:
        return dataset.topic(ref).id
    if isinstance(ref, Topic):
        return ref.id
    known = _known(table, "about")
    if ref in known:
        return ref
    hint = did_you_mean(ref, _strs(known))
    msg = f"no topic {ref!r} in this table (without a dataset, topics are matched by id){hint}"
    raise KeyError(msg)


# --------------------------------------------------------------------------- queries


def by_role(table: Table[Any], role: str, ref: str | Actor | Topic) -> Table[Any]:
    """Records whose *role* (``by``, ``of``, ``about``, ``involving``) includes *ref*."""
    index = _role_index(table, role)
    key = topic_id(table, ref) if role == "about" else actor_id(table, ref)  # type: ignore[arg-type]
    return table._derive([], ()) if index is None else _lookup_fields(table, index, key)  # noqa: SLF001


def _strs(keys: Iterable[Hashable]) -> list[str]:
    return [k for k in keys if isinstance(k, str)]


_HINTS: dict[type[Any], dict[str, Any]] = {}


def _hints(kind: type[Any]) -> dict[str, Any]:
    return cached(_HINTS, kind, lambda: typing.get_type_hints(kind))  # type: ignore[no-any-return]


def _enum_value(kind: type[enum.Enum], field: str, value: Any) -> enum.Enum:
    try:
        return kind(value)
    except ValueError:
        allowed = [m.value for m in kind]
        hint = did_you_mean(str(value), allowed)
        msg = f"{field} must be one of {', '.join(map(repr, allowed))}, got {value!r}{hint}"
        raise ValueError(msg) from None


def _where_value(table: Table[Any], kind: type[Any], field: str, value: Any) -> Hashable:
    """The index key for ``where(field=value)``: enums coerced, actors and topics resolved, dates parsed."""
    if isinstance(value, (tuple, list)):
        return tuple(_where_value(table, kind, field, v) for v in value)
    hint = _hints(kind)[field]
    key: Hashable = value
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        key = _enum_value(hint, field, value)
    elif value is None:
        key = None
    elif field in ACTOR_FIELDS:
        if kind is Actor and table._dataset is None:  # noqa: SLF001 - no roles to resolve against
            key = value.id if isinstance(value, Actor) else value
        else:
            key = actor_id(table, value)
    elif field in TOPIC_FIELDS:
        key = topic_id(table, value)
    elif field in _DATE_FIELDS.values() and isinstance(value, str):
        key = PartialDate.parse(value)
    return key


def where(table: Table[Any], fields: dict[str, Any]) -> Table[Any]:
    """Records whose every named field equals (or, for a tuple field, contains) the value."""
    kind = record_type(table)
    result = table
    for field, value in fields.items():
        if kind is None:
            return table
        names = [f.name for f in attrs.fields(kind)]
        if field not in names:
            msg = f"{kind.__name__.lower()}s have no field {field!r}{did_you_mean(field, names)}"
            raise TypeError(msg)
        key = _where_value(table, kind, field, value)
        specs = [s for s in _schema.fields(kind) if s.name == field]
        many = any(s.kind in ("texts", "records") for s in specs)
        enum_ = any(s.kind == "enum" for s in specs)  # members and None are singletons: grouped by id()
        index = _key_index(result, ("where", field), ((field, many),), whole=True, skip_none=False, identity=enum_)
        result = _lookup_fields(result, index, key)
    return result


def _as_date(value: PartialDate | dt.date | str | None, bound: str) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    date = PartialDate.parse(value) if isinstance(value, str) else value
    if not isinstance(date, PartialDate):
        msg = f"a date bound is a PartialDate, datetime.date, ISO string or None, not {type(value).__name__}"
        raise TypeError(msg)
    return date.earliest if bound == "start" else date.latest


def between(
    table: Table[Any], start: PartialDate | dt.date | str | None, end: PartialDate | dt.date | str | None
) -> Table[Any]:
    """Records whose date interval ``[earliest, latest]`` overlaps ``[start.earliest, end.latest]``."""
    kind = record_type(table)
    if kind is None:
        return table
    field = _DATE_FIELDS.get(kind)
    if field is None:
        msg = f".between() applies to statements, events and sources, not to {kind.__name__.lower()}s"
        raise TypeError(msg)
    lo, hi = _as_date(start, "start"), _as_date(end, "end")
    base = _base(table)

    def build() -> tuple[list[int], list[int], list[int]]:
        dated = [(d.earliest.toordinal(), d.latest.toordinal(), p) for p, r in enumerate(base.records)
                 if (d := getattr(r, field)) is not None]
        dated.sort()
        return [e for e, _, _ in dated], [last for _, last, _ in dated], [p for _, _, p in dated]

    firsts, lasts, positions = cached(base._cache, ("dates", field), build)  # noqa: SLF001
    lo_n = lo.toordinal() if lo is not None else None
    hi_n = hi.toordinal() if hi is not None else None
    left = 0 if lo_n is None else bisect.bisect_left(firsts, lo_n - _MAX_SPAN)
    right = len(firsts) if hi_n is None else bisect.bisect_right(firsts, hi_n)
    hits = tuple(sorted(positions[i] for i in range(left, right) if lo_n is None or lasts[i] >= lo_n))

    def matches(record: Any) -> bool:
        date = getattr(record, field)
        return date is not None and (lo is None or date.latest >= lo) and (hi is None or date.earliest <= hi)

    return _restrict(table, hits, matches)


def sort(table: Table[Any], key: str | Callable[[Any], Any], reverse: bool) -> Table[Any]:
    """The table's records ordered by a field name or a key function; None values last."""
    if isinstance(key, str):
        kind = record_type(table)
        field = key
        if kind is not None and field not in (names := [f.name for f in attrs.fields(kind)]):
            msg = f"{kind.__name__.lower()}s have no field {field!r}{did_you_mean(field, names)}"
            raise TypeError(msg)
        values = [getattr(r, field) for r in table.records]
    else:
        values = [key(r) for r in table.records]
    present = [i for i, v in enumerate(values) if v is not None]
    present.sort(key=values.__getitem__, reverse=reverse)
    order = present + [i for i, v in enumerate(values) if v is None]
    rows = table._rows  # noqa: SLF001
    positions = tuple(order) if rows is None else tuple(rows[i] for i in order)
    records = table.records
    return table._derive([records[i] for i in order], positions)  # noqa: SLF001
