# SPDX-License-Identifier: MIT
"""Records in words: what the page, the notebook views and the terminal all show of a record.

One description per record (:func:`describe`): a heading (who, what kind), the main
text (summary, demanded text or name) and the fields as ``(label, words)`` pairs, with
actors and topics by name and codes with their labels. :func:`context` cuts the sentence
around an evidence span out of its source.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

import attrs

from ..codes import (
    CAMEO_ACTOR_PREFIXES,
    CAMEO_COUNTRY_CODES,
    CAMEO_EVENT_CODES,
    CAMEO_GROUP_CODES,
    CAMEO_ROLE_CODES,
    PLOVER_TYPES,
)
from ..model import Actor, Demand, Event, Source, Statement, Topic

__all__ = [
    "ATTRIBUTION_WORDS",
    "RTL_LANGUAGES",
    "Description",
    "Names",
    "cameo_actor_words",
    "cameo_event_words",
    "context",
    "describe",
    "direction",
    "line_of",
    "plover_words",
    "table_of",
    "words",
]

TABLE_OF: dict[type[Any], str] = {
    Source: "sources",
    Actor: "actors",
    Topic: "topics",
    Statement: "statements",
    Demand: "demands",
    Event: "events",
}

RTL_LANGUAGES = frozenset({"ar", "arc", "ckb", "dv", "fa", "he", "iw", "ku", "ps", "sd", "syr", "ug", "ur", "yi"})
"""Language subtags written right to left (BCP 47 primary subtags)."""

ATTRIBUTION_WORDS = {
    # how Attribution values read
    "direct": "direct quote",
    "paraphrase": "paraphrase",
    "according_to": "according to a source",
}


def table_of(record: object) -> str:
    """The dataset table a record belongs in (``"statements"`` for a Statement).

    Raises:
        TypeError: *record* is not a record.
    """
    try:
        return TABLE_OF[type(record)]
    except KeyError:
        msg = f"not a record: {type(record).__name__}"
        raise TypeError(msg) from None


def direction(language: str) -> str:
    """``"rtl"`` for a language written right to left (``ar``, ``he-IL``), else ``"auto"``."""
    return "rtl" if language.split("-", maxsplit=1)[0].lower() in RTL_LANGUAGES else "auto"


def words(value: object) -> str:
    """An enum value in words: ``armed_group`` → ``armed group``."""
    return str(value).replace("_", " ")


@attrs.frozen
class Names:
    """Actor and topic names by id; an id without a name stands for itself."""

    actors: dict[str, str] = attrs.field(factory=dict)
    topics: dict[str, str] = attrs.field(factory=dict)

    @classmethod
    def of(cls, dataset: Any) -> Names:
        """The names of a dataset's actors and topics (none for ``None``)."""
        if dataset is None:
            return cls()
        return cls({a.id: a.name for a in dataset.actors}, {t.id: t.label for t in dataset.topics})

    def actor(self, actor_id: str) -> str:
        """The actor's name, or its id when unknown."""
        return self.actors.get(actor_id, actor_id)

    def topic(self, topic_id: str) -> str:
        """The topic's label, or its id when unknown."""
        return self.topics.get(topic_id, topic_id)


@attrs.frozen
class Description:
    """A record in words.

    Attributes:
        table: the record's table (``"statements"``).
        id: the record's id.
        head: who and what kind (``"Hamas · rejection"``).
        text: the main text (a summary, the demanded text, a name, a title).
        fields: the other fields as ``(label, words)``, in schema order, empty ones left out.
        links: ``(label, table, record id)`` for fields that name another record (a demand's statement).
    """

    table: str
    id: str
    head: str
    text: str
    fields: tuple[tuple[str, str], ...]
    links: tuple[tuple[str, str, str], ...] = ()


def cameo_event_words(code: str) -> str:
    """``"010 — Make statement"``; the bare code when it has no label."""
    label = CAMEO_EVENT_CODES.get(code)
    return f"{code} — {label}" if label else code


def cameo_actor_words(code: str) -> str:
    """``"ISRGOV — Israel · Government"``: each 3-letter part with its label, where one is known."""
    parts = [code[i : i + 3] for i in range(0, len(code), 3)] if len(code) % 3 == 0 else []
    tables = (CAMEO_COUNTRY_CODES, CAMEO_ACTOR_PREFIXES, CAMEO_ROLE_CODES, CAMEO_GROUP_CODES)
    labels = [next((t[p] for t in tables if p in t), p) for p in parts]
    return f"{code} — {' · '.join(labels)}" if parts and labels != parts else code


def plover_words(code: str) -> str:
    """``"AGREE — Agree to, offer, ..."``; the bare type when it has no description."""
    label = PLOVER_TYPES.get(code)
    return f"{code} — {label}" if label else code


def _join(values: Iterable[str]) -> str:
    return ", ".join(values)


def _codes(record: Any) -> list[tuple[str, str]]:
    out = []
    if record.cameo:
        out.append(("CAMEO", cameo_event_words(record.cameo)))
    if record.plover:
        out.append(("PLOVER", plover_words(record.plover)))
    return out


def _actor(r: Actor, n: Names) -> Description:
    roles = [role.title + (f" of {n.actor(role.of)}" if role.of else "") for role in r.roles]
    fields = [
        ("kind", words(r.kind)),
        ("aliases", _join(r.aliases)),
        ("roles", "; ".join(roles)),
        ("member of", _join(map(n.actor, r.member_of))),
        ("country", r.country or ""),
        ("CAMEO", cameo_actor_words(r.cameo) if r.cameo else ""),
        ("anonymous", "yes: the source does not name this actor" if r.anonymous else ""),
        ("Wikidata", r.wikidata or ""),
        ("identifiers", ", ".join(f"{i.scheme}: {i.value}" for i in r.identifiers)),
    ]
    return Description("actors", r.id, f"{r.name} · {words(r.kind)}", r.name, tuple(f for f in fields if f[1]))


def _statement(r: Statement, n: Names) -> Description:
    stances = []
    for s in r.stances:
        cond = f" (if: {s.condition})" if s.condition else ""
        stances.append(f"{words(s.position)} {n.topic(s.topic)}{cond}")
    fields = [
        ("speaker", n.actor(r.speaker)),
        ("kind", words(r.kind)),
        ("attribution", ATTRIBUTION_WORDS.get(r.attribution.value, words(r.attribution))),
        ("quote", r.quote or ""),
        ("topics", _join(map(n.topic, r.topics))),
        ("mentions", _join(map(n.actor, r.mentions))),
        ("stances", "; ".join(stances)),
        ("date", str(r.date) if r.date else ""),
        *_codes(r),
    ]
    head = f"{n.actor(r.speaker)} · {words(r.kind)}"
    return Description("statements", r.id, head, r.summary, tuple(f for f in fields if f[1]))


def _demand(r: Demand, n: Names) -> Description:
    whom = n.actor(r.addressee) if r.addressee else "(addressee not said)"
    fields = [
        ("by → of", f"{n.actor(r.by)} → {whom}"),
        ("kind", words(r.kind)),
        ("topic", n.topic(r.topic)),
        ("condition", r.condition or ""),
        ("statement", r.statement or ""),
    ]
    links = (("statement", "statements", r.statement),) if r.statement else ()
    head = f"{n.actor(r.by)} → {whom} · {words(r.kind)}"
    return Description("demands", r.id, head, r.text, tuple(f for f in fields if f[1]), links)


def _event(r: Event, n: Names) -> Description:
    who = _join(map(n.actor, r.actors)) or "(actors not said)"
    arrow = f"{who} → {_join(map(n.actor, r.targets))}" if r.targets else who
    fields = [
        ("kind", words(r.kind)),
        ("status", words(r.status)),
        ("actors → targets", arrow),
        ("location", r.location or ""),
        ("date", str(r.date) if r.date else ""),
        ("topics", _join(map(n.topic, r.topics))),
        *_codes(r),
    ]
    head = f"{words(r.kind)} · {words(r.status)}"
    return Description("events", r.id, head, r.summary, tuple(f for f in fields if f[1]))


def _source(r: Source, _n: Names) -> Description:
    fields = [
        ("publisher", r.publisher or ""),
        ("url", r.url or ""),
        ("published", str(r.published) if r.published else ""),
        ("retrieved", str(r.retrieved) if r.retrieved else ""),
        ("language", r.language),
        ("length", f"{len(r.text)} characters, {len(r.text.splitlines())} lines"),
    ]
    return Description("sources", r.id, "source", r.title, tuple(f for f in fields if f[1]))


def _topic(r: Topic, _n: Names) -> Description:
    fields = (("description", r.description),) if r.description else ()
    return Description("topics", r.id, "topic", r.label, fields)


_DESCRIBE: dict[type[Any], Callable[[Any, Names], Description]] = {
    Actor: _actor,
    Statement: _statement,
    Demand: _demand,
    Event: _event,
    Source: _source,
    Topic: _topic,
}


def describe(record: object, names: Names | None = None) -> Description:
    """*record* in words, actors and topics named from *names* (ids where a name is unknown).

    Raises:
        TypeError: *record* is not a record.
    """
    table_of(record)
    return _DESCRIBE[type(record)](record, names or Names())


_SENTENCE_END = re.compile(r"[.!?\u061f\u06d4]+[\"'\u201d\u2019)\]]*(?=\s)|\n")
"""Where a sentence ends: terminal punctuation (Latin and Arabic) before a space, or a line break."""


def context(text: str, start: int, end: int, *, reach: int = 240) -> tuple[str, str, str]:
    """The sentence around ``text[start:end]``: ``(before, span, after)``, at most *reach* characters each side.

    A side cut short at *reach* begins or ends with ``…``.
    """
    lo = max(0, start - reach)
    before = text[lo:start]
    cut = 0
    for match in _SENTENCE_END.finditer(before):
        cut = match.end()
    if cut:
        before = before[cut:].lstrip()
    elif lo > 0:  # cut short: start at a word
        space = before.find(" ")
        before = "…" + (before[space + 1 :] if 0 <= space < len(before) - 1 else before)
    after = text[end : end + reach]
    found = _SENTENCE_END.search(after)
    if found:
        after = after[: found.end()] if found.group() != "\n" else after[: found.start()]
    elif end + reach < len(text):  # cut short: end at a word
        space = after.rfind(" ")
        after = (after[:space] if space > 0 else after) + "…"
    return before, text[start:end], after.rstrip()


def line_of(text: str, offset: int) -> int:
    """The line (1 is the first, the codebook's L1) that *offset* of *text* falls on, as ``str.splitlines`` counts."""
    return len((text[:offset] + "x").splitlines())
