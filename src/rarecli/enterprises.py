"""The named enterprises, parks and projects, linked to the indicators scoped to them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from rarecli import frames
from rarecli._suggest import check_choice
from rarecli.model import KINDS, Dataset, Enterprise, Observation

ENTERPRISE_COLUMNS = [
    "enterprise_id",
    "name",
    "name_zh",
    "kind",
    "segment",
    "distinction",
    "indicators",
    "targets",
]
COUNT_CATEGORY = "enterprises"


def find_enterprise(ds: Dataset, enterprise_id: str) -> Enterprise:
    """The enterprise with this id, or a UsageError naming the nearest id."""
    by_id = {e.id: e for e in ds.enterprises}
    return by_id[check_choice("enterprise id", "ID", enterprise_id, by_id)]


def links(ds: Dataset) -> dict[str, tuple[list[str], list[str]]]:
    """enterprise id -> (ids of the indicators scoped to it, ids of those indicators' targets)."""
    out: dict[str, tuple[list[str], list[str]]] = {e.id: ([], []) for e in ds.enterprises}
    scope = {i.id: i.scope for i in ds.indicators if i.scope is not None and i.scope in out}
    for indicator_id, enterprise_id in scope.items():
        out[enterprise_id][0].append(indicator_id)
    for target in ds.targets:
        owner = scope.get(target.indicator)
        if owner is not None:
            out[owner][1].append(target.id)
    return out


def _contains(series: pd.Series, needle: str) -> pd.Series:
    return series.fillna("").str.casefold().str.contains(needle.casefold(), regex=False)


def enterprise_table(
    ds: Dataset,
    kinds: Iterable[str] = (),
    segment: str | None = None,
    search: str | None = None,
) -> pd.DataFrame:
    """ENTERPRISE_COLUMNS, one row per enterprise; `indicators` and `targets` are ';'-joined ids.

    `kinds` keeps those kinds; `segment` and `search` keep rows whose segment, or any name
    (English or Chinese) or id, contains the text, ignoring case.
    """
    wanted = [check_choice("kind", "--kind", k, KINDS) for k in kinds]
    table = frames.enterprises(ds)
    linked = links(ds)
    table["indicators"] = [";".join(linked[e][0]) or None for e in table["enterprise_id"]]
    table["targets"] = [";".join(linked[e][1]) or None for e in table["enterprise_id"]]
    if wanted:
        table = table[table["kind"].isin(wanted)]
    if segment:
        table = table[_contains(table["segment"], segment)]
    if search:
        hit = (
            _contains(table["name"], search)
            | _contains(table["name_zh"], search)
            | _contains(table["enterprise_id"], search)
        )
        table = table[hit]
    return table[ENTERPRISE_COLUMNS].reset_index(drop=True)


@dataclass(frozen=True)
class Count:
    """One of the region's enterprise counts in a year."""

    indicator_id: str
    name: str
    unit: str
    observation: Observation


def latest_counts(ds: Dataset) -> tuple[int | None, list[Count]]:
    """The latest year with region-wide counts in the 'enterprises' category, and each count.

    Counts are listed one by one, never added: they overlap (a high-tech enterprise is also a
    rare earth enterprise).
    """
    series = [i for i in ds.indicators if i.category == COUNT_CATEGORY and i.scope is None]
    years = [o.year for i in series for o in i.observations]
    if not years:
        return None, []
    year = max(years)
    counts = [
        Count(i.id, i.name, i.unit, o) for i in series for o in i.observations if o.year == year
    ]
    return year, counts
