"""The structure itself: a new optional field of each kind, declared in model.py alone, works everywhere.

The test copies the package, adds to ``Statement`` one optional field of each kind (text, a
reference, an enum, a date, a number, a tuple of references) with one line each in
``model.py``, and a new nested record class reached only through another nested class
(``Stance.asides``), and nothing else; then it runs a script against the copy in a
subprocess: the new fields round-trip through every format, are checked with the whole
dataset, appear in both schemas, and a document that leaves their keys out loads through
the fast builders.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import attrs
import pytest

import mideastdata
from mideastdata import _fields as f
from mideastdata import _schema

NEW_FIELDS = """
    note: str | None = attrs.field(default=None, **f.opt_text())
    witness: str | None = attrs.field(default=None, **f.opt_ref("actors"))
    mood: Position | None = attrs.field(default=None, **f.opt_enum(Position))
    reported: PartialDate | None = attrs.field(default=None, **f.opt_date(PartialDate))
    weight: float | None = attrs.field(default=None, **f.opt_number())
    witnesses: tuple[str, ...] = attrs.field(default=(), **f.refs("actors"))
"""

NEW_CLASS = '''
@attrs.frozen(kw_only=True)
class Aside:
    """A remark on a stance: a nested record held only by another nested record."""

    note: str = attrs.field(**f.text())
    who: str | None = attrs.field(default=None, **f.opt_ref("actors"))


'''

NEW_NESTED_FIELD = """
    asides: tuple[Aside, ...] = attrs.field(default=(), **f.records(Aside))
"""

SCRIPT = r"""
import json, sys, tempfile, os
import attrs
import mideastdata as md
from mideastdata import _codegen
from mideastdata.io import _engine

out = {}
ds = md.load()
stmt = ds.statements[0]
from mideastdata import _schema
from mideastdata.model import Aside
out["nested"] = [c.__name__ for c in _schema.NESTED]
stance = md.Stance(topic=stmt.topics[0], position=md.Position.SUPPORTS, asides=(Aside(note="a remark", who="israel"),))
new = attrs.evolve(stmt, note="a note", witness="hamas", mood=md.Position.OPPOSES,
                   reported=md.PartialDate.parse("2025-08"), weight=0.5, witnesses=("israel", "hamas"),
                   stances=(stance,))
ds2 = ds.evolve(statements=(new, *ds.statements[1:]))
folder = tempfile.mkdtemp()
out["round_trips"] = {}
for fmt in ("json", "jsonl", "csv", "datapackage", "parquet"):
    path = md.dump(ds2, os.path.join(folder, "x-" + fmt), format=fmt)
    out["round_trips"][fmt] = md.load(path, format=fmt) == ds2

try:
    bad_stance = attrs.evolve(stance, asides=(Aside(note="a remark", who="isreal"),))
    bad = attrs.evolve(new, witness="hamass", witnesses=("israel", "nobody"), stances=(bad_stance,))
    ds.evolve(statements=(bad, *ds.statements[1:]))
    out["checked"] = []
except md.DatasetError as exc:
    out["checked"] = [str(p) for p in exc.problems]

schema = md.json_schema()["$defs"]["Statement"]["properties"]
out["json_schema"] = {k: schema.get(k) for k in ("note", "witness", "mood", "reported", "weight", "witnesses")}
out["aside_schema"] = md.json_schema()["$defs"].get("Aside")
out["stance_asides"] = md.json_schema()["$defs"]["Stance"]["properties"].get("asides")
from mideastdata.io.datapackage import descriptor
fields = [r for r in descriptor(ds2)["resources"] if r["name"] == "statements"][0]["schema"]
out["table_schema"] = {f["name"]: f["type"] for f in fields["fields"] if f["name"] in ("note", "witness", "mood", "reported", "weight", "witnesses")}
out["foreign_keys"] = [k["fields"] for k in fields.get("foreignKeys", [])]
out["coerced"] = None
try:
    md.from_json(json.dumps(json.loads(md.to_json(new)) | {"weight": "0.5"}), type=md.Statement)
except md.DatasetError as exc:
    out["coerced"] = [str(p) for p in exc.problems]

# a document that leaves the new keys out is built by the fast builders alone
doc = json.loads(md.to_json(ds))
for row in doc["statements"]:
    for key in ("note", "witness", "mood", "reported", "weight", "witnesses"):
        row.pop(key, None)
calls = []
real = _codegen.builders().detailed
for cls, fn in list(real.items()):
    real[cls] = (lambda fn: lambda *a: calls.append(1) or fn(*a))(fn)
out["omitted_loads"] = md.from_json(json.dumps(doc)) == ds
out["detailed_calls"] = len(calls)
print(json.dumps(out))
"""


@pytest.fixture(scope="module")
def outcome(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """What the script reports about a copy of the package with the new fields."""
    root = tmp_path_factory.mktemp("variant")
    package = root / "mideastdata"
    shutil.copytree(Path(mideastdata.__file__).parent, package, ignore=shutil.ignore_patterns("__pycache__"))
    model = package / "model.py"
    text = model.read_text(encoding="utf-8")
    # the new fields go right after Statement's id (keyword-only: any place in the class would do)
    anchor = re.search(r"\nclass Statement\b.*?\n    id: str = [^\n]*\n", text, flags=re.DOTALL)
    assert anchor is not None
    text = text[: anchor.end()] + NEW_FIELDS.lstrip("\n") + text[anchor.end() :]
    # the nested class goes before Stance, and Stance holds it (after its last field, condition)
    stance = re.search(
        r"\n@attrs.frozen\(kw_only=True\)\nclass Stance\b.*?\n    condition: [^\n]*\n", text, flags=re.DOTALL
    )
    assert stance is not None
    head, body = text[: stance.start() + 1], text[stance.start() + 1 : stance.end()]
    text = head + NEW_CLASS.lstrip("\n") + body + NEW_NESTED_FIELD.lstrip("\n") + text[stance.end() :]
    model.write_text(text, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(root)}
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True, timeout=600, check=False, cwd=root
    )
    assert done.returncode == 0, done.stderr
    found: dict[str, Any] = json.loads(done.stdout)
    return found


def test_the_new_fields_round_trip_through_every_format(outcome: dict[str, Any]) -> None:
    """A statement holding a value in each new field reads back equal from every format."""
    assert outcome["round_trips"] == dict.fromkeys(["json", "jsonl", "csv", "datapackage", "parquet"], True)


def test_a_new_nested_class_needs_no_second_list(outcome: dict[str, Any]) -> None:
    """A record class reached only through another nested class is found from the fields, before its holder."""
    nested = outcome["nested"]
    assert "Aside" in nested
    assert nested.index("Aside") < nested.index("Stance")
    assert outcome["aside_schema"]["required"] == ["note"]
    assert outcome["stance_asides"]["items"] == {"$ref": "#/$defs/Aside"}


def test_the_new_references_are_checked_with_the_whole_dataset(outcome: dict[str, Any]) -> None:
    """A dangling single and a dangling tuple reference are reported at their paths, with a hint."""
    assert "statements[0].witness: unknown actor 'hamass' — did you mean 'hamas'?" in outcome["checked"]
    assert any(p.startswith("statements[0].witnesses[1]: unknown actor 'nobody'") for p in outcome["checked"])


def test_a_reference_two_levels_deep_is_checked(outcome: dict[str, Any]) -> None:
    """A dangling reference in a record nested inside a nested record is reported at its path."""
    assert any(p.startswith("statements[0].stances[0].asides[0].who: unknown actor") for p in outcome["checked"])


def test_the_new_fields_are_in_both_schemas(outcome: dict[str, Any]) -> None:
    """The JSON Schema and the Table Schema hold each new field with its type; the reference is a foreign key."""
    schema = outcome["json_schema"]
    assert schema["note"]["type"] == ["string", "null"]
    assert schema["witness"]["pattern"].startswith("^[a-z0-9]")
    assert schema["weight"]["type"] == ["number", "null"]
    assert schema["witnesses"]["type"] == "array"
    assert outcome["table_schema"] == {
        "note": "string", "witness": "string", "mood": "string", "reported": "string", "weight": "number",
        "witnesses": "array",
    }
    assert ["witness"] in outcome["foreign_keys"]


def test_a_number_is_never_coerced_from_text(outcome: dict[str, Any]) -> None:
    """``"0.5"`` where a number is expected is refused, not turned into 0.5."""
    assert outcome["coerced"] == [".weight: expected a number, got str '0.5'"]


def test_a_document_without_the_new_keys_takes_the_fast_builders(outcome: dict[str, Any]) -> None:
    """Leaving the new keys out loads the same dataset without ever calling a detailed builder."""
    assert outcome["omitted_loads"] is True
    assert outcome["detailed_calls"] == 0


# --------------------------------------------------------------------------- nested classes, derived


@attrs.frozen(kw_only=True)
class _Leaf:
    text: str = attrs.field(**f.text())


@attrs.frozen(kw_only=True)
class _Branch:
    leaves: tuple[_Leaf, ...] = attrs.field(default=(), **f.records(_Leaf))


@attrs.frozen(kw_only=True)
class _Tree:
    id: str = attrs.field(**f.identifier())
    branches: tuple[_Branch, ...] = attrs.field(default=(), **f.records(_Branch))
    leaves: tuple[_Leaf, ...] = attrs.field(default=(), **f.records(_Leaf))


@attrs.frozen(kw_only=True)
class _Loop:
    parts: tuple[_Loop, ...] = ()  # the field's kind is read from its type


def test_nested_classes_are_read_from_the_fields_before_their_holders() -> None:
    """A class reached only through another nested class is found, and each class comes after those it holds."""
    assert list(_schema._reachable([_Tree])) == [_Leaf, _Branch, _Tree]
    assert list(_schema._reachable([_Branch, _Tree])) == [_Leaf, _Branch, _Tree]


def test_the_models_nested_classes_come_before_the_classes_holding_them() -> None:
    """NESTED is every class a table reaches through nested-record fields, in an order the generators can use."""
    order = _schema.RECORD_CLASSES
    held = {s.item for cls in order for s in _schema.fields(cls) if s.kind == "records"}
    assert set(_schema.NESTED) == held
    for i, cls in enumerate(order):
        assert all(order.index(s.item) < i for s in _schema.fields(cls) if s.kind == "records"), cls


def test_a_record_class_holding_itself_is_refused() -> None:
    """A cycle of nested records is a TypeError naming it, not endless recursion."""
    with pytest.raises(TypeError, match=r"_Loop -> _Loop: a record class cannot hold itself"):
        _schema._reachable([_Loop])
