"""The terminal tables of `indicators`, `show` and `sources`."""

from __future__ import annotations

import pandas as pd
from rich.console import Group, RenderableType
from rich.text import Text

from rarecli.catalog import find_indicator
from rarecli.model import Dataset
from rarecli.render.cells import is_missing, number, safe
from rarecli.render.table import (
    bar,
    empty,
    figure,
    new_table,
    rows,
    source_caption,
    sparkline,
    text,
    with_notes,
)
from rarecli.views.targets import progress_table
from rarecli.vocabulary import flag_notes


def indicators_table(ds: Dataset, frame: pd.DataFrame, width: int) -> RenderableType:
    title = f"Indicators: {ds.info.title}"
    latest_source = {i.id: i.observations[-1].source for i in ds.indicators if i.observations}

    if frame.empty:
        return empty("No indicator matches.")
    grid = new_table(
        title,
        ("Indicator", "left"),
        ("Category", "left"),
        ("Unit", "left"),
        ("Years", "left"),
        ("Latest", "right"),
        ("Obs", "right"),
        ("Targets", "right"),
    )
    for row in rows(frame):
        name = text(row.indicator)
        name.append(f"\n{safe(row.indicator_id)}", style="dim")
        if isinstance(row.scope, str):
            name.append(f" @ {safe(row.scope)}", style="dim")
        if is_missing(row.first_year):
            years = ""
        elif row.first_year == row.latest_year:
            years = str(row.first_year)
        else:
            years = f"{row.first_year}–{row.latest_year}"
        grid.add_row(
            name,
            text(row.category),
            text(row.unit),
            Text(years),
            figure(row.latest_value),
            figure(row.observations),
            figure(row.targets),
        )
    cited = [latest_source.get(i) for i in frame["indicator_id"]]
    return with_notes(grid, source_caption(ds, cited))


def show_table(
    ds: Dataset, indicator_id: str, frame: pd.DataFrame, targets: pd.DataFrame, width: int
) -> RenderableType:
    indicator = find_indicator(ds, indicator_id)
    title = f"{indicator.name} ({indicator.unit})"

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
    values = frame["value"].tolist()
    if values:
        head.append(f"{'trend':>9}  ", style="dim")
        head.append(sparkline(values), style="cyan")
        head.append(f"  {frame['year'].iloc[0]}–{frame['year'].iloc[-1]}\n", style="dim")
    parts: list[RenderableType] = [head]
    if frame.empty:
        parts.append(empty("No observation yet."))
    else:
        parts.append(_observations(ds, title, frame))
    if not targets.empty:
        parts.append(Text())
        parts.append(progress_table(ds, targets, f"Targets for {indicator.name}", width))
    return Group(*parts)


def _observations(ds: Dataset, title: str, frame: pd.DataFrame) -> RenderableType:
    grid = new_table(
        title,
        ("Year", "left"),
        ("Value", "right"),
        ("", "left"),
        ("Status", "left"),
        ("Source and quote", "left"),
    )
    top = max((abs(v) for v in frame["value"]), default=0.0) or 1.0
    for row in rows(frame):
        status = "" if row.status == "reported" else row.status
        evidence = text(row.source_id, "dim")
        if isinstance(row.quote, str):
            evidence.append("\n“" + safe(row.quote) + "”")
        if isinstance(row.note, str):
            evidence.append("\n" + safe(row.note), style="italic")
        mark = "≥ " if row.status == "lower_bound" else ""
        grid.add_row(
            Text(str(row.year)),
            Text(mark + number(row.value)),
            bar(abs(row.value) / top),
            text(status, "yellow"),
            evidence,
        )
    notes = flag_notes(frame["status"])
    return with_notes(grid, source_caption(ds, frame["source_id"]), notes)


def sources_table(ds: Dataset, frame: pd.DataFrame, width: int) -> RenderableType:
    title = f"Sources: {ds.info.title}"

    if frame.empty:
        return empty("The dataset has no sources.")
    grid = new_table(
        title,
        ("Source", "left"),
        ("Published", "left"),
        ("Obs", "right"),
        ("Targets", "right"),
        ("Ent.", "right"),
    )
    for row in rows(frame):
        cell = text(row.title, "bold")
        cell.append("\n" + safe(row.publisher))
        cell.append(f"\n{safe(row.source_id)}", style="dim")
        if isinstance(row.url, str):
            cell.append(f"  {safe(row.url)}", style="dim")
        grid.add_row(
            cell,
            text(row.published),
            figure(row.observations),
            figure(row.targets),
            figure(row.enterprises),
        )
    note = "Counts: observations citing the source (as source or corroboration), targets, "
    return with_notes(grid, "", [note + "enterprises."])
