"""The Sources sheet of a workbook: the rows of `rarecli sources` that a listing cites."""

from __future__ import annotations

from rarecli.model import Dataset
from rarecli.render.listing import Listing


def cited_sources(ds: Dataset, listing: Listing) -> Listing | None:
    """The source table's rows for `listing.sources`, in dataset order; None when the listing
    is the source table itself (its sheet already is the Sources sheet)."""
    from rarecli.listings.sources import sources_listing
    from rarecli.queries.sources import source_table

    table = source_table(ds)
    if list(listing.frame.columns) == list(table.columns):
        return None
    wanted = set(listing.sources())
    return sources_listing(ds, table[table["source_id"].isin(wanted)].reset_index(drop=True))
