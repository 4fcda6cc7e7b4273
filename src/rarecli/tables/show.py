"""The terminal table of `show ID`: one indicator in full."""

from __future__ import annotations

import pandas as pd
from rich.console import Group, RenderableType
from rich.text import Text

from rarecli.model import FULL_YEAR, Dataset, Indicator
from rarecli.render.cells import number, safe
from rarecli.render.listing import Listing
from rarecli.render.table import Grid, bar, empty, rows, sparkline, text, with_notes
from rarecli.tables.evidence import evidence_cell, figure_marks, period_cell
from rarecli.tables.targets import progress_grid
from rarecli.vocabulary import bound_mark


def show_table(
    listing: Listing,
    ds: Dataset,
    indicator: Indicator,
    frame: pd.DataFrame,
    targets: pd.DataFrame,
) -> RenderableType:
    """One indicator: its facts, a trend line of its current full-year figures, every
    observation (every version) with its flags, known date and evidence, then its targets."""
    head = Text()
    head.append(safe(indicator.name), style="bold")
    head.append(f"  {safe(indicator.id)}\n", style="dim")
    facts = [("unit", indicator.unit), ("category", indicator.category)]
    facts.append(("scope", indicator.scope or f"the whole region ({ds.info.region})"))
    if indicator.description:
        facts.append(("about", indicator.description))
    for label, value in facts:
        head.append(f"{label:>9}  ", style="dim")
        head.append(safe(value) + "\n")
    full = frame[(frame["months"] == FULL_YEAR) & frame["current"]]
    if not full.empty:
        head.append(f"{'trend':>9}  ", style="dim")
        head.append(sparkline(full["value"].tolist()), style="cyan")
        span = f"{full['year'].iloc[0]}–{full['year'].iloc[-1]}, full years"
        head.append(f"  {span}\n", style="dim")
    parts: list[RenderableType] = [head]
    if frame.empty:
        parts.append(empty("No observation yet."))
    else:
        parts.append(_observations(listing, frame))
    if not targets.empty:
        parts.append(Text())
        parts.append(progress_grid(f"Targets for {indicator.name}", targets))
    return with_notes(Group(*parts), listing.caption, listing.notes)


def _observations(listing: Listing, frame: pd.DataFrame) -> Grid:
    grid = Grid(
        listing.title,
        ("Period", "label"),
        ("Value", "number"),
        ("", "bar"),
        ("Flags", "text"),
        ("Source and quote", "prose", 24),
    )
    top = max((abs(v) for v in frame["value"]), default=0.0) or 1.0
    for row in rows(frame):
        evidence = evidence_cell(row, row.source_type)
        mark = bound_mark(row.status)
        grid.add_row(
            period_cell(row),
            Text(mark + number(row.value)),
            bar(abs(row.value) / top, style="cyan"),
            text(", ".join(figure_marks(row)), "yellow"),
            evidence,
        )
    return grid
