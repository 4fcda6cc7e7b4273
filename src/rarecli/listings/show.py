"""The listing of `rarecli show ID`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rarecli.listings.targets import progress_notes
from rarecli.queries.observations import flag_cells
from rarecli.queries.selection import find_indicator
from rarecli.queries.show import SHOW_COLUMNS
from rarecli.render.listing import Listing
from rarecli.vocabulary import flag_notes, in_dataset_order, source_caption, split_ids

if TYPE_CHECKING:
    import pandas as pd
    from rich.console import RenderableType

    from rarecli.model import Dataset


def show_listing(
    ds: Dataset, indicator_id: str, detail: pd.DataFrame, targets: pd.DataFrame
) -> Listing:
    """`detail` from show_detail; `targets` the indicator's progress_detail."""
    indicator = find_indicator(ds, indicator_id)
    notes = flag_notes(flag_cells(detail))
    if not targets.empty:
        notes += [f"Targets: {n}" for n in progress_notes(targets)]
    cited = [*detail["source_id"], *split_ids(detail["corroborated_by"])]
    if not targets.empty:
        cited += [*targets["source_id"]]

    def table() -> RenderableType:
        from rarecli.tables.show import show_table

        return show_table(listing, ds, indicator, detail, targets)

    listing = Listing(
        detail[list(SHOW_COLUMNS)],
        table,
        SHOW_COLUMNS,
        title=f"{indicator.name} ({indicator.unit})",
        caption=source_caption(ds, detail["source_id"]),
        notes=tuple(notes),
        sources=lambda: in_dataset_order(ds, cited),
    )
    return listing
