"""The Typer app: the global options, the one error boundary, and the commands registered in
the order of the help (each lives in rarecli.commands).
"""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Iterable
from typing import Annotated, Any, NoReturn

import typer

# Typer (0.28 on) carries its own copy of Click, whose usage errors the one boundary below
# words as rarecli's (Typer itself would draw them in a box).
from typer._click.exceptions import NoArgsIsHelpError, NoSuchOption
from typer._click.exceptions import UsageError as ClickUsageError
from typer.core import TyperGroup

from rarecli import __version__
from rarecli.commands.messages import (
    ClosedOutput,
    interrupted,
    output_failure,
    print_error,
    say,
)
from rarecli.commands.options import BEFORE_COMMAND, DataOpt
from rarecli.environment import DEBUG_ENV, MIN_COLUMNS
from rarecli.errors import ExitCode, RarecliError, Reported, UsageError


def _usage_error(exc: ClickUsageError) -> NoReturn:
    """A mistake on the command line (a missing argument, an unknown option or command, a bad
    value) in the tool's one style, `rarecli: error: ...` and a hint, exit 2: Typer would draw
    its box."""
    if isinstance(exc, NoArgsIsHelpError):
        # A bare `rarecli` or `rarecli add` asks what there is: Typer has printed the help on
        # standard output; exit 0 (clig.dev), not 2.
        raise typer.Exit(ExitCode.OK)
    message = exc.format_message()
    hint = None
    if " Did you mean " in message:  # an unknown command
        message, guess = message.split(" Did you mean ", 1)
        hint = "did you mean " + guess
    elif isinstance(exc, NoSuchOption) and exc.possibilities:
        message, hint = exc.message, f"did you mean {', '.join(sorted(exc.possibilities))}?"
    if hint is None and exc.ctx is not None:
        hint = f"see `{exc.ctx.command_path} --help`"
    print_error(UsageError(message.rstrip("."), hint))
    raise typer.Exit(ExitCode.USAGE)


class _Boundary(TyperGroup):
    """The one error boundary: core errors become a message and an exit code, never a trace."""

    def make_context(self, *args: Any, **kwargs: Any) -> Any:
        """Parse the command line; Ctrl-C meanwhile is said as it is later (Typer would exit
        130 without a word)."""
        try:
            return super().make_context(*args, **kwargs)
        except KeyboardInterrupt:
            raise typer.Exit(interrupted()) from None
        except ClickUsageError as exc:
            _usage_error(exc)
        except OSError as exc:  # --help or --version onto a full or closed output
            failure = output_failure(exc)
            if failure is None:
                raise
            print_error(failure)
            raise typer.Exit(ExitCode.FAILED) from None

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except ClickUsageError as exc:  # a subcommand's own command line
            _usage_error(exc)
        except Reported as exc:
            raise typer.Exit(exc.exit_code) from None
        except RarecliError as exc:
            print_error(exc)
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            raise typer.Exit(interrupted()) from None
        except (typer.Exit, typer.Abort, typer.TyperException, BrokenPipeError):
            raise
        except OSError as exc:
            failure = output_failure(exc)
            if failure is None:
                self._internal(ctx, exc)
            print_error(failure)
            raise typer.Exit(ExitCode.FAILED) from None
        except Exception as exc:
            self._internal(ctx, exc)

    @staticmethod
    def _internal(ctx: Any, exc: Exception) -> NoReturn:
        """An exception that is a bug: one line asking for a report, or the traceback."""
        if ctx.params.get("debug") or os.environ.get(DEBUG_ENV):
            traceback.print_exc()
        else:
            say(
                [
                    f"rarecli: internal error ({type(exc).__name__}); this is a bug in rarecli.",
                    f"  Please report it with the command you ran; rerun with --debug (or "
                    f"{DEBUG_ENV}=1) to see the traceback.",
                ]
            )
        raise typer.Exit(ExitCode.FAILED) from None


def _new_app() -> typer.Typer:
    return typer.Typer(
        name="rarecli",
        cls=_Boundary,
        no_args_is_help=True,
        rich_markup_mode="rich",
        pretty_exceptions_enable=False,
        context_settings={"help_option_names": ["-h", "--help"]},
        help=(
            "Sourced indicators and official targets of a regional industry.\n\n"
            "Ships with Baotou's rare earth industry; works on any dataset in the same TOML "
            "format (--data PATH or RARECLI_DATA). Every figure carries its source and a "
            "verbatim quote.\n\n"
            "Start with: [bold]rarecli growth[/bold], [bold]rarecli targets --year 2024[/bold]."
        ),
    )


def _version(value: bool) -> None:
    if value:
        typer.echo(f"rarecli {__version__}")
        raise typer.Exit()


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

# name -> (module in rarecli.commands, function); `add` is a group of its own (a Typer app).
COMMANDS = {
    "growth": ("growth", "growth"),
    "targets": ("targets", "targets"),
    "indicators": ("indicators", "indicators"),
    "show": ("show", "show"),
    "enterprises": ("enterprises", "enterprises"),
    "sources": ("sources", "sources"),
    "observations": ("observations", "observations"),
    "revisions": ("revisions", "revisions"),
    "export": ("export", "export"),
    "validate": ("validate", "validate"),
    "chart": ("chart", "chart"),
    "report": ("report", "report"),
    "add": ("add", "add_app"),
    "import": ("import_file", "import_file"),
    "new": ("new", "new"),
}


def build(names: Iterable[str] | None = None) -> typer.Typer:
    """The app with every command, or with only `names`."""
    built = _new_app()
    built.callback()(_main)
    for name, (module, attribute) in COMMANDS.items():
        if names is None or name in names:
            # __import__, not importlib: -X importtime, which the start-up tests read, sees it
            loaded = __import__(f"rarecli.commands.{module}", fromlist=[attribute])
            command = getattr(loaded, attribute)
            if isinstance(command, typer.Typer):
                built.add_typer(command)
            else:
                built.command(name=name)(command)
    return built


def __getattr__(name: str) -> typer.Typer:
    """`app`, the whole app (what tests and completion use), built when first asked for."""
    if name == "app":
        globals()["app"] = built = build()
        return built
    raise AttributeError(f"module 'rarecli.cli' has no attribute {name!r}")


def _invoked(args: list[str]) -> str | None:
    """The command named on the command line, if it is one of ours and nothing before it asks
    for the whole app (help, version, completion)."""
    words = iter(args)
    for word in words:
        if word == "--data":
            next(words, None)
        elif word.startswith("--data=") or word == "--debug":
            continue
        else:
            return word if word in COMMANDS else None
    return None


def main() -> None:
    """Entry point of the `rarecli` script and `python -m rarecli`.

    Typer turns every registered command into a Click command before it parses anything (about
    1 ms each), so a run that names its command gets an app holding that command alone, and
    imports that command's module alone; help, completion and mistyped commands get the whole
    app.
    """
    if sys.stdout is None:  # closed by the shell: writes fail with one clear line, not a trace
        sys.stdout = ClosedOutput()
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) < MIN_COLUMNS:  # COLUMNS=0 would print no help at all
        os.environ.setdefault("TERMINAL_WIDTH", str(MIN_COLUMNS))  # Typer's width for help
    name = None if os.environ.get("_RARECLI_COMPLETE") else _invoked(sys.argv[1:])
    build(None if name is None else [name])(prog_name="rarecli")
