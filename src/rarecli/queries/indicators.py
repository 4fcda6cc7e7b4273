"""`rarecli indicators`: one row per indicator, with its latest full-year figure and counts."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd

from rarecli import frames
from rarecli.columns import Columns
from rarecli.model import FULL_YEAR, Dataset
from rarecli.queries.selection import check_categories

INDICATOR_COLUMNS: Columns = {
    "indicator_id": "text",
    "indicator": "text",
    "category": "text",
    "unit": "text",
    "scope": "text",
    "first_year": "int",
    "latest_year": "int",
    "latest_value": "number",
    "latest_status": "text",
    "latest_early": "bool",
    "observations": "int",
    "targets": "int",
}


def count_ids(values: Iterable[Any], index: pd.Index) -> pd.Series:
    """How often each id of `index` occurs among `values`."""
    counts = pd.Series(list(values), dtype=object).value_counts()
    return counts.reindex(index, fill_value=0).astype("int64")


def indicator_table(ds: Dataset, categories: Iterable[str] = ()) -> pd.DataFrame:
    """One row per indicator: the years of its first and latest full-year figures, the latest
    one's value, status and whether it is early (known before its year ended: a forecast), and
    how many observations (year-to-date ones and every version included) and targets it has."""
    wanted = check_categories(ds, categories)
    table = frames.indicators(ds).set_index("indicator_id", drop=False)
    obs = frames.observations(ds, evidence=False)
    by = obs[obs["months"] == FULL_YEAR].groupby("indicator_id", sort=False)
    table["first_year"] = by["year"].min().reindex(table.index).astype("Int64")
    table["latest_year"] = by["year"].max().reindex(table.index).astype("Int64")
    table["latest_value"] = by["value"].last().reindex(table.index).astype("float64")
    table["latest_status"] = by["status"].last().reindex(table.index)
    table["latest_early"] = by["early"].last().reindex(table.index).eq(True)
    table["observations"] = count_ids(obs["indicator_id"], table.index)
    table["targets"] = count_ids(frames.targets(ds)["indicator_id"], table.index)
    if wanted:
        table = table[table["category"].isin(wanted)]
    return table[list(INDICATOR_COLUMNS)].reset_index(drop=True)
