"""Progress towards targets by the method of the UN Statistics Division's SDG Progress Chart,
as implemented in Open SDG (Statistics Canada). See README: How target progress is assessed.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from rarecli import frames
from rarecli._suggest import check_choice
from rarecli.catalog import check_indicators
from rarecli.model import Dataset

TARGET_COLUMNS = [
    "target_id",
    "indicator_id",
    "indicator",
    "scope",
    "unit",
    "direction",
    "target_value",
    "deadline",
    "baseline_year",
    "baseline_value",
    "latest_year",
    "latest_value",
    "progress_pct",
    "expected_pct",
    "projected_value",
    "ratio",
    "status",
    "flags",
]
# In order of precedence: the first that applies is the target's status.
STATUSES = (
    "no_data",
    "achieved",
    "missed",
    "pending",
    "insufficient_data",
    "on_track",
    "needs_acceleration",
    "limited_progress",
    "deteriorating",
)
ON_TRACK, NEEDS_ACCELERATION = 0.95, 0.6


def _baseline(targets: pd.DataFrame, obs: pd.DataFrame) -> pd.DataFrame:
    """(year, value, status) of each target's baseline: the observation at baseline_year,
    else the indicator's first observation."""
    keys = ["indicator_id", "year"]
    at_year = targets[["indicator_id", "baseline_year"]].rename(columns={"baseline_year": "year"})
    exact = at_year.merge(obs, on=keys, how="left").set_index(targets.index)
    first = obs.groupby("indicator_id", sort=False).first()
    fallback = first.reindex(targets["indicator_id"]).set_axis(targets.index)
    found = exact["value"].notna()
    return pd.DataFrame(
        {
            "year": exact["year"].where(found, fallback["year"]).astype("Int64"),
            "value": exact["value"].where(found, fallback["value"]).astype("float64"),
            "status": exact["status"].where(found, fallback["status"]),
            "source": exact["source_id"].where(found, fallback["source_id"]),
        }
    )


def _latest(targets: pd.DataFrame, obs: pd.DataFrame, as_of: int | None) -> pd.DataFrame:
    """(year, value, status) of each target's last observation up to `as_of`."""
    known = obs if as_of is None else obs[obs["year"] <= as_of]
    last = known.groupby("indicator_id", sort=False).last()
    latest = last.reindex(targets["indicator_id"]).set_axis(targets.index)
    return pd.DataFrame(
        {
            "year": latest["year"].astype("Int64"),
            "value": latest["value"].astype("float64"),
            "status": latest["status"],
            "source": latest["source_id"],
        }
    )


def progress_detail(
    ds: Dataset,
    year: int | None = None,
    as_of: int | None = None,
    statuses: Iterable[str] = (),
    indicators: Iterable[str] = (),
) -> pd.DataFrame:
    """Progress of the selected targets: TARGET_COLUMNS plus r_obs, r_req, and the statuses and
    sources of the baseline and latest observations.

    `year` keeps targets whose deadline is that year; `as_of` uses only observations up to that
    year; `statuses` and `indicators` keep those values. A filter may match nothing.
    Percentages are percent; rates are per year (0.05 = 5 %). NaN where a figure is undefined.
    """
    wanted_statuses = [check_choice("status", "--status", s, STATUSES) for s in statuses]
    wanted_ids = check_indicators(ds, indicators)
    obs = frames.observations(ds, evidence=False)
    table = frames.targets(ds)
    table = table.merge(
        frames.indicators(ds)[["indicator_id", "indicator", "scope", "unit"]],
        on="indicator_id",
        how="left",
    )
    base, last = _baseline(table, obs), _latest(table, obs, as_of)
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

    met = np.where(d > 0, big_a >= big_t, big_a <= big_t)
    ratio_known = np.isfinite(table["ratio"].to_numpy())
    table["status"] = np.select(
        [
            np.isnan(big_a),
            met,
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
            "pending",
            "insufficient_data",
            "deteriorating",
            "on_track",
            "needs_acceleration",
            "limited_progress",
        ],
        default="deteriorating",
    )
    table["flags"] = frames.status_flags(table["baseline_status"], table["latest_status"])
    if year is not None:
        table = table[table["deadline"] == year]
    if wanted_statuses:
        table = table[table["status"].isin(wanted_statuses)]
    if wanted_ids:
        table = table[table["indicator_id"].isin(wanted_ids)]
    return table.reset_index(drop=True)


def _finite(values: np.ndarray) -> np.ndarray:
    return np.where(np.isfinite(values), values, np.nan)


def target_progress(
    ds: Dataset,
    year: int | None = None,
    as_of: int | None = None,
    statuses: Iterable[str] = (),
    indicators: Iterable[str] = (),
) -> pd.DataFrame:
    """The targets table of the CLI (TARGET_COLUMNS); the arguments as in progress_detail."""
    return progress_detail(ds, year, as_of, statuses, indicators)[TARGET_COLUMNS]
