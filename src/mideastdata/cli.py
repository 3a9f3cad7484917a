# SPDX-License-Identifier: MIT
"""The ``mideastdata`` command: views of the bundled dataset (or your own), export, validate, schema.

Exit status: 0 on success, 1 when the data is invalid (every problem is printed) or a
file cannot be read or written, 2 on a usage error (an unknown command, option, actor,
topic or format). Errors go to standard error, never as a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any, TextIO

from . import load
from ._cli_annotation import add_commands as add_annotation_commands
from ._cli_annotation import run as run_annotation_command
from .dataset import Dataset
from .errors import DatasetError
from .io import FORMATS, dump
from .io.converter import TABLE_TYPES
from .io.csv import table_csv
from .io.json import to_json
from .io.schema import json_schema

__all__ = ["main", "select"]

LISTINGS = ("actors", "statements", "demands", "events")

_FILTERS: dict[str, tuple[str, ...]] = {
    "actors": ("search",),
    "statements": ("by", "about", "involving", "search"),
    "demands": ("by", "of", "about", "involving", "search"),
    "events": ("by", "of", "about", "involving", "search"),
}

_FILTER_HELP = {
    "by": "who: the speaker (statements), the demanding actor (demands), an acting actor (events); id, name or alias",
    "of": "of whom: the addressee (demands) or a target (events); id, name or alias",
    "about": "a topic id or label",
    "involving": "an actor in any role (speaker, mentioned, addressee, actor, target)",
    "search": 'words or a "quoted phrase" in names, summaries, texts, quotes and evidence; best matches first',
}


class UsageError(Exception):
    """A usage error the parser cannot see (an unknown actor, topic or option combination)."""


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



# --------------------------------------------------------------------------- selecting


def select(ds: Dataset, table: str, **filters: str | None) -> tuple[Any, ...]:
    """The records of *table* that pass every given filter, through the query API.

    With ``search``, records come in the order of :meth:`Dataset.search` (best first).

    Raises:
        KeyError: an actor or topic named in a filter does not exist (with close matches).
    """
    found: Any = ds.tables()[table]
    for step in ("by", "of", "involving", "about"):
        value = filters.get(step)
        if value:
            found = getattr(found, step)(value)
    if filters.get("search"):
        kept = set(found.ids())
        return tuple(h.record for h in ds.search(str(filters["search"])) if h.table == table and h.record.id in kept)
    return tuple(found)


# --------------------------------------------------------------------------- rendering

_TABLE_COLUMNS: dict[str, tuple[str, ...]] = {
    "actors": ("id", "kind", "name"),
    "statements": ("id", "speaker", "kind", "summary"),
    "demands": ("id", "by", "addressee", "topic", "text"),
    "events": ("id", "kind", "status", "summary"),
}


def _cell(value: Any) -> str:
    if value is None:
        return "-"
    return str(value).replace("\n", " ")


def render_table(table: str, records: Sequence[Any], out: TextIO) -> None:
    """Print *records* as aligned columns, the last (the text) unpadded."""
    names = _TABLE_COLUMNS[table]
    rows = [list(names), *([_cell(getattr(r, n)) for n in names] for r in records)]
    widths = [max(len(row[i]) for row in rows) for i in range(len(names) - 1)]
    out.writelines(
        "  ".join([*(c.ljust(w) for c, w in zip(row, widths, strict=False)), row[-1]]).rstrip() + "\n" for row in rows
    )
    out.write(f"({len(records)} {table})\n" if len(records) != 1 else f"(1 {table[:-1]})\n")


def _render(table: str, records: tuple[Any, ...], fmt: str, out: TextIO) -> None:
    if fmt == "json":
        out.write(to_json(records))
    elif fmt == "csv":
        out.write(table_csv(records, TABLE_TYPES[table]))
    else:
        render_table(table, records, out)


# --------------------------------------------------------------------------- parser


def _add_path(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", nargs="?", help="a dataset file or folder (default: the bundled dataset)")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mideastdata",
        description="Typed, evidence-anchored records of Middle East diplomacy. Without a command: info.",
        epilog="Exit status: 0 success, 1 invalid data or unreadable file, 2 usage error.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    info = sub.add_parser("info", help="summarise a dataset (the bundled one by default)")
    _add_path(info)
    for table in LISTINGS:
        listing = sub.add_parser(table, help=f"list {table}, filtered", description=f"List {table}, filtered.")
        _add_path(listing)
        for name in _FILTERS[table]:
            listing.add_argument(f"--{name}", metavar="TEXT" if name == "search" else "NAME", help=_FILTER_HELP[name])
        listing.add_argument(
            "--format", choices=("table", "json", "csv"), default="table", help="output format (default: table)"
        )
        listing.add_argument(
            "--evidence", action="store_true", help="under each row, its source words in their sentence (table format)"
        )
    export = sub.add_parser("export", help="write a dataset in another format", description="Write a dataset.")
    _add_path(export)
    export.add_argument("--format", required=True, choices=FORMATS, help="the format to write")
    export.add_argument("--out", required=True, metavar="PATH", help="the file (json) or folder to write")
    export.add_argument("--excel-safe", action="store_true", help="csv: neutralise spreadsheet formulas")
    validate = sub.add_parser(
        "validate", help="check a dataset file or folder; list every problem", description="Check a dataset."
    )
    validate.add_argument("path", help="a dataset file or folder")
    validate.add_argument("--format", choices=FORMATS, help="the format (default: told from the path)")
    sub.add_parser("schema", help="print the JSON Schema of the dataset document", description="Print the schema.")
    view = sub.add_parser(
        "view", help="write the evidence viewer: one self-contained HTML page", description="Write the evidence page."
    )
    _add_path(view)
    view.add_argument("--out", required=True, metavar="FILE.html", help="the page to write (replaced whole)")
    show = sub.add_parser(
        "show", help="print one record with each evidence span in its sentence", description="Show one record."
    )
    show.add_argument("id", metavar="ID", help="a record id in any table, or an actor's name or alias")
    _add_path(show)
    add_annotation_commands(sub)
    return parser


# --------------------------------------------------------------------------- commands


def _dataset(args: argparse.Namespace) -> Dataset:
    return load(args.path) if getattr(args, "path", None) else load()


def _run(args: argparse.Namespace, out: TextIO) -> int:
    command = args.command or "info"
    status = run_annotation_command(args, out)
    if status is not None:
        return status
    if command == "schema":
        out.write(json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n")
        return 0
    if command == "validate":
        ds = load(args.path, format=args.format)
        count = sum(len(t) for t in ds.tables().values())
        out.write(f"{args.path}: valid ({count} records)\n")
        return 0
    ds = _dataset(args)
    if command == "info":
        render_info(ds, out)
    elif command == "export":
        written = dump(ds, args.out, format=args.format, excel_safe=args.excel_safe)
        out.write(f"wrote {written} ({args.format})\n")
    elif command in {"view", "show"}:
        from . import cli_view  # noqa: PLC0415 - the viewer loads only for its commands

        cli_view.run(command, ds, args, out)
    else:
        filters = {name: getattr(args, name) for name in _FILTERS[command]}
        records = select(ds, command, **filters)
        if args.evidence:
            from . import cli_view  # noqa: PLC0415

            cli_view.listing_with_evidence(ds, command, records, args.format, out)
        else:
            _render(command, records, args.format, out)
    return 0


def _fail(message: str, status: int) -> int:
    sys.stderr.write(f"mideastdata: {message}\n")
    return status


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status (0 ok, 1 invalid data, 2 usage)."""
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help
        return int(exc.code or 0)
    handlers: list[tuple[type[BaseException], Callable[[BaseException], int]]] = [
        (DatasetError, lambda e: _fail(str(e), 1)),
        (KeyError, lambda e: _fail(str(e.args[0]) if e.args else str(e), 2)),
        (FileExistsError, lambda e: _fail(str(e), 2)),
        (ImportError, lambda e: _fail(str(e), 2)),
        (ValueError, lambda e: _fail(str(e), 2)),
        (OSError, lambda e: _fail(f"{getattr(e, 'filename', '') or ''}: {getattr(e, 'strerror', '') or e}", 1)),
    ]
    try:
        return _run(args, sys.stdout)
    except BrokenPipeError:  # e.g. piped into head: stop quietly
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except Exception as exc:  # noqa: BLE001 - the promise is: a message, never a traceback
        for kind, handle in handlers:
            if isinstance(exc, kind):
                return handle(exc)
        return _fail(f"unexpected error: {type(exc).__name__}: {exc}", 1)
