"""md.to_html and the notebook views: what the page holds, escaped, and the words it shows for each record."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import sys
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import mideastdata as md
from mideastdata.view import _page, _words
from view_data import hostile_dataset, hostile_strings, nested_dataset, rtl_dataset

DATA_RE = re.compile(r'<script type="application/json" id="md-data">(.*?)</script>', re.DOTALL)


def page_data(page: str) -> dict[str, Any]:
    """The JSON block of a page, decoded."""
    found = DATA_RE.search(page)
    assert found is not None
    data: dict[str, Any] = json.loads(found.group(1))
    return data


class Elements(HTMLParser):
    """Every start tag of a document, with its attributes, and the text of each script and style."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.raw: list[tuple[str, str]] = []
        self._open: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Note the tag and its attributes."""
        self.tags.append((tag, dict(attrs)))
        self._open = tag if tag in {"script", "style"} else None

    def handle_data(self, data: str) -> None:
        """Keep the text of a script or style element."""
        if self._open:
            self.raw.append((self._open, data))
            self._open = None


def parse(page: str) -> Elements:
    parser = Elements()
    parser.feed(page)
    parser.close()
    return parser


def spans_of(data: dict[str, Any], record_id: str) -> list[tuple[str, int, int]]:
    record = next(r for r in data["records"] if r[1] == record_id)
    flat = record[-1]
    return [(data["sources"][flat[k]][0], flat[k + 1], flat[k + 2]) for k in range(0, len(flat), 3)]


def test_page_holds_every_source_record_and_span() -> None:
    """The bundled page carries every source text whole and every record with each of its evidence spans."""
    ds = md.load()
    data = page_data(md.to_html(ds))
    assert [s[0] for s in data["sources"]] == ds.sources.ids()
    assert [s[7] for s in data["sources"]] == [s.text for s in ds.sources]
    expected = [r.id for name in ("actors", "statements", "demands", "events") for r in ds.tables()[name]]
    assert [r[1] for r in data["records"]] == expected
    for name in ("actors", "statements", "demands", "events"):
        for record in ds.tables()[name]:
            assert spans_of(data, record.id) == [(e.source, e.start, e.end) for e in record.evidence]


def test_page_is_self_contained_with_a_strict_policy() -> None:
    """One inline script and one inline style, both allowed by hash; no src, href or remote address anywhere."""
    page = md.to_html(md.load())
    doc = parse(page)
    scripts = [t for t in doc.tags if t[0] == "script"]
    assert [a.get("type") for _, a in scripts] == ["application/json", None]
    assert all("src" not in a for _, a in scripts)
    assert not [t for t in doc.tags if t[0] in {"link", "img", "iframe", "object", "embed", "base", "source"}]
    assert not [a for _, a in doc.tags if any(k.startswith("on") or k in {"src", "href", "style"} for k in a)]
    csp = next(a["content"] for t, a in doc.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    assert csp is not None
    assert "default-src 'none'" in csp
    assert "'unsafe-inline'" not in csp
    assert "'unsafe-eval'" not in csp
    code = {kind: text for kind, text in doc.raw if kind == "style" or not text.lstrip().startswith("{")}
    for kind, directive in (("script", "script-src"), ("style", "style-src")):
        digest = base64.b64encode(hashlib.sha256(code[kind].encode()).digest()).decode()
        assert f"{directive} 'sha256-{digest}'" in csp
    assert "http://" not in page.replace(page_data_text(page), "")
    assert "https://" not in page.replace(page_data_text(page), "")


def page_data_text(page: str) -> str:
    found = DATA_RE.search(page)
    assert found is not None
    return found.group(1)


def test_script_uses_no_html_parsing_or_eval() -> None:
    """The page's script builds the view from text only: no innerHTML, no eval, no string timers, no fetch."""
    script, _ = _page.page_assets()
    for banned in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "Function(",
                   'setTimeout("', 'setInterval("', "fetch(", "XMLHttpRequest", "import(", "srcdoc",
                   'setAttribute("on', "javascript:"):
        assert banned not in script, banned


def test_hostile_text_stays_inside_the_data_block() -> None:
    """Markup in every text field never reaches the page as markup: the only tags are the template's."""
    ds = hostile_dataset()
    page = md.to_html(ds)
    block = page_data_text(page)
    assert "<" not in block
    assert ">" not in block
    assert "&" not in block
    outside = page.replace(block, "")
    template = _page.page(_page.Scope(title="t"))
    assert sorted(t for t, _ in parse(outside).tags) == sorted(t for t, _ in parse(template).tags)
    strings = "\n".join(all_strings(page_data(page)))
    assert [t for t in hostile_strings("http://127.0.0.1:9/leak") if t not in strings] == []
    assert "javascript:" not in outside


def all_strings(value: Any) -> list[str]:
    """Every string inside a decoded JSON value."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [s for v in value for s in all_strings(v)]
    if isinstance(value, dict):
        return [s for v in value.values() for s in all_strings(v)]
    return []


def test_hostile_strings_round_trip_through_the_data_block() -> None:
    """The texts come back exactly when the block is decoded: escaping loses nothing."""
    ds = hostile_dataset()
    data = page_data(md.to_html(ds))
    stmt = next(r for r in data["records"] if r[1] == "stmt-hostile")
    assert stmt[5] == ds.statements["stmt-hostile"].summary
    assert data["sources"][0][7] == ds.sources[0].text
    assert data["title"] == ds.name + " 1.0.0"


@pytest.mark.parametrize(
    ("url", "linked"),
    [
        ("https://example.org/a", True),
        ("http://example.org/a", True),
        ("javascript:alert(1)", False),
        ("JaVaScRiPt:alert(1)", False),
        (" javascript:alert(1)", False),
        ("data:text/html,<script>", False),
        ("vbscript:x", False),
        ("//example.org", False),
        (" https://example.org", False),
        (None, False),
    ],
)
def test_only_web_addresses_become_links(url: str | None, linked: bool) -> None:
    """A source URL is a link only when it is http(s); anything else is shown as text."""
    assert (_page.safe_url(url) is not None) is linked


def test_hostile_source_url_is_not_linked() -> None:
    """The javascript: URL of a hostile source is passed as text, with no link target."""
    data = page_data(md.to_html(hostile_dataset()))
    assert data["sources"][0][5] is None
    assert data["sources"][0][6].startswith("javascript:")
    assert data["sources"][1][5] == "http://127.0.0.1:9/leak/page"


def test_records_in_words() -> None:
    """Fields come in words: kinds without underscores, actors and topics by name, codes with labels."""
    ds = md.load()
    d = _words.describe(ds.statements["stmt-hamas-armed-resistance"], _words.Names.of(ds))
    fields = dict(d.fields)
    assert d.head == "Hamas · position"
    assert fields["speaker"] == "Hamas"
    assert fields["CAMEO"] == f"1246 — {md.cameo_label('1246')}"
    assert "opposes Disarmament of Hamas (if: " in fields["stances"]
    event = _words.describe(ds.events[0], _words.Names.of(ds))
    assert dict(event.fields)["kind"] == "cooperation"
    hamas = _words.describe(ds.actors["hamas"], _words.Names.of(ds))
    assert dict(hamas.fields)["kind"] == "armed group"
    assert dict(hamas.fields)["CAMEO"].startswith("PSEREBHMS — ")


def test_demand_words_name_both_sides() -> None:
    """A demand reads who → of whom; an unsaid addressee says so."""
    ds = md.load()
    names = _words.Names.of(ds)
    for demand in ds.demands:
        d = _words.describe(demand, names)
        whom = ds.actors[demand.addressee].name if demand.addressee else "(addressee not said)"
        assert dict(d.fields)["by → of"] == f"{ds.actors[demand.by].name} → {whom}"


def test_positions_matrix_is_ds_positions() -> None:
    """Each matrix cell is what ds.positions says for that topic and actor; flagged topics are ds.disagreements()."""
    ds = md.load()
    data = page_data(md.to_html(ds))
    records = data["records"]
    cells = {
        (t, a, pos): {records[i][1] for i in recs}
        for t, a, entries in data["matrix"]["cells"]
        for pos, _conds, recs in entries
    }
    expected = {
        (p.topic.id, p.actor.id, p.position.value): {r.id for r in p.records}
        for topic in ds.topics
        for p in ds.positions(topic)
    }
    assert cells == expected
    assert cells
    assert data["matrix"]["disagree"] == [d.topic.id for d in ds.disagreements()]


def test_anchor_is_the_record_id() -> None:
    """Each record's anchor is its id; an id used in two tables is told apart by its table."""
    src = md.Source(id="s", title="t", text="Hamas said so.")
    actor = md.Actor(id="hamas", name="Hamas", kind=md.ActorKind.ARMED_GROUP, evidence=(src.evidence("Hamas"),))
    stmt = md.Statement(id="hamas", speaker="hamas", kind=md.StatementKind.CLAIM, summary="s",
                        attribution=md.Attribution.PARAPHRASE, evidence=(src.evidence("said so"),))
    ds = md.Dataset(name="d", version="1.0.0", sources=(src,), actors=(actor,), statements=(stmt,))
    assert [r[2] for r in page_data(md.to_html(ds))["records"]] == ["actors/hamas", "statements/hamas"]
    assert {r[2] for r in page_data(md.to_html(md.load()))["records"]} == {0}  # 0: the anchor is the id


def test_right_to_left_sources_are_marked() -> None:
    """Arabic and Hebrew sources are rendered right to left; others decide per line."""
    data = page_data(md.to_html(rtl_dataset()))
    assert [(s[2], s[3]) for s in data["sources"]] == [("ar", "rtl"), ("he", "rtl"), ("en", "auto")]
    assert _words.direction("he-IL") == "rtl"
    assert _words.direction("EN") == "auto"


def test_a_table_and_a_record_have_pages_of_their_own() -> None:
    """to_html of a table lists its records and their sources; of a record, it alone, selected on opening."""
    ds = md.load()
    data = page_data(md.to_html(ds.statements.by("hamas")))
    assert [r[1] for r in data["records"]] == ds.statements.by("hamas").ids()
    assert [s[0] for s in data["sources"]] == ds.sources.ids()
    one = page_data(md.to_html(ds.demands[0]))
    assert [r[1] for r in one["records"]] == [ds.demands[0].id]
    assert one["select"] == ds.demands[0].id
    topics = page_data(md.to_html(ds.topics))
    assert topics["matrixTopics"] == ds.topics.ids()
    source = page_data(md.to_html(ds.sources[0]))
    assert len(source["records"]) == sum(len(ds.tables()[n]) for n in ("actors", "statements", "demands", "events"))


def test_a_record_without_its_dataset_shows_its_quotes() -> None:
    """A free-standing record's page and notebook view show its quotes, marked, without the source text."""
    src = md.Source(id="s", title="t", text="Hamas said <b>no</b>.")
    stmt = md.Statement(id="stmt-x", speaker="hamas", kind=md.StatementKind.CLAIM, summary="<b>bold</b>",
                        attribution=md.Attribution.PARAPHRASE, evidence=(src.evidence("<b>no</b>"),))
    data = page_data(md.to_html(stmt))
    assert data["sources"] == []
    assert data["records"][0][-1] == [-1, "<b>no</b>", 0]
    fragment = stmt._repr_html_()
    assert '<mark dir="auto">&lt;b&gt;no&lt;/b&gt;</mark>' in fragment
    assert "<b>" not in fragment


def test_to_html_refuses_what_is_not_a_record() -> None:
    """Anything but a dataset, table or record is a TypeError."""
    with pytest.raises(TypeError, match="not a record: int"):
        md.to_html(3)  # type: ignore[arg-type]


def test_notebook_view_of_a_record_shows_its_sentence() -> None:
    """A bundled record's _repr_html_ marks each span inside its sentence, with the codebook's line number."""
    ds = md.load()
    stmt = ds.statements["stmt-hamas-armed-resistance"]
    fragment = stmt._repr_html_()
    text = ds.sources[0].text
    for span in stmt.evidence:
        before, quote, after = _words.context(text, span.start, span.end)
        assert f"{before}<mark>{quote}</mark>{after}".replace('"', "&quot;") in fragment
    assert '<span class="ln">L5</span>' in fragment
    assert "<script" not in fragment


def test_notebook_views_escape_hostile_text() -> None:
    """Dataset, table and record views carry hostile text as text: no tag of theirs comes from the data."""
    ds = hostile_dataset()
    allowed = {"div", "style", "p", "strong", "code", "dl", "dt", "dd", "ol", "ul", "li", "span", "mark", "table",
               "tr", "td", "th"}
    for obj in (ds, ds.statements, ds.sources, ds.statements[0], ds.demands[0], ds.sources[0], ds.topics[0],
                ds.actors[0], ds.events[0]):
        fragment = obj._repr_html_()
        tags = {t for t, _ in parse(fragment).tags}
        assert tags <= allowed, (obj, tags - allowed)
        assert not [a for _, a in parse(fragment).tags if any(k.startswith("on") or k in {"src", "href"} for k in a)]


def test_notebook_view_of_a_dataset_and_table() -> None:
    """A dataset's view counts its tables; a table's view lists its first rows and says how many more."""
    ds = md.load()
    view = ds._repr_html_()
    for name, table in ds.tables().items():
        assert f"<td>{name}</td><td>{len(table)}</td>" in view
    rows = ds.events._repr_html_()
    assert rows.count("<tr>") == min(len(ds.events), 20) + 1
    assert f"{len(ds.events)} events" in rows


def test_record_view_prefers_the_dataset_holding_it() -> None:
    """A record equal to one of two datasets' records finds its sentence in the one that holds it."""
    ds = nested_dataset()
    event = ds.events[0]
    assert "<mark>The EU banned arms sales to Israel</mark>" in event._repr_html_()


@given(st.text(min_size=1, max_size=80), st.data())
def test_context_holds_the_span(text: str, data: st.DataObject) -> None:
    """The context around any span holds the span itself, and its sides come from the text next to it."""
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    before, span, after = _words.context(text, start, end, reach=20)
    assert span == text[start:end]
    assert text[:start].endswith(before.removeprefix("…"))
    assert text[end:].startswith(after.removesuffix("…"))


@given(st.text(max_size=60), st.data())
def test_line_of_counts_as_splitlines(text: str, data: st.DataObject) -> None:
    """line_of numbers lines as str.splitlines does, so L5 is the codebook's L5."""
    offset = data.draw(st.integers(0, len(text)))
    line = _words.line_of(text, offset)
    lines = (text + "x").splitlines(keepends=True)
    assert sum(len(x) for x in lines[: line - 1]) <= offset
    assert offset < sum(len(x) for x in lines[:line]) or line == len(lines)


def test_line_numbers_match_the_codebook() -> None:
    """The bundled statement on Hamas' armed resistance sits on L5, as the codebook shows it."""
    ds = md.load()
    text = ds.sources[0].text
    stmt = ds.statements["stmt-hamas-armed-resistance"]
    assert {_words.line_of(text, e.start) for e in stmt.evidence} == {5}
    assert text.splitlines()[4].startswith("At the same time, Hamas")


def test_docs_show_a_screenshot_of_the_page() -> None:
    """docs/viewing.md shows docs/viewing.png, a real screenshot (a PNG of a browser window's size)."""
    root = Path(__file__).resolve().parent.parent
    assert "](viewing.png)" in (root / "docs" / "viewing.md").read_text(encoding="utf-8")
    data = (root / "docs" / "viewing.png").read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert width >= 1000
    assert height >= 600
    assert len(data) > 100_000


def test_page_data_is_the_same_without_msgspec(monkeypatch: pytest.MonkeyPatch) -> None:
    """The page's data reads the same whether msgspec (the fast extra) or the standard library writes it."""
    ds = hostile_dataset()
    fast = page_data(md.to_html(ds))
    monkeypatch.setitem(sys.modules, "msgspec", None)  # import msgspec now raises ImportError
    slow_page = md.to_html(ds)
    assert page_data(slow_page) == fast
    assert "<" not in page_data_text(slow_page)
