"""The terminal table of `growth`."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from rich.console import RenderableType
from rich.text import Text

from rarecli.model import RATE_UNIT
from rarecli.render.cells import is_missing, number, safe, signed
from rarecli.render.listing import Listing
from rarecli.render.table import Grid, bar, empty, rows, text, with_notes
from rarecli.vocabulary import BOUND_SIGNS, bound_mark


def _tone(value: Any) -> str:
    if is_missing(value) or value == 0:
        return ""
    return "green" if value > 0 else "red"


def _mark(row: Any) -> str:
    return f"{BOUND_SIGNS[row.bound]} " if row.bound else ""


def _change(row: Any) -> Text:
    if is_missing(row.change):
        return Text("")
    unit = " pp" if row.unit == RATE_UNIT else ""
    return Text(_mark(row) + signed(row.change) + unit, style=_tone(row.change))


def _pct(row: Any, column: str) -> Text:
    value = getattr(row, column)
    if is_missing(value):
        return Text("")
    return Text(_mark(row) + signed(value, 2) + "%", style=_tone(value))


def _figure(value: Any, status: Any) -> Text:
    return Text(bound_mark(status) + number(value))


def growth_table(
    listing: Listing, shown: pd.DataFrame, years: tuple[int | None, int | None]
) -> RenderableType:
    """`shown`: the rows of compare_years the report shows, for `years` (start, end)."""
    if shown.empty:
        return with_notes(empty(listing.empty_message), "", listing.notes)
    start, end = years
    grid = Grid(
        listing.title,
        ("Indicator", "text", 22),
        (str(start), "number"),
        (str(end), "number"),
        ("Change", "number"),
        ("Change %", "number"),
        ("", "bar"),
        ("CAGR %", "number"),
    )
    pct = shown["change_pct"].to_numpy(float)
    top = float(np.nanmax(np.abs(pct))) if np.isfinite(pct).any() else 1.0
    for row in rows(shown):
        name = text(row.indicator)
        about = " · ".join(
            part for part in (row.indicator_id, row.unit, row.flags) if isinstance(part, str)
        )
        name.append("\n" + safe(about.replace(";", ", ")), style="dim")
        grid.add_row(
            name,
            _figure(row.from_value, row.from_status),
            _figure(row.to_value, row.to_status),
            _change(row),
            _pct(row, "change_pct"),
            bar(row.change_pct / (top or 1.0), 6) if not is_missing(row.change_pct) else Text(""),
            _pct(row, "cagr_pct"),
        )
    return with_notes(grid, listing.caption, listing.notes)
