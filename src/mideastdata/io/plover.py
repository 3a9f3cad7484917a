# SPDX-License-Identifier: MIT
"""PLOVER records (write-only): one JSON object per line, with the PLOVER specification's field names.

Field names and meanings follow the "Data Fields" chapter of ``PLOVER_MANUAL.tex``
(``openeventdata/PLOVER``), the format POLECAT is coded in. A record is written for
each statement and event that carries a PLOVER category (demands carry none):

``id``
    the record id.
``date``
    ``YYYY-MM-DD`` when the record is dated to the day, else ``null`` (PLOVER allows
    no reduced precision); ``date_partial`` keeps the date at its own precision.
``event``
    ``[category]``, the record's PLOVER type.
``mode``
    an event's ``plover_mode``; else where the record's CAMEO code determines it
    (:data:`MODES`); else ``null``.
``context``
    an event's ``plover_context``, else ``null`` (topics are this library's vocabulary, not
    PLOVER's contexts).
``version``
    an event's ``plover_version`` (omitted when None: the current version).
``dead``, ``injured``, ``size``
    an event's magnitudes: the count, the text's words where there is no count, or
    ``{"count": ..., "text": ...}`` when the record has both.
``text``
    the text of the source of the record's first evidence span, so that the ``plover``
    reader (:mod:`.plover_read`) reads the records back.
``quad_code``
    the PLOVER manual's quad category of the type, or of the current category an older one
    became (``null`` for SANCTION, which the
    manual puts under verbal conflict in its summary table and under material conflict
    in the category's own section).
``actor``, ``recipient``
    lists of entity objects: a statement's speaker and the actors it mentions, an event's
    actors and targets. Each entity has ``code`` (the country, or for an organisation
    PLOVER's ``EUR``, ``UNO``, ``IGO``, ``NGO``, ``ISM``, ``IMG`` or ``MNC``, taken from
    the CAMEO code), ``sector`` (the CAMEO role part when PLOVER has that sector),
    ``entity_text`` and ``identifier_text`` (the canonical name), ``office`` (the first role title) and
    ``actor_id`` (this library's id; PLOVER's ``identifier_id`` is meant for Wikidata ids,
    which the dataset does not hold). An actor read from PLOVER data keeps its own ``code``
    and ``sector`` (its ``plover-code`` and ``plover-sector`` identifiers).
``event_text``
    the evidence quotes, in reading order; ``text_info`` the ``start`` and ``end`` of the
    first one; ``cite_info`` its source (``corpus``, ``title``, ``url``, ``language``,
    ``publication``, ``license``, ``version``).

Fields beyond PLOVER's, as the specification allows: ``date_partial``, ``table``,
``kind``, ``status``, ``cameo``, ``actor_id`` and ``evidence`` (every span, with its source).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from .._fields import slugify
from ..codes import CAMEO_COUNTRY_CODES, plover_current_type
from ..model import Statement

if TYPE_CHECKING:
    from ..dataset import Dataset
    from ..model import Actor, Event

__all__ = ["MODES", "PLOVER_SECTORS", "QUAD_CODES", "plover_lines", "plover_record"]

MODES: dict[tuple[str, str], str] = {
    ("042", "CONSULT"): "visit",
    ("1053", "REQUEST"): "yield",
    ("1056", "REQUEST"): "yield",
    ("1246", "REJECT"): "yield",
    ("0841", "RETREAT"): "release",
    ("0873", "RETREAT"): "disarm",
    ("163", "SANCTION"): "discontinue",
}
"""(CAMEO code, PLOVER type) -> mode, from the PLOVER manual's mode tables (``visit``: the actor
visits, the recipient hosts; ``yield``: release of prisoners, ceasefires...; ``discontinue``:
"International (political or economic) sanctions are coded as 'discontinue'")."""

QUAD_CODES: dict[str, int] = {
    **dict.fromkeys(("AGREE", "CONSULT", "SUPPORT", "CONCEDE"), 1),
    **dict.fromkeys(("COOPERATE", "AID", "RETREAT"), 2),
    **dict.fromkeys(("REQUEST", "ACCUSE", "REJECT", "THREATEN"), 3),
    **dict.fromkeys(("PROTEST", "MOBILIZE", "COERCE", "ASSAULT"), 4),
}
"""PLOVER type -> quad code, from the manual's table "Quad categories in PLOVER" (SANCTION left out)."""

PLOVER_SECTORS = frozenset(
    {
        "COP", "GOV", "JUD", "LEG", "MIL", "PRM", "PTY", "REB", "SPY", "UAF", "UNK",  # frequently used
        "AGR", "BUS", "CRM", "CVL", "EDU", "ELI", "JRN", "LAB", "MED", "REF", "OPP", "PRE", "REL", "SOC",
    }
)  # fmt: skip
"""The sector codes of the PLOVER manual's table "Sector Codes"."""

_NON_STATE = {"IGO": "IGO", "NGO": "NGO", "ISM": "ISM", "IMG": "IMG", "MNC": "MNC"}


def entity(actor: Actor) -> dict[str, Any]:
    """A PLOVER entity object for *actor* (see the module docstring)."""
    own = {i.scheme: i.value for i in actor.identifiers if i.scheme in ("plover-code", "plover-sector")}
    if own:
        return {
            "entity_text": actor.name,
            "code": own.get("plover-code"),
            "sector": own.get("plover-sector"),
            "identifier_text": actor.name,
            "office": actor.roles[0].title if actor.roles else None,
            "actor_id": actor.id,
        }
    code, sector = actor.country, None
    cameo = actor.cameo
    if cameo:
        parts = [cameo[i : i + 3] for i in range(0, len(cameo), 3)]
        if parts[0] in CAMEO_COUNTRY_CODES:
            code = parts[0]
        elif parts[0] in _NON_STATE:
            code = "EUR" if "EEC" in parts[1:] else "UNO" if "UNO" in parts[1:] else _NON_STATE[parts[0]]
        sector = next((p for p in parts[1:] if p in PLOVER_SECTORS), None)
    return {
        "entity_text": actor.name,
        "code": code,
        "sector": sector,
        "identifier_text": actor.name,
        "office": actor.roles[0].title if actor.roles else None,
        "actor_id": actor.id,
    }


def plover_record(ds: Dataset, table: str, record: Statement | Event) -> dict[str, Any]:
    """The PLOVER object of one statement or event that has a PLOVER category."""
    actors: tuple[str, ...]
    recipients: tuple[str, ...]
    if isinstance(record, Statement):
        actors, recipients = (record.speaker,), record.mentions
    else:
        actors, recipients = record.actors, record.targets
    spans = ds.quote_spans(record)
    first = spans[0] if spans else None
    source = ds.sources.get(first.source) if first is not None else None
    date = record.date
    category = record.plover or ""
    mode = MODES.get((record.cameo or "", category))
    modes = [mode] if mode is not None else None
    extra: dict[str, Any] = {}
    if not isinstance(record, Statement):
        modes = list(record.plover_mode) or modes
        extra = _event_fields(record)
    title = source.title if source is not None else ""
    own_id = title[len(_TITLE) :] if title.startswith(_TITLE) else None
    own_id = own_id if own_id is not None and slugify(own_id) == record.id else None
    return {
        "id": own_id or record.id,
        "date": str(date) if date is not None and date.precision == "day" else None,
        "actor": [entity(ds.actors[a]) for a in actors],
        "recipient": [entity(ds.actors[a]) for a in recipients],
        "event": [category],
        "event_text": [span.quote for span in spans],
        "quad_code": QUAD_CODES.get(plover_current_type(category, extra.get("version")) or ""),
        "mode": modes,
        "context": list(record.plover_context) or None if not isinstance(record, Statement) else None,
        **extra,
        "text": None if source is None else source.text,
        "text_info": None if first is None else {"start": first.start, "end": first.end},
        "cite_info": None
        if source is None
        else {
            "corpus": ds.name,
            "title": source.title,
            "url": source.url,
            "language": source.language,
            "publication": source.publisher,
            "license": ds.license or None,
            "version": ds.version,
        },
        "date_partial": None if date is None else str(date),
        "table": table,
        "kind": record.kind.value,
        "status": None if isinstance(record, Statement) else record.status.value,
        "cameo": record.cameo,
        "evidence": [{"source": s.source, "start": s.start, "end": s.end, "quote": s.quote} for s in spans],
    }


_TITLE = "PLOVER record "
"""The title the ``plover`` reader gives a record's source: it keeps the record's own id."""


def _event_fields(event: Event) -> dict[str, Any]:
    """An event's PLOVER version, location and magnitudes, under PLOVER's names."""
    out: dict[str, Any] = {}
    if event.plover_version is not None:
        out["version"] = event.plover_version
    if event.location is not None:
        out["event_loc"] = {"extracted_place": event.location}
    for m in event.magnitudes:
        both = {"count": m.count, "text": m.text}
        out[m.kind.value] = m.count if m.text is None else m.text if m.count is None else both
    return out


def plover_lines(ds: Dataset) -> Iterator[str]:
    """One JSON line per statement or event of *ds* with a PLOVER category, statements first."""
    for table in ("statements", "events"):
        for record in getattr(ds, table):
            if record.plover is not None:
                yield json.dumps(plover_record(ds, table, record), ensure_ascii=False) + "\n"
