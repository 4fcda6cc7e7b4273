"""The chart for a terminal: the series on a grid of characters that fits the width, years
along the bottom, each target as a horizontal line, then a legend and the sources.

Drawn with Rich Text, so colours follow the console (NO_COLOR, a pipe); the marks differ by
shape as well as colour, so nothing depends on colour alone.
"""

from __future__ import annotations

import itertools
import math

from rich.console import Group, RenderableType
from rich.text import Text

from rarecli.chart.content import ChartContent, Point, TargetMark, axis_number, source_line
from rarecli.render.cells import number, safe
from rarecli.vocabulary import STATUS_LABELS, period

MARKS = {"reported": "●", "lower_bound": "▲"}
HOLLOW = "○"  # derived, estimated, assumed year: any other status
YTD_MARK = "◆"
EARLIER_MARK = "◌"  # an earlier version of a figure: a forecast beside its outcome
TARGET_MARK = "★"
FADED = "dim"  # a restated target, and earlier versions
LINE = "·"
TARGET_LINE = "─"
SERIES_STYLE = "cyan"
MIN_PLOT = 12


def mark(status: str) -> str:
    return MARKS.get(status, HOLLOW)


def _target_style(target: TargetMark) -> str:
    if target.superseded_by:
        return FADED
    return STATUS_LABELS.get(target.status, (target.status, ""))[1]


def text_chart(content: ChartContent, width: int) -> RenderableType:
    """The chart in at most `width` columns (never less than a narrow terminal's 20)."""
    width = max(width, 20)
    title = Text(safe(content.name), style="bold")
    title.append(f"  {safe(content.scope)} · {safe(content.unit)}", style="dim")
    if content.known_at:
        title.append(f" · as known on {content.known_at}", style="dim")
    lines: list[Text] = [title]
    if content.is_empty:
        lines.append(Text("No figure or target in the dataset yet.", style="yellow"))
        return Group(*lines)
    lines += _grid(content, width)
    if not content.points and not content.year_to_date:
        lines.append(Text("No figure in the dataset yet.", style="yellow"))
    lines += _legend(content, width)
    # Rich wraps these by cell width: Chinese characters take two columns each.
    lines += [Text(safe(note), style="dim") for note in content.notes]
    lines.append(Text(safe(source_line(content.sources)), style="dim"))
    return Group(*lines)


def _ticks(low: float, high: float, count: int) -> list[float]:
    """Round tick values covering low..high, about `count` of them."""
    span = high - low or abs(high) or 1.0
    raw = span / max(count - 1, 1)
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    first = math.floor(low / step) * step
    ticks: list[float] = []
    value = first
    while value <= high + step * 0.5 and len(ticks) < 50:
        ticks.append(round(value, 10))
        value += step
    return ticks


def _grid(content: ChartContent, width: int) -> list[Text]:
    values = content.values()
    low, high = min(values), max(values)
    low = min(low, 0.0)
    height = 10 if width >= 60 else 7
    ticks = _ticks(low, high, 5 if height >= 10 else 4)
    low, high = min(ticks[0], low), max(ticks[-1], high)
    labels = [axis_number(t) for t in ticks]
    gutter = max(len(label) for label in labels) + 2
    plot = max(width - gutter, MIN_PLOT)
    first, last = content.years() or (0, 0)
    if first == last:
        first, last = first - 1, last + 1

    def col(x: float) -> int:
        return round((x - first) / (last - first) * (plot - 1))

    def row(y: float) -> int:  # 0 is the top row
        span = high - low or 1.0
        return height - 1 - round((y - low) / span * (height - 1))

    cells: list[list[tuple[str, str]]] = [[(" ", "")] * plot for _ in range(height)]

    def put(r: int, c: int, char: str, style: str, over: bool = True) -> None:
        if 0 <= r < height and 0 <= c < plot and (over or cells[r][c][0] in (" ", LINE)):
            cells[r][c] = (char, style)

    for t in content.current_targets:  # the target as a line, its deadline as a star
        r = row(t.value)
        for c in range(plot):
            put(r, c, TARGET_LINE, _target_style(t))
    points = content.points
    for a, b in itertools.pairwise(points):
        ca, cb = col(a.x), col(b.x)
        for c in range(ca + 1, cb):
            y = a.value + (b.value - a.value) * (c - ca) / (cb - ca)
            put(row(y), c, LINE, SERIES_STYLE, over=False)
    for t in content.targets:
        if t.deadline is not None:
            put(row(t.value), col(t.deadline), TARGET_MARK, _target_style(t), not t.superseded_by)
    for p in content.earlier:
        put(row(p.value), col(p.x), EARLIER_MARK, FADED)
    for p in content.year_to_date:
        put(row(p.value), col(p.x), YTD_MARK, "magenta")
    for p in points:
        put(row(p.value), col(p.x), mark(p.status), SERIES_STYLE)

    tick_rows = {row(t): label for t, label in zip(ticks, labels, strict=True)}
    out: list[Text] = []
    for r in range(height):
        line = Text(f"{tick_rows.get(r, ''):>{gutter - 2}} ┤", style="dim")
        for char, style in cells[r]:
            line.append(char, style=style)
        out.append(line)
    out.append(Text(" " * (gutter - 1) + "└" + "─" * plot, style="dim"))
    out.append(_years_axis(first, last, gutter, plot, col))
    return out


def _years_axis(first: float, last: float, gutter: int, plot: int, col: object) -> Text:
    """Whole years under the grid: every year if they fit, else every 2nd, 5th, 10th...
    year (multiples of the step), at least a label's width plus one apart."""
    assert callable(col)
    axis = [" "] * (gutter + plot + 4)
    per_year = (plot - 1) / max(last - first, 1)
    step = next((s for s in (1, 2, 5, 10, 20, 25, 50, 100) if s * per_year >= 6), 100)
    start_year = math.ceil(first / step) * step
    for year in range(int(start_year), int(last) + 1, step):
        start = gutter + col(year) - 2
        start = min(max(start, gutter), gutter + plot - 4)
        if all(ch == " " for ch in axis[max(start - 1, 0) : start + 5]):
            axis[start : start + 4] = str(year)
    return Text("".join(axis).rstrip(), style="dim")


def _legend(content: ChartContent, width: int) -> list[Text]:
    items: list[Text] = []
    for status in content.statuses:
        items.append(Text(f"{mark(status)} {status.replace('_', ' ')}", style=SERIES_STYLE))
    for p in content.year_to_date:
        items.append(Text(f"{YTD_MARK} {period(p.year, p.months)}: {p.label}", "magenta"))
    early = [str(p.year) for p in content.points if p.early]
    if early:
        items.append(Text(f"early (published before the year ended): {', '.join(early)}", "yellow"))
    for p in content.earlier:
        items.append(Text(f"{EARLIER_MARK} {p.year}: {p.earlier_label}", style=FADED))
    for t in content.targets:
        shape = TARGET_MARK if t.deadline is not None or t.superseded_by else TARGET_LINE
        items.append(Text(f"{shape} {t.label}", style=_target_style(t)))
    for t in content.targets:
        if t.projected:
            end = t.projected.ys[-1]
            items.append(Text(f"projected {number(end, 0)} by {t.deadline}", style="dim"))
    lines: list[Text] = []
    current = Text()
    for item in items:
        if current.cell_len and current.cell_len + 3 + item.cell_len > width:
            lines.append(current)
            current = Text()
        if current.cell_len:
            current.append("   ")
        current.append_text(item)
    if current.cell_len:
        lines.append(current)
    return lines


def figures_line(points: tuple[Point, ...]) -> str:
    """'2016: 15 · 2018: 17.6 · ...': the figures in words, for a caption."""
    return " · ".join(f"{period(p.year, p.months)}: {p.label}" for p in points)
