"""Offsets between UTF-16 code units and code points, span anchoring and repair, the source's SHA-256."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

import mideastdata as md
from mideastdata.io._annotation.text import Utf16, anchor, flatten


@given(st.text())
def test_utf16_offsets_round_trip(text: str) -> None:
    """Every code point offset maps to the UTF-16 offset JavaScript and Java count, and back."""
    conv = Utf16(text)
    for i in range(len(text) + 1):
        units = conv.units(i)
        assert units == len(text[:i].encode("utf-16-le", "surrogatepass")) // 2
        assert conv.points(units) == i


def test_utf16_offset_inside_a_surrogate_pair_is_none() -> None:
    """A UTF-16 offset between the two halves of an emoji is no code point offset."""
    conv = Utf16("a👍b")
    assert [conv.points(u) for u in range(5)] == [0, 1, None, 2, 3]


def test_anchor_accepts_a_span_that_holds_its_quote() -> None:
    """The span stays where it is when its text is its quote, compared after NFC."""
    text = "Cafe\u0301 talks"
    assert anchor(text, 0, 5, "Café") == anchor(text, 0, 5, "Cafe\u0301")
    assert not anchor(text, 0, 5, "Café").repaired
    assert anchor(text, 0, 5, "Café").problem is None


def test_anchor_repairs_from_a_unique_quote() -> None:
    """A span whose offsets are off moves to the one place its quote occurs, reported as repaired."""
    text = "👍 Hamas said no. Israel said yes."
    found = anchor(text, 3, 8, "Israel")
    assert (found.start, found.end, found.repaired) == (17, 23, True)


def test_anchor_uses_context_to_choose_between_places() -> None:
    """A quote that occurs twice is repaired only where its prefix and suffix match."""
    text = "he said no; she said no."
    assert anchor(text, 0, 2, "no").problem is not None
    found = anchor(text, 0, 2, "no", prefix="she said ", suffix=".")
    assert (found.start, found.end, found.repaired) == (21, 23, True)


def test_anchor_names_what_it_found_when_nothing_matches() -> None:
    """An unrepairable span is a problem that shows the text at the offsets and the quote."""
    found = anchor("abc def", 0, 3, "xyz")
    assert found.problem == "[0, 3) holds 'abc', not 'xyz', which occurs nowhere in the text"


def test_flatten_keeps_offsets() -> None:
    """Tabs and line breaks become spaces, one for one."""
    assert flatten("a\tb\r\nc\u2028d") == "a b  c d"


def test_source_sha256_ignores_line_ends_and_composition_only() -> None:
    """The hash is of the text after NFC and LF line ends: a re-saved file matches, an edit does not."""
    a = md.Source(id="a", title="t", text="Caf\u00e9\nnews")
    b = md.Source(id="a", title="t", text="Cafe\u0301\r\nnews")
    c = md.Source(id="a", title="t", text="Cafe news")
    assert a.sha256 == b.sha256 != c.sha256
    assert len(a.sha256) == 64
