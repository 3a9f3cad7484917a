# SPDX-License-Identifier: MIT
"""Dataset and Table: the immutable containers, lookup by id, actor resolution.

A :class:`Dataset` checks itself whole when it is built (see
:mod:`mideastdata._checks`): nothing invalid can be constructed.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import attrs

from ._display import _HtmlRepr, remember_dataset
from ._names import normalize_name
from ._resolve import fallback_keys, rank_close
from ._schema import SCHEMA_VERSION
from ._table import CONVERSIONS, Table
from .errors import DatasetError, did_you_mean
from .model import Actor, Demand, Event, Evidence, Source, Statement, Topic

if TYPE_CHECKING:
    import networkx  # noqa: ICN001
    import pandas  # noqa: ICN001 - spelt out so the API reference names pandas.DataFrame
    from typing_extensions import Self

    from .citations import Citation
    from .corroboration import Contradiction, Corroboration
    from .eventdata import EventTable
    from .query import Disagreement, SearchResults, TopicPosition

__all__ = ["CONVERSIONS", "SCHEMA_VERSION", "Dataset", "Table", "normalize_name"]

_MIGRATED: frozenset[str] = frozenset({"1.0"})
"""Older schema versions read as this one: 1.1 only added optional fields, so a 1.0 document is a 1.1 one."""


def _migrate(version: Any) -> Any:
    """The schema version a dataset of *version* holds once read: an older minor version is migrated."""
    return SCHEMA_VERSION if version in _MIGRATED else version


def _as_table(value: Iterable[Any]) -> Table[Any]:
    if isinstance(value, Table):
        return Table(value.records)
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        msg = f"a table must be a tuple of records, got {type(value).__name__}"
        raise TypeError(msg)
    return Table(value)


@attrs.frozen(kw_only=True, eq=True)
class Dataset(_HtmlRepr):
    """A whole dataset: metadata plus six tables, checked whole when built.

    Raises:
        DatasetError: any id is duplicated, any reference dangles, any evidence
            quote differs from its source, or any code is unknown; every problem
            is listed with its path.
    """

    name: str
    version: str
    license: str = ""
    citation: str = ""
    schema_version: str = attrs.field(default=SCHEMA_VERSION, converter=_migrate)
    sources: Table[Source] = attrs.field(default=(), converter=_as_table)
    actors: Table[Actor] = attrs.field(default=(), converter=_as_table)
    topics: Table[Topic] = attrs.field(default=(), converter=_as_table)
    statements: Table[Statement] = attrs.field(default=(), converter=_as_table)
    demands: Table[Demand] = attrs.field(default=(), converter=_as_table)
    events: Table[Event] = attrs.field(default=(), converter=_as_table)
    _cache: dict[str, Any] = attrs.field(init=False, factory=dict, eq=False, repr=False, hash=False)
    _lock: threading.Lock = attrs.field(
        init=False, factory=threading.Lock, eq=False, repr=False, hash=False
    )

    def __attrs_post_init__(self) -> None:
        from ._checks import check_dataset  # noqa: PLC0415 - import cycle: checks use Dataset's tables

        problems = check_dataset(self)
        if problems:
            raise DatasetError(problems)
        for table in self.tables().values():
            object.__setattr__(table, "_dataset", self)
        remember_dataset(self)  # so a record's notebook view can find its source texts

    def __reduce__(self) -> tuple[Any, ...]:
        # Pickled as its constructor's arguments, so the lock and caches are not copied and
        # the copy (e.g. in another process) is checked whole again when it is rebuilt.
        fields = {f.name: getattr(self, f.name) for f in attrs.fields(Dataset) if f.init}
        return (_rebuild_dataset, ({k: v.records if isinstance(v, Table) else v for k, v in fields.items()},))

    def tables(self) -> dict[str, Table[Any]]:
        """The six tables by name, in schema order."""
        return {
            "sources": self.sources,
            "actors": self.actors,
            "topics": self.topics,
            "statements": self.statements,
            "demands": self.demands,
            "events": self.events,
        }

    def evolve(self, **changes: Any) -> Self:
        """A new Dataset with *changes* applied (checked whole again)."""
        return attrs.evolve(self, **changes)

    # -- actor resolution ---------------------------------------------------------------

    def _names(self) -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
        """The folded id, names and aliases -> actor ids; and named people's folded surnames -> actor ids."""
        names: tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]] | None = self._cache.get("names")
        if names is None:
            with self._lock:
                names = self._cache.get("names")
                if names is None:
                    exact: dict[str, list[str]] = {}
                    fallback: dict[str, list[str]] = {}
                    for actor in self.actors:
                        folded = [normalize_name(name) for name in (actor.id, actor.name, *actor.aliases)]
                        for index, keys in ((exact, folded), (fallback, fallback_keys(actor, folded[1]))):
                            for key in keys:
                                ids = index.setdefault(key, [])
                                if actor.id not in ids:
                                    ids.append(actor.id)
                    names = ({k: tuple(v) for k, v in exact.items()}, {k: tuple(v) for k, v in fallback.items()})
                    self._cache["names"] = names
        return names

    def _identified(self, query: str) -> tuple[str, ...]:
        """The ids of the actors that *query* identifies by a crosswalk key, or failing that a CAMEO code."""
        from ._crosswalk import key_index, lookup  # noqa: PLC0415

        index: dict[str, tuple[str, ...]] | None = self._cache.get("keys")
        if index is None:
            with self._lock:
                index = self._cache.get("keys") or self._cache.setdefault("keys", key_index(self.actors))
        return lookup(index, query)

    def actor(self, query: str | Actor) -> Actor:
        """Resolve an actor by id, canonical name, any alias, a crosswalk identifier, or a surname.

        Matching ignores case, accents and the form of apostrophes, so
        ``"vitikoff"``, ``"Vitikoff"`` and ``"steve-witkoff"`` find the same actor.
        Identifiers are a Wikidata QID (``"Q801"``), a state's ISO 3166-1 alpha-3 code
        (``"ISR"``), ``"scheme:value"`` for any other (``"ucdp:234"``), or a CAMEO actor
        code that one actor carries. Failing all of those, a named person's surname (the
        last word of the canonical name: ``"Witkoff"``) resolves when one person has it.

        Raises:
            KeyError: nothing matches (the message names close matches, those sharing
                words with *query* first), or the name, surname or code is shared by
                several actors (the message names them).
        """
        if isinstance(query, Actor):
            query = query.id
        if not isinstance(query, str):
            msg = f"an actor is given by id, name, alias or Actor, not {type(query).__name__}"
            raise TypeError(msg)
        found = self.actors.get(query)
        if found is not None:
            return found
        names, surnames = self._names()
        folded = normalize_name(query)
        ids = names.get(folded, ()) or self._identified(query) or surnames.get(folded, ())
        if len(ids) == 1:
            return self.actors[ids[0]]
        if len(ids) > 1:
            msg = f"{query!r} names several actors: {', '.join(ids)}; use an id"
            raise KeyError(msg)
        # One suggestion per actor, however many of its names come close.
        close = dict.fromkeys(self.actors[names[c][0]].name for c in rank_close(folded, names, n=6))
        hint = ""
        if close:
            hint = " — did you mean " + " or ".join(repr(name) for name in list(close)[:3]) + "?"
        msg = f"no actor matches {query!r}{hint}"
        raise KeyError(msg)

    def topic(self, query: str | Topic) -> Topic:
        """Resolve a topic by id (or label, case-insensitively).

        Raises:
            KeyError: nothing matches; the message names close matches.
        """
        if isinstance(query, Topic):
            query = query.id
        found = self.topics.get(query)
        if found is not None:
            return found
        folded = normalize_name(query)
        for topic in self.topics:
            if normalize_name(topic.label) == folded:
                return topic
        msg = f"no topic matches {query!r}{did_you_mean(query, self.topics.ids())}"
        raise KeyError(msg)

    # -- queries beyond a filter (see mideastdata.query) --------------------------------------

    def quote(self, record: Actor | Statement | Demand | Event) -> str:
        """The exact source words behind *record*: its evidence quotes in reading order, joined by " … "."""
        from .query import QUOTE_SEPARATOR, quote_spans  # noqa: PLC0415 - query builds on dataset

        return QUOTE_SEPARATOR.join(span.quote for span in quote_spans(self, record))

    def quote_spans(self, record: Actor | Statement | Demand | Event) -> tuple[Evidence, ...]:
        """The evidence spans behind *record*, in reading order (source, then offset)."""
        from .query import quote_spans  # noqa: PLC0415

        return quote_spans(self, record)

    def search(  # noqa: PLR0913 - the text, the page and the filters, all keyword-only but the text
        self,
        text: str,
        *,
        limit: int | None = 20,
        offset: int = 0,
        table: str | Iterable[str] | None = None,
        actor: str | Actor | None = None,
        topic: str | Topic | None = None,
    ) -> SearchResults:
        """The best hits for *text* over names, aliases, summaries, quotes, texts and evidence.

        Case- and accent-insensitive; a bare word also matches as a word prefix, a
        ``"quoted phrase"`` only whole and contiguous; every word and phrase must match.
        User text is always words and phrases: FTS5 operators in it (``NEAR``, ``*``,
        ``OR``, column filters) are plain words or ignored punctuation. Ranked by BM25,
        weighted by field (see :class:`Hit`); ties in table order.

        Args:
            text: the words and phrases to find.
            limit: the most hits to return (20 by default; None for all).
            offset: how many of the best hits to skip (for the next page).
            table: only hits in this table (or these tables) of ``actors``, ``statements``,
                ``demands`` and ``events``.
            actor: only records in which this actor (id, name, alias or Actor) has a role,
                as :meth:`Table.involving` finds them, and the actor itself.
            topic: only statements, demands and events about this topic (id, label or Topic).

        Returns:
            The page of hits, best first; its ``total`` is the number of hits in all.

        Raises:
            ValueError: a bad *limit*, *offset* or *table*.
            KeyError: the *actor* or *topic* is unknown (the message names close matches).
            RuntimeError: this Python's SQLite lacks FTS5.
        """
        from ._search import search  # noqa: PLC0415 - the search index loads on first search

        return search(self, text, limit=limit, offset=offset, table=table, actor=actor, topic=topic)

    def build_search_index(self, path: str | os.PathLike[str] | None = None) -> bool:
        """Build the search index now rather than on the first search; with *path*, keep it in that file.

        With *path*, an index the file already holds is used when it was built from this
        dataset's searchable content (a SHA-256 of every searched text, stored in the
        file); otherwise the index is built and the file replaced atomically. The file is
        never used stale. Returns whether the index was built (False: reused).
        """
        from ._search import prepare  # noqa: PLC0415 - the search index loads on first search

        return prepare(self, path)

    def positions(self, topic: str | Topic) -> tuple[TopicPosition, ...]:
        """Each actor's positions on *topic*, from statement stances and demands, with evidence.

        Raises:
            KeyError: no topic matches; the message names close matches.
        """
        from .query import positions  # noqa: PLC0415

        return positions(self, topic)

    def disagreements(self) -> tuple[Disagreement, ...]:
        """Every topic that one actor supports and another opposes, both sides with evidence."""
        from .query import disagreements  # noqa: PLC0415

        return disagreements(self)

    def corroboration(self) -> tuple[Corroboration, ...]:
        """Per statement, demand and event with the records ``same_as`` it: what its reports say together.

        Each :class:`Corroboration` holds the sources, their count, the earliest report and
        the fields on which the reports disagree, each side with its evidence.
        """
        from .corroboration import corroboration  # noqa: PLC0415

        return corroboration(self)

    def contradictions(self) -> tuple[Contradiction, ...]:
        """Every disagreement between the reports of one record (status, date, participants, stance...)."""
        from .corroboration import contradictions  # noqa: PLC0415

        return contradictions(self)

    def cite(self) -> tuple[Citation, ...]:
        """A citation for every source, in table order (plain text, BibTeX and CSL-JSON)."""
        from .citations import Citation  # noqa: PLC0415

        return tuple(Citation(source=src) for src in self.sources)

    # -- views for event data, dataframes and graphs --------------------------------------------

    def to_dataframes(self) -> dict[str, pandas.DataFrame]:
        """One pandas DataFrame per table, by name: codes kept as strings, enum fields as categoricals.

        Raises:
            ImportError: pandas is not installed (``pip install 'mideastdata[pandas]'``).
        """
        result: dict[str, pandas.DataFrame] = CONVERSIONS["to_dataframes"](self)
        return result

    def network(self) -> networkx.MultiDiGraph:
        """The actor graph: actors as nodes, an edge per demand, statement mention and event pair.

        Edges are keyed by record id, with ``relation`` (``demand``, ``mention``, ``event``),
        ``kind``, ``topics``, ``date`` and codes: the :meth:`event_table` rows between two actors.

        Raises:
            ImportError: networkx is not installed (``pip install 'mideastdata[network]'``).
        """
        from .network import build_network  # noqa: PLC0415 - an optional extra, on first use

        return build_network(self)

    def event_table(self) -> EventTable:
        """The dyadic, GDELT-shaped event table: one :class:`~mideastdata.EventRow` per (source, target, record).

        Events give a row per (actor, target), statements one per mentioned actor, demands one
        (by, addressee); an empty side counts once, as no actor. Built once and cached.
        """
        from .eventdata import build_event_table  # noqa: PLC0415 - built on first use

        table: EventTable | None = self._cache.get("event_table")
        if table is None:
            table = build_event_table(self)
            self._cache["event_table"] = table
        return table


def _rebuild_dataset(fields: dict[str, Any]) -> Dataset:
    return Dataset(**fields)
