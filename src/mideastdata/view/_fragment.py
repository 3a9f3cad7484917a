# SPDX-License-Identifier: MIT
"""Static HTML fragments for notebooks (``_repr_html_``): no script, every text escaped.

A record shows its fields in words and each evidence span in its sentence, the span
marked; a table shows its first rows; a dataset its counts and first records. The words
are those of the page and the terminal (:func:`mideastdata.view._words.describe`).
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from typing import Any

from ..dataset import Dataset, Table
from ..model import Source, Topic
from ._scope import dataset_of
from ._words import Names, context, describe, direction, line_of, table_of

__all__ = ["notebook_html"]

TABLE_ROWS = 20
"""How many rows a table's notebook view shows."""

_STYLE = (
    "<style>.mdv{font:13px/1.45 system-ui,sans-serif;max-width:60em}.mdv dl{display:grid;"
    "grid-template-columns:max-content 1fr;gap:1px 10px;margin:4px 0}.mdv dt{color:#5b6475}.mdv dd{margin:0}"
    ".mdv mark{background:#ffd37a;color:inherit}.mdv .k{color:#5b6475;font-size:11px;text-transform:uppercase}"
    ".mdv .ln{color:#9aa1ae;font-size:11px;margin-inline-end:6px}.mdv table{border-collapse:collapse}"
    ".mdv td,.mdv th{border-bottom:1px solid #e3e6ec;padding:2px 6px;text-align:start;vertical-align:top}"
    "</style>"
)


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _evidence(record: Any, dataset: Dataset | None) -> str:
    items = []
    for span in record.evidence:
        source = dataset.sources.get(span.source) if dataset is not None else None
        if source is None:
            items.append(
                f'<li><mark dir="auto">{_e(span.quote)}</mark> <span class="k">{_e(span.source)} '
                f"[{span.start}, {span.end}), source text not at hand</span></li>"
            )
            continue
        before, quote, after = context(source.text, span.start, span.end)
        where = f"L{line_of(source.text, span.start)}"
        if dataset is not None and len(dataset.sources) > 1:
            where = f"{span.source} {where}"
        items.append(
            f'<li><span class="ln">{_e(where)}</span><span dir="{direction(source.language)}" '
            f'lang="{_e(source.language)}">{_e(before)}<mark>{_e(quote)}</mark>{_e(after)}</span></li>'
        )
    return f"<p class=\"k\">evidence</p><ol>{''.join(items)}</ol>" if items else ""


def _fields(pairs: Iterable[tuple[str, str]]) -> str:
    return "<dl>" + "".join(f'<dt>{_e(k)}</dt><dd dir="auto">{_e(v)}</dd>' for k, v in pairs) + "</dl>"


def record_html(record: Any, dataset: Dataset | None) -> str:
    """One record: its kind and id, head, main text, fields, and (for anchored records) evidence in context."""
    d = describe(record, Names.of(dataset))
    body = [
        f'<p class="k">{_e(d.table[:-1])} <code>{_e(d.id)}</code></p>',
        f'<strong>{_e(d.head)}</strong><p dir="auto">{_e(d.text)}</p>',
        _fields(d.fields),
    ]
    if isinstance(record, Source):
        lines = record.text.splitlines()
        shown = "".join(f'<li dir="auto">{_e(line)}</li>' for line in lines[:12])
        more = f'<p class="k">… {len(lines) - 12} more lines</p>' if len(lines) > 12 else ""
        body.append(f'<ol dir="{direction(record.language)}" lang="{_e(record.language)}">{shown}</ol>{more}')
    elif not isinstance(record, Topic):
        body.append(_evidence(record, dataset))
    return "".join(body)


def table_html(table: Table[Any], dataset: Dataset | None) -> str:
    """A table's first rows: id, head, text and its words in the source."""
    names = Names.of(dataset)
    rows = []
    for record in table[:TABLE_ROWS]:
        d = describe(record, names)
        words = "" if isinstance(record, (Source, Topic)) else " … ".join(e.quote for e in record.evidence)
        rows.append(
            f'<tr><td><code>{_e(d.id)}</code></td><td>{_e(d.head)}</td><td dir="auto">{_e(d.text)}</td>'
            f'<td dir="auto">{_e(words)}</td></tr>'
        )
    what = table_of(table[0]) if len(table) else "records"
    more = f'<p class="k">… and {len(table) - TABLE_ROWS} more</p>' if len(table) > TABLE_ROWS else ""
    return (
        f'<p class="k">{len(table)} {_e(what)}</p><table><tr><th>id</th><th>who, what</th><th>text</th>'
        f"<th>source words</th></tr>{''.join(rows)}</table>{more}"
    )


def dataset_html(ds: Dataset) -> str:
    """A dataset: name, version, licence, counts per table and the first records of each."""
    counts = "".join(f"<tr><td>{_e(name)}</td><td>{len(t)}</td></tr>" for name, t in ds.tables().items())
    names = Names.of(ds)
    first = []
    for name in ("statements", "demands", "events"):
        for record in ds.tables()[name][:3]:
            d = describe(record, names)
            first.append(f'<li><span class="k">{_e(name[:-1])}</span> {_e(d.head)}: {_e(d.text)}</li>')
    return (
        f"<strong>{_e(ds.name)} {_e(ds.version)}</strong>"
        + (f' <span class="k">{_e(ds.license)}</span>' if ds.license else "")
        + f"<table>{counts}</table><ul>{''.join(first)}</ul>"
        '<p class="k">md.to_html(ds) gives the whole view: every source with its evidence highlighted</p>'
    )


def notebook_html(obj: object) -> str:
    """*obj* (a dataset, table or record) as a static HTML fragment for a notebook cell."""
    if isinstance(obj, Dataset):
        inner = dataset_html(obj)
    elif isinstance(obj, Table):
        inner = table_html(obj, dataset_of(obj))
    else:
        inner = record_html(obj, dataset_of(obj))
    return f'<div class="mdv">{_STYLE}{inner}</div>'
