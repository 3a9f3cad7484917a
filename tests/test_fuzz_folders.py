"""Fuzzing the table readers with hypothesis: mutated CSV and JSON Lines tables give problems, never exceptions.

The CSV reader collects problems and returns; the JSON Lines reader collects problems
or raises DatasetError. Nothing else may escape. Examples are bounded here; the
atheris harness in ``tests/fuzz/`` covers both readers for longer runs.
"""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

import mideastdata as md
from conftest import small_records
from mideastdata._schema import TABLES as TABLE_TYPES
from mideastdata.errors import Problem
from mideastdata.io import csv as csv_format
from mideastdata.io import jsonl as jsonl_format
from mideastdata.io._engine import build_table

SMALL = md.Dataset(**small_records())
TABLES = list(TABLE_TYPES.items())
CSV_TEXT = {name: csv_format.table_csv(getattr(SMALL, name), kind) for name, kind in TABLES}
JSONL_TEXT = {name: jsonl_format.table_lines(getattr(SMALL, name).records, kind) for name, kind in TABLES}

TOKENS = [*',"\r\n\x00[]{}:\\\'=-0123456789a\u00e9', "null", "true", "NaN", "\ud7ff", "9" * 5000, "[" * 3000]
EDITS = st.lists(
    st.tuples(
        st.floats(0, 1, exclude_max=True),
        st.sampled_from(["drop", "insert", "replace"]),
        st.lists(st.sampled_from(TOKENS), min_size=1, max_size=4).map("".join),
    ),
    min_size=1,
    max_size=5,
)


def _edit(text: str, edits: list[tuple[float, str, str]]) -> str:
    for where, action, blob in edits:
        at = int(where * len(text)) if text else 0
        if action == "drop":
            text = text[:at] + text[at + len(blob) :]
        elif action == "insert":
            text = text[:at] + blob + text[at:]
        else:
            text = text[:at] + blob + text[at + len(blob) :]
    return text


@settings(max_examples=300, deadline=None)
@given(table=st.integers(0, len(TABLES) - 1), edits=EDITS)
def test_mutated_csv_tables_give_problems(table: int, edits: list[tuple[float, str, str]]) -> None:
    """A CSV table with characters dropped, inserted or replaced anywhere yields problems or records, never an exception."""
    name, kind = TABLES[table]
    problems: list[Problem] = []
    records = csv_format.read_table(_edit(CSV_TEXT[name], edits), name, kind, problems)
    assert isinstance(records, tuple)
    assert all(p.path.startswith(name) for p in problems)
    if problems:
        assert records == ()


@settings(max_examples=300, deadline=None)
@given(table=st.integers(0, len(TABLES) - 1), edits=EDITS)
def test_mutated_jsonl_tables_give_problems(table: int, edits: list[tuple[float, str, str]]) -> None:
    """A JSON Lines table mutated anywhere yields problems at its records, or a DatasetError, never another exception."""
    name, kind = TABLES[table]
    problems: list[Problem] = []
    rows: Any = jsonl_format._parse_lines(_edit(JSONL_TEXT[name], edits), name, problems)
    assert all(p.path.startswith(f"{name}[") for p in problems)
    if rows is not None:
        build_table(rows, kind, name, problems)
        assert all(p.path.startswith(f"{name}[") for p in problems)
