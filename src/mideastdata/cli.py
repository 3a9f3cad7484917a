# SPDX-License-Identifier: MIT
"""The ``mideastdata`` command: a view of the bundled dataset (and of your own files)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import TextIO

from . import load
from .dataset import Dataset
from .errors import DatasetError

__all__ = ["main"]


def _actor_line(ds: Dataset, actor_id: str) -> str:
    actor = ds.actors.get(actor_id)
    return actor.name if actor is not None else actor_id


def render_info(ds: Dataset, out: TextIO) -> None:
    """Print counts per table, the actors with their roles, and every demand."""
    out.write(f"{ds.name} {ds.version} (schema {ds.schema_version})\n")
    if ds.license:
        out.write(f"License: {ds.license}\n")
    out.write("\n")
    out.writelines(f"  {name:<11}{len(table):>6}\n" for name, table in ds.tables().items())
    out.write("\nActors\n")
    for actor in ds.actors:
        roles = "; ".join(
            role.title + (f" of {_actor_line(ds, role.of)}" if role.of else "") for role in actor.roles
        )
        kind = actor.kind.value.replace("_", " ")
        extra = f" — {roles}" if roles else ""
        anon = " (anonymous)" if actor.anonymous else ""
        out.write(f"  {actor.name} [{kind}]{anon}{extra}\n")
    out.write("\nDemands (who → of whom: what)\n")
    for demand in ds.demands:
        whom = _actor_line(ds, demand.addressee) if demand.addressee else "(unspecified)"
        cond = f" [{demand.kind.value}]" if demand.kind.value != "demand" else ""
        out.write(f"  {_actor_line(ds, demand.by)} → {whom}: {demand.text}{cond}\n")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mideastdata",
        description="Typed, evidence-anchored records of Middle East diplomacy.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    info = sub.add_parser("info", help="summarise a dataset (the bundled one by default)")
    info.add_argument("path", nargs="?", help="a dataset file or folder (default: the bundled data)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status (0 ok, 1 invalid data, 2 usage)."""
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help
        return int(exc.code or 0)
    command = args.command or "info"
    try:
        ds = load(args.path) if getattr(args, "path", None) else load()
        if command == "info":
            render_info(ds, sys.stdout)
    except DatasetError as exc:
        sys.stderr.write(f"mideastdata: {exc}\n")
        return 1
    except BrokenPipeError:  # pragma: no cover - e.g. piped into head
        return 0
    return 0
