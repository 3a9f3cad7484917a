# SPDX-License-Identifier: MIT
"""Queries that are more than a filter: quotes, search, positions and disagreements, exports.

These back :meth:`Dataset.quote`, :meth:`Dataset.search`, :meth:`Dataset.positions`,
:meth:`Dataset.disagreements`, :meth:`Table.to_records` and :meth:`Table.to_dataframe`.
The result types (:class:`Hit`, :class:`TopicPosition`, :class:`Disagreement`) are
frozen attrs classes.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Hashable, Iterable
from typing import TYPE_CHECKING, Any, Union

import attrs

from . import _index
from ._codegen import builders
from ._names import normalize_name
from .model import Actor, Demand, Event, Evidence, Position, Statement, Topic

if TYPE_CHECKING:
    import pandas as pd

    from .dataset import Dataset, Table

__all__ = [
    "QUOTE_SEPARATOR",
    "Disagreement",
    "Hit",
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


# --------------------------------------------------------------------------- search

_WEIGHTS = {"name": 3.0, "aliases": 3.0, "summary": 2.0, "quote": 2.0, "text": 2.0, "evidence": 1.0}
"""How much a term matched in each field counts (see :func:`search`)."""
_PREFIX = 0.5
_TABLES = ("actors", "statements", "demands", "events")
_WORD_RE = re.compile(r"\w+")
_TERM_RE = re.compile(r'"([^"]*)"?|(\S+)')


@attrs.frozen
class Hit:
    """A search result: the record, its table, its score and the fields that matched.

    Each word or phrase of the query scores the weight of the best field it matches
    (an actor's name or alias 3; a summary, quote or demand text 2; an evidence quote 1),
    halved when only a word prefix matches; :attr:`score` is the sum. Hits come
    highest score first, then by table (actors, statements, demands, events), then
    in table order.
    """

    table: str
    record: Anchored
    score: float
    fields: tuple[str, ...]


def _tokens(text: str) -> tuple[str, ...]:
    return tuple(_WORD_RE.findall(normalize_name(text)))


def _fields(table: str, record: Any) -> list[tuple[str, tuple[str, ...]]]:
    texts: list[tuple[str, str]]
    if table == "actors":
        texts = [("name", record.name), *(("aliases", a) for a in record.aliases)]
    else:
        main = "text" if table == "demands" else "summary"
        texts = [(main, getattr(record, main))]
        if table == "statements" and record.quote is not None:
            texts.append(("quote", record.quote))
        texts.extend(("evidence", e.quote) for e in record.evidence)
    return [(name, _tokens(text)) for name, text in texts]


@attrs.frozen
class _SearchIndex:
    docs: list[tuple[int, int, list[tuple[str, tuple[str, ...]]]]]  # (table number, position, fields)
    postings: dict[str, list[int]]
    vocabulary: list[str]


def _build_search(ds: Dataset) -> _SearchIndex:
    docs: list[tuple[int, int, list[tuple[str, tuple[str, ...]]]]] = []
    postings: dict[str, list[int]] = {}
    for t, name in enumerate(_TABLES):
        for pos, record in enumerate(getattr(ds, name)):
            fields = _fields(name, record)
            doc = len(docs)
            docs.append((t, pos, fields))
            for token in {tok for _, toks in fields for tok in toks}:
                postings.setdefault(token, []).append(doc)
    return _SearchIndex(docs, postings, sorted(postings))


def _terms(text: str) -> list[tuple[tuple[str, ...], bool]]:
    """(tokens, prefix allowed) per quoted phrase or bare word of *text*."""
    terms = []
    for phrase, word in _TERM_RE.findall(text):
        tokens = _tokens(phrase or word)
        if tokens:
            terms.append((tokens, not phrase and len(tokens) == 1))
    return terms


def _match(term: tuple[str, ...], prefix: bool, tokens: tuple[str, ...]) -> float:
    """1 for an exact (contiguous) match of *term* in *tokens*, 0.5 for a word prefix, else 0."""
    n = len(term)
    if any(tokens[i : i + n] == term for i in range(len(tokens) - n + 1)):
        return 1.0
    if prefix and any(tok.startswith(term[0]) for tok in tokens):
        return _PREFIX
    return 0.0


def _candidates(index: _SearchIndex, term: tuple[str, ...], prefix: bool) -> set[int]:
    if prefix:
        vocab = index.vocabulary
        first = bisect.bisect_left(vocab, term[0])
        last = bisect.bisect_left(vocab, term[0] + "\U0010ffff")
        return {doc for token in vocab[first:last] for doc in index.postings[token]}
    found: set[int] | None = None
    for token in sorted(set(term), key=lambda tok: len(index.postings.get(tok, ()))):
        docs = index.postings.get(token, ())
        found = set(docs) if found is None else found.intersection(docs)
        if not found:
            break
    return found or set()


def search(ds: Dataset, text: str) -> tuple[Hit, ...]:
    """Ranked hits for *text* over actors, statements, demands and events.

    Text is folded like actor names (case, accents and apostrophes ignored) and cut
    into words. A bare word matches a word it equals or begins (``hostage`` finds
    ``hostages``); a ``"quoted phrase"`` matches only its words, whole and contiguous.
    A record is a hit when every word and phrase matches one of its fields: an
    actor's name and aliases; a statement's summary, quote and evidence; a demand's
    text and evidence; an event's summary and evidence.

    Ranking: each word or phrase scores the weight of the best field it matches
    (name or alias 3, summary, quote or text 2, evidence 1), halved when only a
    prefix matches; a hit's score is the sum. Hits are ordered by score, highest
    first, then by table (actors, statements, demands, events), then by position.
    """
    terms = _terms(text)
    if not terms:
        return ()
    index: _SearchIndex = _index.cached(ds._cache, "search", lambda: _build_search(ds))  # noqa: SLF001
    docs: set[int] | None = None
    for tokens, prefix in terms:
        found = _candidates(index, tokens, prefix)
        docs = found if docs is None else docs & found
    hits: list[tuple[float, int, int, Hit]] = []
    for doc in docs or ():
        t, pos, fields = index.docs[doc]
        score, matched = 0.0, set()
        for tokens, prefix in terms:
            best = 0.0
            for name, field_tokens in fields:
                quality = _match(tokens, prefix, field_tokens)
                if quality:
                    matched.add(name)
                    best = max(best, quality * _WEIGHTS[name])
            if not best:
                break
            score += best
        else:
            record = getattr(ds, _TABLES[t])[pos]
            names = tuple(dict.fromkeys(name for name, _ in fields if name in matched))
            hits.append((-score, t, pos, Hit(_TABLES[t], record, score, names)))
    hits.sort(key=lambda h: h[:3])
    return tuple(h[3] for h in hits)


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
