"""Smoke tests: the benchmark scripts still run, at a tiny size (no timing is asserted)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import mideastdata as md

ROOT = Path(__file__).resolve().parent.parent


def _generate(out: Path, statements: int, seed: int = 0) -> None:
    subprocess.run(
        [sys.executable, "-m", "benchmarks.generate", "--statements", str(statements), "--out", str(out),
         "--seed", str(seed)],
        cwd=ROOT, check=True, capture_output=True,
    )


def test_generated_dataset_loads_and_has_the_promised_shape(tmp_path: Path) -> None:
    """A generated document loads as a checked Dataset with proportional tables and anchored quotes."""
    out = tmp_path / "synthetic.json"
    _generate(out, 2000)
    ds = md.load(out)
    assert (len(ds.statements), len(ds.demands), len(ds.events), len(ds.topics)) == (2000, 500, 500, 50)
    assert len(ds.actors) == 20
    for st in ds.statements:
        assert 1 <= len(st.topics) <= 3
        assert 1 <= len(st.evidence) <= 2
        assert 60 <= len(st.summary) <= 252
        for ev in st.evidence:
            assert ds.sources[ev.source].text[ev.start : ev.end] == ev.quote
    missing = sum(st.date is None for st in ds.statements) / len(ds.statements)
    assert 0.2 < missing < 0.4
    assert {st.date.precision for st in ds.statements if st.date is not None} == {"year", "month", "day"}
    assert any(not st.summary.isascii() for st in ds.statements)


def test_generation_is_deterministic_by_seed(tmp_path: Path) -> None:
    """The same seed writes the same document; another seed writes a different one."""
    a, b, c = tmp_path / "a.json", tmp_path / "b.json", tmp_path / "c.json"
    _generate(a, 300)
    _generate(b, 300)
    _generate(c, 300, seed=1)
    assert a.read_bytes() == b.read_bytes()
    assert json.loads(a.read_bytes()) != json.loads(c.read_bytes())


SCRIPTS = {
    "bench_decode": ["--statements", "300", "--repeat", "1"],
    "bench_encode": ["--statements", "300", "--repeat", "1"],
    "bench_memory": ["--statements", "300", "--repeat", "1"],
    "bench_import": ["--repeat", "1"],
    "bench_growth": ["--sizes", "200", "400", "--repeat", "1"],
    "bench_duckdb": ["--statements", "300", "--repeat", "1"],
    "bench_html": ["--statements", "300", "--sources", "10", "--repeat", "1", "--no-browser"],
    "bench_merge": ["--datasets", "3", "--records", "300", "--repeat", "1"],
    "bench_search": ["--statements", "300", "--repeat", "1", "--first-calls"],
    "bench_eventdata": ["--statements", "300", "--repeat", "1", "--parts", "event_table", "to_arrow", "network",
                        "--network-records", "300"],
    "bench_annotations": ["--documents", "5", "--per-document", "20", "--repeat", "1"],
    "bench_bytes": ["--sizes", "0.1", "--formats", "json", "csv"],
}


@pytest.mark.parametrize("script", sorted(SCRIPTS))
def test_benchmark_script_runs_at_a_tiny_size(script: str) -> None:
    """Each benchmark script runs to the end at a tiny size and prints its table of figures."""
    done = subprocess.run(
        [sys.executable, "-m", f"benchmarks.{script}", *SCRIPTS[script]],
        cwd=ROOT, check=False, capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert "| contender |" in done.stdout or "| what |" in done.stdout or "| statements |" in done.stdout or (
        "| query |" in done.stdout
    )
