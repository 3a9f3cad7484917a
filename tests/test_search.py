"""Dataset.search: folded, phrase-aware, ranked by BM25; the same hits as a brute-force scan and as the old search."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

import mideastdata as md
import search_oracle
from test_query_strategies import SETTINGS, WORDS, datasets

WEIGHTS = {"name": 3, "aliases": 3, "summary": 2, "quote": 2, "text": 2, "evidence": 1}


def _fold(text: str) -> list[str]:
    """Words of *text* with accents, case and apostrophes folded away (independently of the library)."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).casefold()
    return re.findall(r"\w+", re.sub("[\u2019\u2018'`\u00b4]", " ", plain))


def _fields(table: str, record: Any) -> list[tuple[str, str]]:
    if table == "actors":
        return [("name", record.name)] + [("aliases", a) for a in record.aliases]
    main = "text" if table == "demands" else "summary"
    quote = [("quote", record.quote)] if table == "statements" and record.quote is not None else []
    return [(main, getattr(record, main)), *quote] + [("evidence", e.quote) for e in record.evidence]


def _term_score(words: list[str], prefix: bool, fields: list[tuple[str, list[str]]]) -> float:
    """The best weight of a field holding *words* contiguously (or, for a bare word, as a prefix at half)."""
    best = 0.0
    for name, tokens in fields:
        if " " + " ".join(words) + " " in " " + " ".join(tokens) + " ":
            best = max(best, WEIGHTS[name])
        elif prefix and any(tok.startswith(words[0]) for tok in tokens):
            best = max(best, WEIGHTS[name] / 2)
    return best


def _brute_force(ds: md.Dataset, query: str) -> list[tuple[str, str, float]]:
    """(table, id, score) of every hit, by scanning every record, in the documented ranking order."""
    terms = []
    for phrase, word in re.findall(r'"([^"]*)"?|(\S+)', query):
        words = _fold(phrase or word)
        if words:
            terms.append((words, not phrase and len(words) == 1))
    if not terms:
        return []
    found = []
    for t, table in enumerate(("actors", "statements", "demands", "events")):
        for pos, record in enumerate(getattr(ds, table)):
            fields = [(name, _fold(text)) for name, text in _fields(table, record)]
            scores = [_term_score(words, prefix, fields) for words, prefix in terms]
            if all(scores):
                found.append((-sum(scores), t, pos, table, record.id))
    return [(table, rid, -neg) for neg, _, _, table, rid in sorted(found)]


def _hits(ds: md.Dataset, query: str) -> list[tuple[str, str, float]]:
    return [(h.table, h.record.id, h.score) for h in ds.search(query, limit=None)]


def _hit_set(ds: md.Dataset, query: str) -> set[tuple[str, str]]:
    return {(h.table, h.record.id) for h in ds.search(query, limit=None)}


def _scan_set(ds: md.Dataset, query: str) -> set[tuple[str, str]]:
    return {(table, rid) for table, rid, _ in _brute_force(ds, query)}


def _in_ranking_order(ds: md.Dataset, hits: md.SearchResults) -> bool:
    """Highest score first; equal scores in table order, then position."""
    position = {(t, r.id): (n, i) for n, t in enumerate(search_oracle.TABLES) for i, r in enumerate(getattr(ds, t))}
    keys = [(-h.score, position[h.table, h.record.id]) for h in hits]
    return keys == sorted(keys)


_queries = st.lists(
    st.tuples(st.sampled_from(WORDS), st.sampled_from(["plain", "upper", "prefix", "phrase"]), st.sampled_from(WORDS)),
    min_size=1, max_size=3,
).map(lambda parts: " ".join(
    f'"{a} {b}"' if how == "phrase" else a.upper() if how == "upper" else a[:3] if how == "prefix" else a
    for a, how, b in parts
))


@SETTINGS
@given(datasets(), _queries)
def test_search_finds_what_a_brute_force_scan_finds(ds: md.Dataset, query: str) -> None:
    """search() finds exactly the records a scan of every field finds, best score first, ties in table order."""
    hits = ds.search(query, limit=None)
    assert _hit_set(ds, query) == _scan_set(ds, query)
    assert _in_ranking_order(ds, hits)
    assert all(h.score > 0 for h in hits)


@SETTINGS
@given(datasets(), _queries)
def test_search_finds_what_the_old_search_found(ds: md.Dataset, query: str) -> None:
    """The FTS5 search returns the old pure-Python search's hits, with the same matched fields."""
    new = {(h.table, h.record.id, h.fields) for h in ds.search(query, limit=None)}
    old = {(h.table, h.record.id, h.fields) for h in search_oracle.search(ds, query)}
    assert new == old


_BUNDLED_QUERIES = ("hostages", "ceasefire", "Vitikoff", '"armed resistance"', "israel hamas", "ISRAËL", "trump’s",
                    "war", "netanyahu's government", "NETANYAHU’S GOVERNMENT", "Hamás", "hostag", "resistance armed",
                    '"resistance armed"', "  “” ")


def test_bundled_search_equals_brute_force_scan_and_old_search() -> None:
    """On the bundled data, every query of these tests finds what the scan and the old search find."""
    ds = md.load()
    for query in _BUNDLED_QUERIES:
        expected = _scan_set(ds, query)
        assert _hit_set(ds, query) == expected, query
        assert {(h.table, h.record.id) for h in search_oracle.search(ds, query)} == expected, query
        assert _in_ranking_order(ds, ds.search(query, limit=None))
    assert all(_scan_set(ds, q) for q in _BUNDLED_QUERIES[:8])


def test_search_folds_case_accents_and_apostrophes() -> None:
    """Case, accents and the form of apostrophes do not change what search finds."""
    ds = md.load()
    assert _hits(ds, "netanyahu's government") == _hits(ds, "NETANYAHU’S GOVERNMENT")
    assert _hits(ds, "Hamás") == _hits(ds, "hamas")


def test_quoted_phrase_must_be_contiguous() -> None:
    """A quoted phrase matches only its words in order; the same bare words match anywhere."""
    ds = md.load()
    assert {h.record.id for h in ds.search('"armed resistance"')} >= {"stmt-hamas-armed-resistance"}
    assert ds.search('"resistance armed"') == ()
    assert len(ds.search("resistance armed")) >= len(ds.search('"armed resistance"'))


def test_bare_word_matches_as_prefix_and_whole_words_rank_higher() -> None:
    """A bare word also finds words it begins; a record holding the whole word scores more than by prefix alone."""
    ds = md.load()
    whole = {h.record.id: h.score for h in ds.search("hostages", limit=None)}
    prefix = {h.record.id: h.score for h in ds.search("hostag", limit=None)}
    assert whole
    assert whole.keys() <= prefix.keys()
    assert {h.record.id for h in ds.search("hostage", limit=None)} >= whole.keys()


def test_actor_names_rank_first() -> None:
    """A match in an actor's alias outranks matches in summaries and evidence."""
    hits = md.load().search("Vitikoff")
    assert hits[0].table == "actors"
    assert hits[0].record.id == "steve-witkoff"
    assert hits[0].fields == ("aliases",)
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


def test_empty_query_finds_nothing() -> None:
    """A query without words returns no hits."""
    assert md.load().search("  “” ") == ()
    assert md.load().search("  “” ").total == 0
