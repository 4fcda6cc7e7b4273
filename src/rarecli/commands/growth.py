"""`rarecli growth`: change of every indicator between two years."""

from typing import Annotated

import typer

from rarecli.commands.options import (
    BomOpt,
    CategoryOpt,
    DataOpt,
    FormatOpt,
    IndicatorOpt,
    KnownAtOpt,
    OutputOpt,
    load_known,
    one_of,
)
from rarecli.commands.output import destination, emit
from rarecli.vocabulary import SORT_KEYS, check_months


def growth(
    start: Annotated[
        int | None,
        typer.Option(
            "--from",
            metavar="YEAR",
            help="Start year. Default: the dataset's base_year, else the earliest.",
        ),
    ] = None,
    end: Annotated[
        int | None,
        typer.Option(
            "--to",
            metavar="YEAR",
            help="End year. Default: the dataset's current_year, else the latest.",
        ),
    ] = None,
    months: Annotated[
        int,
        typer.Option(
            "--months",
            metavar="N",
            callback=check_months,
            help="Compare the January-to-month-N figures of the two years (default 12: full "
            "years).",
        ),
    ] = 12,
    category: CategoryOpt = None,
    indicator: IndicatorOpt = None,
    include_all: Annotated[
        bool,
        typer.Option("--all", metavar="", help="Also list indicators that lack one of the years."),
    ] = False,
    sort: Annotated[
        str,
        typer.Option(
            "--sort",
            metavar="KEY",
            callback=one_of("sort key", "sort", SORT_KEYS),
            autocompletion=lambda: list(SORT_KEYS),
            help="Row order: dataset, indicator, change, change_pct or cagr_pct.",
        ),
    ] = "dataset",
    known_at: KnownAtOpt = None,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    bom: BomOpt = False,
    data: DataOpt = None,
) -> None:
    """Change of every indicator between two years: absolute, relative and compound annual.

    A rate (unit %) changes in percentage points. A lower-bound figure makes the change a bound
    (≥ or ≤ in the table). Full-year figures, unless --months compares year-to-date ones; the
    current version of each (with --known-at: the last one known by then).

    [bold]Examples[/bold]: rarecli growth · rarecli growth --from 2016 --to 2024 --sort cagr_pct ·
    rarecli growth -c enterprises -f json · rarecli growth --months 5 --from 2024 --to 2025
    """
    to = destination(fmt, output, bom)
    from rarecli.listings.growth import growth_listing
    from rarecli.listings.in_time import as_known
    from rarecli.queries.growth import compare_years, resolve_years

    ds, view = load_known(data, known_at)
    years = resolve_years(ds, start, end, months)
    detail = compare_years(ds, years, category or (), indicator or (), sort, months)
    emit(as_known(growth_listing(ds, detail, years, include_all, months), view), ds, to)
