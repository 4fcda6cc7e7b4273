"""What a chart of one indicator shows, independent of how it is drawn.

Full-year figures form the series; year-to-date figures (`months` < 12) are kept apart. Each
target carries the two paths of the SDG progress method, from the numbers of
`queries.targets.progress_detail`: the projected path from the latest figure to the deadline at
the observed rate `r_obs` (ending at `projected_value`), and the required path from the baseline
to the target at the required rate `r_req`.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, NamedTuple

from rarecli.model import FULL_YEAR, RATE_UNIT
from rarecli.render.cells import is_missing, number
from rarecli.vocabulary import (
    DEADLINE_PASSED_LABEL,
    FLAG_NOTES,
    STATUS_LABELS,
    bound_mark,
    goal_text,
)

if TYPE_CHECKING:
    import pandas as pd

    from rarecli.model import Dataset, Source

DEADLINE_PASSED = "deadline_passed"  # a target flag: the outcome is not in the data yet
PATH_STEPS = 24  # points along a compound-growth path: smooth at any chart size


HUGE, TINY = 1e12, 1e-6  # beyond these a number is written in scientific notation


def axis_number(value: float, digits: int = 3) -> str:
    """A number for a chart: thousands separators, a minus sign; a huge or tiny one in
    scientific notation with `digits` significant digits, so a label never runs off the chart."""
    x = float(value)
    if not math.isfinite(x):
        return ""
    scientific = x != 0 and not TINY <= abs(x) < HUGE
    text = f"{x:.{digits}g}" if scientific else number(round(x, 10))
    return text.replace("-", "−", 1)


class Point(NamedTuple):
    """One figure of the indicator: `early` if it was known before its period ended (a
    forecast), `known` its known date as written."""

    year: int
    months: int
    value: float
    status: str
    source_id: str
    secondary: bool
    early: bool = False
    known: str | None = None

    @property
    def x(self) -> float:
        """Where the figure sits on a time axis whose ticks are the ends of whole years: a
        full-year figure at its year, January to June 2022 at 2021.5 (the end of its period)."""
        return self.year if self.months >= FULL_YEAR else self.year - 1 + self.months / FULL_YEAR

    @property
    def label(self) -> str:
        """The value as people read it: '≥ 100' for a lower bound."""
        text = axis_number(self.value, 6)
        return bound_mark(self.status) + text

    @property
    def earlier_label(self) -> str:
        """What the chart writes beside an earlier version of a figure: 'forecast 60
        (published 2022-08-18)', or 'earlier figure 60 (published 2021)'."""
        what = "forecast" if self.early else "earlier figure"
        when = f" (published {self.known})" if self.known else ""
        return f"{what} {self.label}{when}"


class Path(NamedTuple):
    """A line through (x, y) points."""

    xs: tuple[float, ...]
    ys: tuple[float, ...]


class TargetMark(NamedTuple):
    """One target: where it sits, what it says, how it is assessed, and its two paths."""

    target_id: str
    deadline: int | None
    value: float
    direction: str
    status: str
    flags: tuple[str, ...]
    projected: Path | None
    required: Path | None
    set_in: int | None = None  # the year it was announced: places an undated target in time
    superseded_by: str | None = None  # the target that restates it: drawn faded, no paths

    @property
    def goal(self) -> str:
        """'≥ 100 by 2025', or '≥ 2 (no deadline)'."""
        return goal_text(self.direction, self.value, self.deadline, None)

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, (self.status, ""))[0]

    @property
    def verdict(self) -> str:
        """The status in the terminal's words, and that the deadline passed without an outcome
        where it did; empty for a pending target (no deadline, not met: its goal says so)."""
        if self.deadline is None and self.status == "pending":
            return ""
        late = f" ({DEADLINE_PASSED_LABEL})" if DEADLINE_PASSED in self.flags else ""
        return self.status_label + late

    @property
    def label(self) -> str:
        """What the chart writes beside the target: 'Target ≥ 100 by 2025: On track', or for a
        superseded one 'Earlier target ≥ 100 by 2025 (restated)'."""
        if self.superseded_by:
            return f"Earlier target {self.goal} (restated)"
        verdict = self.verdict
        return f"Target {self.goal}" + (f": {verdict}" if verdict else "")

    @property
    def short_label(self) -> str:
        """The label without the late remark, for a small chart (its footnote explains)."""
        if self.superseded_by:
            return self.label
        verdict = self.verdict.split(" (", 1)[0]
        return f"Target {self.goal}" + (f": {verdict}" if verdict else "")


class ChartContent(NamedTuple):
    """Everything one chart shows. Texts are the dataset's own; renderers choose fallbacks."""

    indicator_id: str
    name: str
    scope: str  # the enterprise's name, else the dataset's region
    scope_id: str | None  # the enterprise id, a fallback for a name that cannot be drawn
    unit: str
    points: tuple[Point, ...]  # full-year figures (current versions), oldest first
    year_to_date: tuple[Point, ...]
    targets: tuple[TargetMark, ...]
    sources: tuple[Source, ...]  # every source of the figures and targets, in dataset order
    dataset: str
    # earlier full-year versions whose value differs from the current one (a forecast beside
    # its outcome), oldest first
    earlier: tuple[Point, ...] = ()
    known_at: str | None = None  # the --known-at day the chart stands on

    @property
    def is_empty(self) -> bool:
        return not (self.points or self.year_to_date or self.targets)

    @property
    def current_targets(self) -> tuple[TargetMark, ...]:
        return tuple(t for t in self.targets if not t.superseded_by)

    @property
    def statuses(self) -> tuple[str, ...]:
        """The statuses of the figures, in the order of the footnotes, reported first."""
        seen = {p.status for p in (*self.points, *self.year_to_date)}
        return tuple(s for s in ("reported", *FLAG_NOTES) if s in seen) + tuple(
            sorted(seen - {"reported", *FLAG_NOTES})
        )

    @property
    def notes(self) -> tuple[str, ...]:
        """The footnotes of the flags the chart shows, in the terminal's words."""
        flags = {s for s in self.statuses if s != "reported"}
        shown = (*self.points, *self.year_to_date)
        if any(p.secondary for p in shown):
            flags.add("secondary")
        if any(p.early for p in (*shown, *self.earlier)):
            flags.add("early")
        flags.update(f for t in self.targets for f in t.flags)
        return tuple(FLAG_NOTES[f] for f in FLAG_NOTES if f in flags)

    @property
    def axis_label(self) -> str:
        return "percent" if self.unit == RATE_UNIT else self.unit

    def years(self) -> tuple[float, float] | None:
        """The span of time the chart covers (figures, target deadlines, paths), or None."""
        xs = [p.x for p in (*self.points, *self.year_to_date, *self.earlier)]
        xs += [t.deadline for t in self.targets if t.deadline is not None]
        for t in self.targets:
            for path in (t.projected, t.required):
                xs += list(path.xs) if path else []
        if not xs:  # undated targets only: the years they were announced
            xs = [t.set_in for t in self.targets if t.set_in is not None]
        return (math.floor(min(xs)), math.ceil(max(xs))) if xs else None

    def span_problem(self) -> str | None:
        """Why one linear axis cannot hold every value the chart draws (twice their span, the
        axis with its margins, passes the range of a float: 1e20 beside -1.7e308), else
        None."""
        values = self.values()
        if values and not math.isfinite((max(values) - min(values)) * 2):
            low, high = axis_number(min(values)), axis_number(max(values))
            return f"its values run from {low} to {high}, too far apart for one axis"
        return None

    def values(self) -> list[float]:
        """Every value the chart draws, for the y range."""
        ys = [p.value for p in (*self.points, *self.year_to_date, *self.earlier)]
        ys += [t.value for t in self.targets]
        for t in self.targets:
            for path in (t.projected, t.required):
                ys += list(path.ys) if path else []
        return [y for y in ys if math.isfinite(y)]


def source_line(sources: Iterable[Source], drawable: Callable[[str], bool] = lambda _: True) -> str:
    """'Source: publisher (date); ...', each publisher in a form that can be drawn: as given,
    else its parenthesised English part ('包头市融媒体中心 (Baotou media centre)'), else the
    source id."""
    parts = []
    for s in sources:
        name = readable(s.publisher, s.id, drawable)
        parts.append(f"{name} ({s.published})" if s.published else name)
    if not parts:
        return ""
    return ("Source: " if len(parts) == 1 else "Sources: ") + "; ".join(parts)


def readable(text: str, fallback: str, drawable: Callable[[str], bool]) -> str:
    """`text` if it can be drawn, else its last parenthesised part if that can, else
    `fallback` (an id: ASCII by the format's rules)."""
    if drawable(text):
        return text
    if text.endswith(")") and "(" in text:
        inner = text[text.rindex("(") + 1 : -1].strip()
        if inner and drawable(inner):
            return inner
    return fallback


def _path(start: float, base: float, rate: float, end: float, compound: bool) -> Path | None:
    """From (start, base) to `end` at `rate` a year: compound, or linear (SDG method)."""
    if not (math.isfinite(start) and math.isfinite(end) and math.isfinite(rate)) or end <= start:
        return None
    steps = PATH_STEPS if compound else 1
    xs = [start + (end - start) * k / steps for k in range(steps + 1)]
    if compound:
        ys = [base * (1 + rate) ** (x - start) for x in xs]
    else:
        ys = [base + rate * (x - start) for x in xs]
    return Path(tuple(xs), tuple(ys))


def _float(value: Any) -> float:
    return math.nan if is_missing(value) else float(value)


def _mark(row: Any) -> TargetMark:
    """A target from a row of progress_detail."""
    deadline = None if is_missing(row.deadline) else int(row.deadline)
    b, big_b = _float(row.baseline_year), _float(row.baseline_value)
    a, big_a = _float(row.latest_year), _float(row.latest_value)
    big_t = float(row.target_value)
    # progress_detail's rule: compound rates where A, B and T are all positive, else linear.
    compound = big_a > 0 and big_b > 0 and big_t > 0
    end = math.nan if deadline is None else float(deadline)
    projected = None
    if not is_missing(row.projected_value) and row.status not in ("achieved", "missed"):
        projected = _path(a, big_a, _float(row.r_obs), end, compound)
    required = _path(b, big_b, _float(row.r_req), end, compound)
    flags = tuple(row.flags.split(";")) if isinstance(row.flags, str) else ()
    set_in = None if is_missing(row.set_in) else int(row.set_in)
    superseded_by = row.superseded_by if isinstance(row.superseded_by, str) else None
    if superseded_by:
        projected = required = None  # a restated target: where it stood, not where it leads
    return TargetMark(
        row.target_id,
        deadline,
        big_t,
        row.direction,
        row.status,
        flags,
        projected,
        required,
        set_in,
        superseded_by,
    )


def chart_content(
    ds: Dataset,
    indicator_id: str,
    observations: pd.DataFrame | None = None,
    progress: pd.DataFrame | None = None,
    known_at: dt.date | None = None,
) -> ChartContent:
    """The chart of one indicator: its current figures, the earlier versions that said
    something else, its current targets and, faded, the ones they restate. `ds` is the ledger
    as known on `known_at` if given (the day the targets are judged on). `observations`
    (frames.observations with evidence) and `progress` (progress_detail with superseded
    targets) may be passed in when several charts are drawn from one dataset; an unknown id is
    a UsageError naming the nearest."""
    from rarecli import frames
    from rarecli.queries.selection import find_indicator
    from rarecli.queries.targets import progress_detail

    indicator = find_indicator(ds, indicator_id)
    if observations is None:
        observations = frames.observations(ds)
    if progress is None:
        progress = progress_detail(
            ds, indicators=[indicator.id], known_at=known_at, superseded=True
        )
    obs = observations[observations["indicator_id"] == indicator.id]
    obs = obs.sort_values(["year", "months"], kind="stable")  # versions stay in known order
    rows: list[Any] = list(obs.itertuples(index=False))
    every = [
        (
            Point(
                int(r.year),
                int(r.months),
                float(r.value),
                r.status,
                r.source_id,
                bool(r.secondary),
                bool(r.early),
                r.known if isinstance(r.known, str) else None,
            ),
            bool(r.current),
        )
        for r in rows
    ]
    points = [p for p, current in every if current]
    now = {(p.year, p.months): p.value for p in points}
    earlier = tuple(
        p
        for p, current in every
        if not current and p.months >= FULL_YEAR and p.value != now[(p.year, p.months)]
    )
    mine = progress[progress["indicator_id"] == indicator.id]
    marks = tuple(_mark(row) for row in mine.itertuples(index=False))

    cited = {p.source_id for p in (*points, *earlier)} | set(mine["source_id"])
    for joined in obs["corroborated_by"]:
        cited |= set(joined.split(";")) if isinstance(joined, str) else set()
    enterprise = {e.id: e for e in ds.enterprises}.get(indicator.scope or "")
    return ChartContent(
        indicator_id=indicator.id,
        name=indicator.name,
        scope=enterprise.name if enterprise else (indicator.scope or ds.info.region),
        scope_id=indicator.scope,
        unit=indicator.unit,
        points=tuple(p for p in points if p.months >= FULL_YEAR),
        year_to_date=tuple(p for p in points if p.months < FULL_YEAR),
        targets=marks,
        sources=tuple(s for s in ds.sources if s.id in cited),
        dataset=ds.info.title,
        earlier=earlier,
        known_at=known_at.isoformat() if known_at else None,
    )


def chartable(ds: Dataset) -> list[str]:
    """Ids of the indicators worth a chart in the report: two or more figures, or a target."""
    with_target = {t.indicator for t in ds.targets}
    return [i.id for i in ds.indicators if len(i.observations) >= 2 or i.id in with_target]
