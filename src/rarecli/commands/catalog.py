"""`rarecli indicators`, `show` and `sources`: listings of the ledger itself."""

from typing import Annotated

import typer

from rarecli.commands._common import (
    BomOpt,
    CategoryOpt,
    DataOpt,
    FormatOpt,
    OutputOpt,
    complete_indicator,
    destination,
    emit,
    load,
)


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
    from rarecli.catalog import indicator_table
    from rarecli.reports import indicators_report

    ds = load(data)
    emit(indicators_report(ds, indicator_table(ds, category or ())), ds, to)


def show(
    indicator_id: Annotated[
        str,
        typer.Argument(
            metavar="ID",
            autocompletion=complete_indicator,
            help="An indicator id.",
            show_default=False,
        ),
    ],
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    bom: BomOpt = False,
    data: DataOpt = None,
) -> None:
    """One indicator in full: every observation with its status, source and quote; its targets.

    CSV and JSON hold one row per observation; the indicator's targets are in
    `rarecli targets -i ID`.

    [bold]Examples[/bold]: rarecli show industry_output_value ·
    rarecli show local_conversion_rate -f json
    """
    to = destination(fmt, output, bom)
    from rarecli.analysis.progress import progress_detail
    from rarecli.catalog import observation_table
    from rarecli.reports import show_report

    ds = load(data)
    frame = observation_table(ds, indicator_id)
    progress = progress_detail(ds, indicators=[indicator_id])
    emit(show_report(ds, indicator_id, frame, progress), ds, to)


def sources(
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    bom: BomOpt = False,
    data: DataOpt = None,
) -> None:
    """Each source with its type and how many observations, targets and enterprises cite it.

    [bold]Examples[/bold]: rarecli sources · rarecli sources -f markdown -o sources.md
    """
    to = destination(fmt, output, bom)
    from rarecli.catalog import source_table
    from rarecli.reports import sources_report

    ds = load(data)
    emit(sources_report(ds, source_table(ds)), ds, to)
