"""The terminal table of `growth`."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from rich.console import RenderableType
from rich.text import Text

from rarecli.model import RATE_UNIT, Dataset
from rarecli.render.cells import is_missing, number, safe, signed
from rarecli.render.table import (
    bar,
    empty,
    new_table,
    rows,
    source_caption,
    text,
    with_notes,
)
from rarecli.vocabulary import BOUND_NOTES, flag_notes

WIDE = 90  # from this terminal width on, relative change also gets a bar


def _tone(value: Any) -> str:
    if is_missing(value) or value == 0:
        return ""
    return "green" if value > 0 else "red"


def _change(row: Any) -> Text:
    if is_missing(row.change):
        return Text("")
    unit = " pp" if row.unit == RATE_UNIT else ""
    mark = f"{row.bound} " if row.bound else ""
    return Text(mark + signed(row.change) + unit, style=_tone(row.change))


def _pct(row: Any, column: str) -> Text:
    value = getattr(row, column)
    if is_missing(value):
        return Text("")
    mark = f"{row.bound} " if row.bound else ""
    return Text(mark + signed(value, 2) + "%", style=_tone(value))


def _bound_mark(status: Any) -> str:
    return "≥ " if status == "lower_bound" else ""


def _bar(relative: Any, top: float) -> Text:
    """Relative change as a bar, scaled to the largest in the table; red when falling."""
    if is_missing(relative):
        return Text("")
    return bar(abs(relative) / (top or 1.0), 6, "green" if relative >= 0 else "red")


def growth_table(
    ds: Dataset,
    detail: pd.DataFrame,
    years: tuple[int | None, int | None],
    include_all: bool,
    width: int,
) -> RenderableType:
    """`detail` from compare_years for `years`, the (start, end) it compares."""
    start, end = years
    span = f"{start} → {end}" if start is not None else "between two years"
    title = f"Growth {span}: {ds.info.title}"
    shown = detail if include_all else detail[detail["complete"]]
    left_out = int((~detail["complete"]).sum())
    if shown.empty:
        return empty(f"No indicator has observations in both years ({span}).")
    grid = new_table(
        title,
        ("Indicator", "left", 22),
        (str(start), "right"),
        (str(end), "right"),
        ("Change", "right"),
        ("Change %", "right"),
        *([("", "left")] if width >= WIDE else []),
        ("CAGR %", "right"),
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
            Text(_bound_mark(row.from_status) + number(row.from_value)),
            Text(_bound_mark(row.to_status) + number(row.to_value)),
            _change(row),
            _pct(row, "change_pct"),
            *([_bar(row.change_pct, top)] if width >= WIDE else []),
            _pct(row, "cagr_pct"),
        )
    notes = flag_notes(shown["flags"])
    notes += [BOUND_NOTES[b] for b in BOUND_NOTES if (shown["bound"] == b).any()]
    if (shown["unit"] == RATE_UNIT).any():
        notes.append("pp: percentage points, the change of a rate.")
    if left_out and not include_all:
        plural = "s lack" if left_out != 1 else " lacks"
        notes.append(f"{left_out} indicator{plural} one of the years; --all lists them.")
    cited = [*shown["from_source"], *shown["to_source"]]
    return with_notes(grid, source_caption(ds, cited), notes)
