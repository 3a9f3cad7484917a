"""The evidence page in a real browser (headless Chromium): selection, citations, filters, safety, direction."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import mideastdata as md
from browser import LISTED_IDS, SELECTED_RUNS, chromium, merged_quotes, open_page, requests_made, trap_server
from mideastdata.view._words import Names, describe
from view_data import PWN, hostile_dataset, hostile_strings, nested_dataset, rtl_dataset

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "build" / "test-artifacts"
ANCHORED = ("actors", "statements", "demands", "events")


@pytest.fixture(scope="module")
def driver(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """One headless Chromium for the module, with a fresh profile."""
    with chromium(tmp_path_factory.mktemp("profile")) as found:
        yield found


@pytest.fixture(scope="module")
def bundled_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled dataset's page, written to disk."""
    path = tmp_path_factory.mktemp("pages") / "bundled.html"
    path.write_text(md.to_html(md.load()), encoding="utf-8")
    return path


def write(tmp_path: Path, ds: md.Dataset, name: str = "page.html") -> Path:
    path = tmp_path / name
    path.write_text(md.to_html(ds), encoding="utf-8")
    return path


def select(driver: Any, anchor: str) -> None:
    """Select a record by its anchor, as a link to it would."""
    shown = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "addEventListener('hashchange', () => done(document.querySelector('#detail .kind').textContent), {once: true});"
        "location.hash = arguments[0];",
        "#" + anchor,
    )
    assert shown.endswith(" " + anchor.rpartition("/")[2])


def shown_words(driver: Any) -> list[str]:
    """The selected record as the page shows it: heading, main text, then each field's label and words."""
    found: list[str] = driver.execute_script(
        "const d = document.getElementById('detail');"
        "return [d.querySelector('h2').textContent, d.querySelector('.main').textContent,"
        " ...[...d.querySelectorAll('dl > *')].map((e) => e.textContent)];"
    )
    return found


def expected_words(record: Any, names: Names) -> list[str]:
    """The same, as mideastdata.view._words.describe writes it in Python."""
    d = describe(record, names)
    return [d.head, d.text, *(part for field in d.fields for part in field)]


def records(ds: md.Dataset) -> list[Any]:
    return [r for name in ANCHORED for r in ds.tables()[name]]


def test_selecting_a_record_highlights_exactly_its_words(driver: Any, bundled_page: Path) -> None:
    """For every bundled record, the highlighted text is its evidence quotes, and the first is scrolled into view."""
    ds = md.load()
    text = ds.sources[0].text
    open_page(driver, bundled_page)
    names = Names.of(ds)
    for record in records(ds):
        select(driver, record.id)
        assert shown_words(driver) == expected_words(record, names), record.id
        expected = merged_quotes(text, [(e.start, e.end) for e in record.evidence])
        assert driver.execute_script(SELECTED_RUNS) == expected, record.id
        in_view = driver.execute_script(
            "const m = document.querySelector('#src-text mark.sel').getBoundingClientRect();"
            "const box = document.getElementById('middle').getBoundingClientRect();"
            "return m.top >= box.top && m.bottom <= box.bottom;"
        )
        assert in_view, record.id


def test_clicking_a_listed_record_selects_it(driver: Any, bundled_page: Path) -> None:
    """A click on a row of the list shows the record's fields and highlights its words."""
    from selenium.webdriver.common.by import By

    ds = md.load()
    stmt = ds.statements["stmt-hamas-armed-resistance"]
    open_page(driver, bundled_page)
    search = driver.find_element(By.ID, "f-text")
    search.send_keys("armed resistance")
    driver.find_element(By.CSS_SELECTOR, f'#list-inner .row[data-id="{stmt.id}"]').click()
    assert driver.find_element(By.CSS_SELECTOR, "#detail h2").text == "Hamas · position"
    assert driver.execute_script(SELECTED_RUNS) == [e.quote for e in stmt.evidence]
    assert driver.execute_script("return location.hash") == "#" + stmt.id
    quotes = [q.text for q in driver.find_elements(By.CSS_SELECTOR, "#detail .evidence button.quote")]
    assert quotes == [e.quote for e in stmt.evidence]


def test_an_anchor_opens_on_its_record(driver: Any, bundled_page: Path) -> None:
    """Opening page.html#ID shows that record selected."""
    demand = md.load().demands[0]
    open_page(driver, bundled_page, "#" + demand.id)
    assert driver.execute_script("return document.querySelector('#detail .kind').textContent") == f"demand {demand.id}"
    assert driver.execute_script(SELECTED_RUNS)


def test_selecting_highlighted_words_lists_every_record_citing_them(driver: Any, bundled_page: Path) -> None:
    """Each highlighted stretch lists exactly the records with a span covering it."""
    from selenium.webdriver.common.by import By

    ds = md.load()
    open_page(driver, bundled_page)
    marks = driver.find_elements(By.CSS_SELECTOR, "#src-text mark.ev")
    assert len(marks) > 40
    for i, mark in enumerate(marks):
        start, end = int(mark.get_attribute("data-o")), int(mark.get_attribute("data-e"))
        if i % 10 == 0:
            driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", mark)
            mark.click()
        else:
            driver.execute_script("arguments[0].click();", mark)
        listed = [b.get_attribute("data-id") for b in driver.find_elements(By.CSS_SELECTOR, "#cited button.rec")]
        expected = [r.id for r in records(ds) if any(e.start <= start and end <= e.end for e in r.evidence)]
        assert listed == expected, (start, end)
        assert driver.find_element(By.CSS_SELECTOR, "#cited blockquote").text.strip() == ds.sources[0].text[
            start:end
        ].strip()


def test_filters_by_table_actor_topic_and_words(driver: Any, bundled_page: Path) -> None:
    """Each filter lists exactly the records it names; they combine."""
    from selenium.webdriver.support.ui import Select

    ds = md.load()
    open_page(driver, bundled_page)

    def listed() -> list[str]:
        ids: list[str] = driver.execute_async_script(LISTED_IDS)
        return ids

    assert listed() == [r.id for r in records(ds)]
    Select(driver.find_element("id", "f-table")).select_by_visible_text("demands")
    assert listed() == ds.demands.ids()
    Select(driver.find_element("id", "f-table")).select_by_index(0)
    Select(driver.find_element("id", "f-actor")).select_by_visible_text("Hamas")
    involving = [
        *(a.id for a in ds.actors if a.id == "hamas" or "hamas" in a.member_of or any(r.of == "hamas" for r in a.roles)),
        *ds.statements.involving("hamas").ids(), *ds.demands.involving("hamas").ids(),
        *ds.events.involving("hamas").ids(),
    ]
    assert listed() == involving
    Select(driver.find_element("id", "f-actor")).select_by_index(0)
    Select(driver.find_element("id", "f-topic")).select_by_visible_text(ds.topics["hostages"].label)
    about = [
        *(s.id for s in ds.statements if "hostages" in s.topics or any(t.topic == "hostages" for t in s.stances)),
        *ds.demands.about("hostages").ids(), *ds.events.about("hostages").ids(),
    ]
    assert listed() == about
    Select(driver.find_element("id", "f-table")).select_by_visible_text("events")
    assert listed() == ds.events.about("hostages").ids()
    Select(driver.find_element("id", "f-table")).select_by_index(0)
    Select(driver.find_element("id", "f-topic")).select_by_index(0)
    driver.find_element("id", "f-text").send_keys("VERY good")
    names = Names.of(ds)
    matching = []
    for r in records(ds):
        d = describe(r, names)
        hay = "\n".join([d.id, d.head, d.text, *(v for _, v in d.fields), *(e.quote for e in r.evidence)]).lower()
        if "very" in hay and "good" in hay:
            matching.append(r.id)
    assert "stmt-witkoff-very-good-plan" in matching
    assert listed() == matching
    assert driver.find_element("id", "f-count").text.endswith(f"of {len(records(ds))} records")


def test_positions_matrix_cells_select_their_statement(driver: Any, bundled_page: Path) -> None:
    """The matrix flags each disagreement, and a cell selects its record with the record's words highlighted."""
    from selenium.webdriver.common.by import By

    ds = md.load()
    open_page(driver, bundled_page)
    driver.find_element(By.ID, "tab-positions").click()
    flagged = [e.text for e in driver.find_elements(By.CSS_SELECTOR, "#positions tr.disagree th.topic")]
    assert [f.split("\n")[0] for f in flagged] == [d.topic.label for d in ds.disagreements()]
    buttons = driver.find_elements(By.CSS_SELECTOR, "#positions button.pos")
    expected = sum(len(p.records) for t in ds.topics for p in ds.positions(t))
    assert len(buttons) == expected
    opposing = next(b for b in buttons if "opposes" in b.get_attribute("class"))
    record = records(ds)[int(opposing.get_attribute("data-i"))]
    opposing.click()
    assert driver.execute_script(SELECTED_RUNS) == merged_quotes(
        ds.sources[0].text, [(e.start, e.end) for e in record.evidence]
    )
    assert record.id in opposing.get_attribute("title")


def test_nested_and_overlapping_spans(driver: Any, tmp_path: Path) -> None:
    """Nested spans shade deeper; overlapping spans of one record highlight as one stretch; both are cited."""
    from selenium.webdriver.common.by import By

    ds = nested_dataset()
    open_page(driver, write(tmp_path, ds))
    marks = {m.text: m.get_attribute("class") for m in driver.find_elements(By.CSS_SELECTOR, "#src-text mark.ev")}
    assert "d2" in marks["EU"]
    assert "d3" in marks["arms sales"]
    select(driver, "stmt-ministers")
    assert driver.execute_script(SELECTED_RUNS) == ["banned arms sales to Israel, the ministers"]
    target = next(m for m in driver.find_elements(By.CSS_SELECTOR, "#src-text mark.ev") if m.text == "arms sales")
    target.click()
    listed = [b.get_attribute("data-id") for b in driver.find_elements(By.CSS_SELECTOR, "#cited button.rec")]
    assert listed == ["stmt-ministers", "evt-ban"]


def test_hostile_data_runs_nothing_and_loads_nothing(driver: Any, tmp_path: Path) -> None:
    """Markup, scripts and addresses in every field show as text; no script runs and no request is made."""
    from selenium.webdriver.common.by import By

    with trap_server() as (base, hits):
        ds = hostile_dataset(f"{base}/leak")
        path = write(tmp_path, ds)
        requests_made(driver)  # empty the log
        open_page(driver, path)
        names = Names.of(ds)
        for record in records(ds):
            select(driver, record.id)
            assert shown_words(driver) == expected_words(record, names), record.id
            for mark in driver.find_elements(By.CSS_SELECTOR, "#src-text mark.ev"):
                driver.execute_script("arguments[0].click();", mark)
        driver.find_element(By.ID, "src-pick").click()
        driver.execute_script("const s = document.getElementById('src-pick'); s.value = '1';"
                              "s.dispatchEvent(new Event('change'));")
        driver.find_element(By.ID, "tab-positions").click()
        for button in driver.find_elements(By.CSS_SELECTOR, "#positions button.pos"):
            button.click()
        driver.find_element(By.ID, "f-text").send_keys("<script>")
        assert driver.execute_script(f"return typeof {PWN}") == "undefined"
        assert driver.execute_script("return window.__violations") == []
        assert driver.execute_script("return performance.getEntriesByType('resource').length") == 0
        assert [u for u in requests_made(driver) if u != path.as_uri()] == []
        assert hits == []
        shown = driver.execute_script("return document.body.textContent")
        for text in hostile_strings(f"{base}/leak")[:11]:
            assert text in shown, text
        links = [a.get_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, "a")]
        assert not [h for h in links if h and not h.startswith(("http://127.0.0.1", path.as_uri()))]
        assert driver.title == ds.name + " 1.0.0"


def test_right_to_left_sources(driver: Any, tmp_path: Path) -> None:
    """Arabic and Hebrew sources run right to left; an Arabic line in an English source does too; text intact."""
    from selenium.webdriver.common.by import By

    ds = rtl_dataset()
    open_page(driver, write(tmp_path, ds))
    line_script = (
        "return [...document.querySelectorAll('#src-text .tx')].map((t) => {"
        "const r = t.getBoundingClientRect(); const range = document.createRange();"
        "range.setStart(t.firstChild.nodeType === 3 ? t.firstChild : t.firstChild.firstChild, 0);"
        "range.setEnd(range.startContainer, 1); const c = range.getBoundingClientRect();"
        "return [getComputedStyle(t).direction, t.textContent, c.left - r.left > r.right - c.right]; });"
    )
    for record_id, source in (("stmt-arabic", 0), ("dem-hebrew", 1), ("evt-mixed", 2)):
        select(driver, record_id)
        lines = driver.execute_script(line_script)
        text = ds.sources[source].text
        assert "".join(line[1] for line in lines) == text
        expected = ["rtl"] * len(lines) if source < 2 else ["ltr", "rtl", "ltr"]
        assert [line[0] for line in lines] == expected, record_id
        # the first character sits at the right-hand end of each right-to-left line
        assert [line[2] for line in lines] == [d == "rtl" for d in expected], record_id
        assert driver.find_element(By.ID, "src-text").get_attribute("lang") == ds.sources[source].language
        quotes = [e.quote for e in ds.tables()[
            {"stmt": "statements", "dem": "demands", "evt": "events"}[record_id.split("-")[0]]][record_id].evidence]
        assert driver.execute_script(SELECTED_RUNS) == quotes


def test_screenshot_of_the_bundled_page(driver: Any, bundled_page: Path) -> None:
    """A screenshot of the bundled page with a statement selected is saved as a test artefact."""
    open_page(driver, bundled_page, "#stmt-hamas-armed-resistance")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shot = ARTIFACTS / "view-bundled.png"
    assert driver.save_screenshot(str(shot))
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert (width, height) == tuple(driver.execute_script("return [innerWidth, innerHeight]"))
    assert len(data) > 50_000  # a page of text and highlights, not a blank one
