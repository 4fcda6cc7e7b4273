"""The Sources sheet of a workbook: the rows of `rarecli sources` that a report cites."""

from __future__ import annotations

from rarecli.model import Dataset
from rarecli.render.report import Report


def cited_sources(ds: Dataset, report: Report) -> Report | None:
    """The source table's rows for `report.sources`, in dataset order; None when the report is
    the source table itself (its sheet already is the Sources sheet)."""
    from rarecli.catalog import source_table
    from rarecli.reports import sources_report

    table = source_table(ds)
    if list(report.frame.columns) == list(table.columns):
        return None
    wanted = set(report.sources())
    return sources_report(ds, table[table["source_id"].isin(wanted)].reset_index(drop=True))
