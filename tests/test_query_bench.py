"""The query benchmark still runs at a tiny size, and its three methods agree (no timing is asserted)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_query_benchmark_runs_and_its_methods_agree() -> None:
    """bench_query checks that index, comprehension and pandas mask give the same ids, then reports both queries."""
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks.bench_query", "--statements", "2000", "--repeat", "1", "--queries", "3"],
        cwd=ROOT, check=True, capture_output=True, text=True,
    )
    lines = result.stdout.splitlines()
    assert any(line.startswith("index build (first call, excluded below)") for line in lines)
    assert any(line.startswith("statements.by(a) ") for line in lines)
    assert any(line.startswith("statements.by(a).about(t) ") for line in lines)
