"""Limits: input size and record count are bounded, configurable, and refused with a clear error."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest

import mideastdata as md
from mideastdata.limits import DEFAULT_LIMITS


def _doc_with_topics(small: md.Dataset, extra: int) -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(md.to_json(small))
    doc["topics"] += [{"id": f"extra-{i}", "label": f"Extra {i}"} for i in range(extra)]
    return doc


def test_defaults_are_documented_values() -> None:
    """The default limits are 2 GiB and two million records, and load() uses them."""
    assert md.Limits() == DEFAULT_LIMITS
    assert DEFAULT_LIMITS.max_bytes == 2 * 1024 * 1024 * 1024
    assert DEFAULT_LIMITS.max_records == 2_000_000


@pytest.mark.parametrize("bad", [0, -1, 1.5, "10", True])
def test_limits_must_be_positive_ints(bad: object) -> None:
    """A limit is a positive int or None; anything else is refused when the Limits is made."""
    with pytest.raises(ValueError, match="positive int or None"):
        md.Limits(max_bytes=bad)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="positive int or None"):
        md.Limits(max_records=bad)  # type: ignore[arg-type]


def test_limits_are_immutable() -> None:
    """A Limits cannot be changed after it is made (the defaults are shared)."""
    with pytest.raises(AttributeError):
        DEFAULT_LIMITS.max_bytes = 1  # type: ignore[misc]


def test_file_over_max_bytes_is_refused(small: md.Dataset, tmp_path: Path) -> None:
    """A file larger than max_bytes is a DatasetError naming the file and the limit."""
    path = md.dump(small, tmp_path / "small.json")
    size = path.stat().st_size
    with pytest.raises(md.DatasetError, match=f"more than the limit of {size - 1:,}") as info:
        md.load(path, limits=md.Limits(max_bytes=size - 1))
    assert info.value.file == str(path)
    assert md.load(path, limits=md.Limits(max_bytes=size)) == small


def test_huge_sparse_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    """A 4 GiB (sparse) file is refused by the default limit at once, not read into memory."""
    path = tmp_path / "huge.json"
    with path.open("wb") as fh:
        fh.truncate(4 * 1024**3)
    started = time.perf_counter()
    with pytest.raises(md.DatasetError, match="4,294,967,296 bytes") as info:
        md.load(path)
    assert time.perf_counter() - started < 5
    assert info.value.file == str(path)


def test_folder_size_counts_every_file(tmp_path: Path) -> None:
    """For a folder, max_bytes bounds all its files together, checked before any format reads it."""
    folder = tmp_path / "export"
    folder.mkdir()
    (folder / "actors.jsonl").write_bytes(b" " * 600)
    (folder / "events.jsonl").write_bytes(b" " * 600)
    with pytest.raises(md.DatasetError, match="more than the limit of 1,000") as info:
        md.load(folder, limits=md.Limits(max_bytes=1000))
    assert info.value.file == str(folder)


def test_text_over_max_bytes_is_refused(small: md.Dataset) -> None:
    """from_json applies max_bytes to str (as UTF-8) and bytes alike."""
    text = md.to_json(small)
    size = len(text.encode())
    for data in (text, text.encode()):
        with pytest.raises(md.DatasetError, match=r"raise Limits\.max_bytes"):
            md.from_json(data, limits=md.Limits(max_bytes=size - 1))
        assert md.from_json(data, limits=md.Limits(max_bytes=size)) == small


def test_non_ascii_text_is_measured_in_utf8_bytes(small: md.Dataset) -> None:
    """A str is measured by its UTF-8 length, not its character count."""
    text = md.to_json(small.evolve(citation="\u0627" * 1000))
    chars, size = len(text), len(text.encode())
    assert size > chars
    with pytest.raises(md.DatasetError, match=f"input is {size:,} bytes"):
        md.from_json(text, limits=md.Limits(max_bytes=chars))


def test_record_count_over_max_records_is_refused(small: md.Dataset, tmp_path: Path) -> None:
    """More records than max_records is refused before any record is built, from text and from a file."""
    doc = _doc_with_topics(small, 5)
    count = sum(len(doc[t]) for t in ("sources", "actors", "topics", "statements", "demands", "events"))
    text = json.dumps(doc)
    with pytest.raises(md.DatasetError, match=f"input holds {count} records, more than the limit of {count - 1}"):
        md.from_json(text, limits=md.Limits(max_records=count - 1))
    assert len(md.from_json(text, limits=md.Limits(max_records=count)).topics) == 8
    path = tmp_path / "many.json"
    path.write_text(text)
    with pytest.raises(md.DatasetError, match=r"raise Limits\.max_records") as info:
        md.load(path, limits=md.Limits(max_records=count - 1))
    assert info.value.file == str(path)


def test_record_limit_is_checked_before_structuring(small: md.Dataset) -> None:
    """Too many records is the only problem reported, even when the records are also invalid."""
    doc = _doc_with_topics(small, 0)
    doc["topics"] += [{"bad": i} for i in range(20)]
    with pytest.raises(md.DatasetError) as info:
        md.from_json(json.dumps(doc), limits=md.Limits(max_records=10))
    assert len(info.value.problems) == 1
    assert "more than the limit of 10" in info.value.problems[0].message


def test_none_switches_a_limit_off(small: md.Dataset) -> None:
    """Limits(max_bytes=None, max_records=None) loads anything valid."""
    text = json.dumps(_doc_with_topics(small, 50))
    ds = md.from_json(text, limits=md.Limits(max_bytes=None, max_records=None))
    assert len(ds.topics) == 53


def test_limits_without_path_is_a_usage_error() -> None:
    """limits= applies to a path; passing it for the bundled dataset is a TypeError."""
    with pytest.raises(TypeError, match="only when a path is given"):
        md.load(limits=md.Limits())  # type: ignore[call-overload]
