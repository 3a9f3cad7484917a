"""Hypothesis strategies for the annotation-tool round trips: datasets over scripts that shift offsets."""

from __future__ import annotations

from hypothesis import strategies as st

import mideastdata as md
from strategies import datasets

__all__ = ["SCRIPTS", "annotated_datasets"]

SCRIPTS = (
    "حماس ترفض",  # Arabic
    "ישראל דורשת",  # Hebrew
    "👍🏽 🇵🇸 🇮🇱",  # emoji: astral characters, a modifier, flags (two code points each)
    "e\u0301 a\u0308 \u05e9\u05c1",  # combining marks, not composed (NFC would change them)
    "𝔊𝔞𝔷𝔞",  # astral letters
    "\r\n",
    "plain words",
)


@st.composite
def _text(draw: st.DrawFn) -> str:
    return "".join(draw(st.lists(st.sampled_from(SCRIPTS) | st.text(max_size=3), min_size=1, max_size=6))) + "."


@st.composite
def annotated_datasets(draw: st.DrawFn) -> md.Dataset:
    """A valid dataset whose sources mix Arabic, Hebrew, emoji and combining marks (and the base strategy's traps)."""
    ds = draw(datasets())
    texts = {s.id: draw(_text()) + s.text for s in ds.sources}
    shift = {s.id: len(texts[s.id]) - len(s.text) for s in ds.sources}

    def moved(ev: md.Evidence) -> md.Evidence:
        return md.Evidence(source=ev.source, start=ev.start + shift[ev.source], end=ev.end + shift[ev.source], quote=ev.quote)

    changes = {
        "sources": tuple(s.__class__(**{**{f: getattr(s, f) for f in ("id", "title", "publisher", "url", "published", "language")}, "text": texts[s.id]}) for s in ds.sources),
    }
    for name in ("actors", "statements", "demands", "events"):
        changes[name] = tuple(r.__class__(**{**_fields(r), "evidence": tuple(moved(e) for e in r.evidence)}) for r in ds.tables()[name])
    return ds.evolve(**changes)


def _fields(record: md.Record) -> dict[str, object]:
    import attrs

    return {f.name: getattr(record, f.name) for f in attrs.fields(type(record))}
