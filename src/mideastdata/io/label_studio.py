# SPDX-License-Identifier: MIT
"""Label Studio: a JSON list of tasks, one per source, with annotations (or predictions), read and written.

Each task's ``data`` holds the source: ``text``, ``source`` (its id), its metadata and
``sha256``; the first task also holds ``mideastdata``, what no task can carry (the
dataset's metadata and topics, the order of the records, records without evidence). Each
evidence span is a ``labels`` region (``from_name`` ``label``) whose label is the record's
kind; the record's fields are per-region results on its first region: ``choices`` for
closed choices (``statement_kind``, ``actor_anonymous``) and ``textarea`` for the rest,
``<label>_id`` on every region of the record so its regions group. References are
``relation`` results labelled with the field (``speaker``, ``by``...).

Label Studio counts offsets in UTF-16 code units (JavaScript strings): they are converted
to and from code points both ways, so a span after an emoji or another character outside
the Basic Multilingual Plane lands on the right characters. See docs/annotation.md.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from xml.sax.saxutils import quoteattr

from ..dataset import Dataset
from ..errors import DatasetError, Problem
from ._annotation.fields import LABELS, LINKS, specs
from ._annotation.marks import SOURCE_META, Doc, Link, Mark, to_docs
from ._annotation.reading import Imported, from_docs, warn_repairs
from ._annotation.text import Utf16

__all__ = ["labeling_config", "read", "read_imported", "to_tasks", "write"]

LABEL = "label"
"""The ``from_name`` of the span labels."""
TEXT = "text"
"""The ``to_name``: the Text object, ``$text`` of the task data."""

_COLOURS = {"Actor": "#4e79a7", "Statement": "#f28e2b", "Demand": "#e15759", "Event": "#59a14f"}


def _control(label: str, field: str) -> str:
    return f"{label.lower()}_{field}"


def labeling_config() -> str:
    """The Label Studio labeling config for mideastdata records, generated from the model."""
    lines = ["<View>", f'  <Labels name="{LABEL}" toName="{TEXT}">']
    lines += [f'    <Label value="{label}" background="{_COLOURS[label]}"/>' for label in LABELS]
    lines += ["  </Labels>", f'  <Text name="{TEXT}" value="$text"/>', "  <Relations>"]
    roles = dict.fromkeys(role for links in LINKS.values() for role in links)
    lines += [f'    <Relation value="{role}"/>' for role in roles]
    lines.append("  </Relations>")
    for label in LABELS:
        lines.append(f'  <View visibleWhen="region-selected" whenTagName="{LABEL}" whenLabelValue="{label}">')
        lines.append(f'    <Header value="{label}"/>')
        for spec in specs(label):
            name = _control(label, spec.name)
            if spec.kind == "enum":
                head = f'    <Choices name="{name}" toName="{TEXT}" perRegion="true"'
                lines.append(f'{head} choice="single" showInline="true">')
                lines += [f"      <Choice value={quoteattr(str(m.value))}/>" for m in spec.enum]
                lines.append("    </Choices>")
            elif spec.kind == "bool":
                lines.append(f'    <Choices name="{name}" toName="{TEXT}" perRegion="true" choice="multiple">')
                lines.append(f'      <Choice value="true" alias="true" hint="{spec.name}"/>')
                lines.append("    </Choices>")
            elif spec.kind not in {"evidence", "link", "links"}:
                placeholder = quoteattr(spec.name + (" (JSON)" if spec.kind == "json" else ""))
                lines.append(
                    f'    <TextArea name="{name}" toName="{TEXT}" perRegion="true" editable="true" '
                    f'maxSubmissions="1" placeholder={placeholder}/>'
                )
        lines.append("  </View>")
    lines.append("</View>")
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- writing


def _result(region: str, control: str, kind: str, value: dict[str, Any]) -> dict[str, Any]:
    return {"id": region, "from_name": control, "to_name": TEXT, "type": kind, "value": value}


def _regions(doc: Doc, mark: Mark, conv: Utf16) -> tuple[list[dict[str, Any]], list[str]]:
    results: list[dict[str, Any]] = []
    ids: list[str] = []
    kinds = {s.name: s.kind for s in specs(mark.label)}
    for n, (start, end) in enumerate(mark.spans):
        region = f"{mark.key}-{n}"
        ids.append(region)
        span = {"start": conv.units(start), "end": conv.units(end), "text": doc.text[start:end]}
        results.append(_result(region, LABEL, "labels", {**span, "labels": [mark.label]}))
        for name, value in mark.values.items():
            if n and name != "id":
                continue
            control = _control(mark.label, name)
            if kinds.get(name) == "enum":
                results.append(_result(region, control, "choices", {**span, "choices": [value]}))
            elif kinds.get(name) == "bool":
                if value:
                    results.append(_result(region, control, "choices", {**span, "choices": ["true"]}))
            else:
                results.append(_result(region, control, "textarea", {**span, "text": [str(value)]}))
    return results, ids


def to_tasks(ds: Dataset) -> list[dict[str, Any]]:
    """*ds* as Label Studio tasks (one per source), each with one annotation."""
    docs, extra = to_docs(ds)
    tasks = []
    for n, doc in enumerate(docs, 1):
        conv = Utf16(doc.text)
        result: list[dict[str, Any]] = []
        first_region: dict[str, str] = {}
        for mark in doc.marks:
            regions, ids = _regions(doc, mark, conv)
            result += regions
            first_region[mark.key] = ids[0]
        result += [
            {
                "from_id": first_region[link.head],
                "to_id": first_region[link.tail],
                "type": "relation",
                "direction": "right",
                "labels": [link.role],
            }
            for link in doc.links
        ]
        data: dict[str, Any] = {"text": doc.text, "source": doc.meta["id"]}
        data.update({k: v for k, v in doc.meta.items() if k != "id"})
        if n == 1:
            data["mideastdata"] = extra
        tasks.append({"id": n, "data": data, "annotations": [{"id": n, "result": result}]})
    return tasks


def write(ds: Dataset, path: Path) -> Path:
    """Write *ds* as a Label Studio task file (JSON) at *path*, atomically."""
    from ._atomic import atomic_write_bytes  # noqa: PLC0415

    text = json.dumps(to_tasks(ds), ensure_ascii=False, indent=1) + "\n"
    atomic_write_bytes(Path(path), text.encode("utf-8"))
    return Path(path)


# --------------------------------------------------------------------------- reading


def _chosen(task: dict[str, Any]) -> tuple[str, list[Any]]:
    """The annotation a task's records come from: its latest one not cancelled, else its last prediction."""
    kept = [a for a in task.get("annotations") or [] if isinstance(a, dict) and not a.get("was_cancelled")]
    if kept:
        latest = max(enumerate(kept), key=lambda p: (str(p[1].get("updated_at") or p[1].get("created_at") or ""), p[0]))
        return f"annotation {latest[1].get('id', latest[0])}", latest[1].get("result") or []
    predictions = [p for p in task.get("predictions") or [] if isinstance(p, dict)]
    if predictions:
        return f"prediction {predictions[-1].get('id', len(predictions) - 1)}", predictions[-1].get("result") or []
    return "no annotation", []


class _TaskReader:
    def __init__(self, doc: Doc, problems: list[Problem]) -> None:
        self.doc, self.problems = doc, problems
        self.conv = Utf16(doc.text)
        self.regions: dict[str, dict[str, Any]] = {}  # region id -> {label, span, values}

    def add(self, where: str, message: str) -> None:
        self.problems.append(Problem(f"{self.doc.name}: {where}", message))

    def _points(self, units: int) -> int | None:
        """Code points of a UTF-16 offset; inside a surrogate pair, the pair's start (for the text to repair)."""
        found = self.conv.points(units)
        return found if found is not None else self.conv.points(units - 1)

    def region(self, item: dict[str, Any]) -> None:
        rid, value, kind = str(item.get("id")), item.get("value") or {}, item.get("type")
        entry = self.regions.setdefault(rid, {"values": {}})
        if kind == "labels":
            labels, first, last = value.get("labels") or [], value.get("start"), value.get("end")
            units = (first, last)
            if len(labels) != 1 or not isinstance(first, int) or not isinstance(last, int):
                self.add(f"region {rid}", f"a span needs one label and integer offsets, got {labels!r} at {units}")
                return
            start, end = self._points(first), self._points(last)
            if (start is None or end is None) and not isinstance(value.get("text"), str):
                self.add(f"region {rid}", f"offsets {units[0]}-{units[1]} fall inside a character (a surrogate pair)")
                return
            span = (start if start is not None else -1, end if end is not None else -1)
            entry.update(label=labels[0], span=span, quote=value.get("text"), units=units)
            return
        control = str(item.get("from_name", ""))
        label, _, field = control.partition("_")
        if kind == "choices":
            choices = value.get("choices") or []
            entry["values"][field] = choices[0] if choices else None
        elif kind == "textarea":
            texts = value.get("text") or []
            entry["values"][field] = texts[0] if isinstance(texts, list) and texts else texts
        else:
            self.add(f"region {rid}", f"a {kind} result is not a text span, choice or text area; not read")
            return
        entry.setdefault("controls", {})[field] = label

    def marks(self) -> dict[str, str]:
        """Group the regions into marks (one per record id and label); return region id -> mark key."""
        grouped: dict[tuple[str, str], Mark] = {}
        owner: dict[str, str] = {}
        for rid, entry in self.regions.items():
            if "label" not in entry:
                if entry["values"]:
                    names = ", ".join("_".join(filter(None, (lab, fld))) for fld, lab in entry["controls"].items())
                    self.add(f"region {rid}", f"per-region values ({names}) without a labelled span")
                continue
            label = entry["label"]
            wrong = [f for f, c in entry.get("controls", {}).items() if c != label.lower()]
            if wrong:
                self.add(f"region {rid}", f"a {label} region holds values of other labels' controls: {wrong}")
            record = entry["values"].get("id") or f"region {rid}"
            mark = grouped.get((label, record))
            if mark is None:
                mark = grouped[(label, record)] = Mark(rid, label, [])
                self.doc.marks.append(mark)
            mark.spans.append(entry["span"])
            mark.quotes.append(entry.get("quote"))
            mark.shown.append(f"region {rid} at UTF-16 {entry['units'][0]}-{entry['units'][1]}")
            for field, value in entry["values"].items():
                if value is not None:
                    mark.values.setdefault(field, value)
            owner[rid] = mark.key
        return owner

    def relation(self, item: dict[str, Any], owner: dict[str, str]) -> None:
        labels = item.get("labels") or []
        head, tail = owner.get(str(item.get("from_id"))), owner.get(str(item.get("to_id")))
        where = f"relation {item.get('from_id')} -> {item.get('to_id')}"
        if len(labels) != 1 or head is None or tail is None:
            self.add(where, f"a relation needs one label and two labelled regions, got {labels!r}")
            return
        if item.get("direction") == "left":
            head, tail = tail, head
        self.doc.links.append(Link(where, labels[0], head, tail))


def _task_doc(n: int, task: dict[str, Any], data: dict[str, Any], problems: list[Problem]) -> Doc:
    meta = {k: data[k] for k in (*SOURCE_META, "sha256") if k in data}
    source_id = data.get("source") or f"task-{task.get('id', n + 1)}"
    which, result = _chosen(task)
    doc = Doc(f"task {task.get('id', n + 1)} ({which})", data["text"], {"id": source_id, **meta})
    reader = _TaskReader(doc, problems)
    relations = []
    for item in result:
        if isinstance(item, dict) and item.get("type") == "relation":
            relations.append(item)
        elif isinstance(item, dict):
            reader.region(item)
    owner = reader.marks()
    for item in relations:
        reader.relation(item, owner)
    return doc


def read_imported(path: Path) -> Imported:
    """Read a Label Studio task file (a JSON list of tasks, as Label Studio exports it), with repairs."""
    try:
        tasks = json.loads(Path(path).read_bytes().decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DatasetError([Problem("", f"not UTF-8 JSON: {exc}")], file=str(path)) from None
    if isinstance(tasks, dict):
        tasks = [tasks]
    if not isinstance(tasks, list):
        raise DatasetError([Problem("", "expected a list of tasks")], file=str(path))
    problems: list[Problem] = []
    docs: list[Doc] = []
    extra: dict[str, Any] | None = None
    for n, task in enumerate(tasks):
        data = task.get("data") if isinstance(task, dict) else None
        if not isinstance(data, dict) or not isinstance(data.get("text"), str):
            problems.append(Problem(f"tasks[{n}]", "no data.text"))
            continue
        if isinstance(data.get("mideastdata"), dict):
            extra = data["mideastdata"]
        docs.append(_task_doc(n, task, data, problems))
    return from_docs(docs, extra, file=str(path), problems=problems)


def read(path: Path) -> Dataset:
    """Read a Label Studio task file as a dataset (repairs are warned about)."""
    return warn_repairs(read_imported(path))
