"""What the brief says, section by section, with every figure tied to a numbered citation.

Citations are numbered by source, in the order the brief first cites them; each source lists
the figures it backs with their verbatim quotes, and each figure links to its own quote.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, NamedTuple

from rarecli import clock, history
from rarecli.chart.content import ChartContent, chart_content, chartable
from rarecli.frames import is_secondary
from rarecli.model import FULL_YEAR, RATE_UNIT
from rarecli.queries.observations import figure_flags
from rarecli.render.cells import is_missing, number, signed
from rarecli.render.colours import Swatch, status_swatch
from rarecli.vocabulary import (
    BOUND_SIGNS,
    METHOD_NOTE,
    STATUS_LABELS,
    bound_mark,
    flag_notes,
    goal_text,
    period,
    unit_suffix,
)

if TYPE_CHECKING:
    import pandas as pd

    from rarecli.history import KnownAt
    from rarecli.model import Dataset, Observation, Source, Target


class Cite(NamedTuple):
    """A reference from a figure to its source's entry: [number], and the quote's anchor."""

    number: int
    anchor: str
    quote: str | None


class Quoted(NamedTuple):
    """One figure a source backs: what it is, and the source's words."""

    anchor: str
    what: str
    quote: str | None


class Citation(NamedTuple):
    number: int
    source: Source
    quotes: tuple[Quoted, ...]

    @property
    def link(self) -> str | None:
        """The URL, where it is one a browser can open (http or https)."""
        url = self.source.url
        return url if url and url.startswith(("http://", "https://")) else None


class Citations:
    """Numbers sources in the order they are first cited."""

    def __init__(self, ds: Dataset) -> None:
        self._sources = {s.id: s for s in ds.sources}
        self._numbers: dict[str, int] = {}
        self._quotes: dict[str, dict[tuple[str, str | None], str]] = {}

    def cite(self, source_id: str, what: str, quote: str | None) -> Cite:
        number_ = self._numbers.setdefault(source_id, len(self._numbers) + 1)
        quotes = self._quotes.setdefault(source_id, {})
        anchor = quotes.setdefault((what, quote), f"cite-{number_}-{len(quotes) + 1}")
        return Cite(number_, anchor, quote)

    def cite_all(self, source_ids: Iterable[str], what: str, quote: str | None) -> list[Cite]:
        """The figure's source (with its quote) and each corroborating source."""
        ids = list(dict.fromkeys(source_ids))
        return [self.cite(s, what, quote if k == 0 else None) for k, s in enumerate(ids)]

    def entries(self) -> list[Citation]:
        return [
            Citation(
                number_,
                self._sources[source_id],
                tuple(Quoted(a, what, q) for (what, q), a in self._quotes[source_id].items()),
            )
            for source_id, number_ in self._numbers.items()
        ]


class Figure(NamedTuple):
    """A number as the brief prints it, with its citations."""

    text: str
    cites: tuple[Cite, ...] = ()
    status: str = "reported"
    flags: tuple[str, ...] = ()  # figure_flags: its status unless reported, secondary, early


class GrowthRow(NamedTuple):
    indicator: str
    indicator_id: str
    unit: str
    start: Figure
    end: Figure
    change: str
    tone: str  # "up", "down" or "" (no change)
    change_pct: str
    cagr_pct: str
    flags: str


class TargetCard(NamedTuple):
    target_id: str
    indicator: str
    scope: str | None
    goal: Figure  # '≥ 100 CNY bn by 2025', cited to the target's source
    deadline: str
    baseline: Figure
    baseline_year: str
    latest: Figure
    latest_year: str
    progress_pct: float | None
    expected_pct: float | None
    projected: str
    ratio: str
    status: str
    status_label: str
    newer: str | None  # 'newer: Jan–Jun 2022 38.09 % (year to date)', shown beside the status
    swatch: Swatch
    flags: tuple[str, ...]

    @property
    def bar_width(self) -> float:
        """The progress bar's fill, 0..100."""
        return 0.0 if self.progress_pct is None else max(0.0, min(100.0, self.progress_pct))


class ChartBlock(NamedTuple):
    content: ChartContent
    figures: tuple[tuple[str, Figure], ...]  # (period, figure) for the caption


class Note(NamedTuple):
    about: str
    text: str
    cites: tuple[Cite, ...]


class Brief(NamedTuple):
    title: str
    region: str
    description: str | None
    date: dt.date
    years: str  # '2016–2024'
    growth_years: tuple[int | None, int | None]
    growth: tuple[GrowthRow, ...]
    growth_notes: tuple[str, ...]
    targets: tuple[TargetCard, ...]
    target_notes: tuple[str, ...]
    method: str
    charts: tuple[ChartBlock, ...]
    others: tuple[tuple[str, str, Figure], ...]  # indicator, period, figure
    other_notes: tuple[str, ...]  # what the flags of the other figures mean
    notes: tuple[Note, ...]
    citations: tuple[Citation, ...]
    dataset_file: str
    known_at: str | None = None  # the --known-at day the brief stands on, in words


class _Ledger:
    """Quick look-ups into the dataset for citing figures."""

    def __init__(self, ds: Dataset) -> None:
        self.ds = ds
        self.indicators = {i.id: i for i in ds.indicators}
        self.aggregators = {s.id for s in ds.sources if s.type == "aggregator"}
        self.dating = history.Dating(ds)
        # (indicator, year, months) -> the current version (versions are in known-date order)
        self.observations: dict[tuple[str, int, int], Observation] = {
            (i.id, o.year, o.months): o for i in ds.indicators for o in i.observations
        }

    def observation(self, indicator_id: str, year: Any) -> Observation | None:
        """The full-year observation of that year, else any of that year."""
        if is_missing(year):
            return None
        found = self.observations.get((indicator_id, int(year), FULL_YEAR))
        if found is None:
            found = next(
                (
                    o
                    for (i, y, _), o in self.observations.items()
                    if i == indicator_id and y == year
                ),
                None,
            )
        return found

    def goal(self, target: Target) -> str:
        """'≥ 100 CNY bn by 2025', or '≥ 2 bases (no deadline)'."""
        unit = self.indicators[target.indicator].unit
        return goal_text(target.direction, target.value, target.deadline, unit)

    def what(self, indicator_id: str, obs: Observation) -> str:
        ind = self.indicators[indicator_id]
        unit = unit_suffix(ind.unit)
        mark = bound_mark(obs.status)
        return f"{ind.name}, {period(obs.year, obs.months)}: {mark}{number(obs.value)}{unit}"


def _figure(
    ledger: _Ledger, cites: Citations, indicator_id: str, obs: Observation | None
) -> Figure:
    if obs is None:
        return Figure("—")
    mark = bound_mark(obs.status)
    refs = cites.cite_all(
        (obs.source, *obs.corroborated_by), ledger.what(indicator_id, obs), obs.quote
    )
    secondary = is_secondary(obs.source, obs.corroborated_by, ledger.aggregators)
    flags = tuple(figure_flags(obs.status, secondary, ledger.dating.early(obs)))
    return Figure(mark + number(obs.value), tuple(refs), obs.status, flags)


def _cited(ledger: _Ledger, cites: Citations, indicator_id: str, year: Any) -> Figure:
    """The indicator's figure of that year, cited."""
    return _figure(ledger, cites, indicator_id, ledger.observation(indicator_id, year))


def _marked(bound: str, text: str, suffix: str) -> str:
    """'≥ +32.25 %': a derived number with its bound mark and unit; empty when undefined."""
    return f"{bound}{text}{suffix}" if text else ""


def _tone(change: Any) -> str:
    if is_missing(change) or change == 0:
        return ""
    return "up" if change > 0 else "down"


def _year(value: Any) -> str:
    return "" if is_missing(value) else str(value)


def _growth(
    ds: Dataset, ledger: _Ledger, cites: Citations
) -> tuple[tuple[int | None, int | None], list[GrowthRow], list[str]]:
    from rarecli.listings.growth import growth_notes
    from rarecli.queries.growth import compare_years, resolve_years

    years = resolve_years(ds)
    detail = compare_years(ds, years)
    shown = detail[detail["complete"]]
    rows = []
    for row in shown.itertuples(index=False):
        r: Any = row
        rate = r.unit == RATE_UNIT
        bound = f"{BOUND_SIGNS[r.bound]} " if r.bound else ""
        rows.append(
            GrowthRow(
                indicator=r.indicator,
                indicator_id=r.indicator_id,
                unit=r.unit,
                start=_cited(ledger, cites, r.indicator_id, r.from_year),
                end=_cited(ledger, cites, r.indicator_id, r.to_year),
                change=_marked(bound, signed(r.change), " pp" if rate else ""),
                tone=_tone(r.change),
                change_pct=_marked(bound, signed(r.change_pct, 2), " %"),
                cagr_pct=_marked(bound, signed(r.cagr_pct, 2), " %"),
                flags=r.flags.replace(";", ", ") if isinstance(r.flags, str) else "",
            )
        )
    notes = growth_notes(detail, shown, "a figure in one of the two years.")
    return years, rows, notes


def _projected(value: Any) -> str:
    """A projection as the terminal prints it: 2 decimals at most, no trailing zeros."""
    text = number(value, 2)
    return text.rstrip("0").rstrip(".") if "." in text else text


def _optional(value: Any) -> float | None:
    return None if is_missing(value) else float(value)


def _targets(
    ds: Dataset, ledger: _Ledger, cites: Citations, progress: pd.DataFrame
) -> tuple[list[TargetCard], list[str]]:
    from rarecli.listings.targets import newer_partial_text

    by_id = {t.id: t for t in ds.targets}
    enterprises = {e.id: e.name for e in ds.enterprises}
    cards = []
    for row in progress.itertuples(index=False):
        r: Any = row
        target = by_id[r.target_id]
        goal = ledger.goal(target)
        goal_cite = cites.cite(target.source, f"Target: {r.indicator}, {goal}", target.quote)
        label, _ = STATUS_LABELS.get(r.status, (r.status, ""))
        cards.append(
            TargetCard(
                target_id=r.target_id,
                indicator=r.indicator,
                scope=enterprises.get(r.scope, r.scope) if isinstance(r.scope, str) else None,
                goal=Figure(goal, (goal_cite,)),
                deadline=_year(r.deadline),
                baseline=_cited(ledger, cites, r.indicator_id, r.baseline_year),
                baseline_year=_year(r.baseline_year),
                latest=_cited(ledger, cites, r.indicator_id, r.latest_year),
                latest_year=_year(r.latest_year),
                progress_pct=_optional(r.progress_pct),
                expected_pct=_optional(r.expected_pct),
                projected=_projected(r.projected_value),
                ratio=f"{r.ratio:.2f}" if not is_missing(r.ratio) else "",
                status=r.status,
                status_label=label,
                newer=newer_partial_text(r),
                swatch=status_swatch(r.status),
                flags=tuple(r.flags.split(";")) if isinstance(r.flags, str) else (),
            )
        )  # fmt: skip
    notes = flag_notes(progress["flags"])
    return cards, notes


def _version_words(ledger: _Ledger, obs: Observation, current: bool) -> str:
    """' (early, published 2022-08-18; an earlier version)' after a figure that is not a
    current outcome; empty for one that is."""
    words = []
    if ledger.dating.early(obs):
        words.append(f"early, published {ledger.dating.observation_written(obs)}")
    if not current:
        words.append("an earlier version")
    return f" ({'; '.join(words)})" if words else ""


def _notes(ds: Dataset, ledger: _Ledger, cites: Citations) -> list[Note]:
    """Discrepancies and notes: every note on a figure, a target or an enterprise."""
    notes = []
    for ind in ds.indicators:
        for obs, current in zip(ind.observations, history.current_flags(ind), strict=True):
            if obs.note:
                what = ledger.what(ind.id, obs) + _version_words(ledger, obs, current)
                refs = cites.cite_all((obs.source, *obs.corroborated_by), what, obs.quote)
                notes.append(Note(what, obs.note, tuple(refs)))
    for target in ds.targets:
        if target.note:
            name = ledger.indicators[target.indicator].name
            about = f"Target: {name}, {ledger.goal(target)}"
            notes.append(
                Note(about, target.note, (cites.cite(target.source, about, target.quote),))
            )
    for ent in ds.enterprises:
        if ent.note:
            refs = [cites.cite(s, ent.name, None) for s in ent.sources]
            notes.append(Note(ent.name, ent.note, tuple(refs)))
    return notes


def build_brief(ds: Dataset, today: dt.date | None = None, view: KnownAt | None = None) -> Brief:
    """Everything the brief says, with numbered citations in the order of the page. `ds` is
    `view.dataset` for a brief as known on `view.day` (the day the targets are judged on)."""
    from pathlib import Path

    from rarecli import frames
    from rarecli.listings.targets import superseded_note
    from rarecli.queries.targets import progress_detail

    known_at = view.day if view else None
    ledger, cites = _Ledger(ds), Citations(ds)
    growth_years, growth_rows, growth_notes = _growth(ds, ledger, cites)
    every_target = progress_detail(ds, today=today, known_at=known_at, superseded=True)
    progress = every_target[every_target["superseded_by"].isna()]
    cards, target_notes = _targets(ds, ledger, cites, progress)
    restated = superseded_note(ds, shown=False, where="the charts show them faded")
    if restated:
        target_notes.append(restated)

    observations = frames.observations(ds)
    charts = []
    charted = []
    for indicator_id in chartable(ds):
        content = chart_content(ds, indicator_id, observations, every_target, known_at)
        if content.span_problem() is not None:
            continue  # not drawable on one axis: its figures go to the list below
        charted.append(indicator_id)
        figures = []
        for p in (*content.points, *content.year_to_date):
            obs = ledger.observations.get((indicator_id, p.year, p.months))
            figures.append((period(p.year, p.months), _figure(ledger, cites, indicator_id, obs)))
        charts.append(ChartBlock(content, tuple(figures)))
    others = []
    for ind in history.current(ds).indicators:
        if ind.id in charted:
            continue
        for obs in ind.observations:
            unit = unit_suffix(ind.unit)
            fig = _figure(ledger, cites, ind.id, obs)
            others.append(
                (ind.name, period(obs.year, obs.months), fig._replace(text=fig.text + unit))
            )
    notes = _notes(ds, ledger, cites)

    years = sorted({o.year for i in ds.indicators for o in i.observations})
    span = "" if not years else str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}"
    return Brief(
        title=ds.info.title,
        region=ds.info.region,
        description=ds.info.description,
        date=today or clock.today(),
        years=span,
        growth_years=growth_years,
        growth=tuple(growth_rows),
        growth_notes=tuple(growth_notes),
        targets=tuple(cards),
        target_notes=tuple(target_notes),
        method=METHOD_NOTE,
        charts=tuple(charts),
        others=tuple(others),
        other_notes=tuple(flag_notes(";".join(f.flags) for _, _, f in others)),
        notes=tuple(notes),
        citations=tuple(cites.entries()),
        dataset_file=Path(ds.origin).name,
        known_at=_as_known(view),
    )


def _as_known(view: KnownAt | None) -> str | None:
    """'As known on 2022-12-31: later figures and targets hidden; left out ...'."""
    if view is None:
        return None
    from rarecli.history import left_out_note

    text = f"As known on {view.day.isoformat()}: later figures and targets hidden"
    left_out = left_out_note(view)
    return text + (f"; {left_out}" if left_out else "")
