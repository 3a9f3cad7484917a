"""Dataset.search: folded, phrase-aware, ranked; equal to a brute-force scan of every record."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

import mideastdata as md
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
    return [(h.table, h.record.id, h.score) for h in ds.search(query)]


_queries = st.lists(
    st.tuples(st.sampled_from(WORDS), st.sampled_from(["plain", "upper", "prefix", "phrase"]), st.sampled_from(WORDS)),
    min_size=1, max_size=3,
).map(lambda parts: " ".join(
    f'"{a} {b}"' if how == "phrase" else a.upper() if how == "upper" else a[:3] if how == "prefix" else a
    for a, how, b in parts
))


@SETTINGS
@given(datasets(), _queries)
def test_search_equals_brute_force_scan(ds: md.Dataset, query: str) -> None:
    """search() finds exactly the records a scan of every field finds, with the documented scores and order."""
    assert _hits(ds, query) == _brute_force(ds, query)


def test_bundled_search_equals_brute_force_scan() -> None:
    """On the bundled data, a range of searches equal the brute-force scan."""
    ds = md.load()
    for query in ("hostages", "ceasefire", "Vitikoff", '"armed resistance"', "israel hamas", "ISRAËL", "trump’s", "war"):
        expected = _brute_force(ds, query)
        assert expected, query
        assert _hits(ds, query) == expected


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


def test_bare_word_matches_as_prefix_at_half_weight() -> None:
    """A bare word also finds words it begins, scoring half of a whole-word match."""
    ds = md.load()
    whole = {h.record.id: h.score for h in ds.search("hostages")}
    prefix = {h.record.id: h.score for h in ds.search("hostag")}
    assert whole.keys() <= prefix.keys()
    assert all(prefix[rid] == whole[rid] / 2 for rid in whole)


def test_actor_names_rank_first() -> None:
    """A match in an actor's name or alias outranks a match in a summary or evidence."""
    hits = md.load().search("Vitikoff")
    assert hits[0].table == "actors"
    assert hits[0].record.id == "steve-witkoff"
    assert hits[0].fields == ("aliases",)
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


def test_empty_query_finds_nothing() -> None:
    """A query without words returns no hits."""
    assert md.load().search("  “” ") == ()
