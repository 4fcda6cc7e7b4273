"""`rarecli indicators`: one row per indicator."""

from rarecli.commands.options import (
    BomOpt,
    CategoryOpt,
    DataOpt,
    FormatOpt,
    KnownAtOpt,
    OutputOpt,
    load_known,
)
from rarecli.commands.output import destination, emit


def indicators(
    category: CategoryOpt = None,
    known_at: KnownAtOpt = None,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    bom: BomOpt = False,
    data: DataOpt = None,
) -> None:
    """One row per indicator: unit, scope, years of full-year figures, latest value, counts.

    [bold]Examples[/bold]: rarecli indicators · rarecli indicators --category output ·
    rarecli indicators > indicators.csv
    """
    to = destination(fmt, output, bom)
    from rarecli.listings.in_time import as_known
    from rarecli.listings.indicators import indicators_listing
    from rarecli.queries.indicators import indicator_table

    ds, view = load_known(data, known_at)
    emit(as_known(indicators_listing(ds, indicator_table(ds, category or ())), view), ds, to)
