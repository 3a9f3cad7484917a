# SPDX-License-Identifier: MIT
"""Atheris harness: hostile bytes and mutated documents must raise only DatasetError.

Not collected by pytest. Run by hand (see ``tests/fuzz/README.md``)::

    pip install atheris
    python tests/fuzz/fuzz_json.py -max_total_time=600

Each input is used one of five ways, chosen by its first byte: as raw bytes for
``from_json``; spliced into a valid document (so the fuzzer explores near-valid
input); when it parses as JSON, planted as the value of one field of a valid
document; as the text of a CSV table; or as the lines of a JSON Lines table. Any
exception other than :class:`mideastdata.DatasetError` is a crash.
"""

from __future__ import annotations

import json
import sys
from typing import Any

import atheris

with atheris.instrument_imports():
    import mideastdata as md
    from mideastdata._schema import TABLES as TABLE_TYPES
    from mideastdata.errors import Problem
    from mideastdata.io import csv as csv_format
    from mideastdata.io import jsonl as jsonl_format
    from mideastdata.io._engine import build_table

__all__ = ["main", "one_input"]

_TEXT = (
    "Hamas said it will not disarm. Israel demanded the release of all hostages. "
    "The EU banned arms sales to Israel."
)


def _valid_document() -> dict[str, Any]:
    src = md.Source(id="src", title="A test text", text=_TEXT)
    ds = md.Dataset(
        name="fuzz",
        version="1.0.0",
        sources=(src,),
        actors=(
            md.Actor(id="hamas", name="Hamas", kind=md.ActorKind.ARMED_GROUP, evidence=(src.evidence("Hamas"),)),
            md.Actor(id="israel", name="Israel", kind=md.ActorKind.STATE, country="ISR",
                     evidence=(src.evidence("Israel", occurrence=1),)),
        ),
        topics=(md.Topic(id="hostages", label="Hostages"),),
        statements=(
            md.Statement(id="stmt", speaker="hamas", kind=md.StatementKind.POSITION, summary="No disarming.",
                         attribution=md.Attribution.PARAPHRASE, topics=("hostages",),
                         stances=(md.Stance(topic="hostages", position=md.Position.OPPOSES),),
                         evidence=(src.evidence("Hamas said it will not disarm."),)),
        ),
        demands=(
            md.Demand(id="dem", by="israel", addressee="hamas", topic="hostages", text="release",
                      kind=md.DemandKind.DEMAND, statement="stmt",
                      evidence=(src.evidence("demanded the release of all hostages"),)),
        ),
        events=(
            md.Event(id="evt", kind=md.EventKind.SANCTION, summary="Arms ban.", actors=("israel",),
                     status=md.EventStatus.OCCURRED, date=md.PartialDate.parse("2025-08"), cameo="163",
                     evidence=(src.evidence("The EU banned arms sales to Israel."),)),
        ),
    )
    doc: dict[str, Any] = json.loads(md.to_json(ds))
    return doc


_DOC = _valid_document()
_TEXT_BYTES = json.dumps(_DOC).encode()


def _slots(node: Any, out: list[tuple[Any, Any]]) -> list[tuple[Any, Any]]:
    """Every (container, key) pair in *node*: the places a value can be planted."""
    if isinstance(node, dict):
        for key, value in node.items():
            out.append((node, key))
            _slots(value, out)
    elif isinstance(node, list):
        for index, value in enumerate(node):
            out.append((node, index))
            _slots(value, out)
    return out


def _check(data: bytes | str) -> None:
    try:
        ds = md.from_json(data)
    except md.DatasetError as exc:
        if not exc.problems:
            msg = "a DatasetError without problems"
            raise AssertionError(msg) from exc
        return
    if md.from_json(md.to_json(ds)) != ds:
        msg = "a loaded document does not round-trip"
        raise AssertionError(msg)


_TABLES = list(TABLE_TYPES.items())


def _table_text(fdp: Any) -> tuple[str, type[Any], str]:
    name, kind = _TABLES[fdp.ConsumeIntInRange(0, len(_TABLES) - 1)]
    return name, kind, fdp.ConsumeUnicodeNoSurrogates(fdp.remaining_bytes())


def _check_csv(fdp: Any) -> None:
    """A CSV table's text: problems are collected, nothing is raised."""
    name, kind, text = _table_text(fdp)
    header = ",".join(csv_format.column_names(kind)) + "\r\n"
    problems: list[Problem] = []
    csv_format.read_table(header + text if fdp.ConsumeBool() else text, name, kind, problems)


def _check_jsonl(fdp: Any) -> None:
    """A JSON Lines table's text: problems are collected, or a DatasetError is raised."""
    name, kind, text = _table_text(fdp)
    problems: list[Problem] = []
    rows = jsonl_format._parse_lines(text, name, problems)  # the reader's own step
    if rows is not None:
        build_table(rows, kind, name, problems)


def one_input(data: bytes) -> None:
    """Feed one fuzzer input to a reader in one of five ways."""
    if not data:
        _check(data)
        return
    mode, rest = data[0] % 5, data[1:]
    if mode == 0:
        _check(rest)
        return
    if mode in (3, 4):
        (_check_csv if mode == 3 else _check_jsonl)(atheris.FuzzedDataProvider(rest))
        return
    fdp = atheris.FuzzedDataProvider(rest)
    if mode == 1:
        at = fdp.ConsumeIntInRange(0, len(_TEXT_BYTES))
        cut = fdp.ConsumeIntInRange(0, 8)
        _check(_TEXT_BYTES[:at] + fdp.ConsumeBytes(fdp.remaining_bytes()) + _TEXT_BYTES[at + cut :])
        return
    doc = json.loads(json.dumps(_DOC))
    slots = _slots(doc, [])
    container, key = slots[fdp.ConsumeIntInRange(0, len(slots) - 1)]
    try:
        value = json.loads(fdp.ConsumeUnicodeNoSurrogates(fdp.remaining_bytes()))
    except (ValueError, RecursionError):
        return
    container[key] = value
    try:
        text = json.dumps(doc)
    except (ValueError, RecursionError):  # a value json itself cannot write back
        return
    _check(text)


def main() -> None:
    """Run the fuzzer with libFuzzer's command-line options."""
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
