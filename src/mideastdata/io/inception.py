# SPDX-License-Identifier: MIT
"""INCEpTION through UIMA CAS XMI (via dkpro-cassis): a folder of ``<source>.xmi`` and ``TypeSystem.xml``.

XMI is INCEpTION's lossless format: the CAS holds the text, every annotation with all its
features and the type system that defines the layers, with exact character offsets and
no tokenisation to align to. (WebAnno TSV 3, the other format INCEpTION reads and writes
losslessly, is token-based: a span must be cut to tokens, and its escaping rules and
multi-token stacking make it a poorer carrier of free text fields.)

Two custom layers hold the records, so relations stay inside one layer as INCEpTION
requires:

* the span layer ``webanno.custom.Record``: one annotation per evidence span; the feature
  ``label`` (``Actor``, ``Statement``, ``Demand``, ``Event``), ``id`` on every span of the
  record, and the record's other fields as features on its first span (strings, JSON for
  lists; ``anonymous`` a boolean);
* the relation layer ``webanno.custom.RecordRelation`` (``Governor`` the referring record,
  ``Dependent`` the referred one) with the feature ``role`` (``speaker``, ``by``...).

Sentences (one per line) and tokens (runs of non-space) of DKPro Core are added so the
documents open in INCEpTION. XMI counts offsets in UTF-16 code units; dkpro-cassis
converts them to code points. Needs the extra: ``pip install 'mideastdata[inception]'``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs

from ..dataset import Dataset
from ..errors import DatasetError, Problem
from ._annotation.fields import LABELS, specs
from ._annotation.files import EXTRA_FILE, dumps_extra, read_extra, write_folder
from ._annotation.marks import Doc, Link, Mark, to_docs
from ._annotation.reading import Imported, file_id, from_docs, warn_repairs

__all__ = ["RECORD", "RELATION", "read", "read_imported", "type_system_xml", "write"]

RECORD = "webanno.custom.Record"
RELATION = "webanno.custom.RecordRelation"
SENTENCE = "de.tudarmstadt.ukp.dkpro.core.api.segmentation.type.Sentence"
TOKEN = "de.tudarmstadt.ukp.dkpro.core.api.segmentation.type.Token"  # noqa: S105 - a type name, not a secret
TYPE_SYSTEM = "TypeSystem.xml"
_OURS = (TYPE_SYSTEM, EXTRA_FILE, "*.xmi")
_TOKEN_RE = re.compile(r"\S+")
_LINE_RE = re.compile(r"[^\n]+")


def _cassis() -> Any:
    try:
        import cassis  # noqa: PLC0415 - an optional extra
    except ImportError:  # pragma: no cover - the test extra installs it
        msg = "the inception format needs dkpro-cassis: pip install 'mideastdata[inception]'"
        raise ImportError(msg) from None
    return cassis


def features() -> dict[str, str]:
    """The features of the Record layer (name -> UIMA range type), read from the model."""
    found: dict[str, str] = {"label": "uima.cas.String", "id": "uima.cas.String"}
    for label in LABELS:
        for spec in specs(label):
            if spec.kind != "evidence":
                found.setdefault(spec.name, "uima.cas.Boolean" if spec.kind == "bool" else "uima.cas.String")
    found["evidence_sources"] = "uima.cas.String"
    return found


def _type_system() -> Any:
    cassis = _cassis()
    ts = cassis.TypeSystem()
    record = ts.create_type(RECORD, description="A span of evidence of a mideastdata record")
    for name, range_type in features().items():
        ts.create_feature(record, name, range_type)
    relation = ts.create_type(RELATION, description="A reference from one mideastdata record to another")
    ts.create_feature(relation, "Governor", record)
    ts.create_feature(relation, "Dependent", record)
    ts.create_feature(relation, "role", "uima.cas.String")
    ts.create_type(SENTENCE)
    ts.create_type(TOKEN)
    return ts


def type_system_xml() -> str:
    """The UIMA type system descriptor of the INCEpTION layers (``TypeSystem.xml``), generated from the model."""
    return str(_type_system().to_xml())


# --------------------------------------------------------------------------- writing


def _cas(ts: Any, doc: Doc) -> Any:
    cas = _cassis().Cas(typesystem=ts)
    cas.sofa_string = doc.text
    record, relation = ts.get_type(RECORD), ts.get_type(RELATION)
    for line in _LINE_RE.finditer(doc.text):
        cas.add(ts.get_type(SENTENCE)(begin=line.start(), end=line.end()))
    for token in _TOKEN_RE.finditer(doc.text):
        cas.add(ts.get_type(TOKEN)(begin=token.start(), end=token.end()))
    first: dict[str, Any] = {}
    for mark in doc.marks:
        for n, (start, end) in enumerate(mark.spans):
            values = mark.values if n == 0 else {"id": mark.values["id"]}
            annotation = record(begin=start, end=end, label=mark.label, **values)
            cas.add(annotation)
            first.setdefault(mark.key, annotation)
    for link in doc.links:
        head, tail = first[link.head], first[link.tail]
        cas.add(relation(begin=tail.begin, end=tail.end, Governor=head, Dependent=tail, role=link.role))
    return cas


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
"""Characters XML 1.0 cannot hold, escaped or not (a CAS text or feature with one cannot be XMI)."""


def _walk(path: str, value: Any) -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, tuple):
        for n, item in enumerate(value):
            yield from _walk(f"{path}[{n}]", item)
    elif attrs.has(type(value)):
        for field in attrs.fields(type(value)):
            yield from _walk(f"{path}.{field.name}", getattr(value, field.name))


def not_xml(ds: Dataset) -> list[Problem]:
    """A problem for each text of *ds* that holds a character XML 1.0 cannot hold."""
    found = []
    for table, records in ds.tables().items():
        for n, record in enumerate(records):
            for where, text in _walk(f"{table}[{n}]", record):
                bad = _NOT_XML.search(text)
                if bad is not None:
                    at = bad.start()
                    msg = f"holds {bad[0]!r} at character {at}, which XML (and so XMI) cannot hold"
                    found.append(Problem(where, msg))
    return found


def write(ds: Dataset, path: Path) -> Path:
    """Write *ds* as a folder of UIMA CAS XMI files with their ``TypeSystem.xml``; return the path.

    Raises:
        DatasetError: a text holds a control character XML 1.0 cannot hold (each is named).
    """
    problems = not_xml(ds)
    if problems:
        raise DatasetError(problems, file=str(path))
    ts = _type_system()
    docs, extra = to_docs(ds)
    extra["sources"] = {d.meta["id"]: {k: v for k, v in d.meta.items() if k != "id"} for d in docs}
    files = {TYPE_SYSTEM: ts.to_xml().encode("utf-8"), EXTRA_FILE: dumps_extra(extra)}
    for doc in docs:
        files[f"{doc.name}.xmi"] = _cas(ts, doc).to_xmi().encode("utf-8")
    return write_folder(Path(path), files, _OURS)


# --------------------------------------------------------------------------- reading


def _doc(name: str, cas: Any, problems: list[Problem]) -> Doc:
    doc = Doc(name, cas.sofa_string or "", {"id": file_id(name)})
    names = set(features())
    grouped: dict[tuple[str, str], Mark] = {}
    owner: dict[int, str] = {}
    for annotation in sorted(cas.select(RECORD), key=lambda a: a.xmiID):  # as written, not by offset
        key = f"Record {annotation.xmiID}"
        label = annotation.get("label")
        values = {n: annotation.get(n) for n in names if n != "label" and annotation.get(n) is not None}
        record = values.get("id") or key
        mark = grouped.get((label, record))
        if mark is None:
            mark = grouped[(label, record)] = Mark(key, str(label), [])
            doc.marks.append(mark)
        mark.spans.append((annotation.begin, annotation.end))
        for field, value in values.items():
            mark.values.setdefault(field, value)
        owner[annotation.xmiID] = mark.key
    for rel in sorted(cas.select(RELATION), key=lambda a: a.xmiID):
        head, tail = rel.get("Governor"), rel.get("Dependent")
        if head is None or tail is None:
            problems.append(Problem(f"{name}: RecordRelation {rel.xmiID}", "needs a Governor and a Dependent"))
            continue
        key = f"RecordRelation {rel.xmiID}"
        doc.links.append(Link(key, str(rel.get("role")), owner[head.xmiID], owner[tail.xmiID]))
    return doc


def read_imported(path: Path) -> Imported:
    """Read a folder of XMI files (INCEpTION's UIMA CAS XMI export) with its ``TypeSystem.xml``."""
    cassis = _cassis()
    folder = Path(path).parent if Path(path).is_file() else Path(path)
    files = [Path(path)] if Path(path).is_file() else sorted(folder.glob("*.xmi"))
    ts_path = folder / TYPE_SYSTEM
    if not ts_path.is_file():
        raise DatasetError([Problem("", f"no {TYPE_SYSTEM} beside the XMI files")], file=str(path))
    with ts_path.open("rb") as fh:
        ts = cassis.load_typesystem(fh)
    for needed in (RECORD, RELATION):
        if not ts.contains_type(needed):
            raise DatasetError([Problem(TYPE_SYSTEM, f"no layer {needed}: not a mideastdata project")], file=str(path))
    problems: list[Problem] = []
    docs: list[Doc] = []
    for xmi in files:
        try:
            with xmi.open("rb") as fh:
                cas = cassis.load_cas_from_xmi(fh, typesystem=ts)
        except Exception as exc:  # noqa: BLE001 - cassis raises many kinds of error for a broken file
            problems.append(Problem(xmi.name, f"not a readable XMI file: {type(exc).__name__}: {exc}"))
            continue
        docs.append(_doc(xmi.stem, cas, problems))
    extra = read_extra(folder)
    return from_docs(docs, extra, file=str(path), problems=problems)


def read(path: Path) -> Dataset:
    """Read an INCEpTION XMI folder as a dataset."""
    return warn_repairs(read_imported(path))

