# SPDX-License-Identifier: MIT
"""Table: an immutable sequence of records with lookup by id, and the chainable queries.

Re-exported by :mod:`mideastdata.dataset` and the package (``md.Table``); a query is served
by an index built on first use (:mod:`mideastdata._index`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, Generic, TypeVar, overload

from ._display import _HtmlRepr
from .errors import did_you_mean
from .model import Actor, Demand, Event, PartialDate, Source, Statement, Topic

if TYPE_CHECKING:
    import pandas  # noqa: ICN001 - spelt out so the API reference names pandas.DataFrame
    import polars  # noqa: ICN001
    import pyarrow  # noqa: ICN001

    from .dataset import Dataset

__all__ = ["CONVERSIONS", "Table"]

R = TypeVar("R", Source, Actor, Topic, Statement, Demand, Event)
Q = TypeVar("Q", Statement, Demand, Event)
"""Records with actors and topics: what ``by``, ``about`` and ``involving`` apply to."""
A = TypeVar("A", Demand, Event)
"""Records with an addressee or targets: what ``of`` applies to."""
E = TypeVar("E", Actor, Statement, Demand, Event)
"""Records with evidence: what ``reported_by`` and ``corroborated`` apply to."""
D = TypeVar("D", Source, Statement, Event)
"""Records with a date: what ``between`` applies to."""
DateBound = PartialDate | dt.date | str | None

CONVERSIONS: dict[str, Callable[..., Any]] = {}
"""Conversions that need the formats (Arrow, Polars), by method name: filled by ``mideastdata._interop``,
which sits above the core and the formats and which the package imports (the core never imports io)."""


class Table(_HtmlRepr, Sequence[R], Generic[R]):
    """An immutable sequence of records with lookup by id.

    ``table[0]`` is the first record, ``table["hamas"]`` the record whose id is
    ``"hamas"``, ``table[1:3]`` a smaller Table. Tables compare equal when they
    hold equal records in the same order.
    """

    __slots__ = ("_base", "_by_id", "_cache", "_dataset", "_records", "_rows")

    _records: tuple[R, ...]
    _by_id: dict[str, R] | None
    _dataset: Dataset | None
    _cache: dict[Any, Any]
    _base: Table[R] | None  # the table this one was derived from by position; None: itself
    _rows: tuple[int, ...] | None  # this table's positions in _base

    def __init__(self, records: Iterable[R] = (), *, dataset: Dataset | None = None) -> None:
        object.__setattr__(self, "_records", tuple(records))
        object.__setattr__(self, "_by_id", None)
        object.__setattr__(self, "_dataset", dataset)
        object.__setattr__(self, "_cache", {})
        object.__setattr__(self, "_base", None)
        object.__setattr__(self, "_rows", None)

    def __setattr__(self, name: str, value: object) -> None:
        msg = f"{type(self).__name__} is immutable: cannot set {name!r}"
        raise AttributeError(msg)

    def __reduce__(self) -> tuple[Any, ...]:
        # Pickled as its records: a copy is a free-standing table (queries resolve by id).
        return (Table, (self._records,))

    def __delattr__(self, name: str) -> None:
        msg = f"{type(self).__name__} is immutable: cannot delete {name!r}"
        raise AttributeError(msg)

    # -- sequence protocol ---------------------------------------------------------

    def __len__(self) -> int:
        return len(self._records)

    def __iter__(self) -> Iterator[R]:
        return iter(self._records)

    @overload
    def __getitem__(self, key: int) -> R: ...
    @overload
    def __getitem__(self, key: str) -> R: ...
    @overload
    def __getitem__(self, key: slice) -> Table[R]: ...
    def __getitem__(self, key: int | str | slice) -> R | Table[R]:
        if isinstance(key, str):
            found = self._index().get(key)
            if found is None:
                raise KeyError(self._unknown(key))
            return found
        if isinstance(key, slice):
            rows = range(len(self._records)) if self._rows is None else self._rows
            return self._derive(self._records[key], tuple(rows[key]))
        return self._records[key]

    def __contains__(self, item: object) -> bool:
        if isinstance(item, str):
            return item in self._index()
        return item in self._records

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Table):
            return NotImplemented
        return self._records == other._records

    def __hash__(self) -> int:
        return hash(self._records)

    def __repr__(self) -> str:
        ids = ", ".join(self.ids()[:5])
        more = ", ..." if len(self) > 5 else ""
        return f"Table[{len(self)}]({ids}{more})"

    # -- lookup ----------------------------------------------------------------------

    def get(self, id: str, default: R | None = None) -> R | None:  # noqa: A002 - "id" is the schema's name
        """Return the record with this id, or *default*."""
        return self._index().get(id, default)

    def ids(self) -> list[str]:
        """The ids of the records, in order."""
        return [r.id for r in self._records]

    def first(self) -> R | None:
        """The first record, or None when the table is empty."""
        return self._records[0] if self._records else None

    @property
    def records(self) -> tuple[R, ...]:
        """The records as a tuple."""
        return self._records

    def _index(self) -> dict[str, R]:
        index = self._by_id
        if index is None:
            index = {r.id: r for r in self._records}
            object.__setattr__(self, "_by_id", index)
        return index

    def _unknown(self, key: str) -> str:
        return f"no record with id {key!r}{did_you_mean(key, self._index())}"

    def _derive(self, records: Iterable[R], rows: tuple[int, ...] | None = None) -> Table[R]:
        """A new Table over *records* that keeps this table's dataset (and base, given *rows*)."""
        table = Table(records, dataset=self._dataset)
        if rows is not None:
            object.__setattr__(table, "_base", self if self._base is None else self._base)
            object.__setattr__(table, "_rows", rows)
        return table

    # -- queries: each returns a Table, served by an index (see docs/querying.md) ---------

    def by(self: Table[Q], actor: str | Actor) -> Table[Q]:
        """Statements by this speaker, demands made by this actor, events this actor took part in.

        *actor* is an id, name, alias or :class:`Actor`, resolved by :meth:`Dataset.actor`
        (a table without a dataset matches ids only).

        Raises:
            KeyError: no actor matches; the message names close matches.
        """
        from . import _index  # noqa: PLC0415 - query indexes load on first query

        return _index.by_role(self, "by", actor)

    def of(self: Table[A], actor: str | Actor) -> Table[A]:
        """Demands addressed to this actor, events that targeted it (see :meth:`by`)."""
        from . import _index  # noqa: PLC0415 - query indexes load on first query

        return _index.by_role(self, "of", actor)

    def about(self: Table[Q], topic: str | Topic) -> Table[Q]:
        """Records about this topic (an id, label or :class:`Topic`).

        Raises:
            KeyError: no topic matches; the message names close matches.
        """
        from . import _index  # noqa: PLC0415 - query indexes load on first query

        return _index.by_role(self, "about", topic)

    def involving(self: Table[Q], actor: str | Actor) -> Table[Q]:
        """Records in which this actor has any role: speaker or mentioned, by or addressee, actor or target."""
        from . import _index  # noqa: PLC0415 - query indexes load on first query

        return _index.by_role(self, "involving", actor)

    def where(self, **fields: Any) -> Table[R]:
        """Records whose every named field equals the value (a tuple field: contains it).

        Actor and topic fields resolve their values like :meth:`by` and :meth:`about`;
        enum fields take the member or its string value.

        Raises:
            TypeError: a field name is not one of the records' fields.
        """
        from . import _index  # noqa: PLC0415 - query indexes load on first query

        return _index.where(self, fields)

    def between(self: Table[D], start: DateBound, end: DateBound) -> Table[D]:
        """Records whose date interval overlaps ``[start.earliest, end.latest]``; undated never match.

        Bounds are PartialDates of any precision, ISO strings, ``datetime.date`` or None (open).
        """
        from . import _index  # noqa: PLC0415 - query indexes load on first query

        return _index.between(self, start, end)

    def reported_by(self: Table[E], source: str | Source) -> Table[E]:
        """Records with evidence from *source* (an id or a :class:`Source`): the records it reports."""
        from .corroboration import reported_by  # noqa: PLC0415 - query indexes load on first query

        return reported_by(self, source)

    def corroborated(self: Table[E], min_sources: int = 2) -> Table[E]:
        """Records reported by at least *min_sources* sources (with the records ``same_as`` them, in a dataset).

        Raises:
            ValueError: *min_sources* is not an int >= 0.
        """
        from .corroboration import corroborated  # noqa: PLC0415

        return corroborated(self, min_sources)

    def sorted(self, key: str | Callable[[R], Any], *, reverse: bool = False) -> Table[R]:
        """The records ordered by a field name or key function (stable; None values last)."""
        from . import _index  # noqa: PLC0415 - query indexes load on first query

        return _index.sort(self, key, reverse)

    def to_records(self) -> list[dict[str, Any]]:
        """The records as plain JSON-ready dicts, keys in schema order."""
        from .query import to_records  # noqa: PLC0415 - query builds on dataset

        return to_records(self)

    def to_dataframe(self) -> pandas.DataFrame:
        """The records as a pandas DataFrame, one column per field in schema order.

        Raises:
            ImportError: pandas is not installed (``pip install 'mideastdata[pandas]'``).
        """
        from .query import to_dataframe  # noqa: PLC0415

        return to_dataframe(self)

    def to_arrow(self) -> pyarrow.Table:
        """The records as a ``pyarrow.Table`` in the Parquet export's schema: lists and structs for nested fields.

        Raises:
            ImportError: pyarrow is not installed (``pip install 'mideastdata[parquet]'``).
            TypeError: the table is empty and of no known kind.
        """
        result: pyarrow.Table = CONVERSIONS["to_arrow"](self)
        return result

    def to_polars(self) -> polars.DataFrame:
        """The records as a ``polars.DataFrame`` (the Arrow table; enum fields as ``polars.Enum``).

        Raises:
            ImportError: polars or pyarrow is not installed (``pip install 'mideastdata[polars]'``).
        """
        result: polars.DataFrame = CONVERSIONS["to_polars"](self)
        return result


