"""Every format round-trips exactly: md.load(md.dump(ds, path, format=f)) == ds."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

import mideastdata as md
from strategies import datasets

FORMATS: list[tuple[md.Format, dict[str, Any]]] = [
    ("json", {}),
    ("jsonl", {}),
    ("csv", {}),
    ("csv", {"excel_safe": True}),
    ("datapackage", {}),
    ("parquet", {}),
]
IDS = [f + ("-excel-safe" if opts else "") for f, opts in FORMATS]


def _target(tmp: Path, fmt: md.Format) -> Path:
    return tmp / ("out.json" if fmt == "json" else "out")


@pytest.mark.parametrize(("fmt", "options"), FORMATS, ids=IDS)
def test_bundled_round_trip(tmp_path: Path, fmt: md.Format, options: dict[str, Any]) -> None:
    """The bundled dataset comes back equal from every format."""
    ds = md.load()
    path = md.dump(ds, _target(tmp_path, fmt), format=fmt, **options)
    assert md.load(path) == ds
    assert md.load(path, format=fmt) == ds


@pytest.mark.parametrize(("fmt", "options"), FORMATS, ids=IDS)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ds=datasets())
def test_generated_round_trip(fmt: md.Format, options: dict[str, Any], ds: md.Dataset) -> None:
    """Any valid dataset (any Unicode, empty strings, None, every date precision) comes back equal."""
    with tempfile.TemporaryDirectory() as tmp:
        path = md.dump(ds, _target(Path(tmp), fmt), format=fmt, **options)
        back = md.load(path)
    assert back == ds
    for name, table in ds.tables().items():  # equal field by field, not only as wholes
        assert [type(r) for r in back.tables()[name]] == [type(r) for r in table]


@pytest.mark.parametrize(("fmt", "options"), FORMATS, ids=IDS)
def test_dump_is_deterministic(tmp_path: Path, fmt: md.Format, options: dict[str, Any]) -> None:
    """The same dataset gives the same bytes in every file, dump after dump."""
    ds = md.load()
    first = md.dump(ds, tmp_path / "a" / _target(tmp_path, fmt).name, format=fmt, **options)
    second = md.dump(ds, tmp_path / "b" / _target(tmp_path, fmt).name, format=fmt, **options)

    def contents(p: Path) -> dict[str, bytes]:
        if p.is_file():
            return {p.name: p.read_bytes()}
        return {f.name: f.read_bytes() for f in sorted(p.iterdir())}

    assert contents(first) == contents(second)
