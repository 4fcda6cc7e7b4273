"""The terminal table of `indicators`."""

from __future__ import annotations

import pandas as pd
from rich.console import RenderableType
from rich.text import Text

from rarecli.render.cells import is_missing, number, safe
from rarecli.render.listing import Listing
from rarecli.render.table import Grid, empty, figure, rows, text, with_notes
from rarecli.vocabulary import bound_mark


def indicators_table(listing: Listing, frame: pd.DataFrame) -> RenderableType:
    if frame.empty:
        return with_notes(empty(listing.empty_message), "", listing.notes)
    grid = Grid(
        listing.title,
        ("Indicator", "text"),
        ("Years", "number"),
        ("Latest", "number"),
        ("Obs", "number"),
        ("Targets", "number"),
    )
    for row in rows(frame):
        name = text(row.indicator)
        name.append(f"\n{safe(row.indicator_id)}", style="dim")
        if isinstance(row.scope, str):
            name.append(f" @ {safe(row.scope)}", style="dim")
        name.append(f"\n{safe(row.category)} · {safe(row.unit)}", style="dim")
        if is_missing(row.first_year):
            years = ""
        elif row.first_year == row.latest_year:
            years = str(row.first_year)
        else:
            years = f"{row.first_year}–{row.latest_year}"
        latest = Text(bound_mark(row.latest_status) + number(row.latest_value))
        if row.latest_early:
            latest.append("\nearly", style="yellow")
        grid.add_row(
            name,
            Text(years),
            latest,
            figure(row.observations),
            figure(row.targets),
        )
    return with_notes(grid, listing.caption, listing.notes)
