"""Model invariants: records are frozen, typed and check their local rules."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import mideastdata as md
from mideastdata.errors import FieldTypeError, FieldValueError

SRC = md.Source(id="s", title="T", text="one two one")


def test_records_are_frozen() -> None:
    """Setting an attribute on a record raises."""
    actor = md.Actor(id="a", name="A", kind=md.ActorKind.PERSON)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        actor.name = "B"  # type: ignore[misc]


def test_records_are_keyword_only() -> None:
    """Records cannot be built positionally, so fields can be added without breaking callers."""
    with pytest.raises(TypeError):
        md.Topic("t", "T")  # type: ignore[call-arg]


def test_records_are_slotted() -> None:
    """Records have no __dict__ (slots), keeping a million of them small."""
    assert not hasattr(md.Topic(id="t", label="T"), "__dict__")


@pytest.mark.parametrize("bad", ["Hamas", "has space", "", "-lead", "trail-", "a--b", "ünï"])
def test_ids_must_be_slugs(bad: str) -> None:
    """An id that is not a lowercase slug is rejected, naming the field."""
    with pytest.raises(FieldValueError, match="lowercase slug") as info:
        md.Topic(id=bad, label="T")
    assert info.value.field == "id"


def test_collections_must_be_tuples() -> None:
    """A list where a tuple is expected is rejected (records stay immutable)."""
    with pytest.raises(FieldTypeError, match="tuple"):
        md.Actor(id="a", name="A", kind=md.ActorKind.PERSON, aliases=["x"])  # type: ignore[arg-type]


def test_enum_fields_need_enum_members() -> None:
    """A string that is none of the enum's values is rejected (a value is converted to its member)."""
    with pytest.raises(FieldTypeError, match="ActorKind"):
        md.Actor(id="a", name="A", kind="persons")


@pytest.mark.parametrize("country", ["isr", "IS", "ISRA", "I5R"])
def test_country_is_alpha3(country: str) -> None:
    """Countries are ISO 3166-1 alpha-3 in upper case."""
    with pytest.raises(FieldValueError, match="alpha-3"):
        md.Actor(id="a", name="A", kind=md.ActorKind.STATE, country=country)


@pytest.mark.parametrize(("start", "end"), [(-1, 2), (3, 3), (5, 2)])
def test_evidence_offsets(start: int, end: int) -> None:
    """Evidence needs 0 <= start < end."""
    with pytest.raises(FieldValueError):
        md.Evidence(source="s", start=start, end=end, quote="x" * max(end - start, 1))


def test_evidence_quote_length_matches_span() -> None:
    """A quote whose length differs from its span is rejected."""
    with pytest.raises(FieldValueError, match="characters"):
        md.Evidence(source="s", start=0, end=3, quote="ab")


def test_source_evidence_computes_offsets() -> None:
    """Source.evidence finds the quote and its offsets."""
    ev = SRC.evidence("two")
    assert (ev.start, ev.end, ev.quote) == (4, 7, "two")
    assert SRC.text[ev.start : ev.end] == ev.quote


def test_source_evidence_ambiguous_and_occurrence() -> None:
    """An ambiguous quote needs occurrence=, which picks the n-th match."""
    with pytest.raises(ValueError, match="occurs 2 times"):
        SRC.evidence("one")
    assert SRC.evidence("one", occurrence=2).start == 8
    with pytest.raises(ValueError, match="not 3"):
        SRC.evidence("one", occurrence=3)


def test_source_evidence_absent() -> None:
    """A quote that is not in the text is an error."""
    with pytest.raises(ValueError, match="does not occur"):
        SRC.evidence("three")


@pytest.mark.parametrize("text", ["2025", "2025-08", "2025-08-02", "2024-02-29"])
def test_partial_date_round_trips(text: str) -> None:
    """ISO reduced-precision strings parse and print back unchanged."""
    assert str(md.PartialDate.parse(text)) == text


@pytest.mark.parametrize("text", ["2025-13", "2025-13-40", "2025-02-29", "25", "2025-8", "2025-08-02T00", "", "0000"])
def test_partial_date_rejects_bad(text: str) -> None:
    """Malformed or impossible dates are rejected."""
    with pytest.raises(ValueError):  # noqa: PT011 - the message varies by case
        md.PartialDate.parse(text)


def test_partial_date_range_and_order() -> None:
    """earliest/latest bound the period; dates order by start, then precision."""
    month = md.PartialDate.parse("2024-02")
    assert month.earliest == dt.date(2024, 2, 1)
    assert month.latest == dt.date(2024, 2, 29)
    assert md.PartialDate.parse("2025").latest == dt.date(2025, 12, 31)
    ordered = sorted(md.PartialDate.parse(t) for t in ["2025-01-01", "2024", "2025", "2025-01"])
    assert [str(d) for d in ordered] == ["2024", "2025", "2025-01", "2025-01-01"]
    assert month.precision == "month"


@given(st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)), st.sampled_from(["year", "month", "day"]))
def test_partial_date_parse_inverts_str(day: dt.date, precision: str) -> None:
    """parse(str(d)) == d for every date at every precision."""
    date = md.PartialDate(
        year=day.year,
        month=None if precision == "year" else day.month,
        day=day.day if precision == "day" else None,
    )
    assert md.PartialDate.parse(str(date)) == date
    assert date.earliest <= day <= date.latest or precision == "day"


class _Slug(str):
    """A str subclass: equal to a known slug, but not an exact str."""

    __slots__ = ()


@given(ref=st.from_regex(r"[a-z0-9]+(-[a-z0-9]+)*", fullmatch=True), bad=st.text())
def test_references_seen_before_are_checked_like_new_ones(ref: str, bad: str) -> None:
    """A reference remembered as a slug is accepted again; anything the pattern refuses is refused every time."""
    from mideastdata.model import SLUG_RE

    for _ in range(2):  # the second time, `ref` is remembered
        assert md.Demand(id="d", by=ref, topic=ref, text="t", kind=md.DemandKind.DEMAND).by == ref
        assert md.Event(id="e", kind=md.EventKind.COOPERATION, summary="s", status=md.EventStatus.OCCURRED, actors=(ref, ref)).actors == (ref, ref)
    if SLUG_RE.fullmatch(bad) is None:
        for _ in range(2):
            with pytest.raises(FieldValueError, match="by must be a lowercase slug"):
                md.Demand(id="d", by=bad, topic=ref, text="t", kind=md.DemandKind.DEMAND)
            with pytest.raises(FieldValueError, match="actors must hold lowercase slugs"):
                md.Event(id="e", kind=md.EventKind.COOPERATION, summary="s", status=md.EventStatus.OCCURRED, actors=(ref, bad))


def test_remembered_references_still_need_exact_strings() -> None:
    """A str subclass or an unhashable item is refused even when it equals a remembered slug."""
    md.Demand(id="d", by="israel", topic="t", text="t", kind=md.DemandKind.DEMAND)
    with pytest.raises(FieldValueError, match="by must be a lowercase slug"):
        md.Demand(id="d", by=_Slug("israel"), topic="t", text="t", kind=md.DemandKind.DEMAND)
    with pytest.raises(FieldValueError, match="actors must hold lowercase slugs"):
        md.Event(id="e", kind=md.EventKind.COOPERATION, summary="s", status=md.EventStatus.OCCURRED, actors=("israel", _Slug("israel")))
    with pytest.raises(FieldValueError, match="actors must hold lowercase slugs"):
        md.Event(id="e", kind=md.EventKind.COOPERATION, summary="s", status=md.EventStatus.OCCURRED, actors=("israel", ["israel"]))  # type: ignore[arg-type]


def test_the_memory_of_references_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    """Past its bound the memory of seen references is emptied, and checking goes on as before."""
    from mideastdata import _fields

    monkeypatch.setattr(_fields, "_KNOWN_SLUGS_MAX", 8)
    monkeypatch.setattr(_fields, "_KNOWN_SLUGS", set())
    for i in range(50):
        md.Demand(id="d", by=f"actor-{i}", topic="t", text="t", kind=md.DemandKind.DEMAND)
        assert 1 <= len(_fields._KNOWN_SLUGS) <= 8
    with pytest.raises(FieldValueError):
        md.Demand(id="d", by="Not A Slug", topic="t", text="t", kind=md.DemandKind.DEMAND)


@given(year=st.integers(1, 9999), month=st.integers(1, 12))
def test_days_in_month_agree_with_the_calendar_module(year: int, month: int) -> None:
    """The library's month lengths (leap years included) are those of ``calendar.monthrange``."""
    import calendar

    from mideastdata._dates import _days_in_month

    assert _days_in_month(year, month) == calendar.monthrange(year, month)[1]
    assert md.PartialDate(year=year, month=month).latest.day == calendar.monthrange(year, month)[1]
