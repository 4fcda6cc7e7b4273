"""The listings of `rarecli enterprises` (the list) and `rarecli enterprises ID` (one)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rarecli.listings.targets import progress_notes
from rarecli.queries.enterprises import ENTERPRISE_COLUMNS, find_enterprise, latest_counts
from rarecli.render.cells import number
from rarecli.render.listing import Listing
from rarecli.vocabulary import bound_mark, in_dataset_order, source_caption

if TYPE_CHECKING:
    import pandas as pd
    from rich.console import RenderableType

    from rarecli.model import Dataset


def counts_caption(ds: Dataset) -> tuple[str, list[str]]:
    """'2025: listed enterprises ≥ 3; 2024: rare earth enterprises 209, ... Sources: ...': each
    count at its latest year, never a sum; and the ids of the sources it cites."""
    counts = latest_counts(ds)
    if not counts:
        return "", []
    years: dict[int, list[str]] = {}
    for c in counts:
        name = f"{c.name[0].lower()}{c.name[1:]}"
        years.setdefault(c.observation.year, []).append(
            f"{name} {bound_mark(c.observation.status)}{number(c.observation.value)}"
        )
    cited = [c.observation.source for c in counts]
    sources = source_caption(ds, cited)
    text = "; ".join(f"{year}: " + ", ".join(parts) for year, parts in years.items())
    return text + (f". {sources}" if sources else ""), cited


def enterprises_listing(ds: Dataset, frame: pd.DataFrame) -> Listing:
    def table() -> RenderableType:
        from rarecli.tables.enterprises import enterprises_table

        return enterprises_table(listing, ds, frame)

    caption, counted = counts_caption(ds)
    linked = {e.id: e.sources for e in ds.enterprises}
    cited = [*counted, *(s for e in frame["enterprise_id"] for s in linked[e])]
    listing = Listing(
        frame,
        table,
        ENTERPRISE_COLUMNS,
        title=f"Enterprises, parks and projects: {ds.info.title}",
        caption=caption,
        sources=lambda: in_dataset_order(ds, cited),
        empty_message="No enterprise matches.",
    )
    return listing


def enterprise_listing(
    ds: Dataset, enterprise_id: str, frame: pd.DataFrame, targets: pd.DataFrame
) -> Listing:
    """One enterprise: `frame` its row of enterprise_table, `targets` its progress_detail."""
    enterprise = find_enterprise(ds, enterprise_id)

    def table() -> RenderableType:
        from rarecli.tables.enterprises import enterprise_detail_table

        return enterprise_detail_table(listing, ds, enterprise, targets)

    notes = [f"Note: {enterprise.note}"] if enterprise.note else []
    if not targets.empty:
        notes += [f"Targets: {n}" for n in progress_notes(targets)]
    listing = Listing(
        frame,
        table,
        ENTERPRISE_COLUMNS,
        title=f"{enterprise.name} ({enterprise.id})",
        caption=source_caption(ds, enterprise.sources, "About this enterprise"),
        notes=tuple(notes),
        sources=lambda: in_dataset_order(
            ds, [*enterprise.sources, *(targets["source_id"] if not targets.empty else [])]
        ),
    )
    return listing
