# SPDX-License-Identifier: MIT
"""POLECAT's released event files read in as a checked dataset (``md.load(path, format="polecat")``).

POLECAT (the PLOVER-coded global event data on Harvard Dataverse) is released as
tab-separated text files (``ngecEvents...txt``) with a header row. The columns read:

========================================  ==============================================
column                                    becomes
========================================  ==============================================
``Event ID``                              the event's id (and its source's), slugified
``Event Type``                            ``plover`` (upper-cased) and the event's kind
``Event Mode``, ``Contexts``              ``plover_mode``, ``plover_context`` (``;`` separates values)
``Event Date``                            ``date``
``Actor Name`` / ``Actor Name Raw``       an actor: named by ``Actor Name`` (else the raw name),
                                          its evidence the cell of the raw name (else of the name)
``Actor Country``, ``Primary Actor Sector``  the actor's ``country`` (an ISO code) and kind
``Actor COW``, ``Wikipedia Actor ID``     the actor's identifiers ``cow`` and ``wikipedia``
``Recipient ...``                         the same, for the event's target
``Placename``                             ``location``
``Source``, ``Publication Date``          the source's publisher and published date
``Language``                              the source's language
========================================  ==============================================

The release carries no story text (its licence withholds it), so a record's source is
**its own line of the file**: the event and its actors quote the cells of that line, and
the dataset reports what POLECAT codes, attributed to POLECAT, not what a story says. The
other columns (intensity, quad code, geolocation, story people ...) are kept in that line.
A value ``None`` or an empty cell is no value. A record id given twice, a type with no
current PLOVER category and a code the current vocabulary lacks are problems naming the
record's line. The column list is the one the released files' header gives (see
docs/formats.md); a file without ``Event ID`` and ``Event Type`` columns is refused.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

from .._fields import slugify
from .._plover import event_kind
from ..codes import CAMEO_COUNTRY_CODES
from ..dataset import SCHEMA_VERSION, Dataset
from ..errors import DatasetError, Problem
from .plover_read import actor_kind

__all__ = ["read", "rows_dataset", "write"]

_REQUIRED = ("Event ID", "Event Type")
_MISSING = frozenset({"", "None", "none", "NA", "nan"})
_DATE_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _value(row: dict[str, str], column: str) -> str | None:
    value = row.get(column)
    return None if value is None or value.strip() in _MISSING else value.strip()


def _values(row: dict[str, str], column: str) -> list[str]:
    value = _value(row, column)
    return [] if value is None else [v.strip().lower() for v in value.split(";") if v.strip() not in _MISSING]


class _Row:
    """One line of the file: its text, and where each cell of it starts."""

    def __init__(self, header: list[str], cells: list[str]) -> None:
        self.text = "\t".join(cells)
        self.starts: dict[str, int] = {}
        at = 0
        for name, cell in zip(header, cells, strict=False):
            self.starts.setdefault(name, at)
            at += len(cell) + 1
        self.cells = dict(zip(header, cells, strict=False))

    def span(self, sid: str, column: str) -> dict[str, Any] | None:
        cell = self.cells.get(column)
        if cell is None or cell.strip() in _MISSING:
            return None
        start = self.starts[column] + (len(cell) - len(cell.lstrip()))
        quote = cell.strip()
        return {"source": sid, "start": start, "end": start + len(quote), "quote": quote}


class _Reader:
    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.rows: dict[str, list[dict[str, Any]]] = {"sources": [], "actors": [], "events": []}
        self.first: dict[str, int] = {}

    def row(self, line: int, row: _Row) -> None:
        cells = row.cells
        rid = _value(cells, "Event ID")
        if rid is None or not slugify(rid):
            self.problems.append(Problem(f"line {line}", "a POLECAT record needs its Event ID"))
            return
        where = f"line {line} ({rid})"
        if rid in self.first:
            self.problems.append(Problem(where, f"Event ID {rid!r} is also the id of line {self.first[rid]}"))
            return
        self.first[rid] = line
        sid = slugify(rid)
        category = (_value(cells, "Event Type") or "").upper()
        kind = event_kind(category) if category else None
        if kind is None:
            self.problems.append(Problem(f"{where}.Event Type", f"{category!r} is not a current PLOVER category"))
            return
        published = _value(cells, "Publication Date")
        self.rows["sources"].append({
            "id": sid, "title": f"POLECAT record {rid}", "text": row.text,
            "publisher": _value(cells, "Source"), "language": _value(cells, "Language") or "en",
            "published": published[:10] if published and _DATE_RE.match(published) else None,
        })  # fmt: skip
        actors = self._actor(row, sid, "Actor", "actor")
        targets = self._actor(row, sid, "Recipient", "recipient")
        date = _value(cells, "Event Date")
        evidence = [s for c in ("Event Type", "Event Mode", "Contexts") if (s := row.span(sid, c)) is not None]
        names = [n for n in (_value(cells, "Actor Name"), _value(cells, "Recipient Name")) if n]
        self.rows["events"].append({
            "id": sid, "kind": kind.value, "status": "occurred",
            "summary": f"POLECAT codes {category}" + (f" ({' and '.join(names)})" if names else ""),
            "actors": actors, "targets": targets, "location": _value(cells, "Placename"),
            "date": date[:10] if date and _DATE_RE.match(date) else None,
            "plover": category, "plover_mode": _values(cells, "Event Mode"),
            "plover_context": _values(cells, "Contexts"), "evidence": evidence,
        })  # fmt: skip

    def _actor(self, row: _Row, sid: str, prefix: str, side: str) -> list[str]:
        cells = row.cells
        name = _value(cells, f"{prefix} Name") or _value(cells, f"{prefix} Name Raw")
        span = row.span(sid, f"{prefix} Name Raw") or row.span(sid, f"{prefix} Name")
        if name is None or span is None:
            return []
        country = _value(cells, f"{prefix} Country")
        code = country if country in CAMEO_COUNTRY_CODES else None
        identifiers = [
            {"scheme": scheme, "value": value}
            for scheme, column in (("cow", f"{prefix} COW"), ("wikipedia", f"Wikipedia {prefix} ID"))
            if (value := _value(cells, column)) is not None
        ]
        aid = f"{sid}-{side}"
        self.rows["actors"].append({
            "id": aid, "name": name, "kind": actor_kind(code, _value(cells, f"Primary {prefix} Sector")),
            "country": code, "identifiers": identifiers, "evidence": [span],
        })  # fmt: skip
        return [aid]


def rows_dataset(text: str, name: str) -> Dataset:
    """A checked dataset of the POLECAT file *text*; every problem in one error."""
    from .json import from_json  # noqa: PLC0415 - the JSON module loads on demand

    lines = list(csv.reader(io.StringIO(text, newline=""), delimiter="\t", quotechar='"'))
    if not lines:
        raise DatasetError([Problem("", "the file is empty: a POLECAT file starts with its header row")])
    header = [h.strip() for h in lines[0]]
    missing = [c for c in _REQUIRED if c not in header]
    if missing:
        raise DatasetError([Problem("line 1", f"no column {', '.join(map(repr, missing))}: not a POLECAT file")])
    reader = _Reader()
    for n, cells in enumerate(lines[1:], 2):
        if any(c.strip() for c in cells):
            reader.row(n, _Row(header, cells))
    doc = {
        "schema_version": SCHEMA_VERSION, "name": name, "version": "0.0.0", "license": "", "citation": "",
        "sources": reader.rows["sources"], "actors": reader.rows["actors"], "topics": [],
        "statements": [], "demands": [], "events": reader.rows["events"],
    }  # fmt: skip
    problems = list(reader.problems)
    dataset = None
    try:
        dataset = from_json(json.dumps(doc, ensure_ascii=False))
    except DatasetError as exc:
        lines_of = {slugify(r): (n, r) for r, n in reader.first.items()}
        problems.extend(_named(p, reader, lines_of) for p in exc.problems)
    if problems or dataset is None:
        raise DatasetError(problems)
    return dataset


_PATH_RE = re.compile(r"(sources|actors|events)\[(\d+)\](.*)", re.DOTALL)


def _named(problem: Problem, reader: _Reader, lines_of: dict[str, tuple[int, str]]) -> Problem:
    match = _PATH_RE.fullmatch(problem.path)
    if match is None:
        return problem
    row = reader.rows[match[1]][int(match[2])]
    sid = row["evidence"][0]["source"] if match[1] == "actors" else row["id"]
    line, rid = lines_of.get(sid, ("?", sid))
    return Problem(f"line {line} ({rid}): {problem.path}", problem.message)


def read(path: Path) -> Dataset:
    """The dataset of the POLECAT file *path* (tab-separated, UTF-8, with its header row)."""
    from ._files import read_bytes  # noqa: PLC0415 - formats and their helpers load on demand
    from ._text import utf8  # noqa: PLC0415

    try:
        return rows_dataset(utf8(read_bytes(path), str(path)), path.stem or "polecat")
    except DatasetError as exc:
        raise DatasetError(exc.problems, file=str(path)) from None


def write(ds: Dataset, path: Path) -> Path:  # noqa: ARG001 - the registry calls every format alike
    """POLECAT files are read only: write ``plover`` records instead."""
    msg = "format 'polecat' is read only; md.dump(ds, path, format='plover') writes PLOVER records"
    raise ValueError(msg)
