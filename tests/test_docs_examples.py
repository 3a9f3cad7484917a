"""Every ```python block in README.md and docs/*.md runs, page by page, as a reader would run it."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
THIS = Path(__file__).name

FENCE_RE = re.compile(r"^(?P<indent>[ ]*)(?P<fence>`{3,}|~{3,})(?P<info>[^\n`]*)\n(?P<body>.*?)^(?P=indent)(?P=fence)[ ]*$", re.MULTILINE | re.DOTALL)
"""A fenced code block: its info string (``python``) and its body."""

NOT_RUN = "# not run"
"""A block whose first line is this comment is shown, not run."""


def python_blocks(text: str) -> list[tuple[int, str]]:
    """The runnable ```python blocks of a Markdown text, with the line of each opening fence."""
    blocks = []
    for match in FENCE_RE.finditer(text):
        if match["info"].strip() not in {"python", "py"}:
            continue
        body = match["body"]
        if body.lstrip().startswith(NOT_RUN):
            continue
        line = text.count("\n", 0, match.start()) + 1
        indent = len(match["indent"])
        blocks.append((line, "\n".join(row[indent:] for row in body.splitlines())))
    return blocks


OWNED_ELSEWHERE = frozenset({"querying.md", "formats.md", "reliability.md", "performance.md"})
"""Pages whose own test modules may run their examples."""


def run_by_other_tests(page: Path) -> bool:
    """Whether another test module runs this page's examples itself (so they do not run twice)."""
    if page.name not in OWNED_ELSEWHERE:
        return False
    return any(
        page.name in test.read_text(encoding="utf-8")
        for test in (ROOT / "tests").glob("test_*.py")
        if test.name != THIS
    )


def pages() -> list[Path]:
    """README.md and every docs page with a Python example that no other test runs."""
    found = [ROOT / "README.md", *sorted(DOCS.glob("*.md"))]
    return [p for p in found if p.exists() and not run_by_other_tests(p) and python_blocks(p.read_text("utf-8"))]


def test_fence_parser_finds_blocks_and_skips_others() -> None:
    """Only python fences run; other languages and blocks marked '# not run' are skipped."""
    text = "a\n```python\nx = 1\n```\n```sh\nls\n```\n```python\n# not run\nboom()\n```\n````python\ny = 2\n````\n"
    assert python_blocks(text) == [(2, "x = 1"), (12, "y = 2")]


@pytest.mark.parametrize("page", pages(), ids=lambda p: str(p.relative_to(ROOT)))
def test_page_examples_run(page: Path, tmp_path: Path) -> None:
    """The page's Python blocks run in order in one namespace, in a scratch folder, without error."""
    namespace: dict[str, object] = {"__name__": "__docs__"}
    cwd = Path.cwd()
    os.chdir(tmp_path)
    try:
        for line, code in python_blocks(page.read_text(encoding="utf-8")):
            compiled = compile(code, f"{page.relative_to(ROOT)}:{line}", "exec")
            try:
                exec(compiled, namespace)  # noqa: S102 - running the documentation's examples is the point
            except Exception as exc:  # noqa: BLE001 - any failure of an example fails the page, named
                pytest.fail(f"{page.relative_to(ROOT)}, block at line {line}: {type(exc).__name__}: {exc}")
    finally:
        os.chdir(cwd)


def command_lines(text: str) -> list[str]:
    """The ``mideastdata ...`` command lines of the ```sh blocks of a Markdown text, comments dropped."""
    lines = []
    for match in FENCE_RE.finditer(text):
        if match["info"].strip() not in {"sh", "console", "shell"}:
            continue
        for row in match["body"].splitlines():
            words = shlex.split(row, comments=True)
            if words[:1] == ["mideastdata"]:
                lines.append(shlex.join(words))
    return lines


def test_command_line_parser_drops_comments() -> None:
    """A command line's trailing comment is not part of the command; quoted words stay whole."""
    text = '```sh\nmideastdata statements --search "very good"   # ranked\nls\n```\n'
    assert command_lines(text) == ["mideastdata statements --search 'very good'"]


def test_cli_page_examples_run(tmp_path: Path) -> None:
    """Every mideastdata command on the CLI page runs, in order, and exits 0 with output."""
    lines = command_lines((DOCS / "cli.md").read_text(encoding="utf-8"))
    assert len(lines) >= 5
    for line in lines:
        args = shlex.split(line)[1:]
        result = subprocess.run(
            [sys.executable, "-m", "mideastdata", *args],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            check=False,
            timeout=120,
        )
        assert result.returncode == 0, f"{line}: exit {result.returncode}\n{result.stderr}"
        assert result.stdout.strip(), f"{line}: printed nothing"
