"""Model -> tidy pandas frames, one per table of the format, with integer years."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from itertools import repeat
from operator import itemgetter
from typing import Any

import numpy as np
import pandas as pd

from rarecli import history
from rarecli.model import Dataset, Observation


def _joined(ids: tuple[str, ...]) -> str | None:
    return ";".join(ids) if ids else None


def flag_column(
    statuses: Sequence[pd.Series],
    secondary: Sequence[pd.Series] = (),
    *extra: tuple[pd.Series, str],
) -> pd.Series:
    """Per row, the flags of some figures, ';'-joined, without repeats, None where there is none:
    their statuses other than 'reported' (in the order given), then 'secondary' where any of
    them has only aggregators as sources, then each `extra` flag whose mask is True."""
    index = statuses[0].index
    columns = [s.tolist() for s in statuses]
    second = [bool(any(row)) for row in zip(*(s.tolist() for s in secondary), strict=True)]
    masks = [(m.tolist(), flag) for m, flag in extra]
    flags = []
    for i, row in enumerate(zip(*columns, strict=True)):
        kept = [s for s in row if isinstance(s, str) and s != "reported"]
        if second and second[i]:
            kept.append("secondary")
        kept += [flag for mask, flag in masks if mask[i]]
        flags.append(";".join(dict.fromkeys(kept)) or None)
    return pd.Series(flags, index=index, dtype="object")


def is_secondary(source: str, corroborated_by: Iterable[str], aggregators: set[str]) -> bool:
    """Whether every source of a figure, its own and each corroborating one, is an aggregator:
    the flag `secondary` (the original was not found)."""
    return source in aggregators and aggregators.issuperset(corroborated_by)


def indicators(ds: Dataset) -> pd.DataFrame:
    """One row per indicator, in file order."""
    return pd.DataFrame(
        {
            "indicator_id": [i.id for i in ds.indicators],
            "indicator": [i.name for i in ds.indicators],
            "category": [i.category for i in ds.indicators],
            "unit": [i.unit for i in ds.indicators],
            "scope": [i.scope for i in ds.indicators],
            "description": [i.description for i in ds.indicators],
        },
        columns=["indicator_id", "indicator", "category", "unit", "scope", "description"],
    )


def observations(ds: Dataset, evidence: bool = True) -> pd.DataFrame:
    """One row per observation, sorted by indicator (file order) then year.

    Columns: indicator_id, year, months (12 for a full year), value, status, source_id,
    source_type (of source_id), corroborated_by (';'-joined), secondary (True where every source
    of the figure is an aggregator), early (known before its period ended), current (the last
    version of its figure), and with `evidence` also quote, note, published (the figure's own
    date) and known (its known date as written), which the analyses do not need.
    """
    every = [o for i in ds.indicators for o in i.observations]

    def column(name: str) -> list[Any]:  # C-speed column extraction from the tuples
        return list(map(itemgetter(Observation._fields.index(name)), every))

    corroborated = column("corroborated_by")
    source_ids = column("source")
    types = {s.id: s.type for s in ds.sources}
    aggregators = {s.id for s in ds.sources if s.type == "aggregator"}
    indicator_ids = [i.id for i in ds.indicators for _ in i.observations]
    years = np.array(column("year"), dtype=np.int64)
    months = np.array(column("months"), dtype=np.int64)
    frame: dict[str, Any] = {
        "indicator_id": indicator_ids,
        "year": years,
        "months": months,
        "value": np.array(column("value"), dtype=np.float64),
        "status": column("status"),
        "source_id": source_ids,
        "source_type": [types[s] for s in source_ids],
        "corroborated_by": (
            [_joined(c) for c in corroborated] if any(corroborated) else [None] * len(corroborated)
        ),
        "secondary": np.array(
            list(map(is_secondary, source_ids, corroborated, repeat(aggregators)))
            if aggregators
            else np.zeros(len(every), dtype=bool),
            dtype=bool,
        ),
    }
    published = column("published")
    dating = history.Dating(ds)
    known = [p or dating.source_published[s] for p, s in zip(published, source_ids, strict=True)]
    frame["early"] = _early(known, years, months, dating)
    frame["current"] = _current(indicator_ids, years, months)
    if evidence:
        frame["quote"], frame["note"] = column("quote"), column("note")
        frame["published"], frame["known"] = published, known
    return pd.DataFrame(frame)


def _early(
    known: list[str | None], years: np.ndarray, months: np.ndarray, dating: history.Dating
) -> np.ndarray:
    """Per figure, whether its known date is before the end of its period."""
    if not any(known):
        return np.zeros(len(known), dtype=bool)
    ordinals = {
        written: (day or dt.date.max).toordinal()
        for written in set(known)
        for day in (dating.day(written),)
    }
    known_days = np.fromiter((ordinals[k] for k in known), dtype=np.int64, count=len(known))
    ends = {
        (y, m): history.period_end(y, m).toordinal()
        for y, m in set(zip(years.tolist(), months.tolist(), strict=True))
    }
    period_ends = np.fromiter(
        (ends[p] for p in zip(years.tolist(), months.tolist(), strict=True)),
        dtype=np.int64,
        count=len(known),
    )
    early: np.ndarray = known_days < period_ends  # an undated figure counts as known last
    return early


def _current(indicator_ids: list[str], years: np.ndarray, months: np.ndarray) -> np.ndarray:
    """Per figure, whether it is the last version of its (indicator, year, months): the loader
    sorts the versions of one figure by known date, next to each other."""
    count = len(indicator_ids)
    if count == 0:
        return np.zeros(0, dtype=bool)
    codes = pd.factorize(pd.Series(indicator_ids, dtype="object"), sort=False)[0]
    same_as_next = (
        (codes[:-1] == codes[1:]) & (years[:-1] == years[1:]) & (months[:-1] == months[1:])
    )
    return np.append(~same_as_next, True)


def targets(ds: Dataset) -> pd.DataFrame:
    """One row per target, in file order; missing years are <NA> in Int64 columns."""
    ts = ds.targets
    return pd.DataFrame(
        {
            "target_id": [t.id for t in ts],
            "indicator_id": [t.indicator for t in ts],
            "direction": [t.direction for t in ts],
            "target_value": pd.array([t.value for t in ts], dtype="float64"),
            "deadline": pd.array([t.deadline for t in ts], dtype="Int64"),
            "baseline_year": pd.array([t.baseline_year for t in ts], dtype="Int64"),
            "set_in": pd.array([t.set_in for t in ts], dtype="Int64"),
            "supersedes": pd.Series([t.supersedes for t in ts], dtype="object"),
            "source_id": [t.source for t in ts],
            "quote": [t.quote for t in ts],
            "note": [t.note for t in ts],
        }
    )


def enterprises(ds: Dataset) -> pd.DataFrame:
    """One row per enterprise, in file order."""
    es = ds.enterprises
    return pd.DataFrame(
        {
            "enterprise_id": [e.id for e in es],
            "name": [e.name for e in es],
            "name_zh": [e.name_zh for e in es],
            "kind": [e.kind for e in es],
            "segment": [e.segment for e in es],
            "distinction": [e.distinction for e in es],
            "sources": [_joined(e.sources) for e in es],
            "note": [e.note for e in es],
        }
    )


def sources(ds: Dataset) -> pd.DataFrame:
    """One row per source, in file order."""
    ss = ds.sources
    return pd.DataFrame(
        {
            "source_id": [s.id for s in ss],
            "title": [s.title for s in ss],
            "publisher": [s.publisher for s in ss],
            "published": [s.published for s in ss],
            "url": [s.url for s in ss],
            "type": [s.type for s in ss],
            "language": [s.language for s in ss],
            "note": [s.note for s in ss],
        }
    )
