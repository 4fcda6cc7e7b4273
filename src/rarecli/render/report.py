"""What every listing command hands to the renderers."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    import pandas as pd
    from rich.console import RenderableType

# How a column's values are written in CSV, TSV, JSON and Markdown:
#   text    as is (CSV/TSV: guarded against formula injection)
#   int     a whole number
#   number  a figure from the dataset, exactly, without binary noise
#   pct     a derived percentage, rounded to 2 decimals
#   derived a derived value (e.g. a projection), rounded to 2 decimals
#   ratio   a dimensionless ratio, rounded to 3 decimals
#   list    a tuple of texts (ids, flags): a JSON array; CSV, TSV and Markdown join it with ";"
Kind = Literal["text", "int", "number", "pct", "derived", "ratio", "list"]


class Format(str, Enum):
    """Output formats of every listing command."""

    table = "table"
    csv = "csv"
    tsv = "tsv"
    json = "json"
    markdown = "markdown"
    xlsx = "xlsx"


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


@dataclass
class Report:
    """A frame with the contract's columns, and how to present it.

    `table(width)` builds the Rich renderable for a terminal of that many columns; the other
    formats write `frame` as is, each column by its kind in `kinds` (text where absent).
    `title`, `caption` (the sources of the figures shown) and `notes` (the footnotes) are what
    the table prints around its rows, for formats that have a place for them (an xlsx Notes
    sheet); `sources` are the ids of every source the rows cite, corroborating ones included.
    """

    frame: pd.DataFrame
    table: Callable[[int], RenderableType]
    kinds: dict[str, Kind] = field(default_factory=dict)
    title: str = ""
    caption: str = ""
    notes: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    # Cell comments for formats that have them (xlsx): (row position, column name) -> text.
    comments: dict[tuple[int, str], str] = field(default_factory=dict)
