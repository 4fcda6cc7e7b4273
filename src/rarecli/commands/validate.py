"""`rarecli validate [PATH]`: check a dataset file."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from rarecli.commands.options import DataOpt, data_option
from rarecli.errors import DatasetError, Problem, Reported

FORMATS = ("text", "json")


def validate(
    path: Annotated[
        Path | None,
        typer.Argument(
            metavar="PATH",
            help="Dataset file. Default: --data, $RARECLI_DATA, else shipped.",
            readable=False,  # read by the loader, which says what is wrong (exit 1)
        ),
    ] = None,
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="text (default): the problems on standard error; json: a JSON array of "
            "{code, path, line, column, message, hint} on standard output, [] when there is none.",
        ),
    ] = "text",
    data: DataOpt = None,
) -> None:
    """Check a dataset file and list every problem with its line, in line order; exit 1 if
    there is any.

    [bold]Examples[/bold]: rarecli validate · rarecli validate my-industry.toml -f json
    """
    from rarecli._suggest import check_choice
    from rarecli.loader import load_dataset

    check_choice("format", "fmt", fmt, FORMATS)
    try:
        ds = load_dataset(path or data_option(data))
    except DatasetError as exc:
        if fmt == "json":
            _print_json(_entries(exc))
            raise Reported from None
        exc.shown_problems = None  # validate lists every problem, not the first few
        raise
    if fmt == "json":
        _print_json([])
    else:
        typer.echo(f"OK {ds.origin}: {ds.summary()}")


def _entries(exc: DatasetError) -> list[dict[str, Any]]:
    """The problems for machines; a file that cannot be read or parsed is one entry."""
    if not exc.problems:
        whole = Problem("", exc.message, exc.hint, exc.line, code=exc.code, column=exc.column)
        return [_entry(whole)]
    return [_entry(p) for p in exc.problems]


def _entry(problem: Problem) -> dict[str, Any]:
    return {
        "code": problem.code,
        "path": problem.path,
        "line": problem.line,
        "column": problem.column,
        "message": problem.message,
        "hint": problem.hint,
    }


def _print_json(entries: list[dict[str, Any]]) -> None:
    sys.stdout.write(json.dumps(entries, ensure_ascii=False, indent=2) + "\n")
    sys.stdout.flush()
