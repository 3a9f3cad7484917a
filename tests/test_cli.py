"""The installed ``mideastdata`` command, run in a real subprocess."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import mideastdata as md


def run(*args: str) -> subprocess.CompletedProcess[str]:
    exe = shutil.which("mideastdata")
    cmd = [exe] if exe else [sys.executable, "-m", "mideastdata"]
    return subprocess.run([*cmd, *args], capture_output=True, text=True, check=False, timeout=60)


def test_info_summarises_bundled_data() -> None:
    """`info` prints counts per table, actors with roles, and demands as who → of whom: what."""
    ds = md.load()
    result = run("info")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    counts = {line.split()[0]: int(line.split()[1]) for line in out.splitlines()[3:9]}
    assert counts == {name: len(table) for name, table in ds.tables().items()}
    assert "Steve Witkoff [person] — special envoy of Donald Trump" in out
    assert "Israel → Hamas:" in out
    assert result.stderr == ""


def test_python_dash_m_works() -> None:
    """`python -m mideastdata info` is the same program."""
    result = subprocess.run([sys.executable, "-m", "mideastdata", "info"], capture_output=True, text=True, check=False)
    assert result.returncode == 0
    assert "Actors" in result.stdout


def test_invalid_file_exits_1(tmp_path: Path) -> None:
    """Invalid data exits 1 with the problems on stderr and no traceback."""
    bad = tmp_path / "bad.json"
    bad.write_text('{"schema_version": "1.0", "name": "x", "version": "1.0.0", "actors": [{"id": "A"}]}')
    result = run("info", str(bad))
    assert result.returncode == 1
    assert "actors[0]" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("args", [("--nope",), ("frobnicate",)])
def test_usage_error_exits_2(args: tuple[str, ...]) -> None:
    """Usage errors exit 2 with a message on stderr."""
    result = run(*args)
    assert result.returncode == 2
    assert "usage:" in result.stderr
