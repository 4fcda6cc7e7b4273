"""The terminal tables of `enterprises` (the list) and `enterprises ID` (one in full)."""

from __future__ import annotations

import pandas as pd
from rich.console import Group, RenderableType
from rich.text import Text

from rarecli.model import Dataset, Enterprise, Indicator
from rarecli.render.cells import number, safe
from rarecli.render.listing import Listing
from rarecli.render.table import Grid, empty, rows, text, with_notes
from rarecli.tables.targets import progress_grid
from rarecli.vocabulary import bound_mark, period


def _latest(indicator: Indicator) -> str:
    if not indicator.observations:
        return f"{indicator.name}: no figure yet"
    last = indicator.observations[-1]
    mark = bound_mark(last.status)
    when = period(last.year, last.months)
    return f"{indicator.name}: {mark}{number(last.value)} {indicator.unit} ({when})"


def enterprises_table(listing: Listing, ds: Dataset, frame: pd.DataFrame) -> RenderableType:
    indicators = {i.id: i for i in ds.indicators}
    if frame.empty:
        return with_notes(empty(listing.empty_message), listing.caption)
    grid = Grid(
        listing.title,
        ("Name", "text"),
        ("Kind", "text"),
        ("Segment and distinction", "prose", 16),
        ("Figures and targets", "prose", 16),
    )
    for row in rows(frame):
        name = text(row.name, "bold")
        if isinstance(row.name_zh, str):
            name.append("\n" + safe(row.name_zh))
        name.append(f"\n{safe(row.enterprise_id)}", style="dim")
        about = text(row.segment)
        if isinstance(row.distinction, str):
            about.append("\n" + safe(row.distinction), style="italic")
        linked = row.indicators.split(";") if isinstance(row.indicators, str) else []
        figures = Text("\n".join(safe(_latest(indicators[i])) for i in linked))
        if isinstance(row.targets, str):
            count = len(row.targets.split(";"))
            figures.append(f"\n{count} target{'s' if count != 1 else ''}", style="dim")
        grid.add_row(name, text(row.kind.replace("_", " ")), about, figures)
    return with_notes(grid, listing.caption, listing.notes)


def enterprise_detail_table(
    listing: Listing, ds: Dataset, enterprise: Enterprise, targets: pd.DataFrame
) -> RenderableType:
    """One enterprise in full, with the figures scoped to it and its targets' progress."""
    head = Text()
    head.append(safe(enterprise.name), style="bold")
    head.append(f"  {safe(enterprise.id)}\n", style="dim")
    facts = [
        ("Chinese", enterprise.name_zh or "not confirmed"),
        ("kind", enterprise.kind.replace("_", " ")),
        ("segment", enterprise.segment or ""),
        ("known as", enterprise.distinction or ""),
    ]
    for label, value in facts:
        if value:
            head.append(f"{label:>9}  ", style="dim")
            head.append(safe(value) + "\n")
    parts: list[RenderableType] = [head]
    scoped = [i for i in ds.indicators if i.scope == enterprise.id]
    if scoped:
        parts.append(Text("Figures", style="bold"))
        for indicator in scoped:
            line = Text(f"  {safe(_latest(indicator))}  ")
            line.append(safe(indicator.id), style="dim")
            parts.append(line)
        parts.append(Text())
    if not targets.empty:
        parts.append(progress_grid("Targets", targets))
    return with_notes(Group(*parts), listing.caption, listing.notes)
