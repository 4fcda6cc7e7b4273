"""`rarecli observations`: every figure of the ledger, long or with years as columns."""

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
)
from rarecli.commands.output import destination, emit


def observations(
    category: CategoryOpt = None,
    indicator: IndicatorOpt = None,
    start: Annotated[
        int | None,
        typer.Option("--from", metavar="YEAR", help="Only figures of this year or later."),
    ] = None,
    end: Annotated[
        int | None,
        typer.Option("--to", metavar="YEAR", help="Only figures of this year or earlier."),
    ] = None,
    wide: Annotated[
        bool,
        typer.Option(
            "--wide",
            metavar="",
            help="One row per indicator, one column per year with a full-year figure, and the "
            "flags of figures that are not plain reported values.",
        ),
    ] = False,
    known_at: KnownAtOpt = None,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    bom: BomOpt = False,
    data: DataOpt = None,
) -> None:
    """Every observation of the ledger, long, or with --wide the years as columns.

    Long: one row per observation with its status, source and quote, every version of a
    figure (published, known, early, current). Wide: one row per indicator, one column per
    year with its current full-year figure.

    The long table holds year-to-date figures too (months < 12); it is also what
    [bold]rarecli import[/bold] reads. Filters that match nothing give an empty table.

    [bold]Examples[/bold]: rarecli observations > all.csv ·
    rarecli observations --wide -o series.xlsx · rarecli observations -c output --from 2020
    """
    to = destination(fmt, output, bom)
    from rarecli.listings.in_time import as_known
    from rarecli.listings.observations import observations_listing, series_listing
    from rarecli.queries.observations import observation_detail, series

    ds, view = load_known(data, known_at)
    detail = observation_detail(ds, category or (), indicator or (), start, end)
    if wide:
        listing = series_listing(ds, detail, series(ds, detail, category or (), indicator or ()))
    else:
        listing = observations_listing(ds, detail)
    emit(as_known(listing, view), ds, to)
