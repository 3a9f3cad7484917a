# SPDX-License-Identifier: MIT
"""The self-contained evidence page: the dataset as JSON in the page, shown by an inline script.

The page holds one ``<script type="application/json">`` block (the data, with every
``<``, ``>`` and ``&`` written as a JSON escape, so no text of the dataset can close the
block or open a tag) and one inline script, ``page.js``, that builds the view with
``textContent`` only. A Content-Security-Policy allows exactly that script and that style
sheet (by their SHA-256) and nothing else: no remote loads, no other script, no
``javascript:`` URL, no plugin, no form target.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import html
import json
from collections.abc import Sequence
from importlib import resources
from typing import Any

import attrs

from ..model import Actor, Demand, Event, Position, Source, Statement, Topic
from ._words import Names, describe, direction, table_of

__all__ = ["CSP", "Scope", "page", "page_assets", "safe_url", "script_json"]

RECORD_TABLES = ("actors", "statements", "demands", "events")
_POSITIONS = tuple(p.value for p in Position)
_SAFE_URL_SCHEMES = ("https://", "http://")


@functools.cache
def page_assets() -> tuple[str, str]:
    """The page's script and style sheet, read once from the package."""
    here = resources.files(__package__)
    return (here / "page.js").read_text(encoding="utf-8"), (here / "page.css").read_text(encoding="utf-8")


def _sha256(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


def CSP() -> str:  # noqa: N802 - reads as the constant it is, computed from the assets once
    """The page's Content-Security-Policy: its own script and style, nothing else, nothing remote."""
    script, style = page_assets()
    return (
        f"default-src 'none'; script-src '{_sha256(script)}'; style-src '{_sha256(style)}'; "
        "img-src 'none'; font-src 'none'; connect-src 'none'; media-src 'none'; object-src 'none'; "
        "frame-src 'none'; worker-src 'none'; manifest-src 'none'; base-uri 'none'; form-action 'none'"
    )


def script_json(value: Any) -> str:
    """*value* as JSON that is safe inside a ``<script>`` element: no ``<``, ``>`` or ``&`` left raw."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return (
        text.replace("&", "\\u0026")
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def safe_url(url: str | None) -> str | None:
    """*url* when it is an http(s) URL, else None (a ``javascript:`` or ``data:`` URL is never a link)."""
    if url and url.strip().lower().startswith(_SAFE_URL_SCHEMES) and url == url.strip():
        return url
    return None


class _Payload:
    """Builds the page's data: sources, actors, topics, records (in words) and the positions matrix."""

    def __init__(self, dataset: Any, records: Sequence[Any], sources: Sequence[Source]) -> None:
        self.names = Names.of(dataset)
        self.source_index = {s.id: i for i, s in enumerate(sources)}
        actors = list(dataset.actors) if dataset is not None else [r for r in records if type(r) is Actor]
        topics = list(dataset.topics) if dataset is not None else []
        self.actor_index = {a.id: i for i, a in enumerate(actors)}
        self.topic_index = {t.id: i for i, t in enumerate(topics)}
        self.actors = [[a.id, a.name] for a in actors]
        self.topics = [[t.id, t.label] for t in topics]
        self.sources = [self._source(s) for s in sources]
        self.records = records
        self.anchors = _anchors(records)

    def _source(self, s: Source) -> list[Any]:
        meta = [w for w in describe(s).fields if w[0] not in {"url", "length"}]
        return [s.id, s.title, s.language, direction(s.language), meta, safe_url(s.url), s.url or "", s.text]

    def _ids(self, index: dict[str, int], ids: Sequence[str]) -> list[int]:
        return [index[i] for i in ids if i in index]

    def record(self, r: Any) -> list[Any]:
        """One record as the page's script reads it (see the field list at the top of ``page.js``)."""
        d = describe(r, self.names)
        kind = type(r)
        if kind is Statement:
            actors, topics = (r.speaker, *r.mentions), (*r.topics, *(s.topic for s in r.stances))
        elif kind is Demand:
            actors, topics = (r.by, r.addressee) if r.addressee else (r.by,), (r.topic,)
        elif kind is Event:
            actors, topics = (*r.actors, *r.targets), r.topics
        else:
            actors, topics = (r.id, *r.member_of, *(role.of for role in r.roles if role.of)), ()
        spans: list[int] = []
        for e in r.evidence:
            where = self.source_index.get(e.source)
            if where is not None:
                spans += (where, e.start, e.end)
        links = [[label, rid, self.anchors.get((table, rid))] for label, table, rid in d.links]
        return [
            RECORD_TABLES.index(d.table),
            d.id,
            self.anchors[(d.table, d.id)],
            d.head,
            d.text,
            [list(f) for f in d.fields],
            sorted(set(self._ids(self.actor_index, actors))),
            sorted(set(self._ids(self.topic_index, topics))),
            spans,
            [q.quote for q in r.evidence if q.source not in self.source_index],
            links,
        ]

    def matrix(self) -> dict[str, Any]:
        """Topics by actors: each cell's positions with their conditions and records (as ``ds.positions``)."""
        cells: dict[tuple[int, int], list[list[Any]]] = {}
        for i, r in enumerate(self.records):
            if type(r) is Statement:
                for s in r.stances:
                    self._cell(cells, (s.topic, r.speaker), s.position.value, s.condition, i)
            elif type(r) is Demand:  # a demand counts as support for what it demands, as in ds.positions()
                self._cell(cells, (r.topic, r.by), Position.SUPPORTS.value, r.condition, i)
        supporters: dict[int, set[int]] = {}
        opposers: dict[int, set[int]] = {}
        for (t, a), entries in cells.items():
            for entry in entries:
                if entry[0] == Position.SUPPORTS.value:
                    supporters.setdefault(t, set()).add(a)
                elif entry[0] == Position.OPPOSES.value:
                    opposers.setdefault(t, set()).add(a)
        disagree = sorted(  # as ds.disagreements(): one actor supports what a different actor opposes
            t for t, sides in supporters.items() if any(s != o for s in sides for o in opposers.get(t, ()))
        )
        out = [[t, a, entries] for (t, a), entries in sorted(cells.items())]
        return {"cells": out, "disagree": disagree, "positions": list(_POSITIONS)}

    def _cell(
        self, cells: dict[tuple[int, int], list[list[Any]]], where: tuple[str, str], position: str,
        condition: str | None, record: int,
    ) -> None:
        t, a = self.topic_index.get(where[0]), self.actor_index.get(where[1])
        if t is None or a is None:
            return
        entries = cells.setdefault((t, a), [])
        entry = next((e for e in entries if e[0] == position), None)
        if entry is None:
            entries.append([position, [condition] if condition else [], [record]])
            return
        if condition and condition not in entry[1]:
            entry[1].append(condition)
        if record not in entry[2]:
            entry[2].append(record)


def _anchors(records: Sequence[Any]) -> dict[tuple[str, str], str]:
    """One fragment id per record: its own id, or ``table/id`` where the id is in more than one table."""
    seen: dict[str, int] = {}
    for r in records:
        seen[r.id] = seen.get(r.id, 0) + 1
    out = {}
    for r in records:
        table = table_of(r)
        out[(table, r.id)] = r.id if seen[r.id] == 1 else f"{table}/{r.id}"
    return out


@attrs.frozen(kw_only=True)
class Scope:
    """What one page shows.

    Attributes:
        title: the page's title.
        subtitle: the line under it.
        dataset: names the actors and topics and holds the sources (None: ids stand for themselves).
        records: the actors, statements, demands and events listed.
        sources: the sources shown, with the spans of *records* highlighted.
        topics: the topics of the positions matrix (None: every topic a record takes a position on).
        select: the id of the record selected on opening.
    """

    title: str
    subtitle: str = ""
    dataset: Any = None
    records: Sequence[Any] = ()
    sources: Sequence[Source] = ()
    topics: Sequence[Topic] | None = None
    select: str | None = None


def page(scope: Scope) -> str:
    """The whole page for a :class:`Scope`."""
    payload = _Payload(scope.dataset, scope.records, scope.sources)
    select = None
    if scope.select is not None:
        select = next((a for (_, rid), a in payload.anchors.items() if rid == scope.select), None)
    data = {
        "title": scope.title,
        "subtitle": scope.subtitle,
        "tables": list(RECORD_TABLES),
        "sources": payload.sources,
        "actors": payload.actors,
        "topics": payload.topics,
        "records": [payload.record(r) for r in scope.records],
        "matrix": payload.matrix(),
        "matrixTopics": None if scope.topics is None else [payload.topic_index[t.id] for t in scope.topics],
        "select": select,
    }
    script, style = page_assets()
    return _TEMPLATE.format(
        csp=html.escape(CSP()),
        title=html.escape(scope.title),
        subtitle=html.escape(scope.subtitle),
        style=style,
        data=script_json(data),
        script=script,
        tables="".join(f'<option value="{i}">{name}</option>' for i, name in enumerate(RECORD_TABLES)),
    )


_TEMPLATE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{csp}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>{style}</style>
</head>
<body>
<header>
<h1 id="md-title">{title}</h1>
<p id="md-sub">{subtitle}</p>
<noscript><p>This page shows its records with a script that runs in the page; nothing is loaded
from anywhere. Allow scripts for this file to see the evidence.</p></noscript>
<form id="filters" class="filters" autocomplete="off">
<label>Table <select id="f-table"><option value="">all</option>{tables}</select></label>
<label>Actor <select id="f-actor"><option value="">any</option></select></label>
<label>Topic <select id="f-topic"><option value="">any</option></select></label>
<label>Search <input id="f-text" type="search" placeholder="words in any field or quote"></label>
<output id="f-count"></output>
</form>
</header>
<main>
<section id="left" aria-label="Records">
<nav class="tabs"><button type="button" id="tab-records" class="on">Records</button><button type="button"
 id="tab-positions">Positions</button></nav>
<div id="list" class="list" tabindex="0"><div id="list-inner"></div></div>
<div id="positions" hidden></div>
</section>
<section id="middle" aria-label="Source">
<div class="srcbar"><select id="src-pick" aria-label="Source"></select><div id="src-meta"></div></div>
<div id="src-text" class="src"></div>
</section>
<aside id="right" aria-label="Selection">
<div id="detail"><p class="hint">Select a record to see its fields and its words in the source;
select highlighted words to see every record that cites them.</p></div>
<div id="cited"></div>
</aside>
</main>
<script type="application/json" id="md-data">{data}</script>
<script>{script}</script>
</body>
</html>
"""
