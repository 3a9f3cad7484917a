"""docs/reliability.md: every Python example runs, and every test file it names exists."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pytest

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "docs" / "reliability.md"
BLOCK = re.compile(r"```python\n(.*?)```", re.DOTALL)


def test_examples_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """Each Python block of the page runs, in order, in a fresh folder, and prints what the page says it does."""
    blocks = BLOCK.findall(PAGE.read_text(encoding="utf-8"))
    assert len(blocks) >= 2
    monkeypatch.chdir(tmp_path)
    for block in blocks:
        exec(compile(block, str(PAGE), "exec"), {})  # noqa: S102 - the page's own examples
    out = capsys.readouterr().out
    assert "statements[0].kind: expected one of" in out
    assert "statements[1].date: invalid date '2025-13-40'" in out
    assert "statements[0].speaker: unknown actor 'hamass' — did you mean 'hamas'?" in out
    assert "more than the limit of 10" in out


def test_named_files_exist() -> None:
    """Every test, benchmark and harness the page cites is in the repository."""
    named = set(re.findall(r"`((?:tests|benchmarks)/[\w/]+\.py)`", PAGE.read_text(encoding="utf-8")))
    assert len(named) >= 10
    missing = sorted(name for name in named if not (ROOT / name).is_file())
    assert missing == []
