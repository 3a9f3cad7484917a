# SPDX-License-Identifier: MIT
"""Import time of mideastdata against ``import attrs, cattrs``, and ``md.load()`` after import.

Targets (issue 7): ``import mideastdata`` within 1.5x of ``import attrs, cattrs``
(nothing heavy at import time), and ``md.load()`` of the bundled data under 10 ms
after import. Every figure is timed inside a fresh interpreter (``perf_counter``
around the statement), so interpreter start-up is not counted.

The package is measured as installed: its bytecode is compiled first, as pip does
when it installs a wheel (and as attrs and cattrs are). Without that, an interpreter
run with ``PYTHONDONTWRITEBYTECODE`` compiles every module from source on every import.

    python -m benchmarks.bench_import --repeat 21
"""

from __future__ import annotations

import compileall
import importlib.util
import json
import statistics
import subprocess
import sys

from benchmarks._harness import ROOT, machine, parser

__all__ = ["main"]

_PROGRAMS = {
    "import attrs, cattrs": "import attrs, cattrs",
    "import mideastdata": "import mideastdata",
    "md.load() after import": "md.load()",
}

_CHILD = """
import json, sys, time
setup, stmt = sys.argv[1], sys.argv[2]
exec(setup)
start = time.perf_counter()
exec(stmt)
elapsed = time.perf_counter() - start
heavy = ("pandas", "pyarrow", "numpy", "msgspec", "orjson", "duckdb", "importlib.metadata")
print(json.dumps({"seconds": elapsed, "heavy": sorted(m for m in heavy if m in sys.modules)}))
"""


def _run(name: str) -> tuple[float, list[str]]:
    setup = "import mideastdata as md" if name == "md.load() after import" else "pass"
    out = subprocess.run(  # noqa: S603 - this interpreter, with a fixed program
        [sys.executable, "-c", _CHILD, setup, _PROGRAMS[name]],
        cwd=ROOT, check=True, capture_output=True, text=True,
    ).stdout
    result = json.loads(out)
    return result["seconds"], result["heavy"]


def main(argv: list[str] | None = None) -> int:
    args = parser(__doc__.splitlines()[0], repeat=21).parse_args(argv)
    spec = importlib.util.find_spec("mideastdata")
    assert spec is not None
    assert spec.submodule_search_locations
    compileall.compile_dir(spec.submodule_search_locations[0], quiet=1)  # as pip does on install
    times: dict[str, list[float]] = {name: [] for name in _PROGRAMS}
    heavy: set[str] = set()
    for _ in range(args.repeat):
        for name in _PROGRAMS:
            seconds, loaded = _run(name)
            times[name].append(seconds)
            if name == "import mideastdata":
                heavy.update(loaded)
    med = {name: statistics.median(values) for name, values in times.items()}
    base = med["import attrs, cattrs"]
    lines = [
        f"### Import and first load, median of {args.repeat} fresh interpreters",
        "",
        machine(),
        "",
        "| what | median (ms) | ratio to import attrs, cattrs |",
        "|---|---:|---:|",
    ]
    lines += [f"| {name} | {value * 1e3:.1f} | {value / base:.2f} |" for name, value in med.items()]
    print("\n".join(lines) + "\n")
    print(f"heavy modules imported by `import mideastdata`: {sorted(heavy) or 'none'}")
    print(f"target import within 1.5x of attrs+cattrs: {med['import mideastdata'] / base:.2f}x")
    print(f"target md.load() under 10 ms: {med['md.load() after import'] * 1e3:.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
