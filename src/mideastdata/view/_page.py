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

from .._gc import gc_paused
from ..model import Actor, Demand, Position, Source, Statement, Topic
from ._rows import RECORD_TABLES, Rows, anchor
from ._words import describe, direction, table_of

__all__ = ["CSP", "Scope", "page", "page_assets", "safe_url", "script_json"]

_SAFE_URL_SCHEMES = ("https://", "http://")


@functools.cache
def page_assets() -> tuple[str, str]:
    """The page's script and style sheet, read once from the package."""
    here = resources.files(__package__)
    script = "\n".join((here / name).read_text(encoding="utf-8") for name in ("words.js", "matrix.js", "page.js"))
    return script, (here / "page.css").read_text(encoding="utf-8")


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


def _json(value: Any) -> str:
    """Compact JSON, through msgspec when it is installed (the ``fast`` extra: several times quicker)."""
    try:
        import msgspec  # noqa: PLC0415 - optional, imported on first use
    except ImportError:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return msgspec.json.encode(value).decode("utf-8")


def script_json(value: Any) -> str:
    """*value* as JSON that is safe inside a ``<script>`` element: no ``<``, ``>`` or ``&`` left raw."""
    text = _json(value)
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
    """Builds the page's data: sources, actors, topics, records as rows and the positions matrix."""

    def __init__(self, dataset: Any, records: Sequence[Any], sources: Sequence[Source]) -> None:
        actors = list(dataset.actors) if dataset is not None else [r for r in records if type(r) is Actor]
        topics = list(dataset.topics) if dataset is not None else []
        self.actors = [[a.id, a.name] for a in actors]
        self.topics = [[t.id, t.label] for t in topics]
        self.sources = [self._source(s) for s in sources]
        self.records = records
        self.rows = Rows(sources, records)

    def _source(self, s: Source) -> list[Any]:
        meta = [w for w in describe(s).fields if w[0] not in {"url", "length"}]
        return [s.id, s.title, s.language, direction(s.language), meta, safe_url(s.url), s.url or "", s.text]

    def matrix(self) -> dict[str, Any]:
        """Topics by actors: each cell's positions with their conditions and records (as ``ds.positions``).

        ``cells`` are ``[topic id, actor id, [[position, [conditions], [record numbers]], ...]]``.
        """
        known_topics = {t[0] for t in self.topics}
        known_actors = {a[0] for a in self.actors}
        cells: dict[tuple[str, str], list[list[Any]]] = {}

        supports = Position.SUPPORTS
        for i, r in enumerate(self.records):
            kind = type(r)
            if kind is Statement:
                if r.speaker in known_actors:
                    for s in r.stances:
                        if s.topic in known_topics:
                            _add(cells.setdefault((s.topic, r.speaker), []), s.position, s.condition, i)
            elif kind is Demand and r.topic in known_topics and r.by in known_actors:
                # a demand counts as support for what it demands, as in ds.positions()
                _add(cells.setdefault((r.topic, r.by), []), supports, r.condition, i)
        order_t = {t[0]: i for i, t in enumerate(self.topics)}
        order_a = {a[0]: i for i, a in enumerate(self.actors)}
        keys = sorted(cells, key=lambda k: (order_t[k[0]], order_a[k[1]]))
        return {"cells": [[t, a, cells[(t, a)]] for t, a in keys], "disagree": _disagreements(cells, order_t)}


def _add(entries: list[list[Any]], position: Position, condition: str | None, record: int) -> None:
    """Add one record's position to a cell's entries (one entry per position)."""
    for entry in entries:
        if entry[0] is position:
            if condition and condition not in entry[1]:
                entry[1].append(condition)
            if entry[2][-1] != record:
                entry[2].append(record)
            return
    entries.append([position, [condition] if condition else [], [record]])


def _disagreements(cells: dict[tuple[str, str], list[list[Any]]], order: dict[str, int]) -> list[str]:
    """The topic ids that one actor supports and a different actor opposes (as ``ds.disagreements()``)."""
    supporters: dict[str, set[str]] = {}
    opposers: dict[str, set[str]] = {}
    for (t, a), entries in cells.items():
        for entry in entries:
            if entry[0] is Position.SUPPORTS:
                supporters.setdefault(t, set()).add(a)
            elif entry[0] is Position.OPPOSES:
                opposers.setdefault(t, set()).add(a)
    disagree = []
    for t, sides in supporters.items():
        against = opposers.get(t, set())
        if against and (len(sides) > 1 or len(against) > 1 or sides != against):
            disagree.append(t)
    return sorted(disagree, key=order.__getitem__)


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
    with gc_paused():  # tens of thousands of rows, none cyclic
        return _page(scope)


def _page(scope: Scope) -> str:
    payload = _Payload(scope.dataset, scope.records, scope.sources)
    select = None
    if scope.select is not None:
        chosen = next((r for r in scope.records if r.id == scope.select), None)
        select = None if chosen is None else anchor(table_of(chosen), chosen.id, payload.rows.shared)
    data: dict[str, Any] = {
        "title": scope.title,
        "subtitle": scope.subtitle,
        "tables": list(RECORD_TABLES),
        "sources": payload.sources,
        "actors": payload.actors,
        "topics": payload.topics,
        "records": payload.rows.rows(),
        "words": None,
        "matrix": payload.matrix(),
        "matrixTopics": None if scope.topics is None else [t.id for t in scope.topics],
        "select": select,
    }
    data["words"] = payload.rows.vocabularies()
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
