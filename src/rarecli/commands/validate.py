"""`rarecli validate [PATH]`: check a dataset file."""

from pathlib import Path
from typing import Annotated

import typer

from rarecli.commands.options import DataOpt, data_option
from rarecli.errors import DatasetError


def validate(
    path: Annotated[
        Path | None,
        typer.Argument(
            metavar="PATH",
            help="Dataset file. Default: --data, $RARECLI_DATA, else shipped.",
            readable=False,  # read by the loader, which says what is wrong (exit 1)
        ),
    ] = None,
    data: DataOpt = None,
) -> None:
    """Check a dataset file and list every problem with its line; exit 1 if there is any.

    [bold]Examples[/bold]: rarecli validate · rarecli validate my-industry.toml
    """
    from rarecli.loader import load_dataset

    try:
        ds = load_dataset(path or data_option(data))
    except DatasetError as exc:  # validate lists every problem, not the first few
        exc.shown_problems = None
        raise
    typer.echo(f"OK {ds.origin}: {ds.summary()}")
