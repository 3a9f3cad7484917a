# SPDX-License-Identifier: MIT
"""Queries that are more than a filter: quotes, search, positions and disagreements, exports.

These back :meth:`Dataset.quote`, :meth:`Dataset.search`, :meth:`Dataset.positions`,
:meth:`Dataset.disagreements`, :meth:`Table.to_records` and :meth:`Table.to_dataframe`.
The result types (:class:`Hit`, :class:`TopicPosition`, :class:`Disagreement`) are
frozen attrs classes.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from typing import TYPE_CHECKING, Any, Union

import attrs

from . import _index
from ._codegen import builders
from ._search import Hit, SearchResults, search
from .model import Actor, Demand, Event, Evidence, Position, Statement, Topic

if TYPE_CHECKING:
    import pandas as pd

    from .dataset import Dataset, Table

__all__ = [
    "QUOTE_SEPARATOR",
    "Disagreement",
    "Hit",
    "SearchResults",
    "TopicPosition",
    "disagreements",
    "positions",
    "quote_spans",
    "search",
    "to_dataframe",
    "to_records",
]

QUOTE_SEPARATOR = " … "
"""What :meth:`Dataset.quote` puts between a record's evidence spans."""

Anchored = Union[Actor, Statement, Demand, Event]
"""A record that carries evidence."""

# --------------------------------------------------------------------------- quotes


def quote_spans(ds: Dataset, record: Anchored) -> tuple[Evidence, ...]:
    """The evidence behind *record*, in reading order: by source (in dataset order), then offset.

    Raises:
        TypeError: *record* carries no evidence (a Source or Topic).
        KeyError: *record* is not in *ds*.
    """
    table = _table_of(ds, record)
    if table is None:
        msg = f"only actors, statements, demands and events carry evidence, not {type(record).__name__}"
        raise TypeError(msg)
    if table.get(record.id) != record:
        msg = f"{record.id!r} is not a record of dataset {ds.name!r}"
        raise KeyError(msg)
    order = {source_id: i for i, source_id in enumerate(ds.sources.ids())}
    return tuple(sorted(record.evidence, key=lambda e: (order.get(e.source, len(order)), e.source, e.start, e.end)))


def _table_of(ds: Dataset, record: object) -> Table[Any] | None:
    tables: dict[type[Any], Table[Any]] = {
        Actor: ds.actors, Statement: ds.statements, Demand: ds.demands, Event: ds.events
    }
    return tables.get(type(record))


# --------------------------------------------------------------------------- positions


@attrs.frozen
class TopicPosition:
    """One actor's position on one topic, with the records and evidence it rests on.

    *records* are the statements whose stance on the topic takes this position and
    the demands on the topic (a demand counts as support for what it demands);
    *conditions* are the conditions those records state.
    """

    actor: Actor
    topic: Topic
    position: Position
    records: tuple[Statement | Demand, ...]
    conditions: tuple[str, ...]
    evidence: tuple[Evidence, ...]


@attrs.frozen
class Disagreement:
    """A topic that one actor supports and another opposes: both sides, with evidence."""

    topic: Topic
    supporting: tuple[TopicPosition, ...]
    opposing: tuple[TopicPosition, ...]


def _stance_topics(record: Statement) -> Iterable[Hashable]:
    return [stance.topic for stance in record.stances]


def positions(ds: Dataset, topic: str | Topic) -> tuple[TopicPosition, ...]:
    """Each actor's positions on *topic*, ordered by actor, then supports, opposes, conditional.

    A statement contributes its speaker's stance on the topic; a demand on the topic
    counts as its author supporting it. An actor with several positions (say,
    support in one statement and opposition in another) gets one entry for each.

    Raises:
        KeyError: no topic matches; the message names close matches.
    """
    found = ds.topic(topic)
    grouped: dict[tuple[str, Position], list[tuple[Statement | Demand, str | None]]] = {}
    for statement in _index.lookup(ds.statements, "stance-topics", _stance_topics, found.id):
        for stance in statement.stances:
            if stance.topic == found.id:
                grouped.setdefault((statement.speaker, stance.position), []).append((statement, stance.condition))
    for demand in ds.demands.about(found.id):
        grouped.setdefault((demand.by, Position.SUPPORTS), []).append((demand, demand.condition))
    actor_order = {actor_id: i for i, actor_id in enumerate(ds.actors.ids())}
    order = list(Position)
    out = []
    for actor_id, position in sorted(grouped, key=lambda k: (actor_order[k[0]], order.index(k[1]))):
        basis = grouped[(actor_id, position)]
        records = tuple(dict.fromkeys(record for record, _ in basis))
        out.append(
            TopicPosition(
                actor=ds.actors[actor_id],
                topic=found,
                position=position,
                records=records,
                conditions=tuple(dict.fromkeys(c for _, c in basis if c is not None)),
                evidence=tuple(dict.fromkeys(e for record in records for e in record.evidence)),
            )
        )
    return tuple(out)


def disagreements(ds: Dataset) -> tuple[Disagreement, ...]:
    """Every topic (in dataset order) that some actor supports and a different actor opposes."""
    out = []
    for topic in ds.topics:
        found = positions(ds, topic)
        supporting = tuple(p for p in found if p.position is Position.SUPPORTS)
        opposing = tuple(p for p in found if p.position is Position.OPPOSES)
        if any(s.actor.id != o.actor.id for s in supporting for o in opposing):
            out.append(Disagreement(topic=topic, supporting=supporting, opposing=opposing))
    return tuple(out)


# --------------------------------------------------------------------------- exports


def to_records(table: Table[Any]) -> list[dict[str, Any]]:
    """The table's records as plain JSON-ready dicts (as a JSON document holds them), keys in schema order."""
    plain = builders().plain
    return [plain[type(record)](record) for record in table]


def to_dataframe(table: Table[Any]) -> pd.DataFrame:
    """The table as a pandas DataFrame: one row per record, one column per field in schema order.

    Raises:
        ImportError: pandas is not installed.
    """
    try:
        import pandas as pd  # noqa: PLC0415 - an optional extra
    except ImportError as exc:
        msg = "to_dataframe() needs pandas: pip install 'mideastdata[pandas]'"
        raise ImportError(msg) from exc
    kind = _index.record_type(table)
    columns = [f.name for f in attrs.fields(kind)] if kind is not None else []
    frame: pd.DataFrame = pd.DataFrame(to_records(table), columns=columns)
    return frame
