"""Listings of the ledger itself: indicators, one indicator's observations, sources."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from rarecli import frames
from rarecli._suggest import check_choice
from rarecli.model import Dataset, Indicator

INDICATOR_COLUMNS = [
    "indicator_id",
    "indicator",
    "category",
    "unit",
    "scope",
    "first_year",
    "latest_year",
    "latest_value",
    "observations",
    "targets",
]
OBSERVATION_COLUMNS = [
    "indicator_id",
    "year",
    "value",
    "unit",
    "status",
    "source_id",
    "quote",
    "note",
]
# `rarecli observations` (long): every observation, one row each. Also the columns that
# `rarecli import` reads, so this list is a contract.
LONG_COLUMNS = [
    "indicator_id",
    "indicator",
    "category",
    "unit",
    "scope",
    "year",
    "months",
    "value",
    "status",
    "source_id",
    "source_type",
    "quote",
    "note",
]
SOURCE_COLUMNS = [
    "source_id",
    "title",
    "publisher",
    "published",
    "url",
    "observations",
    "targets",
    "enterprises",
]


def find_indicator(ds: Dataset, indicator_id: str) -> Indicator:
    """The indicator with this id, or a UsageError naming the nearest id."""
    by_id = {i.id: i for i in ds.indicators}
    return by_id[check_choice("indicator id", "ID", indicator_id, by_id)]


def check_categories(ds: Dataset, categories: Iterable[str]) -> list[str]:
    """The categories, each checked against the dataset's (UsageError with the nearest)."""
    known = {i.category for i in ds.indicators}
    return [check_choice("category", "--category", c, known) for c in categories]


def check_indicators(ds: Dataset, indicator_ids: Iterable[str]) -> list[str]:
    """The ids, each checked against the dataset's indicators."""
    known = {i.id for i in ds.indicators}
    return [check_choice("indicator id", "--indicator", i, known) for i in indicator_ids]


def _split_ids(joined: pd.Series) -> pd.Series:
    """The ids of a column of ';'-joined id lists, one per row (missing cells give none).

    Not `.str.split`: a column with no list at all has no string dtype to split.
    """
    return pd.Series([i for cell in joined if isinstance(cell, str) for i in cell.split(";")])


def _count(series: pd.Series, index: pd.Index) -> pd.Series:
    return series.value_counts().reindex(index, fill_value=0).astype("int64")


def indicator_table(ds: Dataset, categories: Iterable[str] = ()) -> pd.DataFrame:
    """One row per indicator with its span of years, latest value and counts."""
    wanted = check_categories(ds, categories)
    table = frames.indicators(ds).set_index("indicator_id", drop=False)
    obs = frames.observations(ds, evidence=False)
    by = obs.groupby("indicator_id", sort=False)
    table["first_year"] = by["year"].min().reindex(table.index).astype("Int64")
    table["latest_year"] = by["year"].max().reindex(table.index).astype("Int64")
    table["latest_value"] = by["value"].last().reindex(table.index).astype("float64")
    table["observations"] = _count(obs["indicator_id"], table.index)
    table["targets"] = _count(frames.targets(ds)["indicator_id"], table.index)
    if wanted:
        table = table[table["category"].isin(wanted)]
    return table[INDICATOR_COLUMNS].reset_index(drop=True)


def observation_table(ds: Dataset, indicator_id: str) -> pd.DataFrame:
    """Every observation of one indicator, oldest first, with its unit, status and source."""
    indicator = find_indicator(ds, indicator_id)
    table = pd.DataFrame(
        {
            "indicator_id": [indicator.id] * len(indicator.observations),
            "year": pd.array([o.year for o in indicator.observations], dtype="int64"),
            "value": pd.array([o.value for o in indicator.observations], dtype="float64"),
            "unit": [indicator.unit] * len(indicator.observations),
            "status": [o.status for o in indicator.observations],
            "source_id": [o.source for o in indicator.observations],
            "quote": [o.quote for o in indicator.observations],
            "note": [o.note for o in indicator.observations],
        }
    )
    return table[OBSERVATION_COLUMNS]


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
    return table[SOURCE_COLUMNS].reset_index(drop=True)
