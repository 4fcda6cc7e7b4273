"""The listing of `rarecli sources`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rarecli.queries.sources import SOURCE_COLUMNS
from rarecli.render.listing import Listing

if TYPE_CHECKING:
    import pandas as pd
    from rich.console import RenderableType

    from rarecli.model import Dataset


def sources_listing(ds: Dataset, frame: pd.DataFrame) -> Listing:
    def table() -> RenderableType:
        from rarecli.tables.sources import sources_table

        return sources_table(listing, frame)

    listing = Listing(
        frame,
        table,
        SOURCE_COLUMNS,
        title=f"Sources: {ds.info.title}",
        notes=(
            "Counts: observations citing the source (as source or corroboration), targets, "
            "enterprises.",
        ),
        sources=lambda: tuple(frame["source_id"]),
        empty_message="The dataset has no sources.",
    )
    return listing
