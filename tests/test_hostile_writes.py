"""Writes under hostile conditions: a user's own files, concurrent processes, kill -9, umasks, failing disks.

Real processes (``subprocess``, ``multiprocessing``) dump and load the same paths, since
these are guarantees about what other processes see.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import mideastdata as md

ROOT = Path(__file__).resolve().parent.parent
FOLDER_FORMATS: list[md.Format] = ["jsonl", "csv", "datapackage", "parquet"]
ALL_FORMATS: list[md.Format] = ["json", *FOLDER_FORMATS]


def _skip_without_pyarrow(fmt: str) -> None:
    if fmt == "parquet":
        pytest.importorskip("pyarrow")


def _target(tmp_path: Path, fmt: str) -> Path:
    return tmp_path / ("out.json" if fmt == "json" else "out")


# ------------------------------------------------------------------ whose files


@pytest.mark.parametrize("fmt", FOLDER_FORMATS)
def test_users_own_dataset_json_is_never_replaced(small: md.Dataset, tmp_path: Path, fmt: md.Format) -> None:
    """A folder holding only the user's own ``dataset.json`` (a JSON document) is not an export: refused, kept."""
    _skip_without_pyarrow(fmt)
    folder = tmp_path / "mine"
    md.dump(small, folder / "dataset.json")
    before = (folder / "dataset.json").read_bytes()
    with pytest.raises(FileExistsError, match=r"dataset\.json"):
        md.dump(small, folder, format=fmt)
    assert (folder / "dataset.json").read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine"]


def test_users_own_table_files_are_never_replaced(small: md.Dataset, tmp_path: Path) -> None:
    """A folder of the user's own CSV files with our names (but no export metadata) is refused."""
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "topics.csv").write_text("id,label\nmy,own\n")
    with pytest.raises(FileExistsError, match=r"topics\.csv"):
        md.dump(small, folder, format="csv")
    assert (folder / "topics.csv").read_text() == "id,label\nmy,own\n"


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_export_whose_metadata_the_user_replaced_is_kept(small: md.Dataset, tmp_path: Path, fmt: md.Format) -> None:
    """An export whose dataset.json the user overwrote with a dataset document is theirs now: refused, kept."""
    _skip_without_pyarrow(fmt)
    path = md.dump(small, tmp_path / "out", format=fmt)
    md.dump(small, path / "dataset.json")
    before = {p.name: p.read_bytes() for p in path.iterdir()}
    with pytest.raises(FileExistsError, match=r"dataset\.json"):
        md.dump(small, path, format=fmt)
    assert {p.name: p.read_bytes() for p in path.iterdir()} == before


@pytest.mark.parametrize("fmt", FOLDER_FORMATS)
def test_export_with_a_file_added_is_kept(small: md.Dataset, tmp_path: Path, fmt: md.Format) -> None:
    """A file the user added to an export (even with a table's name pattern) makes the folder theirs."""
    _skip_without_pyarrow(fmt)
    path = md.dump(small, tmp_path / "out", format=fmt)
    (path / "notes.csv").write_text("mine")
    with pytest.raises(FileExistsError, match=r"notes\.csv"):
        md.dump(small, path, format=fmt)
    assert (path / "notes.csv").read_text() == "mine"


# ------------------------------------------------------------------ what a killed dump leaves


@pytest.mark.parametrize("fmt", ALL_FORMATS)
def test_stale_temporaries_are_removed_by_the_next_dump(small: md.Dataset, tmp_path: Path, fmt: md.Format) -> None:
    """Temporary files and folders a killed dump left (ours by name) are removed by the next dump to that path."""
    _skip_without_pyarrow(fmt)
    target = _target(tmp_path, fmt)
    stale_dir = tmp_path / f".{target.name}.{'a' * 32}.tmp"
    stale_dir.mkdir()
    (stale_dir / "statements.csv").write_text("half")
    (tmp_path / f".{target.name}.{'b' * 32}.old").mkdir()
    (tmp_path / f".{target.name}.k3j_9x0q.tmp").write_text("from an earlier version's mkstemp")
    kept = tmp_path / f".{target.name}.not-ours"
    kept.write_text("a user's file")
    md.dump(small, target, format=fmt)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([target.name, kept.name])


_KILLED_DUMPER = """
import sys
import mideastdata as md
from benchmarks.generate import generate
ds = generate(int(sys.argv[3]))
print("ready", flush=True)
while True:
    md.dump(ds, sys.argv[1], format=sys.argv[2])
"""


@pytest.mark.parametrize("fmt", ["json", "csv", "jsonl"])
def test_kill_9_mid_dump_leaves_a_loadable_export_and_no_leftovers_after_the_next(
    small: md.Dataset, tmp_path: Path, fmt: md.Format
) -> None:
    """A dump killed with SIGKILL at random moments leaves the old or the new export whole; the next dump cleans up."""
    target = _target(tmp_path, fmt)
    md.dump(small, target, format=fmt)
    for delay in (0.05, 0.15, 0.3, 0.45):
        with subprocess.Popen(
            [sys.executable, "-c", _KILLED_DUMPER, str(target), fmt, "3000"],
            cwd=ROOT, stdout=subprocess.PIPE, text=True,
        ) as proc:
            assert proc.stdout is not None
            assert proc.stdout.readline().strip() == "ready"
            time.sleep(delay)
            proc.send_signal(signal.SIGKILL)
            proc.wait()
        loaded = md.load(target)
        assert loaded == small or len(loaded.statements) == 3000
    md.dump(small, target, format=fmt)
    assert sorted(p.name for p in tmp_path.iterdir()) == [target.name]
    assert md.load(target) == small


# ------------------------------------------------------------------ modes


@pytest.mark.skipif(not hasattr(os, "umask"), reason="POSIX modes")
@pytest.mark.parametrize("fmt", ALL_FORMATS)
def test_new_files_honour_the_umask(small: md.Dataset, tmp_path: Path, fmt: md.Format) -> None:
    """A new export's files are 0666 and folders 0777 less the umask (mkstemp gave 0600, mkdtemp 0700)."""
    _skip_without_pyarrow(fmt)
    old = os.umask(0o022)
    try:
        path = md.dump(small, _target(tmp_path, fmt), format=fmt)
    finally:
        os.umask(old)
    files = [path] if fmt == "json" else list(path.iterdir())
    assert {oct(f.stat().st_mode & 0o777) for f in files} == {oct(0o644)}
    if fmt != "json":
        assert oct(path.stat().st_mode & 0o777) == oct(0o755)


@pytest.mark.skipif(not hasattr(os, "umask"), reason="POSIX modes")
@pytest.mark.parametrize("fmt", ALL_FORMATS)
def test_replaced_files_keep_their_mode(small: md.Dataset, tmp_path: Path, fmt: md.Format) -> None:
    """Dumping over an export keeps the modes its owner gave the file, the folder and the table files."""
    _skip_without_pyarrow(fmt)
    path = md.dump(small, _target(tmp_path, fmt), format=fmt)
    files = [path] if fmt == "json" else list(path.iterdir())
    for f in files:
        f.chmod(0o640)
    if fmt != "json":
        path.chmod(0o750)
    md.dump(md.load(), path, format=fmt)
    files = [path] if fmt == "json" else list(path.iterdir())
    assert {oct(f.stat().st_mode & 0o777) for f in files} == {oct(0o640)}
    if fmt != "json":
        assert oct(path.stat().st_mode & 0o777) == oct(0o750)


# ------------------------------------------------------------------ errors name the target


@pytest.mark.parametrize("fmt", ALL_FORMATS)
def test_write_errors_name_the_target_not_the_temporary(
    small: md.Dataset, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: md.Format
) -> None:
    """A failing write (here a read-only file system on the first fsync) names the path the caller gave."""
    _skip_without_pyarrow(fmt)
    target = _target(tmp_path, fmt)

    def fsync(_fd: int) -> None:
        raise OSError(30, "Read-only file system", str(tmp_path / f".{target.name}.x.tmp"))

    monkeypatch.setattr(os, "fsync", fsync)
    with pytest.raises(OSError, match="Read-only file system") as info:
        md.dump(small, target, format=fmt)
    assert info.value.filename == str(target)
    assert str(info.value) == f"[Errno 30] Read-only file system: {str(target)!r}"
    assert list(tmp_path.iterdir()) == []


# ------------------------------------------------------------------ concurrent processes


_DUMPER = """
import sys, time
import mideastdata as md
ds = md.load()
while time.time() < float(sys.argv[4]):  # all start together
    time.sleep(0.001)
for i in range(int(sys.argv[3])):
    md.dump(ds, sys.argv[1], format=sys.argv[2])
print("done")
"""


@pytest.mark.parametrize("fmt", ["json", "csv", "jsonl"])
def test_concurrent_dumps_take_turns(tmp_path: Path, fmt: md.Format) -> None:
    """Three processes dumping to one path at once all succeed (no FileExistsError, no leftovers)."""
    target = _target(tmp_path, fmt)
    start = str(time.time() + 5)
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", _DUMPER, str(target), fmt, "40", start],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        for _ in range(3)
    ]
    outputs = [proc.communicate(timeout=300) for proc in procs]
    assert [(p.returncode, out.strip()) for p, (out, _) in zip(procs, outputs, strict=True)] == [(0, "done")] * 3, outputs
    assert sorted(p.name for p in tmp_path.iterdir()) == [target.name]
    assert md.load(target) == md.load()


def test_readers_see_one_version_while_another_process_dumps() -> None:
    """Two reader processes and one writer on one folder for a few seconds: every load is A or B, no exception.

    A short run of ``benchmarks/bench_soak.py`` (the recorded run lasts five minutes).
    """
    out = subprocess.run(
        [sys.executable, "-m", "benchmarks.bench_soak", "--seconds", "8", "--readers", "2", "--statements", "300"],
        cwd=ROOT, capture_output=True, text=True, timeout=600, check=False,
    )
    result = json.loads(out.stdout[out.stdout.index("{") :])
    assert result["dumps"] > 3, result
    assert result["loads"] > 3, result
    assert (result["wrong"], result["exceptions"], result["leftovers"]) == (0, 0, []), result
    assert result["last_is_a_or_b"]
    assert out.returncode == 0


_LOCK_HOLDER = """
import fcntl, os, sys, time
from pathlib import Path
folder, path, marker = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
fd = os.open(folder, os.O_RDONLY)
fcntl.flock(fd, fcntl.LOCK_EX)          # what a dump into the folder holds
if sys.argv[4] == "swap":
    path.rename(path.with_name(".aside"))  # the instant of a swap between its two renames, made long
print("locked", flush=True)
time.sleep(1.5)
if sys.argv[4] == "swap":
    path.with_name(".aside").rename(path)
marker.write_text("released")
os.close(fd)
"""


def _hold_lock(tmp_path: Path, path: Path, how: str) -> subprocess.Popen[str]:
    proc = subprocess.Popen(
        [sys.executable, "-c", _LOCK_HOLDER, str(path.parent), str(path), str(tmp_path / "marker"), how],
        stdout=subprocess.PIPE, text=True,
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "locked"
    return proc


@pytest.mark.skipif(sys.platform == "win32", reason="flock")
@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_a_dump_waits_for_the_dump_in_progress(small: md.Dataset, tmp_path: Path, fmt: md.Format) -> None:
    """A dump into a folder whose dump lock another process holds starts only after that one ends."""
    work = tmp_path / "work"
    target = _target(work, fmt)
    md.dump(small, target, format=fmt)
    with _hold_lock(tmp_path, target, "hold") as proc:
        md.dump(md.load(), target, format=fmt)
        assert (tmp_path / "marker").exists()  # written by the other process just before it let go
        proc.wait()
    assert md.load(target) == md.load()


@pytest.mark.skipif(sys.platform == "win32", reason="flock")
def test_a_load_during_the_swap_waits_for_the_new_export(small: md.Dataset, tmp_path: Path) -> None:
    """A load that finds the folder missing while a dump holds the lock waits for the dump, then loads."""
    work = tmp_path / "work"
    target = md.dump(small, work / "out", format="csv")
    with _hold_lock(tmp_path, target, "swap") as proc:
        assert not target.exists()
        assert md.load(target) == small
        assert (tmp_path / "marker").exists()
        proc.wait()


# ------------------------------------------------------------------ the partitioned Parquet folder


def _dump_hive(ds: md.Dataset, path: Path) -> Path:
    return md.dump(ds, path, format="parquet", partition_by="year")


@pytest.mark.parametrize("added", ["notes.txt", "statements/notes.txt", "statements/year=2025/mine.csv"])
def test_partitioned_export_with_a_users_file_is_kept(small: md.Dataset, tmp_path: Path, added: str) -> None:
    """A file the user put into a partitioned export, at any depth, makes it theirs: refused, kept whole."""
    pytest.importorskip("pyarrow")
    path = _dump_hive(small, tmp_path / "hive")
    (path / added).parent.mkdir(parents=True, exist_ok=True)
    (path / added).write_text("mine")
    before = sorted(str(p.relative_to(path)) for p in path.rglob("*"))
    with pytest.raises(FileExistsError, match=r"notes\.txt|mine\.csv"):
        _dump_hive(md.load(), path)
    assert sorted(str(p.relative_to(path)) for p in path.rglob("*")) == before
    assert (path / added).read_text() == "mine"


def test_partitioned_export_takes_the_dump_lock_and_cleans_stale_temporaries(small: md.Dataset, tmp_path: Path) -> None:
    """A partitioned dump removes what a killed one left (``mkdtemp``'s name or ours) and leaves nothing else."""
    pytest.importorskip("pyarrow")
    target = tmp_path / "hive"
    (tmp_path / f".hive.{'c' * 32}.tmp").mkdir()
    (tmp_path / ".hive.x7_k2m9q.tmp").mkdir()  # what the writer's tempfile.mkdtemp left before
    (tmp_path / f".hive.{'d' * 32}.old").mkdir()
    _dump_hive(small, target)
    _dump_hive(md.load(), target)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["hive"]


@pytest.mark.skipif(not hasattr(os, "umask"), reason="POSIX modes")
def test_partitioned_export_honours_the_umask_and_keeps_modes(small: md.Dataset, tmp_path: Path) -> None:
    """A new partitioned folder is 0777 less the umask (``mkdtemp`` gave 0700); a replaced one keeps its mode."""
    pytest.importorskip("pyarrow")
    old = os.umask(0o022)
    try:
        path = _dump_hive(small, tmp_path / "hive")
    finally:
        os.umask(old)
    assert oct(path.stat().st_mode & 0o777) == oct(0o755)
    path.chmod(0o750)
    _dump_hive(md.load(), path)
    assert oct(path.stat().st_mode & 0o777) == oct(0o750)


@pytest.mark.skipif(sys.platform == "win32", reason="flock")
def test_partitioned_dump_waits_for_the_dump_in_progress(small: md.Dataset, tmp_path: Path) -> None:
    """A partitioned dump into a folder whose dump lock another process holds starts only after that one ends."""
    pytest.importorskip("pyarrow")
    work = tmp_path / "work"
    target = _dump_hive(small, work / "hive")
    with _hold_lock(tmp_path, target, "hold") as proc:
        _dump_hive(md.load(), target)
        assert (tmp_path / "marker").exists()
        proc.wait()
    assert json.loads((target / "dataset.json").read_text())["name"] == md.load().name
