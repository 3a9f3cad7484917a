# SPDX-License-Identifier: MIT
"""Sphinx helpers for the API reference, the command-line reference and the page tree.

``{cli-help}``
    the ``--help`` text of the command and of each of its subcommands, as it is
    when the page is built;
``public-data``
    the public constants and type aliases, which ``automodule`` leaves out: every
    name in ``mideastdata.__all__`` that is neither a class nor a function;
``optional-toctree``
    a ``toctree`` that lists only those of its pages that exist.

It also resolves references to names that the package re-exports (a type hint
written in ``mideastdata.dataset`` as ``Dataset`` links to ``mideastdata.Dataset``),
shows type variables as plain names, and shows public bases instead of private ones.
"""

from __future__ import annotations

import contextlib
import inspect
import io
import os
import sys
from typing import TYPE_CHECKING, Any, TypeVar

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.directives.other import TocTree
from sphinx.util.docutils import SphinxDirective

import mideastdata as md

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__all__ = ["setup"]

_MISSING = object()


class CliHelpDirective(SphinxDirective):
    """The ``--help`` output of ``mideastdata`` and of each of its subcommands."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        from mideastdata import cli  # noqa: PLC0415

        out: list[nodes.Node] = []
        for command in [[], *([name] for name in _subcommands(cli))]:
            text = _help(cli.main, [*command, "--help"])
            section_title = " ".join(["mideastdata", *command])
            para = nodes.paragraph()
            para += nodes.literal(text=f"{section_title} --help")
            out.append(para)
            out.append(nodes.literal_block(text, text, language="text"))
        return out


def _subcommands(cli: Any) -> list[str]:
    """The subcommand names, read from the parser the command builds."""
    make_parser = getattr(cli, "_parser", None) or getattr(cli, "build_parser", None)
    if make_parser is None:
        return []
    import argparse  # noqa: PLC0415

    parser = make_parser()
    names: list[str] = []
    for action in parser._actions:  # noqa: SLF001 - argparse offers no public way
        if isinstance(action, argparse._SubParsersAction):  # noqa: SLF001
            names.extend(action.choices)
    return names


def _help(main: Any, argv: list[str]) -> str:
    """What ``main(argv)`` prints, wrapped at 88 columns whatever the terminal."""
    buffer = io.StringIO()
    columns = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = "88"
    try:
        with (
            contextlib.redirect_stdout(buffer),
            contextlib.redirect_stderr(io.StringIO()),
            contextlib.suppress(SystemExit),
        ):
            main(argv)
    finally:
        if columns is None:
            del os.environ["COLUMNS"]
        else:
            os.environ["COLUMNS"] = columns
    return buffer.getvalue().rstrip("\n")


def _is_type_variable(target: str) -> bool:
    """Whether *target* (``module.NAME``) names a ``typing.TypeVar`` of this package."""
    module_name, _, attr = target.rpartition(".")
    if not module_name:  # a bare name, as a signature's ``Iterable[R]`` gives it: a TypeVar of any of its modules
        return any(
            isinstance(getattr(module, attr, None), TypeVar)
            for name, module in list(sys.modules.items())
            if name == "mideastdata" or name.startswith("mideastdata.")
        )
    if not module_name.startswith("mideastdata"):
        return False
    module = sys.modules.get(module_name)
    return isinstance(getattr(module, attr, None), TypeVar)


FALLBACK_DOCS = {
    "__version__": "The library's version (SemVer), read from the installed package's metadata.",
    "Format": (
        "The name of a file format that :func:`mideastdata.load` reads and :func:`mideastdata.dump` "
        "writes."
    ),
}
"""Descriptions for public names whose defining module gives them no docstring."""


def _data_docstring(name: str, value: Any) -> list[str]:
    """The attribute docstring of a re-exported data name, read from the module defining it."""
    import pkgutil  # noqa: PLC0415

    from sphinx.pycode import ModuleAnalyzer  # noqa: PLC0415

    modules = ["mideastdata"] + [
        info.name for info in pkgutil.walk_packages(md.__path__, "mideastdata.")
    ]
    for module_name in modules:
        module = sys.modules.get(module_name)
        if module is None or getattr(module, name, _MISSING) is not value:
            continue
        try:
            analyzer = ModuleAnalyzer.for_module(module_name)
            analyzer.analyze()
        except Exception:  # noqa: BLE001, S112 - a module without source has no attribute docs
            continue
        doc = analyzer.attr_docs.get(("", name))
        if doc:
            return [line for line in doc if line.strip() or line == ""]
    fallback = FALLBACK_DOCS.get(name)
    return [fallback] if fallback else []



class PublicDataDirective(SphinxDirective):
    """Document every name in ``mideastdata.__all__`` that is neither a class nor a function.

    ``automodule`` documents the classes and functions the package re-exports, but
    not data (constants and type aliases) defined in a submodule; this directive
    does, with the docstring written next to the definition. A public name with no
    description fails the build.
    """

    has_content = False

    def run(self) -> list[nodes.Node]:
        lines: list[str] = [".. py:currentmodule:: mideastdata", ""]
        for name in md.__all__:
            value = getattr(md, name)
            if inspect.isclass(value) or inspect.isroutine(value):
                continue
            doc = _data_docstring(name, value)
            if not doc:
                raise self.error(f"mideastdata.{name} is public but has no docstring")
            lines.append(f".. py:data:: {name}")
            if isinstance(value, str):
                lines.extend(["   :type: str", f"   :value: {value!r}"])
            else:
                lines.append(f"   :value: {_alias_repr(value)}")
            lines.append("")
            lines.extend(f"   {line}" if line else "" for line in doc)
            lines.append("")
        container = nodes.container()
        self.state.nested_parse(StringList(lines, source="mideastdata.__all__"), self.content_offset, container)
        return list(container.children)


def _alias_repr(value: Any) -> str:
    """A type alias as its users write it: ``Literal['json', ...]``, ``Union[Source, ...]``."""
    text = repr(value).replace("typing.", "")
    for module in ("mideastdata.model.", "mideastdata.dataset.", "mideastdata."):
        text = text.replace(module, "")
    return text


def resolve_reexported(app: Sphinx, env: Any, node: Any, contnode: Any) -> Any:
    """Resolve ``mideastdata.sub.Name`` (as type hints name it) to the documented ``mideastdata.Name``."""
    if node.get("refdomain") != "py":
        return None
    target = node.get("reftarget", "")
    if _is_type_variable(target):
        return contnode  # a TypeVar has no page of its own: show its name as plain text
    name = target.rsplit(".", 1)[-1]
    if name not in md.__all__ or target == f"mideastdata.{name}":
        return None
    if not (target.startswith("mideastdata.") or target == name):
        return None
    domain = env.domains["py"]
    return domain.resolve_xref(
        env, node.get("refdoc", ""), app.builder, node.get("reftype", "obj"), f"mideastdata.{name}", node, contnode
    )


def public_bases(app: Sphinx, name: str, obj: Any, options: Any, bases: list[Any]) -> None:
    """Show a class's public bases: a private base (``_StrEnum``) is replaced by its own bases."""
    del app, name, obj, options
    shown: list[Any] = []
    pending = list(bases)
    while pending:
        base = pending.pop(0)
        if base is object:
            continue
        if getattr(base, "__name__", "").startswith("_"):
            pending[:0] = [b for b in base.__bases__ if b is not object]
            continue
        if base not in shown:
            shown.append(base)
    bases[:] = shown or [object]


class OptionalTocTree(TocTree):
    """A ``toctree`` whose entries that name no existing page are left out.

    Pages that land independently (querying, formats, reliability, performance) are
    listed in the table of contents from the moment they exist, and not before.
    """

    def run(self) -> list[nodes.Node]:
        found = self.env.found_docs
        kept = [line for line in self.content if not line.strip() or line.strip() in found]
        self.content = StringList(kept, source=self.content.source(0) if self.content else "")
        return super().run()


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the directives, the reference resolver and the bases filter."""
    app.add_directive("cli-help", CliHelpDirective)
    app.add_directive("public-data", PublicDataDirective)
    app.add_directive("optional-toctree", OptionalTocTree)
    app.connect("missing-reference", resolve_reexported)
    app.connect("autodoc-process-bases", public_bases)
    return {"version": md.__version__, "parallel_read_safe": True, "parallel_write_safe": True}
