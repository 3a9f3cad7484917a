"""Hostile and odd search text: always words and phrases, never FTS5 syntax; empty, huge and non-Latin queries behave."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mideastdata as md
import search_oracle
from test_query_strategies import datasets

FTS5_SYNTAX = [
    "NEAR(hamas israel)",
    "NEAR(hamas israel, 2)",
    "hamas NEAR israel",
    "hama*",
    "hama *",
    "*",
    "^hamas",
    "^",
    "summary:hamas",
    "name:Vitikoff",
    "{name aliases}:Vitikoff",
    "- name : hamas",
    "main:ceasefire",
    '"unbalanced phrase',
    'hamas "',
    '"',
    '""',
    '"" ""',
    "hamas AND israel",
    "hamas OR israel",
    "hamas NOT israel",
    "NOT hamas",
    "AND",
    "OR OR",
    "(hamas",
    "hamas)",
    "()",
    "+hamas -israel",
    "hamas:*",
    "'; DROP TABLE docs; --",
    "rowid = 1",
    "docs",
    "\x00hamas\x00",
    "hamas\u0000israel",
    "\ue000hamas\ue001",
]


def _hits(ds: md.Dataset, query: str) -> set[tuple[str, str, tuple[str, ...]]]:
    return {(h.table, h.record.id, h.fields) for h in ds.search(query, limit=None)}


def _old(ds: md.Dataset, query: str) -> set[tuple[str, str, tuple[str, ...]]]:
    return {(h.table, h.record.id, h.fields) for h in search_oracle.search(ds, query)}


@pytest.mark.parametrize("query", FTS5_SYNTAX)
def test_fts5_syntax_is_searched_as_words(query: str) -> None:
    """Operators, prefixes, column filters and quotes in user text find what the same words find in the old search."""
    ds = md.load()
    assert _hits(ds, query) == _old(ds, query)


def test_operators_are_words_not_logic() -> None:
    """OR does not widen and NOT does not exclude: both are words every hit must hold."""
    ds = md.load()
    assert ds.search("hamas OR israel", limit=None) == ()
    assert len(ds.search("hamas israel", limit=None)) > 0
    assert ds.search("hamas NOT israel", limit=None) == ()
    assert {h.record.id for h in ds.search("NEAR(hamas israel)", limit=None)} == set()
    assert _hits(ds, "name:Vitikoff") == _hits(ds, "name Vitikoff")


@pytest.mark.parametrize("query", ["", " ", "\t\n\r ", "\u3000\u00a0", "***", "^^", ":", '"   "', "\u2019\u2018", "\u0301"])
def test_queries_without_words_find_nothing(query: str) -> None:
    """Empty, whitespace-only and punctuation-only queries have no hits and no total."""
    hits = md.load().search(query)
    assert hits.total == 0
    assert hits == ()


def test_a_ten_megabyte_query_behaves() -> None:
    """A 10 MB query of one repeated word finds that word's hits; of unknown words, none; of one long word, none."""
    ds = md.load()
    repeated = ("hamas " * 1_750_000)[:10_000_000]
    assert _hits(ds, repeated) == _hits(ds, "hamas")
    assert _hits(ds, "hamas")
    unknown = " ".join(f"w{i}" for i in range(1_300_000))[:10_000_000]
    assert ds.search(unknown) == ()
    assert ds.search("h" * 10_000_000) == ()
    assert ds.search('"' + "hamas " * 1_700_000) == ()


def _multilingual() -> md.Dataset:
    text = "وقف إطلاق النار في غزة. הפסקת אש בעזה. 加沙停火协议。 Erdoğan 와 휴전."
    src = md.Source(id="src", title="Texts in several scripts", text=text, language="mul")
    actor = md.Actor(id="erdogan", name="Recep Tayyip Erdoğan", kind=md.ActorKind.PERSON, aliases=("أردوغان", "ארדואן"),
                     evidence=(src.evidence("Erdoğan"),))
    statements = [
        md.Statement(id=f"s{i}", speaker="erdogan", kind=md.StatementKind.CLAIM, summary=summary,
                     attribution=md.Attribution.PARAPHRASE, evidence=(src.evidence(quote),))
        for i, (summary, quote) in enumerate([
            ("وقف إطلاق النار في غزة", "وقف إطلاق النار"),
            ("הפסקת אש בעזה", "הפסקת אש"),
            ("加沙停火协议", "加沙停火协议"),
            ("Erdoğan 와 휴전", "Erdoğan 와 휴전"),
        ])
    ]
    return md.Dataset(name="multi", version="1.0.0", sources=(src,), actors=(actor,), statements=statements)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("النار", {"s0"}),
        ('"إطلاق النار"', {"s0"}),
        ("إطلا", {"s0"}),
        ("أردوغان", {"erdogan"}),
        ("אש", {"s1"}),
        ('"הפסקת אש"', {"s1"}),
        ("ארדואן", {"erdogan"}),
        ("加沙停火协议", {"s2"}),
        ("加沙", {"s2"}),
        ("휴전", {"s3"}),
        ("ERDOGAN", {"erdogan", "s3"}),
        ("erdoğan", {"erdogan", "s3"}),
    ],
)
def test_arabic_hebrew_and_cjk_queries(query: str, expected: set[str]) -> None:
    """Arabic, Hebrew, CJK and Hangul words and phrases are found, folded like Latin ones (as the old search did)."""
    ds = _multilingual()
    assert {h.record.id for h in ds.search(query, limit=None)} == expected
    assert _hits(ds, query) == _old(ds, query)


@settings(max_examples=60, deadline=None)
@given(datasets(), st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=40))
def test_any_text_finds_what_the_old_search_found(ds: md.Dataset, query: str) -> None:
    """For arbitrary text (symbols, quotes, control characters, any script) the hit set is the old search's."""
    assert _hits(ds, query) == _old(ds, query)


@settings(max_examples=60, deadline=None)
@given(datasets(), st.lists(st.sampled_from(["hamas", "truce", '"', "*", "^", ":", "NEAR", "AND", "OR", "NOT", "(",
                                             ")", "{", "}", "-", "+", "plan", "gaza", "ceasefire"]), max_size=8))
def test_operator_soup_finds_what_the_old_search_found(ds: md.Dataset, parts: list[str]) -> None:
    """Queries mixing words with every FTS5 operator character find what the old search found."""
    for sep in (" ", ""):
        query = sep.join(parts)
        assert _hits(ds, query) == _old(ds, query)
