"""Every ```python block of docs/querying.md runs, in order, in one namespace, as a reader would run it."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pytest

PAGE = Path(__file__).resolve().parent.parent / "docs" / "querying.md"
FENCE_RE = re.compile(r"^```python\n(.*?)^```$", re.MULTILINE | re.DOTALL)


def test_page_has_examples() -> None:
    """The querying page holds a Python example for every section that shows code."""
    assert len(FENCE_RE.findall(PAGE.read_text(encoding="utf-8"))) >= 10


def test_querying_examples_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """Each example runs without error after the ones before it, and the page's printed claims appear."""
    monkeypatch.chdir(tmp_path)
    text = PAGE.read_text(encoding="utf-8")
    namespace: dict[str, object] = {"__name__": "querying_doc"}
    for match in FENCE_RE.finditer(text):
        line = text.count("\n", 0, match.start()) + 2
        code = compile(match.group(1), f"{PAGE}:{line}", "exec")
        exec(code, namespace)  # noqa: S102 - running the documentation's own examples is the point
    out = capsys.readouterr().out
    assert "no actor matches 'Hamass' — did you mean 'Hamas'?" in out
    assert "statements[stmt-witkoff-announces-collaboration].summary: " in out
    assert "in datasets[0] 'mideastdata-gaza-negotiations', 'A different summary.' in datasets[1] 'theirs'" in out
