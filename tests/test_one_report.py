"""Every problem in one report, in every format, with the fix where one exists and the line where there are lines."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import mideastdata as md


def _doc(ds: md.Dataset) -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(md.to_json(ds))
    return doc


def _problems(text: str) -> list[str]:
    with pytest.raises(md.DatasetError) as info:
        md.from_json(text)
    return [str(p) for p in info.value.problems]


def test_values_duplicates_and_references_are_reported_together() -> None:
    """A bad enum, a duplicate id, an unknown speaker and an unknown topic: all four in the first report."""
    doc = _doc(md.load())
    doc["events"][0]["kind"] = "Peace Plan"
    doc["statements"][1]["id"] = doc["statements"][0]["id"]
    doc["statements"][2]["speaker"] = "hamass"
    doc["demands"][0]["topic"] = "hostagez"
    found = _problems(json.dumps(doc))
    paths = [p.split(":")[0] for p in found]
    assert paths[:4] == ["events[0].kind", "statements[1].id", "statements[2].speaker", "demands[0].topic"]
    assert "statements[2].speaker: unknown actor 'hamass' — did you mean 'hamas'?" in found


def test_references_into_a_table_with_refused_records_are_not_reported() -> None:
    """When an actor cannot be built, references to actors are not reported: the one they name may be that actor."""
    doc = _doc(md.load())
    doc["actors"][0]["kind"] = "militia"
    found = _problems(json.dumps(doc))
    assert [p.split(":")[0] for p in found] == ["actors[0].kind"]


@pytest.mark.parametrize(
    ("value", "hint"),
    [("Cooperation", "'cooperation'"), ("HUMANITARIAN CRISIS", "'humanitarian_crisis'"), ("peace-plan", "'peace_plan'"), ("visti", "'visit'")],
)
def test_an_enum_value_in_another_case_or_spelling_suggests_the_value(value: str, hint: str) -> None:
    """The wrong case, spaces for underscores, hyphens or a typo: the message names the value meant."""
    doc = _doc(md.load())
    doc["events"][0]["kind"] = value
    (problem,) = _problems(json.dumps(doc))
    assert problem.endswith(f"— did you mean {hint}?")


def test_a_value_far_from_every_enum_value_gets_no_guess() -> None:
    """Nothing close, nothing suggested; a huge value costs no hint at all."""
    doc = _doc(md.load())
    doc["events"][0]["kind"] = "zzzzzz"
    assert "did you mean" not in _problems(json.dumps(doc))[0]
    doc["events"][0]["kind"] = "visit" * 100_000
    assert "did you mean" not in _problems(json.dumps(doc))[0]


@pytest.mark.parametrize(("value", "slug"), [("My Actor", "my-actor"), ("Hamás", "hamas"), ("EU_delegation", "eu-delegation")])
def test_an_id_that_is_no_slug_suggests_the_slug(value: str, slug: str) -> None:
    """Spaces, accents, capitals and underscores: the message names the slug to write."""
    with pytest.raises(ValueError, match=f"did you mean '{slug}'"):
        md.Topic(id=value, label="x")


def test_csv_problems_name_the_file_line_and_column(tmp_path: Path) -> None:
    """A bad cell is reported at its record path and at its line and column in the table file."""
    ds = md.load()
    folder = md.dump(ds, tmp_path / "csv", format="csv")
    path = folder / "demands.csv"
    lines = path.read_bytes().decode("utf-8").split("\r\n")
    row = next(i for i, line in enumerate(lines) if ",proposal," in line)
    lines[row] = lines[row].replace(",proposal,", ",Proposal,", 1)
    path.write_text("\r\n".join(lines), encoding="utf-8", newline="")
    with pytest.raises(md.DatasetError) as info:
        md.load(folder)
    (problem,) = info.value.problems
    assert problem.where == f"demands.csv line {row + 1}, column kind"
    assert str(problem).endswith(f"(demands.csv line {row + 1}, column kind)")
    assert problem.path == f"demands[{row - 1}].kind"


def test_csv_lines_count_the_line_breaks_inside_quoted_cells(tmp_path: Path) -> None:
    """A source text with line breaks spans several lines: the rows after it are found on their own lines."""
    ds = md.load()
    folder = md.dump(ds, tmp_path / "csv", format="csv")
    path = folder / "sources.csv"
    text = path.read_bytes().decode("utf-8")
    assert text.count("\n") > 3  # the source text holds line breaks
    path.write_text(text.replace(",en", ",", 1) + "x\r\n", encoding="utf-8", newline="")
    with pytest.raises(md.DatasetError) as info:
        md.load(folder)
    last = next(p for p in info.value.problems if p.path == "sources[1]")
    assert last.where == f"sources.csv line {text.count(chr(10)) + 1}"


def test_a_list_cell_that_is_not_json_shows_the_form_to_write(tmp_path: Path) -> None:
    """A topics cell written as plain text says how a list is written."""
    ds = md.load()
    folder = md.dump(ds, tmp_path / "csv", format="csv")
    path = folder / "events.csv"
    text = path.read_bytes().decode("utf-8")
    first_topics = json.dumps(list(ds.events[0].topics), separators=(",", ":"))
    assert first_topics in text.replace('""', '"')
    cell = '"' + first_topics.replace('"', '""') + '"'
    path.write_text(text.replace(cell, "end-of-war; ceasefire", 1), encoding="utf-8", newline="")
    with pytest.raises(md.DatasetError) as info:
        md.load(folder)
    (problem,) = info.value.problems
    assert problem.path == "events[0].topics"
    assert '["end-of-war", "ceasefire"]' in problem.message


def test_jsonl_problems_name_the_file_and_line(tmp_path: Path) -> None:
    """A bad value in a JSON Lines table is reported at its record and at its line."""
    folder = md.dump(md.load(), tmp_path / "jsonl", format="jsonl")
    path = folder / "events.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[2] = lines[2].replace('"status":"', '"status":"X', 1)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(md.DatasetError) as info:
        md.load(folder)
    (problem,) = info.value.problems
    assert (problem.path, problem.where) == ("events[2].status", "events.jsonl line 3, column status")


def test_a_csv_table_saved_by_a_spreadsheet_with_a_byte_order_mark_loads(tmp_path: Path) -> None:
    """Excel's "CSV UTF-8" writes a byte order mark first: the table reads as without it."""
    ds = md.load()
    folder = md.dump(ds, tmp_path / "csv", format="csv")
    for path in folder.glob("*.csv"):
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert md.load(folder) == ds


@pytest.mark.parametrize(("separator", "said"), [(";", "semicolons"), ("\t", "tabs")])
def test_a_csv_table_with_another_separator_says_so(tmp_path: Path, separator: str, said: str) -> None:
    """A table saved with semicolons or tabs (a spreadsheet's regional setting) is named as such, not as unknown columns."""
    ds = md.load()
    folder = md.dump(ds, tmp_path / "csv", format="csv")
    path = folder / "topics.csv"
    lines = path.read_bytes().decode("utf-8").split("\r\n")
    lines[0] = lines[0].replace(",", separator)
    path.write_bytes("\r\n".join(lines).encode("utf-8"))
    with pytest.raises(md.DatasetError) as info:
        md.load(folder)
    (problem,) = info.value.problems
    assert problem.path == "topics"
    assert f"topics.csv is separated by {said}, not commas" in problem.message
