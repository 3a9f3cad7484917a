# SPDX-License-Identifier: MIT
"""The ``mideastdata`` command: views of the bundled dataset (or your own), export, validate, schema.

Exit status (see :data:`EXIT_STATUS`): 0 on success; 1 when the data is invalid (every
problem is printed) or a dataset cannot be read; 2 on a usage error (an unknown command,
option, actor, topic or format, or an output path the command refuses to overwrite); 3
when the output cannot be written; 4 when an optional extra the command needs is not
installed. Errors go to standard error, never as a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, TextIO

from . import _schema, load
from ._cli_annotation import add_commands as add_annotation_commands
from ._cli_annotation import run as run_annotation_command
from ._schema import TABLES as TABLE_TYPES
from .dataset import SCHEMA_VERSION, Dataset
from .errors import DatasetError
from .io import EXPORT_FORMATS, FORMATS, detect_format, dump
from .io.csv import table_csv
from .io.json import to_json
from .io.schema import json_schema

__all__ = ["EXIT_STATUS", "main", "select"]

EXIT_OK, EXIT_INVALID, EXIT_USAGE, EXIT_CANNOT_WRITE, EXIT_MISSING_EXTRA = 0, 1, 2, 3, 4
EXIT_STATUS: dict[int, str] = {
    EXIT_OK: "success",
    EXIT_INVALID: "invalid data, or a dataset that cannot be read (no such file or folder, an unknown format)",
    EXIT_USAGE: (
        "usage error: an unknown command, option, actor, topic or format, or an output path it will not overwrite"
    ),
    EXIT_CANNOT_WRITE: "the output cannot be written (no permission, no such folder, disk full)",
    EXIT_MISSING_EXTRA: "an optional extra the command needs is not installed (e.g. parquet needs pyarrow)",
}
"""Every exit status of the command and what it means (also in ``--help`` and docs/cli.md)."""

LISTINGS = ("actors", "statements", "demands", "events")

_FILTERS: dict[str, tuple[str, ...]] = {
    "actors": ("kind", "search"),
    "statements": ("by", "about", "involving", "kind", "search"),
    "demands": ("by", "of", "about", "involving", "kind", "search"),
    "events": ("by", "of", "about", "involving", "kind", "status", "search"),
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


class CannotWriteError(Exception):
    """The output path cannot be written (exit status 3)."""


class CannotReadError(Exception):
    """The dataset path does not exist or its format cannot be told (exit status 1)."""


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
    for field in ("kind", "status"):
        value = filters.get(field)
        if value:
            found = found.where(**{field: value})
    if filters.get("search"):
        kept = set(found.ids())
        hits = ds.search(str(filters["search"]), limit=None, table=table)
        return tuple(h.record for h in hits if h.record.id in kept)
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


def _choice(text: str) -> str:
    """A vocabulary value as typed: case, spaces and hyphens do not matter (``Armed group``)."""
    return text.strip().lower().replace("-", "_").replace(" ", "_")


class _Version(argparse.Action):
    """``--version``: the library, schema and bundled-data versions, computed only when asked."""

    def __init__(self, option_strings: Sequence[str], dest: str, **_: Any) -> None:
        super().__init__(option_strings, dest, nargs=0, help="print the versions and exit")

    def __call__(self, parser: argparse.ArgumentParser, *_: Any) -> None:
        from . import __version__  # noqa: PLC0415 - reading the package metadata costs import time

        sys.stdout.write(f"mideastdata {__version__} (schema {SCHEMA_VERSION}, bundled data {load().version})\n")
        parser.exit()


def _add_listing_filters(listing: argparse.ArgumentParser, table: str) -> None:
    enums = {s.name: s.enum for s in _schema.fields(TABLE_TYPES[table]) if s.enum is not None}
    for name in _FILTERS[table]:
        if name in ("kind", "status"):  # the values of the table's enum field of that name
            values = tuple(m.value for m in enums[name])
            help_text = f"only this {name}: {', '.join(values)}"
            listing.add_argument(f"--{name}", type=_choice, choices=values, metavar=name.upper(), help=help_text)
        else:
            listing.add_argument(f"--{name}", metavar="TEXT" if name == "search" else "NAME", help=_FILTER_HELP[name])


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mideastdata",
        description="Typed, evidence-anchored records of Middle East diplomacy. Without a command: info.",
        epilog="Exit status: " + "; ".join(f"{code} {meaning}" for code, meaning in EXIT_STATUS.items()) + ".",
    )
    parser.add_argument("--version", action=_Version)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    info = sub.add_parser("info", help="summarise a dataset (the bundled one by default)")
    _add_path(info)
    for table in LISTINGS:
        listing = sub.add_parser(table, help=f"list {table}, filtered", description=f"List {table}, filtered.")
        _add_path(listing)
        _add_listing_filters(listing, table)
        listing.add_argument(
            "--format", choices=("table", "json", "csv"), default="table", help="output format (default: table)"
        )
        listing.add_argument(
            "--evidence", action="store_true", help="under each row, its source words in their sentence (table format)"
        )
    export = sub.add_parser("export", help="write a dataset in another format", description="Write a dataset.")
    _add_path(export)
    export.add_argument(
        "--format", required=True, choices=(*FORMATS, *EXPORT_FORMATS), help="the format to write"
    )
    export.add_argument(
        "--out", required=True, metavar="PATH", help="the file (json and the event-data formats) or folder to write"
    )
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


def _readable(path: str, *, format_hint: str | None) -> None:
    """Refuse a dataset path that does not exist, or whose format cannot be told, in the command's words.

    Raises:
        CannotReadError: no such file or folder, or an unknown format (*format_hint* says what to do;
            None: the format is given, not told from the path).
    """
    where = Path(path)
    if not where.exists():
        raise CannotReadError(f"{path}: no such file or folder")
    if format_hint is not None:
        try:
            detect_format(where)
        except DatasetError:
            raise CannotReadError(f"{path}: cannot tell the format; {format_hint}") from None


_NAME_THE_FORMAT = "name a .json file, a datapackage.json, or a folder of .jsonl, .csv or .parquet tables"


def _dataset(args: argparse.Namespace) -> Dataset:
    path = getattr(args, "path", None)
    if not path:
        return load()
    _readable(path, format_hint=_NAME_THE_FORMAT)
    return load(path)


@contextlib.contextmanager
def _writing(target: str) -> Iterator[None]:
    """Turn a failure to write *target* into :class:`CannotWriteError` (exit status 3)."""
    try:
        yield
    except FileExistsError as exc:
        if exc.errno is None:  # the library's refusal: a folder of other files, a file where a folder goes (2)
            raise
        raise CannotWriteError(f"cannot write {target}: {exc.strerror} ({exc.filename})") from exc
    except OSError as exc:
        raise CannotWriteError(f"cannot write {target}: {exc.strerror or exc}") from exc


def _export(ds: Dataset, args: argparse.Namespace) -> Path:
    if args.excel_safe and args.format != "csv":
        raise UsageError(f"--excel-safe applies to --format csv only, not {args.format!r}")
    with _writing(args.out):
        return dump(ds, args.out, format=args.format, excel_safe=args.excel_safe)


def _run(args: argparse.Namespace, out: TextIO) -> int:
    command = args.command or "info"
    status = run_annotation_command(args, out)
    if status is not None:
        return status
    if command == "schema":
        out.write(json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n")
        return 0
    if command == "validate":
        hint = f"pass --format, one of {', '.join(FORMATS)}"
        _readable(args.path, format_hint=None if args.format else hint)
        ds = load(args.path, format=args.format)
        count = sum(len(t) for t in ds.tables().values())
        out.write(f"{args.path}: valid ({count} records)\n")
        return 0
    ds = _dataset(args)
    if command == "info":
        render_info(ds, out)
    elif command == "export":
        written = _export(ds, args)
        out.write(f"wrote {written} ({args.format})\n")
    elif command in {"view", "show"}:
        from . import cli_view  # noqa: PLC0415 - the viewer loads only for its commands

        with _writing(args.out) if command == "view" else contextlib.nullcontext():
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


def _about_output(exc: OSError, out: str) -> bool:
    """Whether *exc* is about the output *out*: the path, a folder above it, or its temporary file."""
    if not exc.filename:
        return False
    target, found = Path(out).absolute(), Path(os.fsdecode(exc.filename)).absolute()
    return (
        found == target
        or found in target.parents
        or (found.parent == target.parent and found.name.startswith(f".{target.name}."))
    )


def _os_error(exc: BaseException, out: str | None) -> int:
    """The exit status of an OS error: a refused output path 2, the output 3, anything else 1."""
    assert isinstance(exc, OSError)  # noqa: S101 - the handler table routes only OSError here
    if isinstance(exc, FileExistsError) and exc.errno is None:  # the library refuses the path
        return _fail(str(exc), EXIT_USAGE)
    if out is not None and _about_output(exc, out):
        return _fail(f"cannot write {out}: {exc.strerror or exc}", EXIT_CANNOT_WRITE)
    return _fail(f"{exc.filename or ''}: {exc.strerror or exc}", EXIT_INVALID)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status (see :data:`EXIT_STATUS`)."""
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help
        return int(exc.code or 0)
    handlers: list[tuple[type[BaseException] | tuple[type[BaseException], ...], Callable[[BaseException], int]]] = [
        ((DatasetError, CannotReadError), lambda e: _fail(str(e), EXIT_INVALID)),
        (CannotWriteError, lambda e: _fail(str(e), EXIT_CANNOT_WRITE)),
        (UsageError, lambda e: _fail(str(e), EXIT_USAGE)),
        (KeyError, lambda e: _fail(str(e.args[0]) if e.args else str(e), EXIT_USAGE)),
        (ImportError, lambda e: _fail(str(e), EXIT_MISSING_EXTRA)),
        (ValueError, lambda e: _fail(str(e), EXIT_USAGE)),
        (OSError, lambda e: _os_error(e, getattr(args, "out", None))),
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
