# SPDX-License-Identifier: MIT
"""The records read from annotations as one JSON document, read by the JSON reader with every check.

The readers of :mod:`.reading` and :mod:`.brat_plain` build each record as the plain value
the JSON document holds; :func:`build_dataset` puts them in the order the extra mapping
records, adds the sources and topics, and reads the document with
:func:`mideastdata.from_json`, so every whole-dataset check runs. A problem it finds is
named after the annotation the record came from (:func:`_located`).
"""

from __future__ import annotations

import json
import operator
import re
from typing import Any

import attrs

from ...dataset import SCHEMA_VERSION, Dataset
from ...errors import DatasetError, Problem
from ...limits import Limits
from ...model import Source

__all__ = ["Rows", "build_dataset", "encodable", "source_row"]

_UNLIMITED = Limits(max_bytes=None, max_records=None)
_PATH_RE = re.compile(r"(\w+)\[(\d+)\](.*)", re.DOTALL)


Rows = tuple[list[dict[str, Any]], list[object] | None]
"""The records of a table as plain values, and where each was annotated (its text), when that is kept."""


def _ordered(rows: Rows, order: list[str]) -> Rows:
    """*rows* in the order of their ids in *order*; the rows of other ids follow, in the order given."""
    plain, where = rows
    if len(plain) == len(order) and list(map(_ID, plain)) == order:
        return rows  # already so (as an export is read back)
    rank = {rid: n for n, rid in enumerate(order)}
    at = sorted(range(len(plain)), key=lambda n: rank.get(str(plain[n].get("id")), len(rank)))  # stable
    return [plain[n] for n in at], None if where is None else [where[n] for n in at]


_ID = operator.methodcaller("get", "id")


def _topics(extra: dict[str, Any], tables: dict[str, Rows]) -> list[Any]:
    if "topics" in extra:
        return list(extra["topics"])
    used: set[str] = set()  # no extra mapping: each topic a record refers to, named by its id
    for table in ("statements", "events"):
        for row in tables[table][0]:
            topics = row.get("topics", [])
            used.update(t for t in topics if isinstance(t, str)) if isinstance(topics, list) else None
    used.update(r["topic"] for r in tables["demands"][0] if isinstance(r.get("topic"), str))
    for row in tables["statements"][0]:
        stances = row.get("stances", [])
        used.update(s["topic"] for s in stances if isinstance(s, dict) and isinstance(s.get("topic"), str))
    return [{"id": t, "label": t, "description": ""} for t in sorted(used)]


def build_dataset(
    sources: list[dict[str, Any]],
    extra: dict[str, Any],
    tables: dict[str, Rows],
    problems: list[Problem],
    *,
    mirrored: bool = False,
) -> Dataset | None:
    """The dataset of *sources* and the records in *tables* (plain values), else None.

    The JSON reader's problems are added to *problems*, each named after its annotation.
    With *mirrored* (the values hold no lone surrogate), the values are first checked
    against the JSON reader's msgspec mirrors and built from them, without the JSON text
    in between; when anything is wrong, the text is written and read, which names it.
    """
    from ..json import from_json  # noqa: PLC0415 - the JSON module loads on demand

    order = extra.get("order", {})
    source_rows = sorted(sources, key=_rank(order.get("sources", [])))
    named = {t: _ordered(rows, order.get(t, [])) for t, rows in tables.items()}
    doc = {
        "schema_version": extra.get("mideastdata", SCHEMA_VERSION),
        "name": extra.get("name", "annotations"),
        "version": extra.get("version", "0.0.0"),
        "license": extra.get("license", ""),
        "citation": extra.get("citation", ""),
        "sources": source_rows,
        "actors": named["actors"][0],
        "topics": _topics(extra, tables),
        **{t: named[t][0] for t in ("statements", "demands", "events")},
    }
    if mirrored:
        from .._jsonload import load_values  # noqa: PLC0415 - the JSON reader loads on demand

        try:
            found = load_values(doc, _UNLIMITED, None)  # the tool's files were measured by md.load
        except DatasetError:
            found = None  # the JSON text's reader names each problem (below)
        if found is not None:
            return found
    try:
        return from_json(_encode(doc), limits=_UNLIMITED)
    except DatasetError as exc:
        problems.extend(_located(p, named) for p in exc.problems)
    return None


def _encode(doc: dict[str, Any]) -> str | bytes:
    r"""*doc* as JSON: with msgspec when it is installed (the ``fast`` extra), else the standard library.

    The standard library escapes every non-ASCII character, so a lone surrogate becomes a
    ``\ud800`` escape, which the JSON reader reports at its path.
    """
    try:
        import msgspec  # noqa: PLC0415 - optional
    except ImportError:  # pragma: no cover - the test extra installs it
        return json.dumps(doc)
    try:
        return msgspec.json.encode(doc)
    except UnicodeEncodeError:  # a lone surrogate (from a JSON escape): escaped, so the reader names its path
        return json.dumps(doc)


def encodable(value: Any) -> bool:
    """Whether every text in *value* (plain values) can be written as UTF-8, holding no lone surrogate.

    False without msgspec, which the mirrors need.
    """
    try:
        import msgspec  # noqa: PLC0415 - optional
    except ImportError:  # pragma: no cover - the test extra installs it
        return False
    try:
        msgspec.json.encode(value)
    except UnicodeEncodeError:
        return False
    return True


def _rank(order: list[str]) -> Any:
    rank = {sid: n for n, sid in enumerate(order)}
    return lambda s: rank.get(s["id"], len(rank))


def source_row(source: Source) -> dict[str, Any]:
    """*source* as the JSON document holds it."""
    row = {f.name: getattr(source, f.name) for f in attrs.fields(Source)}
    row["published"] = None if source.published is None else str(source.published)
    return row


def _located(problem: Problem, named: dict[str, Rows]) -> Problem:
    """*problem* of the built document, named after the annotation its record came from."""
    match = _PATH_RE.fullmatch(problem.path)
    where = None if match is None or match[1] not in named else named[match[1]][1]
    if match is None or where is None or int(match[2]) >= len(where):
        return problem
    return Problem(f"{where[int(match[2])]} ({problem.path})", problem.message)
