"""The output formats of the listing commands, and how one is chosen."""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING

from rarecli.errors import UsageError

if TYPE_CHECKING:
    from pathlib import Path


class Format(str, Enum):
    """Output formats of every listing command."""

    table = "table"
    csv = "csv"
    tsv = "tsv"
    json = "json"
    markdown = "markdown"
    xlsx = "xlsx"


ALIASES = {"md": Format.markdown}  # --format names besides the Format values
BINARY = frozenset({Format.xlsx})  # formats written as bytes, never to a terminal
SUFFIXES = {
    ".csv": Format.csv,
    ".tsv": Format.tsv,
    ".tab": Format.tsv,
    ".json": Format.json,
    ".md": Format.markdown,
    ".markdown": Format.markdown,
    ".txt": Format.table,
    ".xlsx": Format.xlsx,
}


def choose_format(fmt: Format | None, output: Path | None, is_terminal: bool) -> Format:
    """--format if given; else the suffix of --output; else table on a terminal, CSV otherwise."""
    if fmt is not None:
        return fmt
    if output is not None:
        found = SUFFIXES.get(output.suffix.lower())
        if found is None:
            raise UsageError(
                f"cannot tell the format from the suffix {output.suffix!r} of {output}",
                f"use one of {', '.join(SUFFIXES)}, or pass --format",
                "output",
            )
        return found
    return Format.table if is_terminal else Format.csv
