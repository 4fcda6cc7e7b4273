"""`rarecli show ID`: one indicator's observations, oldest first."""

from __future__ import annotations

import pandas as pd

from rarecli.columns import Columns
from rarecli.model import Dataset
from rarecli.queries.observations import observation_detail
from rarecli.queries.selection import find_indicator

SHOW_COLUMNS: Columns = {
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
    "known": "text",
    "early": "bool",
    "current": "bool",
}


def show_detail(ds: Dataset, indicator_id: str) -> pd.DataFrame:
    """The rows of `observation_detail` for one indicator (a year's January-to-month figures
    before its full-year one); a UsageError naming the nearest id for an unknown one."""
    return observation_detail(ds, indicators=[find_indicator(ds, indicator_id).id])


def observation_table(ds: Dataset, indicator_id: str) -> pd.DataFrame:
    """Every observation of one indicator, oldest first (the versions of a figure in the order
    they became known, `current` on the last), with its unit, status and source: the table of
    `show` (SHOW_COLUMNS)."""
    return show_detail(ds, indicator_id)[list(SHOW_COLUMNS)]
