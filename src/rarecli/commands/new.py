"""`rarecli new PATH`: start a dataset with a commented example of every table."""

from pathlib import Path
from typing import Annotated

import typer

from rarecli.errors import DatasetError, ExitCode


def new(
    path: Annotated[Path, typer.Argument(metavar="PATH", help="The new dataset file.")],
    title: Annotated[str, typer.Option("--title", help="The dataset's title.")],
    region: Annotated[str, typer.Option("--region", help="The region it covers.")],
) -> None:
    r"""Start a new dataset: \[dataset] filled in, one commented example of every other table.

    [bold]Example[/bold]: rarecli new ganzhou.toml --title "Ganzhou rare earth industry"
    --region "Ganzhou, Jiangxi, China"
    """
    from rarecli.ledger.files import create
    from rarecli.ledger.skeleton import skeleton
    from rarecli.loader import parse_dataset

    text = skeleton(title, region)
    try:
        parse_dataset(text, str(path))
    except DatasetError as exc:  # the title or region given cannot stand in a dataset
        exc.exit_code, exc.shown_problems = ExitCode.USAGE, None
        raise
    create(path, text.encode("utf-8"), str(path))
    typer.echo(f"created {path}; add figures with `rarecli --data {path} add ...`")
