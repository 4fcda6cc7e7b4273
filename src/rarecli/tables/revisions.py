"""The terminal table of `revisions`: the versions of each figure, grouped."""

from __future__ import annotations

from typing import Any

import pandas as pd
from rich.console import RenderableType
from rich.text import Text

from rarecli.render.cells import is_missing, number
from rarecli.render.listing import Listing
from rarecli.render.table import Grid, empty, rows, text, with_notes
from rarecli.tables.evidence import evidence_cell
from rarecli.vocabulary import LOWER_BOUND, bound_mark, period


def revisions_table(
    listing: Listing, frame: pd.DataFrame, flags: list[str | None]
) -> RenderableType:
    """One block of rows per figure: the figure named on its first version, then each version
    with its known date, value, revision from the one before, flags and evidence."""
    if frame.empty:
        return with_notes(empty(listing.empty_message), listing.caption, listing.notes)
    grid = Grid(
        listing.title,
        ("Figure", "prose", 10),
        ("Version", "text"),
        ("Value", "number"),
        ("Flags", "text"),
        ("Source and quote", "prose", 24),
    )
    previous_status: object = None
    for row, flag in zip(rows(frame), flags, strict=True):
        if row.version == 1:
            name = Text(period(row.year, row.months), style="bold")
            name.append(f"\n{row.indicator} ({row.unit})", style="dim")
            previous_status = None
        else:
            name = Text()
        version = Text(f"v{row.version}", style="bold" if row.current else "")
        if isinstance(row.known, str):
            version.append("\n" + row.known, style="dim")
        value = Text(bound_mark(row.status) + number(row.value))
        value.append(_revision(row, previous_status))
        marks = [*(flag or "").split(";"), *(["current"] if row.current else [])]
        grid.add_row(
            name,
            version,
            value,
            text(", ".join(m for m in marks if m), "yellow"),
            evidence_cell(row, row.source_type, with_note=False),
        )
        previous_status = row.status
    return with_notes(grid, listing.caption, listing.notes)


def _revision(row: Any, previous_status: object) -> Text:
    """The change from the previous version, on lines of its own under the value ('+7.75',
    '+12.92 %'); a bound where either version is a lower bound; nothing on version 1."""
    change = row.revision
    if is_missing(change):
        return Text("")
    if row.status == LOWER_BOUND and previous_status == LOWER_BOUND:
        return Text("\nchange ?", style="dim")  # two bounds: the change could be anything
    mark = "≥ " if row.status == LOWER_BOUND else ""
    mark = "≤ " if previous_status == LOWER_BOUND else mark
    cell = Text("\n" + mark + f"{'+' if change > 0 else ''}{number(change)}", style="dim")
    pct = row.revision_pct
    if not is_missing(pct):
        cell.append(f"\n{mark}{'+' if pct > 0 else ''}{number(pct, 2)} %", style="dim")
    return cell
