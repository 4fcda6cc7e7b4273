"""The exception family raised by the core, and the exit codes the CLI maps them to."""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum
from typing import NamedTuple


class ExitCode(IntEnum):
    """The CLI's exit codes (see SPEC: Errors)."""

    OK = 0
    FAILED = 1  # the dataset or an output file is the problem
    USAGE = 2  # the command line is the problem


class Problem(NamedTuple):
    """One located problem in a dataset file."""

    path: str  # where in the document, e.g. "indicators[3].observations[1].year"
    message: str
    hint: str | None = None
    line: int | None = None
    also: str | None = None  # another place the problem involves; its hint says {also}
    code: str = "bad-value"  # stable, for machines (README: validate codes)
    column: int | None = None

    def render(self, file: str) -> str:
        place = f"{file}:{self.line}" if self.line else file
        where = f"{place}: {self.path}: " if self.path else f"{place}: "
        return where + self.message + (f" ({self.hint})" if self.hint else "")


class RarecliError(Exception):
    """Base of every error the core raises on bad input."""

    exit_code = ExitCode.FAILED
    # How many of its located problems the CLI lists: the first few by default, every one for
    # validate (None), up to EDIT_PROBLEMS for a rejected edit (an import of 200,000 bad rows
    # would write megabytes); the count of the rest is said.
    shown_problems: int | None = 10

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


EDIT_PROBLEMS = 100


class DatasetError(RarecliError):
    """The dataset file is missing, unreadable or invalid (exit 1)."""

    def __init__(
        self,
        file: str,
        message: str,
        hint: str | None = None,
        problems: Sequence[Problem] = (),
        code: str = "unreadable-file",
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        super().__init__(message, hint)
        self.file = file
        self.problems = tuple(problems)
        # What is wrong with the file as a whole, for machines, when no problem is located in
        # it (README: validate codes): unreadable-file, empty-file, not-utf8, toml-syntax.
        self.code, self.line, self.column = code, line, column

    def __str__(self) -> str:
        """The file, what is wrong, and each located problem: what a library user sees."""
        lines = [f"{self.file}: {self.message}"]
        lines += [f"  {p.render(self.file)}" for p in self.problems]
        if self.hint and not self.problems:
            lines.append(f"  ({self.hint})")
        return "\n".join(lines)


class DatasetFileError(DatasetError):
    """The dataset file itself cannot be read: missing, a directory, unreadable (exit 1)."""


class Reported(RarecliError):
    """A failure whose problems the command has already written where they belong
    (`validate -f json` on standard output): the CLI only exits with its code (1)."""

    def __init__(self) -> None:
        super().__init__("the problems are written on standard output")


class OutputError(RarecliError):
    """An output file cannot be written (exit 1)."""


class UsageError(RarecliError):
    """A bad argument value or an unknown id (exit 2).

    `param` names the argument as the library's parameter (`start`, `indicators`); the message
    says what is wrong with its value. The CLI words `param` as its flag (`--from`).
    """

    exit_code = ExitCode.USAGE

    def __init__(self, message: str, hint: str | None = None, param: str | None = None) -> None:
        super().__init__(f"{param}: {message}" if param else message, hint)
        self.param = param
        self.detail = message
