# SPDX-License-Identifier: MIT
"""Sphinx configuration for the mideastdata documentation.

Builds offline: no intersphinx, no extension that fetches anything. Figures about
the bundled dataset (counts per table) are computed here from ``mideastdata.load()``
and offered to the pages as MyST substitutions, so no number is typed by hand.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "_ext"))
sys.path.insert(0, str(HERE.parent / "src"))

import mideastdata as md  # noqa: E402

__all__: list[str] = []

project = "mideastdata"
author = "mideastdata developers"
copyright = "mideastdata developers (MIT License)"
release = md.__version__
version = ".".join(release.split(".")[:2])

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "mideastdata_docs",
]

source_suffix = {".md": "markdown", ".rst": "restructuredtext"}
root_doc = "index"
exclude_patterns = ["_build", "_ext", "Thumbs.db", ".DS_Store"]
language = "en"
# Source text is quoted verbatim: straight quotes must stay straight.
smartquotes = False

# -- MyST --------------------------------------------------------------------------------
myst_enable_extensions = ["colon_fence", "deflist", "substitution", "fieldlist"]
myst_heading_anchors = 3

_bundled = md.load()
myst_substitutions = {
    "dataset_name": _bundled.name,
    "dataset_version": _bundled.version,
    "dataset_license": _bundled.license,
    "dataset_citation": _bundled.citation,
    "source_id": _bundled.sources[0].id,
    "source_title": _bundled.sources[0].title,
    "source_chars": str(len(_bundled.sources[0].text)),
    "source_lines": str(len(_bundled.sources[0].text.splitlines())),
    "schema_version": _bundled.schema_version,
    "library_version": release,
    "n_records": str(sum(len(t) for name, t in _bundled.tables().items() if name != "sources")),
    "n_evidence": str(
        sum(len(r.evidence) for name in ("actors", "statements", "demands", "events") for r in _bundled.tables()[name])
    ),
    **{f"n_{name}": str(len(table)) for name, table in _bundled.tables().items()},
}

# -- autodoc / napoleon ---------------------------------------------------------------------
autodoc_member_order = "bysource"
autodoc_typehints = "signature"
autodoc_class_signature = "mixed"
napoleon_google_docstring = True
napoleon_numpy_docstring = False
napoleon_use_rtype = False
napoleon_use_ivar = True  # attributes as fields, so autodoc does not describe them twice

# -- cross-references ---------------------------------------------------------------------
# Every reference must resolve. Without intersphinx (the build never fetches), names from
# the standard library and third-party packages cannot resolve, so those alone are ignored.
nitpicky = True
nitpick_ignore_regex = [
    (r"py:.*", r"(typing|typing_extensions|collections\.abc|datetime|pathlib|enum|threading|io|os)\..*"),
    (r"py:.*", r"(attrs|attr|cattrs|pandas|pyarrow|polars|networkx)(\..*)?"),
    (r"py:class", r"(Path|TextIO|Iterable|Iterator|Sequence|Mapping|Self|Any|Literal|Union|Optional)"),
    (r"py:class", r"(str|int|bool|bytes|float|dict|list|tuple|set|frozenset|type|object|None|slice)"),
    (r"py:exc", r"(ValueError|KeyError|TypeError|OSError|ImportError|LookupError|RuntimeError)"),
    (r"py:class", r"(ValueError|KeyError|TypeError|Exception)"),
    (r"py:data", r"(typing\.)?(Any|Literal|Union|Optional|Callable)"),
    # private base classes (``_StrEnum``) are implementation, not API
    (r"py:class", r"mideastdata(\.\w+)*\._\w+"),
]

# -- HTML ---------------------------------------------------------------------------------
html_theme = "furo"
html_title = f"mideastdata {release}"
html_static_path: list[str] = []
html_show_sourcelink = False
