# SPDX-License-Identifier: MIT
"""W3C Web Annotation (JSON-LD): every evidence span as an annotation, and back.

:func:`write` writes one ``AnnotationCollection`` document. Each evidence span of each
record is an ``Annotation`` whose body is the record (``urn:x-mideastdata:statements:<id>``)
and whose target is the span of its source (``urn:x-mideastdata:source:<id>``, with the
source's URL as ``canonical`` where it has one) selected twice: by a ``TextQuoteSelector``
(``exact``, with up to 32 characters of ``prefix`` and ``suffix``) and a
``TextPositionSelector`` (``start``, ``end`` in code points). The records themselves,
without their evidence, travel in the collection's ``mideastdata`` property (a JSON
literal in the JSON-LD sense), so the document reads back as the same dataset.

On reading, each span is checked against its source's text and repaired from the quote
selector (and its context) when the positions are off. :data:`CONTEXT_URL` and
:func:`context_document` give the W3C context a JSON-LD processor needs, from the copy
shipped with the library, so nothing is fetched.
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import quote

from ..dataset import Dataset
from ..errors import DatasetError, Problem
from ..model import Source
from ._annotation.reading import Imported, Repair, warn_repairs
from ._annotation.text import anchor

__all__ = ["CONTEXT", "CONTEXT_URL", "context_document", "read", "read_imported", "to_document", "write"]

CONTEXT_URL = "http://www.w3.org/ns/anno.jsonld"
"""The W3C Web Annotation context every document names."""

CONTEXT: list[Any] = [
    CONTEXT_URL,
    {"@version": 1.1, "mideastdata": {"@id": "urn:x-mideastdata:dataset", "@type": "@json"}},
]
"""The ``@context`` of a written document: the W3C context and the one term it lacks."""

IRI = "urn:x-mideastdata:"
_CONTEXT_CHARS = 32
_TABLES = ("actors", "statements", "demands", "events")
_ABSOLUTE_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]+")


@cache
def _context_text() -> str:
    return resources.files(__package__).joinpath("_annotation/anno.jsonld").read_text(encoding="utf-8")


def context_document() -> dict[str, Any]:
    """The W3C Web Annotation context document (a copy of :data:`CONTEXT_URL`, shipped with the library)."""
    return json.loads(_context_text())  # type: ignore[no-any-return]


def _annotation(table: str, record_id: str, n: int, ev: Any, of: Source) -> dict[str, Any]:
    text = of.text
    source: dict[str, Any] = {"id": f"{IRI}source:{ev.source}", "type": "Text", "format": "text/plain"}
    if of.url is not None and _ABSOLUTE_IRI.fullmatch(of.url):
        source["canonical"] = of.url
    by_quote = {
        "type": "TextQuoteSelector",
        "exact": ev.quote,
        "prefix": text[max(0, ev.start - _CONTEXT_CHARS) : ev.start],
        "suffix": text[ev.end : ev.end + _CONTEXT_CHARS],
    }
    return {
        "id": f"{IRI}annotation:{table}:{record_id}:{n}",
        "type": "Annotation",
        "motivation": "identifying",
        "body": f"{IRI}{table}:{record_id}",
        "target": {
            "type": "SpecificResource",
            "source": source,
            "selector": [by_quote, {"type": "TextPositionSelector", "start": ev.start, "end": ev.end}],
        },
    }


def to_document(ds: Dataset) -> dict[str, Any]:
    """*ds* as a W3C ``AnnotationCollection`` (a JSON-LD document, as a dict)."""
    from .json import to_json  # noqa: PLC0415 - the JSON module loads on demand

    plain = json.loads(to_json(ds))
    texts = {s.id: s for s in ds.sources}
    items = []
    for table in _TABLES:
        for record, row in zip(ds.tables()[table], plain[table], strict=True):
            for n, ev in enumerate(record.evidence):
                items.append(_annotation(table, record.id, n, ev, texts[ev.source]))
            row["evidence"] = []
    return {
        "@context": CONTEXT,
        "id": f"{IRI}dataset:{quote(ds.name, safe='')}",
        "type": "AnnotationCollection",
        "label": ds.name,
        "total": len(items),
        "mideastdata": plain,
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": items},
    }


def write(ds: Dataset, path: Path) -> Path:
    """Write *ds* as a W3C Web Annotation collection (JSON-LD) at *path*, atomically."""
    from ._atomic import atomic_write_bytes  # noqa: PLC0415

    text = json.dumps(to_document(ds), ensure_ascii=False, indent=1) + "\n"
    atomic_write_bytes(Path(path), text.encode("utf-8"))
    return Path(path)


# --------------------------------------------------------------------------- reading


def _one(value: Any) -> Any:
    return value[0] if isinstance(value, list) and len(value) == 1 else value


def _iri(value: Any) -> str:
    value = _one(value)
    if isinstance(value, dict):
        value = value.get("id", value.get("@id"))
    return value if isinstance(value, str) else ""


def _selectors(target: dict[str, Any]) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    chosen = target.get("selector", [])
    for selector in chosen if isinstance(chosen, list) else [chosen]:
        if isinstance(selector, dict):
            found.setdefault(str(selector.get("type", "")).removeprefix("oa:"), selector)
    return found


class _Reader:
    def __init__(self, plain: dict[str, Any]) -> None:
        self.plain = plain
        self.problems: list[Problem] = []
        self.repairs: list[Repair] = []
        self.texts = {s.get("id"): s.get("text") for s in plain.get("sources", []) if isinstance(s, dict)}
        self.rows = {
            (table, row.get("id")): row for table in _TABLES for row in plain.get(table, []) if isinstance(row, dict)
        }

    def annotation(self, n: int, item: Any) -> None:
        where = f"annotations[{n}]"
        if not isinstance(item, dict):
            self.problems.append(Problem(where, "not an annotation object"))
            return
        where = f"{where} ({item.get('id', 'no id')})"
        body, target = _iri(item.get("body")), _one(item.get("target"))
        table, _, record_id = body.removeprefix(IRI).partition(":")
        row = self.rows.get((table, record_id))
        if not body.startswith(IRI) or row is None:
            self.problems.append(Problem(where, f"body {body!r} names no record of this collection"))
            return
        source_id = _iri(target.get("source") if isinstance(target, dict) else None).removeprefix(f"{IRI}source:")
        text = self.texts.get(source_id)
        selectors = _selectors(target) if isinstance(target, dict) else {}
        quote, position = selectors.get("TextQuoteSelector", {}), selectors.get("TextPositionSelector")
        if not isinstance(text, str) or position is None:
            why = "a TextPositionSelector" if isinstance(text, str) else f"a known source (got {source_id!r})"
            self.problems.append(Problem(where, f"the target has no {why}"))
            return
        start, end = position.get("start"), position.get("end")
        if not isinstance(start, int) or not isinstance(end, int):
            self.problems.append(Problem(where, f"start and end must be integers, got {start!r} and {end!r}"))
            return
        exact = quote.get("exact")
        exact = exact if isinstance(exact, str) else None
        found = anchor(text, start, end, exact, prefix=quote.get("prefix"), suffix=quote.get("suffix"))
        if found.problem is not None:
            self.problems.append(Problem(where, found.problem))
            return
        if found.repaired:
            self.repairs.append(Repair(source_id, str(item.get("id")), table, (start, end), (found.start, found.end)))
        span = {"source": source_id, "start": found.start, "end": found.end, "quote": text[found.start : found.end]}
        row.setdefault("evidence", []).append(span)


def read_imported(path: Path) -> Imported:
    """Read a W3C Web Annotation collection written by :func:`write` (or reshaped by a JSON-LD processor)."""
    from .json import from_json  # noqa: PLC0415

    try:
        doc = json.loads(Path(path).read_bytes().decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DatasetError([Problem("", f"not UTF-8 JSON: {exc}")], file=str(path)) from None
    plain = doc.get("mideastdata") if isinstance(doc, dict) else None
    if not isinstance(plain, dict):
        msg = "no 'mideastdata' property: the records of this collection are not in it"
        raise DatasetError([Problem("", msg)], file=str(path))
    for table in _TABLES:
        for row in plain.get(table, []):
            if isinstance(row, dict):
                row["evidence"] = []
    reader = _Reader(plain)
    page = _one(doc.get("first"))
    items = page.get("items", []) if isinstance(page, dict) else []
    for n, item in enumerate(items if isinstance(items, list) else [items]):
        reader.annotation(n, item)
    if reader.problems:
        raise DatasetError(reader.problems, file=str(path))
    try:
        ds = from_json(json.dumps(plain, ensure_ascii=False))
    except DatasetError as exc:
        raise DatasetError(exc.problems, file=str(path)) from None
    return Imported(ds, tuple(reader.repairs))


def read(path: Path) -> Dataset:
    """Read a W3C Web Annotation collection as a dataset (repairs are warned about)."""
    return warn_repairs(read_imported(path))
