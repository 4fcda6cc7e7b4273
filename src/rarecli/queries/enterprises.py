"""The named enterprises, parks and projects, linked to the indicators scoped to them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from rarecli import frames
from rarecli._suggest import check_choice
from rarecli.columns import Columns
from rarecli.model import ENTERPRISE_KINDS, FULL_YEAR, Dataset, Enterprise, Observation

ENTERPRISE_COLUMNS: Columns = {
    "enterprise_id": "text",
    "name": "text",
    "name_zh": "text",
    "kind": "text",
    "segment": "text",
    "distinction": "text",
    "indicators": "list",
    "targets": "list",
}
COUNT_CATEGORY = "enterprises"


def find_enterprise(ds: Dataset, enterprise_id: str) -> Enterprise:
    """The enterprise with this id, or a UsageError naming the nearest id."""
    by_id = {e.id: e for e in ds.enterprises}
    return by_id[check_choice("enterprise id", "enterprise_id", enterprise_id, by_id)]


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
    wanted = [check_choice("kind", "kinds", k, ENTERPRISE_KINDS) for k in kinds]
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
    return table[list(ENTERPRISE_COLUMNS)].reset_index(drop=True)


@dataclass(frozen=True)
class Count:
    """One of the region's enterprise counts: its latest full-year figure."""

    indicator_id: str
    name: str
    unit: str
    observation: Observation


def latest_counts(ds: Dataset) -> list[Count]:
    """Each region-wide count of the 'enterprises' category at its latest full-year figure,
    latest year first, in dataset order within a year.

    Counts are listed one by one, never added: they overlap (a high-tech enterprise is also a
    rare earth enterprise), and they are of different years.
    """
    counts = []
    for i in ds.indicators:
        full = [o for o in i.observations if o.months == FULL_YEAR]
        if i.category == COUNT_CATEGORY and i.scope is None and full:
            counts.append(Count(i.id, i.name, i.unit, full[-1]))
    return sorted(counts, key=lambda c: -c.observation.year)


def enterprise_detail(ds: Dataset, enterprise_id: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """One enterprise: its row of enterprise_table, and the progress of its targets."""
    from rarecli.queries.targets import progress_detail

    chosen = find_enterprise(ds, enterprise_id).id
    table = enterprise_table(ds)
    progress = progress_detail(ds)
    return (
        table[table["enterprise_id"] == chosen].reset_index(drop=True),
        progress[progress["scope"] == chosen].reset_index(drop=True),
    )
