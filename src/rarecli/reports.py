"""One Report per listing command: the contract's frame, how its columns are written, and the
terminal table, drawn by rarecli.views only when asked for (Rich stays out of CSV and JSON runs).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rarecli.analysis.growth import GROWTH_COLUMNS
from rarecli.analysis.progress import TARGET_COLUMNS
from rarecli.render.report import Kind, Report

if TYPE_CHECKING:
    import pandas as pd
    from rich.console import RenderableType

    from rarecli.model import Dataset

GROWTH_KINDS: dict[str, Kind] = {
    "from_year": "int",
    "from_value": "number",
    "to_year": "int",
    "to_value": "number",
    "change": "number",
    "change_pct": "pct",
    "cagr_pct": "pct",
}
TARGET_KINDS: dict[str, Kind] = {
    "target_value": "number",
    "deadline": "int",
    "baseline_year": "int",
    "baseline_value": "number",
    "latest_year": "int",
    "latest_value": "number",
    "progress_pct": "pct",
    "expected_pct": "pct",
    "projected_value": "derived",
    "ratio": "ratio",
}
INDICATOR_KINDS: dict[str, Kind] = {
    "first_year": "int",
    "latest_year": "int",
    "latest_value": "number",
    "observations": "int",
    "targets": "int",
}
OBSERVATION_KINDS: dict[str, Kind] = {"year": "int", "value": "number"}
SOURCE_KINDS: dict[str, Kind] = {"observations": "int", "targets": "int", "enterprises": "int"}


def growth_report(
    ds: Dataset, detail: pd.DataFrame, years: tuple[int | None, int | None], include_all: bool
) -> Report:
    """`detail` from compare_years for `years`, the (start, end) it compares."""

    def table(width: int) -> RenderableType:
        from rarecli.views.growth import growth_table

        return growth_table(ds, detail, years, include_all, width)

    shown = detail if include_all else detail[detail["complete"]]
    return Report(shown[GROWTH_COLUMNS].reset_index(drop=True), table, GROWTH_KINDS)


def targets_report(
    ds: Dataset, detail: pd.DataFrame, year: int | None, as_of: int | None
) -> Report:
    """`detail` from progress_detail for targets due in `year`, evaluated with the data known in
    `as_of` (None: no such limit)."""

    def table(width: int) -> RenderableType:
        from rarecli.views.targets import progress_table

        title = "Targets" + (f" due {year}" if year is not None else "")
        title += f": {ds.info.title}" + (f", as of {as_of}" if as_of is not None else "")
        return progress_table(ds, detail, title, width)

    return Report(detail[TARGET_COLUMNS].reset_index(drop=True), table, TARGET_KINDS)


def indicators_report(ds: Dataset, frame: pd.DataFrame) -> Report:
    def table(width: int) -> RenderableType:
        from rarecli.views.catalog import indicators_table

        return indicators_table(ds, frame, width)

    return Report(frame, table, INDICATOR_KINDS)


def show_report(
    ds: Dataset, indicator_id: str, frame: pd.DataFrame, targets: pd.DataFrame
) -> Report:
    """`frame` from observation_table; `targets` the indicator's progress_detail."""

    def table(width: int) -> RenderableType:
        from rarecli.views.catalog import show_table

        return show_table(ds, indicator_id, frame, targets, width)

    return Report(frame, table, OBSERVATION_KINDS)


def sources_report(ds: Dataset, frame: pd.DataFrame) -> Report:
    def table(width: int) -> RenderableType:
        from rarecli.views.catalog import sources_table

        return sources_table(ds, frame, width)

    return Report(frame, table, SOURCE_KINDS)


def enterprises_report(ds: Dataset, frame: pd.DataFrame) -> Report:
    def table(width: int) -> RenderableType:
        from rarecli.views.enterprises import enterprises_table

        return enterprises_table(ds, frame, width)

    return Report(frame, table)


def enterprise_report(
    ds: Dataset, enterprise_id: str, frame: pd.DataFrame, targets: pd.DataFrame
) -> Report:
    """One enterprise: `frame` its row of enterprise_table, `targets` its progress_detail."""

    def table(width: int) -> RenderableType:
        from rarecli.views.enterprises import enterprise_detail_table

        return enterprise_detail_table(ds, enterprise_id, frame, targets, width)

    return Report(frame, table)
