"""One Report per listing command: the contract's frame, how its columns are written, and
what the table prints around its rows (title, sources caption, footnotes), so that every format
carries the same facts. The terminal table is drawn by rarecli.views only when asked for (Rich
stays out of CSV and JSON runs).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from rarecli.analysis.growth import GROWTH_COLUMNS
from rarecli.analysis.progress import TARGET_COLUMNS
from rarecli.catalog import INDICATOR_COLUMNS, OBSERVATION_COLUMNS, SOURCE_COLUMNS
from rarecli.enterprises import ENTERPRISE_COLUMNS, find_enterprise
from rarecli.model import FULL_YEAR, RATE_UNIT
from rarecli.render.cells import is_missing, number
from rarecli.render.report import Report
from rarecli.vocabulary import (
    BOUND_NOTES,
    BOUND_SIGNS,
    METHOD_NOTE,
    flag_notes,
    in_dataset_order,
    months_span,
    period,
    source_caption,
    split_ids,
)

if TYPE_CHECKING:
    import pandas as pd
    from rich.console import RenderableType

    from rarecli.model import Dataset

LOWER_BOUND_LATEST_NOTE = (
    "A lower-bound latest value is assessed as it stands; the truth may be higher."
)


def _cited(
    ds: Dataset, figures: Iterable[tuple[Any, Any]], months: int = FULL_YEAR
) -> tuple[str, ...]:
    """Ids of the sources of the given (indicator_id, year) figures of January to `months`,
    corroborating ones included, in dataset order."""
    wanted: dict[str, set[tuple[int, int]]] = {}
    for indicator_id, year in figures:
        if isinstance(indicator_id, str) and not is_missing(year):
            wanted.setdefault(indicator_id, set()).add((int(year), months))
    ids: set[str] = set()
    for indicator in ds.indicators:
        periods = wanted.get(indicator.id)
        if periods:
            for o in indicator.observations:
                if (o.year, o.months) in periods:
                    ids.add(o.source)
                    ids.update(o.corroborated_by)
    return in_dataset_order(ds, ids)


def growth_notes(detail: pd.DataFrame, shown: pd.DataFrame, left_out: str) -> list[str]:
    """The footnotes of a growth table of the `shown` rows of `detail` (from compare_years):
    flags, bounds, percentage points, and how many indicators lack `left_out` (if given)."""
    notes = flag_notes(shown["flags"])
    notes += [BOUND_NOTES[BOUND_SIGNS[b]] for b in BOUND_SIGNS if (shown["bound"] == b).any()]
    if (shown["unit"] == RATE_UNIT).any():
        notes.append("pp: percentage points, the change of a rate.")
    missing = int((~detail["complete"]).sum())
    if missing and left_out:
        notes.append(f"{missing} indicator{'s lack' if missing != 1 else ' lacks'} {left_out}")
    return notes


def growth_report(
    ds: Dataset,
    detail: pd.DataFrame,
    years: tuple[int | None, int | None],
    include_all: bool,
    months: int = FULL_YEAR,
) -> Report:
    """`detail` from compare_years for `years`, the (start, end) it compares, from the
    January-to-`months` figures."""
    start, end = years
    span = (
        f"{period(start, months)} → {period(end, months)}"
        if start is not None and end is not None
        else "between two years"
    )
    shown = detail if include_all else detail[detail["complete"]]
    left_out = "" if include_all else "one of the years; --all lists them."
    notes = growth_notes(detail, shown, left_out)
    if months != FULL_YEAR:
        notes.append(f"Year-to-date figures: {months_span(months)} of each year.")

    def table() -> RenderableType:
        from rarecli.views.growth import growth_table

        return growth_table(report, shown, years)

    report = Report(
        shown[list(GROWTH_COLUMNS)].reset_index(drop=True),
        table,
        GROWTH_COLUMNS,
        title=f"Growth {span}: {ds.info.title}",
        caption=source_caption(ds, [*shown["from_source"], *shown["to_source"]]),
        notes=tuple(notes),
        sources=lambda: _cited(ds, [(i, y) for i in shown["indicator_id"] for y in years], months),
        empty_message=f"No indicator has figures in both years ({span}).",
    )
    return report


def progress_notes(detail: pd.DataFrame) -> list[str]:
    """The footnotes of a target-progress table."""
    notes = [METHOD_NOTE, *flag_notes(detail["flags"])]
    if (detail["latest_status"] == "lower_bound").any():
        notes.append(LOWER_BOUND_LATEST_NOTE)
    return notes


def progress_caption(ds: Dataset, detail: pd.DataFrame) -> str:
    return source_caption(
        ds, [*detail["source_id"], *detail["baseline_source"], *detail["latest_source"]]
    )


def _progress_sources(ds: Dataset, detail: pd.DataFrame) -> tuple[str, ...]:
    figures = [
        *zip(detail["indicator_id"], detail["baseline_year"], strict=True),
        *zip(detail["indicator_id"], detail["latest_year"], strict=True),
    ]
    return in_dataset_order(ds, [*detail["source_id"], *_cited(ds, figures)])


def targets_report(
    ds: Dataset, detail: pd.DataFrame, year: int | None, as_of: int | None
) -> Report:
    """`detail` from progress_detail for targets due in `year`, evaluated with the data known in
    `as_of` (None: no such limit)."""
    title = "Targets" + (f" due {year}" if year is not None else "")
    title += f": {ds.info.title}" + (f", as of {as_of}" if as_of is not None else "")

    def table() -> RenderableType:
        from rarecli.views.targets import progress_table

        return progress_table(report, detail)

    report = Report(
        detail[list(TARGET_COLUMNS)].reset_index(drop=True),
        table,
        TARGET_COLUMNS,
        title=title,
        caption=progress_caption(ds, detail),
        notes=tuple(progress_notes(detail)),
        sources=lambda: _progress_sources(ds, detail),
        empty_message="No target matches.",
    )
    return report


def indicators_report(ds: Dataset, frame: pd.DataFrame) -> Report:
    latest = {i.id: _latest_full_year_source(i) for i in ds.indicators}
    cited = [latest.get(i) for i in frame["indicator_id"]]

    def table() -> RenderableType:
        from rarecli.views.catalog import indicators_table

        return indicators_table(report, frame)

    report = Report(
        frame,
        table,
        INDICATOR_COLUMNS,
        title=f"Indicators: {ds.info.title}",
        caption=source_caption(ds, cited, "Sources of the latest figures"),
        notes=tuple(flag_notes(frame["latest_status"])),
        sources=lambda: _cited(ds, zip(frame["indicator_id"], frame["latest_year"], strict=True)),
        empty_message="No indicator matches.",
    )
    return report


def _latest_full_year_source(indicator: Any) -> str | None:
    full = [o for o in indicator.observations if o.months == FULL_YEAR]
    return full[-1].source if full else None


def show_report(
    ds: Dataset, indicator_id: str, frame: pd.DataFrame, targets: pd.DataFrame
) -> Report:
    """`frame` from observation_table; `targets` the indicator's progress_detail."""
    from rarecli import frames
    from rarecli.catalog import find_indicator
    from rarecli.figures import figure_flags

    indicator = find_indicator(ds, indicator_id)
    evidence = frames.observations(ds.restrict(indicator.id), evidence=False)
    flags = [
        ";".join(figure_flags(status, secondary)) or None
        for status, secondary in zip(frame["status"], evidence["secondary"], strict=True)
    ]
    notes = flag_notes(flags)
    if not targets.empty:
        notes += [f"Targets: {n}" for n in progress_notes(targets)]
    cited = [*frame["source_id"], *split_ids(evidence["corroborated_by"])]
    if not targets.empty:
        cited += [*targets["source_id"]]

    def table() -> RenderableType:
        from rarecli.views.catalog import show_table

        return show_table(report, ds, indicator, frame, flags, targets)

    report = Report(
        frame[list(OBSERVATION_COLUMNS)],
        table,
        OBSERVATION_COLUMNS,
        title=f"{indicator.name} ({indicator.unit})",
        caption=source_caption(ds, frame["source_id"]),
        notes=tuple(notes),
        sources=lambda: in_dataset_order(ds, cited),
    )
    return report


def sources_report(ds: Dataset, frame: pd.DataFrame) -> Report:
    def table() -> RenderableType:
        from rarecli.views.catalog import sources_table

        return sources_table(report, frame)

    report = Report(
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
    return report


def counts_caption(ds: Dataset) -> tuple[str, list[str]]:
    """'2025: listed enterprises ≥ 3; 2024: rare earth enterprises 209, ... Sources: ...': each
    count at its latest year, never a sum; and the ids of the sources it cites."""
    from rarecli.enterprises import latest_counts

    counts = latest_counts(ds)
    if not counts:
        return "", []
    years: dict[int, list[str]] = {}
    for c in counts:
        mark = "≥ " if c.observation.status == "lower_bound" else ""
        name = f"{c.name[0].lower()}{c.name[1:]}"
        years.setdefault(c.observation.year, []).append(
            f"{name} {mark}{number(c.observation.value)}"
        )
    cited = [c.observation.source for c in counts]
    sources = source_caption(ds, cited)
    text = "; ".join(f"{year}: " + ", ".join(parts) for year, parts in years.items())
    return text + (f". {sources}" if sources else ""), cited


def enterprises_report(ds: Dataset, frame: pd.DataFrame) -> Report:
    def table() -> RenderableType:
        from rarecli.views.enterprises import enterprises_table

        return enterprises_table(report, ds, frame)

    caption, counted = counts_caption(ds)
    linked = {e.id: e.sources for e in ds.enterprises}
    cited = [*counted, *(s for e in frame["enterprise_id"] for s in linked[e])]
    report = Report(
        frame,
        table,
        ENTERPRISE_COLUMNS,
        title=f"Enterprises, parks and projects: {ds.info.title}",
        caption=caption,
        sources=lambda: in_dataset_order(ds, cited),
        empty_message="No enterprise matches.",
    )
    return report


def enterprise_report(
    ds: Dataset, enterprise_id: str, frame: pd.DataFrame, targets: pd.DataFrame
) -> Report:
    """One enterprise: `frame` its row of enterprise_table, `targets` its progress_detail."""
    enterprise = find_enterprise(ds, enterprise_id)

    def table() -> RenderableType:
        from rarecli.views.enterprises import enterprise_detail_table

        return enterprise_detail_table(report, ds, enterprise, targets)

    notes = [f"Note: {enterprise.note}"] if enterprise.note else []
    if not targets.empty:
        notes += [f"Targets: {n}" for n in progress_notes(targets)]
    report = Report(
        frame,
        table,
        ENTERPRISE_COLUMNS,
        title=f"{enterprise.name} ({enterprise.id})",
        caption=source_caption(ds, enterprise.sources, "About this enterprise"),
        notes=tuple(notes),
        sources=lambda: in_dataset_order(
            ds, [*enterprise.sources, *(targets["source_id"] if not targets.empty else [])]
        ),
    )
    return report
