# SPDX-License-Identifier: MIT
"""Sphinx helpers that render the documentation's data from the data itself.

Nothing on the codebook or data card pages that describes the bundled dataset is
typed by hand when it can be read from it:

``{records} ID [ID ...]``
    the records with these ids, as the JSON the library writes (an unknown id
    fails the build);
``{source-lines} N[-M]``
    lines of the bundled source text, verbatim, numbered as in the codebook;
``{src}`phrase```
    an inline source phrase, checked to occur in the bundled source text;
``{dataset-counts}``
    the number of records per table;
``{tally} TABLE FIELD``
    how many records of TABLE take each value of FIELD (every enum member is
    listed, used or not);
``{table-of} TABLE``
    a table of the records of TABLE, with the columns given in ``:columns:``.

The API reference and the page structure have their own helpers in
:mod:`mideastdata_api`, which this extension sets up too.
"""

from __future__ import annotations

import enum
from collections import Counter
from typing import TYPE_CHECKING, Any

import attrs
from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

import mideastdata as md

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__all__ = ["setup"]

def bundled() -> md.Dataset:
    """The bundled dataset (loaded once per process by the library)."""
    return md.load()


def source_text() -> str:
    """The text of the bundled dataset's one source."""
    return bundled().sources[0].text


def find_record(ref: str) -> tuple[str, Any]:
    """Find a record by ``id`` or ``table:id``; return its table name and the record.

    Raises:
        KeyError: no record has this id, or several tables do.
    """
    ds = bundled()
    tables = ds.tables()
    if ":" in ref:
        table, _, rid = ref.partition(":")
        if table not in tables or rid not in tables[table]:
            raise KeyError(f"no record {ref!r} in the bundled dataset")
        return table, tables[table][rid]
    found = [(name, t[ref]) for name, t in tables.items() if ref in t]
    if not found:
        raise KeyError(f"no record with id {ref!r} in the bundled dataset")
    if len(found) > 1:
        raise KeyError(f"id {ref!r} is in several tables ({', '.join(n for n, _ in found)}); write table:id")
    return found[0]


def _table(header: list[str], rows: list[list[str]], widths: list[int] | None = None) -> nodes.table:
    """A docutils table with one header row; every cell holds plain text."""
    table = nodes.table(classes=["mideastdata-generated"])
    group = nodes.tgroup(cols=len(header))
    table += group
    for width in widths or [1] * len(header):
        group += nodes.colspec(colwidth=width)
    thead = nodes.thead()
    group += thead
    thead += _row(header)
    tbody = nodes.tbody()
    group += tbody
    for row in rows:
        tbody += _row(row)
    return table


def _row(cells: list[str]) -> nodes.row:
    row = nodes.row()
    for cell in cells:
        entry = nodes.entry()
        entry += nodes.paragraph(text=cell)
        row += entry
    return row


def _cell(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, tuple):
        return ", ".join(_cell(v) for v in value) if value else "—"
    if isinstance(value, enum.Enum):
        return str(value.value)
    if attrs.has(type(value)):
        return md.to_json(value).strip()
    return str(value)


class RecordsDirective(SphinxDirective):
    """Render records of the bundled dataset as the JSON the library writes."""

    required_arguments = 1
    optional_arguments = 100
    has_content = False

    def run(self) -> list[nodes.Node]:
        out: list[nodes.Node] = []
        for ref in self.arguments:
            try:
                table, record = find_record(ref)
            except KeyError as exc:
                raise self.error(str(exc.args[0])) from None
            text = md.to_json(record).rstrip("\n")
            block = nodes.literal_block(text, text, language="json")
            container = nodes.container(classes=["mideastdata-record"])
            caption = nodes.paragraph()
            caption += nodes.strong(text=f"{table}")
            caption += nodes.Text(" · ")
            caption += nodes.literal(text=record.id)
            container += caption
            container += block
            out.append(container)
        return out


def parse_line_range(spec: str, count: int) -> range:
    """``"5"`` → line 5, ``"6-7"`` → lines 6 and 7 (1-based, within *count* lines).

    Raises:
        ValueError: the spec is malformed or out of range.
    """
    first, _, last = spec.partition("-")
    start, end = int(first), int(last or first)
    if not 1 <= start <= end <= count:
        raise ValueError(f"line range {spec!r} is outside 1..{count}")
    return range(start, end + 1)


class SourceLinesDirective(SphinxDirective):
    """Quote lines of the bundled source text verbatim, numbered ``L1``, ``L2`` ..."""

    required_arguments = 1
    has_content = False

    def run(self) -> list[nodes.Node]:
        lines = source_text().splitlines()
        try:
            wanted = parse_line_range(self.arguments[0], len(lines))
        except ValueError as exc:
            raise self.error(str(exc)) from None
        quote = nodes.block_quote(classes=["mideastdata-source"])
        for n in wanted:
            para = nodes.paragraph()
            para += nodes.strong(text=f"L{n}  ")
            para += nodes.Text(lines[n - 1])
            quote += para
        return [quote]


def src_role(  # noqa: PLR0913, PLR0917 - the signature docutils gives every role
    name: str,
    rawtext: str,
    text: str,
    lineno: int,
    inliner: Any,
    options: dict[str, Any] | None = None,
    content: list[str] | None = None,
) -> tuple[list[nodes.Node], list[nodes.system_message]]:
    """``{src}`phrase``` — a phrase of the bundled source, checked to be in it verbatim."""
    del name, options, content
    phrase = nodes.unescape(text)
    if phrase not in source_text():
        msg = inliner.reporter.error(f"source phrase not found in the bundled source text: {phrase!r}", line=lineno)
        problem = inliner.problematic(rawtext, rawtext, msg)
        return [problem], [msg]
    return [nodes.inline(rawtext, f"\u201c{phrase}\u201d", classes=["mideastdata-src"])], []


class DatasetCountsDirective(SphinxDirective):
    """A table of the number of records per table of the bundled dataset."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        ds = bundled()
        rows = [[name, str(len(table))] for name, table in ds.tables().items()]
        evidenced = ("actors", "statements", "demands", "events")
        spans = sum(len(r.evidence) for name in evidenced for r in ds.tables()[name])
        rows.append(["evidence spans (actors, statements, demands, events)", str(spans)])
        return [_table(["table", "records"], rows, [3, 1])]


class TallyDirective(SphinxDirective):
    """How many records of a table take each value of a field (enum members all listed).

    The field may reach into a tuple of values: ``stances.position`` counts the
    positions of every stance of every statement.
    """

    required_arguments = 2
    has_content = False

    def run(self) -> list[nodes.Node]:
        table_name, path = self.arguments
        ds = bundled()
        if table_name not in ds.tables():
            raise self.error(f"unknown table {table_name!r}")
        try:
            field_type = _field_type(_record_class(table_name), path.split("."))
        except KeyError as exc:
            raise self.error(f"{table_name} has no field {path!r} ({exc.args[0]})") from None
        counts: Counter[str] = Counter()
        for record in ds.tables()[table_name]:
            counts.update(_cell(v) for v in _values(record, path.split(".")))
        order: list[str] = []
        if isinstance(field_type, type) and issubclass(field_type, enum.Enum):
            order = [str(m.value) for m in field_type]
        order += sorted(k for k in counts if k not in order)
        rows = [[value, str(counts[value])] for value in order]
        return [_table([path, f"{table_name} in the bundled data"], rows, [3, 1])]


def _field_type(cls: type, parts: list[str]) -> Any:
    """The type at the end of a dotted field path, through tuples of records."""
    import typing  # noqa: PLC0415

    hints = typing.get_type_hints(cls)
    if parts[0] not in hints:
        raise KeyError(parts[0])
    kind = hints[parts[0]]
    if len(parts) == 1:
        return kind
    (item,) = {a for a in typing.get_args(kind) if a is not Ellipsis}
    return _field_type(item, parts[1:])


def _values(record: Any, parts: list[str]) -> list[Any]:
    """Every value at a dotted field path, flattening tuples (``None`` counts as a value)."""
    value = getattr(record, parts[0])
    items = list(value) if isinstance(value, tuple) else [value]
    if len(parts) == 1:
        return items
    return [v for item in items for v in _values(item, parts[1:])]


def _record_class(table_name: str) -> type:
    return {
        "sources": md.Source,
        "actors": md.Actor,
        "topics": md.Topic,
        "statements": md.Statement,
        "demands": md.Demand,
        "events": md.Event,
    }[table_name]


class TableOfDirective(SphinxDirective):
    """A table of the records of one table of the bundled dataset, chosen columns only."""

    required_arguments = 1
    has_content = False
    option_spec = {"columns": directives.unchanged_required}  # noqa: RUF012 - docutils' API

    def run(self) -> list[nodes.Node]:
        table_name = self.arguments[0]
        ds = bundled()
        if table_name not in ds.tables():
            raise self.error(f"unknown table {table_name!r}")
        cls = _record_class(table_name)
        known = {f.name for f in attrs.fields(cls)}
        columns = [c.strip() for c in self.options.get("columns", "id").split(",")]
        unknown = [c for c in columns if c not in known]
        if unknown:
            raise self.error(f"{table_name} has no field(s) {', '.join(unknown)}")
        rows = [[_cell(getattr(r, c)) for c in columns] for r in ds.tables()[table_name]]
        return [_table(columns, rows)]


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the directives and the role, and the API helpers."""
    app.add_directive("records", RecordsDirective)
    app.add_directive("source-lines", SourceLinesDirective)
    app.add_directive("dataset-counts", DatasetCountsDirective)
    app.add_directive("tally", TallyDirective)
    app.add_directive("table-of", TableOfDirective)
    app.add_role("src", src_role)
    app.setup_extension("mideastdata_api")
    return {"version": md.__version__, "parallel_read_safe": True, "parallel_write_safe": True}
