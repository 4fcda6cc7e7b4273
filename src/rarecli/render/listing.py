"""A Listing: what every listing command hands to the renderers."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rarecli.columns import ColumnKind

if TYPE_CHECKING:
    import pandas as pd
    from rich.console import RenderableType


@dataclass
class Listing:
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
    kinds: dict[str, ColumnKind] = field(default_factory=dict)
    title: str = ""
    caption: str = ""
    notes: tuple[str, ...] = ()
    sources: Callable[[], tuple[str, ...]] = tuple
    empty_message: str = "Nothing matches."
    # Cell comments for formats that have them (xlsx): (row position, column name) -> text.
    comments: dict[tuple[int, str], str] = field(default_factory=dict)
