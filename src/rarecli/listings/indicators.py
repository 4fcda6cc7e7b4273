"""The listing of `rarecli indicators`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rarecli.listings.cited import figure_sources
from rarecli.model import FULL_YEAR
from rarecli.queries.indicators import INDICATOR_COLUMNS
from rarecli.render.listing import Listing
from rarecli.vocabulary import flag_notes, source_caption

if TYPE_CHECKING:
    import pandas as pd
    from rich.console import RenderableType

    from rarecli.model import Dataset, Indicator


def _latest_full_year_source(indicator: Indicator) -> str | None:
    full = [o for o in indicator.observations if o.months == FULL_YEAR]
    return full[-1].source if full else None


def _early(early: bool) -> str | None:
    return "early" if early else None


def indicators_listing(ds: Dataset, frame: pd.DataFrame) -> Listing:
    latest = {i.id: _latest_full_year_source(i) for i in ds.indicators}
    cited = [latest.get(i) for i in frame["indicator_id"]]

    def table() -> RenderableType:
        from rarecli.tables.indicators import indicators_table

        return indicators_table(listing, frame)

    listing = Listing(
        frame,
        table,
        INDICATOR_COLUMNS,
        title=f"Indicators: {ds.info.title}",
        caption=source_caption(ds, cited, "Sources of the latest figures"),
        notes=tuple(flag_notes([*frame["latest_status"], *frame["latest_early"].map(_early)])),
        sources=lambda: figure_sources(
            ds, zip(frame["indicator_id"], frame["latest_year"], strict=True)
        ),
        empty_message="No indicator matches.",
    )
    return listing
