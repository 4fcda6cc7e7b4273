"""Change of each indicator between two years: absolute, relative and compound annual."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from rarecli import frames
from rarecli.columns import Columns
from rarecli.errors import UsageError
from rarecli.model import FULL_YEAR, Dataset
from rarecli.queries.selection import check_categories, check_indicators
from rarecli.vocabulary import SORT_KEYS, check_months, check_span, months_span

GROWTH_COLUMNS: Columns = {
    "indicator_id": "text",
    "indicator": "text",
    "category": "text",
    "unit": "text",
    "from_year": "int",
    "from_value": "number",
    "from_status": "text",
    "to_year": "int",
    "to_value": "number",
    "to_status": "text",
    "change": "number",
    "change_pct": "pct",
    "cagr_pct": "pct",
    "bound": "text",
    "flags": "list",
}
# bound: what a lower-bound figure at either end makes of the change.
AT_LEAST, AT_MOST, UNKNOWN = "at_least", "at_most", "unknown"
_CHANGE_DECIMALS = 10  # drops binary noise such as 0.3 - 0.1 = 0.19999999999999998


def default_years(ds: Dataset, years: set[int]) -> tuple[int | None, int | None]:
    """The dataset's base_year/current_year where it has data, else its earliest/latest year."""
    if not years:
        return None, None
    start, end = ds.info.base_year, ds.info.current_year
    end = end if end in years else max(years)
    start = start if start in years and start < end else min(years)
    return start, end


def _check_year(param: str, year: int, years: set[int], months: int) -> None:
    if year not in years:
        what = "observation" if months == FULL_YEAR else f"{months_span(months)} figure"
        listing = ", ".join(str(y) for y in sorted(years)) or "none"
        scope = "years with full-year figures" if months == FULL_YEAR else "years with such figures"
        raise UsageError(f"the dataset has no {what} in {year}", f"{scope}: {listing}", param)


def resolve_years(
    ds: Dataset, start: int | None = None, end: int | None = None, months: int = FULL_YEAR
) -> tuple[int | None, int | None]:
    """The two years to compare: as given (each must have a figure for the period), else the
    defaults. `months` < 12 compares January-to-month figures. None, None when there is none."""
    check_months(months)
    years = {o.year for i in ds.indicators for o in i.observations if o.months == months}
    for param, year in (("start", start), ("end", end)):
        if year is not None:
            _check_year(param, year, years, months)
    default_start, default_end = default_years(ds, years)
    given = start is not None and end is not None
    start = default_start if start is None else start
    end = default_end if end is None else end
    check_span(start, end)
    if not given and start is not None and start == end and months != FULL_YEAR:
        raise UsageError(
            f"only {start} has {months_span(months)} figures; growth compares two years",
            "add the figures of another year, or compare full years (leave --months out)",
            "months",
        )
    return start, end


def check_sort(sort: str) -> str:
    from rarecli._suggest import check_choice

    return check_choice("sort key", "sort", sort, SORT_KEYS)


def growth_detail(
    ds: Dataset,
    start: int | None = None,
    end: int | None = None,
    categories: Iterable[str] = (),
    indicators: Iterable[str] = (),
    sort: str = "dataset",
    months: int = FULL_YEAR,
) -> pd.DataFrame:
    """Growth for every selected indicator, with or without both years; see compare_years."""
    years = resolve_years(ds, start, end, months)
    return compare_years(ds, years, categories, indicators, sort, months)


def compare_years(
    ds: Dataset,
    years: tuple[int | None, int | None],
    categories: Iterable[str] = (),
    indicators: Iterable[str] = (),
    sort: str = "dataset",
    months: int = FULL_YEAR,
) -> pd.DataFrame:
    """Growth between `years`, as resolve_years gives them, for every selected indicator, from
    the figures of January to `months` (12: full-year figures).

    Besides GROWTH_COLUMNS: `complete` (both years observed) and the sources of the two figures.
    `bound` is "at_least" where the end value is a lower bound (so is the change), "at_most"
    where the start value is one, "unknown" where both are, else "".
    """
    wanted_categories = check_categories(ds, categories)
    wanted_ids = check_indicators(ds, indicators)
    check_sort(sort)
    start, end = years
    obs = frames.observations(ds, evidence=False)
    obs = obs[obs["current"] & (obs["months"] == check_months(months))]

    table = frames.indicators(ds).set_index("indicator_id", drop=False)
    if wanted_categories:
        table = table[table["category"].isin(wanted_categories)]
    if wanted_ids:
        table = table[table["indicator_id"].isin(wanted_ids)]
    for side, year in (("from", start), ("to", end)):
        at = obs[obs["year"] == year].set_index("indicator_id")
        table[f"{side}_year"] = pd.Series(year, index=at.index, dtype="Int64").reindex(table.index)
        table[f"{side}_value"] = at["value"].reindex(table.index).astype("float64")
        table[f"{side}_status"] = at["status"].reindex(table.index)
        table[f"{side}_source"] = at["source_id"].reindex(table.index)
        table[f"{side}_secondary"] = at["secondary"].reindex(table.index).eq(True)
        table[f"{side}_early"] = at["early"].reindex(table.index).eq(True)

    first, last = table["from_value"].to_numpy(float), table["to_value"].to_numpy(float)
    span = float(end - start) if start is not None and end is not None else 0.0
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        change = last - first
        small = np.abs(change) < 1e15  # rounding a larger number would overflow and gains nothing
        change = np.where(small, np.round(np.where(small, change, 0), _CHANGE_DECIMALS), change)
        change_pct = np.where(first != 0, 100 * change / first, np.nan)
        cagr_ok = (first > 0) & (last > 0) & (span > 0)
        cagr = np.where(cagr_ok, 100 * ((last / first) ** (1 / span if span else 1) - 1), np.nan)
    table["change"] = np.where(np.isfinite(change), change, np.nan)
    table["change_pct"] = np.where(np.isfinite(change_pct), change_pct, np.nan)
    table["cagr_pct"] = np.where(np.isfinite(cagr), cagr, np.nan)
    table["complete"] = ~(np.isnan(first) | np.isnan(last))

    low_start = (table["from_status"] == "lower_bound").to_numpy()
    low_end = (table["to_status"] == "lower_bound").to_numpy()
    table["bound"] = np.select(
        [low_start & low_end, low_end, low_start], [UNKNOWN, AT_LEAST, AT_MOST], default=""
    )
    table["flags"] = frames.flag_column(
        [table["from_status"], table["to_status"]],
        [table["from_secondary"], table["to_secondary"]],
        (table["from_early"] | table["to_early"], "early"),
    )
    table = table.reset_index(drop=True)
    if sort == "indicator":
        table = table.sort_values("indicator_id", kind="stable")
    elif sort != "dataset":
        table = table.sort_values(sort, ascending=False, na_position="last", kind="stable")
    return table.reset_index(drop=True)


def growth(
    ds: Dataset,
    start: int | None = None,
    end: int | None = None,
    categories: Iterable[str] = (),
    indicators: Iterable[str] = (),
    include_all: bool = False,
    sort: str = "dataset",
    months: int = FULL_YEAR,
) -> pd.DataFrame:
    """The growth table of the CLI: GROWTH_COLUMNS, one row per indicator observed in both years
    (every selected indicator with `include_all`).

    change is in the indicator's unit (percentage points for a "%" unit); change_pct and
    cagr_pct are percentages, NaN where undefined (a zero or negative base, one year only).
    `months` < 12 compares the January-to-month figures of the two years.
    """
    table = growth_detail(ds, start, end, categories, indicators, sort, months)
    if not include_all:
        table = table[table["complete"]]
    return table[list(GROWTH_COLUMNS)].reset_index(drop=True)
