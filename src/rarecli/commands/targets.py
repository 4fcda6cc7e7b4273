"""`rarecli targets`: progress of each official target."""

from typing import Annotated

import typer

from rarecli.commands.options import (
    BomOpt,
    DataOpt,
    FormatOpt,
    IndicatorOpt,
    OutputOpt,
    load,
    one_of,
)
from rarecli.commands.output import destination, emit
from rarecli.vocabulary import TARGET_STATUSES


def targets(
    year: Annotated[
        int | None,
        typer.Option("--year", metavar="YEAR", help="Only targets whose deadline is this year."),
    ] = None,
    as_of: Annotated[
        int | None,
        typer.Option(
            "--as-of",
            metavar="YEAR",
            help="Only the figures known up to this year: every later one is hidden, the "
            "baseline included.",
        ),
    ] = None,
    status: Annotated[
        list[str] | None,
        typer.Option(
            "--status",
            "-s",
            metavar="STATUS",
            callback=one_of("status", "statuses", TARGET_STATUSES),
            autocompletion=lambda: list(TARGET_STATUSES),
            help="Only this status (repeatable): " + ", ".join(TARGET_STATUSES) + ".",
        ),
    ] = None,
    indicator: IndicatorOpt = None,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    bom: BomOpt = False,
    data: DataOpt = None,
) -> None:
    """Progress of each official target, by the UN SDG Progress Chart method.

    Full-year figures only. A target whose deadline has passed without its outcome in the data
    is flagged deadline_passed (today's date: the clock, or RARECLI_TODAY=YYYY-MM-DD).

    [bold]Examples[/bold]: rarecli targets --year 2024 · rarecli targets --year 2025 ·
    rarecli targets --as-of 2022 --status on_track
    """
    to = destination(fmt, output, bom)
    from rarecli.listings.targets import targets_listing
    from rarecli.queries.targets import progress_detail

    ds = load(data)
    detail = progress_detail(ds, year, as_of, status or (), indicator or ())
    emit(targets_listing(ds, detail, year, as_of), ds, to)
