"""The annotation commands: export to a tool's format, import back (repairs on stderr), print each tool's scheme."""

from __future__ import annotations

from pathlib import Path

import pytest

import mideastdata as md
from mideastdata.cli import main
from mideastdata.io.brat import annotation_conf
from mideastdata.io.label_studio import labeling_config


@pytest.mark.parametrize("fmt", ["brat", "label-studio", "inception", "w3c"])
def test_export_then_import_gives_the_dataset_back(fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`export --format F` then `import --format F` writes a dataset equal to the one exported."""
    coded = tmp_path / ("coded.json" if fmt in {"label-studio", "w3c"} else "coded")
    assert main(["export", "--format", fmt, "--out", str(coded)]) == 0
    assert main(["import", str(coded), "--format", fmt, "--out", str(tmp_path / "back.json")]) == 0
    assert "49 records" in capsys.readouterr().out
    assert md.load(tmp_path / "back.json") == md.load()


def test_import_reports_repairs_on_stderr(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A span repaired on import is listed on standard error; the import still succeeds."""
    folder = md.dump(md.load(), tmp_path / "coded", format="brat")
    ann = folder / "gaza-negotiations-article.ann"
    ann.write_text(ann.read_text(encoding="utf-8").replace("T4\tActor 0 2\t", "T4\tActor 3 5\t"), encoding="utf-8")
    assert main(["import", str(folder), "--format", "brat", "--out", str(tmp_path / "back.json")]) == 0
    assert "Actor T4 [3, 5) repaired to [0, 2)" in capsys.readouterr().err


def test_import_of_broken_annotations_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Annotations that do not make a valid dataset exit 1 with every problem on stderr, and write nothing."""
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "a.txt").write_text("Hamas said no.", encoding="utf-8")
    (folder / "a.ann").write_text("T1\tStatement 0 14\tHamas said no.\n", encoding="utf-8")
    assert main(["import", str(folder), "--format", "brat", "--out", str(tmp_path / "out.json")]) == 1
    assert "Statement 'stmt-a-t1' has no speaker" in capsys.readouterr().err
    assert not (tmp_path / "out.json").exists()


@pytest.mark.parametrize(("tool", "expected"), [("label-studio", labeling_config()), ("brat", annotation_conf())])
def test_scheme_prints_the_generated_scheme(tool: str, expected: str, capsys: pytest.CaptureFixture[str]) -> None:
    """`scheme --tool T` prints exactly the scheme the library generates for T."""
    assert main(["scheme", "--tool", tool]) == 0
    assert capsys.readouterr().out == expected


def test_scheme_prints_the_inception_layers(capsys: pytest.CaptureFixture[str]) -> None:
    """`scheme --tool inception` prints the UIMA type system of the two layers, readable."""
    pytest.importorskip("cassis")
    assert main(["scheme", "--tool", "inception"]) == 0
    out = capsys.readouterr().out
    assert "<name>webanno.custom.Record</name>" in out
    assert "<name>webanno.custom.RecordRelation</name>" in out


def test_scheme_needs_a_known_tool(capsys: pytest.CaptureFixture[str]) -> None:
    """An unknown tool is a usage error."""
    assert main(["scheme", "--tool", "doccano"]) == 2
    assert "invalid choice" in capsys.readouterr().err
