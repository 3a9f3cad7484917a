# SPDX-License-Identifier: MIT
"""The dyadic event table: one GDELT-shaped row per (source actor, target actor, coded record).

:meth:`Dataset.event_table() <mideastdata.Dataset.event_table>` flattens statements,
demands and events into the shape event-data users join on:

* an event gives one row per pair of its ``actors`` and ``targets``;
* a statement one row per actor it ``mentions`` (speaker → mentioned actor);
* a demand one row, ``by`` → ``addressee``.

An empty side counts as one missing actor, so every record has at least one row: a
statement that mentions nobody gives one row with no Actor2, an event with neither
actors nor targets one row with neither. Columns are named and typed after GDELT 2.0's
event table where the concept is the same (``Actor1Code``, ``Actor1CountryCode``,
``EventCode``, ``QuadClass``, ``GoldsteinScale`` ...), followed by this library's own
(``RecordTable``, ``RecordId``, ``Kind``, ``Status``, ``Plover``, ``Date``,
``DatePrecision``, ``Topics``, ``SourceIds``, ``Quote``). :class:`EventRow` declares
them, once: the CSV header, the pandas columns and the Arrow schema are derived from it.

Codes are never invented: ``Actor1Code`` is the actor's CAMEO code or ``None``;
``Actor1CountryCode`` is the country part of that code or, for an actor without one
(a person), the actor's ``country``; ``QuadClass`` and ``GoldsteinScale`` come from
:mod:`mideastdata._goldstein` and are ``None`` for a code its tables do not list.

This module reads the dataset's tables and nothing of :mod:`mideastdata.io`.
"""

from __future__ import annotations

import typing
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any, overload

import attrs

from ._goldstein import goldstein_scale, quad_class
from .codes import CAMEO_ACTOR_PREFIXES, CAMEO_COUNTRY_CODES, CAMEO_GROUP_CODES, CAMEO_ROLE_CODES

if TYPE_CHECKING:
    import pandas  # noqa: ICN001 - spelt out so the API reference names pandas.DataFrame
    import pyarrow  # noqa: ICN001

    from .dataset import Dataset
    from .model import Actor, Evidence, PartialDate

__all__ = ["ETHNIC_CODES", "TERRITORY_CODES", "EventRow", "EventTable", "build_event_table", "column_name"]

ETHNIC_CODES = frozenset({"ARB", "BED", "KUR", "PAL", "TAM"})
"""The ethnic parts of :data:`mideastdata.codes.CAMEO_GROUP_CODES` (GDELT's ``Actor1EthnicCode``)."""
TERRITORY_CODES = frozenset(
    {
        "ANT", "ASM", "FLK", "FRO", "GIB", "GLP", "GRL", "GUF", "GUM", "GZA", "IMY", "MSR",
        "NCL", "NFK", "NIU", "PCN", "PRI", "PYF", "SHN", "TKL", "VGB", "VIR", "WLF",
    }
)  # fmt: skip
"""The territory parts of :data:`mideastdata.codes.CAMEO_GROUP_CODES` (``PSEGZA``): neither a group nor a type."""


@attrs.frozen(kw_only=True)
class EventRow:
    """One row of the event table. Field ``actor1_country_code`` is column ``Actor1CountryCode``, and so on.

    The ``actor1_*`` fields describe the source actor (who speaks, demands or acts), the
    ``actor2_*`` fields the target (who is mentioned, addressed or acted upon); both are
    ``None`` when the record names no such actor.
    """

    record_table: str
    """``statements``, ``demands`` or ``events``."""
    record_id: str
    day: int | None
    """The date as ``YYYYMMDD`` (GDELT's ``Day``), only for a date of day precision."""
    month_year: int | None
    """``YYYYMM``, for a date of month or day precision."""
    year: int | None
    """``YYYY``, for any dated record."""
    actor1_id: str | None
    actor1_code: str | None
    actor1_name: str | None
    actor1_country_code: str | None
    actor1_known_group_code: str | None
    actor1_ethnic_code: str | None
    actor1_type1_code: str | None
    actor1_type2_code: str | None
    actor1_type3_code: str | None
    actor1_kind: str | None
    actor2_id: str | None
    actor2_code: str | None
    actor2_name: str | None
    actor2_country_code: str | None
    actor2_known_group_code: str | None
    actor2_ethnic_code: str | None
    actor2_type1_code: str | None
    actor2_type2_code: str | None
    actor2_type3_code: str | None
    actor2_kind: str | None
    event_code: str | None
    """The record's CAMEO event code (demands carry none)."""
    event_base_code: str | None
    """The code's first three digits (the code itself for a two- or three-digit code)."""
    event_root_code: str | None
    """The code's first two digits."""
    quad_class: int | None
    goldstein_scale: float | None
    kind: str
    """The record's kind (a StatementKind, DemandKind or EventKind value)."""
    status: str | None
    """An event's status; ``None`` for statements and demands."""
    plover: str | None
    date: str | None
    """The date in ISO 8601 reduced precision (``2025``, ``2025-08``, ``2025-08-02``)."""
    date_precision: str | None
    topics: tuple[str, ...]
    source_ids: tuple[str, ...]
    """The sources of the record's evidence, in reading order, each once."""
    quote: str
    """The record's evidence quotes in reading order, joined by " … " (as ``Dataset.quote`` gives them)."""


def column_name(field: str) -> str:
    """The GDELT-style column of an :class:`EventRow` field: ``actor1_country_code`` -> ``Actor1CountryCode``."""
    return "".join(part[:1].upper() + part[1:] for part in field.split("_"))


_FIELDS: tuple[str, ...] = tuple(f.name for f in attrs.fields(EventRow))
COLUMNS: tuple[str, ...] = tuple(map(column_name, _FIELDS))
"""The column names, in order."""


def column_types() -> dict[str, tuple[type, bool, bool]]:
    """Each column's (item type, optional, is a list), read from :class:`EventRow`'s annotations."""
    hints = typing.get_type_hints(EventRow)
    out: dict[str, tuple[type, bool, bool]] = {}
    for name in _FIELDS:
        hint = hints[name]
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        optional = type(None) in typing.get_args(hint)
        if typing.get_origin(hint) is tuple:
            out[column_name(name)] = (typing.get_args(hint)[0], False, True)
        else:
            out[column_name(name)] = (args[0] if optional else hint, optional, False)
    return out


_QUOTE_SEPARATOR = " … "  # as mideastdata.query.QUOTE_SEPARATOR; query is not imported to keep this module light


class EventTable(Sequence[EventRow]):
    """The event table: a read-only sequence of :class:`EventRow`, held as plain tuples.

    ``len(table)`` rows; ``table[i]`` builds the i-th :class:`EventRow`;
    :meth:`to_records`, :meth:`to_dataframe` and :meth:`to_arrow` hand the whole table on.
    """

    __slots__ = ("_rows",)

    def __init__(self, rows: Sequence[tuple[Any, ...]]) -> None:
        self._rows = tuple(rows)

    def __len__(self) -> int:
        return len(self._rows)

    @overload
    def __getitem__(self, index: int) -> EventRow: ...
    @overload
    def __getitem__(self, index: slice) -> EventTable: ...
    def __getitem__(self, index: int | slice) -> EventRow | EventTable:
        if isinstance(index, slice):
            return EventTable(self._rows[index])
        return EventRow(**dict(zip(_FIELDS, self._rows[index], strict=True)))

    def __iter__(self) -> Iterator[EventRow]:
        for row in self._rows:
            yield EventRow(**dict(zip(_FIELDS, row, strict=True)))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, EventTable) and self._rows == other._rows

    def __hash__(self) -> int:
        return hash(self._rows)

    def __repr__(self) -> str:
        return f"EventTable[{len(self)}]"

    @property
    def rows(self) -> tuple[tuple[Any, ...], ...]:
        """The rows as plain tuples, values in column order."""
        return self._rows

    def columns(self) -> dict[str, tuple[Any, ...]]:
        """The table a column at a time: column name -> values."""
        if not self._rows:
            return dict.fromkeys(COLUMNS, ())
        return dict(zip(COLUMNS, zip(*self._rows, strict=True), strict=True))

    def to_records(self) -> list[dict[str, Any]]:
        """The rows as plain dicts keyed by column name (lists for Topics and SourceIds)."""
        return [
            {k: list(v) if type(v) is tuple else v for k, v in zip(COLUMNS, row, strict=True)} for row in self._rows
        ]

    def to_dataframe(self) -> pandas.DataFrame:
        """The table as a pandas DataFrame: codes as strings, integers as nullable ``Int64``, scores as ``Float64``.

        Raises:
            ImportError: pandas is not installed (``pip install 'mideastdata[pandas]'``).
        """
        try:
            import pandas as pd  # noqa: PLC0415 - an optional extra
        except ImportError as exc:
            msg = "event_table().to_dataframe() needs pandas: pip install 'mideastdata[pandas]'"
            raise ImportError(msg, name="pandas") from exc
        data: dict[str, Any] = {}
        for (name, values), (kind, _optional, is_list) in zip(
            self.columns().items(), column_types().values(), strict=True
        ):
            if is_list:
                data[name] = pd.Series(list(map(list, values)), dtype=object)
            elif kind is int:
                data[name] = pd.array(values, dtype="Int64")
            elif kind is float:
                data[name] = pd.array(values, dtype="Float64")
            else:
                data[name] = pd.Series(values, dtype=object)
        frame: pd.DataFrame = pd.DataFrame(data, columns=list(COLUMNS))
        return frame

    def to_arrow(self) -> pyarrow.Table:
        """The table as a ``pyarrow.Table`` in the event table's Arrow schema (Topics, SourceIds: lists of strings).

        Raises:
            ImportError: pyarrow is not installed (``pip install 'mideastdata[parquet]'``).
        """
        pa = _pyarrow()
        schema = arrow_schema()
        arrays = [pa.array(values, type=schema.field(name).type) for name, values in self.columns().items()]
        return pa.Table.from_arrays(arrays, schema=schema)


def _pyarrow() -> Any:
    try:
        import pyarrow as pa  # noqa: PLC0415 - an optional extra
    except ImportError as exc:
        msg = "the event table's Arrow form needs pyarrow: pip install 'mideastdata[parquet]'"
        raise ImportError(msg, name="pyarrow") from exc
    return pa


def arrow_schema() -> pyarrow.Schema:
    """The Arrow schema of the event table, derived from :class:`EventRow` (a contract: see the docs)."""
    pa = _pyarrow()
    scalar = {str: pa.string(), int: pa.int64(), float: pa.float64()}
    fields = []
    for name, (kind, optional, is_list) in column_types().items():
        type_ = pa.list_(pa.field("item", scalar[kind], nullable=False)) if is_list else scalar[kind]
        fields.append(pa.field(name, type_, nullable=optional))
    return pa.schema(fields)


# --------------------------------------------------------------------------- building


_NO_ACTOR: tuple[None, ...] = (None,) * 10


def actor_codes(actor: Actor) -> tuple[str | None, str | None, str | None, tuple[str, ...]]:
    """An actor's (country code, known group code, ethnic code, type codes) as the event table gives them.

    The actor's CAMEO code is cut into its 3-letter parts and each part classed by the
    tables of :mod:`mideastdata.codes`: a first part that is a country is the country
    code; prefixes (``IGO``, ``NGO`` ...) and roles (``GOV``, ``REB`` ...) are type codes,
    in order; a group part is the known group (``HMS``, ``EEC``) or the ethnic code.
    An actor without a CAMEO code gets its own ``country`` and nothing else.
    """
    code = actor.cameo
    if not code:
        return actor.country, None, None, ()
    parts = [code[i : i + 3] for i in range(0, len(code), 3)]
    country = parts[0] if parts[0] in CAMEO_COUNTRY_CODES else None
    known = ethnic = None
    types: list[str] = []
    for part in parts[1:] if country else parts:
        if part in CAMEO_ACTOR_PREFIXES or part in CAMEO_ROLE_CODES:
            types.append(part)
        elif part in ETHNIC_CODES:
            ethnic = ethnic or part
        elif part in CAMEO_GROUP_CODES and part not in TERRITORY_CODES:
            known = known or part
    return country if country is not None else actor.country, known, ethnic, tuple(types)


def _actor_part(actor: Actor) -> tuple[Any, ...]:
    country, known, ethnic, types = actor_codes(actor)
    t1, t2, t3 = (*types[:3], None, None, None)[:3]
    return (actor.id, actor.cameo, actor.name, country, known, ethnic, t1, t2, t3, actor.kind.value)


def _code_part(code: str | None) -> tuple[Any, ...]:
    if code is None:
        return (None, None, None, None, None)
    return (code, code[:3], code[:2], quad_class(code), goldstein_scale(code))


def _date_parts(date: PartialDate | None) -> tuple[tuple[Any, ...], tuple[Any, ...]]:
    """((Day, MonthYear, Year), (Date, DatePrecision)) of a record's date."""
    if date is None:
        return (None, None, None), (None, None)
    month_year = None if date.month is None else date.year * 100 + date.month
    day = None if date.day is None or month_year is None else month_year * 100 + date.day
    return (day, month_year, date.year), (str(date), date.precision)


class _Builder:
    """The parts of rows shared by every dyad of a record, each computed once."""

    def __init__(self, ds: Dataset) -> None:
        self.actors = {actor.id: _actor_part(actor) for actor in ds.actors}
        self.source_order = {source_id: i for i, source_id in enumerate(ds.sources.ids())}
        self.codes: dict[str | None, tuple[Any, ...]] = {}
        self.dates: dict[Any, tuple[tuple[Any, ...], tuple[Any, ...]]] = {}

    def actor(self, actor_id: str | None) -> tuple[Any, ...]:
        return _NO_ACTOR if actor_id is None else self.actors[actor_id]

    def evidence(self, evidence: tuple[Evidence, ...]) -> tuple[tuple[str, ...], str]:
        if len(evidence) == 1:
            return (evidence[0].source,), evidence[0].quote
        order = self.source_order
        spans = sorted(evidence, key=lambda e: (order.get(e.source, len(order)), e.source, e.start, e.end))
        return tuple(dict.fromkeys(e.source for e in spans)), _QUOTE_SEPARATOR.join(e.quote for e in spans)

    def record(self, table: str, record: Any) -> tuple[tuple[Any, ...], tuple[Any, ...]]:
        """The values before the actors (table, id, dates) and after them (codes, kind ... quote)."""
        code = getattr(record, "cameo", None)
        code_part = self.codes.get(code)
        if code_part is None:
            code_part = self.codes[code] = _code_part(code)
        date = getattr(record, "date", None)
        date_part = self.dates.get(date)
        if date_part is None:
            date_part = self.dates[date] = _date_parts(date)
        status = record.status.value if table == "events" else None
        topics = (record.topic,) if table == "demands" else record.topics
        sources, quote = self.evidence(record.evidence)
        head = (table, record.id, *date_part[0])
        tail = (*code_part, record.kind.value, status, getattr(record, "plover", None), *date_part[1])
        return head, (*tail, topics, sources, quote)


def build_event_table(ds: Dataset) -> EventTable:
    """The event table of *ds*: statements, then demands, then events, each in table order."""
    build = _Builder(ds)
    actor = build.actor
    rows: list[tuple[Any, ...]] = []
    append = rows.append
    for s in ds.statements:
        head, tail = build.record("statements", s)
        speaker = head + build.actors[s.speaker]
        for target in s.mentions or (None,):
            append(speaker + actor(target) + tail)
    for d in ds.demands:
        head, tail = build.record("demands", d)
        append(head + build.actors[d.by] + actor(d.addressee) + tail)
    for e in ds.events:
        head, tail = build.record("events", e)
        for source in e.actors or (None,):
            first = head + actor(source)
            for target in e.targets or (None,):
                append(first + actor(target) + tail)
    return EventTable(rows)
