"""Errors worded for the shell: one message on standard error naming the file, the place and
the fix. The one error boundary in rarecli.cli prints every error through `print_error`."""

from __future__ import annotations

import sys

from rarecli.errors import DatasetError, RarecliError, UsageError

SHOWN_PROBLEMS = 10  # an invalid dataset's problems listed, unless the error lists them all


def say(lines: list[str]) -> None:
    sys.stderr.write("\n".join(lines) + "\n")
    sys.stderr.flush()


# The library's parameter names, as the CLI spells them.
FLAGS = {
    "start": "--from",
    "end": "--to",
    "months": "--months",
    "known_at": "--known-at",
    "categories": "--category",
    "indicators": "--indicator",
    "sort": "--sort",
    "statuses": "--status",
    "kinds": "--kind",
    "output": "--output",
    "indicator_id": "ID",
    "enterprise_id": "ID",
}


def print_error(exc: RarecliError) -> None:
    """Print one error message on stderr: what, where, and how to fix it."""
    if isinstance(exc, UsageError) and exc.param is not None:
        lines = [f"rarecli: error: {FLAGS.get(exc.param, exc.param)}: {exc.detail}"]
        if exc.hint:
            lines.append(f"  hint: {exc.hint}")
    elif isinstance(exc, DatasetError):
        lines = [f"rarecli: error: {exc.file}: {exc.message}"]
        problems = exc.problems if exc.list_all else exc.problems[:SHOWN_PROBLEMS]
        lines += [f"  {p.render(exc.file)}" for p in problems]
        if exc.hint and (len(problems) < len(exc.problems) or not exc.problems):
            lines.append(f"  hint: {exc.hint}")
    else:
        lines = [f"rarecli: error: {exc.message}"]
        if exc.hint:
            lines.append(f"  hint: {exc.hint}")
    say(lines)
