# SPDX-License-Identifier: MIT
"""Shared benchmark plumbing: arguments, interleaved repetitions, medians, ratio tables."""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

__all__ = ["document_bytes", "machine", "measure", "parser", "report"]

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # `python benchmarks/bench_x.py` as well as `python -m benchmarks.bench_x`
    sys.path.insert(0, str(ROOT))


def parser(description: str, *, statements: int = 200_000, repeat: int = 5) -> argparse.ArgumentParser:
    """The common command line: ``--statements N --repeat R --seed S``."""
    p = argparse.ArgumentParser(description=description)
    p.add_argument("--statements", type=int, default=statements, help=f"dataset size (default {statements})")
    p.add_argument("--repeat", type=int, default=repeat, help=f"repetitions; the median is reported (default {repeat})")
    p.add_argument("--seed", type=int, default=0)
    return p


def machine() -> str:
    """One line naming the machine and interpreter the figures come from."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = ""
    if hasattr(os, "getloadavg"):
        load = f", load {os.getloadavg()[0]:.1f}"
    return f"{os.cpu_count()} CPUs, {cpu}, Python {platform.python_version()}{load}"


def document_bytes(n_statements: int, seed: int) -> bytes:
    """The generated document as compact UTF-8 JSON bytes (what every decoder reads)."""
    from benchmarks.generate import generate_document

    doc = generate_document(n_statements, seed=seed)
    data = json.dumps(doc, ensure_ascii=False).encode("utf-8")
    del doc
    gc.collect()
    return data


def measure(contenders: dict[str, Callable[[], Any]], repeat: int) -> dict[str, float]:
    """Median wall time of each contender; repetitions interleaved so drift hits all alike.

    Each call runs with the interpreter's default settings (the garbage collector
    on); results are dropped and memory collected between calls.
    """
    times: dict[str, list[float]] = {name: [] for name in contenders}
    for _ in range(repeat):
        for name, fn in contenders.items():
            gc.collect()
            start = time.perf_counter()
            result = fn()
            elapsed = time.perf_counter() - start
            del result
            times[name].append(elapsed)
    gc.collect()
    return {name: statistics.median(values) for name, values in times.items()}


def report(title: str, medians: dict[str, float], base: str, *, per: int | None = None) -> str:
    """A Markdown table of medians with each contender's time divided by *base*'s."""
    lines = [f"### {title}", "", machine(), ""]
    head = "| contender | median (s) | ratio to " + base + " |"
    if per:
        head += " µs per statement |"
    lines += [head, "|---|---:|---:|" + ("---:|" if per else "")]
    for name, value in medians.items():
        row = f"| {name} | {value:.3f} | {value / medians[base]:.2f} |"
        if per:
            row += f" {value / per * 1e6:.2f} |"
        lines.append(row)
    text = "\n".join(lines) + "\n"
    print(text)
    return text
