"""`rarecli export FILE.xlsx`: every table of the ledger in one workbook."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rarecli.model import Dataset
from rarecli.render.listing import Listing

if TYPE_CHECKING:
    from rarecli.history import KnownAt

SHEETS = (
    "Indicators",
    "Observations",
    "Series",
    "Growth",
    "Targets",
    "Enterprises",
    "Sources",
)


def ledger_listings(ds: Dataset, view: KnownAt | None = None) -> list[tuple[str, Listing]]:
    """(sheet name, listing) for each table, as the listing commands build them with their
    default options: growth between the default years, every target, every source. `ds` is
    `view.dataset` for the ledger as known on `view.day`: each listing says so."""
    from rarecli.listings.enterprises import enterprises_listing
    from rarecli.listings.growth import growth_listing
    from rarecli.listings.in_time import as_known
    from rarecli.listings.indicators import indicators_listing
    from rarecli.listings.observations import observations_listing, series_listing
    from rarecli.listings.sources import sources_listing
    from rarecli.listings.targets import targets_listing
    from rarecli.queries.enterprises import enterprise_table
    from rarecli.queries.growth import compare_years, resolve_years
    from rarecli.queries.indicators import indicator_table
    from rarecli.queries.observations import observation_detail, series
    from rarecli.queries.sources import source_table
    from rarecli.queries.targets import progress_detail

    detail = observation_detail(ds)
    years = resolve_years(ds)
    listings = (
        indicators_listing(ds, indicator_table(ds)),
        observations_listing(ds, detail),
        series_listing(ds, detail, series(ds, detail)),
        growth_listing(ds, compare_years(ds, years), years, False),
        targets_listing(ds, progress_detail(ds, known_at=view.day if view else None), None, None),
        enterprises_listing(ds, enterprise_table(ds)),
        sources_listing(ds, source_table(ds)),
    )
    return [(name, as_known(listing, view)) for name, listing in zip(SHEETS, listings, strict=True)]


def ledger_workbook(ds: Dataset, view: KnownAt | None = None) -> bytes:
    """The workbook: one sheet per table (SHEETS), then Notes with one section per table."""
    from rarecli.render.xlsx import Book

    book = Book()
    sections = ledger_listings(ds, view)
    for name, listing in sections:
        book.table(name, listing)
    book.notes(sections)
    return book.close()
