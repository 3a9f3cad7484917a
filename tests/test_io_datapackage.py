"""Frictionless Data Package: a v2 descriptor with Table Schemas, checked by the real `frictionless` tool."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import attrs
import pytest

import mideastdata as md
from mideastdata.io.datapackage import FOREIGN_KEYS


def _frictionless(*args: str) -> subprocess.CompletedProcess[str]:
    exe = shutil.which("frictionless") or str(Path(sys.executable).with_name("frictionless"))
    if not Path(exe).exists():
        pytest.skip("the frictionless command is not installed")
    return subprocess.run([exe, *args], capture_output=True, text=True, check=False, timeout=120)


def _validate(package: Path) -> dict[str, Any]:
    result = _frictionless("validate", "--json", str(package / "datapackage.json"))
    report: dict[str, Any] = json.loads(result.stdout)
    assert result.returncode == (0 if report["valid"] else 1), result.stderr
    return report


def _errors(report: dict[str, Any]) -> list[tuple[str, str, str]]:
    top = [("", e["type"], e["message"]) for e in report["errors"]]
    return top + [(task["name"], e["type"], e["message"]) for task in report["tasks"] for e in task["errors"]]


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return md.dump(md.load(), tmp_path_factory.mktemp("pkg") / "pkg", format="datapackage")


def test_frictionless_validates_the_export(package: Path) -> None:
    """`frictionless validate` passes on the exported bundled dataset: types, enums, keys and all."""
    report = _validate(package)
    assert _errors(report) == []
    assert report["valid"] is True
    assert {t["name"] for t in report["tasks"]} == set(md.load().tables())


def test_frictionless_reports_a_broken_foreign_key(package: Path, tmp_path: Path) -> None:
    """A statement whose speaker is no actor is reported by frictionless as a foreign-key error."""
    broken = tmp_path / "broken"
    shutil.copytree(package, broken)
    csv_file = broken / "statements.csv"
    text = csv_file.read_bytes().decode("utf-8")
    speaker = md.load().statements[0].speaker
    assert f",{speaker}," in text
    csv_file.write_bytes(text.replace(f",{speaker},", ",nobody-at-all,", 1).encode("utf-8"))
    errors = _errors(_validate(broken))
    assert [(name, kind) for name, kind, _ in errors] == [("statements", "foreign-key")]
    assert "nobody-at-all" in errors[0][2]
    with pytest.raises(md.DatasetError, match="unknown actor 'nobody-at-all'"):
        md.load(broken)


def test_frictionless_reports_a_value_outside_the_categories(package: Path, tmp_path: Path) -> None:
    """An event kind outside its enum is a constraint error for frictionless too."""
    broken = tmp_path / "broken"
    shutil.copytree(package, broken)
    csv_file = broken / "events.csv"
    kind = md.load().events[0].kind.value
    text = csv_file.read_bytes().decode("utf-8")
    csv_file.write_bytes(text.replace(f",{kind},", ",skirmish,", 1).encode("utf-8"))
    errors = _errors(_validate(broken))
    assert [(name, kind) for name, kind, _ in errors] == [("events", "constraint-error")]


def test_descriptor_metadata(package: Path) -> None:
    """The descriptor is v2, with name, version, licenses, sources and one CSV resource per table."""
    ds = md.load()
    desc = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    assert desc["$schema"] == "https://datapackage.org/profiles/2.0/datapackage.json"
    assert desc["version"] == ds.version
    assert desc["title"] == ds.name
    assert desc["licenses"] == [{"name": ds.license}]
    assert [s["title"] for s in desc["sources"]] == [s.title for s in ds.sources]
    assert [r["name"] for r in desc["resources"]] == list(ds.tables())
    assert all(r["path"] == f"{r['name']}.csv" and r["format"] == "csv" for r in desc["resources"])


def test_table_schemas_follow_the_model(package: Path) -> None:
    """Every field of every record class is a Table Schema field, enums carry categories, keys are declared."""
    ds = md.load()
    desc = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    for resource in desc["resources"]:
        kind = type(ds.tables()[resource["name"]][0])
        schema = resource["schema"]
        assert [f["name"] for f in schema["fields"]] == [f.name for f in attrs.fields(kind)]
        assert schema["primaryKey"] == ["id"]
        declared = {fk["fields"][0]: fk["reference"]["resource"] for fk in schema.get("foreignKeys", [])}
        assert declared == FOREIGN_KEYS.get(resource["name"], {})
    fields = {f["name"]: f for f in desc["resources"][3]["schema"]["fields"]}
    assert fields["kind"]["categories"] == [k.value for k in md.StatementKind]
    assert fields["topics"]["type"] == "array"
    assert fields["speaker"]["constraints"]["required"] is True
    assert "required" not in fields["quote"].get("constraints", {})


def test_descriptor_path_and_folder_both_load(package: Path) -> None:
    """Both the folder and its datapackage.json load the same dataset."""
    assert md.load(package) == md.load(package / "datapackage.json") == md.load()


def test_unusual_name_and_license_round_trip(tmp_path: Path, small: md.Dataset) -> None:
    """A name that is no package slug and a free-text license (no license id) still come back exactly."""
    ds = small.evolve(name="Gaza talks: «draft» 2", license="All rights reserved, see page 2")
    out = md.dump(ds, tmp_path / "pkg" / "datapackage.json", format="datapackage")
    desc = json.loads(out.read_text(encoding="utf-8"))
    assert desc["name"] == "gaza-talks-draft-2"
    assert "licenses" not in desc
    assert desc["mideastdata"]["license"] == ds.license
    assert md.load(out) == ds
    report = _validate(out.parent)
    assert report["valid"] is True, _errors(report)
