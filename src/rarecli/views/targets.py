"""The terminal table of target progress, for `targets`, `show` and `enterprises ID`."""

from __future__ import annotations

from typing import Any

import pandas as pd
from rich.console import RenderableType
from rich.text import Text

from rarecli.model import Dataset
from rarecli.render.cells import is_missing, number, safe
from rarecli.render.table import (
    bar,
    empty,
    new_table,
    rows,
    source_caption,
    text,
    with_notes,
)
from rarecli.vocabulary import METHOD_NOTE, STATUS_LABELS, flag_notes


def status_text(status: str) -> Text:
    label, style = STATUS_LABELS.get(status, (status, ""))
    return Text(label, style=style)


def _point(year: Any, value: Any, status: Any) -> Text:
    if is_missing(value):
        return Text("—", style="dim")
    mark = "≥ " if status == "lower_bound" else ""
    cell = Text(mark + number(value))
    cell.append(f"\n{year}", style="dim")
    return cell


def _progress(row: Any) -> Text:
    if is_missing(row.progress_pct):
        return Text("")
    cell = bar(row.progress_pct / 100, width=8, style="green" if row.progress_pct >= 0 else "red")
    cell.append(f" {number(row.progress_pct, 0)}%")
    if not is_missing(row.expected_pct):
        cell.append(f"\nexpected {number(row.expected_pct, 0)}%", style="dim")
    return cell


WIDE = 90  # from this terminal width on, the projection has a column of its own


def progress_table(
    ds: Dataset, detail: pd.DataFrame, title: str, width: int = WIDE
) -> RenderableType:
    """The people's view of target progress: goal, baseline, latest, progress bar, status."""
    if detail.empty:
        return empty("No target matches.")
    grid = new_table(
        title,
        ("Target", "left", 20),
        ("From", "right"),
        ("Latest", "right"),
        ("Progress", "left", 14),
        *([("Projected", "right")] if width >= WIDE else []),
        ("Status", "left", 12),
    )
    for row in rows(detail):
        name = text(row.indicator, "bold")
        name.append(
            "\n" + ("≤ " if row.direction == "at_most" else "≥ ") + number(row.target_value)
        )
        name.append(f" {safe(row.unit)}" if isinstance(row.unit, str) else "")
        name.append(" (no deadline)" if is_missing(row.deadline) else f" by {row.deadline}")
        name.append(f"\n{safe(row.target_id)}", style="dim")
        if isinstance(row.scope, str):
            name.append(f" @ {safe(row.scope)}", style="dim")
        status = status_text(row.status)
        if not is_missing(row.ratio):
            status.append(f"\nratio {row.ratio:.2f}", style="dim")
        if isinstance(row.flags, str):
            status.append(f"\n{row.flags.replace(';', ', ')}", style="yellow")
        projected = Text(number(row.projected_value, 2).rstrip("0").rstrip("."))
        if width < WIDE and projected:
            status.append("\nprojected ", style="dim")
            status.append(projected)
        cells = [name, _point(row.baseline_year, row.baseline_value, None)]
        cells += [_point(row.latest_year, row.latest_value, row.latest_status), _progress(row)]
        grid.add_row(*cells, *([projected] if width >= WIDE else []), status)
    cited = [*detail["source_id"], *detail["baseline_source"], *detail["latest_source"]]
    notes = [METHOD_NOTE, *flag_notes(detail["flags"])]
    if (detail["latest_status"] == "lower_bound").any():
        notes.append(
            "A lower-bound latest value is assessed as it stands; the truth may be higher."
        )
    return with_notes(grid, source_caption(ds, cited), notes)
