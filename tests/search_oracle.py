"""The search of mideastdata 0.1 (a pure-Python inverted index), kept as the reference for the FTS5 search.

Copied unchanged in behaviour from ``mideastdata.query`` before search moved to SQLite FTS5:
the tests check that the new search finds the same hit set, and ``benchmarks/bench_search.py``
times it as "today's implementation".
"""

from __future__ import annotations

import bisect
import re
from typing import Any

import attrs

import mideastdata as md
from mideastdata.dataset import normalize_name

WEIGHTS = {"name": 3.0, "aliases": 3.0, "summary": 2.0, "quote": 2.0, "text": 2.0, "evidence": 1.0}
PREFIX = 0.5
TABLES = ("actors", "statements", "demands", "events")
_WORD_RE = re.compile(r"\w+")
_TERM_RE = re.compile(r'"([^"]*)"?|(\S+)')


@attrs.frozen
class OldHit:
    """A hit of the old search: table, record, score, matched fields."""

    table: str
    record: Any
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
class OldIndex:
    """The old inverted index: documents, postings and the sorted vocabulary."""

    docs: list[tuple[int, int, list[tuple[str, tuple[str, ...]]]]]
    postings: dict[str, list[int]]
    vocabulary: list[str]


def build(ds: md.Dataset) -> OldIndex:
    """The old index of *ds* (what the first old search built)."""
    docs: list[tuple[int, int, list[tuple[str, tuple[str, ...]]]]] = []
    postings: dict[str, list[int]] = {}
    for t, name in enumerate(TABLES):
        for pos, record in enumerate(getattr(ds, name)):
            fields = _fields(name, record)
            doc = len(docs)
            docs.append((t, pos, fields))
            for token in {tok for _, toks in fields for tok in toks}:
                postings.setdefault(token, []).append(doc)
    return OldIndex(docs, postings, sorted(postings))


def _terms(text: str) -> list[tuple[tuple[str, ...], bool]]:
    terms = []
    for phrase, word in _TERM_RE.findall(text):
        tokens = _tokens(phrase or word)
        if tokens:
            terms.append((tokens, not phrase and len(tokens) == 1))
    return terms


def _match(term: tuple[str, ...], prefix: bool, tokens: tuple[str, ...]) -> float:
    n = len(term)
    if any(tokens[i : i + n] == term for i in range(len(tokens) - n + 1)):
        return 1.0
    if prefix and any(tok.startswith(term[0]) for tok in tokens):
        return PREFIX
    return 0.0


def _candidates(index: OldIndex, term: tuple[str, ...], prefix: bool) -> set[int]:
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


def search(ds: md.Dataset, text: str, index: OldIndex | None = None) -> tuple[OldHit, ...]:
    """Every hit of the old search, in its ranking order (score, then table, then position)."""
    terms = _terms(text)
    if not terms:
        return ()
    index = build(ds) if index is None else index
    docs: set[int] | None = None
    for tokens, prefix in terms:
        found = _candidates(index, tokens, prefix)
        docs = found if docs is None else docs & found
    hits: list[tuple[float, int, int, OldHit]] = []
    for doc in docs or ():
        t, pos, fields = index.docs[doc]
        score, matched = 0.0, set()
        for tokens, prefix in terms:
            best = 0.0
            for name, field_tokens in fields:
                quality = _match(tokens, prefix, field_tokens)
                if quality:
                    matched.add(name)
                    best = max(best, quality * WEIGHTS[name])
            if not best:
                break
            score += best
        else:
            record = getattr(ds, TABLES[t])[pos]
            names = tuple(dict.fromkeys(name for name, _ in fields if name in matched))
            hits.append((-score, t, pos, OldHit(TABLES[t], record, score, names)))
    hits.sort(key=lambda h: h[:3])
    return tuple(h[3] for h in hits)
