"""The terminal tables of `observations`: every figure (long) and the series by year (wide)."""

from __future__ import annotations

import pandas as pd
from rich.console import RenderableType
from rich.text import Text

from rarecli.render.cells import is_missing, number, safe
from rarecli.render.listing import Listing
from rarecli.render.table import Grid, empty, rows, text, with_notes
from rarecli.tables.evidence import evidence_cell, figure_marks, period_cell
from rarecli.vocabulary import LOWER_BOUND, bound_mark


def observations_table(listing: Listing, detail: pd.DataFrame) -> RenderableType:
    """One row per observation: indicator, period, value (≥ for a lower bound), flags, source
    and quote."""
    if detail.empty:
        return with_notes(empty(listing.empty_message), "", listing.notes)
    grid = Grid(
        listing.title,
        ("Indicator", "text", 18),
        ("Period", "label"),
        ("Value", "number"),
        ("Unit", "text"),
        ("Flags", "text"),
        ("Source and quote", "prose", 24),
    )
    for row in rows(detail):
        name = text(row.indicator)
        name.append(f"\n{safe(row.indicator_id)}", style="dim")
        marks = figure_marks(row)
        evidence = evidence_cell(row)
        mark = bound_mark(row.status)
        grid.add_row(
            name,
            period_cell(row),
            Text(mark + number(row.value)),
            text(row.unit),
            text(", ".join(marks), "yellow"),
            evidence,
        )
    return with_notes(grid, listing.caption, listing.notes)


def series_table(listing: Listing, frame: pd.DataFrame) -> RenderableType:
    """One row per indicator, one column per year; a flagged figure is marked with *."""
    if frame.empty:
        return with_notes(empty(listing.empty_message), "", listing.notes)
    head = ("indicator_id", "indicator", "category", "unit", "flags")
    years = [c for c in frame.columns if c not in head]
    grid = Grid(
        listing.title,
        ("Indicator", "text", 18),
        *((str(y), "number") for y in years),
        ("Flags", "text"),
    )
    for row in frame.itertuples(index=False):
        values = dict(zip(frame.columns, row, strict=True))
        name = text(values["indicator"])
        name.append(f"\n{safe(values['indicator_id'])} · {safe(values['unit'])}", style="dim")
        flags = values["flags"] if isinstance(values["flags"], str) else ""
        marks = dict(part.split(": ", 1) for part in flags.split("; ") if part)
        figures = []
        for year in years:
            mark = marks.get(year, "")
            figure = "" if is_missing(values[year]) else number(values[year])
            if figure and LOWER_BOUND in mark.split(", "):
                figure = bound_mark(LOWER_BOUND) + figure
            figures.append(Text(figure + ("*" if figure and mark else "")))
        grid.add_row(name, *figures, text(flags.replace("; ", "\n"), "yellow"))
    marked = ("*: a flagged figure; the last column says why.",) if flags_present(frame) else ()
    return with_notes(grid, listing.caption, (*marked, *listing.notes))


def flags_present(frame: pd.DataFrame) -> bool:
    return bool(frame["flags"].notna().any())
