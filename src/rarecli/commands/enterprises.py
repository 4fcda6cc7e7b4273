"""`rarecli enterprises [ID]`: the named enterprises, parks and projects."""

from typing import Annotated

import typer

from rarecli.commands.options import (
    BomOpt,
    DataOpt,
    FormatOpt,
    OutputOpt,
    complete_enterprise,
    load,
    one_of,
)
from rarecli.commands.output import destination, emit
from rarecli.model import ENTERPRISE_KINDS


def enterprises(
    enterprise_id: Annotated[
        str | None,
        typer.Argument(
            metavar="ID",
            autocompletion=complete_enterprise,
            help="Show this enterprise in full.",
            show_default=False,
        ),
    ] = None,
    kind: Annotated[
        list[str] | None,
        typer.Option(
            "--kind",
            "-k",
            metavar="KIND",
            callback=one_of("kind", "kinds", ENTERPRISE_KINDS),
            autocompletion=lambda: list(ENTERPRISE_KINDS),
            help="Only this kind (repeatable): " + ", ".join(ENTERPRISE_KINDS) + ".",
        ),
    ] = None,
    segment: Annotated[
        str | None,
        typer.Option("--segment", metavar="TEXT", help="Only segments containing this text."),
    ] = None,
    search: Annotated[
        str | None,
        typer.Option(
            "--search",
            metavar="TEXT",
            help="Only names (English or Chinese) or ids containing this.",
        ),
    ] = None,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    bom: BomOpt = False,
    data: DataOpt = None,
) -> None:
    """The named enterprises, parks and projects, with their Chinese names and linked figures.

    With an ID, that one in full (the filters then do not apply); in CSV and JSON its one row,
    with its figures in `rarecli indicators` and its targets in `rarecli targets -i ID`.

    [bold]Examples[/bold]: rarecli enterprises · rarecli enterprises --kind industrial_park ·
    rarecli enterprises --search 稀土 · rarecli enterprises wolong_pm_motor_park
    """
    to = destination(fmt, output, bom)
    from rarecli.listings.enterprises import enterprise_listing, enterprises_listing
    from rarecli.queries.enterprises import enterprise_detail, enterprise_table

    ds = load(data)
    if enterprise_id is None:
        listing = enterprises_listing(ds, enterprise_table(ds, kind or (), segment, search))
    else:
        row, progress = enterprise_detail(ds, enterprise_id)
        listing = enterprise_listing(ds, row.iloc[0]["enterprise_id"], row, progress)
    emit(listing, ds, to)
