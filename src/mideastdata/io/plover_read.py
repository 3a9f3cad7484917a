# SPDX-License-Identifier: MIT
"""PLOVER records read in as a checked dataset (``md.load(path, format="plover")``).

A file holds PLOVER event records: a JSON array of objects (the form of the PLOVER
project's ``gold_standard_records/PLOVER_GSR_CAMEO.txt``) or JSON Lines, one object a
line (the form of this library's ``plover`` export). Keys of both generations are read:

=====================  =================================  =========================================
PLOVER 0.5b1/0.6b1     PLOVER 2.0 (Data Fields chapter)    becomes
=====================  =================================  =========================================
``id``                 ``id``                             the event's id (and its source's), slugified
``text``               ``text``                           the source's text (required)
``source``             ``actor``                          actors (``actorText`` / ``entity_text``)
``target``             ``recipient``                      targets
``event``              ``event`` (a list of one)          ``plover``, and the event's kind
``mode``, ``context``  ``mode``, ``context``               ``plover_mode``, ``plover_context``
``version``            ``version``                        ``plover_version`` (absent: current)
``dead`` ...           ``dead``, ``injured``, ``size``    ``magnitudes`` (a number, else its words)
``textInfo.markup``    ``event_text``                     the event's evidence
``eventLoc.name``      ``event_loc.extracted_place``      ``location``
``date``               ``date``                           ``date``
``language``           ``language``                       the source's language
``publication``        ``publication``                    the source's publisher
=====================  =================================  =========================================

Every actor text and event word must occur in the record's text; one that does not is a
problem naming the record, as is a record id given twice (both positions named), a
category with no current counterpart, or a code the record's PLOVER version does not
know. A ``DOCUMENT`` record (PLOVER 0.6b1's internal documentation) gives the dataset its
license and citation. See docs/formats.md.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from .._fields import slugify
from .._plover import event_kind
from ..codes import CAMEO_COUNTRY_CODES, is_cameo_actor_code
from ..dataset import SCHEMA_VERSION, Dataset
from ..errors import DatasetError, Problem

__all__ = ["actor_kind", "read", "read_records", "records_dataset"]

_GAP_RE = re.compile(r"\.{2,}|\u2026")
_MARK_RE = re.compile(r"\((SRC/TAR|SRC|TAR|EVT|LOC):\s*([^()]*?)\)")
_ORGANISATIONS = {"IGO": "intergovernmental_organization", "UNO": "intergovernmental_organization",
                  "EUR": "intergovernmental_organization", "NGO": "organization", "MNC": "organization",
                  "ISM": "collective", "IMG": "armed_group"}  # fmt: skip
_STATE_SECTORS = frozenset({"GOV", "LEG", "JUD", "MIL", "COP", "SPY"})
_ARMED_SECTORS = frozenset({"REB", "UAF", "PRM"})
_GROUP_SECTORS = frozenset({"PTY", "BUS", "EDU", "JRN", "MED", "REL", "SOC", "LAB", "AGR"})


def actor_kind(code: str | None, sector: str | None) -> str:
    """The actor kind of a PLOVER entity, from its code and primary sector (the codebook's table)."""
    if code in _ORGANISATIONS:
        return _ORGANISATIONS[code]
    if sector in _STATE_SECTORS:
        return "government"
    if sector in _ARMED_SECTORS:
        return "armed_group"
    if sector in _GROUP_SECTORS:
        return "organization"
    if sector is None and code is not None and code in CAMEO_COUNTRY_CODES:
        return "state"
    return "collective"


def _texts(value: Any) -> list[str] | None:
    """A PLOVER field that may be a text, a comma-separated text, a list of texts or empty; None if malformed."""
    if value is None or value == "":
        return []
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return [v.strip() for v in value if v.strip()]
    return None


def _magnitude(kind: str, value: Any) -> dict[str, Any] | None:
    if isinstance(value, bool) or value is None or value == "":
        return None
    if isinstance(value, int) and value >= 0:
        return {"kind": kind, "count": value}
    if isinstance(value, str) and value.strip().isascii() and value.strip().isdigit():
        return {"kind": kind, "count": int(value.strip())}
    if isinstance(value, dict) and set(value) <= {"count", "text"}:
        return {"kind": kind, "count": value.get("count"), "text": value.get("text")}
    return {"kind": kind, "text": str(value)}


class _Reader:
    """Turns PLOVER objects into the plain rows of a dataset document, collecting every problem."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.rows: dict[str, list[dict[str, Any]]] = {"sources": [], "actors": [], "events": []}
        self.meta: dict[str, str] = {}
        self.first: dict[str, int] = {}

    def add(self, where: str, message: str) -> None:
        self.problems.append(Problem(where, message))

    def record(self, i: int, rec: Any) -> None:
        where = f"records[{i}]"
        if not isinstance(rec, dict):
            self.add(where, f"a PLOVER record is a JSON object, not {type(rec).__name__}")
            return
        rid = rec.get("id")
        if not isinstance(rid, str) or not slugify(rid):
            self.add(f"{where}.id", "a PLOVER record needs an id (a text)")
            return
        where = f"records[{i}] ({rid})"
        if rid in self.first:
            self.add(where, f"record id {rid!r} is also the id of records[{self.first[rid]}]")
            return
        self.first[rid] = i
        if rec.get("event") == "DOCUMENT" or rec.get("event") == ["DOCUMENT"]:
            self._document(rec)
            return
        text = rec.get("text")
        if not isinstance(text, str) or not text.strip():
            self.add(where, "a PLOVER record needs its text (the sentence it was coded from)")
            return
        self._event(where, slugify(rid), rid, rec, text)

    def _document(self, rec: dict[str, Any]) -> None:
        for key, name in (("license", "license"), ("copyright", "citation")):
            if isinstance(rec.get(key), str):
                self.meta[name] = rec[key]

    def _spans(self, where: str, text: str, words: str, at: int = 0) -> list[dict[str, Any]]:
        """The spans of *words* in *text* from *at* on; ``...`` (or ``..``) marks a gap between parts found in order."""
        spans = []
        for part in (p.strip() for p in _GAP_RE.split(words)):
            if not part:
                continue
            found = text.find(part, at)
            if found < 0:
                self.add(where, f"{words!r} does not occur in the record's text" + (
                    f" (its part {part!r} is not there)" if part != words.strip() else ""))  # fmt: skip
                return []
            spans.append({"source": self.sid, "start": found, "end": found + len(part), "quote": part})
            at = found + len(part)
        return spans

    def _entities(self, where: str, text: str, value: Any, side: str) -> list[str]:
        if value is None or value == "":
            return []
        if isinstance(value, dict):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(e, dict) for e in value):
            self.add(f"{where}.{side}", f"{side} must be a list of entity objects, got {json.dumps(value)[:60]}")
            return []
        ids = []
        for n, entity in enumerate(value, 1):
            words = entity.get("actorText", entity.get("entity_text"))
            words = " ".join(words.split()) if isinstance(words, str) else words
            if not isinstance(words, str) or not words:
                self.add(f"{where}.{side}[{n - 1}]", "an entity needs its text (actorText or entity_text)")
                continue
            span = self._spans(f"{where}.{side}[{n - 1}]", text, words)
            if not span:
                continue
            aid = f"{self.sid}-{side}-{n}"
            ids.append(aid)
            self.rows["actors"].append(self._actor(aid, words, entity, span))
        return ids

    def _actor(self, aid: str, words: str, entity: dict[str, Any], spans: list[dict[str, Any]]) -> dict[str, Any]:
        code, sector = entity.get("code"), entity.get("sector")
        code = code if isinstance(code, str) and code else None
        sector = sector if isinstance(sector, str) and sector else None
        identifiers = [{"scheme": f"plover-{key}", "value": v} for key, v in (("code", code), ("sector", sector)) if v]
        joined = (code or "") + (sector or "")
        return {
            "id": aid,
            "name": words,
            "kind": actor_kind(code, sector),
            "country": code if code in CAMEO_COUNTRY_CODES else None,
            "cameo": joined if code and is_cameo_actor_code(joined) else None,
            "identifiers": identifiers,
            "evidence": spans,
        }

    def _event_spans(self, where: str, text: str, rec: dict[str, Any]) -> list[dict[str, Any]]:
        info = rec.get("textInfo", rec.get("text_info"))
        markup = info.get("markup") if isinstance(info, dict) else None
        spans: list[dict[str, Any]] = []
        if isinstance(markup, str) and "(EVT:" in markup:
            for match in _MARK_RE.finditer(markup):
                if match[1] == "EVT" and match[2].strip():
                    at = spans[-1]["end"] if spans else 0
                    spans += self._spans(f"{where}.textInfo.markup", text, match[2].strip(), at)
            return spans
        words = rec.get("event_text", rec.get("eventText"))
        for n, phrase in enumerate([words] if isinstance(words, str) else words if isinstance(words, list) else []):
            if isinstance(phrase, str) and phrase.strip():
                spans += self._spans(f"{where}.event_text[{n}]", text, phrase.strip(), spans[-1]["end"] if spans else 0)
        if not spans and not any(p.path.startswith(f"{where}.event") for p in self.problems):
            self.add(where, "the record marks no event words (textInfo.markup EVT or event_text)")
        return spans

    def _event(self, where: str, sid: str, rid: str, rec: dict[str, Any], text: str) -> None:
        self.sid = sid
        info = rec.get("cite_info")
        cite: dict[str, Any] = info if isinstance(info, dict) else {}
        language = rec.get("language", cite.get("language"))
        publication = rec.get("publication", cite.get("publication"))
        if isinstance(cite.get("license"), str) and "license" not in self.meta:
            self.meta["license"] = cite["license"]
        self.rows["sources"].append({
            "id": sid, "title": f"PLOVER record {rid}", "text": text,
            "language": language if isinstance(language, str) and language else "en",
            "publisher": publication if isinstance(publication, str) and publication else None,
        })  # fmt: skip
        actors = self._entities(where, text, rec.get("actor", rec.get("source")), "actor")
        targets = self._entities(where, text, rec.get("recipient", rec.get("target")), "recipient")
        categories = _texts(rec.get("event"))
        if not categories or len(categories) != 1:
            self.add(f"{where}.event", f"a record needs exactly one PLOVER category, got {rec.get('event')!r}")
            return
        category = categories[0]
        version = rec.get("version")
        version = version if isinstance(version, str) and version else None
        kind = event_kind(category, version)
        if kind is None:
            self.add(f"{where}.event", f"{category!r} of PLOVER {version or 'current'} has no current category"
                     " (the specification's history maps it to none), so the event has no kind")  # fmt: skip
            return
        fields = {"mode": _texts(rec.get("mode")), "context": _texts(rec.get("context"))}
        for key, values in fields.items():
            if values is None:
                self.add(f"{where}.{key}", f"{key} must be a text or a list of texts")
        loc = rec.get("event_loc", rec.get("eventLoc"))
        place = loc.get("extracted_place", loc.get("name")) if isinstance(loc, dict) else None
        date = rec.get("date")
        magnitudes = [m for k in ("dead", "injured", "size") if (m := _magnitude(k, rec.get(k))) is not None]
        self.rows["events"].append({
            "id": sid, "kind": kind.value, "summary": text, "actors": actors, "targets": targets,
            "location": place if isinstance(place, str) and place else None,
            "date": date if isinstance(date, str) and date else None, "status": "occurred",
            "plover": category, "plover_version": version,
            "plover_mode": fields["mode"] or [], "plover_context": fields["context"] or [],
            "magnitudes": magnitudes, "evidence": self._event_spans(where, text, rec),
        })  # fmt: skip


def records_dataset(records: list[Any], name: str) -> Dataset:
    """A checked dataset of PLOVER *records*; every problem (the reader's and the dataset's) in one error."""
    from .json import from_json  # noqa: PLC0415 - the JSON module loads on demand

    reader = _Reader()
    for i, rec in enumerate(records):
        reader.record(i, rec)
    doc = {
        "schema_version": SCHEMA_VERSION, "name": name, "version": "0.0.0",
        "license": reader.meta.get("license", ""), "citation": reader.meta.get("citation", ""),
        "sources": reader.rows["sources"], "actors": reader.rows["actors"], "topics": [],
        "statements": [], "demands": [], "events": reader.rows["events"],
    }  # fmt: skip
    problems = list(reader.problems)
    try:
        dataset = from_json(json.dumps(doc, ensure_ascii=False))
    except DatasetError as exc:
        problems.extend(_named(p, reader) for p in exc.problems)
        dataset = None
    if problems or dataset is None:
        raise DatasetError(problems)
    return dataset


_PATH_RE = re.compile(r"(sources|actors|events)\[(\d+)\](.*)", re.DOTALL)


def _named(problem: Problem, reader: _Reader) -> Problem:
    """A problem of the built document, named after the PLOVER record its row came from."""
    match = _PATH_RE.fullmatch(problem.path)
    if match is None:
        return problem
    row = reader.rows[match[1]][int(match[2])]
    sid = row.get("evidence", [{}])[0].get("source", row["id"]) if match[1] == "actors" else row["id"]
    rid = next((r for r in reader.first if slugify(r) == sid), sid)
    return Problem(f"records[{reader.first.get(rid, '?')}] ({rid}): {problem.path}", problem.message)


def read_records(path: Path) -> list[Any]:
    """The PLOVER objects of *path*: a JSON array, or JSON Lines (one object a line)."""
    from ._files import read_bytes  # noqa: PLC0415 - formats and their helpers load on demand
    from ._text import parse_value, strict, utf8  # noqa: PLC0415

    data = read_bytes(path)
    text = utf8(data, str(path))
    if text.lstrip().startswith("["):
        records = strict(data, str(path))
        return records if isinstance(records, list) else [records]
    problems: list[Problem] = []
    records = []
    for n, line in enumerate(text.splitlines(), 1):
        if line.strip():
            try:
                records.append(parse_value(line, f"line {n}"))
            except DatasetError as exc:
                problems.extend(exc.problems)
    if problems:
        raise DatasetError(problems, file=str(path))
    return records


def read(path: Path) -> Dataset:
    """The dataset of the PLOVER records in the file *path*."""
    try:
        return records_dataset(read_records(path), path.stem or "plover")
    except DatasetError as exc:
        raise DatasetError(exc.problems, file=str(path)) from None
