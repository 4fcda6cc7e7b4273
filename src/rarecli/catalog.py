"""Listings of the ledger itself: indicators, one indicator's observations, sources."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from rarecli import frames
from rarecli._suggest import check_choice
from rarecli.columns import Columns
from rarecli.model import FULL_YEAR, Dataset, Indicator

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
    "observations": "int",
    "targets": "int",
}
# `rarecli show ID`: one indicator's observations.
OBSERVATION_COLUMNS: Columns = {
    "indicator_id": "text",
    "year": "int",
    "months": "int",
    "value": "number",
    "unit": "text",
    "status": "text",
    "source_id": "text",
    "source_type": "text",
    "quote": "text",
    "note": "text",
}
# `rarecli observations` (long): every observation, one row each. Also the columns that
# `rarecli import` reads, so this list is a contract.
LONG_COLUMNS: Columns = {
    "indicator_id": "text",
    "indicator": "text",
    "category": "text",
    "unit": "text",
    "scope": "text",
    "year": "int",
    "months": "int",
    "value": "number",
    "status": "text",
    "source_id": "text",
    "source_type": "text",
    "quote": "text",
    "note": "text",
}
SOURCE_COLUMNS: Columns = {
    "source_id": "text",
    "title": "text",
    "publisher": "text",
    "published": "text",
    "type": "text",
    "url": "text",
    "observations": "int",
    "targets": "int",
    "enterprises": "int",
}


def find_indicator(ds: Dataset, indicator_id: str) -> Indicator:
    """The indicator with this id, or a UsageError naming the nearest id."""
    by_id = {i.id: i for i in ds.indicators}
    return by_id[check_choice("indicator id", "indicator_id", indicator_id, by_id)]


def check_categories(ds: Dataset, categories: Iterable[str]) -> list[str]:
    """The categories, each checked against the dataset's (UsageError with the nearest)."""
    known = {i.category for i in ds.indicators}
    return [check_choice("category", "categories", c, known) for c in categories]


def check_indicators(ds: Dataset, indicator_ids: Iterable[str]) -> list[str]:
    """The ids, each checked against the dataset's indicators."""
    known = {i.id for i in ds.indicators}
    return [check_choice("indicator id", "indicators", i, known) for i in indicator_ids]


def _split_ids(joined: pd.Series) -> pd.Series:
    """The ids of a column of ';'-joined id lists, one per row (missing cells give none).

    Not `.str.split`: a column with no list at all has no string dtype to split.
    """
    return pd.Series([i for cell in joined if isinstance(cell, str) for i in cell.split(";")])


def _count(series: pd.Series, index: pd.Index) -> pd.Series:
    return series.value_counts().reindex(index, fill_value=0).astype("int64")


def indicator_table(ds: Dataset, categories: Iterable[str] = ()) -> pd.DataFrame:
    """One row per indicator: the years of its first and latest full-year figures, the latest
    one's value and status, and how many observations (year-to-date ones included) and targets
    it has."""
    wanted = check_categories(ds, categories)
    table = frames.indicators(ds).set_index("indicator_id", drop=False)
    obs = frames.observations(ds, evidence=False)
    by = obs[obs["months"] == FULL_YEAR].groupby("indicator_id", sort=False)
    table["first_year"] = by["year"].min().reindex(table.index).astype("Int64")
    table["latest_year"] = by["year"].max().reindex(table.index).astype("Int64")
    table["latest_value"] = by["value"].last().reindex(table.index).astype("float64")
    table["latest_status"] = by["status"].last().reindex(table.index)
    table["observations"] = _count(obs["indicator_id"], table.index)
    table["targets"] = _count(frames.targets(ds)["indicator_id"], table.index)
    if wanted:
        table = table[table["category"].isin(wanted)]
    return table[list(INDICATOR_COLUMNS)].reset_index(drop=True)


def observation_table(ds: Dataset, indicator_id: str) -> pd.DataFrame:
    """Every observation of one indicator, oldest first (a year's January-to-month figures
    before its full-year one), with its unit, status and source: the table of `show`."""
    indicator = find_indicator(ds, indicator_id)
    obs = frames.observations(ds.restrict(indicator.id))
    obs["unit"] = indicator.unit
    return obs[list(OBSERVATION_COLUMNS)]


def source_table(ds: Dataset) -> pd.DataFrame:
    """Each source with how many observations, targets and enterprises cite it.

    An observation counts for its source and for each source that corroborates it.
    """
    table = frames.sources(ds).set_index("source_id", drop=False)
    obs = frames.observations(ds, evidence=False)
    cited = pd.concat([obs["source_id"], _split_ids(obs["corroborated_by"])], ignore_index=True)
    table["observations"] = _count(cited, table.index)
    table["targets"] = _count(frames.targets(ds)["source_id"], table.index)
    table["enterprises"] = _count(_split_ids(frames.enterprises(ds)["sources"]), table.index)
    return table[list(SOURCE_COLUMNS)].reset_index(drop=True)
