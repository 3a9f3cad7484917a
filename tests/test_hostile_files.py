"""Hostile files inside a dataset: links, pipes and devices are refused, never followed, opened or read.

Every folder format (JSON Lines, CSV, Parquet, data package) and every file it reads
(each table file, ``dataset.json``, ``datapackage.json``, a package resource) is tried.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

import mideastdata as md

pytest.importorskip("pyarrow")

FOLDER_FORMATS = ("jsonl", "csv", "parquet", "datapackage")
EXTENSIONS = {"jsonl": "jsonl", "csv": "csv", "parquet": "parquet", "datapackage": "csv"}
TABLES = ("sources", "actors", "topics", "statements", "demands", "events")
PASSWD = Path("/etc/passwd")


def _files(fmt: str) -> list[str]:
    meta = "datapackage.json" if fmt == "datapackage" else "dataset.json"
    return [meta, *(f"{t}.{EXTENSIONS[fmt]}" for t in TABLES)]


CASES = [(fmt, name) for fmt in FOLDER_FORMATS for name in _files(fmt)]
IDS = [f"{fmt}-{name}" for fmt, name in CASES]


def _link_refusal(fmt: str, name: str) -> str:
    """What the refusal of a link out of the folder says: a package resource's path is checked first."""
    if fmt == "datapackage" and name != "datapackage.json":
        return "a relative path to a file inside the package folder"
    return "symbolic link"


def _export(small: md.Dataset, tmp_path: Path, fmt: str) -> Path:
    return md.dump(small, tmp_path / "rx", format=fmt)  # type: ignore[arg-type]


def _load_within(path: Path, fmt: str, seconds: float = 20.0) -> BaseException | md.Dataset:
    """Load in a thread; fail the test if it does not finish (an open or read that blocks)."""
    result: list[BaseException | md.Dataset] = []

    def run() -> None:
        try:
            result.append(md.load(path, format=fmt))  # type: ignore[call-overload]
        except BaseException as exc:  # noqa: BLE001 - handed to the test
            result.append(exc)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), f"md.load({path}) blocked"
    return result[0]


def _refused(path: Path, fmt: str, name: str) -> md.DatasetError:
    error = _load_within(path, fmt)
    assert isinstance(error, md.DatasetError), error
    assert error.file == str(path)
    assert any(name in str(p) for p in error.problems), error
    return error


@pytest.mark.skipif(not PASSWD.is_file(), reason="needs /etc/passwd")
@pytest.mark.parametrize(("fmt", "name"), CASES, ids=IDS)
def test_link_out_of_the_folder_is_not_followed(small: md.Dataset, tmp_path: Path, fmt: str, name: str) -> None:
    """A table or metadata file replaced by a link to /etc/passwd is refused, and nothing of it appears."""
    path = _export(small, tmp_path, fmt)
    (path / name).unlink()
    (path / name).symlink_to(PASSWD)
    error = _refused(path, fmt, _link_refusal(fmt, name))
    first_line = PASSWD.read_text().splitlines()[0]
    assert first_line not in str(error)


@pytest.mark.parametrize(("fmt", "name"), CASES, ids=IDS)
def test_link_to_a_valid_copy_is_refused(small: md.Dataset, tmp_path: Path, fmt: str, name: str) -> None:
    """A link to a valid copy of the same file elsewhere is refused too: the size limit could not measure it."""
    path = _export(small, tmp_path, fmt)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shutil.move(path / name, elsewhere / name)
    (path / name).symlink_to(elsewhere / name)
    error = _refused(path, fmt, _link_refusal(fmt, name))
    if _link_refusal(fmt, name) == "symbolic link":
        assert any(p.message == f"{name!r} is a symbolic link, not a regular file" for p in error.problems), error


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes")
@pytest.mark.parametrize(("fmt", "name"), CASES, ids=IDS)
def test_named_pipe_is_refused_without_waiting(small: md.Dataset, tmp_path: Path, fmt: str, name: str) -> None:
    """A named pipe as any file of a folder is refused at once (opening it would wait for a writer forever)."""
    path = _export(small, tmp_path, fmt)
    (path / name).unlink()
    os.mkfifo(path / name)
    _refused(path, fmt, "named pipe")


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
@pytest.mark.parametrize(("fmt", "name"), CASES, ids=IDS)
def test_link_to_dev_zero_is_refused(small: md.Dataset, tmp_path: Path, fmt: str, name: str) -> None:
    """A link to /dev/zero is never read (it would be read until memory runs out)."""
    path = _export(small, tmp_path, fmt)
    (path / name).unlink()
    (path / name).symlink_to("/dev/zero")
    _refused(path, fmt, _link_refusal(fmt, name))


def _device(at: Path) -> bool:
    try:
        os.mknod(at, 0o644 | stat.S_IFCHR, os.makedev(1, 5))  # the numbers of /dev/zero
    except (PermissionError, OSError):
        return False
    return True


@pytest.mark.parametrize(("fmt", "name"), CASES, ids=IDS)
def test_device_file_is_refused(small: md.Dataset, tmp_path: Path, fmt: str, name: str) -> None:
    """A character device node inside the folder is refused before it is opened."""
    path = _export(small, tmp_path, fmt)
    (path / name).unlink()
    if not _device(path / name):
        pytest.skip("creating a device node needs privileges")
    _refused(path, fmt, "character device")


@pytest.mark.parametrize("fmt", FOLDER_FORMATS)
def test_folder_in_place_of_a_file_is_refused(small: md.Dataset, tmp_path: Path, fmt: str) -> None:
    """A folder where a table file belongs is refused (pyarrow would read it as a partitioned dataset)."""
    path = _export(small, tmp_path, fmt)
    name = f"topics.{EXTENSIONS[fmt]}"
    (path / name).unlink()
    (path / name).mkdir()
    _refused(path, fmt, "a folder, not a regular file")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes")
def test_package_resource_that_is_a_pipe_is_refused(small: md.Dataset, tmp_path: Path) -> None:
    """A data package resource path naming a named pipe inside the package is refused without waiting."""
    path = _export(small, tmp_path, "datapackage")
    (path / "data").mkdir()
    os.mkfifo(path / "data" / "pipe.csv")
    text = (path / "datapackage.json").read_text()
    (path / "datapackage.json").write_text(text.replace('"path": "topics.csv"', '"path": "data/pipe.csv"'))
    _refused(path, "datapackage", "named pipe")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes")
def test_json_document_that_is_a_pipe_is_refused(tmp_path: Path) -> None:
    """A named pipe given as a JSON document is refused at once, with the path named."""
    fifo = tmp_path / "data.json"
    os.mkfifo(fifo)
    error = _load_within(fifo, "json")
    assert isinstance(error, md.DatasetError)
    assert [p.message for p in error.problems] == ["'data.json' is a named pipe, not a regular file"]


def test_json_document_link_is_followed_but_not_to_a_device(small: md.Dataset, tmp_path: Path) -> None:
    """The file a user names may be a link to a document; a link to /dev/zero is refused, not read."""
    real = md.dump(small, tmp_path / "real.json")
    (tmp_path / "link.json").symlink_to(real)
    assert md.load(tmp_path / "link.json") == small
    if Path("/dev/zero").exists():
        (tmp_path / "zero.json").symlink_to("/dev/zero")
        error = _load_within(tmp_path / "zero.json", "json")
        assert isinstance(error, md.DatasetError)
        assert [p.message for p in error.problems] == ["'zero.json' is a character device, not a regular file"]


def _parquet_decoded(file: Path) -> int:
    """What a load counts for the Parquet *file* as decoded: its footer's bound, or its texts decoded if more."""
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    from mideastdata.io import _arrowread

    data = file.read_bytes()
    schema = pq.read_metadata(pa.BufferReader(data)).schema
    texts = [schema.column(i).path for i in range(len(schema)) if schema.column(i).physical_type == "BYTE_ARRAY"]
    table = pq.read_table(pa.BufferReader(data), read_dictionary=texts)
    decoded = sum(_arrowread._decoded(pa, pc, column) for column in table.columns)
    return max(_arrowread._estimate(pq.read_metadata(pa.BufferReader(data))), decoded)


def _parquet_bomb(folder: Path, rows: int, width: int) -> Path:
    """Replace the sources table of the Parquet export *folder* by *rows* sources of one *width*-character text.

    Written as any tool may write it (zstd, a dictionary): the text is stored once and each row
    refers to it by a run-length-encoded index, so the file is a few kilobytes.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    from mideastdata.io.parquet import arrow_schema

    schema = arrow_schema(md.Source)
    text = pa.array(["x" * width]).take(pa.array([0] * rows))  # one buffer of the text, taken per row
    values = {"id": pa.array([f"s{i}" for i in range(rows)]), "title": text, "text": text}
    columns = [values.get(f.name, pa.nulls(rows, f.type) if f.nullable else pa.array([""] * rows)) for f in schema]
    file = folder / "sources.parquet"
    pq.write_table(pa.Table.from_arrays(columns, schema=schema), file, compression="zstd", write_page_checksum=True)
    return file


def test_parquet_counts_what_it_decodes_to(small: md.Dataset, tmp_path: Path) -> None:
    """A Parquet file of a few kilobytes that decodes to 200 MB is refused at the size limit before it is decoded."""
    path = _export(small, tmp_path, "parquet")
    file = _parquet_bomb(path, rows=400, width=250_000)
    assert file.stat().st_size < 20_000
    with pytest.raises(md.DatasetError) as info:
        md.load(path, limits=md.Limits(max_bytes=50_000_000))
    [problem] = info.value.problems
    assert "more than the limit of 50,000,000" in problem.message, problem
    assert "input is 2" in problem.message  # the 200 MB it decodes to, counted before decoding


@pytest.mark.parametrize("fmt", FOLDER_FORMATS)
def test_size_limit_counts_every_file_once(small: md.Dataset, tmp_path: Path, fmt: str) -> None:
    """The size limit holds over the files a load reads, counted once even when a reader reads a file twice.

    A Parquet file counts as well what it decodes to (see ``test_parquet_counts_what_it_decodes_to``).
    """
    path = _export(small, tmp_path, fmt)
    size = sum(p.stat().st_size for p in path.iterdir())
    if fmt == "parquet":
        size += sum(_parquet_decoded(p) for p in path.glob("*.parquet"))
    assert md.load(path, limits=md.Limits(max_bytes=size)) == small
    with pytest.raises(md.DatasetError, match="more than the limit"):
        md.load(path, limits=md.Limits(max_bytes=size - 1))


def test_file_growing_while_read_stops_at_the_limit(small: md.Dataset, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file whose size says 0 (as in /proc) or that grows while read is read only up to the limit."""
    path = md.dump(small, tmp_path / "d.json")
    size = path.stat().st_size
    real_fstat = os.fstat

    class Zero:
        def __init__(self, st: os.stat_result) -> None:
            self.st_mode, self.st_size = st.st_mode, 0

    monkeypatch.setattr(os, "fstat", lambda fd: Zero(real_fstat(fd)))
    assert md.load(path) == small
    with pytest.raises(md.DatasetError, match="more than the limit"):
        md.load(path, limits=md.Limits(max_bytes=size - 1))


_CAPPED = """
import resource, sys
import mideastdata as md
ds = md.load()
md.dump(ds, sys.argv[1])
resource.setrlimit(resource.RLIMIT_AS, (int(sys.argv[2]), int(sys.argv[2])))
assert md.load(sys.argv[1]) == ds
print("ok")
"""


@pytest.mark.skipif(sys.platform != "linux", reason="RLIMIT_AS as Linux applies it")
def test_small_document_loads_under_a_memory_cap(tmp_path: Path) -> None:
    """A small document loads with the default limits in a process capped below ``max_bytes`` of memory.

    Reading reserves what the file holds, not ``Limits.max_bytes + 1`` (2 GiB) up front.
    """
    cap = 1_500_000_000
    out = subprocess.run(
        [sys.executable, "-c", _CAPPED, str(tmp_path / "d.json"), str(cap)],
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip() == "ok"

