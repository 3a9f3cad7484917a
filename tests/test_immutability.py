"""Immutability: no record, table or dataset can be changed, and no consumer can change what another sees."""

from __future__ import annotations

import contextlib
from importlib import resources
from typing import Any

import attrs
import pytest

import mideastdata as md
from mideastdata.io.json import from_json


def _fresh_bundled() -> md.Dataset:
    """The bundled dataset built afresh from the package data (not the shared object)."""
    data = resources.files("mideastdata").joinpath("data").joinpath("mideastdata.json").read_bytes()
    return from_json(data)


def _every_record(ds: md.Dataset) -> list[Any]:
    return [record for table in ds.tables().values() for record in table]


def test_every_record_and_nested_value_is_frozen() -> None:
    """Setting or deleting any field of any record, evidence span, role or stance raises."""
    ds = md.load()
    values: list[Any] = []
    for record in _every_record(ds):
        values.append(record)
        for nested in ("evidence", "roles", "stances"):
            if nested in attrs.fields_dict(type(record)):
                values.extend(getattr(record, nested))
    assert len(values) > 50
    for value in values:
        field = attrs.fields(type(value))[0].name
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            setattr(value, field, "changed")
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            delattr(value, field)
        with pytest.raises(AttributeError):
            value.new_attribute = 1  # slotted: no new attributes either


def test_collections_in_records_are_tuples() -> None:
    """Every collection a record holds is a tuple, so it cannot be appended to or changed in place."""
    for record in _every_record(md.load()):
        for field in attrs.fields(type(record)):
            value = getattr(record, field.name)
            assert not isinstance(value, (list, dict, set, bytearray)), (record.id, field.name)


def test_dataset_is_frozen() -> None:
    """A dataset's metadata and tables cannot be reassigned or deleted."""
    ds = md.load()
    for field in ("name", "version", "license", "citation", "schema_version", "actors", "statements"):
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            setattr(ds, field, None)
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            delattr(ds, field)


def test_tables_are_frozen() -> None:
    """Tables, full or derived by a query, refuse every attribute change."""
    ds = md.load()
    for table in (ds.actors, ds.statements.by("hamas"), ds.events[1:3], ds.demands.where(kind="demand")):
        for name in ("_records", "_by_id", "_cache", "_dataset", "records", "anything"):
            with pytest.raises(AttributeError):
                setattr(table, name, ())
        with pytest.raises(AttributeError):
            delattr(table, "_records")
        with pytest.raises(TypeError):
            table[0] = table[0]  # type: ignore[index]
        assert isinstance(table.records, tuple)


def test_returned_containers_are_copies_or_immutable() -> None:
    """Mutating what a query returns (ids, tables(), to_records, hits) changes nothing the next caller sees."""
    ds = md.load()
    ids = ds.actors.ids()
    ids.clear()
    assert ds.actors.ids()
    tables = ds.tables()
    tables.clear()
    assert ds.tables()
    rows = ds.statements.to_records()
    rows[0]["speaker"] = "nobody"
    rows[0]["topics"].append("nothing")
    assert ds.statements.to_records()[0]["speaker"] == ds.statements[0].speaker
    hits = ds.search("ceasefire")
    assert isinstance(hits, tuple)
    if hits:
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            hits[0].score = 0  # type: ignore[misc]
    positions = ds.positions(ds.topics[0].id)
    assert isinstance(positions, tuple)


def test_a_consumer_cannot_change_what_another_sees() -> None:
    """After a consumer tries every way in, the shared bundled dataset still equals a fresh build, byte for byte."""
    ds = md.load()
    expected = md.to_json(_fresh_bundled())
    # Warm every lazily built index, then attack through everything public and semi-public.
    ds.actor("Vitikoff")
    ds.statements.by("hamas")
    ds.search("hostages")
    for table in ds.tables().values():
        table.get("x")
        for name in ("_records", "_by_id", "_cache", "_dataset"):
            with contextlib.suppress(AttributeError):
                setattr(table, name, None)
        with contextlib.suppress(TypeError, AttributeError):
            table.records[0] = None  # type: ignore[index]
    for record in _every_record(ds):
        for field in attrs.fields(type(record)):
            with contextlib.suppress(AttributeError):
                setattr(record, field.name, None)
            value = getattr(record, field.name)
            with contextlib.suppress(TypeError, AttributeError):
                value[0] = None
    again = md.load()
    assert again is ds
    assert md.to_json(again) == expected
    assert again.actor("Vitikoff").id == "steve-witkoff"
    assert again.statements.by("hamas").records == _fresh_bundled().statements.by("hamas").records


def test_problem_and_error_are_values() -> None:
    """A Problem is frozen, and a DatasetError's problem list is a tuple."""
    error = md.DatasetError([md.Problem("a", "b")], file="f.json")
    assert isinstance(error.problems, tuple)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        error.problems[0].path = "x"  # type: ignore[misc]
