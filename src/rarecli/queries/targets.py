"""Progress towards targets by the method of the UN Statistics Division's SDG Progress Chart,
as implemented in Open SDG (Statistics Canada). See README: How target progress is assessed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import numpy as np
import pandas as pd

from rarecli import frames
from rarecli._suggest import check_choice
from rarecli.clock import today as clock_today
from rarecli.columns import Columns
from rarecli.model import FULL_YEAR, Dataset
from rarecli.queries.selection import check_indicators
from rarecli.vocabulary import TARGET_STATUSES

TARGET_COLUMNS: Columns = {
    "target_id": "text",
    "indicator_id": "text",
    "indicator": "text",
    "scope": "text",
    "unit": "text",
    "direction": "text",
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
    "status": "text",
    "flags": "list",
}
ON_TRACK, NEEDS_ACCELERATION = 0.95, 0.6


def _figures(found: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "year": found["year"].astype("Int64"),
            "value": found["value"].astype("float64"),
            "status": found["status"],
            "source": found["source_id"],
            "secondary": found["secondary"].eq(True),
        }
    )


def _baseline(targets: pd.DataFrame, known: pd.DataFrame) -> pd.DataFrame:
    """Each target's baseline among the `known` figures: the one at baseline_year, else (no
    baseline_year) the indicator's first; none where that figure is not known."""
    at_year = targets[["indicator_id", "baseline_year"]].rename(columns={"baseline_year": "year"})
    exact = at_year.merge(known, on=["indicator_id", "year"], how="left").set_index(targets.index)
    exact["year"] = exact["year"].where(exact["value"].notna())  # the key, not a figure found
    first = known.groupby("indicator_id", sort=False).first()
    fallback = first.reindex(targets["indicator_id"]).set_axis(targets.index)
    has_year = targets["baseline_year"].notna().to_numpy()
    columns = ("year", "value", "status", "source_id", "secondary")
    return _figures(pd.DataFrame({c: exact[c].where(has_year, fallback[c]) for c in columns}))


def _latest(targets: pd.DataFrame, known: pd.DataFrame) -> pd.DataFrame:
    """Each target's last known figure."""
    last = known.groupby("indicator_id", sort=False).last()
    return _figures(last.reindex(targets["indicator_id"]).set_axis(targets.index))


def progress_detail(
    ds: Dataset,
    year: int | None = None,
    as_of: int | None = None,
    statuses: Iterable[str] = (),
    indicators: Iterable[str] = (),
    today: dt.date | None = None,
) -> pd.DataFrame:
    """Progress of the selected targets: TARGET_COLUMNS plus r_obs, r_req, and the statuses and
    sources of the baseline and latest figures.

    Only full-year figures count. `year` keeps targets whose deadline is that year; `as_of`
    hides every figure after that year, the baseline included; `statuses` and `indicators`
    keep those values. A filter may match nothing. `today` (default: clock.today()) decides
    the flag deadline_passed. Percentages are percent; rates are per year (0.05 = 5 %). NaN
    where a figure is undefined.
    """
    wanted_statuses = [check_choice("status", "statuses", s, TARGET_STATUSES) for s in statuses]
    wanted_ids = check_indicators(ds, indicators)
    this_year = (today or clock_today()).year
    obs = frames.observations(ds, evidence=False)
    known = _known(obs, as_of)
    table = frames.targets(ds)
    table = table.merge(
        frames.indicators(ds)[["indicator_id", "indicator", "scope", "unit"]],
        on="indicator_id",
        how="left",
    )
    base, last = _baseline(table, known), _latest(table, known)
    table["baseline_year"], table["baseline_value"] = base["year"], base["value"]
    table["latest_year"], table["latest_value"] = last["year"], last["value"]
    table["baseline_status"], table["latest_status"] = base["status"], last["status"]
    table["baseline_source"], table["latest_source"] = base["source"], last["source"]

    b = base["year"].to_numpy(float, na_value=np.nan)
    a = last["year"].to_numpy(float, na_value=np.nan)
    big_b, big_a = base["value"].to_numpy(float), last["value"].to_numpy(float)
    big_t = table["target_value"].to_numpy(float)
    deadline = table["deadline"].to_numpy(float, na_value=np.nan)
    d = np.where(table["direction"].to_numpy() == "at_most", -1.0, 1.0)

    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        progress = 100 * (big_a - big_b) / (big_t - big_b)
        expected = 100 * (a - b) / (deadline - b)
        compound = (big_a > 0) & (big_b > 0) & (big_t > 0)
        r_obs = np.where(compound, (big_a / big_b) ** (1 / (a - b)) - 1, (big_a - big_b) / (a - b))
        r_req = np.where(
            compound,
            (big_t / big_b) ** (1 / (deadline - b)) - 1,
            (big_t - big_b) / (deadline - b),
        )
        ratio = d * r_obs / np.abs(r_req)
        projected = np.where(
            compound, big_a * (1 + r_obs) ** (deadline - a), big_a + r_obs * (deadline - a)
        )
    measured = a > b  # two observations, the latest after the baseline
    r_obs = np.where(measured, r_obs, np.nan)
    r_req = np.where(measured & (deadline > b), r_req, np.nan)
    ratio = np.where(measured & (r_req != 0), ratio, np.nan)
    table["progress_pct"] = _finite(np.where(a >= b, progress, np.nan))
    table["expected_pct"] = _finite(expected)
    table["projected_value"] = _finite(np.where(measured & (deadline >= a), projected, np.nan))
    table["ratio"] = _finite(ratio)
    table["r_obs"], table["r_req"] = _finite(r_obs), _finite(r_req)

    lower_bound = (last["status"] == "lower_bound").to_numpy()
    # "at least A" proves A >= T, never A <= T: an at_most target is not met by a lower bound
    met = np.where(d > 0, big_a >= big_t, (big_a <= big_t) & ~lower_bound)
    ratio_known = np.isfinite(table["ratio"].to_numpy())
    table["status"] = np.select(
        [
            np.isnan(big_a) | np.isnan(big_b),
            met,
            (deadline <= a) & ~lower_bound,  # a lower bound short of T proves nothing
            deadline <= a,
            np.isnan(deadline),
            ~measured,
            ~ratio_known,  # r_req == 0: the target equals the baseline and is not met
            ratio >= ON_TRACK,
            ratio >= NEEDS_ACCELERATION,
            ratio >= 0,
        ],
        [
            "no_data",
            "achieved",
            "missed",
            "insufficient_data",
            "pending",
            "insufficient_data",
            "deteriorating",
            "on_track",
            "needs_acceleration",
            "limited_progress",
        ],
        default="deteriorating",
    )
    # the outcome is not in the data: also where there is no latest figure; an achieved target
    # has its outcome already
    passed = (this_year > deadline) & ~(a >= deadline) & (table["status"] != "achieved")
    table["flags"] = frames.flag_column(
        [table["baseline_status"], table["latest_status"]],
        [base["secondary"], last["secondary"]],
        (pd.Series(passed, index=table.index), "deadline_passed"),
    )
    if year is not None:
        table = table[table["deadline"] == year]
    if wanted_statuses:
        table = table[table["status"].isin(wanted_statuses)]
    if wanted_ids:
        table = table[table["indicator_id"].isin(wanted_ids)]
    return table.reset_index(drop=True)


def _known(obs: pd.DataFrame, as_of: int | None) -> pd.DataFrame:
    """The full-year figures up to `as_of` (all of them where it is None)."""
    keep = obs["months"] == FULL_YEAR
    if as_of is not None:
        keep &= obs["year"] <= as_of
    return obs[keep]


def _finite(values: np.ndarray) -> np.ndarray:
    return np.where(np.isfinite(values), values, np.nan)


def target_progress(
    ds: Dataset,
    year: int | None = None,
    as_of: int | None = None,
    statuses: Iterable[str] = (),
    indicators: Iterable[str] = (),
    today: dt.date | None = None,
) -> pd.DataFrame:
    """The targets table of the CLI (TARGET_COLUMNS); the arguments as in progress_detail."""
    return progress_detail(ds, year, as_of, statuses, indicators, today)[list(TARGET_COLUMNS)]
