# SPDX-License-Identifier: MIT
"""Soak: processes loading one folder while another process dumps to it, over and over.

One writer process dumps two different datasets, A and B, in turn, to one folder per
folder format (CSV, JSON Lines, Parquet when pyarrow is installed, data package), moving
to the next format after each dump. Reader processes load the folders in the same
rotation, as fast as they can, and compare each result's JSON with A's and B's. A *wrong* dataset is anything else (one version's ``dataset.json`` with the
other's tables, a table missing); an *unexpected exception* is any exception at all,
a ``DatasetError`` included. At the end the folders' parent must hold the folders alone
(no temporary file or folder left behind).

Command line (the figures in benchmarks/RESULTS.md)::

    python -m benchmarks.bench_soak --seconds 300 --readers 4 --statements 2000
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import multiprocessing
import sys
import tempfile
import time
import traceback
from pathlib import Path
from typing import Any

import mideastdata as md
from benchmarks import _harness

__all__ = ["main", "run"]


def _fingerprint(ds: md.Dataset) -> str:
    return hashlib.sha256(md.to_json(ds).encode("utf-8")).hexdigest()


def _datasets(statements: int, seed: int) -> tuple[md.Dataset, md.Dataset]:
    """A, and B: A with another name and version and a changed first record in every table."""
    import attrs

    from benchmarks.generate import generate

    a = generate(statements, seed=seed)
    changes = {
        "sources": {"title": "changed in B"},
        "actors": {"name": "Changed in B"},
        "topics": {"label": "changed in B"},
        "statements": {"summary": "Changed in B."},
        "demands": {"text": "changed in B"},
        "events": {"summary": "Changed in B."},
    }
    tables = {name: (attrs.evolve(getattr(a, name)[0], **change), *getattr(a, name).records[1:])
              for name, change in changes.items()}
    b = md.Dataset(name=f"{a.name} B", version="2.0.0", license=a.license, citation=a.citation, **tables)
    return a, b


def _formats() -> list[md.Format]:
    if importlib.util.find_spec("pyarrow") is None:
        return ["csv", "jsonl", "datapackage"]
    return ["csv", "jsonl", "parquet", "datapackage"]


def _writer(paths: dict[str, str], datasets: tuple[md.Dataset, md.Dataset], deadline: float, out: Any) -> None:
    dumps, errors = 0, []
    formats = list(paths)
    while time.time() < deadline:
        fmt = formats[dumps % len(formats)]
        try:
            md.dump(datasets[(dumps // len(formats)) % 2], paths[fmt], format=fmt)  # type: ignore[arg-type]
        except Exception:  # noqa: BLE001 - counted and reported
            errors.append(traceback.format_exc(limit=3))
        dumps += 1
    out.put({"role": "writer", "dumps": dumps, "errors": errors})


def _reader(paths: dict[str, str], fingerprints: tuple[str, str], deadline: float, out: Any) -> None:
    seen = {"a": 0, "b": 0, "wrong": 0}
    errors: list[str] = []
    slowest = 0.0
    folders = list(paths.values())
    attempt = 0
    while time.time() < deadline:
        started = time.perf_counter()
        attempt += 1
        try:
            ds = md.load(folders[attempt % len(folders)])
        except Exception:  # noqa: BLE001 - counted and reported
            errors.append(traceback.format_exc(limit=3))
            continue
        slowest = max(slowest, time.perf_counter() - started)
        found = _fingerprint(ds)
        seen["a" if found == fingerprints[0] else "b" if found == fingerprints[1] else "wrong"] += 1
    out.put({"role": "reader", **seen, "errors": errors, "slowest": slowest})


def run(seconds: float, readers: int = 4, statements: int = 2000, seed: int = 0) -> dict[str, Any]:
    """Run the soak for *seconds*; return the counts (loads of A and B, wrong datasets, exceptions)."""
    a, b = _datasets(statements, seed)
    fingerprints = (_fingerprint(a), _fingerprint(b))
    ctx = multiprocessing.get_context("spawn")
    with tempfile.TemporaryDirectory() as tmp:
        paths = {fmt: str(Path(tmp) / fmt) for fmt in _formats()}
        for fmt, path in paths.items():
            md.dump(a, path, format=fmt)
        out = ctx.Queue()
        deadline = time.time() + seconds + 3  # the processes start within the extra seconds
        procs = [ctx.Process(target=_writer, args=(paths, (a, b), deadline, out))]
        procs += [ctx.Process(target=_reader, args=(paths, fingerprints, deadline, out)) for _ in range(readers)]
        for proc in procs:
            proc.start()
        results = [out.get(timeout=seconds + 600) for _ in procs]
        for proc in procs:
            proc.join()
        leftovers = sorted(p.name for p in Path(tmp).iterdir() if p.name not in paths)
        last = all(_fingerprint(md.load(path)) in fingerprints for path in paths.values())
    reads = [r for r in results if r["role"] == "reader"]
    writer = next(r for r in results if r["role"] == "writer")
    return {
        "seconds": seconds,
        "readers": readers,
        "statements": statements,
        "dumps": writer["dumps"],
        "loads": sum(r["a"] + r["b"] + r["wrong"] for r in reads),
        "loads_a": sum(r["a"] for r in reads),
        "loads_b": sum(r["b"] for r in reads),
        "wrong": sum(r["wrong"] for r in reads),
        "exceptions": sum(len(r["errors"]) for r in reads) + len(writer["errors"]),
        "first_exceptions": [e for r in results for e in r["errors"]][:3],
        "slowest_load_s": round(max(r["slowest"] for r in reads), 3),
        "leftovers": leftovers,
        "formats": list(_formats()),
        "last_is_a_or_b": last,
    }


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--seconds", type=float, default=300.0, help="how long to run (default 300)")
    p.add_argument("--readers", type=int, default=4, help="reader processes (default 4)")
    p.add_argument("--statements", type=int, default=2000, help="dataset size (default 2000)")
    p.add_argument("--seed", type=int, default=0)
    args = p.parse_args(argv)
    result = run(args.seconds, args.readers, args.statements, args.seed)
    print(_harness.machine())
    print(json.dumps(result, indent=1))
    ok = not result["wrong"] and not result["exceptions"] and not result["leftovers"] and result["last_is_a_or_b"]
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
