"""Huge values in every field kind: every message stays short, every check and hint stays linear.

A hostile document may put a megabyte where an id, a date, a code, a version, an offset,
a key or a cell belongs. The error must quote at most 80 characters of it, each problem
must stay within 400 characters, and the cost must grow linearly with the input.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mideastdata as md
from mideastdata.errors import short_repr, suggest
from mideastdata.io.csv import parse_csv

HUGE = 1_000_000
MESSAGE_MAX = 400


def _leaves(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], Any]]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _leaves(item, (*path, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _leaves(item, (*path, i))
    else:
        yield path, value


def _set(doc: Any, path: tuple[Any, ...], value: Any) -> None:
    for step in path[:-1]:
        doc = doc[step]
    doc[path[-1]] = value


def _huge_for(value: Any) -> list[Any]:
    if isinstance(value, bool) or value is None:
        return ["x" * HUGE]
    if isinstance(value, int):
        return [int("9" * 4300), "x" * HUGE]
    return ["x" * HUGE, "a-" * (HUGE // 2) + "a"]


def _cases(small: md.Dataset) -> Iterator[tuple[str, str]]:
    doc = json.loads(md.to_json(small))
    for path, value in _leaves(doc):
        for bad in _huge_for(value):
            changed = json.loads(json.dumps(doc))
            _set(changed, path, bad)
            yield ".".join(map(str, path)), json.dumps(changed)
    for key in ("statements", "actors"):
        changed = json.loads(json.dumps(doc))
        changed[key][0]["x" * HUGE] = 1
        yield f"{key}.unknown-field", json.dumps(changed)
    text = md.to_json(small)
    big = "k" * HUGE
    yield "duplicate-key", text.replace('"kind": "position"', f'"kind": "position", "{big}": 1, "{big}": 2', 1)


def _check_bounded(error: md.DatasetError) -> None:
    assert error.problems
    for problem in error.problems:
        assert len(problem.message) <= MESSAGE_MAX, problem.message[:200]
        assert len(str(problem)) <= MESSAGE_MAX + 202
        # the hostile values repeat one character (or two): at most 80 of them are quoted
        assert re.search(r"(.)\1{80}|(..)\2{40}", problem.message) is None, problem.message[:200]
    assert len(str(error)) <= 1000 + (MESSAGE_MAX + 210) * len(error.problems)


def test_huge_value_in_every_field_gives_short_messages(small: md.Dataset) -> None:
    """A megabyte in any field, key or offset of a document: every problem short, each load fast."""
    slowest = 0.0
    refused = 0
    for where, text in _cases(small):
        started = time.perf_counter()
        try:
            md.from_json(text)  # free text (a summary, a citation) may be that long
        except md.DatasetError as error:
            refused += 1
            try:
                _check_bounded(error)
            except AssertionError as exc:
                raise AssertionError(f"{where}: {exc}") from None
        slowest = max(slowest, time.perf_counter() - started)
    assert refused > 80
    assert slowest < 5, slowest  # a hint over a 1 MB value took 0.4-0.7 s; a bounded one takes milliseconds


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "datapackage", "parquet"])
def test_huge_reference_in_every_folder_format(small: md.Dataset, tmp_path: Path, fmt: str) -> None:
    """The same bound holds for every folder format: a 1 MB dangling reference in a table file."""
    if fmt == "parquet":
        pytest.importorskip("pyarrow")
    bad = "x" * HUGE
    path = md.dump(small, tmp_path / "out", format=fmt)  # type: ignore[arg-type]
    if fmt == "parquet":
        import pyarrow.parquet as pq

        table = pq.read_table(path / "statements.parquet")
        rows = table.to_pylist()
        rows[0]["speaker"] = bad
        pq.write_table(type(table).from_pylist(rows, schema=table.schema), path / "statements.parquet")
    else:
        ext, old = ("jsonl", '"speaker":"hamas"') if fmt == "jsonl" else ("csv", ",hamas,")
        file = path / f"statements.{ext}"
        text = file.read_text(encoding="utf-8")
        assert old in text
        new = f'"speaker":"{bad}"' if fmt == "jsonl" else f",{bad},"
        file.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(md.DatasetError) as info:
        md.load(path)
    _check_bounded(info.value)
    assert any("unknown actor 'xxxx" in p.message for p in info.value.problems), info.value


def test_did_you_mean_is_bounded() -> None:
    """The hint compares short values only: a 4 MB value against many ids costs milliseconds, not seconds."""
    known = [f"actor-{i}" for i in range(2_000)] + ["y" * 200_000]
    started = time.perf_counter()
    assert suggest("a" * 4_000_000, known) == []
    assert suggest("actor-1x", known)[:1] == ["actor-1"]
    assert suggest("y" * 199_999, known) == []
    assert time.perf_counter() - started < 1


def test_short_repr_bounds_every_kind() -> None:
    """short_repr stays within 80 characters for huge strings, containers and integers beyond the print limit."""
    for value in ("x" * HUGE, list(range(HUGE)), {"k" * HUGE: 1}, int("9" * 4300) ** 2, [int("9" * 4300) ** 2]):
        assert len(short_repr(value)) <= 80


def test_problem_messages_and_paths_are_bounded() -> None:
    """A Problem built with a huge path or message keeps the start and the end, within the bounds."""
    problem = md.Problem("p" * HUGE, "m" * HUGE + " — did you mean 'x'?")
    assert len(problem.path) <= 200
    assert len(problem.message) <= MESSAGE_MAX
    assert problem.message.endswith("did you mean 'x'?")
    error = md.DatasetError([problem], file="f" * HUGE)
    assert len(str(error)) < 1000


def test_merge_conflict_names_are_bounded(small: md.Dataset) -> None:
    """A merge conflict between datasets with 1 MB names quotes each name shortly."""
    import attrs

    other = attrs.evolve(small, name="n" * HUGE, topics=(attrs.evolve(small.topics[0], label="changed"), *small.topics[1:]))
    with pytest.raises(md.DatasetError) as info:
        md.merge(attrs.evolve(small, name="m" * HUGE), other)
    _check_bounded(info.value)


# ------------------------------------------------------------------ CSV cells


_OLD_TOKEN = re.compile(r'(?:"((?:[^"]|"")*)"|([^,"\r\n]*))(,|\r\n|\n|\r|\Z)')


def _old_parse_csv(text: str) -> list[list[str | None]]:
    """The tokenizer parse_csv replaced (one regular expression per cell), kept as the reference."""
    rows: list[list[str | None]] = []
    row: list[str | None] = []
    pos, end = 0, len(text)
    while pos < end:
        m = _OLD_TOKEN.match(text, pos)
        if m is None or (m.end() == pos and pos < end):
            line = text.count("\n", 0, pos) + 1
            msg = f"line {line}: misplaced or unclosed quote"
            raise ValueError(msg)
        quoted, plain, sep = m.groups()
        row.append(quoted.replace('""', '"') if quoted is not None else (plain or None))
        pos = m.end()
        if sep != ",":
            rows.append(row)
            row = []
        elif pos == end:
            row.append(None)
            rows.append(row)
    return rows


def _outcome(parse: Any, text: str) -> Any:
    try:
        return parse(text)
    except ValueError as exc:
        return str(exc)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet='ab",\r\n', max_size=40))
def test_tokenizer_agrees_with_the_regular_expression(text: str) -> None:
    """The find-based tokenizer gives the cells (or the error, with its line) of the regular expression it replaced."""
    assert _outcome(parse_csv, text) == _outcome(_old_parse_csv, text)


_CELL_MEMORY = """
import resource, sys
from mideastdata.io.csv import parse_csv
n, kind = int(sys.argv[1]), sys.argv[2]
cell = 'a' * n if kind != 'quotes' else 'a""' * (n // 3)
text = 'id,text\\r\\nx,"' + cell + ('' if kind == 'unclosed' else '"\\r\\n')
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
try:
    rows = parse_csv(text)
except ValueError:
    pass
print((resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) * 1024 / n)
"""


@pytest.mark.skipif(sys.platform != "linux", reason="ru_maxrss in KiB as Linux reports it")
@pytest.mark.parametrize("kind", ["plain", "quotes", "unclosed"])
def test_huge_quoted_cell_costs_little_memory(kind: str) -> None:
    """A 20 MB quoted cell (or an unclosed quote) costs at most a few bytes per character beyond the text.

    The regular expression took ~136 bytes per character: 2.7 GB for one 20 MB cell.
    """
    out = subprocess.run(
        [sys.executable, "-c", _CELL_MEMORY, str(20_000_000), kind],
        capture_output=True, text=True, timeout=300, check=True,
    )
    assert float(out.stdout) < 4, out.stdout
