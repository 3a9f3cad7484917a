"""docs/formats.md: its Python examples run, and what it says about the encodings matches the code."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

import mideastdata as md
from mideastdata._schema import TABLES as TABLE_TYPES
from mideastdata._schema import fields
from mideastdata.io.datapackage import FOREIGN_KEYS

PAGE = Path(__file__).resolve().parent.parent / "docs" / "formats.md"
FENCE_RE = re.compile(r"^```python\n(.*?)^```$", re.MULTILINE | re.DOTALL)


def test_examples_run(tmp_path: Path) -> None:
    """Every ```python block of the page runs, in order, in one namespace, in a scratch folder."""
    pytest.importorskip("duckdb")
    text = PAGE.read_text(encoding="utf-8")
    blocks = FENCE_RE.findall(text)
    assert len(blocks) >= 8
    namespace: dict[str, object] = {"__name__": "__formats__"}
    cwd = Path.cwd()
    os.chdir(tmp_path)
    try:
        for i, code in enumerate(blocks):
            exec(compile(code, f"docs/formats.md block {i + 1}", "exec"), namespace)  # noqa: S102 - the examples are the test
    finally:
        os.chdir(cwd)


def test_the_statements_header_is_the_one_written() -> None:
    """The CSV header the page shows for statements is the one the writer writes."""
    header = ",".join(s.name for s in fields(md.Statement))
    assert f"`{header}`" in PAGE.read_text(encoding="utf-8")


def test_the_list_fields_named_are_the_json_cells() -> None:
    """The page names exactly the fields that are JSON cells in the CSV files."""
    text = " ".join(PAGE.read_text(encoding="utf-8").split())
    start = text.index("The list and nested fields are")
    paragraph = text[start : text.index("Their cells hold", start)]
    for name, kind in TABLE_TYPES.items():
        json_fields = [s.name for s in fields(kind) if s.kind in ("texts", "records")]
        if not json_fields:
            assert f"({name})" not in paragraph
            continue
        named = paragraph[: paragraph.index(f"({name})")].rsplit(")", 1)[-1]
        assert re.findall(r"`(\w+)`", named) == json_fields, name


def test_the_foreign_keys_named_are_declared() -> None:
    """Every foreign key the package declares is named on the page."""
    text = PAGE.read_text(encoding="utf-8")
    for table, refs in FOREIGN_KEYS.items():
        for field in refs:
            assert f"`{table}.{field}`" in text
