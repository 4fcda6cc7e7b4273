"""`rarecli revisions`: every version of the figures published more than once, how much each
version revised the one before, and how far the early figures (forecasts) were from the
current ones.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

import numpy as np
import pandas as pd

from rarecli.columns import Columns
from rarecli.model import Dataset
from rarecli.queries.observations import observation_detail
from rarecli.queries.selection import find_indicator

REVISION_COLUMNS: Columns = {
    "indicator_id": "text",
    "indicator": "text",
    "unit": "text",
    "year": "int",
    "months": "int",
    "version": "int",
    "known": "text",
    "value": "number",
    "status": "text",
    "source_id": "text",
    "source_type": "text",
    "early": "bool",
    "revision": "number",
    "revision_pct": "pct",
    "current": "bool",
    "quote": "text",
}
_FIGURE = ["indicator_id", "year", "months"]
_DECIMALS = 10  # drops binary noise such as 67.75 - 60.1 = 7.649999999999999


class EarlyError(NamedTuple):
    """How far early figures were from the current ones: `figures` compared (first version
    early, current one not, first not 0, neither a lower bound) and the median of
    100·|current − first|/|first| over them, to one decimal (None when there is none);
    `bounded`, the figures left out because one of the two is a lower bound, which makes the
    distance unknown."""

    figures: int
    median_pct: float | None
    bounded: int


def revision_detail(
    ds: Dataset,
    indicator_ids: Iterable[str] = (),
    categories: Iterable[str] = (),
    include_all: bool = False,
) -> pd.DataFrame:
    """REVISION_COLUMNS (plus `note`, `corroborated_by`, `secondary` and `versions`, the number of
    versions of the row's figure) for every version of the selected figures that have more than
    one (`include_all`: of every figure), in dataset order, then year, months and version."""
    ids = [find_indicator(ds, i).id for i in indicator_ids]  # errors name the id as ID
    detail = observation_detail(ds, categories, ids)
    groups = detail.groupby(_FIGURE, sort=False)
    detail["version"] = groups.cumcount() + 1
    detail["versions"] = groups["value"].transform("size")
    previous = groups["value"].shift()
    with np.errstate(invalid="ignore", over="ignore"):
        revision = detail["value"] - previous
        small = revision.abs() < 1e15  # rounding a larger number would overflow and gains nothing
        revision = revision.where(~small, revision.round(_DECIMALS))
        revision_pct = (100 * revision / previous).where(previous != 0)
    detail["revision"] = revision.where(np.isfinite(revision))
    detail["revision_pct"] = revision_pct.where(np.isfinite(revision_pct))
    if not include_all:
        detail = detail[detail["versions"] > 1]
    extra = ["note", "corroborated_by", "secondary", "versions"]
    return detail[[*REVISION_COLUMNS, *extra]].reset_index(drop=True)


def revisions(
    ds: Dataset,
    indicator_ids: Iterable[str] = (),
    categories: Iterable[str] = (),
    include_all: bool = False,
) -> pd.DataFrame:
    """The table of `rarecli revisions`: REVISION_COLUMNS, one row per version of every figure
    with more than one (`include_all`: of every figure). `revision` is the change from the
    previous version (NaN for version 1), `revision_pct` that change in percent of it (NaN where
    the previous value is 0); `current` is true on the last version."""
    table = revision_detail(ds, indicator_ids, categories, include_all)
    return table[list(REVISION_COLUMNS)]


def revised_figures(detail: pd.DataFrame) -> int:
    """How many figures of `detail` (from revision_detail) have more than one version."""
    return int((detail["current"] & (detail["versions"] > 1)).sum())


def early_error(detail: pd.DataFrame) -> EarlyError:
    """The median distance of first versions that were early from current ones that are not,
    over the figures of `detail` (from revision_detail; a figure of one version is its own
    first and current version, never both early and not)."""
    first = detail[detail["version"] == 1]
    last = detail[detail["current"]]
    both = first.merge(last, on=_FIGURE, suffixes=("_first", "_current"))
    both = both[both["early_first"] & ~both["early_current"] & (both["value_first"] != 0)]
    bound = (both["status_first"] == "lower_bound") | (both["status_current"] == "lower_bound")
    both = both[~bound]
    if both.empty:
        return EarlyError(0, None, int(bound.sum()))
    errors = 100 * (both["value_current"] - both["value_first"]).abs() / both["value_first"].abs()
    return EarlyError(len(both), round(float(errors.median()), 1), int(bound.sum()))
