"""`rarecli show ID`: one indicator in full."""

from typing import Annotated

import typer

from rarecli.commands.options import (
    BomOpt,
    DataOpt,
    FormatOpt,
    KnownAtOpt,
    OutputOpt,
    complete_indicator,
    load_known,
)
from rarecli.commands.output import destination, emit


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
    known_at: KnownAtOpt = None,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    bom: BomOpt = False,
    data: DataOpt = None,
) -> None:
    """One indicator in full: every observation with its status, source and quote; its targets.

    Every version of a figure is listed in the order it became known, the current one marked.

    CSV and JSON hold one row per observation; the indicator's targets are in
    `rarecli targets -i ID`.

    [bold]Examples[/bold]: rarecli show industry_output_value ·
    rarecli show local_conversion_rate -f json
    """
    to = destination(fmt, output, bom)
    from rarecli.listings.in_time import as_known
    from rarecli.listings.show import show_listing
    from rarecli.queries.show import show_detail
    from rarecli.queries.targets import progress_detail

    ds, view = load_known(data, known_at)
    detail = show_detail(ds, indicator_id)
    day = view.day if view else None
    progress = progress_detail(ds, indicators=[indicator_id], known_at=day)
    emit(as_known(show_listing(ds, indicator_id, detail, progress), view), ds, to)
