"""Schema 1.1: its new fields go through every format and both schemas; 1.0 documents migrate, newer ones are refused."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import attrs
import pytest

import mideastdata as md
from mideastdata import _schema

FORMATS = ("json", "jsonl", "csv", "datapackage", "parquet")
ADDED_IN_1_1 = {
    "sources": ("retrieved", "sha256"),
    "actors": ("wikidata", "identifiers"),
    "statements": ("same_as",),
    "demands": ("same_as",),
    "events": ("same_as",),
}


def _with_new_fields() -> md.Dataset:
    """The bundled dataset with every field added in 1.1 given a value."""
    ds = md.load()
    src = attrs.evolve(ds.sources[0], retrieved=md.PartialDate(year=2031, month=4, day=1))
    actors = (
        attrs.evolve(ds.actors[0], wikidata="Q42", identifiers=(md.Identifier(scheme="ucdp", value='12, "a"'),)),
        *ds.actors[1:],
    )
    linked = [attrs.evolve(r, same_as=table[0].id) for table in (ds.statements, ds.demands, ds.events)
              for r in table[1:2]]
    return ds.evolve(
        sources=(src,), actors=actors,
        statements=(ds.statements[0], linked[0], *ds.statements[2:]),
        demands=(ds.demands[0], linked[1], *ds.demands[2:]),
        events=(ds.events[0], linked[2], *ds.events[2:]),
    )


def test_added_fields_are_the_schema_s() -> None:
    """The fields this file calls new are fields of the model (and optional, as a minor version needs)."""
    for table, names in ADDED_IN_1_1.items():
        specs = {s.name: s for s in _schema.fields(_schema.TABLES[table])}
        for name in names:
            assert not specs[name].required, f"{table}.{name}"


@pytest.mark.parametrize("fmt", FORMATS)
def test_new_fields_round_trip(fmt: str, tmp_path: Path) -> None:
    """Every field added in 1.1 comes back from every format exactly."""
    ds = _with_new_fields()
    path = md.dump(ds, tmp_path / ("out.json" if fmt == "json" else "out"), format=fmt)  # type: ignore[arg-type]
    back = md.load(path)
    assert back == ds
    assert back.actors[0].identifiers == ds.actors[0].identifiers
    assert back.events[1].same_as == ds.events[0].id
    assert back.sources[0].sha256 == ds.sources[0].sha256


def test_new_fields_in_the_json_schema() -> None:
    """The JSON Schema accepts a 1.1 document with the new fields, and refuses a malformed digest or QID."""
    jsonschema = pytest.importorskip("jsonschema")
    document = json.loads(md.to_json(_with_new_fields()))
    schema = md.json_schema()
    jsonschema.validate(document, schema)
    for table, field, bad in (("sources", "sha256", "abc"), ("actors", "wikidata", "801")):
        broken = json.loads(json.dumps(document))
        broken[table][0][field] = bad
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(broken, schema)


def test_new_fields_in_the_table_schema(tmp_path: Path) -> None:
    """Frictionless validates a data package holding the new fields, same_as foreign keys included."""
    frictionless = pytest.importorskip("frictionless")
    folder = md.dump(_with_new_fields(), tmp_path / "pkg", format="datapackage")
    report = frictionless.validate(str(folder / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    events = next(r for r in descriptor["resources"] if r["name"] == "events")
    assert {"fields": ["same_as"], "reference": {"resource": "events", "fields": ["id"]}} in [
        {k: v for k, v in fk.items() if k in ("fields", "reference")} for fk in events["schema"]["foreignKeys"]
    ]


def test_a_changed_text_with_its_old_digest_does_not_load() -> None:
    """A source whose stored sha256 is not its text's is refused at the sha256 field; "" recomputes it."""
    document = json.loads(md.to_json(md.load()))
    document["sources"][0]["text"] += " An edit."
    with pytest.raises(md.DatasetError) as info:
        md.from_json(json.dumps(document))
    assert [p.path for p in info.value.problems] == ["sources[0].sha256"]
    assert "is not the SHA-256 of the text" in info.value.problems[0].message
    document["sources"][0]["sha256"] = ""
    assert md.from_json(json.dumps(document)).sources[0].text.endswith("An edit.")


# -- documents of schema 1.0 ------------------------------------------------------------------


def _drop_csv_columns(path: Path) -> None:
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    keep = [i for i, h in enumerate(rows[0]) if h not in NEW_FIELDS]
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    for row in rows:
        writer.writerow([row[i] for i in keep])
    path.write_text(out.getvalue(), encoding="utf-8", newline="")


NEW_FIELDS = {n for names in ADDED_IN_1_1.values() for n in names}


def _document_as_1_0(path: Path) -> None:
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["schema_version"] = "1.0"
    for table, names in ADDED_IN_1_1.items():
        for record in doc[table]:
            for name in names:
                del record[name]
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")


def _lines_as_1_0(file: Path) -> None:
    lines = [json.loads(line) for line in file.read_text(encoding="utf-8").splitlines() if line]
    for line in lines:
        for name in NEW_FIELDS & line.keys():
            del line[name]
    file.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines), encoding="utf-8")


def _parquet_as_1_0(file: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    table = pq.read_table(file)
    pq.write_table(table.drop_columns([c for c in table.column_names if c in NEW_FIELDS]), file)


def _meta_as_1_0(file: Path) -> None:
    meta: dict[str, Any] = json.loads(file.read_text(encoding="utf-8"))
    (meta.get("mideastdata") or meta)["schema_version"] = "1.0"
    for resource in meta.get("resources", ()):
        schema = resource["schema"]
        schema["fields"] = [f for f in schema["fields"] if f["name"] not in NEW_FIELDS]
        schema["foreignKeys"] = [k for k in schema.get("foreignKeys", ()) if k["fields"] != ["same_as"]]
    file.write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")


def _as_1_0(path: Path) -> None:
    """Rewrite an export in place as schema 1.0 wrote it: no 1.1 field, ``schema_version`` 1.0."""
    if path.is_file():
        _document_as_1_0(path)
        return
    by_suffix = {".csv": _drop_csv_columns, ".jsonl": _lines_as_1_0, ".parquet": _parquet_as_1_0}
    for file in sorted(path.iterdir()):
        if file.suffix in by_suffix:
            by_suffix[file.suffix](file)
        elif file.name in ("dataset.json", "datapackage.json"):
            _meta_as_1_0(file)


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_1_0_export_loads_migrated(fmt: str, tmp_path: Path) -> None:
    """An export of schema 1.0 (none of the 1.1 fields) loads in every format as the same data, schema 1.1."""
    ds = md.load()
    path = md.dump(ds, tmp_path / ("old.json" if fmt == "json" else "old"), format=fmt)  # type: ignore[arg-type]
    _as_1_0(path)
    if path.is_file():
        assert '"sha256"' not in path.read_text(encoding="utf-8")
    back = md.load(path)
    assert back.schema_version == md.SCHEMA_VERSION == "1.1"
    assert back == ds


@pytest.mark.parametrize(("version", "advice"), [("1.2", "upgrade mideastdata"), ("2.0", "upgrade mideastdata"),
                                                 ("0.9", "migrate the document")])
def test_other_versions_are_refused_naming_both(version: str, advice: str) -> None:
    """A document of a newer schema, or of another major one, is refused with the versions and what to do."""
    document = json.loads(md.to_json(md.load()))
    document["schema_version"] = version
    with pytest.raises(md.DatasetError) as info:
        md.from_json(json.dumps(document))
    (problem,) = info.value.problems
    assert problem.path == "schema_version"
    assert f"schema {version} is not readable" in problem.message
    assert "1.1" in problem.message
    assert advice in problem.message
