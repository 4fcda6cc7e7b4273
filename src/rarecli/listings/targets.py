"""The listing of `rarecli targets`, and the footnotes every table of target progress has."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rarecli.history import superseded_ids
from rarecli.listings.cited import figure_sources
from rarecli.queries.targets import HISTORY_COLUMNS, TARGET_COLUMNS
from rarecli.render.cells import number
from rarecli.render.listing import Listing
from rarecli.vocabulary import METHOD_NOTE, flag_notes, in_dataset_order, source_caption

if TYPE_CHECKING:
    import pandas as pd
    from rich.console import RenderableType

    from rarecli.model import Dataset

LOWER_BOUND_LATEST_NOTE = (
    "A lower-bound latest value is assessed as it stands; the truth may be higher."
)


SUPERSEDED_NOTE = (
    "A superseded target (see superseded_by) is judged on the evidence known when the target "
    "that restates it was published: the status it had then."
)


def newer_partial_text(row: Any) -> str | None:
    """'newer: Jan–Jun 2022 38.09 % (year to date)' where a year-to-date figure is newer than the
    latest full-year one."""
    if not isinstance(row.latest_partial_period, str):
        return None
    unit = f" {row.unit}" if isinstance(row.unit, str) else ""
    value = number(row.latest_partial_value)
    return f"newer: {row.latest_partial_period} {value}{unit} (year to date)"


def progress_notes(detail: pd.DataFrame) -> list[str]:
    """The footnotes of a target-progress table."""
    notes = [METHOD_NOTE, *flag_notes(detail["flags"])]
    if (detail["latest_status"] == "lower_bound").any():
        notes.append(LOWER_BOUND_LATEST_NOTE)
    if detail["superseded_by"].notna().any():
        notes.append(SUPERSEDED_NOTE)
    return notes


def superseded_note(ds: Dataset, shown: bool, where: str = "--history lists them") -> str | None:
    """How many targets are superseded, where the table leaves them out, and `where` they are."""
    count = len(superseded_ids(ds))
    if shown or not count:
        return None
    these = "target of the ledger is" if count == 1 else "targets of the ledger are"
    return f"{count} superseded {these} not shown (restated by a later one): {where}."


def progress_caption(ds: Dataset, detail: pd.DataFrame) -> str:
    return source_caption(
        ds, [*detail["source_id"], *detail["baseline_source"], *detail["latest_source"]]
    )


def _progress_sources(ds: Dataset, detail: pd.DataFrame) -> tuple[str, ...]:
    figures = [
        *zip(detail["indicator_id"], detail["baseline_year"], strict=True),
        *zip(detail["indicator_id"], detail["latest_year"], strict=True),
    ]
    return in_dataset_order(ds, [*detail["source_id"], *figure_sources(ds, figures)])


def targets_listing(
    ds: Dataset,
    detail: pd.DataFrame,
    year: int | None,
    as_of: int | None,
    with_history: bool = False,
) -> Listing:
    """`detail` from progress_detail for targets due in `year`, evaluated with the data known in
    `as_of` (None: no such limit); `with_history`: superseded targets are among the rows."""
    title = "Targets" + (f" due {year}" if year is not None else "")
    title += " and the targets they superseded" if with_history else ""
    title += f": {ds.info.title}" + (f", as of {as_of}" if as_of is not None else "")

    def table() -> RenderableType:
        from rarecli.tables.targets import progress_table

        return progress_table(listing, detail)

    columns = HISTORY_COLUMNS if with_history else TARGET_COLUMNS
    left_out = superseded_note(ds, with_history)
    listing = Listing(
        detail[list(columns)].reset_index(drop=True),
        table,
        columns,
        title=title,
        caption=progress_caption(ds, detail),
        notes=(*progress_notes(detail), *([left_out] if left_out else [])),
        sources=lambda: _progress_sources(ds, detail),
        empty_message="No target matches.",
    )
    return listing
