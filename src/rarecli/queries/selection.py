"""What a query's -c, -i and ID arguments name, checked against the dataset (a UsageError with
the nearest name for a typo)."""

from __future__ import annotations

from collections.abc import Iterable

from rarecli._suggest import check_choice
from rarecli.model import Dataset, Indicator


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
