"""`rarecli targets`: progress of each official target."""

from __future__ import annotations

from typing import Annotated

import typer

from rarecli.commands._common import (
    BomOpt,
    DataOpt,
    FormatOpt,
    IndicatorOpt,
    OutputOpt,
    emit,
    load,
)


def targets(
    year: Annotated[
        int | None, typer.Option("--year", help="Only targets whose deadline is this year.")
    ] = None,
    as_of: Annotated[
        int | None, typer.Option("--as-of", help="Use only observations up to this year.")
    ] = None,
    status: Annotated[
        list[str] | None,
        typer.Option(
            "--status",
            "-s",
            help="Only this status (repeatable): no_data, achieved, missed, pending, "
            "insufficient_data, on_track, needs_acceleration, limited_progress, deteriorating.",
        ),
    ] = None,
    indicator: IndicatorOpt = None,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    bom: BomOpt = False,
    data: DataOpt = None,
) -> None:
    """Progress of each official target, by the UN SDG Progress Chart method.

    [bold]Examples[/bold]: rarecli targets --year 2024 · rarecli targets --year 2025 ·
    rarecli targets --as-of 2022 --status on_track
    """
    from rarecli.analysis.progress import progress_detail
    from rarecli.reports import targets_report

    ds = load(data)
    detail = progress_detail(ds, year, as_of, status or (), indicator or ())
    emit(targets_report(ds, detail, year, as_of), ds, fmt, output, bom)
