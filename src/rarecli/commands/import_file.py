"""`rarecli import FILE`: add the observations of a CSV, TSV or xlsx file, all or none."""

import sys
from pathlib import Path
from typing import Annotated

import typer

from rarecli.commands.editing import edited_file, rejected
from rarecli.commands.messages import confirming
from rarecli.commands.options import DataOpt, DryRunOpt, KeepQuoteOpt, ReplaceOpt
from rarecli.errors import DatasetError, UsageError


def import_file(
    file: Annotated[
        Path,
        typer.Argument(
            metavar="FILE",
            help="CSV, TSV or xlsx in the long columns of `rarecli observations`.",
            readable=False,  # read by rarecli, which says what is wrong (exit 1)
        ),
    ],
    replace: ReplaceOpt = False,
    keep_quote: KeepQuoteOpt = False,
    dry_run: DryRunOpt = False,
    data: DataOpt = None,
) -> None:
    """Add the observations of a CSV, TSV or xlsx file: all of them, or none.

    The long columns of `rarecli observations`; indicator_id, year, value, source_id required.

    --replace: an existing row gets the columns given; an empty cell removes an optional key.

    [bold]Example[/bold]: rarecli --data my.toml import o.csv --replace --dry-run
    """
    from rarecli.ledger.plan import describe
    from rarecli.ledger.rows import import_request
    from rarecli.ledger.session import EditRejected, edit
    from rarecli.ledger.tabular import read_table

    target = edited_file(data)  # refused before the import file is read
    table = read_table(file)
    if not table.columns:
        raise UsageError(
            f"{file}: the file is empty", "it needs a header row: indicator_id,year,value,..."
        )
    try:
        result = edit(
            target,
            lambda doc: import_request(table, doc)._replace(keep_quote=keep_quote),
            replace,
            dry_run,
        )
    except DatasetError as exc:
        if isinstance(exc, EditRejected) and exc.file == str(target):
            exc.file = str(file)  # its problems are rows and columns of the import file
        raise rejected(exc) from None
    counts = {a: sum(o.action == a for o in result.outcomes) for a in ("added", "replaced")}
    unchanged = len(result.outcomes) - sum(counts.values())
    verb = "would add" if dry_run else "added"
    verb2 = "would replace" if dry_run else "replaced"
    with confirming(result.file if result.written else None):
        if dry_run:
            for outcome in result.outcomes:
                if outcome.action != "unchanged":
                    action = "would add" if outcome.action == "added" else "would replace"
                    typer.echo(f"{action} {describe(outcome.change)}")
        typer.echo(
            f"{file}: {verb} {counts['added']}, {verb2} {counts['replaced']}, "
            f"unchanged {unchanged}" + ("" if dry_run else f" in {target}")
        )
        if dry_run and result.diff:
            sys.stdout.write(result.diff)
            sys.stdout.flush()
