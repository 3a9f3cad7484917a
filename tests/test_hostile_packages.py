"""Hostile data packages and Parquet folders: one DatasetError, and no file opened outside the package."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

import pytest

import mideastdata as md
from mideastdata import cli
from test_hostile_json import HAS_VALIDATE

Descriptor = dict[str, Any]


def _package(small: md.Dataset, tmp_path: Path) -> Path:
    return md.dump(small, tmp_path / "pkg", format="datapackage")


def _edit_descriptor(folder: Path, edit: Callable[[Descriptor], None]) -> None:
    path = folder / "datapackage.json"
    desc: Descriptor = json.loads(path.read_text())
    edit(desc)
    path.write_text(json.dumps(desc))


def _resource(desc: Descriptor, name: str) -> dict[str, Any]:
    found: dict[str, Any] = next(r for r in desc["resources"] if r["name"] == name)
    return found


def _set_path(name: str, value: object) -> Callable[[Descriptor], None]:
    def edit(desc: Descriptor) -> None:
        _resource(desc, name)["path"] = value

    return edit


def _error(path: Path) -> md.DatasetError:
    with pytest.raises(md.DatasetError) as info:
        md.load(path)
    return info.value


def _validate(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    if HAS_VALIDATE:
        assert cli.main(["validate", str(path)]) == 1
        assert str(path) in capsys.readouterr().err


@pytest.mark.parametrize(
    "outside",
    ["../secret.csv", "../../secret.csv", "/etc/passwd", "sub/../../secret.csv", "..\\secret.csv", "", ".", "a\x00b.csv", 7, ["topics.csv"], None],
)
def test_resource_path_outside_the_package_is_refused(
    small: md.Dataset, tmp_path: Path, capsys: pytest.CaptureFixture[str], outside: object
) -> None:
    """A resource path that is absolute, climbs out, is empty or is not a string is a problem; nothing outside is read."""
    folder = _package(small, tmp_path)
    (tmp_path / "secret.csv").write_text((folder / "topics.csv").read_text())
    _edit_descriptor(folder, _set_path("topics", outside))
    error = _error(folder / "datapackage.json")
    assert error.file == str(folder)
    assert [p.path for p in error.problems] == ["resources.topics.path"]
    assert "inside the package folder" in error.problems[0].message
    _validate(folder, capsys)


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_symlink_out_of_the_package_is_refused(small: md.Dataset, tmp_path: Path) -> None:
    """A resource that is a symbolic link leading out of the package folder is never opened."""
    folder = _package(small, tmp_path)
    secret = tmp_path / "secret.csv"
    secret.write_text((folder / "topics.csv").read_text())
    (folder / "link.csv").symlink_to(secret)
    _edit_descriptor(folder, _set_path("topics", "link.csv"))
    error = _error(folder)
    assert [p.path for p in error.problems] == ["resources.topics.path"]


def test_symlink_inside_the_package_is_followed(small: md.Dataset, tmp_path: Path) -> None:
    """A link that stays inside the package folder is an ordinary resource path."""
    folder = _package(small, tmp_path)
    (folder / "data").mkdir()
    os.replace(folder / "topics.csv", folder / "data" / "topics.csv")
    (folder / "alias.csv").symlink_to(folder / "data" / "topics.csv")
    _edit_descriptor(folder, _set_path("topics", "alias.csv"))
    assert md.load(folder) == small


def test_resource_in_a_subfolder_loads(small: md.Dataset, tmp_path: Path) -> None:
    """A relative path into a subfolder of the package is allowed."""
    folder = _package(small, tmp_path)
    (folder / "data").mkdir()
    os.replace(folder / "events.csv", folder / "data" / "events.csv")
    _edit_descriptor(folder, _set_path("events", "data/events.csv"))
    assert md.load(folder) == small


class DescriptorCase(NamedTuple):
    """A change to a valid descriptor, the exact problem paths and a message fragment."""

    id: str
    edit: Callable[[Descriptor], None]
    paths: list[str]
    message: str


def _assign(key: str, value: object) -> Callable[[Descriptor], None]:
    def edit(desc: Descriptor) -> None:
        desc[key] = value

    return edit


def _foreign(desc: Descriptor, **changes: object) -> None:
    """Make the descriptor look like another tool's: no mideastdata metadata."""
    del desc["mideastdata"]
    desc.update(changes)


DESCRIPTOR_CASES = [
    DescriptorCase("resources-not-a-list", _assign("resources", {"topics": {}}), ["datapackage.json"], "list of resources"),
    DescriptorCase(
        "resource-name-unhashable", lambda d: _resource(d, "topics").update(name=["topics"]),
        ["statements[0].topics[0]", "statements[0].stances[0].topic", "demands[0].topic", "events[0].topics[0]"],
        "unknown topic",
    ),
    DescriptorCase("meta-not-an-object", _assign("mideastdata", "small"), ["mideastdata"], "expected a JSON object"),
    DescriptorCase("meta-int-name", lambda d: d["mideastdata"].update(name=1), ["mideastdata.name"], "expected a string, got int"),
    DescriptorCase("meta-unknown-key", lambda d: d["mideastdata"].update(colour="red"), ["mideastdata"], "unknown field 'colour'"),
    DescriptorCase("foreign-licenses-string", lambda d: _foreign(d, licenses="MIT"), [], ""),
    DescriptorCase("foreign-licenses-ints", lambda d: _foreign(d, licenses=[1, 2]), [], ""),
    DescriptorCase("foreign-no-version", lambda d: _foreign(d, version=None), ["mideastdata.version"], "expected a string, got null"),
]


@pytest.mark.parametrize("case", DESCRIPTOR_CASES, ids=[c.id for c in DESCRIPTOR_CASES])
def test_bad_descriptor(small: md.Dataset, tmp_path: Path, case: DescriptorCase) -> None:
    """A hostile descriptor is a DatasetError at its path, or loads when nothing in it is wrong for us."""
    folder = _package(small, tmp_path)
    _edit_descriptor(folder, case.edit)
    if not case.paths:  # the change is harmless for loading (a table left out, a license we read as "")
        ds = md.load(folder)
        assert ds.statements == small.statements
        return
    error = _error(folder)
    assert error.file == str(folder)
    assert [p.path for p in error.problems] == case.paths
    assert case.message in error.problems[0].message


@pytest.mark.parametrize(
    ("case", "data", "message"),
    [
        ("empty", b"", "invalid JSON"),
        ("bom", b"\xef\xbb\xbf{}", "byte order mark"),
        ("invalid-utf8", b'{"name": "\xff"}', "not valid UTF-8"),
        ("list", b"[]", "list of resources"),
        ("duplicate-key", b'{"resources": [], "resources": []}', "key 'resources' appears more than once"),
        ("nan", b'{"resources": [], "x": NaN}', "NaN is not a JSON number"),
        ("huge-int", b'{"resources": [], "x": ' + b"1" * 5000 + b"}", "more than"),
        ("deep", b'{"resources": ' + b"[" * 50_000 + b"]" * 50_000 + b"}", "nested too deeply"),
    ],
)
def test_broken_descriptor_bytes(small: md.Dataset, tmp_path: Path, case: str, data: bytes, message: str) -> None:
    """A descriptor that is not a JSON object is one DatasetError naming the package folder."""
    folder = _package(small, tmp_path)
    (folder / "datapackage.json").write_bytes(data)
    error = _error(folder / "datapackage.json")
    assert error.file == str(folder), case
    assert len(error.problems) == 1
    assert message in error.problems[0].message


def test_broken_resource_csv(small: md.Dataset, tmp_path: Path) -> None:
    """A resource CSV with a renamed column and a bad cell reports both, at their tables."""
    folder = _package(small, tmp_path)
    topics = folder / "topics.csv"
    topics.write_bytes(topics.read_bytes().replace(b"label", b"title", 1))
    events = folder / "events.csv"
    events.write_bytes(events.read_bytes().replace(b"occurred", b"happened", 1))
    error = _error(folder)
    assert [p.path for p in error.problems] == ["topics", "topics", "events[0].status"]


# --------------------------------------------------------------------------- Parquet


def _parquet(small: md.Dataset, tmp_path: Path) -> Path:
    pytest.importorskip("pyarrow")
    return md.dump(small, tmp_path / "pq", format="parquet")


@pytest.mark.parametrize(
    ("case", "change"),
    [
        ("random-bytes", lambda _: b"PAR1" + bytes(range(256)) * 4 + b"PAR1"),
        ("truncated", lambda d: d[: len(d) // 2]),
        ("empty", lambda _: b""),
        ("csv-instead", lambda _: b"id,label\r\nx,y\r\n"),
    ],
)
def test_corrupt_parquet_file(small: md.Dataset, tmp_path: Path, case: str, change: Callable[[bytes], bytes]) -> None:
    """A corrupt, truncated or empty Parquet table is a problem at that table."""
    folder = _parquet(small, tmp_path)
    path = folder / "actors.parquet"
    path.write_bytes(change(path.read_bytes()))
    error = _error(folder)
    assert error.file == str(folder), case
    assert [p.path for p in error.problems] == ["actors"]
    assert "cannot read actors.parquet" in error.problems[0].message


def _write_table(path: Path, rows: list[dict[str, Any]]) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.Table.from_pylist(rows), path)


def test_parquet_with_wrong_types_and_columns(small: md.Dataset, tmp_path: Path) -> None:
    """A Parquet table with an int for a string, a missing column and an extra one reports each at its path."""
    folder = _parquet(small, tmp_path)
    _write_table(folder / "topics.parquet", [{"id": 1, "description": "", "colour": "red"}])
    error = _error(folder)
    assert [p.path for p in error.problems] == ["topics[0].id", "topics[0].label", "topics[0]"]


def test_parquet_timestamp_for_a_date(small: md.Dataset, tmp_path: Path) -> None:
    """An Arrow timestamp where a date string belongs is a problem at that field, not a crash."""
    import datetime as dt

    folder = _parquet(small, tmp_path)
    rows: list[dict[str, Any]] = json.loads(md.to_json(small.events))
    rows[0]["date"] = dt.datetime(2025, 8, 2, tzinfo=dt.timezone.utc)
    _write_table(folder / "events.parquet", rows)
    error = _error(folder)
    assert [p.path for p in error.problems] == ["events[0].date"]
    assert "expected a date string" in error.problems[0].message


def test_parquet_missing_table(small: md.Dataset, tmp_path: Path) -> None:
    """A Parquet folder without one of its tables names the missing file."""
    folder = _parquet(small, tmp_path)
    (folder / "demands.parquet").unlink()
    error = _error(folder)
    assert [str(p) for p in error.problems] == ["demands: missing file 'demands.parquet'"]


def test_parquet_bit_flips_never_load_changed_data(small: md.Dataset, tmp_path: Path) -> None:
    """Every single-bit flip in a Parquet table file is refused or loads the same data, never changed text.

    Pages are written with CRC-32 checksums and verified on reading.
    """
    pytest.importorskip("pyarrow")
    folder = _parquet(small, tmp_path)
    path = folder / "sources.parquet"
    data = path.read_bytes()
    changed = 0
    step = max(1, len(data) * 8 // 320)
    for bit in range(0, len(data) * 8, step):
        flipped = bytearray(data)
        flipped[bit // 8] ^= 1 << (bit % 8)
        path.write_bytes(bytes(flipped))
        try:
            loaded = md.load(folder)
        except md.DatasetError:
            continue
        changed += loaded != small
    assert changed == 0


@pytest.mark.parametrize(
    "resources",
    [[1, "x", None], [{"path": "topics.csv"}, {"name": ["topics"]}], [{"name": "countries", "path": "c.csv"}], []],
    ids=["junk", "nameless", "other-tables", "empty"],
)
def test_package_with_no_table_of_ours_is_refused(small: md.Dataset, tmp_path: Path, resources: list[Any]) -> None:
    """A package none of whose resources is one of our tables is refused, not loaded as an empty dataset."""
    folder = _package(small, tmp_path)
    _edit_descriptor(folder, _assign("resources", resources))
    error = _error(folder)
    assert [p.path for p in error.problems] == ["resources"]
    assert "no resource is a table of this library" in error.problems[0].message
