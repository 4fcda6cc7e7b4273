"""`rarecli sources`: each source and what cites it."""

from rarecli.commands.options import (
    BomOpt,
    DataOpt,
    FormatOpt,
    OutputOpt,
    load,
)
from rarecli.commands.output import destination, emit


def sources(
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    bom: BomOpt = False,
    data: DataOpt = None,
) -> None:
    """Each source with its type and how many observations, targets and enterprises cite it.

    [bold]Examples[/bold]: rarecli sources · rarecli sources -f markdown -o sources.md
    """
    to = destination(fmt, output, bom)
    from rarecli.listings.sources import sources_listing
    from rarecli.queries.sources import source_table

    ds = load(data)
    emit(sources_listing(ds, source_table(ds)), ds, to)
