# SPDX-License-Identifier: MIT
r"""Evidence on the terminal: one record with each span in its sentence, and the evidence lines of a listing.

The span is marked in colour on a terminal and with brackets when the output is piped
(or ``NO_COLOR`` is set). Control characters from the data (an escape sequence hidden in
a summary) are shown as ``\x1b``, never sent to the terminal. The words are those of the
page and the notebook views (:func:`mideastdata.view._words.describe`).
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from typing import Any, TextIO

from ..dataset import Dataset
from ..errors import did_you_mean
from ..model import Source, Topic
from ._words import Names, context, describe, line_of

__all__ = ["find_record", "render_evidence", "render_record", "use_colour"]

_MARK_ON = "\x1b[1;4;33m"  # bold, underlined, yellow
_MARK_OFF = "\x1b[0m"
_DIM = "\x1b[2m"
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def use_colour(out: TextIO) -> bool:
    """Colour when *out* is a terminal and ``NO_COLOR`` is unset (https://no-color.org), or ``FORCE_COLOR`` is set."""
    if os.environ.get("FORCE_COLOR"):
        return True
    if os.environ.get("NO_COLOR"):
        return False
    isatty = getattr(out, "isatty", None)
    return bool(isatty and isatty())


def clean(text: str) -> str:
    """*text* safe for a terminal: line breaks and tabs as spaces, other control characters spelt out."""
    text = text.replace("\r\n", " ").replace("\n", " ").replace("\t", " ")
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def find_record(ds: Dataset, ref: str) -> Any:
    """The record whose id is *ref* in any table, else the actor that *ref* names (name or alias).

    Raises:
        KeyError: nothing matches; the message names close ids.
    """
    for table in ds.tables().values():
        found = table.get(ref)
        if found is not None:
            return found
    try:
        return ds.actor(ref)
    except KeyError:
        pass
    ids = [r.id for table in ds.tables().values() for r in table]
    msg = f"no record with id {ref!r}{did_you_mean(ref, ids)}"
    raise KeyError(msg)


def _span_line(ds: Dataset, span: Any, colour: bool) -> str:
    source = ds.sources.get(span.source)
    if source is None:  # pragma: no cover - a checked dataset's spans all resolve
        return f"  {span.source} [{span.start}, {span.end}): {clean(span.quote)}"
    before, quote, after = context(source.text, span.start, span.end)
    where = f"L{line_of(source.text, span.start)}"
    if len(ds.sources) > 1:
        where = f"{source.id} {where}"
    marked = f"{_MARK_ON}{clean(quote)}{_MARK_OFF}" if colour else f"[{clean(quote)}]"
    return f"  {where:>4}  {clean(before)}{marked}{clean(after)}"


def render_evidence(ds: Dataset, record: Any, out: TextIO, *, colour: bool, indent: str = "") -> None:
    """Print each evidence span of *record* in its sentence, one line each, the span marked."""
    if isinstance(record, (Source, Topic)):
        return
    out.writelines(f"{indent}{_span_line(ds, span, colour)}\n" for span in ds.quote_spans(record))


def render_record(ds: Dataset, record: Any, out: TextIO, *, colour: bool) -> None:
    """Print one record: its table and id, who and what, its text, its fields, then its evidence in context."""
    d = describe(record, Names.of(ds))
    dim, off = (_DIM, _MARK_OFF) if colour else ("", "")
    out.write(f"{dim}{d.table[:-1]}{off} {d.id}\n{clean(d.head)}\n{clean(d.text)}\n\n")
    width = max((len(k) for k, _ in d.fields), default=0)
    out.writelines(f"  {dim}{k:<{width}}{off}  {clean(v)}\n" for k, v in d.fields)
    if isinstance(record, Source):
        lines: Sequence[str] = record.text.splitlines()
        out.write("\n")
        out.writelines(f"  {f'L{n}':>4}  {clean(line)}\n" for n, line in enumerate(lines, 1))
    elif not isinstance(record, Topic):
        out.write("\nEvidence\n")
        render_evidence(ds, record, out, colour=colour)
