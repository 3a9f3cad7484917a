# SPDX-License-Identifier: MIT
"""brat standoff: a folder of ``<source>.txt`` and ``<source>.ann`` files, read and written.

Each record with evidence in a source is one text-bound annotation ``T`` in that source's
``.ann`` file, labelled ``Actor``, ``Statement``, ``Demand`` or ``Event``; several spans
are one discontinuous annotation (``T1<TAB>Statement 219 304;319 399<TAB>...``). An event
record is also a brat event ``E`` with the event's ``actors`` and ``targets`` as role
arguments; the other references (``speaker``, ``mentions``, ``by``, ``addressee``,
``statement``, ``member_of``) are relations ``R``. Closed choices are attributes ``A``
(``Statement_kind``, ``Actor_anonymous``); every other field is an annotator note ``#``
of the form ``field: value`` (lists and nested values as JSON). The folder also holds
``annotation.conf`` (the scheme brat needs) and ``mideastdata.json`` (what ``.ann`` files
cannot carry). Offsets count code points, as brat does. See docs/annotation.md.
"""

from __future__ import annotations

import json
import operator
import re
from pathlib import Path
from typing import Any

from ..dataset import Dataset
from ..errors import DatasetError, Problem, did_you_mean
from ._annotation.brat_plain import Parsed, parse, plain_corpus
from ._annotation.fields import KINDS, LABELS, LINKS, specs
from ._annotation.files import EXTRA_FILE, dumps_extra, read_extra, read_utf8, write_folder
from ._annotation.marks import ORDER_KEY, Doc, Link, Mark, to_docs
from ._annotation.reading import Imported, file_id, from_docs, warn_repairs
from ._annotation.text import flatten

__all__ = ["annotation_conf", "read", "read_imported", "write"]

_OURS = ("annotation.conf", EXTRA_FILE, "*.txt", "*.ann")
_EVENT_ROLES = frozenset(LINKS["Event"])
_NOTE_RE = re.compile(r"([a-z_]+):(?: (.*))?\Z", re.DOTALL)
_LINE_BREAKS_LEFT = re.compile("[\x85\u2028\u2029]")  # line breaks json.dumps leaves as they are
_PLAIN_RE = re.compile(r"[^\s\"].*[^\s]|[^\s\"]", re.DOTALL)  # a text written without JSON quotes


def _attribute(label: str, field: str) -> str:
    return f"{label}_{field}"


def annotation_conf() -> str:
    """The brat ``annotation.conf`` for mideastdata records, generated from the model."""
    lines = ["# mideastdata annotation scheme for brat (generated: mideastdata scheme --tool brat)", "", "[entities]"]
    lines += [label for label in LABELS if label != "Event"]
    lines += ["", "[relations]"]
    for label, links in LINKS.items():
        if label != "Event":
            lines += [f"{role}\tArg1:{label}, Arg2:{target}" for role, target in links.items()]
    lines += ["<OVERLAP>\tArg1:<ANY>, Arg2:<ANY>, <OVL-TYPE>:<ANY>", "", "[events]"]
    lines.append("Event\t" + ", ".join(f"{role}*:{target}" for role, target in LINKS["Event"].items()))
    lines += ["", "[attributes]"]
    for label in LABELS:
        for spec in specs(label):
            if spec.kind == "enum":
                values = "|".join(str(m.value) for m in spec.enum)
                lines.append(f"{_attribute(label, spec.name)}\tArg:{label}, Value:{values}")
            elif spec.kind == "bool":
                lines.append(f"{_attribute(label, spec.name)}\tArg:{label}")
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- writing


def _note(name: str, value: str) -> str:
    """``name: value``, the value as JSON when it would not survive as plain text on one line."""
    if _PLAIN_RE.fullmatch(value) and flatten(value) == value:
        return f"{name}: {value}"
    text = json.dumps(value, ensure_ascii=False)  # escapes every control character
    return f"{name}: " + _LINE_BREAKS_LEFT.sub(lambda m: f"\\u{ord(m[0]):04x}", text)


def _ann(doc: Doc) -> str:
    lines: list[str] = []
    tails: dict[str, str] = {}
    owners: dict[str, str] = {}  # mark key -> the id attributes and notes attach to
    for n, mark in enumerate(doc.marks, 1):
        spans = ";".join(f"{s} {e}" for s, e in mark.spans)
        text = " ".join(flatten(doc.text[s:e]) for s, e in mark.spans)
        lines.append(f"T{n}\t{mark.label} {spans}\t{text}")
        tails[mark.key] = f"T{n}"
        owners[mark.key] = f"E{n}" if mark.label == "Event" else f"T{n}"
    events: dict[str, list[str]] = {m.key: [] for m in doc.marks if m.label == "Event"}
    relations: list[str] = []
    for link in doc.links:
        if link.head in events and link.role in _EVENT_ROLES:
            count = sum(1 for a in events[link.head] if a.startswith(f"{link.role}"))
            events[link.head].append(f"{link.role}{count + 1 if count else ''}:{tails[link.tail]}")
        else:
            relations.append(f"{link.role} Arg1:{tails[link.head]} Arg2:{tails[link.tail]}")
    lines += [f"{owners[key]}\tEvent:{tails[key]}" + "".join(f" {a}" for a in args) for key, args in events.items()]
    lines += [f"R{n}\t{rel}" for n, rel in enumerate(relations, 1)]
    attributes: list[str] = []
    notes: list[str] = []
    for mark in doc.marks:
        kinds = KINDS[mark.label]
        for name, value in mark.values.items():
            if kinds.get(name) == "enum":
                attributes.append(f"{_attribute(mark.label, name)} {owners[mark.key]} {value}")
            elif kinds.get(name) == "bool":
                if value:
                    attributes.append(f"{_attribute(mark.label, name)} {owners[mark.key]}")
            else:
                notes.append(f"AnnotatorNotes {owners[mark.key]}\t{_note(name, str(value))}")
    lines += [f"A{n}\t{a}" for n, a in enumerate(attributes, 1)]
    lines += [f"#{n}\t{note}" for n, note in enumerate(notes, 1)]
    return "".join(line + "\n" for line in lines)


def write(ds: Dataset, path: Path) -> Path:
    """Write *ds* as a brat collection folder at *path*; return the path."""
    docs, extra = to_docs(ds)
    extra["sources"] = {d.meta["id"]: {k: v for k, v in d.meta.items() if k != "id"} for d in docs}
    files = {"annotation.conf": annotation_conf().encode("utf-8"), EXTRA_FILE: dumps_extra(extra)}
    for doc in docs:
        files[f"{doc.name}.txt"] = doc.text.encode("utf-8")
        files[f"{doc.name}.ann"] = _ann(doc).encode("utf-8")
    return write_folder(Path(path), files, _OURS)


# --------------------------------------------------------------------------- reading

_T_RE = re.compile(r"(\S+) (\d+ \d+(?:;\d+ \d+)*)\Z")
_ATTRIBUTES = {
    label: {_attribute(label, name): name for name, kind in kinds.items() if kind in {"enum", "bool"}}
    for label, kinds in KINDS.items()
}
"""Per label, its attribute names and the field each sets."""
_NOTE_FIELDS = {label: frozenset(k for k in kinds if k != "evidence") | {ORDER_KEY} for label, kinds in KINDS.items()}
"""Per label, the fields a note may set."""


class _AnnReader:
    def __init__(self, doc: Doc, problems: list[Problem]) -> None:
        self.doc, self.problems = doc, problems
        self.marks: dict[str, Mark] = {}
        self.owner: dict[str, str] = {}  # E id -> its trigger's T id

    def add(self, line_no: int, message: str) -> None:
        self.problems.append(Problem(f"{self.doc.name}.ann line {line_no}", message))

    def read(self, ann: str) -> None:
        """Read every line, naming each problem by its line number."""
        for n, line in enumerate(ann.split("\n"), 1):
            if line and not line.isspace():
                self.line(n, line.removesuffix("\r"))
        owner = self.owner  # an argument may be an event defined further down
        links = self.doc.links
        self.doc.links = [Link(k.key, k.role, owner.get(k.head, k.head), owner.get(k.tail, k.tail)) for k in links]

    def line(self, n: int, line: str) -> None:
        head, _, rest = line.partition("\t")
        kind = head[:1]
        if kind == "T":
            self.text_bound(n, head, rest)
        elif kind == "E":
            self.event(n, head, rest)
        elif kind == "R":
            self.relation(n, head, rest)
        elif kind in {"A", "M"}:
            self.attribute(n, rest)
        elif kind == "#":
            self.note(n, rest)
        elif kind not in {"N", "*"}:  # normalisations and equivalences carry no field
            self.add(n, f"not a brat annotation line: {line[:40]!r}")

    def text_bound(self, n: int, key: str, rest: str) -> None:
        spec, _, text = rest.partition("\t")
        match = _T_RE.fullmatch(spec)
        if match is None:
            self.add(n, f"{key}: expected 'Label start end[;start end]', got {spec!r}")
            return
        spans = [(int(a), int(b)) for a, b in (f.split(" ") for f in match[2].split(";"))]
        mark = Mark(key, match[1], spans)
        whole = " ".join(flatten(self.doc.text[s:e]) for s, e in spans)
        if whole != text:  # the text moved: each fragment's own quote, when the lengths tell them apart
            if len(spans) == 1:
                mark.quotes = [text]
            elif len(text) == sum(e - s for s, e in spans) + len(spans) - 1:
                at, quotes = 0, []
                for s, e in spans:
                    quotes.append(text[at : at + e - s])
                    at += e - s + 1
                mark.quotes = list(quotes)
            else:
                mark.quotes = [text] + [None] * (len(spans) - 1)
        self.marks[key] = mark
        self.doc.marks.append(mark)

    def event(self, n: int, key: str, rest: str) -> None:
        if not rest.split():
            self.add(n, f"{key}: expected 'Type:ID [role:ID ...]', got {rest!r}")
            return
        trigger, *args = rest.split()
        _, _, tid = trigger.partition(":")
        if tid not in self.marks:
            self.add(n, f"{key}: trigger {tid!r} is not a T annotation above it")
            return
        self.owner[key] = tid
        for arg in args:
            role, _, target = arg.partition(":")
            role = role.rstrip("0123456789")
            self.doc.links.append(Link(f"{key} {arg}", role, tid, self.owner.get(target, target)))

    def relation(self, n: int, key: str, rest: str) -> None:
        parts = rest.split()
        if len(parts) != 3 or not parts[1].startswith("Arg1:") or not parts[2].startswith("Arg2:"):
            self.add(n, f"{key}: expected 'role Arg1:ID Arg2:ID', got {rest!r}")
            return
        head, tail = parts[1][5:], parts[2][5:]
        self.doc.links.append(Link(key, parts[0], self.owner.get(head, head), self.owner.get(tail, tail)))

    def _target(self, n: int, ref: str) -> Mark | None:
        mark = self.marks.get(self.owner.get(ref, ref))
        if mark is None:
            self.add(n, f"{ref!r} is not an annotation of this file")
        return mark

    def attribute(self, n: int, rest: str) -> None:
        parts = rest.split()
        if len(parts) < 2:
            self.add(n, f"expected 'name ID [value]', got {rest!r}")
            return
        name, ref, *value = parts
        mark = self._target(n, ref)
        if mark is None:
            return
        field = name.removeprefix(f"{mark.label}_")
        kinds = KINDS.get(mark.label, {})
        if kinds.get(field) not in {"enum", "bool"} or field == name:
            known = [_attribute(mark.label, f) for f, k in kinds.items() if k in {"enum", "bool"}]
            self.add(n, f"{ref}: a {mark.label} has no attribute {name!r}{did_you_mean(name, known)}")
            return
        mark.values[field] = value[0] if value else True

    def note(self, n: int, rest: str) -> None:
        head, _, text = rest.partition("\t")
        ref = head.split(" ")[-1]
        match = _NOTE_RE.match(text)
        if match is None:
            return  # an annotator's own note
        mark = self._target(n, ref)
        if mark is None or mark.label not in LABELS:
            return
        field, value = match[1], match[2] or ""
        known = KINDS[mark.label]
        if field == "evidence" or (field not in known and field != ORDER_KEY):
            names = [k for k in known if k != "evidence"]
            self.add(n, f"{ref}: a {mark.label} has no field {field!r}{did_you_mean(field, names)}")
            return
        if value.startswith('"'):
            try:
                value = json.loads(value)
            except json.JSONDecodeError as exc:
                self.add(n, f"{ref}: note {field}: not a JSON string ({exc.msg})")
                return
        mark.values[field] = value


def _read_whole(reader: _AnnReader, parsed: Parsed) -> bool:
    """Take the lines of an ``.ann`` file of the usual shape (:func:`.brat_plain.parse`) as marks and links.

    When every reference resolves, the document takes the result. Otherwise nothing is
    kept and the file is read line by line, which names each problem.
    """
    marks = _whole_marks(reader.doc.text, parsed.t_lines)
    if marks is None:
        return False
    owner = {key: trigger for key, trigger, _ in parsed.e_lines}
    links = [Link(key, role, owner.get(h, h), owner.get(t, t)) for key, role, h, t in parsed.r_lines]
    for key, trigger, args in parsed.e_lines:
        if trigger not in marks:
            return False
        for arg in args.split():
            role, _, target = arg.partition(":")
            links.append(Link(f"{key} {arg}", role.rstrip("0123456789"), trigger, owner.get(target, target)))
    if not _whole_values(marks, owner, parsed.a_lines, parsed.notes):
        return False
    reader.marks.update(marks)
    reader.owner.update(owner)
    reader.doc.marks.extend(marks.values())
    reader.doc.links.extend(links)
    return True


def _whole_marks(text: str, t_lines: list[tuple[str, str, str, str]]) -> dict[str, Mark] | None:  # noqa: PLR0911
    """The marks of the ``T`` lines, each a span whose text the line quotes; None for anything else."""
    if not t_lines:
        return {}
    keys, labels, places, quoted = zip(*t_lines, strict=True)
    if len(set(keys)) != len(keys):
        return None
    if any(";" in place for place in places):  # discontinuous spans: one line at a time
        spans = [[(int(a), int(b)) for a, b in (f.split(" ") for f in place.split(";"))] for place in places]
        for found, quote in zip(spans, quoted, strict=True):
            whole = " ".join(text[s:e] for s, e in found)
            if any(s >= e for s, e in found) or (whole != quote and flatten(whole) != quote):
                return None
        return {key: Mark(key, label, found) for key, label, found in zip(keys, labels, spans, strict=True)}
    offsets = list(map(int, " ".join(places).split(" ")))
    starts, ends = offsets[0::2], offsets[1::2]
    seen = list(map(text.__getitem__, map(slice, starts, ends)))  # each span's text, compared in one go
    if seen != list(quoted) and any(s != q and flatten(s) != q for s, q in zip(seen, quoted, strict=True)):
        return None
    if not all(map(operator.lt, starts, ends)):
        return None
    pairs = zip(starts, ends, strict=True)
    return {key: Mark(key, label, [span]) for key, label, span in zip(keys, labels, pairs, strict=True)}


def _whole_values(
    marks: dict[str, Mark],
    owner: dict[str, str],
    a_lines: list[tuple[str, str, str]],
    notes: list[tuple[str, str, str]],
) -> bool:
    values = {key: (mark.label, mark.values) for key, mark in marks.items()}
    for name, ref, value in a_lines:
        label, held = values.get(owner.get(ref, ref), _NOWHERE)
        sets = _ATTRIBUTE_FIELDS.get(name)
        if sets is None or sets[0] != label:
            return False
        held[sets[1]] = value or True
    for ref, field, value in notes:
        label, held = values.get(owner.get(ref, ref), _NOWHERE)
        if field not in _NOTE_FIELDS.get(label, ()):
            return False
        if value.startswith('"'):
            try:
                value = json.loads(value)  # noqa: PLW2901 - the note's text
            except json.JSONDecodeError:
                return False
        held[field] = value
    return True


_NOWHERE: tuple[str, dict[str, Any]] = ("", {})
_ATTRIBUTE_FIELDS = {name: (label, field) for label, names in _ATTRIBUTES.items() for name, field in names.items()}
"""Each attribute name and the label and field it sets."""


def read_imported(path: Path) -> Imported:
    """Read the brat folder at *path* (or the folder of a ``.ann``/``.txt`` file), with repairs.

    A corpus of the usual shape is read in bulk (:mod:`._annotation.brat_plain`); any
    other, or one with a problem, document by document, which names each problem.
    """
    folder = Path(path)
    if folder.is_file():
        folder = folder.parent
    extra = read_extra(folder)
    problems: list[Problem] = []
    found: list[tuple[Doc, str, Parsed | None]] = []
    for txt in sorted(folder.glob("*.txt")):
        text = read_utf8(txt, problems)
        ann_path = txt.with_suffix(".ann")
        ann = read_utf8(ann_path, problems) if ann_path.is_file() else ""
        if text is not None and ann is not None:
            found.append((Doc(txt.stem, text, {"id": file_id(txt.stem)}), ann, parse(ann)))
    if not found and not problems:
        raise DatasetError([Problem("", "no brat documents (*.txt) in this folder")], file=str(folder))
    usual = [(doc, parsed) for doc, _, parsed in found if parsed is not None]
    if not problems and len(usual) == len(found):
        ds = plain_corpus(usual, extra or {})
        if ds is not None:
            return Imported(ds)
    for doc, ann, parsed in found:
        reader = _AnnReader(doc, problems)
        if parsed is None or not _read_whole(reader, parsed):
            reader.read(ann)
    return from_docs([doc for doc, _, _ in found], extra, file=str(folder), problems=problems)


def read(path: Path) -> Dataset:
    """Read the brat folder at *path* as a dataset (repairs are warned about)."""
    return warn_repairs(read_imported(path))
