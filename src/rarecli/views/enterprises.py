"""The terminal tables of `enterprises` (the list) and `enterprises ID` (one in full)."""

from __future__ import annotations

import pandas as pd
from rich.console import Group, RenderableType
from rich.text import Text

from rarecli.enterprises import find_enterprise, latest_counts
from rarecli.model import Dataset, Indicator
from rarecli.render.cells import number, safe
from rarecli.render.table import empty, new_table, rows, source_caption, text, with_notes
from rarecli.views.targets import progress_table


def counts_caption(ds: Dataset) -> str:
    """'2024: rare earth enterprises 209, ... (source: ...)': each count, never a sum."""
    year, counts = latest_counts(ds)
    if year is None:
        return ""
    parts = [f"{c.name[0].lower()}{c.name[1:]} {number(c.observation.value)}" for c in counts]
    cited = source_caption(ds, [c.observation.source for c in counts])
    return f"{year}: " + ", ".join(parts) + (f". {cited}" if cited else "")


def _latest(indicator: Indicator) -> str:
    if not indicator.observations:
        return f"{indicator.name}: no figure yet"
    last = indicator.observations[-1]
    mark = "≥ " if last.status == "lower_bound" else ""
    return f"{indicator.name}: {mark}{number(last.value)} {indicator.unit} ({last.year})"


def enterprises_table(ds: Dataset, frame: pd.DataFrame, width: int) -> RenderableType:
    title = f"Enterprises, parks and projects: {ds.info.title}"
    indicators = {i.id: i for i in ds.indicators}

    if frame.empty:
        return with_notes(empty("No enterprise matches."), counts_caption(ds))
    grid = new_table(
        title,
        ("Name", "left"),
        ("Kind", "left"),
        ("Segment and distinction", "left"),
        ("Figures and targets", "left"),
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
    return with_notes(grid, counts_caption(ds))


def enterprise_detail_table(
    ds: Dataset, enterprise_id: str, frame: pd.DataFrame, targets: pd.DataFrame, width: int
) -> RenderableType:
    """One enterprise in full; `frame` is its row of enterprise_table, `targets` its progress."""
    enterprise = find_enterprise(ds, enterprise_id)

    head = Text()
    head.append(safe(enterprise.name), style="bold")
    head.append(f"  {safe(enterprise.id)}\n", style="dim")
    facts = [
        ("Chinese", enterprise.name_zh or "not confirmed"),
        ("kind", enterprise.kind.replace("_", " ")),
        ("segment", enterprise.segment or ""),
        ("known as", enterprise.distinction or ""),
        ("note", enterprise.note or ""),
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
        parts.append(progress_table(ds, targets, "Targets", width))
    head_sources = source_caption(ds, enterprise.sources, "About this enterprise")
    return with_notes(Group(*parts), head_sources)
