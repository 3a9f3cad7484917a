"""Near matches: a quote that differs from its source in quotes, dashes, spacing or case is shown the exact words."""

from __future__ import annotations

from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mideastdata as md
from mideastdata._nearmatch import fold, near_match

TEXT = "Hamas said it “will not  abandon” the\narmed resistance — ever. Trump’s plan was read out."
SOURCE = md.Source(id="article", title="A test text", text=TEXT)


@pytest.mark.parametrize(
    ("typed", "found", "differs"),
    [
        ("Trump's plan", "Trump’s plan", "quotes and apostrophes"),
        ('"will not abandon"', "“will not  abandon”", "quotes and apostrophes, spacing"),
        ("armed resistance - ever", "armed resistance — ever", "dashes"),
        ("the armed", "the\narmed", "spacing"),
        ("HAMAS SAID", "Hamas said", "case"),
    ],
)
def test_evidence_names_the_near_match(typed: str, found: str, differs: str) -> None:
    """Source.evidence of words typed with other marks, spacing or case names the exact text and its offsets."""
    at = TEXT.index(found)
    with pytest.raises(ValueError, match="does not occur") as info:
        SOURCE.evidence(typed)
    assert str(info.value) == (
        f"{typed!r} does not occur in source 'article'; the text has {found!r} at [{at}, {at + len(found)}) "
        f"(differs in {differs}): pass those exact words"
    )
    assert SOURCE.evidence(found) == md.Evidence(source="article", start=at, end=at + len(found), quote=found)


def test_evidence_without_a_near_match_says_only_that() -> None:
    """Words that are not in the text, however folded, get the plain message."""
    with pytest.raises(ValueError, match="does not occur") as info:
        SOURCE.evidence("a terrible plan")
    assert str(info.value) == "'a terrible plan' does not occur in source 'article'"


def _with_event_span(records: dict[str, Any], **changes: Any) -> dict[str, Any]:
    event = records["events"][0]
    records["events"] = (attrs.evolve(event, evidence=(attrs.evolve(event.evidence[0], **changes),)),)
    return records


def test_offsets_off_say_where_the_quote_occurs(records: dict[str, Any]) -> None:
    """A span whose offsets are off by a few characters is told the right ones."""
    span = records["events"][0].evidence[0]
    moved = _with_event_span(records, start=span.start - 3, end=span.end - 3)
    with pytest.raises(md.DatasetError) as info:
        md.Dataset(**moved)
    (problem,) = info.value.problems
    assert problem.path == "events[0].evidence[0].quote"
    assert problem.message.endswith(
        f"; the quote occurs at [{span.start}, {span.end}): set start={span.start}, end={span.end}"
    )


def test_span_past_the_end_says_where_the_quote_occurs(records: dict[str, Any]) -> None:
    """A span that runs past the end of its source is told where its quote is."""
    span = records["events"][0].evidence[0]
    length = len(records["sources"][0].text)
    moved = _with_event_span(records, start=length - 2, end=length - 2 + len(span.quote))
    with pytest.raises(md.DatasetError) as info:
        md.Dataset(**moved)
    (problem,) = info.value.problems
    assert problem.path == "events[0].evidence[0].end"
    assert problem.message.endswith(f"set start={span.start}, end={span.end}")


def test_load_time_quote_check_finds_the_near_match(records: dict[str, Any]) -> None:
    """A quote with typed marks at offsets where the source has others names the source's exact words."""
    src = md.Source(id="src", title="A test text", text=records["sources"][0].text.replace("EU", "E.U.’s"))
    records["sources"] = (src,)
    records["actors"] = tuple(
        attrs.evolve(a, evidence=(src.evidence(word, occurrence=1),))
        for a, word in zip(records["actors"], ("Hamas", "Israel", "E.U."), strict=True)
    )
    event = records["events"][0]
    words = "The E.U.'s banned arms sales to Israel."
    at = src.text.index("The E.U.’s")
    span = md.Evidence(source="src", start=0, end=len(words), quote=words)
    records["events"] = (attrs.evolve(event, evidence=(span,)),)
    with pytest.raises(md.DatasetError) as info:
        md.Dataset(**records)
    (problem,) = info.value.problems
    assert problem.message.endswith(
        f"the source has 'The E.U.’s banned arms sales to Israel.' at [{at}, {at + len(words)}) "
        "(differs in quotes and apostrophes): copy those exact words and offsets"
    )


_PIECES = st.sampled_from(["a", "B", "ç", "İ", "ß", "’", "'", "“", '"', "—", "-", " ", "  ", "\n", "\t", "x y"])


@settings(max_examples=200, deadline=None)
@given(st.lists(_PIECES, max_size=12), st.lists(_PIECES, min_size=1, max_size=6), st.lists(_PIECES, max_size=12))
def test_near_match_is_a_place_whose_words_fold_to_the_quote(
    before: list[str], middle: list[str], after: list[str]
) -> None:
    """Whatever the text, a near match found is a real place whose words fold like the quote."""
    text = "".join(before + middle + after)
    quote = "".join(middle).upper().replace("’", "'").replace("—", "-")
    match = near_match(text, text, quote)
    if not quote.strip():
        assert match is None
        return
    assert match is not None
    assert match.text == text[match.start : match.end]
    assert fold(match.text).text.strip() == fold(quote).text.strip()


def test_hostile_text_is_searched_in_linear_time() -> None:
    """A long run of one letter and a quote that almost matches everywhere finish (no quadratic search)."""
    text = "a" * 2_000_000
    src = md.Source(id="long", title="Long", text=text)
    with pytest.raises(ValueError, match=r"does not occur in source 'long'$"):
        src.evidence("a" * 50_000 + "b")
    spaced = md.Source(id="spaced", title="Spaced", text=" " * 1_000_000 + "x")
    with pytest.raises(ValueError, match=r"at \[0, 1000001\) \(differs in spacing, case\)"):
        spaced.evidence("  X")
