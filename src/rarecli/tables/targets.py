"""The terminal table of target progress, for `targets`, `show` and `enterprises ID`."""

from __future__ import annotations

from typing import Any

import pandas as pd
from rich.console import RenderableType
from rich.text import Text

from rarecli.listings.targets import newer_partial_text
from rarecli.render.cells import is_missing, number, safe
from rarecli.render.listing import Listing
from rarecli.render.table import Grid, bar, empty, rows, text, with_notes
from rarecli.vocabulary import DEADLINE_PASSED_LABEL, STATUS_LABELS, bound_mark, direction_sign


def status_text(status: str) -> Text:
    label, style = STATUS_LABELS.get(status, (status, ""))
    return Text(label, style=style)


def _point(year: Any, value: Any, status: Any, early: Any = False) -> Text:
    if is_missing(value):
        return Text("—", style="dim")
    mark = bound_mark(status)
    cell = Text(mark + number(value))
    cell.append(f"\n{year}", style="dim")
    if early is True:
        cell.append("\nforecast", style="yellow")
    return cell


def _progress(row: Any) -> Text:
    if is_missing(row.progress_pct):
        return Text("")
    cell = bar(row.progress_pct / 100, width=8)
    cell.append(f" {number(row.progress_pct, 0)}%")
    if not is_missing(row.expected_pct):
        cell.append(f"\nexpected {number(row.expected_pct, 0)}%", style="dim")
    return cell


def progress_grid(title: str, detail: pd.DataFrame) -> Grid:
    """The people's view of target progress: goal, baseline, latest, progress bar, status."""
    grid = Grid(
        title,
        ("Target", "text", 20),
        ("From", "number"),
        ("Latest", "number"),
        ("Progress", "text", 14),
        ("Projected", "number"),
        ("Status", "text", 12),
    )
    for row in rows(detail):
        name = text(row.indicator, "bold")
        name.append(f"\n{direction_sign(row.direction)} {number(row.target_value)}")
        name.append(f" {safe(row.unit)}" if isinstance(row.unit, str) else "")
        name.append(" (no deadline)" if is_missing(row.deadline) else f" by {row.deadline}")
        name.append(f"\n{safe(row.target_id)}", style="dim")
        if isinstance(row.scope, str):
            name.append(f" @ {safe(row.scope)}", style="dim")
        status = status_text(row.status)
        if not is_missing(row.ratio):
            status.append(f"\nratio {row.ratio:.2f}", style="dim")
        flags = row.flags.split(";") if isinstance(row.flags, str) else []
        if "deadline_passed" in flags:
            status.append(f"\n{DEADLINE_PASSED_LABEL}", style="yellow")
        newer = newer_partial_text(row)
        if newer is not None:
            status.append(f"\n{safe(newer)}", style="yellow")
        if isinstance(row.superseded_by, str):
            status.append(f"\nthen; superseded by {safe(row.superseded_by)}", style="dim")
        shown = [f for f in flags if f not in ("deadline_passed", "newer_partial")]
        if shown:
            status.append(f"\n{', '.join(shown)}", style="yellow")
        projected = Text(number(row.projected_value, 2).rstrip("0").rstrip("."))
        grid.add_row(
            name,
            _point(row.baseline_year, row.baseline_value, row.baseline_status),
            _point(row.latest_year, row.latest_value, row.latest_status, row.latest_early),
            _progress(row),
            projected,
            status,
        )
    return grid


def progress_table(listing: Listing, detail: pd.DataFrame) -> RenderableType:
    if detail.empty:
        return with_notes(empty(listing.empty_message), "", listing.notes)
    return with_notes(progress_grid(listing.title, detail), listing.caption, listing.notes)
