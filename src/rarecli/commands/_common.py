"""What every command shares: the option aliases, loading the dataset, emitting a report, and
printing an error."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NamedTuple

import typer

from rarecli.errors import DatasetError, DatasetFileError, OutputError, RarecliError, UsageError
from rarecli.render.report import ALIASES, BINARY, Format, choose_format

if TYPE_CHECKING:
    from rarecli.model import Dataset
    from rarecli.render.report import Report

SHOWN_PROBLEMS = 10  # an invalid dataset's problems listed by commands other than validate
ENV_VAR = "RARECLI_DATA"


def say(lines: list[str]) -> None:
    sys.stderr.write("\n".join(lines) + "\n")
    sys.stderr.flush()


# The library's parameter names, as the CLI spells them.
FLAGS = {
    "start": "--from",
    "end": "--to",
    "months": "--months",
    "categories": "--category",
    "indicators": "--indicator",
    "sort": "--sort",
    "statuses": "--status",
    "kinds": "--kind",
    "output": "--output",
    "indicator_id": "ID",
    "enterprise_id": "ID",
}


def report_error(exc: RarecliError, all_problems: bool = False) -> None:
    """Print one error message on stderr: what, where, and how to fix it."""
    if isinstance(exc, UsageError) and exc.param is not None:
        lines = [f"rarecli: error: {FLAGS.get(exc.param, exc.param)}: {exc.detail}"]
        if exc.hint:
            lines.append(f"  hint: {exc.hint}")
    elif isinstance(exc, DatasetError):
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

    value = value.lower()
    if value in ALIASES:
        return ALIASES[value].value
    return check_choice("format", "--format", value, FORMATS)


FormatOpt = Annotated[
    str | None,
    typer.Option(
        "--format",
        "-f",
        metavar="FORMAT",
        callback=_check_format,
        autocompletion=lambda: FORMATS,
        help="table, csv, tsv, json, markdown (md) or xlsx (a file or a pipe, never a "
        "terminal). Default: from the --output suffix, else table on a terminal and csv when "
        "piped or redirected.",
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
BomOpt = Annotated[
    bool,
    typer.Option("--bom", metavar="", help="Start CSV/TSV with a UTF-8 BOM for Excel."),
]
DataOpt = Annotated[
    Path | None,
    typer.Option(
        "--data",
        metavar="PATH",
        help=f"Dataset file. Default: ${ENV_VAR}, else the shipped Baotou dataset.",
        show_default=False,
    ),
]


# ---------------------------------------------------------------------------------------------
# Closed vocabularies, checked while parsing (before any data is read, without pandas), and
# shell completion of the dataset's ids and categories
# ---------------------------------------------------------------------------------------------


def one_of(what: str, param: str, choices: tuple[str, ...]) -> Callable[[Any], Any]:
    """A Typer callback checking an option's value(s) against `choices` (did you mean ...?)."""

    def check(value: Any) -> Any:
        from rarecli._suggest import check_choice

        if isinstance(value, list):
            return [check_choice(what, param, v, choices) for v in value]
        return value if value is None else check_choice(what, param, value, choices)

    return check


def _completion_dataset(ctx: typer.Context) -> Dataset | None:
    """The dataset the command line names so far (--data after or before the command, else
    $RARECLI_DATA or the shipped one); None when it cannot be read."""
    from rarecli.loader import load_dataset

    data = ctx.params.get("data")
    root = ctx.find_root().params.get("data") if ctx.parent is not None else None
    try:
        return load_dataset(data or root)
    except RarecliError:
        return None


def _complete(
    pick: Callable[[Dataset], Iterable[str]],
) -> Callable[[typer.Context, str], list[str]]:
    def complete(ctx: typer.Context, incomplete: str) -> list[str]:
        ds = _completion_dataset(ctx)
        found = dict.fromkeys(pick(ds)) if ds is not None else {}
        return [c for c in found if c.startswith(incomplete)]

    return complete


complete_indicator = _complete(lambda ds: (i.id for i in ds.indicators))
complete_category = _complete(lambda ds: (i.category for i in ds.indicators))
complete_enterprise = _complete(lambda ds: (e.id for e in ds.enterprises))


IndicatorOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--indicator",
        "-i",
        metavar="ID",
        autocompletion=complete_indicator,
        help="Only this indicator id (repeatable).",
    ),
]
CategoryOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--category",
        "-c",
        metavar="CATEGORY",
        autocompletion=complete_category,
        help="Only this category (repeatable).",
    ),
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


class Destination(NamedTuple):
    fmt: Format
    output: Path | None
    bom: bool


def destination(fmt: str | None, output: Path | None, bom: bool) -> Destination:
    """Where and how a report goes, checked before the dataset is read: `-o` a directory (exit
    1); a suffix that names no format, `--bom` with a format other than CSV or TSV, a binary
    format (xlsx) to a terminal (exit 2)."""
    if output is not None and output.is_dir():
        raise OutputError(f"--output {output}: is a directory", "name a file")
    is_terminal = sys.stdout.isatty()
    chosen = choose_format(Format(fmt) if fmt else None, output, is_terminal)
    if bom and chosen not in (Format.csv, Format.tsv):
        raise UsageError(f"--bom goes with csv or tsv, not {chosen.value}", "drop --bom")
    if chosen in BINARY and output is None and is_terminal:
        raise UsageError(
            f"{chosen.value} is a binary format and is not written to a terminal",
            f"write it to a file: -o NAME.{chosen.value} (or redirect: > NAME.{chosen.value})",
        )
    return Destination(chosen, output, bom)


def emit(report: Report, ds: Dataset, to: Destination) -> None:
    from rarecli.render.write import emit as write_report

    def sources() -> Report | None:  # the Sources sheet of an xlsx workbook, built only for one
        from rarecli.export.sheets import cited_sources

        return cited_sources(ds, report)

    write_report(report, to.fmt, to.output, to.bom, protect=Path(ds.origin), sources=sources)
