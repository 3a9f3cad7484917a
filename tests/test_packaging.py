"""Packaging: the version, and the data files inside the built wheel."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from importlib.metadata import version
from pathlib import Path

import mideastdata as md

ROOT = Path(__file__).resolve().parent.parent


def test_version_from_metadata() -> None:
    """__version__ is the installed distribution's version."""
    assert md.__version__ == version("mideastdata")


def test_all_is_importable() -> None:
    """Every name in __all__ exists and is listed once."""
    assert len(set(md.__all__)) == len(md.__all__)
    for name in md.__all__:
        assert hasattr(md, name), name


def test_wheel_ships_data_and_types(tmp_path: Path) -> None:
    """The built wheel contains the bundled dataset, its source text and py.typed."""
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(tmp_path), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("mideastdata-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in ("mideastdata/py.typed", "mideastdata/data/mideastdata.json", "mideastdata/data/source.txt"):
        assert needed in names
    assert not any(n.startswith(("tests/", "benchmarks/")) for n in names)
