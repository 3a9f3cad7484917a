"""md.json_schema(): a JSON Schema 2020-12 generated from the model; jsonschema validates exports with it."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from typing import Any

import attrs
import pytest
from hypothesis import given, settings

import mideastdata as md
from strategies import datasets

jsonschema = pytest.importorskip("jsonschema")

RECORDS = (md.Source, md.Evidence, md.Actor, md.Role, md.Topic, md.Statement, md.Stance, md.Demand, md.Event)


@pytest.fixture(scope="module")
def validator() -> Any:
    schema = md.json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def _walk(node: Any) -> Iterator[tuple[str, Any]]:
    if isinstance(node, dict):
        for key, value in node.items():
            yield key, value
            yield from _walk(value)
    elif isinstance(node, list):
        for item in node:
            yield from _walk(item)


def test_schema_is_2020_12_and_self_contained() -> None:
    """The schema declares draft 2020-12 and every $ref points inside it (no remote reference)."""
    schema = md.json_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    refs = [value for key, value in _walk(schema) if key == "$ref"]
    assert refs
    for ref in refs:
        assert ref.startswith("#/$defs/")
        assert ref.removeprefix("#/$defs/") in schema["$defs"]


def test_schema_follows_the_model() -> None:
    """Every record class is a definition with exactly its attrs fields, required where there is no default."""
    defs = md.json_schema()["$defs"]
    for kind in RECORDS:
        definition = defs[kind.__name__]
        assert list(definition["properties"]) == [f.name for f in attrs.fields(kind)]
        assert definition["required"] == [f.name for f in attrs.fields(kind) if f.default is attrs.NOTHING]
        assert definition["additionalProperties"] is False
    assert defs["StatementKind"]["enum"] == [k.value for k in md.StatementKind]


def test_bundled_export_is_valid(validator: Any) -> None:
    """The JSON export of the bundled dataset validates against the schema."""
    doc = json.loads(md.to_json(md.load()))
    assert list(validator.iter_errors(doc)) == []
    assert list(md.json_schema()["properties"]) == list(doc)


@settings(max_examples=50, deadline=None)
@given(ds=datasets())
def test_generated_exports_are_valid(validator: Any, ds: md.Dataset) -> None:
    """The JSON export of any valid dataset validates against the schema."""
    errors = [e.message for e in validator.iter_errors(json.loads(md.to_json(ds)))]
    assert errors == []


@pytest.mark.parametrize(
    ("table", "field", "value", "where"),
    [
        ("statements", "kind", "opinion", ["statements", 0, "kind"]),
        ("statements", "speaker", "Not A Slug", ["statements", 0, "speaker"]),
        ("statements", "date", "2025-13", ["statements", 0, "date"]),
        ("actors", "anonymous", "false", ["actors", 0, "anonymous"]),
        ("actors", "aliases", "EU", ["actors", 0, "aliases"]),
        ("actors", "colour", "red", ["actors", 0]),
        ("events", "summary", "   ", ["events", 0, "summary"]),
    ],
)
def test_broken_documents_are_rejected(validator: Any, small: md.Dataset, table: str, field: str, value: object, where: list[object]) -> None:  # noqa: PLR0913, PLR0917 - one parametrised case
    """A wrong type, enum value, pattern or unknown key is rejected at its place in the document."""
    doc = json.loads(md.to_json(small))
    broken = copy.deepcopy(doc)
    broken[table][0][field] = value
    errors = list(validator.iter_errors(broken))
    assert [list(e.absolute_path) for e in errors] == [where]
    with pytest.raises(md.DatasetError):
        md.from_json(json.dumps(broken))


def test_missing_required_field_is_rejected(validator: Any, small: md.Dataset) -> None:
    """A record without a required field, or a document without a version, is rejected."""
    doc = json.loads(md.to_json(small))
    del doc["statements"][0]["speaker"]
    del doc["version"]
    messages = sorted(e.message for e in validator.iter_errors(doc))
    assert messages == ["'speaker' is a required property", "'version' is a required property"]


def test_defaults_are_the_model_defaults() -> None:
    """Each default in the schema is the model's default, unstructured as JSON."""
    defs = md.json_schema()["$defs"]
    assert defs["Actor"]["properties"]["aliases"]["default"] == []
    assert defs["Actor"]["properties"]["anonymous"]["default"] is False
    assert defs["Source"]["properties"]["language"]["default"] == attrs.fields(md.Source).language.default
