"""The "Past one machine" page: its network figure is the one its example draws, and its figures are measured ones."""

from __future__ import annotations

import re
import struct
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "docs" / "past-one-machine.md"
FIGURE = ROOT / "docs" / "bundled-network.png"


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_the_checked_in_figure_is_what_the_example_draws(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Running the page's drawing example writes a PNG of the same size as docs/bundled-network.png."""
    pytest.importorskip("matplotlib")
    pytest.importorskip("networkx")
    from test_docs_examples import python_blocks

    blocks = [code for _, code in python_blocks(PAGE.read_text(encoding="utf-8"))]
    (drawing,) = [code for code in blocks if "bundled-network.png" in code]
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {}
    exec("import mideastdata as md\nds = md.load()\n" + drawing, namespace)  # noqa: S102 - the page's own example
    assert png_size((tmp_path / "bundled-network.png").read_bytes()) == png_size(FIGURE.read_bytes())
    assert "](bundled-network.png)" in PAGE.read_text(encoding="utf-8")


def test_the_page_quotes_the_recorded_figures() -> None:
    """Every time the page's "Measured" section gives is in benchmarks/RESULTS.md."""
    text = PAGE.read_text(encoding="utf-8")
    measured = text[text.index("## Measured") :]
    results = (ROOT / "benchmarks" / "RESULTS.md").read_text(encoding="utf-8")
    figures = re.findall(r"\b(\d+\.\d+) s\b", measured)
    assert len(figures) >= 10, "the Measured section gives too few figures"
    recorded = set(re.findall(r"\b\d+\.\d+\b", results))
    for figure in figures:
        assert figure in recorded, figure
