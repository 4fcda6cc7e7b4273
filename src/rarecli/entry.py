"""The `rarecli` command's entry point, light on purpose: Ctrl-C in the first moments (while
the CLI's modules load, about a third of a second) ends with one line and exit 130, as it does
later, never with a traceback; once the command is done, Ctrl-C has nothing left to stop."""

from __future__ import annotations

import signal
import sys

EDITS = ("add", "import", "new")  # the commands that write the dataset


def editing(args: list[str]) -> bool:
    """Whether the command line names an edit (its first word that is not a global option)."""
    words = iter(args)
    for word in words:
        if word == "--data":
            next(words, None)
        elif not word.startswith("-"):
            return word in EDITS
    return False


def main() -> None:
    try:
        from rarecli.cli import main as run

        run()
    except KeyboardInterrupt:
        from rarecli.commands.messages import interrupted

        sys.exit(interrupted())
    finally:
        # The work is done (or said to be stopped): an interrupt during the interpreter's exit
        # would only turn a finished run into "killed by SIGINT".
        signal.signal(signal.SIGINT, signal.SIG_IGN)
