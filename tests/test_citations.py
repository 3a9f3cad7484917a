"""Citations: plain text, BibTeX read back by pybtex, CSL-JSON rendered by citeproc-py; nothing invented."""

from __future__ import annotations

import json

import pytest

import mideastdata as md

WIRE = md.Source(
    id="wire-a", title="Truce {agreed} in Lunet: 100% & more", publisher="Fictional Wire A",
    url="https://example.org/a?x=1&y=2", published=md.PartialDate(year=2031, month=3, day=2),
    retrieved=md.PartialDate(year=2031, month=4, day=1), language="en",
    text="Ardenia and Borvia agreed a truce in Lunet.",
)


def test_plain_text_gives_what_the_source_records() -> None:
    """The plain citation names publisher, title, date, URL and retrieval date; an undated one says n.d."""
    (citation,) = md.cite(WIRE)
    assert citation.text == (
        "Fictional Wire A. Truce {agreed} in Lunet: 100% & more. 2031-03-02. "
        "https://example.org/a?x=1&y=2 (retrieved 2031-04-01)."
    )
    bare = md.Source(id="bare", title="A text", text="Some words.")
    assert md.cite(bare)[0].text == "A text. n.d."
    assert str(citation) == citation.text


def test_bibtex_reads_back_with_pybtex() -> None:
    """The pybtex library parses the entry and finds the title, organisation, dates and URL unchanged."""
    database = pytest.importorskip("pybtex.database")
    (citation,) = md.cite(WIRE)
    entry = database.parse_string(citation.bibtex, "bibtex").entries["wire-a"]
    assert entry.type == "online"
    assert entry.fields["title"] == r"{Truce \{agreed\} in Lunet: 100\% \& more}"
    assert entry.fields["organization"] == "Fictional Wire A"
    assert (entry.fields["date"], entry.fields["urldate"]) == ("2031-03-02", "2031-04-01")
    assert entry.fields["url"] == WIRE.url
    undated = database.parse_string(md.load().cite()[0].bibtex, "bibtex")
    assert set(next(iter(undated.entries.values())).fields) == {"title", "language"}


def test_csl_json_renders_with_citeproc() -> None:
    """citeproc-py reads the CSL-JSON item and renders a bibliography entry with its title and year."""
    citeproc = pytest.importorskip("citeproc")
    from citeproc.source.json import CiteProcJSON

    (citation,) = md.cite(WIRE)
    item = json.loads(citation.csl_json)
    assert item == citation.csl
    assert item["issued"] == {"date-parts": [[2031, 3, 2]]}
    assert item["accessed"] == {"date-parts": [[2031, 4, 1]]}
    style = citeproc.CitationStylesStyle("harvard-cite-them-right", validate=False)
    bibliography = citeproc.CitationStylesBibliography(style, CiteProcJSON([item]), citeproc.formatter.plain)
    bibliography.register(citeproc.Citation([citeproc.CitationItem("wire-a")]))
    (rendered,) = [str(entry) for entry in bibliography.bibliography()]
    assert "Truce {agreed} in Lunet" in rendered
    assert "2031" in rendered


def test_cite_a_record_gives_its_sources_and_a_dataset_every_source() -> None:
    """md.cite of a record cites the sources of its evidence (from the bundled data by default)."""
    ds = md.load()
    event = ds.events[0]
    assert [c.source.id for c in md.cite(event)] == list(event.sources)
    assert md.cite(event) == md.cite(event, ds)
    assert md.cite(ds) == ds.cite()
    assert [c.source for c in ds.cite()] == list(ds.sources)
    with pytest.raises(TypeError, match="cite"):
        md.cite("evt-x")  # type: ignore[arg-type]
