"""`rarecli show ID`: one indicator in full."""

from typing import Annotated

import typer

from rarecli.commands.options import (
    BomOpt,
    DataOpt,
    FormatOpt,
    OutputOpt,
    complete_indicator,
    load,
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
    from rarecli.listings.show import show_listing
    from rarecli.queries.show import show_detail
    from rarecli.queries.targets import progress_detail

    ds = load(data)
    detail = show_detail(ds, indicator_id)
    progress = progress_detail(ds, indicators=[indicator_id])
    emit(show_listing(ds, indicator_id, detail, progress), ds, to)
