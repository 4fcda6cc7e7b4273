"""The terminal tables of `indicators`, `show` and `sources`."""

from __future__ import annotations

from typing import Any

import pandas as pd
from rich.console import Group, RenderableType
from rich.text import Text

from rarecli.model import FULL_YEAR, Dataset, Indicator
from rarecli.render.cells import is_missing, number, safe
from rarecli.render.report import Report
from rarecli.render.table import Grid, bar, empty, figure, rows, sparkline, text, with_notes
from rarecli.views.targets import progress_grid
from rarecli.vocabulary import period


def indicators_table(report: Report, frame: pd.DataFrame) -> RenderableType:
    if frame.empty:
        return empty(report.empty_message)
    grid = Grid(
        report.title,
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
        mark = "≥ " if row.latest_status == "lower_bound" else ""
        grid.add_row(
            name,
            Text(years),
            Text(mark + number(row.latest_value)),
            figure(row.observations),
            figure(row.targets),
        )
    return with_notes(grid, report.caption, report.notes)


def show_table(
    report: Report,
    ds: Dataset,
    indicator: Indicator,
    frame: pd.DataFrame,
    flags: list[str | None],
    targets: pd.DataFrame,
) -> RenderableType:
    """One indicator: its facts, a trend line of its full-year figures, every observation with
    its flags (`flags`, one per row) and evidence, then its targets."""
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
    full = frame[frame["months"] == FULL_YEAR]
    if not full.empty:
        head.append(f"{'trend':>9}  ", style="dim")
        head.append(sparkline(full["value"].tolist()), style="cyan")
        span = f"{full['year'].iloc[0]}–{full['year'].iloc[-1]}, full years"
        head.append(f"  {span}\n", style="dim")
    parts: list[RenderableType] = [head]
    if frame.empty:
        parts.append(empty("No observation yet."))
    else:
        parts.append(_observations(report, frame, flags))
    if not targets.empty:
        parts.append(Text())
        parts.append(progress_grid(f"Targets for {indicator.name}", targets))
    return with_notes(Group(*parts), report.caption, report.notes)


def _observations(report: Report, frame: pd.DataFrame, flags: list[str | None]) -> Grid:
    grid = Grid(
        report.title,
        ("Period", "label"),
        ("Value", "number"),
        ("", "bar"),
        ("Flags", "text"),
        ("Source and quote", "prose", 24),
    )
    top = max((abs(v) for v in frame["value"]), default=0.0) or 1.0
    for row, flag in zip(rows(frame), flags, strict=True):
        evidence = evidence_cell(row, row.source_type)
        mark = "≥ " if row.status == "lower_bound" else ""
        grid.add_row(
            Text(period(row.year, row.months)),
            Text(mark + number(row.value)),
            bar(abs(row.value) / top, style="cyan"),
            text((flag or "").replace(";", ", "), "yellow"),
            evidence,
        )
    return grid


def evidence_cell(row: Any, source_type: Any = None) -> Text:
    """A figure's source id (and its type, if given), its quote and its note, for a table."""
    cell = text(row.source_id, "dim")
    if isinstance(source_type, str):
        cell.append(f" ({safe(source_type)})", style="dim")
    if isinstance(row.quote, str):
        cell.append("\n“" + safe(row.quote) + "”")
    if isinstance(row.note, str):
        cell.append("\n" + safe(row.note), style="italic")
    return cell


def sources_table(report: Report, frame: pd.DataFrame) -> RenderableType:
    if frame.empty:
        return empty(report.empty_message)
    grid = Grid(
        report.title,
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
    return with_notes(grid, report.caption, report.notes)
