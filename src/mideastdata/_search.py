# SPDX-License-Identifier: MIT
"""Full-text search on SQLite FTS5 (the standard library's ``sqlite3``): the query side.

The index (:mod:`mideastdata._search_index`) holds one FTS5 row per actor,
statement, demand and event, numbered in table order. User text is never FTS5
syntax: it is folded and cut into words here, and each word or phrase is sent as
a quoted FTS5 string, bound as a parameter (no SQL is built from user text).
BM25 ranks the hits inside SQLite, weighted by field; only the requested page of
hits is built as Python objects, and the total is counted only when asked for.
"""

from __future__ import annotations

import itertools
import os
import re
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, Union

import attrs

from . import _index, _search_index
from ._fold import fold_words, word_spans
from .errors import did_you_mean
from .model import Actor, Demand, Event, Statement, Topic

if TYPE_CHECKING:
    from typing_extensions import Self

    from .dataset import Dataset

__all__ = ["DEFAULT_LIMIT", "Hit", "SearchResults", "prepare", "search"]

DEFAULT_LIMIT = 20
"""How many hits :meth:`Dataset.search` returns unless told otherwise."""

Anchored = Union[Actor, Statement, Demand, Event]
TABLES = _search_index.TABLES
_FIELD_WEIGHTS = {"name": 3, "aliases": 3, "summary": 2, "quote": 2, "text": 2, "evidence": 1}
_TERM_RE = re.compile(r'"([^"]*)"?|(\S+)')
_FOLDED_WORD_RE = re.compile("[0-9A-Za-z_\x80-\U0010ffff]+")  # a word of fold_words() output
_MARK = "**"
_MANY_TERMS = 16  # beyond this many words and phrases, each is first looked up alone
_CONTEXT = 60  # characters of context before the first highlighted word
_WIDTH = 200  # the most characters of a snippet, ellipses aside

Term = tuple[tuple[str, ...], bool]  # the words of a word or phrase, and whether a word prefix may match


@attrs.frozen
class Hit:
    """A search result: the record, its table, its score, the fields that matched and a snippet.

    :attr:`score` is the BM25 relevance SQLite's FTS5 computes, with the fields weighted
    (an actor's name or alias 3; a summary, quote or demand text 2; an evidence quote 1);
    higher is better. :attr:`fields` are the fields any word or phrase of the query
    matched, in the record's field order. :attr:`snippet` is up to about 200 characters
    of the best field that matched (name or alias, then summary, quote or text, then
    evidence), its matching words wrapped in ``**``, ``…`` where the text is cut.
    """

    table: str
    record: Anchored
    score: float
    fields: tuple[str, ...]
    snippet: str = ""


class SearchResults(tuple[Hit, ...]):  # noqa: SLOT001 - a page carries its offset and total: no slots on a tuple
    """One page of hits, best first: a tuple of :class:`Hit` that also knows the number of hits in all.

    It compares equal to a plain tuple of the same hits. :attr:`total` counts every
    hit of the query (with its filters) without building them; it is counted in
    SQLite on first access.
    """

    offset: int
    """How many better hits come before this page."""

    def __new__(cls, hits: Iterable[Hit] = (), *, offset: int = 0, total: int | Callable[[], int] = 0) -> Self:
        self = super().__new__(cls, hits)
        object.__setattr__(self, "offset", offset)
        object.__setattr__(self, "_total", total)
        return self

    @property
    def total(self) -> int:
        """The number of hits of the query, on every page."""
        total = self.__dict__["_total"]
        if callable(total):
            total = total()
            object.__setattr__(self, "_total", total)
        return int(total)

    def __setattr__(self, name: str, value: object) -> None:
        msg = f"SearchResults is immutable: cannot set {name!r}"
        raise AttributeError(msg)

    def __delattr__(self, name: str) -> None:
        msg = f"SearchResults is immutable: cannot delete {name!r}"
        raise AttributeError(msg)

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (tuple(self), self.offset, self.total))


def _rebuild(hits: tuple[Hit, ...], offset: int, total: int) -> SearchResults:
    return SearchResults(hits, offset=offset, total=total)


# --------------------------------------------------------------------------- the query language


def terms(text: str, missing: Callable[[Term], bool] | None = None) -> list[Term] | None:
    """The words and quoted phrases of *text*, folded; each once, in order.

    A bare word that folds to one word may match as a word prefix; a quoted phrase,
    or a bare word that folds to several (``l'accord``), matches whole and contiguous.
    An unbalanced quote runs to the end of the text. Past the first few terms, each
    new one is given to *missing*; None as soon as it says a term matches nothing (so
    a long query stops at its first unknown word).
    """
    found: dict[Term, None] = {}
    matches = _TERM_RE.finditer(text)
    while batch := [m.groups("") for m in itertools.islice(matches, 512)]:
        pieces = list(dict.fromkeys(batch))
        folded = fold_words([phrase or word for phrase, word in pieces])
        for (phrase, _), words_text in zip(pieces, folded, strict=True):
            words = tuple(_FOLDED_WORD_RE.findall(words_text))
            term = (words, not phrase and len(words) == 1)
            if words and term not in found:
                found[term] = None
                if missing is not None and len(found) > _MANY_TERMS and missing(term):
                    return None
    return list(found)


def fts_query(found: list[Term], index: _search_index.SearchIndex | None = None) -> str:
    """The FTS5 query for *found*: every word a quoted string, so no user text is an operator.

    A word that may match as a prefix is asked for both whole and as a prefix, so BM25
    counts a whole-word match twice and ranks it above a match by prefix alone. Given
    the *index*, a form it does not hold is left out (it would match nothing and cost a
    second pass over the postings); a word it holds in neither form is kept as it is.
    """
    parts = []
    for words, prefix in found:
        quoted = '"' + " ".join(w.replace('"', '""') for w in words) + '"'
        if not prefix:
            parts.append(quoted)
            continue
        whole, longer = index.forms(words[0]) if index is not None else (True, True)
        parts.append(f"({quoted} OR {quoted} *)" if whole and longer else f"{quoted} *" if longer else quoted)
    return " AND ".join(parts)


# --------------------------------------------------------------------------- filters


def _table_ranges(ds: Dataset, table: str | Iterable[str] | None) -> list[tuple[int, int]] | None:
    """The row id ranges of the *table* filter; None without one."""
    if table is None:
        return None
    names = [table] if isinstance(table, str) else list(table)
    for name in names:
        if name not in TABLES:
            msg = f"search covers the tables {', '.join(TABLES)}, not {name!r}{did_you_mean(str(name), TABLES)}"
            raise ValueError(msg)
    starts = _search_index.table_starts(ds)
    return [(starts[t], starts[t + 1] - 1) for t, name in enumerate(TABLES) if name in names]


def _filter_rows(ds: Dataset, actor: str | Actor | None, topic: str | Topic | None) -> set[int] | None:
    """The document numbers the actor and topic filters allow, or None when there are none."""
    if actor is None and topic is None:
        return None
    starts = _search_index.table_starts(ds)
    allowed: set[int] | None = None
    if actor is not None:
        found = ds.actor(actor)
        rows = {starts[0] + ds.actors.ids().index(found.id)}
        for t, name in enumerate(TABLES[1:], start=1):
            rows.update(starts[t] + p for p in _positions(getattr(ds, name).involving(found)))
        allowed = rows
    if topic is not None:
        subject = ds.topic(topic)
        rows = set()
        for t, name in enumerate(TABLES[1:], start=1):
            rows.update(starts[t] + p for p in _positions(getattr(ds, name).about(subject)))
        allowed = rows if allowed is None else allowed & rows
    return allowed


def _positions(derived: Any) -> tuple[int, ...]:
    rows: tuple[int, ...] | None = derived._rows  # noqa: SLF001 - positions in the dataset's table
    return () if rows is None else rows


# --------------------------------------------------------------------------- hits


def _field_texts(table: str, record: Any) -> list[tuple[str, str]]:
    if table == "actors":
        return [("name", record.name), *(("aliases", a) for a in record.aliases)]
    main = "text" if table == "demands" else "summary"
    texts = [(main, getattr(record, main))]
    if table == "statements" and record.quote is not None:
        texts.append(("quote", record.quote))
    texts.extend(("evidence", e.quote) for e in record.evidence)
    return texts


def _matched(found: list[Term], words: list[str]) -> list[tuple[int, int]]:
    """``(first, last + 1)`` word ranges of *words* that a word or phrase of *found* matches."""
    return [
        (i, i + len(term))
        for term, prefix in found
        for i in range(len(words) - len(term) + 1)
        if words[i : i + len(term)] == list(term) or (prefix and words[i].startswith(term[0]))
    ]


def _snippet(text: str, spans: list[tuple[str, int, int]], ranges: list[tuple[int, int]]) -> str:
    marked = sorted({(spans[i][1], spans[j - 1][2]) for i, j in ranges})
    first = marked[0][0]
    start = 0 if first <= _CONTEXT else text.rfind(" ", 0, first - _CONTEXT) + 1
    end = len(text) if len(text) - start <= _WIDTH else max(text.rfind(" ", start, start + _WIDTH), marked[0][1])
    out, at = [], start
    for a, b in marked:
        if a < at or b > end:
            continue
        out += [text[at:a], _MARK, text[a:b], _MARK]
        at = b
    out.append(text[at:end])
    return ("…" if start else "") + "".join(out).strip() + ("…" if end < len(text) else "")


def _hit(table: str, record: Any, score: float, found: list[Term]) -> Hit:
    matched: dict[str, None] = {}
    snippet, weight = "", 0
    for name, text in _field_texts(table, record):
        spans = word_spans(text)
        ranges = _matched(found, [w for w, _, _ in spans])
        if ranges:
            matched[name] = None
            if _FIELD_WEIGHTS[name] > weight:
                snippet, weight = _snippet(text, spans, ranges), _FIELD_WEIGHTS[name]
    return Hit(table, record, score, tuple(matched), snippet)


def search(  # noqa: PLR0913 - the text, the page and the filters, all keyword-only but the text
    ds: Dataset,
    text: str,
    *,
    limit: int | None = DEFAULT_LIMIT,
    offset: int = 0,
    table: str | Iterable[str] | None = None,
    actor: str | Actor | None = None,
    topic: str | Topic | None = None,
) -> SearchResults:
    """The best hits for *text* (see :meth:`Dataset.search`)."""
    if not isinstance(text, str):
        msg = f"search text is a str, not {type(text).__name__}"
        raise TypeError(msg)
    if limit is not None and (not isinstance(limit, int) or limit < 0):
        msg = f"limit is a whole number >= 0 or None, not {limit!r}"
        raise ValueError(msg)
    if not isinstance(offset, int) or offset < 0:
        msg = f"offset is a whole number >= 0, not {offset!r}"
        raise ValueError(msg)
    ranges = _table_ranges(ds, table)
    allowed = _filter_rows(ds, actor, topic)
    found = terms(text, lambda term: not _findable(_index_of(ds), term))
    if not found or ranges == [] or allowed == set() or any(len(words) > _index_of(ds).max_words for words, _ in found):
        return SearchResults((), offset=offset, total=0)
    index = _index_of(ds)
    query = fts_query(found, index)
    rows = index.rank(query, ranges, allowed, limit, offset)
    starts = _search_index.table_starts(ds)
    hits = []
    for doc, score in rows:
        t = _search_index.table_of(starts, doc)
        record = getattr(ds, TABLES[t])[doc - starts[t]]
        hits.append(_hit(TABLES[t], record, score, found))
    return SearchResults(hits, offset=offset, total=lambda: index.count(query, ranges, allowed))



def _findable(index: _search_index.SearchIndex, term: Term) -> bool:
    """Whether *term* alone matches something (a phrase longer than any field never does)."""
    return len(term[0]) <= index.max_words and index.exists(fts_query([term]))


def _index_of(ds: Dataset) -> _search_index.SearchIndex:
    index: _search_index.SearchIndex = _index.cached(ds._cache, "search", lambda: _search_index.build(ds))  # noqa: SLF001
    return index


def prepare(ds: Dataset, path: str | os.PathLike[str] | None) -> bool:
    """Build the index of *ds* now (kept in the file *path*, if given); whether it was built (not reused)."""
    if path is None:
        built: list[bool] = []

        def build() -> _search_index.SearchIndex:
            built.append(True)
            return _search_index.build(ds)

        _index.cached(ds._cache, "search", build)  # noqa: SLF001
        return bool(built)
    with _index._LOCK:  # noqa: SLF001 - the lock every lazy index is built under
        index, rebuilt = _search_index.open_or_build(ds, path)
        ds._cache["search"] = index  # noqa: SLF001
    return rebuilt
