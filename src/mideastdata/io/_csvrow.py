# SPDX-License-Identifier: MIT
"""Compiled CSV row writers: one generated function per record class turns a record into its row.

The cell rules are those of :mod:`mideastdata.io.csv`; this module only makes them fast.
For each column it picks the cheapest expression the model allows: a slug or an enum
value never needs quoting; a list of slugs is JSON built by joining; free text goes
through :func:`quote`. The generated source is kept on the function (``__source__``)
for inspection.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, get_origin

from .._codegen import compile_source
from ..model import Evidence
from ._columns import Column, columns

__all__ = ["excel_safe_text", "quote", "row_writer"]

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


def _slug_list_cell(value: tuple[str, ...]) -> str:
    # JSON of slugs ([a-z0-9-] only), already CSV-quoted: "[""a"",""b""]"
    return '"[""' + '"",""'.join(value) + '""]"' if value else "[]"


def _json_cell(encode: Callable[[Any], str], is_list: bool) -> Callable[[Any], str]:
    if not is_list:
        return lambda value: quote(encode(value))

    def cell(value: tuple[Any, ...]) -> str:
        # A non-empty JSON array of records or strings always holds '"': quote it straight away.
        return '"' + encode(value).replace('"', '""') + '"' if value else "[]"

    return cell


def _expression(col: Column, i: int, env: dict[str, Any], excel_safe: bool) -> str:
    v = f"r.{col.name}"
    if col.kind == "str":
        if col.spec.slug and not col.optional:  # a slug needs no quoting
            return v
        if col.spec.meta.pattern in ("slug", "alpha3"):  # None, or [A-Za-z0-9-] only
            return f'({v} or "")'
        return f"_safe_quote({v})" if excel_safe else f"_quote({v})"
    if col.kind == "enum":
        expr = f"{v}._value_"
    elif col.kind == "bool":
        expr = f'("true" if {v} else "false")'
    elif col.kind in ("int", "date"):
        expr = f"str({v})"
    elif col.kind == "float":
        expr = f"repr({v})"
    elif col.spec.kind == "texts" and col.spec.slug:
        expr = f"_slug_list_cell({v})"
    else:
        is_list = get_origin(col.type) is tuple
        env[f"_cell{i}"] = _json_cell(col.encode, is_list)  # type: ignore[arg-type]
        expr = f"_cell{i}({v})"
    return f'("" if {v} is None else {expr})' if col.optional else expr


def row_writer(kind: type[Any], *, excel_safe: bool = False) -> Callable[[Any], str]:
    """The function that writes one record of *kind* as a CSV row (no line ending)."""
    env: dict[str, Any] = {
        "_quote": quote,
        "_safe_quote": lambda cell: quote(excel_safe_text(cell)),
        "_slug_list_cell": _slug_list_cell,
        "Evidence": Evidence,
    }
    exprs = [_expression(col, i, env, excel_safe) for i, col in enumerate(columns(kind))]
    source = "def row(r):\n    return ','.join((\n" + "".join(f"        {e},\n" for e in exprs) + "    ))\n"
    compile_source(source, f"<csv row writer for {kind.__name__}>", env)
    row: Callable[[Any], str] = env["row"]
    row.__source__ = source  # type: ignore[attr-defined]
    return row
