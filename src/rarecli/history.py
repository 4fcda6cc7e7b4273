"""Evidence in time: when each figure and target became known, its versions, and the ledger as
a reader knew it on a given day (see README: Evidence in time).

A figure's *known date* is its own `published`, else its source's; a partial date ("2023-08",
"2024") counts at the end of that month or year, the day we can be sure it was public. The
observations of one (indicator, year, months) are that figure's history, in known-date order;
the last is the current figure. A figure known before its period ended is an early figure: a
forecast, whatever its status says.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from typing import NamedTuple, TypeVar

from rarecli.errors import UsageError
from rarecli.model import FULL_YEAR, Dataset, Indicator, Observation, Target


def known_day(published: str | None) -> dt.date | None:
    """The day a date as written is sure to be past: '2023-08' -> 2023-08-31, '2024' ->
    2024-12-31, '2022-08-18' -> itself; None for None."""
    if published is None:
        return None
    parts = published.split("-")
    year = int(parts[0])
    if len(parts) == 1:
        return dt.date(year, 12, 31)
    month = int(parts[1])
    if len(parts) == 2:
        return dt.date(year, month, calendar.monthrange(year, month)[1])
    return dt.date(year, month, int(parts[2]))


def period_end(year: int, months: int = FULL_YEAR) -> dt.date:
    """The last day of the period January to `months` of `year`."""
    return dt.date(year, months, calendar.monthrange(year, months)[1])


def parse_known_at(text: str) -> dt.date:
    """A --known-at value: YYYY-MM-DD, YYYY-MM or YYYY, read as the end of that month or year."""
    value = text.strip()
    parts = value.split("-")
    shapes_ok = (
        1 <= len(parts) <= 3
        and len(parts[0]) == 4
        and all(p.isdigit() and p.isascii() for p in parts)
        and all(len(p) == 2 for p in parts[1:])
    )
    try:
        if shapes_ok:
            day = known_day(value)
            if day is not None:
                return day
    except ValueError:
        pass
    raise UsageError(
        f"{text!r} is not a date",
        "write YYYY-MM-DD, or YYYY-MM / YYYY for the end of that month or year",
        "known_at",
    )


class Dating:
    """The known dates of a dataset's figures and targets, from their sources' dates."""

    def __init__(self, ds: Dataset) -> None:
        self.source_published = {s.id: s.published for s in ds.sources}
        self._days: dict[str | None, dt.date | None] = {}

    def day(self, written: str | None) -> dt.date | None:
        """known_day, memoised: a ledger repeats few dates many times."""
        try:
            return self._days[written]
        except KeyError:
            day = self._days[written] = known_day(written)
            return day

    def observation_written(self, obs: Observation) -> str | None:
        """The known date of a figure as written ('2023-08', '2022-08-18'); None if undated."""
        return obs.published or self.source_published.get(obs.source)

    def observation(self, obs: Observation) -> dt.date | None:
        return self.day(obs.published or self.source_published.get(obs.source))

    def target_written(self, target: Target) -> str | None:
        """A target's known date as written: its own or its source's date, else its set_in
        year ('2021'); None if undated."""
        written = target.published or self.source_published.get(target.source)
        if written is None and target.set_in is not None:
            return str(target.set_in)
        return written

    def target(self, target: Target) -> dt.date | None:
        return self.day(self.target_written(target))

    def early(self, obs: Observation) -> bool:
        """Whether the figure was known before its period ended: a forecast, not an outcome."""
        day = self.observation(obs)
        return day is not None and day < period_end(obs.year, obs.months)


def _histories(observations: tuple[Observation, ...]) -> Iterator[list[Observation]]:
    """The observations of one indicator grouped by (year, months), in the order given (the
    loader sorts them by period, then known date)."""
    group: list[Observation] = []
    for obs in observations:
        if group and (obs.year, obs.months) != (group[-1].year, group[-1].months):
            yield group
            group = []
        group.append(obs)
    if group:
        yield group


def has_versions(ind: Indicator) -> bool:
    """Whether some figure of the indicator has more than one version."""
    obs = ind.observations
    return len({(o.year, o.months) for o in obs}) < len(obs)


def current(ds: Dataset) -> Dataset:
    """The dataset with only the current (last known) version of each figure: what every
    command that picks one figure per period uses. The dataset itself when it has no history."""
    if not any(has_versions(i) for i in ds.indicators):
        return ds
    return ds._replace(
        indicators=tuple(
            i._replace(observations=tuple(h[-1] for h in _histories(i.observations)))
            if has_versions(i)
            else i
            for i in ds.indicators
        )
    )


def current_flags(ind: Indicator) -> list[bool]:
    """Per observation of the indicator, whether it is the current version of its figure."""
    flags: list[bool] = []
    for history in _histories(ind.observations):
        flags += [False] * (len(history) - 1) + [True]
    return flags


def version_numbers(ind: Indicator) -> list[int]:
    """Per observation of the indicator, its version: 1, 2, ... in known-date order within its
    figure's history."""
    numbers: list[int] = []
    for history in _histories(ind.observations):
        numbers += range(1, len(history) + 1)
    return numbers


def superseded_ids(ds: Dataset) -> dict[str, str]:
    """target id -> the id of the target that restates it, for the targets of `ds`."""
    ids = {t.id for t in ds.targets}
    return {t.supersedes: t.id for t in ds.targets if t.supersedes in ids and t.supersedes}


def current_targets(ds: Dataset) -> Dataset:
    """The dataset without its superseded targets."""
    gone = superseded_ids(ds)
    if not gone:
        return ds
    return ds._replace(targets=tuple(t for t in ds.targets if t.id not in gone))


class KnownAt(NamedTuple):
    """The ledger as a reader knew it on `day`: what was known by then, and what was left out
    for want of a date."""

    dataset: Dataset
    day: dt.date
    undated_figures: int
    undated_targets: int


def known_at(ds: Dataset, day: dt.date) -> KnownAt:
    """Every figure and target known by `day`; undated ones are left out and counted."""
    dating = Dating(ds)
    undated_figures = 0
    indicators: list[Indicator] = []
    for ind in ds.indicators:
        kept, undated = _known_by(ind.observations, dating.observation, day)
        undated_figures += undated
        indicators.append(
            ind if len(kept) == len(ind.observations) else ind._replace(observations=kept)
        )
    targets, undated_targets = _known_by(ds.targets, dating.target, day)
    view = ds._replace(indicators=tuple(indicators), targets=targets)
    return KnownAt(view, day, undated_figures, undated_targets)


Item = TypeVar("Item", Observation, Target)


def _known_by(
    items: Iterable[Item], known: Callable[[Item], dt.date | None], day: dt.date
) -> tuple[tuple[Item, ...], int]:
    """The items known by `day`, and how many have no known date at all."""
    kept: list[Item] = []
    undated = 0
    for item in items:
        when = known(item)
        if when is None:
            undated += 1
        elif when <= day:
            kept.append(item)
    return tuple(kept), undated


def left_out_note(view: KnownAt) -> str | None:
    """The footnote of a --known-at view that left undated figures or targets out."""
    parts = []
    if view.undated_figures:
        s = "s" if view.undated_figures != 1 else ""
        parts.append(f"{view.undated_figures} undated figure{s}")
    if view.undated_targets:
        s = "s" if view.undated_targets != 1 else ""
        parts.append(f"{view.undated_targets} undated target{s}")
    if not parts:
        return None
    return f"left out as of {view.day.isoformat()}: {' and '.join(parts)} (no published date)"
