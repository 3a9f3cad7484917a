# SPDX-License-Identifier: MIT
"""Compiled CSV row writers: one generated function per record class turns a record into its row.

The cell rules are those of :mod:`mideastdata.io.csv` (documented in docs/formats.md);
this module only makes them fast. Every choice is read from the field's
:class:`~mideastdata._schema.FieldSpec`: a slug or an enum value never needs quoting; a list
of slugs is JSON built by joining; any other list is its compact JSON as JSON Lines writes it
(:func:`mideastdata.io._fast_write.json_expression`); free text goes through :func:`quote`.
The generated source is kept on the function (``__source__``) for inspection.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import attrs

from .. import _schema
from .._codegen import compile_source
from ._fast_write import compact_writers, json_expression

__all__ = ["excel_safe_text", "is_json", "quote", "row_writer"]

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "'")


def quote(cell: str | None) -> str:
    """A cell as RFC 4180 text: ``None`` empty, ``""`` quoted, quoted when it holds ``,`` ``"`` CR or LF."""
    if cell is None:
        return ""
    if not cell:
        return '""'
    if '"' in cell or "," in cell or "\n" in cell or "\r" in cell:
        return '"' + cell.replace('"', '""') + '"'
    return cell


def excel_safe_text(cell: str | None) -> str | None:
    """*cell* with a ``'`` in front when it starts with a formula character or a ``'``."""
    if cell and cell.startswith(_FORMULA_START):
        return "'" + cell
    return cell


def is_json(spec: _schema.FieldSpec) -> bool:
    """Whether a field's CSV cell is JSON (a list, or a list of nested records)."""
    return spec.kind in ("texts", "records")


def _slug_list_cell(value: tuple[str, ...]) -> str:
    # JSON of slugs ([a-z0-9-] only), already CSV-quoted: "[""a"",""b""]"
    return '"[""' + '"",""'.join(value) + '""]"' if value else "[]"


_VALUE: dict[_schema.Kind, str] = {
    "enum": "{v}._value_",
    "bool": '("true" if {v} else "false")',
    "int": "str({v})",
    "date": "str({v})",
    "float": "repr({v})",
}
"""The cell of each kind of field whose text never needs quoting."""


def _expression(spec: _schema.FieldSpec, excel_safe: bool) -> str:
    v = f"r.{spec.name}"
    if spec.kind == "text":
        if spec.slug and not spec.optional:  # a slug needs no quoting
            return v
        if spec.meta.pattern in ("slug", "alpha3"):  # None, or [A-Za-z0-9-] only
            return f'({v} or "")'
        return f"_safe_quote({v})" if excel_safe else f"_quote({v})"
    if spec.kind in _VALUE:
        expr = _VALUE[spec.kind].format(v=v)
    elif spec.kind == "texts" and spec.slug:
        expr = f"_slug_list_cell({v})"
    else:  # a list: its compact JSON, quoted at once (a non-empty JSON array always holds '"')
        value = json_expression(attrs.evolve(spec, optional=False), v)
        expr = f"""('"' + ({value}).replace('"', '""') + '"' if {v} else "[]")"""
    return f'("" if {v} is None else {expr})' if spec.optional else expr


def row_writer(kind: type[Any], *, excel_safe: bool = False) -> Callable[[Any], str]:
    """The function that writes one record of *kind* as a CSV row (no line ending)."""
    env: dict[str, Any] = {
        **compact_writers(),
        "_quote": quote,
        "_safe_quote": lambda cell: quote(excel_safe_text(cell)),
        "_slug_list_cell": _slug_list_cell,
    }
    exprs = [_expression(spec, excel_safe) for spec in _schema.fields(kind)]
    source = "def row(r):\n    return ','.join((\n" + "".join(f"        {e},\n" for e in exprs) + "    ))\n"
    compile_source(source, f"<csv row writer for {kind.__name__}>", env)
    row: Callable[[Any], str] = env["row"]
    row.__source__ = source  # type: ignore[attr-defined]
    return row
