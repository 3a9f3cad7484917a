"""Plain values and CSV tables read through the msgspec mirrors give what the engine gives.

:func:`mideastdata.io._jsonload.load_values` and :func:`~mideastdata.io._jsonload.build_mirrored`
check plain values against the mirrors of the record classes (``msgspec.convert``) and build
the records with the mirror builders; :func:`mideastdata.io._cells.mirrored_table` reads a large
CSV table that way, a slice of rows at a time. Each either declines (``None``) or gives the
engine's result; these tests also show that each is taken where it should be, and that without
msgspec the formats read as before.
"""

from __future__ import annotations

import copy
import json
import shutil
import sys
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import mideastdata as md
from mideastdata import _schema
from mideastdata.io import _cells, _jsonload, _text
from mideastdata.io import csv as csv_format
from mideastdata.io._document import build_document
from mideastdata.limits import DEFAULT_LIMITS
from strategies import datasets

pytest.importorskip("msgspec")


def _doc(ds: md.Dataset) -> dict[str, Any]:
    parsed: dict[str, Any] = json.loads(md.to_json(ds))
    return parsed


def _engine(doc: dict[str, Any]) -> md.Dataset | tuple[md.Problem, ...]:
    try:
        return build_document(copy.deepcopy(doc))
    except md.DatasetError as exc:
        return exc.problems


# --------------------------------------------------------------------------- load_values, build_mirrored


@settings(max_examples=60, deadline=None)
@given(ds=datasets())
def test_load_values_gives_the_dataset(ds: md.Dataset) -> None:
    """Every valid dataset's plain values load through the mirrors, equal to the engine's dataset."""
    doc = _doc(ds)
    found = _jsonload.load_values(doc, DEFAULT_LIMITS, None)
    assert found == ds == _engine(doc)
    assert found is not None
    assert md.to_json(found) == md.to_json(ds)


def test_load_values_fills_the_defaults_of_keys_left_out(small: md.Dataset) -> None:
    """A key whose field has a default may be left out, as in a document."""
    doc = _doc(small)
    for row in doc["actors"]:
        for key in ("roles", "member_of", "anonymous", "identifiers", "wikidata"):
            row.pop(key, None)
    assert _jsonload.load_values(doc, DEFAULT_LIMITS, None) == small


REFUSED = [
    ("int-for-text", ("statements", 0, "summary"), 5),
    ("str-for-int", ("statements", 0, "evidence"), [{"source": "src", "start": "0", "end": 5, "quote": "Hamas"}]),
    ("bool-for-int", ("statements", 0, "evidence"), [{"source": "src", "start": False, "end": 5, "quote": "Hamas"}]),
    ("float-for-int", ("statements", 0, "evidence"), [{"source": "src", "start": 0.0, "end": 5, "quote": "Hamas"}]),
    ("unknown-enum", ("statements", 0, "kind"), "shout"),
    ("null-for-required", ("statements", 0, "speaker"), None),
    ("bad-date", ("statements", 0, "date"), "2025-13"),
    ("bad-slug", ("statements", 0, "id"), "Not A Slug"),
    ("unknown-key", ("statements", 0, "loudness"), 3),
    ("end-before-start", ("statements", 0, "evidence"), [{"source": "src", "start": 9, "end": 5, "quote": "x"}]),
    ("text-for-list", ("statements", 0, "topics"), "hostages"),
]


@pytest.mark.parametrize(("where", "value"), [c[1:] for c in REFUSED], ids=[c[0] for c in REFUSED])
def test_load_values_declines_what_a_rule_refuses(small: md.Dataset, where: tuple[str, int, str], value: Any) -> None:
    """A value the engine refuses makes the mirrors decline, so the caller gets the engine's problems."""
    doc = _doc(small)
    table, row, key = where
    doc[table][row][key] = value
    assert not isinstance(_engine(doc), md.Dataset)
    assert _jsonload.load_values(doc, DEFAULT_LIMITS, None) is None


def test_load_values_declines_without_the_required_metadata(small: md.Dataset) -> None:
    doc = _doc(small)
    del doc["version"]
    assert _jsonload.load_values(doc, DEFAULT_LIMITS, None) is None
    assert _jsonload.load_values([doc], DEFAULT_LIMITS, None) is None


def test_load_values_reports_what_only_the_whole_dataset_shows(small: md.Dataset) -> None:
    """Records that are each fine but do not fit together give the dataset's problems, as from_json does."""
    doc = _doc(small)
    doc["statements"][0]["speaker"] = "nobody"
    with pytest.raises(md.DatasetError) as found:
        _jsonload.load_values(doc, DEFAULT_LIMITS, "x.json")
    with pytest.raises(md.DatasetError) as expected:
        md.from_json(json.dumps(doc))
    assert found.value.problems == expected.value.problems


def test_load_values_counts_records_against_the_limit(small: md.Dataset) -> None:
    with pytest.raises(md.DatasetError, match="more than the limit of 3"):
        _jsonload.load_values(_doc(small), md.Limits(max_records=3), None)


def test_build_mirrored_takes_dicts_and_rows(small: md.Dataset) -> None:
    """Plain records as dicts, or as rows of every field in schema order, become the records."""
    rows = _doc(small)["statements"]
    assert _jsonload.build_mirrored(rows, md.Statement) == tuple(small.statements)
    names = [f.name for f in attrs.fields(md.Statement)]
    positional = [tuple(row[n] for n in names) for row in rows]
    assert _jsonload.build_mirrored(positional, md.Statement, positional=True) == tuple(small.statements)
    assert _jsonload.build_mirrored([positional[0][:-1]], md.Statement, positional=True) is None  # a field short
    assert _jsonload.build_mirrored([{**rows[0], "kind": "shout"}], md.Statement) is None


def test_decode_cells_parses_json_cells_into_mirrors() -> None:
    stances = next(s for s in _schema.fields(md.Statement) if s.name == "stances")
    values = _jsonload.decode_cells(['[{"topic":"t","position":"supports"}]', "[]"], stances)
    assert values is not None
    assert [len(v) for v in values] == [1, 0]
    assert values[0][0].position is md.Position.SUPPORTS
    assert _jsonload.decode_cells(['[{"topic":"t","topic":"u","position":"supports"}]'], stances) is None  # twice
    assert _jsonload.decode_cells(['[{"topic":"t","position":"loves"}]'], stances) is None
    assert _jsonload.decode_cells(["[]", " "], stances) is None  # a blank cell is no value
    assert _jsonload.decode_cells([], stances) == []


# --------------------------------------------------------------------------- CSV tables


@pytest.fixture
def spy(monkeypatch: pytest.MonkeyPatch) -> dict[str, bool]:
    """Which tables md.load read through the mirrors (ACCELERATE_FROM set to 0: every table may)."""
    monkeypatch.setattr(_text, "ACCELERATE_FROM", 0)
    taken: dict[str, bool] = {}
    real = _cells.mirrored_table

    def mirrored(text: str, kind: type[Any], *, excel_safe: bool) -> tuple[Any, ...] | None:
        found = real(text, kind, excel_safe=excel_safe)
        taken[kind.__name__] = found is not None
        return found

    monkeypatch.setattr(csv_format, "mirrored_table", mirrored)
    return taken


@pytest.mark.parametrize("how", ["csv", "csv-excel-safe", "datapackage"])
def test_csv_tables_are_read_through_the_mirrors(small: md.Dataset, tmp_path: Path, spy: dict[str, bool], how: str) -> None:
    if how == "datapackage":
        folder = md.dump(small, tmp_path / "out", format="datapackage")
        assert md.load(folder, format="datapackage") == small
    else:
        folder = md.dump(small, tmp_path / "out", format="csv", excel_safe=how == "csv-excel-safe")
        assert md.load(folder, format="csv") == small
    # The topics' descriptions are empty texts, written as quoted empty cells, which the C reader
    # cannot tell from an unquoted empty one (None): that table is left to the tokenizer.
    assert '""\r\n' in (folder / "topics.csv").read_bytes().decode("utf-8")
    assert spy == {"Source": True, "Actor": True, "Topic": False, "Statement": True, "Demand": True, "Event": True}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ds=datasets(), excel_safe=st.booleans())
def test_any_dataset_reads_back_through_the_mirrors(
    tmp_path: Path, spy: dict[str, bool], ds: md.Dataset, excel_safe: bool
) -> None:
    folder = tmp_path / "out"
    shutil.rmtree(folder, ignore_errors=True)
    md.dump(ds, folder, format="csv", excel_safe=excel_safe)
    spy.clear()
    assert md.load(folder, format="csv") == ds
    for name, table in (("Statement", ds.statements), ("Event", ds.events)):
        text = (folder / f"{'statements' if name == 'Statement' else 'events'}.csv").read_text(encoding="utf-8")
        expected = '""' not in text.replace('""""', "") or not table
        if "\\u" not in text and expected and ',"",' not in text:
            assert spy[name], name


DECLINED = [
    ("short-row", lambda t: t.replace("\r\n", ",x\r\n", 2).replace(",x\r\n", "\r\n", 1)),
    ("unknown-column", lambda t: t.replace(",same_as\r\n", ",same_as_not\r\n", 1)),
    ("quoted-empty-cell", lambda t: t.replace(",hamas,", ',"",', 1)),
    ("surrogate-escape", lambda t: t.replace('""hamas-disarmament""', '""\\ud800""', 1)),
    ("empty-json-cell", lambda t: t.replace(",[],", ",,", 1)),
    ("bad-enum", lambda t: t.replace(",position,", ",shout,", 1)),
    ("unclosed-quote", lambda t: t + '"'),
]


@pytest.mark.parametrize("edit", [c[1] for c in DECLINED], ids=[c[0] for c in DECLINED])
def test_a_table_the_mirrors_cannot_vouch_for_is_read_the_detailed_way(
    small: md.Dataset, tmp_path: Path, spy: dict[str, bool], edit: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The quick way declines; the detailed way gives its outcome, the same as without msgspec."""
    folder = md.dump(small, tmp_path / "out", format="csv")
    path = folder / "statements.csv"
    original = path.read_bytes().decode("utf-8")
    changed = edit(original)
    assert changed != original
    path.write_text(changed, encoding="utf-8", newline="")
    with pytest.raises(md.DatasetError) as found:
        md.load(folder, format="csv")
    assert spy["Statement"] is False
    assert spy["Source"] is True
    monkeypatch.setattr(csv_format, "mirrored_table", lambda *_args, **_kwargs: None)  # the detailed way alone
    with pytest.raises(md.DatasetError) as detailed:
        md.load(folder, format="csv")
    assert found.value.problems == detailed.value.problems


def test_without_msgspec_csv_reads_the_detailed_way(
    small: md.Dataset, tmp_path: Path, spy: dict[str, bool], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without the fast extra the tables read as before, with the same dataset and the same problems."""
    folder = md.dump(small, tmp_path / "out", format="csv")
    broken = md.dump(small, tmp_path / "broken", format="csv")
    path = broken / "statements.csv"
    path.write_bytes(path.read_bytes().replace(b",position,", b",shout,", 1))
    with pytest.raises(md.DatasetError) as expected:
        md.load(broken, format="csv")
    monkeypatch.setitem(sys.modules, "msgspec", None)  # import msgspec now raises ImportError
    monkeypatch.setattr(_jsonload, "_made", {})
    spy.clear()
    assert md.load(folder, format="csv") == small
    assert not any(spy.values())
    with pytest.raises(md.DatasetError) as found:
        md.load(broken, format="csv")
    assert found.value.problems == expected.value.problems
    assert _jsonload.load_values(_doc(small), DEFAULT_LIMITS, None) is None
