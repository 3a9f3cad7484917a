# SPDX-License-Identifier: MIT
"""A brat corpus of the usual shape straight to the plain values of a JSON document.

The ``.ann`` files :func:`mideastdata.io.brat.write` writes (and most a team saves from
brat) hold one line per annotation, each of a kind a regular expression matches over the
whole file at once (:func:`parse`). When every file is of that shape and nothing in the
corpus would be a problem (every span holds its quote, every relation joins the labels
it should, every attribute and note is one its label has, no record is spread over
several sources), the records are built here in bulk, without the documents, marks and
links of :mod:`.reading`, and read by the JSON reader with every whole-dataset check.
Anything else gives ``None``: the caller reads the corpus through :func:`.reading.from_docs`,
which names each problem. Both give the same dataset (a test checks).
"""

from __future__ import annotations

import itertools
import json
import operator
import re
from collections.abc import Sequence
from itertools import repeat
from typing import Any, NamedTuple

from ..._normalize import text_sha256
from ...dataset import Dataset
from .document import build_dataset, encodable
from .fields import KINDS, LABELS, LINKS, TABLES, json_decoder, to_plain
from .marks import SOURCE_META, Doc
from .reading import CONVERTED, REQUIRED, SPECS, in_source_order, made_id, slugify
from .text import flatten

__all__ = ["Parsed", "parse", "plain_corpus"]

_LABEL = "|".join(re.escape(label) for label in LABELS)
# Each pattern starts with its line's newline and kind, a literal the matcher jumps between.
_WHOLE_T = re.compile(rf"\n(T[^\t\n]*)\t({_LABEL}) (\d+ \d+(?:;\d+ \d+)*)\t([^\n]*)")
_WHOLE_E = re.compile(r"\n(E[^\t\n]*)\tEvent:(\S+)((?: [a-z_]+\d*:\S+)*)(?![^\n])")
_WHOLE_R = re.compile(r"\n(R[^\t\n]*)\t(\S+) Arg1:(\S+) Arg2:(\S+)(?![^\n])")
_WHOLE_A = re.compile(r"\nA[^\t\n]*\t(\S+) (\S+)(?: (\S+))?(?![^\n])")
_WHOLE_NOTE = re.compile(r"\n#[^\t\n]*\tAnnotatorNotes (\S+)\t([a-z_]+): ([^\n]*)")
_BLANK_LINES = re.compile(r"\n(?:[^\S\n]*\n)+")


class Parsed(NamedTuple):
    """The lines of one ``.ann`` file by kind, each line the groups its pattern matched."""

    t_lines: list[tuple[str, str, str, str]]  # key, label, "start end[;start end]", quote
    e_lines: list[tuple[str, str, str]]  # key, trigger, " role:ID role2:ID"
    r_lines: list[tuple[str, str, str, str]]  # key, role, Arg1, Arg2
    a_lines: list[tuple[str, str, str]]  # name, ID, value ("" for a flag)
    notes: list[tuple[str, str, str]]  # ID, field, value


def parse(ann: str) -> Parsed | None:
    """The lines of *ann* by kind, or None when a non-blank line is of no kind matched here.

    The patterns start with their line's newline: the first line is matched on its own, so
    the file's text, often long, is not copied (unless it has blank lines or CRLF line ends).
    """
    found = None if "\r" in ann else _lines(ann)
    if found is None and ann and not ann.isspace():
        body = _BLANK_LINES.sub("\n", "\n" + ann.replace("\r\n", "\n")).strip("\n")
        found = None if "\r" in body else _lines(body)
    return found


_PATTERNS = (_WHOLE_T, _WHOLE_E, _WHOLE_R, _WHOLE_A, _WHOLE_NOTE)


def _lines(ann: str) -> Parsed | None:
    if not ann or ann.isspace():
        return Parsed([], [], [], [], [])
    end = ann.find("\n")
    head = "\n" + (ann if end == -1 else ann[:end])
    t_lines, e_lines, r_lines, a_lines, notes = (p.findall(head) + p.findall(ann, max(end, 0)) for p in _PATTERNS)
    lines = ann.count("\n") + 1 - ann.endswith("\n")
    if len(t_lines) + len(e_lines) + len(r_lines) + len(a_lines) + len(notes) != lines:
        return None
    return Parsed(t_lines, e_lines, r_lines, a_lines, notes)


class _Refused(Exception):  # noqa: N818 - a signal, never raised to callers
    """Something in the corpus is not of the usual shape: the documents' reader takes it."""


_LINK_OK = frozenset((label, role, target) for label, links in LINKS.items() for role, target in links.items())
_ATTRIBUTES = {
    f"{label}_{name}": (label, name) for label, kinds in KINDS.items() for name, kind in kinds.items()
    if kind in {"enum", "bool"}
}
"""Each attribute's name, and the label and field it sets."""
_FIELDS = {label: frozenset(name for name in kinds if name != "evidence") for label, kinds in KINDS.items()}
"""Per label, the fields a note, attribute or relation may set."""
_MANY = frozenset(s.name for found in SPECS.values() for s in found.values() if s.kind == "links")
_JSON = frozenset(
    (label, name) for label, found in SPECS.items() for name, s in found.items() if s.kind in {"json", "links"}
)
"""The notes whose text is JSON (lists and nested values, and references kept as a list of ids)."""
_CONVERTED = frozenset(
    (label, name) for label, names in CONVERTED.items() for name in names
    if name in SPECS[label] and SPECS[label][name].kind not in {"link", "evidence"}
)
"""The notes whose text is not their JSON value (a reference kept as one id is its text)."""
_CONVERTED_NAMES = frozenset(name for _, name in _CONVERTED)
_REQUIRED_SETS = {label: frozenset(names) for label, names in REQUIRED.items()}


def plain_corpus(docs: Sequence[tuple[Doc, Parsed]], extra: dict[str, Any]) -> Dataset | None:
    """The dataset of *docs* (each with its parsed ``.ann``) and *extra*, or None when the corpus is not usual.

    None also when the JSON reader finds a problem: the documents' reader then names it
    after its annotation.
    """
    tables: dict[str, list[dict[str, Any]]] = {t: [] for t in TABLES.values()}
    seen: set[tuple[str, str]] = set()
    sources: list[dict[str, Any]] = []
    try:
        for doc, parsed in in_source_order(docs, extra, key=operator.itemgetter(0)):
            source = _source_row(doc, extra)
            sources.append(source)
            labels, ids, plains = _records(doc.text, source["id"], parsed)
            before = len(seen)
            seen.update(zip(labels, ids, strict=True))
            if len(seen) != before + len(ids):
                return None  # one record in several sources (or twice in one): grouped by the documents' reader
            for label in set(labels):
                tables[TABLES[label]] += itertools.compress(plains, map(label.__eq__, labels))
    except _Refused:
        return None
    for table, rows in extra.get("records", {}).items():
        if table in tables and isinstance(rows, list):
            tables[table] += rows
    # The files' texts are UTF-8 and notes holding a lone surrogate escape were refused; the extra mapping (JSON)
    # and a source's title (a file name, which need not be UTF-8) may hold one, which the JSON text's reader reports.
    meta = [{k: v for k, v in source.items() if k != "text"} for source in sources]
    mirrored = encodable([{k: v for k, v in extra.items() if k != "order"}, meta])
    return build_dataset(sources, extra, {t: (rows, None) for t, rows in tables.items()}, [], mirrored=mirrored)


def _source_row(doc: Doc, extra: dict[str, Any]) -> dict[str, Any]:
    """The source of *doc* as the JSON document holds it (its fields checked when the document is read)."""
    meta = {**extra.get("sources", {}).get(doc.meta.get("id", ""), {}), **doc.meta}
    row = {k: meta[k] for k in SOURCE_META if meta.get(k) is not None}
    row.setdefault("title", doc.name)
    row["id"] = meta.get("id") or slugify(doc.name) or "source"
    row["text"] = doc.text
    recorded = meta.get("sha256")
    if recorded:  # the digest the export recorded, checked against the text when the source is built
        if not isinstance(recorded, str) or recorded != text_sha256(doc.text):
            raise _Refused
        row["sha256"] = recorded
    return row


def _records(text: str, source_id: str, parsed: Parsed) -> tuple[Sequence[str], list[str], list[dict[str, Any]]]:
    """The label, id and plain value of each record annotated in one document."""
    if not parsed.t_lines:
        if parsed.e_lines or parsed.r_lines or parsed.a_lines or parsed.notes:
            raise _Refused
        return (), [], []
    keys, labels, evidence = _evidence(text, source_id, parsed.t_lines)
    label_of = dict(zip(keys, labels, strict=True))
    owner = {key: trigger for key, trigger, _ in parsed.e_lines}
    if not owner.keys().isdisjoint(label_of) or not label_of.keys() >= set(owner.values()):
        raise _Refused
    values: dict[str, dict[str, Any]] = {key: {} for key in keys}
    if parsed.a_lines:
        _attributes(parsed.a_lines, owner, label_of, values)
    if parsed.notes:
        _notes(parsed, owner, label_of, values)
    plains = list(values.values())
    ids: list[str] = list(map(dict.get, plains, repeat("id")))  # type: ignore[arg-type] # None or "": made below
    if None in ids or "" in ids:
        ids = list(map(_record_id, plains, keys, labels, evidence, repeat(source_id)))
    elif 1 in map(len, plains):
        raise _Refused  # a mark holding only its id: the record's fields are in another source
    _links(parsed, owner, label_of, dict(zip(keys, ids, strict=True)), values)
    fields = list(map(dict.keys, plains))
    if not all(map(operator.le, map(_REQUIRED_SETS.__getitem__, labels), fields)) or not all(
        map(operator.le, fields, map(_FIELDS.__getitem__, labels))
    ):
        raise _Refused  # a required field missing, or a field the label does not have
    for plain, spans in zip(plains, evidence, strict=True):
        plain["evidence"] = spans
    return labels, ids, plains


def _evidence(
    text: str, source_id: str, t_lines: list[tuple[str, str, str, str]]
) -> tuple[tuple[str, ...], tuple[str, ...], list[list[dict[str, Any]]]]:
    """The keys and labels of the ``T`` lines and the evidence of each, every span holding the text its line quotes.

    The line's quote is the span's text, or that text with tabs and line breaks as spaces
    (:func:`.text.flatten`), as brat shows it; the fragments of a discontinuous span are
    quoted joined by a space.
    """
    keys, labels, places, quoted = zip(*t_lines, strict=True)
    if len(set(keys)) != len(keys):
        raise _Refused
    joined = " ".join(places)
    if ";" in joined:
        return keys, labels, [_fragments(text, source_id, p, q) for p, q in zip(places, quoted, strict=True)]
    offsets = list(map(int, joined.split(" ")))
    starts, ends = offsets[0::2], offsets[1::2]
    seen = list(map(text.__getitem__, map(slice, starts, ends)))  # each span's text, compared in one go
    if seen != list(quoted) and any(s != q and flatten(s) != q for s, q in zip(seen, quoted, strict=True)):
        raise _Refused
    if not all(map(operator.lt, starts, ends)) or max(ends) > len(text):
        raise _Refused
    evidence = [
        [{"source": source_id, "start": s, "end": e, "quote": q}] for s, e, q in zip(starts, ends, seen, strict=True)
    ]
    return keys, labels, evidence


def _fragments(text: str, source_id: str, place: str, quote: str) -> list[dict[str, Any]]:
    """The evidence of one ``T`` line whose span may be discontinuous (``start end;start end``)."""
    spans = [(int(a), int(b)) for a, b in (f.split(" ") for f in place.split(";"))]
    if any(not 0 <= s < e <= len(text) for s, e in spans):
        raise _Refused
    seen = [text[s:e] for s, e in spans]
    whole = " ".join(seen)
    if whole != quote and flatten(whole) != quote:
        raise _Refused
    return [{"source": source_id, "start": s, "end": e, "quote": q} for (s, e), q in zip(spans, seen, strict=True)]


def _record_id(plain: dict[str, Any], key: str, label: str, evidence: list[dict[str, Any]], source_id: str) -> str:
    """The record's id: its note, else made as the documents' reader makes it."""
    record_id = plain.get("id")
    if not isinstance(record_id, str) or not record_id:
        record_id = plain["id"] = made_id(label, source_id, key, evidence)
    elif len(plain) == 1:
        raise _Refused
    return record_id


def _attributes(
    lines: list[tuple[str, str, str]], owner: dict[str, str], label_of: dict[str, str], values: dict[str, Any]
) -> None:
    """Each attribute line's value into its record's values: one its label has, a flag or a choice."""
    owner_of = owner.get
    try:
        for name, ref, raw in lines:
            held = owner_of(ref, ref)
            label, field = _ATTRIBUTES[name]
            if label_of[held] != label:
                raise _Refused
            values[held][field] = raw or True
    except KeyError:  # no such attribute, or no such annotation
        raise _Refused from None


def _notes(parsed: Parsed, owner: dict[str, str], label_of: dict[str, str], values: dict[str, Any]) -> None:
    """Each note's value into its record's values, JSON texts parsed (the fields are checked by :func:`_records`)."""
    owner_of = owner.get
    pending: list[tuple[str, str, str]] = []  # (annotation, field, text) of the values that are JSON
    try:
        for ref, name, raw in parsed.notes:
            held = owner_of(ref, ref)
            if raw[:1] == '"':
                raw = _unquoted(raw)  # noqa: PLW2901 - the note's text
            if name in _CONVERTED_NAMES and (label_of[held], name) in _CONVERTED:
                pending.append((held, name, raw))
            values[held][name] = raw
    except KeyError:  # no such annotation
        raise _Refused from None
    if pending:
        for (held, name, _), value in zip(pending, _parsed(label_of, pending), strict=True):
            values[held][name] = value


def _parsed(label_of: dict[str, str], pending: list[tuple[str, str, str]]) -> list[Any]:
    """The values of the notes that are not their text (JSON, a flag), as the documents' reader takes them."""
    decode = json_decoder()
    if decode is not None and all((label_of[held], name) in _JSON for held, name, _ in pending):
        try:
            return list(map(decode, [raw for _, _, raw in pending]))  # each text alone, in C
        except ValueError:  # msgspec refused one: the documents' reader says why
            raise _Refused from None
    try:
        return [to_plain(SPECS[label_of[held]][name], raw) for held, name, raw in pending]
    except ValueError:  # not JSON, or not a flag: the documents' reader names it
        raise _Refused from None


def _links(
    parsed: Parsed, owner: dict[str, str], label_of: dict[str, str], ids: dict[str, str], values: dict[str, Any]
) -> None:
    """The relations and event arguments as references, relations first, as the documents' reader takes them.

    A relation wins over a note holding the same field.
    """
    owner_of, label = owner.get, label_of.get
    links = [(owner_of(h, h), role, owner_of(t, t)) for _, role, h, t in parsed.r_lines]
    for _, trigger, args in parsed.e_lines:
        for arg in args.split():
            role, _, target = arg.partition(":")
            links.append((trigger, role.rstrip("0123456789"), owner_of(target, target)))
    one: dict[tuple[str, str], str] = {}
    many: dict[tuple[str, str], list[str]] = {}
    for head, role, tail in links:
        if (label(head), role, label(tail)) not in _LINK_OK:
            raise _Refused
        if role in _MANY:
            got = many.get((head, role))
            if got is None:
                many[head, role] = [ids[tail]]
            else:
                got.append(ids[tail])
        elif (head, role) in one:
            raise _Refused  # two relations where a record has one
        else:
            one[head, role] = ids[tail]
    for (head, role), value in one.items():
        values[head][role] = value
    for (head, role), ids_of in many.items():
        values[head][role] = ids_of


def _unquoted(raw: str) -> str:
    if not raw.startswith('"'):
        return raw
    try:
        value = json.loads(raw)
    except json.JSONDecodeError:
        raise _Refused from None
    if not isinstance(value, str):
        raise _Refused
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate escape: the documents' reader names its path
        raise _Refused from None
    return value
