"""What every listing command hands to the renderers."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING

from rarecli.columns import Kind
from rarecli.errors import UsageError

if TYPE_CHECKING:
    from pathlib import Path

    import pandas as pd
    from rich.console import RenderableType


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


@dataclass
class Report:
    """A frame with the contract's columns, and how to present it.

    `table()` builds the Rich renderable (it fits itself to the console's width when drawn);
    the other formats write `frame` as is, each column by its kind in `kinds` (text where absent).
    `title`, `caption` (the sources of the figures shown) and `notes` (the footnotes) are what
    the table prints around its rows, for formats that have a place for them (an xlsx Notes
    sheet); `sources()` gives the ids of every source the rows cite, corroborating ones included
    (worked out only when asked for: only a workbook's Sources sheet needs them);
    `empty_message` is what the table says when there is no row.
    """

    frame: pd.DataFrame
    table: Callable[[], RenderableType]
    kinds: dict[str, Kind] = field(default_factory=dict)
    title: str = ""
    caption: str = ""
    notes: tuple[str, ...] = ()
    sources: Callable[[], tuple[str, ...]] = tuple
    empty_message: str = "Nothing matches."
    # Cell comments for formats that have them (xlsx): (row position, column name) -> text.
    comments: dict[tuple[int, str], str] = field(default_factory=dict)
