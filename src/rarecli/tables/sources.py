"""The terminal table of `sources`."""

from __future__ import annotations

import pandas as pd
from rich.console import RenderableType

from rarecli.render.cells import safe
from rarecli.render.listing import Listing
from rarecli.render.table import Grid, empty, figure, rows, text, with_notes


def sources_table(listing: Listing, frame: pd.DataFrame) -> RenderableType:
    if frame.empty:
        return empty(listing.empty_message)
    grid = Grid(
        listing.title,
        ("Source", "prose", 24),
        ("Type", "text"),
        ("Published", "text"),
        ("Obs", "number"),
        ("Targets", "number"),
        ("Ent.", "number"),
    )
    for row in rows(frame):
        cell = text(row.title, "bold")
        cell.append("\n" + safe(row.publisher))
        cell.append(f"\n{safe(row.source_id)}", style="dim")
        if isinstance(row.url, str):
            cell.append(f"\n{safe(row.url)}", style="dim")
        grid.add_row(
            cell,
            text(row.type),
            text(row.published),
            figure(row.observations),
            figure(row.targets),
            figure(row.enterprises),
        )
    return with_notes(grid, listing.caption, listing.notes)
