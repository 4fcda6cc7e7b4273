"""`rarecli indicators`, `show` and `sources`: listings of the ledger itself."""

from __future__ import annotations

from typing import Annotated

import typer

from rarecli.commands._common import (
    BomOpt,
    CategoryOpt,
    DataOpt,
    FormatOpt,
    OutputOpt,
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
    """One row per indicator: unit, scope, years covered, latest value, counts.

    [bold]Examples[/bold]: rarecli indicators · rarecli indicators --category output ·
    rarecli indicators > indicators.csv
    """
    from rarecli.catalog import indicator_table
    from rarecli.reports import indicators_report

    ds = load(data)
    frame = indicator_table(ds, category or ())
    emit(indicators_report(ds, frame), ds, fmt, output, bom)


def show(
    indicator_id: Annotated[str, typer.Argument(metavar="ID", help="An indicator id.")],
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    bom: BomOpt = False,
    data: DataOpt = None,
) -> None:
    """One indicator in full: every observation with its status, source and quote; its targets.

    [bold]Examples[/bold]: rarecli show industry_output_value ·
    rarecli show local_conversion_rate -f json
    """
    from rarecli.analysis.progress import progress_detail
    from rarecli.catalog import observation_table
    from rarecli.reports import show_report

    ds = load(data)
    frame = observation_table(ds, indicator_id)
    progress = progress_detail(ds, indicators=[indicator_id])
    emit(show_report(ds, indicator_id, frame, progress), ds, fmt, output, bom)


def sources(
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    bom: BomOpt = False,
    data: DataOpt = None,
) -> None:
    """Each source with the number of observations, targets and enterprises that cite it.

    [bold]Examples[/bold]: rarecli sources · rarecli sources -f markdown -o sources.md
    """
    from rarecli.catalog import source_table
    from rarecli.reports import sources_report

    ds = load(data)
    emit(sources_report(ds, source_table(ds)), ds, fmt, output, bom)
