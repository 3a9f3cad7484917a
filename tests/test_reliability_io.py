"""Nothing lost: failed writes keep earlier output, loading never writes, every character round-trips.

(Failures part-way through writing files are covered in test_io_atomic.py; here the
failure comes while encoding, or at the final rename.)
"""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import mideastdata as md
from mideastdata import cli

FORMATS: tuple[md.Format, ...] = ("json", "jsonl", "csv", "datapackage", "parquet")
FOLDER_FORMATS: tuple[md.Format, ...] = ("jsonl", "csv", "datapackage", "parquet")


def _target(tmp_path: Path, fmt: str) -> Path:
    return tmp_path / ("out.json" if fmt == "json" else "out")


def _tree(root: Path) -> dict[str, tuple[int, int, bytes]]:
    """Every file under *root*: its mode, modification time (ns) and bytes."""
    out: dict[str, tuple[int, int, bytes]] = {}
    for path in sorted(root.rglob("*")):
        st_ = path.lstat()
        out[str(path.relative_to(root))] = (st_.st_mode, st_.st_mtime_ns, path.read_bytes() if path.is_file() else b"")
    return out


@pytest.mark.parametrize("fmt", FORMATS)
def test_failure_while_encoding_keeps_earlier_output(tmp_path: Path, fmt: md.Format, small: md.Dataset) -> None:
    """A dataset that cannot be encoded (a lone surrogate built in Python) fails the dump and leaves the earlier export."""
    if fmt == "parquet":
        pytest.importorskip("pyarrow")
    path = md.dump(small, _target(tmp_path, fmt), format=fmt)
    before = _tree(tmp_path)
    broken = small.evolve(citation="cut \ud800 here")
    with pytest.raises(md.DatasetError) as exc:
        md.dump(broken, path, format=fmt)
    assert [p.path for p in exc.value.problems] == ["citation"]
    assert _tree(tmp_path) == before
    assert md.load(path) == small


@pytest.mark.parametrize("fmt", FOLDER_FORMATS)
def test_failure_at_the_swap_restores_the_old_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: md.Format, small: md.Dataset
) -> None:
    """If moving the new folder into place fails, the old folder is put back whole and no temporary folder stays."""
    if fmt == "parquet":
        pytest.importorskip("pyarrow")
    path = md.dump(small, _target(tmp_path, fmt), format=fmt)
    before = {k: v[2] for k, v in _tree(path).items()}
    real = os.rename
    calls: list[str] = []

    def rename(src: Any, dst: Any) -> None:
        calls.append(str(dst))
        if len(calls) == 2:  # the old folder is aside; the new one is moving in
            raise OSError(5, "I/O error")
        real(src, dst)

    monkeypatch.setattr(os, "rename", rename)
    with pytest.raises(OSError, match="I/O error"):
        md.dump(md.load(), path, format=fmt)
    monkeypatch.undo()
    assert len(calls) >= 2
    assert {k: v[2] for k, v in _tree(path).items()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]
    assert md.load(path) == small


@pytest.mark.parametrize("fmt", FORMATS)
def test_failure_at_the_final_rename_keeps_earlier_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: md.Format, small: md.Dataset
) -> None:
    """If the final rename of any format fails, the earlier output is untouched and no temporary file stays."""
    if fmt == "parquet":
        pytest.importorskip("pyarrow")
    path = md.dump(small, _target(tmp_path, fmt), format=fmt)
    before = _tree(tmp_path)

    def fail(*_args: Any) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    monkeypatch.setattr(os, "rename", fail)
    with pytest.raises(OSError, match="No space left"):
        md.dump(md.load(), path, format=fmt)
    monkeypatch.undo()
    assert _tree(tmp_path) == before


@pytest.mark.parametrize("fmt", FORMATS)
def test_loading_never_writes(tmp_path: Path, fmt: md.Format, small: md.Dataset, capsys: pytest.CaptureFixture[str]) -> None:
    """Loading and validating (valid or invalid data) change no file, no time stamp, and create nothing."""
    if fmt == "parquet":
        pytest.importorskip("pyarrow")
    good = md.dump(small, tmp_path / ("good.json" if fmt == "json" else "good"), format=fmt)
    bad = md.dump(small, tmp_path / ("bad.json" if fmt == "json" else "bad"), format=fmt)
    victim = bad if fmt == "json" else bad / ("datapackage.json" if fmt == "datapackage" else "dataset.json")
    victim.write_bytes(victim.read_bytes().replace(b'"1.0.0"', b'"one"'))
    before = _tree(tmp_path)
    assert md.load(good) == small
    with pytest.raises(md.DatasetError):
        md.load(bad)
    assert cli.main(["validate", str(good)]) == 0
    assert cli.main(["validate", str(bad)]) == 1
    capsys.readouterr()
    assert _tree(tmp_path) == before


def test_loading_the_bundled_data_never_writes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Building the bundled dataset afresh leaves the package's data folder as it was."""
    from importlib import resources

    from mideastdata import _bundled

    data = Path(str(resources.files("mideastdata").joinpath("data")))
    before = _tree(data)
    monkeypatch.setattr(_bundled, "_dataset", None)
    assert md.load() == md.load()
    assert _tree(data) == before


_LETTERS = st.sampled_from(["e\u0301", "\u00e9", "A\u030a", "\u00c5", "\ufb01", "\u1e9b\u0323", "\uac00", "\u1100\u1161",
                            "\u0627\u0644\u0623", "\u0627\u0644\u0627\u0654", "\u05e9\u05c1", "\U0001f44d\U0001f3fd",
                            "\u2126", "\u03a9", "\r\n", "\t", "\u00a0", "\u2028", "\ufeff", "\x00", "'", '"', ",", "="])
_TEXTS = st.lists(st.one_of(_LETTERS, st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=6)),
                  min_size=1, max_size=6).map("".join).filter(lambda s: bool(s.strip()))


def _dataset_with(text: str) -> md.Dataset:
    """A small valid dataset whose free text holds *text* in the form given, NFC and NFD."""
    nfc, nfd = unicodedata.normalize("NFC", text), unicodedata.normalize("NFD", text)
    source_text = f"{text}|{nfc}|{nfd}"
    src = md.Source(id="src", title=nfd, text=source_text, publisher=nfc)
    whole = md.Evidence(source="src", start=0, end=len(source_text), quote=source_text)
    actor = md.Actor(id="a", name=text, kind=md.ActorKind.PERSON, aliases=(nfc, nfd), evidence=(whole,))
    topic = md.Topic(id="t", label=nfc, description=nfd)
    stmt = md.Statement(id="s", speaker="a", kind=md.StatementKind.CLAIM, summary=nfd, quote=nfc,
                        attribution=md.Attribution.DIRECT, topics=("t",),
                        stances=(md.Stance(topic="t", position=md.Position.CONDITIONAL, condition=text),),
                        evidence=(whole,))
    return md.Dataset(name=nfd, version="1.0.0", license=nfc, citation=text,
                      sources=(src,), actors=(actor,), topics=(topic,), statements=(stmt,))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=_TEXTS)
@pytest.mark.parametrize("fmt", FORMATS)
def test_every_character_round_trips_as_given(tmp_path: Path, fmt: md.Format, text: str) -> None:
    """NFC and NFD forms (and controls, BOMs, emoji) come back exactly as given, in every format: nothing is normalised."""
    if fmt == "parquet":
        pytest.importorskip("pyarrow")
    ds = _dataset_with(text)
    path = md.dump(ds, tmp_path / ("rt.json" if fmt == "json" else "rt"), format=fmt)
    back = md.load(path)
    assert back == ds
    assert back.sources[0].text == ds.sources[0].text
    assert [a.encode("utf-8") for a in back.actors[0].aliases] == [a.encode("utf-8") for a in ds.actors[0].aliases]
    assert back.topics[0].description.encode("utf-8") == unicodedata.normalize("NFD", text).encode("utf-8")
