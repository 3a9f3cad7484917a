"""The CSV reader's quick ways give exactly what its strict ways give: datasets and problems.

A table is split by the C :mod:`csv` reader when its text is well-formed RFC 4180, else by
the strict tokenizer (which says where it is not); its JSON cells are parsed together by the
quick parser unless only the strict parser can vouch for them; its records are built by the
engine's positional builder, then, from the first refusal on, by the detailed one. The
reference here reads every table the strict way (tokenizer, strict cell parser): for every
folder, ``md.load`` gives the reference's outcome, the same Dataset or the same problems.
"""

from __future__ import annotations

import contextlib
import csv
import io
import shutil
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import mideastdata as md
from mideastdata.io import _cells, _text
from mideastdata.io import csv as csv_format
from mideastdata.io._csvrow import quote
from strategies import datasets
from test_fuzz_folders import EDITS, _edit
from test_hostile_folders import CSV_CASES, FILE_CASES, CsvCase, FileCase

Outcome = md.Dataset | tuple[md.Problem, ...]
TABLES = ("sources", "actors", "topics", "statements", "demands", "events")


@contextlib.contextmanager
def _strict_ways() -> Iterator[None]:
    """Read with the strict tokenizer and the strict cell parser only."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(csv_format, "split_rows", lambda text: (csv_format.parse_csv(text), False))
        mp.setattr(_cells, "has_escape", lambda _text: True)
        yield


def _public(folder: Path) -> Outcome:
    try:
        return md.load(folder, format="csv")
    except md.DatasetError as exc:
        return exc.problems


def _reference(folder: Path) -> Outcome:
    with _strict_ways():
        return _public(folder)


def _check_same(folder: Path) -> Outcome:
    """Assert md.load agrees with the strict reading of *folder*; return the outcome."""
    expected = _reference(folder)
    found = _public(folder)
    assert found == expected
    if isinstance(found, md.Dataset) and isinstance(expected, md.Dataset):
        assert md.to_json(found) == md.to_json(expected)
    return expected


@pytest.fixture(params=["json", "msgspec"])
def parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run the test with each JSON cell parser: the stdlib's (small tables) and msgspec's (large ones)."""
    if request.param == "msgspec":
        pytest.importorskip("msgspec")
        monkeypatch.setattr(_text, "ACCELERATE_FROM", 0)
    return str(request.param)


# --------------------------------------------------------------------------- splitting


POSSESSIVE = [False, True] if sys.version_info >= (3, 11) else [False]  # possessive quantifiers came in 3.11
CSV_TEXTS = st.lists(st.sampled_from([*'ab,"\r\n\x00 ', "\u2028", "\x85", '""', "\r\n"]), max_size=40).map("".join)


def _tokenizer_rows(text: str) -> list[list[str | None]] | None:
    try:
        return csv_format.parse_csv(text)
    except ValueError:
        return None


@settings(max_examples=3000, deadline=None)
@given(text=CSV_TEXTS, possessive=st.sampled_from(POSSESSIVE))
def test_text_patterns_are_what_the_tokenizer_accepts(text: str, possessive: bool) -> None:
    """Well-formed is what the reference tokenizer splits without an error; the second pattern also has no ``""`` cell."""
    well_formed, no_quoted_empty = _cells.text_patterns(possessive=possessive)
    rows = _tokenizer_rows(text)
    assert (well_formed.match(text) is not None) == (rows is not None)
    assert (no_quoted_empty.match(text) is not None) == (rows is not None and all("" not in row for row in rows))
    assert _cells.well_formed(text) == (rows is not None)


LINE_TEXTS = st.lists(st.sampled_from([*'ab,"\r\n\x0b\x0c\x1c\x1e\x85 ', "\u2028", "\u2029", '""', "\r\n"]), max_size=40).map(
    "".join
)


def _c_rows(lines: Iterable[str]) -> list[list[str]] | str:
    try:
        return list(csv.reader(lines, strict=True))
    except csv.Error as exc:
        return str(exc)


@settings(max_examples=3000, deadline=None)
@given(text=LINE_TEXTS, possessive=st.sampled_from(POSSESSIVE))
def test_lines_pattern_texts_split_alike_from_their_lines(text: str, possessive: bool) -> None:
    """A text of the lines pattern has no quoted empty cell, and its lines split as a StringIO's do."""
    _, no_quoted_empty = _cells.text_patterns(possessive=possessive)
    if _cells.lines_pattern(possessive=possessive).match(text) is None:
        outside = text if '"' not in text else "".join(text.split('"')[::2])  # (well-formed texts)
        assert no_quoted_empty.match(text) is None or any(c in outside for c in _cells._OTHER_BREAKS)
        return
    assert no_quoted_empty.match(text) is not None
    assert _c_rows(text.splitlines(keepends=True)) == _c_rows(io.StringIO(text, newline=""))


@settings(max_examples=2000, deadline=None)
@given(text=CSV_TEXTS)
def test_split_rows_is_the_tokenizer(text: str) -> None:
    """The fast split finds the reference tokenizer's cells (an empty line aside, which fits no header)."""
    expected = _tokenizer_rows(text)
    split = _cells.split_rows(text)
    if expected is None:
        assert split is None
        return
    assert split is not None
    rows, empty_is_none = split
    if empty_is_none:
        rows = [[None] if row == [] else [c or None for c in row] for row in rows]
    assert rows == expected


def test_split_rows_uses_the_c_reader_unless_a_quoted_empty_cell_may_be_there() -> None:
    """Text without a quoted empty cell is split by the C reader; one with ``""`` as a cell by the tokenizer."""
    assert _cells.split_rows('a,,"x,""y"""\r\n') == ([["a", "", 'x,"y"']], True)
    assert _cells.split_rows('a,"x,"",y"\r\n') == ([["a", 'x,",y']], True)
    assert _cells.split_rows('a,"",b\r\n') == ([["a", "", "b"]], False)
    assert _cells.split_rows('a,,b\r\n""\r\n') == ([["a", None, "b"], [""]], False)


def test_split_rows_past_the_c_readers_field_limit() -> None:
    """A cell longer than csv.field_size_limit() is split by the tokenizer, which has no such limit."""
    big = "x" * (csv.field_size_limit() + 1)
    assert _cells.split_rows(f"a,{big}\r\n") == ([["a", big]], False)


# --------------------------------------------------------------------------- valid folders


def _tricky(small: md.Dataset) -> md.Dataset:
    """The small dataset with empty strings, None, formulas, quotes, newlines and a leading ' in cells."""
    src = small.sources[0]
    sources = (
        attrs.evolve(src, publisher=None, url="", title="'=1+1"),
        md.Source(id="src-ar", title='"x", y', text='قالت حماس, "لا"\r\nשלום', publisher="@evil", language="ar"),
    )
    topics = (attrs.evolve(small.topics[0], description=""), *small.topics[1:])
    stmt = attrs.evolve(small.statements[0], quote="", attribution=md.Attribution.DIRECT, summary="'already quoted\n")
    return small.evolve(sources=sources, topics=topics, statements=(stmt,))


@pytest.mark.parametrize("excel_safe", [False, True])
@pytest.mark.parametrize("variant", ["small", "tricky"])
@pytest.mark.usefixtures("parser")
def test_fast_path_reads_valid_exports(small: md.Dataset, tmp_path: Path, variant: str, excel_safe: bool) -> None:
    """The fast path vouches for what the library writes and returns the dataset written."""
    ds = small if variant == "small" else _tricky(small)
    folder = md.dump(ds, tmp_path / "out", format="csv", excel_safe=excel_safe)
    assert _check_same(folder) == ds


def test_fast_path_reads_a_source_past_the_c_readers_field_limit(small: md.Dataset, tmp_path: Path) -> None:
    """A source text longer than csv.field_size_limit() loads by the fast path, equal to the dataset written."""
    src = small.sources[0]
    text = src.text + " " + "x" * csv.field_size_limit()
    ds = small.evolve(sources=(attrs.evolve(src, text=text, sha256=""),))
    folder = md.dump(ds, tmp_path / "out", format="csv")
    assert _check_same(folder) == ds


def test_fast_path_reads_tables_of_a_megabyte_and_more(small: md.Dataset, tmp_path: Path) -> None:
    """A table big enough for the accelerated JSON parser loads by the fast path, equal to the dataset written."""
    stmt = small.statements[0]
    ds = small.evolve(statements=tuple(attrs.evolve(stmt, id=f"stmt-{i}") for i in range(6_000)))
    folder = md.dump(ds, tmp_path / "out", format="csv")
    assert (folder / "statements.csv").stat().st_size >= 1 << 20
    assert _check_same(folder) == ds


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ds=datasets(), excel_safe=st.booleans())
@pytest.mark.usefixtures("parser")
def test_round_trip_agrees_with_the_reference(tmp_path: Path, ds: md.Dataset, excel_safe: bool) -> None:
    """Any valid dataset written as CSV reads back equal through md.load, and the fast path agrees."""
    folder = tmp_path / "out"
    shutil.rmtree(folder, ignore_errors=True)
    md.dump(ds, folder, format="csv", excel_safe=excel_safe)
    assert _check_same(folder) == ds


# --------------------------------------------------------------------------- broken folders


@pytest.mark.parametrize("case", CSV_CASES, ids=[c.id for c in CSV_CASES])
@pytest.mark.usefixtures("parser")
def test_hostile_csv_cases_fall_back(small: md.Dataset, tmp_path: Path, case: CsvCase) -> None:
    """On every hostile CSV case md.load reports the strict reading's problems."""
    folder = md.dump(small, tmp_path / "export", format="csv")
    case.apply(folder)
    assert not isinstance(_check_same(folder), md.Dataset)


@pytest.mark.parametrize("case", FILE_CASES, ids=[c.id for c in FILE_CASES])
@pytest.mark.usefixtures("parser")
def test_broken_files_agree(small: md.Dataset, tmp_path: Path, case: FileCase) -> None:
    """A missing, undecodable or broken file gives the reference reader's problems through md.load."""
    folder = md.dump(small, tmp_path / "export", format="csv")
    case.apply(folder, "csv")
    outcome = _check_same(folder)
    assert outcome == small if case.id == "bom" else not isinstance(outcome, md.Dataset)  # a BOM is read past


def _set_cell(folder: Path, table: str, row: int, column: str, cell: str) -> None:
    """Write *cell* (raw CSV text, already quoted as needed) into a table file."""
    path = folder / f"{table}.csv"
    lines = path.read_bytes().decode("utf-8").split("\r\n")
    header = lines[0].split(",")
    rows = list(csv.reader(lines[row + 1 : row + 2]))
    cells = [quote(c) if c else "" for c in rows[0]]
    cells[header.index(column)] = cell
    lines[row + 1] = ",".join(cells)
    path.write_text("\r\n".join(lines), encoding="utf-8", newline="")


EVIDENCE = '{""source"":""src"",""start"":0,""end"":5,""quote"":""Hamas""}'
JSON_CELLS = [
    ("spaced-key", f'"[{EVIDENCE.replace(":", " :", 1)}]"', True),
    ("duplicate-key", f'"[{{""source"":""x"",{EVIDENCE[1:]}]"', False),
    ("spaced-duplicate-key", f'"[{{""source"" : ""x"",{EVIDENCE[1:]}]"', False),
    ("surrogate-escape", '"[""\\ud800""]"', False),
    ("escaped-key", '"[' + EVIDENCE.replace("source", "sourc\\u0065", 1) + ']"', True),
    ("key-text-in-a-value", '"[{""source"":""src"",""start"":0,""end"":5,""quote"":""Hamas""}]"', True),
    ("float-offset", f'"[{EVIDENCE.replace(":0", ":0.0")}]"', False),
    ("line-break-between-tokens", f'"[\n{EVIDENCE}]"', True),
    ("two-values-on-two-lines", f'"[{EVIDENCE}]\n[{EVIDENCE}]"', False),
    ("value-after-blank-lines", f'"\n\n[{EVIDENCE}]"', True),
]


@pytest.mark.parametrize(("cell", "valid"), [c[1:] for c in JSON_CELLS], ids=[c[0] for c in JSON_CELLS])
@pytest.mark.usefixtures("parser")
def test_json_cells_the_fast_parser_may_misread(small: md.Dataset, tmp_path: Path, cell: str, valid: bool) -> None:
    """Spaced or escaped keys, keys given twice and surrogate escapes in a JSON cell give the reference outcome."""
    folder = md.dump(small, tmp_path / "export", format="csv")
    column = "aliases" if "ud800" in cell else "evidence"
    _set_cell(folder, "actors", 0, column, cell)
    outcome = _check_same(folder)
    assert isinstance(outcome, md.Dataset) == valid


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(table=st.sampled_from(TABLES), edits=EDITS)
@pytest.mark.usefixtures("parser")
def test_mutated_tables_agree(
    small: md.Dataset, tmp_path: Path, table: str, edits: list[tuple[float, str, str]]
) -> None:
    """A table file with characters dropped, inserted or replaced anywhere gives md.load the reference outcome."""
    folder = tmp_path / "export"
    shutil.rmtree(folder, ignore_errors=True)
    md.dump(small, folder, format="csv")
    path = folder / f"{table}.csv"
    path.write_text(
        _edit(path.read_text(encoding="utf-8"), edits), encoding="utf-8", errors="surrogatepass", newline=""
    )
    _check_same(folder)


def test_bench_io_times_the_read_phases() -> None:
    """The CSV benchmark runs at a tiny size with --phases and prints the phase table next to the pandas one."""
    import subprocess

    pytest.importorskip("pandas")
    root = Path(__file__).resolve().parent.parent
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.bench_io", "--statements", "300", "--repeat", "1", "--phases"],
        cwd=root,
        check=False,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert "| pandas read_csv + dtypes |" in done.stdout
