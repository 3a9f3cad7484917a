"""The strict converter: no coercion, unknown keys rejected, errors carry their path."""

from __future__ import annotations

import json
from typing import Any

import pytest

import mideastdata as md


def _doc(small: md.Dataset) -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(md.to_json(small))
    return doc


def _paths(doc: dict[str, Any]) -> list[str]:
    with pytest.raises(md.DatasetError) as info:
        md.from_json(json.dumps(doc))
    return [p.path for p in info.value.problems]


def test_json_round_trip(small: md.Dataset) -> None:
    """from_json(to_json(ds)) == ds, and the text is deterministic."""
    text = md.to_json(small)
    assert md.from_json(text) == small
    assert md.to_json(md.from_json(text)) == text


def test_document_keys_in_schema_order(small: md.Dataset) -> None:
    """A document starts with schema_version, then metadata, then the tables in schema order."""
    assert list(_doc(small)) == [
        "schema_version", "name", "version", "license", "citation",
        "sources", "actors", "topics", "statements", "demands", "events",
    ]


@pytest.mark.parametrize(
    ("table", "field", "value", "path"),
    [
        ("actors", "name", 1, "actors[0].name"),
        ("actors", "anonymous", "false", "actors[0].anonymous"),
        ("actors", "aliases", "EU", "actors[0].aliases"),
        ("actors", "kind", "militia", "actors[0].kind"),
        ("statements", "date", "2025-13-40", "statements[0].date"),
        ("statements", "date", 2025, "statements[0].date"),
        ("statements", "speaker", None, "statements[0].speaker"),
        ("statements", "id", "Not A Slug", "statements[0].id"),
        ("events", "topics", ["arms-trade", 3], "events[0].topics[1]"),
        ("demands", "kind", None, "demands[0].kind"),
    ],
)
def test_wrong_value_is_rejected_with_path(small: md.Dataset, table: str, field: str, value: object, path: str) -> None:
    """A wrong type or value is an error at its path, never coerced."""
    doc = _doc(small)
    doc[table][0][field] = value
    assert _paths(doc) == [path]


def test_evidence_offset_as_string_is_rejected(small: md.Dataset) -> None:
    """"1" where an integer is expected is an error, not a coercion."""
    doc = _doc(small)
    doc["events"][0]["evidence"][0]["start"] = "1"
    assert _paths(doc) == ["events[0].evidence[0].start"]


def test_unknown_key_is_rejected(small: md.Dataset) -> None:
    """A misspelt field is reported, not silently dropped."""
    doc = _doc(small)
    doc["statements"][0]["speakr"] = "hamas"
    with pytest.raises(md.DatasetError, match="unknown field 'speakr'") as info:
        md.from_json(json.dumps(doc))
    assert info.value.problems[0].path == "statements[0]"


def test_missing_required_field(small: md.Dataset) -> None:
    """A missing required field is reported at its path."""
    doc = _doc(small)
    del doc["demands"][0]["by"]
    assert _paths(doc) == ["demands[0].by"]


def test_many_problems_listed(small: md.Dataset) -> None:
    """Problems across tables are listed together."""
    doc = _doc(small)
    doc["actors"][1]["country"] = 1
    doc["events"][0]["status"] = "done"
    doc["topics"] = "nope"
    assert _paths(doc) == ["actors[1].country", "topics", "events[0].status"]


def test_document_level_problems(small: md.Dataset) -> None:
    """Missing metadata, an unknown top-level key and a non-object document are reported."""
    doc = _doc(small)
    del doc["name"]
    doc["extra"] = 1
    with pytest.raises(md.DatasetError) as info:
        md.from_json(json.dumps(doc))
    assert [str(p) for p in info.value.problems] == ["unknown field 'extra'", "name: required field is missing"]
    with pytest.raises(md.DatasetError, match="expected a JSON object"):
        md.from_json("[]")


def test_newer_schema_refused(small: md.Dataset) -> None:
    """A document of a newer major schema gets a clear error."""
    doc = _doc(small)
    doc["schema_version"] = "2.0"
    with pytest.raises(md.DatasetError, match="upgrade mideastdata"):
        md.from_json(json.dumps(doc))


def test_invalid_json_and_bytes() -> None:
    """Invalid JSON, invalid UTF-8 and a BOM are DatasetErrors."""
    with pytest.raises(md.DatasetError, match="invalid JSON"):
        md.from_json("{")
    with pytest.raises(md.DatasetError, match="UTF-8"):
        md.from_json(b"\xff\xfe")
    with pytest.raises(md.DatasetError, match="byte order mark"):
        md.from_json("\ufeff{}")


def test_single_records_and_tuples(small: md.Dataset) -> None:
    """to_json/from_json work for one record and for a tuple of records."""
    actor = small.actors["israel"]
    assert md.from_json(md.to_json(actor), md.Actor) == actor
    assert md.from_json(md.to_json(small.topics), tuple[md.Topic, ...]) == small.topics.records
    with pytest.raises(md.DatasetError) as info:
        md.from_json('{"id": "x"}', md.Topic)
    assert [p.path for p in info.value.problems] == [".label"]


def test_dump_and_load_file(small: md.Dataset, tmp_path: Any) -> None:
    """md.dump writes a file md.load reads back equal."""
    path = md.dump(small, tmp_path / "small.json")
    assert md.load(path) == small
