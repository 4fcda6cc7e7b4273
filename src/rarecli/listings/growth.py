"""The listing of `rarecli growth`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rarecli.listings.cited import figure_sources
from rarecli.model import FULL_YEAR, RATE_UNIT
from rarecli.queries.growth import GROWTH_COLUMNS
from rarecli.render.listing import Listing
from rarecli.vocabulary import (
    BOUND_NOTES,
    BOUND_SIGNS,
    flag_notes,
    months_span,
    period,
    source_caption,
)

if TYPE_CHECKING:
    import pandas as pd
    from rich.console import RenderableType

    from rarecli.model import Dataset


def growth_notes(detail: pd.DataFrame, shown: pd.DataFrame, left_out: str) -> list[str]:
    """The footnotes of a growth table of the `shown` rows of `detail` (from compare_years):
    flags, bounds, percentage points, and how many indicators lack `left_out` (if given)."""
    notes = flag_notes(shown["flags"])
    notes += [BOUND_NOTES[BOUND_SIGNS[b]] for b in BOUND_SIGNS if (shown["bound"] == b).any()]
    if (shown["unit"] == RATE_UNIT).any():
        notes.append("pp: percentage points, the change of a rate.")
    missing = int((~detail["complete"]).sum())
    if missing and left_out:
        notes.append(f"{missing} indicator{'s lack' if missing != 1 else ' lacks'} {left_out}")
    return notes


def growth_listing(
    ds: Dataset,
    detail: pd.DataFrame,
    years: tuple[int | None, int | None],
    include_all: bool,
    months: int = FULL_YEAR,
) -> Listing:
    """`detail` from compare_years for `years`, the (start, end) it compares, from the
    January-to-`months` figures."""
    start, end = years
    span = (
        f"{period(start, months)} → {period(end, months)}"
        if start is not None and end is not None
        else "between two years"
    )
    shown = detail if include_all else detail[detail["complete"]]
    left_out = "" if include_all else "one of the years; --all lists them."
    notes = growth_notes(detail, shown, left_out)
    if months != FULL_YEAR:
        notes.append(f"Year-to-date figures: {months_span(months)} of each year.")

    def table() -> RenderableType:
        from rarecli.tables.growth import growth_table

        return growth_table(listing, shown, years)

    listing = Listing(
        shown[list(GROWTH_COLUMNS)].reset_index(drop=True),
        table,
        GROWTH_COLUMNS,
        title=f"Growth {span}: {ds.info.title}",
        caption=source_caption(ds, [*shown["from_source"], *shown["to_source"]]),
        notes=tuple(notes),
        sources=lambda: figure_sources(
            ds, [(i, y) for i in shown["indicator_id"] for y in years], months
        ),
        empty_message=(
            f"No indicator has figures in both years ({span})."
            if start is not None and end is not None
            else "No indicator has figures in two years to compare."
        ),
    )
    return listing
