"""What every command shares: the option aliases, loading the dataset, emitting a report, and
printing an error."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from rarecli.errors import DatasetError, DatasetFileError, RarecliError
from rarecli.render.report import Format

if TYPE_CHECKING:
    from rarecli.model import Dataset
    from rarecli.render.report import Report

SHOWN_PROBLEMS = 10  # an invalid dataset's problems listed by commands other than validate
ENV_VAR = "RARECLI_DATA"


def say(lines: list[str]) -> None:
    sys.stderr.write("\n".join(lines) + "\n")
    sys.stderr.flush()


def report_error(exc: RarecliError, all_problems: bool = False) -> None:
    """Print one error message on stderr: what, where, and how to fix it."""
    if isinstance(exc, DatasetError):
        lines = [f"rarecli: error: {exc.file}: {exc.message}"]
        problems = exc.problems if all_problems else exc.problems[:SHOWN_PROBLEMS]
        lines += [f"  {p.render(exc.file)}" for p in problems]
        if exc.hint and (len(problems) < len(exc.problems) or not exc.problems):
            lines.append(f"  hint: {exc.hint}")
    else:
        lines = [f"rarecli: error: {exc.message}"]
        if exc.hint:
            lines.append(f"  hint: {exc.hint}")
    say(lines)


# ---------------------------------------------------------------------------------------------
# Shared options
# ---------------------------------------------------------------------------------------------

FORMATS = [f.value for f in Format]


def _check_format(value: str | None) -> str | None:
    """--format, lower-cased and checked: text rather than Typer's Enum check, so that a typo
    gets "did you mean ...?" like every other closed vocabulary (SPEC: Errors)."""
    if value is None:
        return None
    from rarecli._suggest import check_choice

    return check_choice("format", "--format", value.lower(), FORMATS)


FormatOpt = Annotated[
    str | None,
    typer.Option(
        "--format",
        "-f",
        metavar="FORMAT",
        callback=_check_format,
        autocompletion=lambda: FORMATS,
        help="table, csv, tsv, json, markdown or xlsx (a file or a pipe, never a terminal). "
        "Default: table on a terminal, csv when piped or redirected, else from the --output "
        "suffix.",
    ),
]
OutputOpt = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        metavar="PATH",
        help="Write to this file (replaced atomically) instead of standard output.",
    ),
]
BomOpt = Annotated[bool, typer.Option("--bom", help="Start CSV/TSV with a UTF-8 BOM for Excel.")]
DataOpt = Annotated[
    Path | None,
    typer.Option(
        "--data",
        metavar="PATH",
        help=f"Dataset file. Default: ${ENV_VAR}, else the shipped Baotou dataset.",
        show_default=False,
    ),
]
IndicatorOpt = Annotated[
    list[str] | None,
    typer.Option("--indicator", "-i", metavar="ID", help="Only this indicator id (repeatable)."),
]
CategoryOpt = Annotated[
    list[str] | None,
    typer.Option("--category", "-c", metavar="CATEGORY", help="Only this category (repeatable)."),
]


class _BeforeCommand:
    """Global options given before the command name; the app's callback sets them each run."""

    data: Path | None = None


BEFORE_COMMAND = _BeforeCommand()


def data_option(data: Path | None) -> Path | None:
    """--data of the command, else --data given before the command name (`rarecli --data F
    growth`), else None."""
    return data if data is not None else BEFORE_COMMAND.data


def load(data: Path | None) -> Dataset:
    """The dataset named by --data, else $RARECLI_DATA, else the shipped one; an error about the
    file says which of them named it."""
    from rarecli.loader import load_dataset

    data = data_option(data)
    env = os.environ.get(ENV_VAR, "")
    try:
        return load_dataset(data)
    except DatasetFileError as exc:  # the file itself: missing, unreadable, a directory
        if data is not None:
            exc.hint = "check the path given to --data"
        elif env:
            exc.hint = f"${ENV_VAR} names this file: fix the variable, or unset it"
        raise


def emit(report: Report, ds: Dataset, fmt: str | None, output: Path | None, bom: bool) -> None:
    from rarecli.render.write import emit as write_report

    def sources() -> Report | None:  # the Sources sheet of an xlsx workbook, built only for one
        from rarecli.export.sheets import cited_sources

        return cited_sources(ds, report)

    write_report(
        report,
        Format(fmt) if fmt else None,
        output,
        bom,
        protect=Path(ds.origin),
        sources=sources,
    )
