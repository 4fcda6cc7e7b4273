"""The options every command shares, written once: their aliases, the checks of closed
vocabularies while parsing, shell completion from the dataset, and --data (of the command or
before it) resolved to the dataset."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from rarecli.environment import DATA_ENV
from rarecli.errors import DatasetFileError, RarecliError
from rarecli.render.formats import ALIASES, Format

if TYPE_CHECKING:
    from rarecli.history import KnownAt
    from rarecli.model import Dataset


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
        help=f"Dataset file. Default: ${DATA_ENV}, else the shipped Baotou dataset.",
        show_default=False,
        readable=False,  # read by the loader, which says what is wrong (exit 1)
    ),
]


def _check_known_at(value: str | None) -> str | None:
    """--known-at, checked while parsing: a date, or a month or year (read as its end)."""
    if value is not None:
        from rarecli.history import parse_known_at

        parse_known_at(value)
    return value


KnownAtOpt = Annotated[
    str | None,
    typer.Option(
        "--known-at",
        metavar="DATE",
        callback=_check_known_at,
        help="The ledger as a reader knew it on this date (YYYY-MM-DD, or YYYY-MM / YYYY for "
        "the end of that month or year): figures and targets published later are hidden, "
        "undated ones left out.",
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
ReplaceOpt = Annotated[
    bool,
    typer.Option(
        "--replace", help="Add or replace: an existing record gets the keys given, keeps the rest."
    ),
]
KeepQuoteOpt = Annotated[
    bool,
    typer.Option(
        "--keep-quote",
        help="With --replace: keep a figure's quote when its value changes (by default a new "
        "value needs the quote that backs it).",
    ),
]
DryRunOpt = Annotated[
    bool, typer.Option("--dry-run", help="Print the unified diff of the edit; write nothing.")
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


def load_known(data: Path | None, known_at: str | None) -> tuple[Dataset, KnownAt | None]:
    """The dataset (see `load`) as known on --known-at, with what that view left out; the whole
    dataset and None without --known-at."""
    ds = load(data)
    if known_at is None:
        return ds, None
    from rarecli.history import known_at as view_at
    from rarecli.history import parse_known_at

    view = view_at(ds, parse_known_at(known_at))
    return view.dataset, view


def load(data: Path | None) -> Dataset:
    """The dataset named by --data, else $RARECLI_DATA, else the shipped one; an error about the
    file says which of them named it."""
    from rarecli.loader import load_dataset

    data = data_option(data)
    env = os.environ.get(DATA_ENV, "")
    try:
        return load_dataset(data)
    except DatasetFileError as exc:  # the file itself: missing, unreadable, a directory
        if exc.message not in ("no such file", "is a directory"):
            pass  # the fix is the file itself (its mode, its kind), wherever its name came from
        elif data is not None:
            exc.hint = "check the path given to --data"
        elif env:
            exc.hint = f"${DATA_ENV} names this file: fix the variable, or unset it"
        raise
