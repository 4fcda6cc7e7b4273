"""The Typer app: the global options, the one error boundary, and the commands registered in
the order of the help (each lives in rarecli.commands).
"""

from __future__ import annotations

import os
import traceback
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from rarecli import __version__
from rarecli.commands import (
    catalog,
    chart,
    edit,
    enterprises,
    export,
    growth,
    observations,
    targets,
    validate,
)
from rarecli.commands._common import BEFORE_COMMAND, DataOpt, report_error, say
from rarecli.errors import ExitCode, RarecliError

DEBUG_ENV = "RARECLI_DEBUG"


class _Boundary(TyperGroup):
    """The one error boundary: core errors become a message and an exit code, never a trace."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except RarecliError as exc:
            report_error(exc)
            raise typer.Exit(exc.exit_code) from None
        except (typer.Exit, typer.Abort, typer.TyperException, BrokenPipeError, KeyboardInterrupt):
            raise
        except Exception as exc:
            if ctx.params.get("debug") or os.environ.get(DEBUG_ENV):
                traceback.print_exc()
            else:
                say(
                    [
                        f"rarecli: internal error ({type(exc).__name__}); "
                        "this is a bug in rarecli.",
                        f"  Please report it with the command you ran; rerun with --debug (or "
                        f"{DEBUG_ENV}=1) to see the traceback.",
                    ]
                )
            raise typer.Exit(ExitCode.FAILED) from None


app = typer.Typer(
    name="rarecli",
    cls=_Boundary,
    no_args_is_help=True,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    help=(
        "Sourced indicators and official targets of a regional industry.\n\n"
        "Ships with Baotou's rare earth industry; works on any dataset in the same TOML format "
        "(--data PATH or RARECLI_DATA). Every figure carries its source and a verbatim quote.\n\n"
        "Start with: [bold]rarecli growth[/bold], [bold]rarecli targets --year 2024[/bold]."
    ),
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"rarecli {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            metavar="",
            callback=_version,
            is_eager=True,
            help="Print the version and exit.",
        ),
    ] = False,
    debug: Annotated[
        bool,
        typer.Option(
            "--debug", metavar="", help=f"Show tracebacks of internal errors (or {DEBUG_ENV}=1)."
        ),
    ] = False,
    data: DataOpt = None,
) -> None:
    """Sourced indicators and official targets of a regional industry."""
    BEFORE_COMMAND.data = data


# ---------------------------------------------------------------------------------------------
# Commands, in the order of the help
# ---------------------------------------------------------------------------------------------

app.command()(growth.growth)
app.command()(targets.targets)
app.command()(catalog.indicators)
app.command()(catalog.show)
app.command()(enterprises.enterprises)
app.command()(catalog.sources)
app.command()(observations.observations)
app.command()(export.export)
app.command()(validate.validate)
app.command()(chart.chart)
app.command()(chart.report)
app.add_typer(edit.add_app)
app.command(name="import")(edit.import_file)
app.command()(edit.new)


def main() -> None:
    """Entry point of the `rarecli` script and `python -m rarecli`."""
    app(prog_name="rarecli")
