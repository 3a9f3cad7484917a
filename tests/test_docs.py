"""The documentation: builds offline with warnings as errors, and says what the data holds."""

from __future__ import annotations

import enum
import html
import re
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

import mideastdata as md

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
CODEBOOK = DOCS / "codebook.md"

VOCABULARIES: tuple[type[enum.Enum], ...] = (
    md.ActorKind,
    md.StatementKind,
    md.Attribution,
    md.Position,
    md.DemandKind,
    md.EventKind,
    md.EventStatus,
    md.MagnitudeKind,
)
SRC_ROLE_RE = re.compile(r"\{src\}`([^`]+)`")
RECORDS_RE = re.compile(r"^```\{records\}(.*)$", re.MULTILINE)
RECORD_ID_RE = re.compile(r"`((?:stmt|dem|evt)-[a-z0-9]+(?:-[a-z0-9]+)*)`")


OFFLINE_BUILD = """
import socket, sys

def refuse(*args, **kwargs):
    raise OSError("the documentation build must not use the network")

socket.socket.connect = refuse
socket.socket.connect_ex = refuse
socket.create_connection = refuse
from sphinx.cmd.build import main
sys.exit(main(sys.argv[1:]))
"""
"""Run sphinx-build in a process whose sockets refuse to connect."""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The HTML documentation, built from scratch, offline, with warnings as errors."""
    out = tmp_path_factory.mktemp("html")
    args = ["-W", "--keep-going", "-E", "-q", "-b", "html", str(DOCS), str(out)]
    result = subprocess.run(
        [sys.executable, "-c", OFFLINE_BUILD, *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert result.returncode == 0, f"sphinx-build failed:\n{result.stderr}{result.stdout}"
    return out


def page_text(built: Path, page: str) -> str:
    """The visible text of a built page, tags stripped and whitespace collapsed."""
    raw = (built / f"{page}.html").read_text(encoding="utf-8")
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", raw)))


def inventory_names(built: Path) -> set[str]:
    """The object names in the build's ``objects.inv`` (what autodoc documented)."""
    data = (built / "objects.inv").read_bytes()
    header_end = 0
    for _ in range(4):  # four plain-text header lines, then a zlib stream
        header_end = data.index(b"\n", header_end) + 1
    body = zlib.decompress(data[header_end:]).decode("utf-8")
    return {line.split(" ", 1)[0] for line in body.splitlines() if line}


def normalize(text: str) -> str:
    """Collapse the whitespace of a phrase wrapped across Markdown lines."""
    return re.sub(r"\s+", " ", text).strip()


def test_docs_build_without_warnings(built: Path) -> None:
    """sphinx-build -W succeeds and writes every page of the table of contents."""
    for page in ("index", "installation", "guide", "cli", "api", "codebook", "datacard", "changelog"):
        assert (built / f"{page}.html").is_file(), page


def test_no_substitution_left_unfilled(built: Path) -> None:
    """Every {{ substitution }} on every page was replaced by its computed value."""
    unfilled = [p.name for p in built.glob("*.html") if re.search(r"\{\{\s*\w+\s*\}\}", p.read_text("utf-8"))]
    assert unfilled == []


def test_every_public_name_is_documented(built: Path) -> None:
    """Every name in mideastdata.__all__ is in the API reference's inventory."""
    names = inventory_names(built)
    missing = [name for name in md.__all__ if f"mideastdata.{name}" not in names]
    assert not missing, f"not in the API reference: {missing}"


def test_datacard_counts_are_the_data(built: Path) -> None:
    """The record counts the data card shows are the bundled dataset's."""
    ds = md.load()
    text = page_text(built, "datacard")
    for name, table in ds.tables().items():
        assert re.search(rf"\b{name} {len(table)}\b", text), f"datacard shows no count {len(table)} for {name}"
    records = sum(len(t) for name, t in ds.tables().items() if name != "sources")
    assert f"{records} records with" in text


def test_changelog_page_includes_changelog(built: Path) -> None:
    """The changelog page shows CHANGELOG.md (its first entry's text is on the page)."""
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    first_entry = next(line[2:] for line in changelog.splitlines() if line.startswith("- "))
    words = re.sub(r"\W+", " ", first_entry).split()[:8]
    assert " ".join(words) in re.sub(r"\W+", " ", page_text(built, "changelog"))


def test_changelog_names_every_public_name() -> None:
    """Every name in mideastdata.__all__ is announced in CHANGELOG.md (a new public name needs a line)."""
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    missing = [name for name in md.__all__ if not re.search(rf"`(md\.)?{re.escape(name)}[`(.]", changelog)]
    assert missing == [], f"CHANGELOG.md does not mention {missing}"


def test_changelog_lists_each_change_once() -> None:
    """No CHANGELOG.md entry appears twice (as a merge that keeps both sides can leave it)."""
    entries: list[str] = []
    for line in (ROOT / "CHANGELOG.md").read_text(encoding="utf-8").splitlines():
        if line.startswith("- "):
            entries.append(line)
        elif line.startswith("  ") and entries:
            entries[-1] += line
    assert entries
    assert sorted({e for e in entries if entries.count(e) > 1}) == []


def test_codebook_defines_every_vocabulary_value() -> None:
    """Every value of every closed vocabulary has a rule in the codebook (a definition-list term)."""
    text = CODEBOOK.read_text(encoding="utf-8")
    missing = [
        f"{vocab.__name__}.{member.name}"
        for vocab in VOCABULARIES
        for member in vocab
        if not re.search(rf"^`{re.escape(str(member.value))}`\n: ", text, re.MULTILINE)
    ]
    assert not missing, f"no rule in docs/codebook.md for {missing}"


def test_codebook_names_every_bundled_topic() -> None:
    """Every topic of the bundled dataset is discussed in the codebook's own words."""
    text = CODEBOOK.read_text(encoding="utf-8")
    missing = [topic.id for topic in md.load().topics if f"`{topic.id}`" not in text]
    assert not missing


def test_worked_examples_cover_every_coded_record() -> None:
    """Every statement, demand and event of the bundled dataset is shown in a worked example."""
    shown = {ref for line in RECORDS_RE.findall(CODEBOOK.read_text(encoding="utf-8")) for ref in line.split()}
    ds = md.load()
    missing = [r.id for table in (ds.statements, ds.demands, ds.events) for r in table if r.id not in shown]
    assert not missing, f"no worked example shows {missing}"


def test_record_ids_mentioned_exist() -> None:
    """Every statement, demand or event id the README and the docs name or show is in the bundled dataset."""
    ds = md.load()
    known = {r.id for t in ds.tables().values() for r in t}
    mentioned: set[str] = set()
    for page in [ROOT / "README.md", *DOCS.glob("*.md")]:
        text = page.read_text(encoding="utf-8")
        mentioned |= set(RECORD_ID_RE.findall(text))
        mentioned |= {ref.rpartition(":")[2] for line in RECORDS_RE.findall(text) for ref in line.split()}
    assert len(mentioned) >= len(ds.statements) + len(ds.demands) + len(ds.events)
    assert sorted(mentioned - known) == []


@pytest.mark.parametrize("page", sorted(DOCS.glob("*.md")), ids=lambda p: p.name)
def test_quoted_source_phrases_are_in_the_source(page: Path) -> None:
    """Every {src} phrase a page quotes occurs verbatim in the bundled source text."""
    source = md.load().sources[0].text
    phrases = [normalize(p) for p in SRC_ROLE_RE.findall(page.read_text(encoding="utf-8"))]
    assert [p for p in phrases if p not in source] == []


def test_source_line_numbers_exist() -> None:
    """The codebook's line references (L1 ... Ln) point at lines the source has."""
    lines = len(md.load().sources[0].text.splitlines())
    text = CODEBOOK.read_text(encoding="utf-8")
    cited = {int(n) for n in re.findall(r"\bL(\d+)\b", text)}
    cited |= {int(n) for spec in re.findall(r"\{source-lines\} (\S+)", text) for n in spec.split("-")}
    assert cited
    assert max(cited) <= lines


def test_readme_links_resolve() -> None:
    """Every relative link in README.md names a file in the repository."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    targets = [t.split("#")[0] for t in re.findall(r"\]\(([^)\s]+)\)", text) if "://" not in t]
    assert targets
    assert [t for t in targets if t and not (ROOT / t).exists()] == []


def test_readme_test_command_runs_the_whole_suite() -> None:
    """The README's test command (which CI runs) runs pytest, mypy --strict and ruff."""
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    marker = lines.index("<!-- test-command -->")
    command = lines[marker + 2]
    for tool in ("-m pytest", "mypy --strict src tests", "ruff check src tests"):
        assert tool in command
