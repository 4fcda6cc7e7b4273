"""`rarecli growth`: change of every indicator between two years."""

from __future__ import annotations

from typing import Annotated

import typer

from rarecli.commands._common import (
    BomOpt,
    CategoryOpt,
    DataOpt,
    FormatOpt,
    IndicatorOpt,
    OutputOpt,
    emit,
    load,
)


def growth(
    start: Annotated[
        int | None,
        typer.Option("--from", help="Start year. Default: the dataset's base_year, else earliest."),
    ] = None,
    end: Annotated[
        int | None,
        typer.Option("--to", help="End year. Default: the dataset's current_year, else latest."),
    ] = None,
    category: CategoryOpt = None,
    indicator: IndicatorOpt = None,
    include_all: Annotated[
        bool, typer.Option("--all", help="Also list indicators that lack one of the years.")
    ] = False,
    sort: Annotated[
        str,
        typer.Option(
            "--sort", help="Row order: dataset, indicator, change, change_pct or cagr_pct."
        ),
    ] = "dataset",
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    bom: BomOpt = False,
    data: DataOpt = None,
) -> None:
    """Change of every indicator between two years: absolute, relative and compound annual.

    A rate (unit %) changes in percentage points. A lower-bound figure makes the change a bound
    (≥ or ≤ in the table).

    [bold]Examples[/bold]: rarecli growth · rarecli growth --from 2016 --to 2024 --sort cagr_pct ·
    rarecli growth -c enterprises -f json
    """
    from rarecli.analysis.growth import compare_years, resolve_years
    from rarecli.reports import growth_report

    ds = load(data)
    years = resolve_years(ds, start, end)
    detail = compare_years(ds, years, category or (), indicator or (), sort)
    emit(growth_report(ds, detail, years, include_all), ds, fmt, output, bom)
