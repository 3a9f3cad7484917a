# SPDX-License-Identifier: MIT
"""Citations of sources: plain text, BibTeX (biblatex ``@online``) and CSL-JSON.

Built from what a :class:`~mideastdata.Source` records and nothing else: an unknown
publisher, date or URL is left out (a plain-text citation says ``n.d.`` for no date),
never filled in.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any

import attrs

from .model import PartialDate, Source

if TYPE_CHECKING:
    from .dataset import Dataset

__all__ = ["Citation", "cite_record"]

_BIBTEX_SPECIAL = re.compile(r"([\\{}%&#$_^~])")
_BIBTEX_ESCAPES = {"\\": r"\textbackslash{}", "^": r"\textasciicircum{}", "~": r"\textasciitilde{}"}


def _bibtex_escape(text: str) -> str:
    return _BIBTEX_SPECIAL.sub(lambda m: _BIBTEX_ESCAPES.get(m.group(1), "\\" + m.group(1)), " ".join(text.split()))


def _date_parts(date: PartialDate) -> dict[str, Any]:
    parts = [date.year] + [p for p in (date.month, date.day) if p is not None]
    return {"date-parts": [parts]}


@attrs.frozen(kw_only=True)
class Citation:
    """How to cite one source: :attr:`text`, :attr:`bibtex` and :attr:`csl` (CSL-JSON)."""

    source: Source

    @property
    def text(self) -> str:
        """The citation in plain text, from publisher, title, date (``n.d.`` when unknown), URL, retrieval date."""
        src = self.source
        parts = [src.publisher, " ".join(src.title.split()), str(src.published) if src.published else "n.d."]
        if src.url is not None:
            parts.append(src.url + (f" (retrieved {src.retrieved})" if src.retrieved else ""))
        elif src.retrieved is not None:
            parts.append(f"Retrieved {src.retrieved}")
        return ". ".join(p.rstrip(".") for p in parts if p) + "."

    @property
    def bibtex(self) -> str:
        """A biblatex ``@online`` entry keyed by the source id (``date`` and ``urldate`` in ISO 8601)."""
        src = self.source
        fields = [("title", f"{{{_bibtex_escape(src.title)}}}")]
        if src.publisher is not None:
            fields.append(("organization", _bibtex_escape(src.publisher)))
        if src.published is not None:
            fields.append(("date", str(src.published)))
        if src.url is not None:
            fields.append(("url", src.url.replace("}", "%7D").replace("{", "%7B")))
        if src.retrieved is not None:
            fields.append(("urldate", str(src.retrieved)))
        fields.append(("language", _bibtex_escape(src.language)))
        body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
        return f"@online{{{src.id},\n{body}\n}}\n"

    @property
    def csl(self) -> dict[str, Any]:
        """A CSL-JSON item (``type`` ``webpage`` with a URL, else ``document``)."""
        src = self.source
        item: dict[str, Any] = {"id": src.id, "type": "webpage" if src.url else "document", "title": src.title}
        if src.publisher is not None:
            item["publisher"] = src.publisher
        if src.published is not None:
            item["issued"] = _date_parts(src.published)
        if src.url is not None:
            item["URL"] = src.url
        if src.retrieved is not None:
            item["accessed"] = _date_parts(src.retrieved)
        item["language"] = src.language
        return item

    @property
    def csl_json(self) -> str:
        """:attr:`csl` as JSON text."""
        return json.dumps(self.csl, ensure_ascii=False, indent=2)

    def __str__(self) -> str:
        return self.text


def cite_record(record: Any, dataset: Dataset | None) -> tuple[Citation, ...]:
    """The citations behind *record*: a source's own, or those of the sources of a record's evidence.

    Raises:
        KeyError: a source of the record is not in *dataset*.
        TypeError: *record* is not a record with evidence or a source.
    """
    if isinstance(record, Source):
        return (Citation(source=record),)
    sources = getattr(record, "sources", None)
    if not isinstance(sources, tuple):
        msg = f"cite() takes a Dataset, a Source or a record with evidence, not {type(record).__name__}"
        raise TypeError(msg)
    if dataset is None:
        msg = "cite() of a record needs the dataset that holds its sources"
        raise TypeError(msg)
    return tuple(Citation(source=dataset.sources[sid]) for sid in sources)
