"""Text no format can hold (a lone surrogate, built in Python) is refused by every writer, at its path."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mideastdata as md
from conftest import small_records
from mideastdata.io import _encodable, _fast_write

FORMATS: tuple[md.Format, ...] = ("json", "jsonl", "csv", "datapackage", "parquet")

BROKEN = {  # path -> the text put there
    "citation": "cut \ud800 here",
    "actors[2].aliases[0]": "E\udfffU",
    "topics[1].label": "\udc00",
    "statements[0].summary": "Hamas rules out \ud83d disarming.",
}


def _broken(small: md.Dataset) -> md.Dataset:
    eu = attrs.evolve(small.actors[2], aliases=(BROKEN["actors[2].aliases[0]"],))
    label = attrs.evolve(small.topics[1], label=BROKEN["topics[1].label"])
    stmt = attrs.evolve(small.statements[0], summary=BROKEN["statements[0].summary"])
    return small.evolve(
        citation=BROKEN["citation"],
        actors=(*small.actors[:2], eu),
        topics=(small.topics[0], label, *small.topics[2:]),
        statements=(stmt,),
    )


def _reported(exc: pytest.ExceptionInfo[md.DatasetError]) -> set[tuple[str, str]]:
    return {(p.path, p.message) for p in exc.value.problems}


def _as_the_reader_reports(small: md.Dataset) -> set[tuple[str, str]]:
    """The problems the JSON reader reports for the same document (its surrogates written as escapes)."""
    doc = json.loads(md.to_json(small))
    doc["citation"] = BROKEN["citation"]
    doc["actors"][2]["aliases"] = [BROKEN["actors[2].aliases[0]"]]
    doc["topics"][1]["label"] = BROKEN["topics[1].label"]
    doc["statements"][0]["summary"] = BROKEN["statements[0].summary"]
    with pytest.raises(md.DatasetError) as exc:
        md.from_json(json.dumps(doc))  # ASCII, the surrogates as \\u escapes
    return _reported(exc)


def test_the_reader_and_the_writers_name_the_same_problems(small: md.Dataset) -> None:
    """What a writer refuses is what the reader would report for that document: same paths, same words."""
    expected = _as_the_reader_reports(small)
    assert {path for path, _ in expected} == set(BROKEN)
    assert _encodable.unencodable(_broken(small)) == sorted(
        (md.Problem(path, message) for path, message in expected), key=lambda p: list(BROKEN).index(p.path)
    )


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_refuses_a_lone_surrogate_and_writes_nothing(
    tmp_path: Path, small: md.Dataset, fmt: md.Format
) -> None:
    if fmt == "parquet":
        pytest.importorskip("pyarrow")
    target = tmp_path / ("out.json" if fmt == "json" else "out")
    with pytest.raises(md.DatasetError) as exc:
        md.dump(_broken(small), target, format=fmt)
    assert _reported(exc) == _as_the_reader_reports(small)
    assert list(tmp_path.iterdir()) == []  # no file, no temporary left behind


@pytest.mark.parametrize("accelerate", [True, False], ids=["msgspec", "stdlib"])
def test_to_json_refuses_a_lone_surrogate_with_or_without_msgspec(
    monkeypatch: pytest.MonkeyPatch, small: md.Dataset, accelerate: bool
) -> None:
    """The stdlib writer would return the text; it is refused as the msgspec writer refuses it."""
    if accelerate:
        pytest.importorskip("msgspec")
        assert _fast_write._msgspec_writer() is not None
    else:
        monkeypatch.setattr(_fast_write, "_msgspec_writer", lambda: None)
    with pytest.raises(md.DatasetError) as exc:
        md.to_json(_broken(small))
    assert _reported(exc) == _as_the_reader_reports(small)


@pytest.mark.parametrize(
    ("pick", "path"),
    [
        (lambda ds: ds.statements, "[0].summary"),
        (lambda ds: ds.statements.records, "[0].summary"),
        (lambda ds: ds.statements[0], "summary"),
        (lambda ds: ds.actors, "[2].aliases[0]"),
        (lambda ds: ds.topics[1], "label"),
    ],
    ids=["table", "tuple", "record", "nested-tuple", "topic"],
)
def test_to_json_of_a_table_or_record_names_the_path_within_it(
    small: md.Dataset, pick: Any, path: str
) -> None:
    with pytest.raises(md.DatasetError) as exc:
        md.to_json(pick(_broken(small)))
    assert [p.path for p in exc.value.problems] == [path]
    assert "lone surrogate" in exc.value.problems[0].message


@settings(max_examples=60, deadline=None)
@given(
    before=st.text(st.characters(codec="utf-8"), max_size=8),
    lone=st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF),
    after=st.text(st.characters(codec="utf-8"), max_size=8),
)
def test_the_problem_gives_the_character_and_its_position(before: str, lone: str, after: str) -> None:
    ds = md.Dataset(**small_records())
    stmt = attrs.evolve(ds.statements[0], summary=before + lone + after)
    with pytest.raises(md.DatasetError) as exc:
        md.to_json(ds.evolve(statements=(stmt,)))
    (problem,) = exc.value.problems
    assert problem.path == "statements[0].summary"
    assert problem.message == (
        f"contains a lone surrogate {lone!r} at character {len(before)}, which is not a character"
    )


def test_a_dataset_that_can_be_written_has_no_problem(small: md.Dataset) -> None:
    assert _encodable.unencodable(small) == []
    assert _encodable.unencodable(md.load()) == []


def test_another_encoding_error_is_raised_as_it_is(small: md.Dataset) -> None:
    """If no text of the value is to blame, the encoder's own error goes on unchanged."""
    error = UnicodeEncodeError("utf-8", "x", 0, 1, "elsewhere")
    with pytest.raises(UnicodeEncodeError) as exc:
        _encodable.refuse(small, error)
    assert exc.value is error
