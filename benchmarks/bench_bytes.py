# SPDX-License-Identifier: MIT
"""Memory and time per input byte of a whole load, every format, hostile shapes included.

Each load runs in a fresh subprocess that has imported the library and loaded a tiny export
of the same format (so imports and generated code are not counted), then loads the file:

* **peak**: the highest memory Python allocated during the load (``tracemalloc``), in a
  subprocess of its own, since tracing slows the load;
* **RSS**: the growth of the resident set's high-water mark (``VmHWM``, reset just before the
  load) over the resident set just before it, and the wall time, in an untraced subprocess.

Both are divided by the bytes ``Limits.max_bytes`` counts: every file of the export, and for
Parquet also what its files decode to (see ``mideastdata/io/_arrowread.py``). The shapes:

* ``records``: a generated dataset (``benchmarks.generate``) of about that size;
* ``huge value``: the bundled dataset plus one source whose text is the whole size (commas
  and line ends, so CSV quotes it: one huge quoted cell);
* ``tiny records``: the bundled dataset plus as many topics ``{"id": "t1", "label": "x"}``;
* ``unclosed``: ``huge value`` with the closing quote of the text removed (refused).

The bundled load (``md.load()``, 33 KB of JSON) is measured once, first use in a fresh process.

    python -m benchmarks.bench_bytes --sizes 4 16 --repeat 1
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import Any, cast

from benchmarks._harness import ROOT, machine

__all__ = ["main"]

FORMATS = ("json", "jsonl", "csv", "datapackage", "parquet")
SHAPES = ("records", "huge value", "tiny records", "unclosed")
_UNIT = "ceasefire, talks\nhostages release, aid\n"
_TABLE = {"jsonl": "sources.jsonl", "csv": "sources.csv", "datapackage": "sources.csv"}
_OPENER = {
    "json": b'"text": "ceasefire', "jsonl": b'"text":"ceasefire', "csv": b'"ceasefire', "datapackage": b'"ceasefire',
}


def _rss() -> int:
    with Path("/proc/self/statm").open() as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def _reset_peak() -> None:
    """Start the resident set's high-water mark afresh (Linux 4.0 and later), so earlier peaks do not count."""
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")


def _peak_rss() -> int:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def _size(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def _child(path: str, format_name: str, warm: str, how: str) -> None:
    import mideastdata as md

    fmt = cast("md.Format", format_name)
    from mideastdata.io import _files

    unlimited = md.Limits(max_bytes=None, max_records=None)
    counted: list[int] = []
    charge = _files._Budget.charge  # noqa: SLF001 - counted, not changed

    def counting(budget: Any, key: str, size: int) -> None:  # what Limits.max_bytes counts, recorded
        charge(budget, key, size)
        counted.append(budget.total)

    _files._Budget.charge = counting  # type: ignore[method-assign,assignment]  # noqa: SLF001
    if path != "bundled":
        md.load(warm, format=fmt)  # imports, generated builders, pyarrow's pools
    gc.collect()
    if how == "trace":
        tracemalloc.start()
    _reset_peak()
    before = _rss()
    start = time.perf_counter()
    refused = None
    try:
        if path == "bundled":
            md.load()
        else:
            md.load(path, format=fmt, limits=unlimited)
    except md.DatasetError as exc:
        refused = str(exc.problems[0])[:60]
    elapsed = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1] if how == "trace" else 0
    grown = _peak_rss() - before
    result = {"time": elapsed, "peak": peak, "rss": max(grown, 0), "refused": refused}
    result["counted"] = max(counted, default=0)
    print(json.dumps(result))


def _run(path: Path | str, fmt: str, warm: Path, how: str) -> dict[str, Any]:
    out = subprocess.run(  # noqa: S603 - this script, with its own arguments
        [sys.executable, "-m", "benchmarks.bench_bytes", "--child", str(path), fmt, str(warm), how],
        cwd=ROOT, check=True, capture_output=True, text=True,
    ).stdout
    result: dict[str, Any] = json.loads(out.strip().splitlines()[-1])
    return result


def _unclose(file: Path, opener: bytes) -> None:
    data = file.read_bytes()
    start = data.index(opener) + len(opener)
    end = data.index(b'"', start)
    file.write_bytes(data[:end] + data[end + 1 :])


def _make(folder: Path, megabytes: float, formats: tuple[str, ...]) -> dict[tuple[str, str], Path]:
    """Every shape in every format, about *megabytes* of input each; the paths by (shape, format)."""
    import mideastdata as md
    from benchmarks.generate import generate

    base = md.load()
    size = int(megabytes * 1_000_000)
    text = _UNIT * (size // len(_UNIT))
    datasets = {
        "records": generate(max(50, size // 1100), seed=0),
        "huge value": base.evolve(sources=(*base.sources, md.Source(id="huge", title="huge", text=text))),
        "tiny records": base.evolve(
            topics=(*base.topics, *(md.Topic(id=f"t{i}", label="x") for i in range(size // 28)))
        ),
    }
    paths: dict[tuple[str, str], Path] = {}
    for shape, ds in datasets.items():
        for fmt in formats:
            path = folder / f"{shape.replace(' ', '-')}.{fmt}"
            md.dump(ds, path, format=fmt)  # type: ignore[arg-type]
            paths[shape, fmt] = path
    for fmt in formats:
        if fmt in _OPENER:
            source, path = paths["huge value", fmt], folder / f"unclosed.{fmt}"
            if source.is_dir():
                shutil.copytree(source, path)
            else:
                shutil.copy(source, path)
            _unclose(path / _TABLE[fmt] if fmt in _TABLE else path, _OPENER[fmt])
            paths["unclosed", fmt] = path
    return paths


def _formats() -> tuple[str, ...]:
    try:
        import pyarrow as pa  # noqa: F401 - only to tell whether Parquet can be measured
    except ImportError:
        return FORMATS[:-1]
    return FORMATS


_HEAD = (
    "| what | format | file (MB) | counted (MB) | result | peak (MB) | peak per byte | RSS (MB) | RSS per byte | s "
    "| ns per byte |"
)


def _row(what: str, fmt: str, size: int, trace: list[dict[str, Any]], plain: list[dict[str, Any]]) -> str:
    """One line of the table; per byte is per byte the size limit counts (a Parquet file's decoded bytes too)."""
    peak = statistics.median(r["peak"] for r in trace)
    rss = statistics.median(r["rss"] for r in plain)
    seconds = statistics.median(r["time"] for r in plain)
    counted = max(plain[0]["counted"], size)
    result = "refused" if plain[0]["refused"] else "loaded"
    return (
        f"| {what} | {fmt} | {size / 1e6:.2f} | {counted / 1e6:.2f} | {result} | {peak / 1e6:.1f} "
        f"| {peak / counted:.1f} | {rss / 1e6:.1f} | {rss / counted:.1f} | {seconds:.3f} "
        f"| {seconds / counted * 1e9:.0f} |"
    )


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--sizes", type=float, nargs="+", default=[4.0, 16.0], help="input sizes in MB (default 4 16)")
    p.add_argument("--repeat", type=int, default=1, help="subprocesses per figure; the median is reported")
    p.add_argument("--formats", nargs="+", choices=FORMATS, default=None)
    p.add_argument("--child", nargs=4, help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.child:
        _child(*args.child)
        return 0
    formats = tuple(args.formats) if args.formats else _formats()
    lines = [
        "### Memory and time per input byte, whole loads",
        "",
        machine(),
        "",
        _HEAD,
        "|---|---|---:|---:|---|---:|---:|---:|---:|---:|---:|",
    ]
    bundled = ROOT / "src" / "mideastdata" / "data" / "mideastdata.json"
    runs = [[_run("bundled", "json", bundled, how) for _ in range(args.repeat)] for how in ("trace", "plain")]
    lines.append(_row("bundled `md.load()`", "json", bundled.stat().st_size, *runs))
    with tempfile.TemporaryDirectory() as tmp:
        warm = Path(tmp) / "warm"
        warm.mkdir()
        import mideastdata as md

        tiny = md.load()
        warms = {fmt: md.dump(tiny, warm / f"w.{fmt}", format=cast("md.Format", fmt)) for fmt in formats}
        for megabytes in args.sizes:
            folder = Path(tmp) / f"{megabytes}"
            folder.mkdir()
            paths = _make(folder, megabytes, formats)
            for (shape, fmt), path in paths.items():
                runs = [[_run(path, fmt, warms[fmt], how) for _ in range(args.repeat)] for how in ("trace", "plain")]
                lines.append(_row(shape, fmt, _size(path), *runs))
            shutil.rmtree(folder)
            gc.collect()
    print("\n".join(lines) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
