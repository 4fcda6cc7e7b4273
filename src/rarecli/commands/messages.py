"""Errors worded for the shell: one message on standard error naming the file, the place and
the fix. The one error boundary in rarecli.cli prints every error through `print_error`."""

from __future__ import annotations

import contextlib
import errno
import re
import sys
from collections.abc import Iterator

from rarecli.errors import DatasetError, OutputError, RarecliError, UsageError

# Why standard output took no more: the errors of a write that are the output's fault, not
# rarecli's.
OUTPUT_FAILURES = {
    errno.ENOSPC: "no space left on the output",
    errno.EDQUOT: "the disk quota of the output is used up",
    errno.EFBIG: "the output is too large for its file system",
    errno.EBADF: "standard output is closed",
    errno.EIO: "the output device failed (input/output error)",
}


def output_failure(exc: OSError, after: str = "") -> OutputError | None:
    """The error to print for a write that failed for a reason of the output's, or None for
    any other OSError (a bug). `after` says what was done before it, e.g. that an edit was
    written."""
    reason = OUTPUT_FAILURES.get(exc.errno or 0)
    if reason is None:
        return None
    return OutputError(reason + (f"; {after}" if after else ""))


@contextlib.contextmanager
def confirming(written: str | None) -> Iterator[None]:
    """Around the lines that confirm an edit: if they cannot be written, the message says
    whether the edit was (`written`, the dataset's name) or nothing was changed."""
    after = f"the edit was written to {written}" if written else "nothing was changed"
    try:
        yield
    except OSError as exc:
        failure = output_failure(exc, after)
        if failure is None:
            raise
        raise failure from None


class ClosedOutput:
    """Standard output when the shell closed it (`rarecli growth >&-`): Python leaves
    sys.stdout None; every write raises EBADF, which the error boundary words as one line."""

    def _closed(self, *args: object) -> None:
        raise OSError(errno.EBADF, "standard output is closed")

    write = _closed

    def flush(self) -> None:
        """Nothing is ever held: the interpreter's flush at exit must not fail again."""

    @property
    def buffer(self) -> ClosedOutput:
        return self

    def isatty(self) -> bool:
        return False

    def fileno(self) -> int:
        raise OSError(errno.EBADF, "standard output is closed")


INTERRUPTED = 130  # the exit code of a command stopped by Ctrl-C (128 + SIGINT)


def interrupted() -> int:
    """Say that Ctrl-C stopped the command and, for an edit, whether its file was written
    (nothing is half-written: the file is the old one or the new one); the exit code."""
    from rarecli.entry import editing

    files = sys.modules.get("rarecli.ledger.files")
    written = getattr(files, "WRITTEN", None)
    if written:
        after = f"; the edit was written to {written[-1]}"
    elif editing(sys.argv[1:]):
        after = "; nothing was changed"
    else:
        after = ""
    say(["rarecli: interrupted" + after])
    return INTERRUPTED


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
    "fmt": "--format",
    "indicator_id": "ID",
    "enterprise_id": "ID",
}


# A value a message quotes (a repr) of more than ECHOED characters is cut to them, with its
# length: a 1 MB bad value must not come back whole on the terminal.
ECHOED = 80
_LONG_QUOTED = re.compile(  # a quoted value (a repr, after a space or "(") of ECHOED+ characters
    r"(?<![^\s(])'((?:[^'\\\n]|\\.){80,})'" + "|" + r'(?<![^\s(])"((?:[^"\\\n]|\\.){80,})"'
)


_LONG_WORD = re.compile(r"\S{320,}")  # a path, key or option of 4 * ECHOED characters or more


def _cut_values(line: str) -> str:
    def cut(found: re.Match[str]) -> str:
        inner = found.group(1) if found.group(1) is not None else found.group(2)
        if len(inner) <= ECHOED + 20:
            return found.group()
        mark = found.group()[0]
        return f"{mark}{inner[:ECHOED]}…{mark} ({len(inner):,} characters)"

    def cut_word(found: re.Match[str]) -> str:
        word = found.group()
        return f"{word[:ECHOED]}…({len(word):,} characters)"

    return _LONG_WORD.sub(cut_word, _LONG_QUOTED.sub(cut, line))


def print_error(exc: RarecliError) -> None:
    """Print one error message on stderr: what, where, and how to fix it."""
    if isinstance(exc, UsageError) and exc.param is not None:
        lines = [f"rarecli: error: {FLAGS.get(exc.param, exc.param)}: {exc.detail}"]
        if exc.hint:
            lines.append(f"  hint: {exc.hint}")
    elif isinstance(exc, DatasetError):
        lines = [f"rarecli: error: {exc.file}: {exc.message}"]
        problems = exc.problems[: exc.shown_problems]
        lines += [f"  {p.render(exc.file)}" for p in problems]
        if len(problems) < len(exc.problems):
            lines.append(f"  … and {len(exc.problems) - len(problems):,} more problems")
        if exc.hint and (len(problems) < len(exc.problems) or not exc.problems):
            lines.append(f"  hint: {exc.hint}")
    else:
        lines = [f"rarecli: error: {exc.message}"]
        if exc.hint:
            lines.append(f"  hint: {exc.hint}")
    say([_cut_values(line) for line in lines])
