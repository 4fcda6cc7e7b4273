"""The listings of `rarecli observations`, long and wide."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rarecli.columns import ColumnKind
from rarecli.model import FULL_YEAR, Dataset
from rarecli.queries.observations import LONG_COLUMNS, WIDE_HEAD, Series, flag_cells
from rarecli.render.listing import Listing
from rarecli.vocabulary import flag_notes, in_dataset_order, source_caption, split_ids

if TYPE_CHECKING:
    import pandas as pd
    from rich.console import RenderableType

YTD_NOTE = "months: the figure covers January to that month of the year; 12 is a full year."
WIDE_YTD_NOTE = (
    "Year-to-date figures are left out here; the long table (rarecli observations) has them."
)
WIDE_VERSIONS_NOTE = (
    "The current version of each figure; the long table and rarecli revisions list the earlier "
    "ones."
)


def cited(ds: Dataset, detail: pd.DataFrame) -> tuple[str, ...]:
    """Ids of the sources the rows cite, corroborating ones included, in dataset order."""
    return in_dataset_order(ds, [*detail["source_id"], *split_ids(detail["corroborated_by"])])


def observations_listing(ds: Dataset, detail: pd.DataFrame) -> Listing:
    """`detail` from queries.observations.observation_detail."""
    title = f"Observations: {ds.info.title}"
    notes = flag_notes(flag_cells(detail))
    if (detail["months"] != FULL_YEAR).any():
        notes.append(YTD_NOTE)

    def table() -> RenderableType:
        from rarecli.tables.observations import observations_table

        return observations_table(listing, detail)

    sources = cited(ds, detail)
    listing = Listing(
        detail[list(LONG_COLUMNS)].reset_index(drop=True),
        table,
        LONG_COLUMNS,
        title=title,
        caption=source_caption(ds, sources),
        notes=tuple(notes),
        sources=lambda: sources,
        empty_message="No observation matches.",
    )
    return listing


def comment(ds: Dataset, row: pd.Series) -> str:
    """A flagged figure explained: status, source (and corroborating ones), quote, note."""
    by_id = {s.id: s for s in ds.sources}
    source = by_id[row["source_id"]]
    lines = [f"Status: {row['status']}"]
    if row["secondary"]:
        lines.append("Secondary: every source is an aggregator; the original was not found.")
    lines.append(
        f"Source: {source.id}: {source.title} ({source.publisher}"
        f"{', ' + source.published if source.published else ''})"
    )
    if isinstance(row["corroborated_by"], str):
        lines.append(f"Corroborated by: {row['corroborated_by'].replace(';', ', ')}")
    if isinstance(row["quote"], str):
        lines.append(f"Quote: “{row['quote']}”")
    if isinstance(row["note"], str):
        lines.append(f"Note: {row['note']}")
    return "\n".join(lines)


def series_listing(ds: Dataset, detail: pd.DataFrame, wide: Series) -> Listing:
    """`detail` from queries.observations.observation_detail, `wide` its series."""
    title = f"Series: {ds.info.title}"
    full = detail[(detail["months"] == FULL_YEAR) & detail["current"]]
    notes = flag_notes(flag_cells(full))
    if (detail["months"] != FULL_YEAR).any():
        notes.append(WIDE_YTD_NOTE)
    if not detail["current"].all():
        notes.append(WIDE_VERSIONS_NOTE)
    sources = cited(ds, full)
    frame = wide.frame
    kinds: dict[str, ColumnKind] = {
        c: "number" for c in frame.columns if c not in (*WIDE_HEAD, "flags")
    }

    def table() -> RenderableType:
        from rarecli.tables.observations import series_table

        return series_table(listing, frame)

    listing = Listing(
        frame,
        table,
        kinds,
        title=title,
        caption=source_caption(ds, sources),
        notes=tuple(notes),
        sources=lambda: sources,
        comments={at: comment(ds, detail.iloc[i]) for at, i in wide.cells.items()},
        empty_message="No indicator matches.",
    )
    return listing
