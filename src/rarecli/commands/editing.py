"""What the edit commands (`add`, `import`) share: the file an edit may change, running it, and
how its outcome and a rejected edit are worded."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from rarecli.commands.messages import confirming
from rarecli.commands.options import data_option
from rarecli.environment import DATA_ENV
from rarecli.errors import EDIT_PROBLEMS, DatasetError, UsageError

if TYPE_CHECKING:
    from rarecli.ledger.session import Result


def edited_file(data: Path | None) -> Path:
    """--data (of the command or before it), else $RARECLI_DATA; never the shipped dataset."""
    chosen = data_option(data)
    if chosen is None or str(chosen) == "":
        env = os.environ.get(DATA_ENV, "")
        if not env:
            raise UsageError(
                f"an edit needs the dataset file to change: give --data PATH or set ${DATA_ENV}",
                "the shipped dataset is not edited; start your own with `rarecli new PATH`, "
                "or copy it and pass --data",
            )
        chosen = Path(env)
    from rarecli.loader import default_data_path

    shipped = default_data_path()
    package = Path(__file__).resolve().parents[1]  # the installed rarecli package
    try:
        inside = shipped.resolve().is_relative_to(package) and chosen.resolve() == shipped.resolve()
    except OSError:
        inside = False
    if inside:
        raise UsageError(
            f"{chosen}: the dataset inside the installed package is not edited",
            "copy it, then pass the copy with --data",
        )
    return chosen


def run_edit(data: Path | None, build: Any, replace: bool, dry_run: bool) -> Result:
    """Run one edit of one record; a rejected one lists every problem, like `validate`."""
    from rarecli.ledger.session import edit

    path = edited_file(data)
    try:
        return edit(path, build, replace, dry_run, quick=True)
    except DatasetError as exc:
        raise rejected(exc) from None


def rejected(exc: DatasetError) -> DatasetError:
    """A rejected edit, to be raised: all its problems listed, the core's hints worded as flags."""
    from rarecli.errors import Problem
    from rarecli.ledger.session import DUPLICATE_HINT, STALE_QUOTE_HINT

    flags = {
        DUPLICATE_HINT: "pass --replace to replace the keys given",
        STALE_QUOTE_HINT: "give --quote or, in an import, the quote column; --keep-quote keeps it",
    }
    exc.problems = tuple(
        Problem(p.path, p.message, flags[p.hint], p.line) if p.hint in flags else p
        for p in exc.problems
    )
    exc.shown_problems = EDIT_PROBLEMS
    return exc


def print_outcomes(result: Result, dry_run: bool) -> None:
    from rarecli.ledger.plan import describe

    with confirming(result.file if result.written else None):
        for outcome in result.outcomes:
            action = outcome.action
            if dry_run and action != "unchanged":
                action = {"added": "would add", "replaced": "would replace"}[action]
            what = describe(outcome.change)
            if outcome.action == "unchanged":
                typer.echo(f"unchanged {what}: the file already holds it")
            else:
                typer.echo(f"{action} {what}")
        if dry_run and result.diff:
            sys.stdout.write(result.diff)
            sys.stdout.flush()
