# SPDX-License-Identifier: MIT
"""The records as compact rows for the page: raw values, words composed in the page on demand.

Putting every record's fields in words into the page would cost tens of microseconds and
hundreds of bytes a record; a row holds the raw values instead (actor and topic ids, enum
values, codes) and the page's ``words.js`` composes the words of a record when it is drawn,
from the names and vocabularies sent once (:meth:`Rows.vocabularies`, built from the same
words as :func:`mideastdata.view._words.describe`; a browser test holds the two equal).

Row layouts (the evidence ``spans`` come last, as ``source number, start, end`` triples,
or ``-1, quote, 0`` for a span whose source is not in the page):

- actor: ``0, id, anchor, name, kind, aliases, roles [[title, of]], member_of, country,
  cameo, anonymous, wikidata, identifiers [[scheme, value]], spans``;
- statement: ``1, id, anchor, speaker, kind, summary, quote, attribution, topics, mentions,
  stances [[topic, position, condition]], date, cameo, plover, spans``;
- demand: ``2, id, anchor, by, addressee, topic, text, kind, condition, statement, spans``;
- event: ``3, id, anchor, kind, summary, actors, targets, location, date, status, topics,
  cameo, plover, spans``.

``anchor`` is 0 where it is the id itself, else ``table/id`` (an id in two tables).
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from typing import Any

from ..model import (
    Actor,
    ActorKind,
    Attribution,
    Demand,
    DemandKind,
    Event,
    EventKind,
    EventStatus,
    Position,
    Source,
    Statement,
    StatementKind,
)
from ._words import ATTRIBUTION_WORDS, cameo_actor_words, cameo_event_words, plover_words, words

__all__ = ["RECORD_TABLES", "Rows", "anchor", "shared_ids"]

RECORD_TABLES = ("actors", "statements", "demands", "events")
_ENUMS: dict[str, type[enum.Enum]] = {
    "actorKind": ActorKind,
    "statementKind": StatementKind,
    "attribution": Attribution,
    "position": Position,
    "demandKind": DemandKind,
    "eventKind": EventKind,
    "eventStatus": EventStatus,
}
_TABLE_OF = {Actor: "actors", Statement: "statements", Demand: "demands", Event: "events"}


def shared_ids(records: Sequence[Any]) -> set[str]:
    """The ids that more than one of *records* carries (the same id in two tables)."""
    seen: set[str] = set()
    shared: set[str] = set()
    for r in records:
        (shared if r.id in seen else seen).add(r.id)
    return shared


def anchor(table: str, record_id: str, shared: set[str]) -> str:
    """A record's fragment id: its own id, or ``table/id`` where the id is in more than one table."""
    return f"{table}/{record_id}" if record_id in shared else record_id


class Rows:
    """Encodes records as rows (:meth:`rows`) and names the words they need (:meth:`vocabularies`)."""

    def __init__(self, sources: Sequence[Source], records: Sequence[Any]) -> None:
        self.source_index = {s.id: i for i, s in enumerate(sources)}
        self.shared = shared_ids(records)
        self.records = records

    def rows(self) -> list[list[Any]]:
        """Every record as its row, in order (the hot loop of a big page: no call per field)."""
        where = self.source_index
        shared = self.shared
        out: list[list[Any]] = []
        append = out.append
        for r in self.records:
            spans: list[Any] = []
            for e in r.evidence:
                si = where.get(e.source)
                spans += (si, e.start, e.end) if si is not None else (-1, e.quote, 0)
            kind = type(r)
            anchor_ = f"{_TABLE_OF[kind]}/{r.id}" if shared and r.id in shared else 0
            if kind is Statement:
                append([
                    1, r.id, anchor_, r.speaker, r.kind, r.summary, r.quote, r.attribution, r.topics, r.mentions,
                    [(x.topic, x.position, x.condition) for x in r.stances] if r.stances else (),
                    None if r.date is None else str(r.date), r.cameo, r.plover, spans,
                ])
            elif kind is Demand:
                append([2, r.id, anchor_, r.by, r.addressee, r.topic, r.text, r.kind, r.condition, r.statement, spans])
            elif kind is Event:
                append([
                    3, r.id, anchor_, r.kind, r.summary, r.actors, r.targets, r.location,
                    None if r.date is None else str(r.date), r.status, r.topics, r.cameo, r.plover, spans,
                ])
            elif kind is Actor:
                append([
                    0, r.id, anchor_, r.name, r.kind, r.aliases, [(x.title, x.of) for x in r.roles] if r.roles else (),
                    r.member_of, r.country, r.cameo, r.anonymous, r.wikidata,
                    [(x.scheme, x.value) for x in r.identifiers] if r.identifiers else (), spans,
                ])
        return out

    def vocabularies(self) -> dict[str, Any]:
        """The words the page composes records from: enum values and the labels of the codes used."""
        found: dict[str, Any] = {name: {m.value: words(m.value) for m in kind} for name, kind in _ENUMS.items()}
        found["attribution"] = {m.value: ATTRIBUTION_WORDS.get(m.value, words(m.value)) for m in Attribution}
        coded = [r for r in self.records if type(r) in {Statement, Event}]
        found["cameo"] = {c: cameo_event_words(c) for c in sorted({r.cameo for r in coded if r.cameo})}
        found["plover"] = {c: plover_words(c) for c in sorted({r.plover for r in coded if r.plover})}
        actor_codes = {r.cameo for r in self.records if type(r) is Actor and r.cameo}
        found["cameoActor"] = {c: cameo_actor_words(c) for c in sorted(actor_codes)}
        return found
