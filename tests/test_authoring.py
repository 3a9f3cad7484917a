"""Authoring by hand: constructors take an enum's value and a date as ISO text or a datetime.date."""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any

import pytest

import mideastdata as md
from mideastdata import _schema

EVIDENCE = (md.Evidence(source="src", start=0, end=5, quote="Hamas"),)


def _statement(**changes: Any) -> md.Statement:
    fields: dict[str, Any] = {
        "id": "stmt-x", "speaker": "hamas", "kind": "position", "summary": "Hamas rules out disarming.",
        "attribution": "paraphrase", "evidence": EVIDENCE,
    }
    return md.Statement(**{**fields, **changes})


def test_enum_values_become_members() -> None:
    """Every enum field of every record class takes its enum's value and stores the member."""
    actor = md.Actor(id="hamas", name="Hamas", kind="armed_group", evidence=EVIDENCE)
    assert actor.kind is md.ActorKind.ARMED_GROUP
    stmt = _statement(stances=(md.Stance(topic="t", position="opposes"),))
    assert stmt.kind is md.StatementKind.POSITION
    assert stmt.attribution is md.Attribution.PARAPHRASE
    assert stmt.stances[0].position is md.Position.OPPOSES
    demand = md.Demand(id="d", by="hamas", topic="t", text="x", kind="condition", evidence=EVIDENCE)
    assert demand.kind is md.DemandKind.CONDITION
    event = md.Event(id="e", kind="visit", summary="A visit.", status="occurred", evidence=EVIDENCE)
    assert (event.kind, event.status) == (md.EventKind.VISIT, md.EventStatus.OCCURRED)
    assert actor == md.Actor(id="hamas", name="Hamas", kind=md.ActorKind.ARMED_GROUP, evidence=EVIDENCE)


def _enum_fields() -> list[tuple[type[Any], str, type[enum.Enum]]]:
    return [
        (cls, spec.name, spec.enum)
        for cls in _schema.RECORD_CLASSES
        for spec in _schema.fields(cls)
        if spec.enum is not None
    ]


@pytest.mark.parametrize(("cls", "field", "kind"), _enum_fields())
def test_every_enum_field_converts_each_value(cls: type[Any], field: str, kind: type[enum.Enum]) -> None:
    """Each enum field, found from the schema, has a converter that takes every value of its enum."""
    convert = next(a for a in cls.__attrs_attrs__ if a.name == field).converter
    assert convert is not None
    for member in kind:
        assert convert(member.value) is member
        assert convert(member) is member


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("persn", "kind must be an ActorKind or one of its values ('person', 'state', "),
        ("Person", "got 'Person'"),
        (3, "kind must be an ActorKind or one of its values"),
        (md.Position.SUPPORTS, "got <Position.SUPPORTS: 'supports'>"),
    ],
)
def test_bad_enum_values_are_refused_with_the_field(value: object, message: str) -> None:
    """A value that is not the enum's (another case, another enum's member, a number) is a FieldTypeError."""
    with pytest.raises(md.FieldTypeError, match=r"^kind must be an ActorKind") as info:
        md.Actor(id="a", name="A", kind=value, evidence=EVIDENCE)  # type: ignore[arg-type]
    assert message in str(info.value)
    assert info.value.field == "kind"
    assert isinstance(info.value, TypeError)


def test_grammar_of_enum_messages() -> None:
    """The article agrees with the enum's name: an Attribution, a Position."""
    with pytest.raises(md.FieldTypeError, match=r"^attribution must be an Attribution or"):
        _statement(attribution="quoted")
    with pytest.raises(md.FieldTypeError, match=r"^position must be a Position or"):
        md.Stance(topic="t", position="for")


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("2025", md.PartialDate(year=2025)),
        ("2025-08", md.PartialDate(year=2025, month=8)),
        ("2025-08-02", md.PartialDate(year=2025, month=8, day=2)),
        (dt.date(2025, 8, 2), md.PartialDate(year=2025, month=8, day=2)),
        (md.PartialDate(year=2024, month=2), md.PartialDate(year=2024, month=2)),
        (None, None),
    ],
)
def test_dates_from_text_or_datetime_date(given: Any, expected: md.PartialDate | None) -> None:
    """Statement, event and source dates take ISO text (any precision), a datetime.date or a PartialDate."""
    assert _statement(date=given).date == expected
    assert md.Event(id="e", kind="visit", summary="s", status="occurred", date=given, evidence=EVIDENCE).date == expected
    assert md.Source(id="s", title="t", text="x", published=given).published == expected


@pytest.mark.parametrize("text", ["2025-13", "2025-02-30", "25 August 2025", ""])
def test_bad_date_text_is_a_field_value_error(text: str) -> None:
    """Date text that names no real date, or not in ISO form, is refused with the field and the forms."""
    with pytest.raises(md.FieldValueError, match=r"^date must be a PartialDate, a datetime.date or ISO text") as info:
        _statement(date=text)
    assert info.value.field == "date"
    assert isinstance(info.value, ValueError)


def test_datetime_is_not_silently_cut_to_a_date() -> None:
    """A datetime (a date subclass with a time) is refused rather than losing its time."""
    with pytest.raises(md.FieldTypeError, match="got datetime"):
        _statement(date=dt.datetime(2025, 8, 2, 12, 0))  # noqa: DTZ001 - the value itself is the point


@pytest.mark.parametrize(
    ("cls", "field"),
    [(cls, spec.name) for cls in _schema.RECORD_CLASSES for spec in _schema.fields(cls) if spec.kind == "date"],
)
def test_every_date_field_converts_text_and_dates(cls: type[Any], field: str) -> None:
    """Each date field, found from the schema, has a converter that reads ISO text and a datetime.date."""
    convert = next(a for a in cls.__attrs_attrs__ if a.name == field).converter
    assert convert is not None
    assert convert("2025-08") == md.PartialDate(year=2025, month=8)
    assert convert(dt.date(2025, 8, 2)) == md.PartialDate(year=2025, month=8, day=2)
    assert convert(None) is None
