"""`rarecli observations`: every figure of the ledger in one table, long (one row per
observation) or wide (one row per indicator, one column per year).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

import pandas as pd

from rarecli import frames
from rarecli.columns import Columns
from rarecli.model import FULL_YEAR, Dataset
from rarecli.queries.selection import check_categories, check_indicators
from rarecli.vocabulary import check_span

# The long table: every observation, one row each. Also the columns that `rarecli import`
# reads, so this list is a contract.
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
    "published": "text",
    "known": "text",
    "early": "bool",
    "current": "bool",
}

WIDE_HEAD = ["indicator_id", "indicator", "category", "unit"]
_DESCRIBING = ["indicator_id", "indicator", "category", "unit", "scope"]


class Series(NamedTuple):
    """The wide table and, for each flagged figure, where it sits and which observation it is.

    `cells` maps (row position, year column) to the figure's row in the long detail frame.
    """

    frame: pd.DataFrame
    cells: dict[tuple[int, str], int]


def _selected(ds: Dataset, categories: Iterable[str], indicators: Iterable[str]) -> pd.DataFrame:
    """The describing columns of the indicators that -c and -i keep, in file order."""
    wanted_categories = check_categories(ds, categories)
    wanted_ids = check_indicators(ds, indicators)
    table = frames.indicators(ds)[_DESCRIBING]
    if wanted_categories:
        table = table[table["category"].isin(wanted_categories)]
    if wanted_ids:
        table = table[table["indicator_id"].isin(wanted_ids)]
    return table.reset_index(drop=True)


def observation_detail(
    ds: Dataset,
    categories: Iterable[str] = (),
    indicators: Iterable[str] = (),
    start: int | None = None,
    end: int | None = None,
) -> pd.DataFrame:
    """LONG_COLUMNS plus `corroborated_by` and `secondary`, one row per observation of the
    selected indicators with start <= year <= end, in dataset order, then year, months and
    known date: every version of each figure, `current` on the last."""
    check_span(start, end)
    shown = _selected(ds, categories, indicators)
    obs = frames.observations(ds)
    order = {ident: n for n, ident in enumerate(shown["indicator_id"])}
    rank = obs["indicator_id"].map(order)
    keep = rank.notna()
    if start is not None:
        keep &= obs["year"] >= start
    if end is not None:
        keep &= obs["year"] <= end
    obs = obs[keep].assign(_rank=rank[keep])
    obs = obs.sort_values(["_rank", "year", "months"], kind="stable")  # versions stay in order
    describing = shown.set_index("indicator_id")
    for column in _DESCRIBING[1:]:
        obs[column] = obs["indicator_id"].map(describing[column])
    return obs[[*LONG_COLUMNS, "corroborated_by", "secondary"]].reset_index(drop=True)


def figure_flags(status: str, secondary: bool, early: bool = False) -> list[str]:
    """What makes a figure other than a plain reported value: its status, `secondary`, `early`."""
    return [
        *([status] if status != "reported" else []),
        *(["secondary"] if secondary else []),
        *(["early"] if early else []),
    ]


def flag_cells(detail: pd.DataFrame) -> list[str | None]:
    """Per row of an observation detail frame, its figure_flags ';'-joined (None: none)."""
    return [
        ";".join(figure_flags(status, bool(secondary), bool(early))) or None
        for status, secondary, early in zip(
            detail["status"], detail["secondary"], detail["early"], strict=True
        )
    ]


def series(
    ds: Dataset,
    detail: pd.DataFrame,
    categories: Iterable[str] = (),
    indicators: Iterable[str] = (),
) -> Series:
    """The wide table of `detail` (from observation_detail with the same selection).

    WIDE_HEAD, one column per year with a full-year figure (named by the year, plain numbers,
    NaN where there is none), then `flags`: "2022: derived; 2024: lower_bound, secondary".
    Every selected indicator has a row, with or without figures; year-to-date figures and
    earlier versions are left out (they live in the long table).
    """
    shown = _selected(ds, categories, indicators)
    full = detail[(detail["months"] == FULL_YEAR) & detail["current"]]
    years = sorted({int(y) for y in full["year"]})
    table = shown[WIDE_HEAD].copy()
    row_of = {ident: n for n, ident in enumerate(table["indicator_id"])}
    values = full.pivot(index="indicator_id", columns="year", values="value")
    for year in years:
        table[str(year)] = values[year].reindex(table["indicator_id"]).to_numpy(dtype=float)
    flags: dict[str, list[str]] = {}
    cells: dict[tuple[int, str], int] = {}
    for position, ident, year, status, secondary, early in zip(
        full.index,
        full["indicator_id"],
        full["year"],
        full["status"],
        full["secondary"],
        full["early"],
        strict=True,
    ):
        marks = figure_flags(status, bool(secondary), bool(early))
        if marks:
            flags.setdefault(ident, []).append(f"{year}: {', '.join(marks)}")
            cells[(row_of[ident], str(year))] = int(position)
    table["flags"] = [("; ".join(flags[i]) if i in flags else None) for i in table["indicator_id"]]
    return Series(table.reset_index(drop=True), cells)


def observations(
    ds: Dataset,
    categories: Iterable[str] = (),
    indicators: Iterable[str] = (),
    start: int | None = None,
    end: int | None = None,
    wide: bool = False,
) -> pd.DataFrame:
    """What `rarecli observations` prints: every observation of the selected indicators (by
    category and id) from `start` to `end` (inclusive; None: no limit).

    Long: LONG_COLUMNS, one row per observation (`months` 12 for a full year, fewer for a
    year-to-date figure). Wide: one row per selected indicator, one column per year with a
    full-year figure, and `flags` (see `series`). A selection with no figure is an empty frame
    (wide: no year column), not an error.
    """
    categories, indicators = list(categories), list(indicators)
    detail = observation_detail(ds, categories, indicators, start, end)
    if wide:
        return series(ds, detail, categories, indicators).frame
    return detail[list(LONG_COLUMNS)]
