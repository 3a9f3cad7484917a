"""Hypothesis strategies for whole, valid datasets (reused by every round-trip test).

``datasets()`` draws a :class:`mideastdata.Dataset` that passes every check: ids are
unique slugs, every reference resolves, every record has evidence spans cut from its
source's text, a statement has a quote (words of its evidence) if and only if it is direct,
stances are on the statement's topics, one per topic, codes are known. Text fields mix any Unicode (Arabic, Hebrew, emoji, controls)
with the characters that break naive serialisers: quotes, commas, CR and LF, a leading
``=`` or ``'``, empty strings wherever they are allowed; optional fields are ``None``
as often as not; dates come at every precision.
"""

from __future__ import annotations

import calendar
from typing import Any, TypeVar

from hypothesis import strategies as st

import mideastdata as md
from mideastdata._plover import PLOVER_KINDS
from mideastdata.codes import (
    CAMEO_COUNTRY_CODES,
    CAMEO_EVENT_CODES,
    PLOVER_CONTEXTS,
    PLOVER_MODES,
    PLOVER_TYPES,
    PLOVER_VERSIONS,
    plover_current_type,
)

__all__ = ["datasets", "nonblank_texts", "partial_dates", "slugs", "texts"]

T = TypeVar("T")

_TRICKY = (
    "", " ", ",", '"', '""', "'", "\n", "\r\n", "\r", "\t", "=1+1", "+1", "-1", "@SUM(A1)", "'quoted",
    "حماس", "ישראל", "القدس عاصمة", 'שלום, "עולם"', "null", "None", "[]", "{}", "\\", "\x00", "\u2028",
    "\ufeff", "é", "👍🏽",
)

_CHARS = st.characters(codec="utf-8", exclude_categories=["Cs"])

texts: st.SearchStrategy[str] = st.one_of(
    st.sampled_from(_TRICKY),
    st.text(_CHARS, max_size=12),
    st.lists(st.sampled_from(_TRICKY) | st.text(_CHARS, max_size=4), max_size=4).map("".join),
)
"""Any string, empty included, weighted towards the characters that break serialisers."""

nonblank_texts: st.SearchStrategy[str] = texts.filter(lambda s: bool(s.strip()))
"""A string with at least one non-whitespace character (what ``_nonempty_str`` fields need)."""

slugs: st.SearchStrategy[str] = st.from_regex(r"[a-z0-9]{1,6}(-[a-z0-9]{1,4}){0,2}", fullmatch=True)
"""A lowercase slug, the form of every id."""


@st.composite
def partial_dates(draw: st.DrawFn) -> md.PartialDate:
    """A date of year, month or day precision."""
    year = draw(st.integers(1, 9999))
    precision = draw(st.sampled_from(("year", "month", "day")))
    if precision == "year":
        return md.PartialDate(year=year)
    month = draw(st.integers(1, 12))
    if precision == "month":
        return md.PartialDate(year=year, month=month)
    day = draw(st.integers(1, calendar.monthrange(year, month)[1]))
    return md.PartialDate(year=year, month=month, day=day)


def _optional(strategy: st.SearchStrategy[T]) -> st.SearchStrategy[T | None]:
    return st.none() | strategy


def _ids(draw: st.DrawFn, prefix: str, n_min: int, n_max: int) -> list[str]:
    raw = draw(st.lists(slugs, min_size=n_min, max_size=n_max, unique=True))
    return [f"{prefix}-{s}" for s in raw]


def _subset(draw: st.DrawFn, pool: list[str], max_size: int = 3) -> tuple[str, ...]:
    if not pool:
        return ()
    return tuple(draw(st.lists(st.sampled_from(pool), max_size=max_size)))


def _earlier(draw: st.DrawFn, ids: list[str]) -> str | None:
    """None, or the id of a record drawn before (what ``same_as`` refers to)."""
    return draw(_optional(st.sampled_from(ids))) if ids else None


@st.composite
def _evidence(draw: st.DrawFn, sources: tuple[md.Source, ...]) -> tuple[md.Evidence, ...]:
    spans = []
    for _ in range(draw(st.integers(1, 2))):
        src = draw(st.sampled_from(sources))
        anchors = [i for i, ch in enumerate(src.text) if not ch.isspace()]
        anchor = draw(st.sampled_from(anchors))
        start = draw(st.integers(0, anchor))
        end = draw(st.integers(anchor + 1, len(src.text)))
        spans.append(md.Evidence(source=src.id, start=start, end=end, quote=src.text[start:end]))
    return tuple(spans)


@st.composite
def _cut(draw: st.DrawFn, spans: tuple[md.Evidence, ...]) -> str:
    """Words of one of *spans*: a non-empty piece of its quote."""
    quote = draw(st.sampled_from(spans)).quote
    start = draw(st.integers(0, len(quote) - 1))
    return quote[start : draw(st.integers(start + 1, len(quote)))]


def _stance(draw: st.DrawFn, topic: str) -> md.Stance:
    """A stance on *topic*; a conditional one says on what."""
    position = draw(st.sampled_from(md.Position))
    condition = draw(nonblank_texts) if position == md.Position.CONDITIONAL else draw(_optional(texts))
    return md.Stance(topic=topic, position=position, condition=condition)


@st.composite
def _sources(draw: st.DrawFn) -> tuple[md.Source, ...]:
    ids = _ids(draw, "src", 1, 3)
    return tuple(
        md.Source(
            id=i,
            title=draw(nonblank_texts),
            text=draw(nonblank_texts),
            publisher=draw(_optional(texts)),
            url=draw(_optional(texts)),
            published=draw(_optional(partial_dates())),
            language=draw(st.sampled_from(("en", "ar", "he")) | nonblank_texts),
            retrieved=draw(_optional(partial_dates())),
        )
        for i in ids
    )


@st.composite
def _actors(draw: st.DrawFn, sources: tuple[md.Source, ...]) -> tuple[md.Actor, ...]:
    ids = _ids(draw, "act", 0, 4)
    actors = []
    for n, actor_id in enumerate(ids):
        roles = tuple(
            md.Role(title=draw(nonblank_texts), of=draw(_optional(st.sampled_from(ids))))
            for _ in range(draw(st.integers(0, 2)))
        )
        actors.append(
            md.Actor(
                id=actor_id,
                name=draw(nonblank_texts),
                kind=draw(st.sampled_from(md.ActorKind)),
                aliases=tuple(draw(st.lists(texts, max_size=3))),
                roles=roles,
                member_of=tuple(draw(st.lists(st.sampled_from(ids[:n]), max_size=2, unique=True))) if n else (),
                country=draw(_optional(st.from_regex(r"[A-Z]{3}", fullmatch=True))),
                cameo=draw(_optional(st.sampled_from(sorted(CAMEO_COUNTRY_CODES)))),
                anonymous=draw(st.booleans()),
                evidence=draw(_evidence(sources)),
                wikidata=draw(_optional(st.from_regex(r"Q[1-9][0-9]{0,8}", fullmatch=True))),
                identifiers=tuple(
                    md.Identifier(scheme=draw(slugs), value=draw(nonblank_texts))
                    for _ in range(draw(st.integers(0, 2)))
                ),
            )
        )
    return tuple(actors)


_EVENT_CODES = sorted(CAMEO_EVENT_CODES)
_PLOVER = sorted(PLOVER_TYPES)


@st.composite
def plover_descriptions(draw: st.DrawFn) -> dict[str, Any]:
    """An event's kind and PLOVER description that fit together: a version, a category, modes, contexts, magnitudes."""
    if not draw(st.booleans()):
        kind = draw(st.sampled_from([k for k in md.EventKind if k not in PLOVER_KINDS]))
        return {"kind": kind, "plover": draw(_optional(st.sampled_from(_PLOVER)))}
    version = draw(st.sampled_from((None, *PLOVER_VERSIONS)))
    modes = PLOVER_MODES[version or "2.0"]
    category = draw(st.sampled_from(sorted(modes)))
    current = plover_current_type(category, version)
    kinds = [k for k in md.EventKind if k not in PLOVER_KINDS]
    if current is not None and current != "SANCTION":
        kinds = [md.EventKind(current.lower())]
    magnitude = st.builds(
        md.Magnitude,
        kind=st.sampled_from(md.MagnitudeKind),
        count=st.integers(0, 10**6),
        text=_optional(st.sampled_from(["dozens", "Tens of thousands", "scores", "at least 3"])),
    ) | st.builds(md.Magnitude, kind=st.sampled_from(md.MagnitudeKind), text=st.sampled_from(["dozens", "hundreds"]))
    magnitudes = draw(st.lists(magnitude, max_size=3, unique_by=lambda m: m.kind))
    return {
        "kind": draw(st.sampled_from(kinds)),
        "plover": category,
        "plover_version": version,
        "plover_mode": tuple(draw(st.lists(st.sampled_from(modes[category]), unique=True, max_size=2)))
        if modes[category]
        else (),
        "plover_context": tuple(
            draw(st.lists(st.sampled_from(sorted(PLOVER_CONTEXTS[version or "2.0"][category])), unique=True, max_size=3))
        ),
        "magnitudes": tuple(magnitudes),
    }


@st.composite
def datasets(draw: st.DrawFn) -> md.Dataset:
    """A whole valid dataset of up to a handful of records per table."""
    sources = draw(_sources())
    actors = draw(_actors(sources))
    actor_ids = [a.id for a in actors]
    topics = tuple(
        md.Topic(id=t, label=draw(nonblank_texts), description=draw(texts)) for t in _ids(draw, "top", 0, 3)
    )
    topic_ids = [t.id for t in topics]
    statements: list[md.Statement] = []
    if actor_ids:
        for sid in _ids(draw, "stmt", 0, 4):
            topics_of = _subset(draw, topic_ids)
            stances = tuple(  # at most one stance per topic, each on one of the statement's topics
                _stance(draw, topic) for topic in draw(st.lists(st.sampled_from(topics_of), max_size=2, unique=True))
            ) if topics_of else ()
            evidence = draw(_evidence(sources))
            attribution = draw(st.sampled_from(md.Attribution))
            statements.append(
                md.Statement(
                    id=sid,
                    speaker=draw(st.sampled_from(actor_ids)),
                    kind=draw(st.sampled_from(md.StatementKind)),
                    summary=draw(nonblank_texts),
                    # a quote if and only if direct: words of one of its evidence spans
                    quote=draw(_cut(evidence)) if attribution == md.Attribution.DIRECT else None,
                    attribution=attribution,
                    topics=topics_of,
                    mentions=_subset(draw, actor_ids),
                    stances=stances,
                    date=draw(_optional(partial_dates())),
                    cameo=draw(_optional(st.sampled_from(_EVENT_CODES))),
                    plover=draw(_optional(st.sampled_from(_PLOVER))),
                    evidence=evidence,
                    same_as=_earlier(draw, [s.id for s in statements]),
                )
            )
    statement_ids = [s.id for s in statements]
    demands: list[md.Demand] = []
    if actor_ids and topic_ids:
        for did in _ids(draw, "dem", 0, 3):
            kind = draw(st.sampled_from(md.DemandKind))
            demands.append(
                md.Demand(
                    same_as=_earlier(draw, [d.id for d in demands]),
                    id=did,
                    by=draw(st.sampled_from(actor_ids)),
                    addressee=draw(_optional(st.sampled_from(actor_ids))),
                    topic=draw(st.sampled_from(topic_ids)),
                    text=draw(nonblank_texts),
                    kind=kind,
                    # a condition demand has no condition: the demanded thing is the condition
                    condition=None if kind == md.DemandKind.CONDITION else draw(_optional(texts)),
                    statement=draw(_optional(st.sampled_from(statement_ids))) if statement_ids else None,
                    evidence=draw(_evidence(sources)),
                )
            )
    events: list[md.Event] = []
    events.extend(
        md.Event(
            same_as=_earlier(draw, [e.id for e in events]),
            id=eid,
            summary=draw(nonblank_texts),
            actors=_subset(draw, actor_ids),
            targets=_subset(draw, actor_ids),
            location=draw(_optional(texts)),
            date=draw(_optional(partial_dates())),
            status=draw(st.sampled_from(md.EventStatus)),
            topics=_subset(draw, topic_ids),
            cameo=draw(_optional(st.sampled_from(_EVENT_CODES))),
            evidence=draw(_evidence(sources)),
            **draw(plover_descriptions()),
        )
        for eid in _ids(draw, "evt", 0, 3)
    )
    meta: dict[str, Any] = {
        "name": draw(nonblank_texts),
        "version": draw(st.from_regex(r"(0|[1-9][0-9]{0,2})\.(0|[1-9][0-9]?)\.(0|[1-9])", fullmatch=True)),
        "license": draw(texts),
        "citation": draw(texts),
    }
    return md.Dataset(
        **meta,
        sources=sources,
        actors=actors,
        topics=topics,
        statements=tuple(statements),
        demands=tuple(demands),
        events=tuple(events),
    )
