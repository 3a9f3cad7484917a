# SPDX-License-Identifier: MIT
"""The annotation-tool commands of ``mideastdata``: ``import`` and ``scheme`` (``export`` writes them too)."""

from __future__ import annotations

import argparse
import sys
import warnings
from typing import TextIO

from . import load
from .io import ANNOTATION_FORMATS, EVENT_DATA_FORMATS, FORMATS, RepairWarning, dump

__all__ = ["TOOLS", "add_commands", "run"]

TOOLS = ("label-studio", "brat", "inception")
"""The tools ``scheme --tool`` prints an annotation scheme for."""


def add_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``import`` and ``scheme`` to the command's subparsers."""
    imp = sub.add_parser(
        "import",
        help="read an annotation tool's files or PLOVER records into a dataset (checked)",
        description="Read annotations (brat, Label Studio, INCEpTION XMI, W3C; spans repaired where they can be)"
        " or PLOVER event records into a dataset file or folder.",
    )
    imp.add_argument("path", help="the tool's file or folder")
    imp.add_argument(
        "--format", required=True, choices=(*ANNOTATION_FORMATS, *EVENT_DATA_FORMATS), help="the tool's format"
    )
    imp.add_argument("--out", required=True, metavar="PATH", help="the dataset to write (default format: json)")
    imp.add_argument("--to", choices=FORMATS, help="the format to write (default: told from --out)")
    scheme = sub.add_parser(
        "scheme",
        help="print the annotation scheme a tool needs, generated from the model",
        description="Print the Label Studio labeling config, brat's annotation.conf or INCEpTION's type system.",
    )
    scheme.add_argument("--tool", required=True, choices=TOOLS, help="the annotation tool")


def _scheme(tool: str) -> str:
    if tool == "label-studio":
        from .io.label_studio import labeling_config  # noqa: PLC0415 - each tool's module on demand

        return labeling_config()
    if tool == "brat":
        from .io.brat import annotation_conf  # noqa: PLC0415

        return annotation_conf()
    from xml.dom import minidom  # noqa: PLC0415

    from .io.inception import type_system_xml  # noqa: PLC0415

    return minidom.parseString(type_system_xml().encode("utf-8")).toprettyxml(indent="  ")  # noqa: S318 - our own XML


def run(args: argparse.Namespace, out: TextIO) -> int | None:
    """Run ``import`` or ``scheme``; None for any other command."""
    if args.command == "scheme":
        out.write(_scheme(args.tool))
        return 0
    if args.command != "import":
        return None
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", RepairWarning)
        ds = load(args.path, format=args.format)
    repaired = [str(w.message) for w in caught if issubclass(w.category, RepairWarning)]
    for message in repaired:
        sys.stderr.write(f"mideastdata: {message}\n")
    written = dump(ds, args.out, format=args.to)
    count = sum(len(t) for t in ds.tables().values())
    out.write(f"wrote {written}: {count} records from {args.path} ({args.format})\n")
    return 0
