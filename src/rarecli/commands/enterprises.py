"""`rarecli enterprises [ID]`: the named enterprises, parks and projects."""

from __future__ import annotations

from typing import Annotated

import typer

from rarecli.commands._common import (
    BomOpt,
    DataOpt,
    FormatOpt,
    OutputOpt,
    emit,
    load,
)


def enterprises(
    enterprise_id: Annotated[
        str | None,
        typer.Argument(metavar="[ID]", help="Show this enterprise in full.", show_default=False),
    ] = None,
    kind: Annotated[
        list[str] | None,
        typer.Option(
            "--kind",
            "-k",
            help="Only this kind (repeatable): company, group, industrial_park, project.",
        ),
    ] = None,
    segment: Annotated[
        str | None, typer.Option("--segment", help="Only segments containing this text.")
    ] = None,
    search: Annotated[
        str | None,
        typer.Option("--search", help="Only names (English or Chinese) or ids containing this."),
    ] = None,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    bom: BomOpt = False,
    data: DataOpt = None,
) -> None:
    """The named enterprises, parks and projects, with their Chinese names and linked figures.

    With an ID, that one in full (the filters then do not apply).

    [bold]Examples[/bold]: rarecli enterprises · rarecli enterprises --kind industrial_park ·
    rarecli enterprises --search 稀土 · rarecli enterprises wolong_pm_motor_park
    """
    from rarecli.analysis.progress import progress_detail
    from rarecli.enterprises import enterprise_table, find_enterprise
    from rarecli.reports import enterprise_report, enterprises_report

    ds = load(data)
    frame = enterprise_table(ds, kind or (), segment, search)
    if enterprise_id is None:
        report = enterprises_report(ds, frame)
    else:
        chosen = find_enterprise(ds, enterprise_id).id
        row = enterprise_table(ds).query("enterprise_id == @chosen").reset_index(drop=True)
        progress = progress_detail(ds).query("scope == @chosen")
        report = enterprise_report(ds, chosen, row, progress)
    emit(report, ds, fmt, output, bom)
