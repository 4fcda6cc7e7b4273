"""`rarecli targets`: progress of each official target."""

from typing import Annotated

import typer

from rarecli.commands.options import (
    BomOpt,
    DataOpt,
    FormatOpt,
    IndicatorOpt,
    KnownAtOpt,
    OutputOpt,
    load_known,
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
    known_at: KnownAtOpt = None,
    with_history: Annotated[
        bool,
        typer.Option(
            "--history",
            metavar="",
            help="Also list superseded targets (restated by a later one), each with the status "
            "it had when it was restated, and the column superseded_by.",
        ),
    ] = False,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    bom: BomOpt = False,
    data: DataOpt = None,
) -> None:
    """Progress of each official target, by the UN SDG Progress Chart method.

    Full-year figures only, the current version of each. The baseline is the situation when
    the target was set (its set_in year). A target whose deadline has passed without its
    outcome in the data is flagged deadline_passed (today's date: the clock, or
    RARECLI_TODAY=YYYY-MM-DD; the --known-at date or the end of the --as-of year if earlier).

    [bold]Examples[/bold]: rarecli targets --year 2024 · rarecli targets --year 2025 ·
    rarecli targets --as-of 2022 --status on_track · rarecli targets --known-at 2022-12-31
    """
    to = destination(fmt, output, bom)
    from rarecli.listings.in_time import as_known
    from rarecli.listings.targets import targets_listing
    from rarecli.queries.targets import progress_detail

    ds, view = load_known(data, known_at)
    day = view.day if view else None
    detail = progress_detail(
        ds, year, as_of, status or (), indicator or (), known_at=day, superseded=with_history
    )
    emit(as_known(targets_listing(ds, detail, year, as_of, with_history), view), ds, to)
