"""`rarecli indicators`: one row per indicator."""

from rarecli.commands.options import (
    BomOpt,
    CategoryOpt,
    DataOpt,
    FormatOpt,
    OutputOpt,
    load,
)
from rarecli.commands.output import destination, emit


def indicators(
    category: CategoryOpt = None,
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
    from rarecli.listings.indicators import indicators_listing
    from rarecli.queries.indicators import indicator_table

    ds = load(data)
    emit(indicators_listing(ds, indicator_table(ds, category or ())), ds, to)
