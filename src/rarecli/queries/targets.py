"""Progress towards targets by the method of the UN Statistics Division's SDG Progress Chart,
as implemented in Open SDG (Statistics Canada). See README: How target progress is assessed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import numpy as np
import pandas as pd

from rarecli import frames, history
from rarecli._suggest import check_choice
from rarecli.clock import today as clock_today
from rarecli.columns import Columns
from rarecli.loader import YEAR_MAX
from rarecli.model import FULL_YEAR, Dataset
from rarecli.queries.selection import check_indicators
from rarecli.vocabulary import TARGET_STATUSES, period

TARGET_COLUMNS: Columns = {
    "target_id": "text",
    "indicator_id": "text",
    "indicator": "text",
    "scope": "text",
    "unit": "text",
    "direction": "text",
    "target_value": "number",
    "deadline": "int",
    "set_in": "int",
    "known": "text",
    "supersedes": "text",
    "baseline_year": "int",
    "baseline_value": "number",
    "latest_year": "int",
    "latest_value": "number",
    "latest_partial_period": "text",
    "latest_partial_value": "number",
    "progress_pct": "pct",
    "expected_pct": "pct",
    "projected_value": "derived",
    "ratio": "ratio",
    "status": "text",
    "flags": "list",
}
# `targets --history` adds the id of the target that restates each superseded one.
HISTORY_COLUMNS: Columns = {**TARGET_COLUMNS, "superseded_by": "text"}
ON_TRACK, NEEDS_ACCELERATION = 0.95, 0.6
OLD_EVIDENCE_YEARS = 3  # a latest full-year figure this many years before the reference is old
_YEAR_KEY = 10_000  # (indicator code, year) as one sortable integer: code * _YEAR_KEY + year


def _figures(found: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "year": found["year"].astype("Int64"),
            "value": found["value"].astype("float64"),
            "status": found["status"],
            "source": found["source_id"],
            "secondary": found["secondary"].eq(True),
            "early": found["early"].eq(True),
        }
    )


def _baseline(
    targets: pd.DataFrame, known: pd.DataFrame, every: pd.DataFrame, as_of: int | None
) -> pd.DataFrame:
    """Each target's baseline among the `known` figures (those up to `as_of`): the one at
    baseline_year; else, with set_in, the last in or before set_in (the situation when it was
    set), else the first after it, chosen among `every` full-year figure (--as-of hides that
    figure, it does not move the baseline to an earlier one); else the indicator's first; none
    where that figure is not known."""
    at_year = targets[["indicator_id", "baseline_year"]].rename(columns={"baseline_year": "year"})
    exact = at_year.merge(known, on=["indicator_id", "year"], how="left").set_index(targets.index)
    exact["year"] = exact["year"].where(exact["value"].notna())  # the key, not a figure found
    first = known.groupby("indicator_id", sort=False).first()
    fallback = first.reindex(targets["indicator_id"]).set_axis(targets.index)
    at_set_in = _at_set_in(targets, every)
    if as_of is not None:
        at_set_in = at_set_in.mask(at_set_in["year"] > as_of)
    has_year = targets["baseline_year"].notna().to_numpy()
    has_set_in = targets["set_in"].notna().to_numpy() & ~has_year
    columns = ("year", "value", "status", "source_id", "secondary", "early")
    return _figures(
        pd.DataFrame(
            {
                c: exact[c].where(has_year, at_set_in[c].where(has_set_in, fallback[c]))
                for c in columns
            }
        )
    )


def _at_set_in(targets: pd.DataFrame, known: pd.DataFrame) -> pd.DataFrame:
    """Per target, the last `known` figure of its indicator in or before its set_in year, else
    the first after it (NaN rows where there is no set_in or no figure). `known` is in dataset
    order of indicators, then year, one figure per year."""
    codes, names = pd.factorize(known["indicator_id"], sort=False)
    keys = codes.astype(np.int64) * _YEAR_KEY + known["year"].to_numpy(np.int64)
    wanted = names.get_indexer(pd.Index(targets["indicator_id"]))
    set_in = targets["set_in"].to_numpy(float, na_value=np.nan)
    usable = (wanted >= 0) & ~np.isnan(set_in)
    probe = wanted.astype(np.int64) * _YEAR_KEY + np.where(usable, set_in, 0).astype(np.int64)
    before = np.searchsorted(keys, probe, side="right") - 1
    after = before + 1
    code_at = np.append(codes, -1)  # index len(codes) (nothing after) holds no indicator
    hit_before = (before >= 0) & (code_at[before] == wanted)
    hit_after = (after < len(codes)) & (code_at[np.minimum(after, len(codes))] == wanted)
    chosen = np.where(hit_before, before, np.where(hit_after, after, -1))
    chosen = np.where(usable, chosen, -1)
    rows = known.reset_index(drop=True).reindex(chosen)  # -1: a row of NaN
    return rows.set_axis(targets.index)


def _latest(targets: pd.DataFrame, known: pd.DataFrame) -> pd.DataFrame:
    """Each target's last known figure."""
    last = known.groupby("indicator_id", sort=False).last()
    return _figures(last.reindex(targets["indicator_id"]).set_axis(targets.index))


def _latest_partial(
    targets: pd.DataFrame, partial: pd.DataFrame, latest_year: pd.Series
) -> pd.DataFrame:
    """Each target's newest year-to-date figure of a year after its latest full-year one (or
    of any year where there is none): its period as a table writes it, and its value."""
    newest = partial.groupby("indicator_id", sort=False).last()
    found = newest.reindex(targets["indicator_id"]).set_axis(targets.index)
    later = found["year"].notna() & ~(found["year"] <= latest_year.astype("float64"))
    periods = [
        period(int(y), int(m)) if keep else None
        for y, m, keep in zip(found["year"], found["months"], later, strict=True)
    ]
    return pd.DataFrame(
        {
            "period": pd.Series(periods, index=targets.index, dtype="object"),
            "value": found["value"].where(later).astype("float64"),
        }
    )


def reference_day(
    today: dt.date | None = None, known_at: dt.date | None = None, as_of: int | None = None
) -> dt.date:
    """The day a view of the ledger stands on: today (the clock), or the --known-at date, or
    the end of the --as-of year, whichever is earliest. Deadlines passed and old evidence are
    judged on it."""
    days = [today or clock_today()]
    if known_at is not None:
        days.append(known_at)
    if as_of is not None:  # any year is a valid --as-of; a date needs 1 to 9999
        days.append(dt.date(min(max(as_of, dt.MINYEAR), dt.MAXYEAR), 12, 31))
    return min(days)


def progress_detail(
    ds: Dataset,
    year: int | None = None,
    as_of: int | None = None,
    statuses: Iterable[str] = (),
    indicators: Iterable[str] = (),
    today: dt.date | None = None,
    known_at: dt.date | None = None,
    superseded: bool = False,
) -> pd.DataFrame:
    """Progress of the selected targets: TARGET_COLUMNS plus r_obs, r_req, superseded_by, and
    the statuses and sources of the baseline and latest figures.

    Only full-year figures count, the current version of each. `year` keeps targets whose
    deadline is that year; `as_of` hides every figure after that year, the baseline included;
    `known_at` hides every figure and target published after that day (and the undated ones);
    `statuses` and `indicators` keep those values. A filter may match nothing. Superseded
    targets (restated by a later one) are left out; with `superseded` they are listed too, each
    judged on the evidence known when its successor was published. `today` (default:
    clock.today()), or the `known_at` day or the end of the `as_of` year if earlier, decides the
    flags deadline_passed and old_evidence. Percentages are percent; rates are per year
    (0.05 = 5 %). NaN where a figure is undefined.
    """
    wanted_statuses = [check_choice("status", "statuses", s, TARGET_STATUSES) for s in statuses]
    wanted_ids = check_indicators(ds, indicators)
    if known_at is not None:
        ds = history.known_at(ds, known_at).dataset
    day = reference_day(today, known_at, as_of)
    successors = history.superseded_ids(ds)
    table = _progress(ds, as_of, day)
    table["superseded_by"] = table["target_id"].map(successors)
    if superseded:
        table = _as_they_were(ds, table, successors, as_of, day)
    else:
        table = table[table["superseded_by"].isna()]
    if year is not None:
        table = table[table["deadline"] == year]
    if wanted_statuses:
        table = table[table["status"].isin(wanted_statuses)]
    if wanted_ids:
        table = table[table["indicator_id"].isin(wanted_ids)]
    return table.reset_index(drop=True)


def _as_they_were(
    ds: Dataset, table: pd.DataFrame, successors: dict[str, str], as_of: int | None, day: dt.date
) -> pd.DataFrame:
    """`table` with each superseded target's row judged as it stood when its successor was
    published (on all the evidence where the successor has no date)."""
    dating = history.Dating(ds)
    by_id = {t.id: t for t in ds.targets}
    rows = table.set_index("target_id", drop=False)
    for old, new in successors.items():
        then = dating.target(by_id[new])
        if then is None:
            continue
        view = history.known_at(ds, then).dataset
        view = view._replace(targets=(by_id[old],))
        row = _progress(view, as_of, min(day, then))
        row["superseded_by"] = new
        rows.loc[old] = row.iloc[0].reindex(rows.columns)
    return rows.reset_index(drop=True)


def _progress(ds: Dataset, as_of: int | None, day: dt.date) -> pd.DataFrame:
    """Every target of `ds` judged on its current full-year figures up to `as_of`, on `day`."""
    this_year = day.year
    obs = frames.observations(history.current(ds), evidence=False)
    known = _known(obs, as_of)
    last_year = YEAR_MAX if as_of is None else as_of
    partial = obs[(obs["months"] != FULL_YEAR) & (obs["year"] <= last_year)]
    table = frames.targets(ds)
    dating = history.Dating(ds)
    table["known"] = [dating.target_written(t) for t in ds.targets]
    table = table.merge(
        frames.indicators(ds)[["indicator_id", "indicator", "scope", "unit"]],
        on="indicator_id",
        how="left",
    )
    base = _baseline(table, known, _known(obs, None) if as_of is not None else known, as_of)
    last = _latest(table, known)
    table["baseline_year"], table["baseline_value"] = base["year"], base["value"]
    table["latest_year"], table["latest_value"] = last["year"], last["value"]
    table["baseline_status"], table["latest_status"] = base["status"], last["status"]
    table["latest_early"] = last["early"]
    table["baseline_source"], table["latest_source"] = base["source"], last["source"]
    newer = _latest_partial(table, partial, last["year"])
    table["latest_partial_period"], table["latest_partial_value"] = newer["period"], newer["value"]

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
    ratio = np.where(measured & np.isfinite(r_req) & (r_req != 0), ratio, np.nan)
    # a baseline at or after the deadline leaves no way to progress along: no percentage
    table["progress_pct"] = _finite(np.where((a >= b) & ~(deadline <= b), progress, np.nan))
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
    old = a <= this_year - OLD_EVIDENCE_YEARS  # False where there is no latest figure
    table["flags"] = frames.flag_column(
        [table["baseline_status"], table["latest_status"]],
        [base["secondary"], last["secondary"]],
        (last["early"], "early"),
        (pd.Series(passed, index=table.index), "deadline_passed"),
        (newer["period"].notna(), "newer_partial"),
        (pd.Series(old, index=table.index), "old_evidence"),
    )
    return table


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
    known_at: dt.date | None = None,
    superseded: bool = False,
) -> pd.DataFrame:
    """The targets table of the CLI (TARGET_COLUMNS, and superseded_by with `superseded`); the
    arguments as in progress_detail."""
    found = progress_detail(ds, year, as_of, statuses, indicators, today, known_at, superseded)
    return found[list(HISTORY_COLUMNS if superseded else TARGET_COLUMNS)]
