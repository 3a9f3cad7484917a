"""Folding for search: the bulk folder and the highlighter cut exactly the words normalize_name gives."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mideastdata as md
from mideastdata import _fold, _search_index
from mideastdata.dataset import normalize_name

_ASCII_TOKENIZER_SPLIT = re.compile("[^0-9A-Za-z_\x80-\U0010ffff]+")
_ASCII_LOWER = {c: c + 32 for c in range(ord("A"), ord("Z") + 1)}  # the tokenizer folds ASCII only
_TEXT = st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=60)
_FOLDERS = pytest.mark.parametrize("fold", [_fold.fold_words, _fold.fold_for_index], ids=["query", "index"])


def _reference(text: str) -> list[str]:
    return re.findall(r"\w+", normalize_name(text))


def _as_fts5_ascii_reads(folded: str) -> list[str]:
    """What FTS5's ascii tokenizer (``_`` a token character) cuts: split at other ASCII non-alphanumerics."""
    return [w.translate(_ASCII_LOWER) for w in _ASCII_TOKENIZER_SPLIT.split(folded) if w]


@_FOLDERS
def test_every_code_point_folds_to_the_words_of_normalize_name(fold: Callable[[list[str]], list[str]]) -> None:
    """For every code point c, fold(["a" + c + "b", "A" + c + "B"]) gives normalize_name's words."""
    chars = [chr(cp) for cp in range(0x110000) if not 0xD800 <= cp < 0xE000 and cp != 0xE000]
    texts = [f"{a}{c}{b}" for c in chars for a, b in (("a", "b"), ("A", "B"))]
    folded = fold(texts)
    bad = [t for t, f in zip(texts, folded, strict=True) if _as_fts5_ascii_reads(f) != _reference(t)]
    assert bad == []


def test_every_code_point_has_its_word_spans() -> None:
    """For the first 35,000 code points c, word_spans("a" + c + "b") gives normalize_name's words."""
    texts = [f"a{chr(cp)}b" for cp in range(35_000) if not 0xD800 <= cp < 0xE000]
    assert all([w for w, _, _ in _fold.word_spans(t)] == _reference(t) for t in texts)


@_FOLDERS
def test_the_separator_character_in_a_text_is_no_word(fold: Callable[[list[str]], list[str]]) -> None:
    """A text holding the private-use characters used to join texts folds like any other text."""
    texts = ["a\ue000b", "x", "\ue000\ue000", "c\ue001d", "\u00e9\ue000\u00e9", "\ue001\u00c9"]
    assert [_as_fts5_ascii_reads(f) for f in fold(texts)] == [_reference(t) for t in texts]


@_FOLDERS
@settings(max_examples=300, deadline=None)
@given(texts=st.lists(_TEXT, max_size=5))
def test_bulk_folding_equals_normalize_name(fold: Callable[[list[str]], list[str]], texts: list[str]) -> None:
    """The bulk folder gives each of many texts its words, as normalize_name and a word pattern do."""
    assert [_as_fts5_ascii_reads(f) for f in fold(texts)] == [_reference(t) for t in texts]


def test_the_index_folder_leaves_ascii_to_the_tokenizer_and_folds_each_run_once() -> None:
    """ASCII texts (upper case too) are given as they are; a run of non-ASCII characters is folded once."""
    texts = ["Hostages RELEASE", "Erdog\u0306an met Erdog\u0306an", "Doha\u2019s", "\u00c9TAT"]
    _fold._RUNS.clear()
    folded = _fold.fold_for_index(texts)
    assert folded[0] is texts[0]
    assert folded[1:] == ["Erdogan met Erdogan", "Doha s", "eTAT"]
    assert set(_fold._RUNS) == {"\u00c9", "\u2019", "\u0306"}


def test_the_index_folder_folds_texts_mostly_of_other_scripts_whole_and_keeps_only_short_runs() -> None:
    """Arabic, Hebrew and CJK texts give the same words folded whole; a long run is not kept in the cache."""
    texts = ["\u0645\u0631\u062d\u0628\u0627 \u0628\u0627\u0644\u0639\u0627\u0644\u0645", "\u05e9\u05dc\u05d5\u05dd Hamas",
             "\u505c\u706b\u534f\u8bae\u4eca\u5929\u7b7e\u7f72" * 5, "Erdog\u0306an " + "\u00e9" * 40 + " talks" * 12]
    _fold._RUNS.clear()
    folded = _fold.fold_for_index(texts)
    assert [_as_fts5_ascii_reads(f) for f in folded] == [_reference(t) for t in texts]
    assert [folded[0], folded[2]] == _fold.fold_words([texts[0], texts[2]])  # mostly other characters: whole
    assert folded[1] == "\u05e9\u05dc\u05d5\u05dd Hamas"  # mostly ASCII: ASCII left to the tokenizer
    assert all(len(run) <= _fold._LONGEST_KEPT for run in _fold._RUNS)
    assert "\u0306" in _fold._RUNS


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_word_spans_point_at_the_original_words(text: str) -> None:
    """Each word span covers original characters that fold to exactly that word."""
    spans = _fold.word_spans(text)
    assert [w for w, _, _ in spans] == _reference(text)
    for word, start, end in spans:
        assert word in "".join(_reference(text[start:end]))


@_FOLDERS
@settings(max_examples=100, deadline=None)
@given(texts=st.lists(_TEXT, min_size=1, max_size=4))
def test_sqlite_fts5_reads_the_folded_words(fold: Callable[[list[str]], list[str]], texts: list[str]) -> None:
    """The real FTS5 ascii tokenizer, fed folded text, indexes exactly normalize_name's words, in order."""
    con = sqlite3.connect(":memory:")
    con.execute("CREATE VIRTUAL TABLE t USING fts5(x, tokenize=\"ascii tokenchars '_'\")")
    con.execute("CREATE VIRTUAL TABLE v USING fts5vocab(t, instance)")
    folded = fold(texts)
    con.executemany("INSERT INTO t(rowid, x) VALUES (?, ?)", enumerate(folded))
    for doc, text in enumerate(texts):
        words = [w for (w,) in con.execute("SELECT term FROM v WHERE doc = ? ORDER BY offset", (doc,))]
        assert words == _reference(text)


def test_fts5_is_checked_and_its_absence_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without FTS5, building the index fails with a RuntimeError that names FTS5 and the SQLite version."""
    monkeypatch.setattr(_search_index, "_PROBE", "CREATE VIRTUAL TABLE temp.probe USING no_such_module(x)")
    with pytest.raises(RuntimeError, match=rf"FTS5.*SQLite {re.escape(sqlite3.sqlite_version)}"):
        _search_index.build(md.load())
