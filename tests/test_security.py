"""Security: loading never evaluates code, and data never names a file outside its dataset.

(Data package resource paths that lead outside the package are tested in
test_hostile_packages.py.)
"""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

import mideastdata as md

SRC = Path(md.__file__).parent

# Modules that can run code found in data, and calls that run code given as text.
FORBIDDEN_MODULES = {"pickle", "cPickle", "_pickle", "marshal", "shelve", "dill", "cloudpickle", "jsonpickle", "yaml",
                     "subprocess", "pty", "code", "codeop", "runpy", "ctypes"}
FORBIDDEN_CALLS = {"eval", "exec", "compile", "__import__", "breakpoint", "input"}
FORBIDDEN_ATTRIBUTES = {("os", "system"), ("os", "popen"), ("os", "execv"), ("os", "execvp"), ("os", "spawnv"),
                        ("yaml", "load"), ("yaml", "unsafe_load"), ("pd", "read_pickle"), ("pandas", "read_pickle"),
                        ("np", "load"), ("numpy", "load")}
# Reviewed exceptions. The dynamic imports load a format module whose name is checked
# against FORMATS first, and a public name's module from the package's fixed _LAZY table; the fast JSON path compiles record structurers generated from
# the schema alone (as attrs and cattrs do), and so does its writing side: both are
# checked below to take no input.
ALLOWED = {
    ("io/__init__.py", "importlib.import_module"),
    ("__init__.py", "importlib.import_module"),
    # The one place that compiles code: mideastdata._codegen.compile_source, called only with
    # source generated from the record classes (checked below to take no input).
    ("_codegen.py", "compile"),
    ("_codegen.py", "exec"),
}


def _sources() -> list[Path]:
    files = sorted(SRC.rglob("*.py"))
    assert len(files) > 10
    return files


def _findings(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    rel = path.relative_to(SRC).as_posix()
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [f"{rel}:{node.lineno}: import {a.name}" for a in node.names if a.name.split(".")[0] in FORBIDDEN_MODULES]
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] in FORBIDDEN_MODULES:
            found.append(f"{rel}:{node.lineno}: from {node.module} import ...")
        elif isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Name) and func.id in FORBIDDEN_CALLS and (rel, func.id) not in ALLOWED:
                found.append(f"{rel}:{node.lineno}: {func.id}()")
            elif isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
                pair = (func.value.id, func.attr)
                if pair in FORBIDDEN_ATTRIBUTES:
                    found.append(f"{rel}:{node.lineno}: {pair[0]}.{pair[1]}()")
                elif pair == ("importlib", "import_module") and (rel, "importlib.import_module") not in ALLOWED:
                    found.append(f"{rel}:{node.lineno}: importlib.import_module()")
    return found


def test_source_has_no_code_evaluating_calls() -> None:
    """No module of the library imports pickle, marshal, YAML or subprocess, or calls eval, exec or compile."""
    findings = [f for path in _sources() for f in _findings(path)]
    assert findings == []


def test_generated_code_depends_on_the_schema_alone() -> None:
    """The generated builders are made from the record classes only: no argument, made once, naming only the model."""
    import inspect

    from mideastdata import _codegen, _schema

    assert list(inspect.signature(_codegen._generate).parameters) == []
    made = _codegen.builders()
    md.from_json(md.to_json(md.load()))
    assert _codegen.builders() is made
    assert set(made.fast) == set(_schema.RECORD_CLASSES)
    namespace = _codegen._namespace()
    assert {k for k in namespace if not k.startswith("_")} <= {c.__name__ for c in _schema.RECORD_CLASSES}


def test_the_scan_catches_what_it_looks_for(tmp_path: Path) -> None:
    """The scanner reports each forbidden pattern (so an empty report means something)."""
    bad = tmp_path / "bad.py"
    bad.write_text("import pickle\nfrom yaml import load\nimport os\neval('1')\nos.system('x')\n")
    tree = ast.parse(bad.read_text())
    assert sum(isinstance(n, (ast.Import, ast.ImportFrom, ast.Call)) for n in ast.walk(tree)) == 5
    original = globals()["SRC"]
    globals()["SRC"] = tmp_path
    try:
        assert len(_findings(bad)) == 4
    finally:
        globals()["SRC"] = original


def test_the_dynamic_format_import_takes_only_known_formats(tmp_path: Path) -> None:
    """The one dynamic import refuses a format that is not one of the five, before importing anything."""
    path = tmp_path / "x.json"
    path.write_text("{}")
    with pytest.raises(ValueError, match="unknown format"):
        md.load(path, format="os")  # type: ignore[call-overload]
    with pytest.raises(ValueError, match="unknown format"):
        md.load(path, format="../../os")  # type: ignore[call-overload]


@pytest.mark.parametrize(
    "payload",
    [
        {"py/object": "os.system", "py/reduce": ["rm -rf /"]},
        {"__class__": "subprocess.Popen", "args": ["true"]},
        {"!!python/object/apply:os.system": ["true"]},
    ],
)
def test_object_hooks_in_data_are_just_unknown_fields(small: md.Dataset, payload: dict[str, object]) -> None:
    """Keys that other serialisers treat as code are unknown fields here, reported and never acted on."""
    doc = json.loads(md.to_json(small))
    doc["actors"][0].update(payload)
    with pytest.raises(md.DatasetError, match="unknown field") as info:
        md.from_json(json.dumps(doc))
    assert [p.path for p in info.value.problems] == ["actors[0]"]


def test_loading_opens_only_files_inside_the_dataset(small: md.Dataset, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Loading each format opens files only inside the dataset's own folder (or the file itself)."""
    import builtins
    import io as stdlib_io
    import os

    opened: list[Path] = []
    folders: dict[int, Path] = {}
    real_open = builtins.open
    real_io_open = stdlib_io.open
    real_os_open = os.open

    def spy(file: object, *args: object, **kwargs: object) -> object:
        if isinstance(file, (str, Path)):
            opened.append(Path(file).resolve())
        return real_open(file, *args, **kwargs)  # type: ignore[call-overload]

    def io_spy(file: object, *args: object, **kwargs: object) -> object:
        if isinstance(file, (str, Path)):
            opened.append(Path(file).resolve())
        return real_io_open(file, *args, **kwargs)  # type: ignore[call-overload]

    def os_spy(file: str | Path, flags: int, mode: int = 0o777, *, dir_fd: int | None = None) -> int:
        where = Path(file) if dir_fd is None else folders[dir_fd] / file
        fd = real_os_open(file, flags, mode, dir_fd=dir_fd)
        if flags & getattr(os, "O_DIRECTORY", 0):
            folders[fd] = where.resolve()
        else:
            opened.append(where.resolve())
        return fd

    formats: list[md.Format] = ["json", "jsonl", "csv", "datapackage"]
    paths = {fmt: md.dump(small, tmp_path / fmt / ("d.json" if fmt == "json" else "d"), format=fmt) for fmt in formats}
    monkeypatch.setattr(builtins, "open", spy)
    monkeypatch.setattr(stdlib_io, "open", io_spy)
    monkeypatch.setattr(os, "open", os_spy)
    for fmt, path in paths.items():
        opened.clear()
        assert md.load(path) == small
        root = (path.parent if fmt == "json" else path).resolve()
        assert opened, fmt
        assert all(p.is_relative_to(root) for p in opened), (fmt, opened)
