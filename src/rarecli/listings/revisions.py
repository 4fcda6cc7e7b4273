"""The listing of `rarecli revisions`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rarecli.queries.observations import flag_cells
from rarecli.queries.revisions import REVISION_COLUMNS, early_error, revised_figures
from rarecli.render.listing import Listing
from rarecli.vocabulary import flag_notes, in_dataset_order, source_caption, split_ids

if TYPE_CHECKING:
    import pandas as pd
    from rich.console import RenderableType

    from rarecli.model import Dataset


def revisions_summary(detail: pd.DataFrame) -> str:
    """The closing line: how many figures have more than one version, and how far the early
    ones were from the current ones."""
    revised = revised_figures(detail)
    s = "" if revised == 1 else "s"
    line = f"{revised} figure{s} {'has' if revised == 1 else 'have'} more than one version"
    error = early_error(detail)
    if error.median_pct is None:
        line += "; no early figure has a later version that is not early to compare it with"
    else:
        s = "" if error.figures == 1 else "s"
        line += (
            f"; early figures were off by a median of {error.median_pct:.1f} % from the current"
            f" ones ({error.figures} figure{s}: 100 · |current − first| / |first|)"
        )
    if error.bounded:
        s = "" if error.bounded == 1 else "s"
        line += (
            f"; {error.bounded} early figure{s} left out of the median: a lower bound"
            " on one side makes the distance unknown"
        )
    return line + "."


def revisions_listing(ds: Dataset, detail: pd.DataFrame) -> Listing:
    """`detail` from revision_detail."""
    flags = flag_cells(detail)
    notes = [revisions_summary(detail), *flag_notes(flags)]
    cited = [*detail["source_id"], *split_ids(detail["corroborated_by"])]

    def table() -> RenderableType:
        from rarecli.tables.revisions import revisions_table

        return revisions_table(listing, detail, flags)

    listing = Listing(
        detail[list(REVISION_COLUMNS)],
        table,
        REVISION_COLUMNS,
        title=f"Revisions: {ds.info.title}",
        caption=source_caption(ds, detail["source_id"]),
        notes=tuple(notes),
        sources=lambda: in_dataset_order(ds, cited),
        empty_message="No figure matches with more than one version; --all lists every figure.",
    )
    return listing
