# SPDX-License-Identifier: MIT
"""Frictionless Data Package (v2): ``datapackage.json`` and one CSV resource per table.

The descriptor carries the package's name, title, version, licenses and sources, and a
resource per table whose Table Schema gives every field's type, enums as ``categories``
(and an ``enum`` constraint), required fields, the primary key ``id`` and the foreign
keys between tables. The CSV files use the encoding of :mod:`mideastdata.io.csv`
(without ``excel_safe``); list and nested fields are Table Schema ``array`` fields
holding JSON. The dataset's exact metadata is kept under the ``mideastdata`` property so
the round trip is exact whatever the name or license looks like.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from .. import _schema
from .._fields import PATTERNS
from ..dataset import Dataset
from ..errors import DatasetError, Problem, short_repr
from ._atomic import atomic_folder, write_file
from ._csvrow import is_json
from ._document import META_KEYS, TABLE_TYPES, structure_meta
from ._folder import build_dataset, read_json_file, read_text
from .csv import older_schema, read_table, table_csv

__all__ = ["DESCRIPTOR", "FOREIGN_KEYS", "descriptor", "read", "write"]

DESCRIPTOR = "datapackage.json"
PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
_RESOURCE_PROFILE = "https://datapackage.org/profiles/2.0/dataresource.json"
_SCHEMA_PROFILE = "https://datapackage.org/profiles/2.0/tableschema.json"

FOREIGN_KEYS: dict[str, dict[str, str]] = {
    name: refs
    for name, kind in _schema.TABLES.items()
    if (refs := {s.name: s.ref for s in _schema.references(kind) if s.kind == "text" and s.ref is not None})
}
"""The single-valued references between tables, declared as Table Schema foreign keys.

List-valued references (``topics``, ``mentions``, ``actors``, ...) and references inside
nested records cannot be Table Schema foreign keys; :class:`~mideastdata.Dataset` checks them.
"""



def _package_name(name: str) -> str:
    slug = re.sub(r"[^a-z0-9._-]+", "-", name.lower()).strip("-._")
    return slug or "dataset"


def _field(spec: _schema.FieldSpec) -> dict[str, Any]:
    field: dict[str, Any] = {"name": spec.name, "type": _schema.JSON_TYPES[spec.kind]}
    constraints: dict[str, Any] = {}
    if spec.enum is not None:
        field["categories"] = constraints["enum"] = [m.value for m in spec.enum]
    elif spec.kind == "bool":
        field.update(trueValues=["true"], falseValues=["false"])
    elif spec.kind == "date":
        field["description"] = "ISO 8601 date of year, month or day precision"
        constraints["pattern"] = PATTERNS["date"]
    elif is_json(spec):
        field["description"] = "JSON, as in the JSON document"
    elif spec.kind == "text" and spec.meta.pattern is not None:
        constraints["pattern"] = PATTERNS[spec.meta.pattern]
    # An empty cell reads as null in Table Schema: only fields that cannot be empty are required.
    if not spec.optional and (spec.kind != "text" or spec.meta.nonempty):
        constraints["required"] = True
    if spec.name == "id":
        constraints["unique"] = True
    if constraints:
        field["constraints"] = constraints
    return field


def _resource(name: str, kind: type[Any]) -> dict[str, Any]:
    schema: dict[str, Any] = {
        "$schema": _SCHEMA_PROFILE,
        "fields": [_field(s) for s in _schema.fields(kind)],
        "missingValues": [""],
        "primaryKey": ["id"],
    }
    refs = FOREIGN_KEYS.get(name, {})
    if refs:
        schema["foreignKeys"] = [
            {"fields": [field], "reference": {"resource": table, "fields": ["id"]}} for field, table in refs.items()
        ]
    return {
        "$schema": _RESOURCE_PROFILE,
        "name": name,
        "type": "table",
        "path": f"{name}.csv",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "dialect": {"header": True, "delimiter": ",", "quoteChar": '"', "doubleQuote": True, "lineTerminator": "\r\n"},
        "schema": schema,
    }


def descriptor(ds: Dataset) -> dict[str, Any]:
    """The ``datapackage.json`` descriptor of *ds*."""
    desc: dict[str, Any] = {
        "$schema": PROFILE,
        "name": _package_name(ds.name),
        "title": ds.name,
        "version": ds.version,
    }
    if ds.citation:
        desc["description"] = ds.citation
    if re.fullmatch(r"[-a-zA-Z0-9._]+", ds.license):  # a license id such as CC-BY-4.0; free text stays below
        desc["licenses"] = [{"name": ds.license}]
    sources = [{"title": s.title, **({"path": s.url} if s.url else {})} for s in ds.sources]
    if sources:
        desc["sources"] = sources
    desc["mideastdata"] = {key: getattr(ds, key) for key in META_KEYS}
    desc["resources"] = [_resource(name, kind) for name, kind in TABLE_TYPES.items()]
    return desc


def _file_names() -> frozenset[str]:
    return frozenset({DESCRIPTOR, *(f"{name}.csv" for name in TABLE_TYPES)})


def write(ds: Dataset, path: Path) -> Path:
    """Write *ds* as a data package folder at *path* (or at the folder of a ``datapackage.json`` path)."""
    folder = path.parent if path.name == DESCRIPTOR else path
    with atomic_folder(folder, _file_names()) as tmp:
        for name, kind in TABLE_TYPES.items():
            write_file(tmp / f"{name}.csv", table_csv(getattr(ds, name), kind).encode("utf-8"))
        text = json.dumps(descriptor(ds), ensure_ascii=False, indent=1) + "\n"
        write_file(tmp / DESCRIPTOR, text.encode("utf-8"))
    return path


def _metadata(desc: dict[str, Any], problems: list[Problem]) -> dict[str, str]:
    meta_doc = desc.get("mideastdata")
    if meta_doc is None:  # a package written by another tool: take what the standard gives
        licenses = desc.get("licenses")
        first = licenses[0] if isinstance(licenses, list) and licenses and isinstance(licenses[0], dict) else {}
        meta_doc = {
            "schema_version": "1.0",
            "name": desc.get("title") or desc.get("name"),
            "version": desc.get("version"),
            "license": first.get("name") or first.get("title") or "",
            "citation": desc.get("description", ""),
        }
    if not isinstance(meta_doc, dict):
        problems.append(Problem("mideastdata", "expected a JSON object"))
        return {}
    found: list[Problem] = []
    meta = structure_meta(meta_doc, found)
    problems.extend(Problem(f"mideastdata.{p.path}" if p.path else "mideastdata", p.message) for p in found)
    return meta


def _inside(folder: Path, rel: object) -> Path | None:
    """The file *rel* names inside *folder*, or None when it is not a plain relative path that stays inside.

    Resource paths come from the data: an absolute path, ``..``, a NUL byte or a symbolic
    link that leads out of the folder is refused before anything is opened.
    """
    if not isinstance(rel, str) or not rel or "\x00" in rel or "\\" in rel:
        return None
    candidate = Path(rel)
    if candidate.is_absolute() or candidate.drive or ".." in candidate.parts:
        return None
    try:
        root = folder.resolve(strict=True)
        resolved = (folder / candidate).resolve()
    except (OSError, RuntimeError):  # a symlink loop
        return None
    return resolved if resolved.is_relative_to(root) and resolved != root else None


def read(path: Path) -> Dataset:
    """Read a data package from its folder or its ``datapackage.json``.

    Raises:
        DatasetError: with every problem found, each at its ``table[index].field`` path.
    """
    folder = path.parent if path.is_file() else path
    desc = read_json_file(folder, DESCRIPTOR)
    problems: list[Problem] = []
    if not isinstance(desc, dict) or not isinstance(desc.get("resources"), list):
        raise DatasetError([Problem(DESCRIPTOR, "expected an object with a list of resources")], file=str(folder))
    meta = _metadata(desc, problems)
    resources = {r["name"]: r for r in desc["resources"] if isinstance(r, dict) and isinstance(r.get("name"), str)}
    if not resources.keys() & TABLE_TYPES.keys():  # junk entries only, or another tool's tables: nothing to load
        msg = f"no resource is a table of this library (an object named {', '.join(map(repr, TABLE_TYPES))})"
        problems.append(Problem("resources", msg))
    if problems:
        raise DatasetError(problems, file=str(folder))

    def one_table(name: str, kind: type[Any], found: list[Problem]) -> tuple[Any, ...]:
        resource = resources.get(name)
        if resource is None:
            return ()  # a package may leave out a table it has no records for
        rel = resource.get("path")
        file = _inside(folder, rel)
        if file is None:
            msg = f"expected a relative path to a file inside the package folder, got {short_repr(rel)}"
            found.append(Problem(f"resources.{name}.path", msg))
            return ()
        table_text = read_text(file, found, name, bom=True)
        if table_text is None:
            return ()
        return read_table(table_text, name, kind, found, older_schema=older_schema(meta))

    return build_dataset(folder, meta, one_table)
