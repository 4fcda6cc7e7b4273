"""Which sources a listing's figures cite, for a workbook's Sources sheet."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from rarecli.model import FULL_YEAR
from rarecli.render.cells import is_missing
from rarecli.vocabulary import in_dataset_order

if TYPE_CHECKING:
    from rarecli.model import Dataset


def figure_sources(
    ds: Dataset, figures: Iterable[tuple[Any, Any]], months: int = FULL_YEAR
) -> tuple[str, ...]:
    """Ids of the sources of the given (indicator_id, year) figures of January to `months`,
    corroborating ones included, in dataset order."""
    wanted: dict[str, set[tuple[int, int]]] = {}
    for indicator_id, year in figures:
        if isinstance(indicator_id, str) and not is_missing(year):
            wanted.setdefault(indicator_id, set()).add((int(year), months))
    ids: set[str] = set()
    for indicator in ds.indicators:
        periods = wanted.get(indicator.id)
        if periods:
            for o in indicator.observations:
                if (o.year, o.months) in periods:
                    ids.add(o.source)
                    ids.update(o.corroborated_by)
    return in_dataset_order(ds, ids)
