"""`rarecli revisions`: every version of the figures published more than once."""

from typing import Annotated

import typer

from rarecli.commands.options import (
    BomOpt,
    CategoryOpt,
    DataOpt,
    FormatOpt,
    KnownAtOpt,
    OutputOpt,
    complete_indicator,
    load_known,
)
from rarecli.commands.output import destination, emit


def revisions(
    indicator_ids: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[ID]...",
            help="Only these indicators (ids, as `rarecli indicators` lists them).",
            autocompletion=complete_indicator,
            show_default=False,
        ),
    ] = None,
    category: CategoryOpt = None,
    include_all: Annotated[
        bool,
        typer.Option("--all", metavar="", help="Every figure, also those with one version."),
    ] = False,
    known_at: KnownAtOpt = None,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    bom: BomOpt = False,
    data: DataOpt = None,
) -> None:
    """Every version of each figure published more than once, and how far forecasts were off.

    Versions count from 1 in the order they became known; revision is the change from the
    previous version (revision_pct in percent of it); the last version is current. The summary
    gives the median distance of early figures (published before their period ended) from the
    current ones.

    [bold]Examples[/bold]: rarecli revisions · rarecli revisions industry_output_value ·
    rarecli revisions -c output --known-at 2023-12-31 -f csv
    """
    to = destination(fmt, output, bom)
    from rarecli.listings.in_time import as_known
    from rarecli.listings.revisions import revisions_listing
    from rarecli.queries.revisions import revision_detail

    ds, view = load_known(data, known_at)
    detail = revision_detail(ds, indicator_ids or (), category or (), include_all)
    emit(as_known(revisions_listing(ds, detail), view), ds, to)
