"""Loads under a memory cap: the bound of docs/reliability.md holds for every format and hostile shape.

The bound: a load that ``Limits.max_bytes`` lets through takes at most ``BOUND[format]`` bytes
of memory per byte the limit counts (every file of the export; for Parquet also what its files
decode to), beyond what the library holds before it. Each case runs in a subprocess that
imports the library, loads a tiny export of the format (imports, generated code, pyarrow's
pools), then caps its address space (``RLIMIT_AS``) at what it uses plus
``BOUND * MAX_BYTES + SLACK`` and loads with ``Limits(max_bytes=MAX_BYTES)``:

* an input the limit lets through (a huge text, many tiny records, an unclosed quote) loads,
  or is refused for what it holds, within the cap;
* an input the limit does not let through (four times as large, or a Parquet file of a few
  kilobytes that decodes to 200 MB) is refused with the ``DatasetError`` of the limit, never
  a ``MemoryError``.

The figures behind ``BOUND`` are in benchmarks/RESULTS.md (``benchmarks/bench_bytes.py``).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import mideastdata as md

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="RLIMIT_AS and /proc/self/status, as on Linux"
)

BOUND = {"json": 6, "jsonl": 10, "csv": 22, "datapackage": 22, "parquet": 20}
"""Bytes of memory per byte counted by ``Limits.max_bytes``, at most (docs/reliability.md)."""
MAX_BYTES = 3_000_000
SLACK = 8_000_000
"""Beyond the bound: the allocator's rounding and arenas, the interpreter's own growth."""
FORMATS: list[md.Format] = ["json", "jsonl", "csv", "datapackage", "parquet"]
TINY = {"json": 40_000, "jsonl": 55_000, "csv": 190_000, "datapackage": 190_000, "parquet": 45_000}
"""How many tiny topics fill about 90% of MAX_BYTES in each format (as the limit counts it)."""
_UNIT = "ceasefire, talks\nhostages release, aid\n"

_CHILD = """
import json, resource, sys
import mideastdata as md
path, fmt, warm, cap, max_bytes = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
md.load(warm, format=fmt)
with open("/proc/self/status") as fh:
    used = next(int(line.split()[1]) * 1024 for line in fh if line.startswith("VmSize:"))
resource.setrlimit(resource.RLIMIT_AS, (used + cap, resource.getrlimit(resource.RLIMIT_AS)[1]))
try:
    ds = md.load(path, format=fmt, limits=md.Limits(max_bytes=max_bytes, max_records=None))
    print(json.dumps({"loaded": sum(map(len, ds.tables().values()))}))
except md.DatasetError as exc:
    print(json.dumps({"refused": [p.message for p in exc.problems]}))
except MemoryError:
    print(json.dumps({"memory": True}))
"""


def _size(path: Path) -> int:
    return path.stat().st_size if path.is_file() else sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def _capped(path: Path, fmt: md.Format, warm: Path) -> dict[str, Any]:
    cap = BOUND[fmt] * MAX_BYTES + SLACK
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, str(path), fmt, str(warm), str(cap), str(MAX_BYTES)],
        capture_output=True, text=True, timeout=300, check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _unclose(file: Path, opener: bytes) -> None:
    data = file.read_bytes()
    start = data.index(opener) + len(opener)
    end = data.index(b'"', start)
    file.write_bytes(data[:end] + data[end + 1 :])


_OPENER = {"json": b'"text": "ceasefire', "jsonl": b'"text":"ceasefire', "csv": b'"ceasefire'}


@pytest.fixture(scope="module")
def exports(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    """Each shape in each format: (shape, format) to its path; the shapes fit MAX_BYTES, but ``too big``."""
    pytest.importorskip("pyarrow")
    folder = tmp_path_factory.mktemp("capped")
    base = md.load()
    text = _UNIT * (int(MAX_BYTES * 0.9) // len(_UNIT))
    shapes = {
        "warm": base,
        "huge value": base.evolve(sources=(*base.sources, md.Source(id="huge", title="huge", text=text))),
        "too big": base.evolve(sources=(*base.sources, md.Source(id="huge", title="huge", text=text * 4))),
    }
    paths: dict[tuple[str, str], Path] = {}
    for fmt in FORMATS:
        for shape, ds in shapes.items():
            paths[shape, fmt] = md.dump(ds, folder / f"{shape.replace(' ', '-')}.{fmt}", format=fmt)
        tiny = base.evolve(topics=(*base.topics, *(md.Topic(id=f"t{i}", label="x") for i in range(TINY[fmt]))))
        paths["tiny records", fmt] = md.dump(tiny, folder / f"tiny.{fmt}", format=fmt)
    for fmt in FORMATS[:-1]:
        source = paths["huge value", fmt]
        path = folder / f"unclosed.{fmt}"
        (shutil.copytree if source.is_dir() else shutil.copy)(source, path)
        _unclose(path if fmt == "json" else path / ("sources.jsonl" if fmt == "jsonl" else "sources.csv"),
                 _OPENER.get(fmt, _OPENER["csv"]))
        paths["unclosed", fmt] = path
    return paths


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("shape", ["huge value", "tiny records"])
def test_a_load_within_the_limit_fits_the_bound(exports: dict[tuple[str, str], Path], fmt: md.Format, shape: str) -> None:
    """A huge text or many tiny records, as large as the limit lets through, load under the capped memory."""
    path = exports[shape, fmt]
    assert _size(path) <= MAX_BYTES
    result = _capped(path, fmt, exports["warm", fmt])
    assert "loaded" in result, result
    assert result["loaded"] > (TINY[fmt] if shape == "tiny records" else 0)


@pytest.mark.parametrize("fmt", FORMATS[:-1])
def test_an_unclosed_quote_is_refused_within_the_bound(exports: dict[tuple[str, str], Path], fmt: md.Format) -> None:
    """A huge text whose closing quote is missing is a problem at its place, found within the capped memory."""
    result = _capped(exports["unclosed", fmt], fmt, exports["warm", fmt])
    assert "refused" in result, result
    assert "more than the limit" not in " ".join(result["refused"])


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_larger_input_is_refused_by_the_limit_not_memory_error(
    exports: dict[tuple[str, str], Path], fmt: md.Format
) -> None:
    """An input four times the limit is refused with the limit's DatasetError under the same cap."""
    path = exports["too big", fmt]
    assert _size(path) > MAX_BYTES or fmt == "parquet"
    result = _capped(path, fmt, exports["warm", fmt])
    assert "refused" in result, result
    assert any("more than the limit" in message for message in result["refused"]), result
