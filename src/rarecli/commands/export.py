"""`rarecli export`: the whole ledger as one xlsx workbook or a Frictionless Data Package."""

from pathlib import Path
from typing import Annotated

import typer

from rarecli.commands.options import DataOpt, KnownAtOpt, load_known
from rarecli.errors import UsageError


def export(
    path: Annotated[
        Path,
        typer.Argument(
            metavar="PATH",
            help="The workbook to write (FILE.xlsx), or with --datapackage the directory (DIR).",
            show_default=False,
        ),
    ],
    datapackage: Annotated[
        bool,
        typer.Option(
            "--datapackage",
            metavar="",
            help="Write a Frictionless Data Package (datapackage.json and one CSV per table) "
            "into the directory PATH.",
        ),
    ] = False,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            metavar="",
            help="With --datapackage: replace a directory that is not empty, whole.",
        ),
    ] = False,
    known_at: KnownAtOpt = None,
    data: DataOpt = None,
) -> None:
    """The whole ledger at once: one xlsx workbook, or a Frictionless Data Package.

    The workbook has a sheet per table: Indicators, Observations, Series, Growth, Targets,
    Enterprises, Sources, Notes.

    The workbook is replaced atomically; the package is built beside DIR and renamed into place.
    With --known-at, the ledger as it stood on that day: what was published by then.

    [bold]Examples[/bold]: rarecli export baotou.xlsx · rarecli export pkg --datapackage ·
    frictionless validate pkg/datapackage.json
    """
    if not datapackage:
        if path.suffix.lower() != ".xlsx":
            raise UsageError(
                f"export {path}: a workbook needs a name ending in .xlsx",
                f"write {path.with_name(path.name + '.xlsx')}, or pass --datapackage for a "
                "Data Package directory",
            )
        if force:
            raise UsageError("--force goes with --datapackage", "drop --force")
    ds, view = load_known(data, known_at)
    if datapackage:
        from rarecli.export.datapackage import write_package

        write_package(ds, path, force)
    else:
        from rarecli.export.workbook import ledger_workbook
        from rarecli.render.write import write_atomic

        write_atomic(path, ledger_workbook(ds, view), protect=Path(ds.origin))
