"""The chart as an image (PNG, SVG, PDF) with matplotlib: the Agg canvas and the Figure class
only, never pyplot (no global state, no GUI backend, a lighter import).

Every setting lives in an `rc_context`, so a notebook that uses rarecli keeps its own
matplotlib settings. Dataset text is drawn literally (`text.parse_math` off: a "$" in a name
is a dollar sign) and only with glyphs the machine has: a text that needs a missing font
(Chinese, on a machine without a CJK font) is replaced by its English part or its id.
"""

from __future__ import annotations

import io
import math
import textwrap
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from typing import TYPE_CHECKING, Any, Literal

import matplotlib
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import FixedLocator, FuncFormatter, MaxNLocator

from rarecli.chart.content import ChartContent, Point, TargetMark, axis_number, readable
from rarecli.chart.content import source_line as _source_line
from rarecli.render.cells import number
from rarecli.render.colours import INK, status_swatch
from rarecli.vocabulary import period

if TYPE_CHECKING:
    from matplotlib.axes import Axes

ImageFormat = Literal["png", "svg", "pdf"]
Size = Literal["wide", "compact"]

# Inches at 100 dpi: wide is 1200 x 675 px (16:9) for an article; compact (4:3) is for the
# report, two to a row on a desktop and one on a phone, where its text must stay legible; its
# footer names the sources only (the report around it names the dataset and explains flags).
SIZES: dict[Size, tuple[float, float]] = {"wide": (12.0, 6.75), "compact": (5.6, 4.6)}
DPI = 100
PRIMARY_FONT = "DejaVu Sans"  # bundled with matplotlib: the same metrics on every machine
# Fonts with Chinese glyphs, used as fallbacks when the machine has one of them.
CJK_FONTS = (
    "Noto Sans CJK SC",
    "Noto Sans CJK JP",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "Droid Sans Fallback",
    "Microsoft YaHei",
    "SimHei",
    "PingFang SC",
    "Heiti SC",
    "AR PL UMing CN",
)
SERIES = "#2f5fa7"
YEAR_TO_DATE = "#8a4f9e"
GRID = "#e3e3e3"
MUTED = "#5c5c5c"
# A white ground behind a label, so that a line passing under it does not strike it through.
HALO = {"boxstyle": "square,pad=0.15", "facecolor": "white", "edgecolor": "none", "alpha": 0.85}
MAX_VALUE_LABELS = 12  # label every figure of a short series; a long one reads from the axis


@cache
def fonts() -> tuple[tuple[str, ...], frozenset[int]]:
    """The font families to draw with (the primary one, then any CJK fallback the machine has)
    and every code point they cover. Matplotlib's "Last Resort" font, which draws a box for a
    missing glyph, is never counted."""
    from matplotlib import font_manager

    installed = {f.name for f in font_manager.fontManager.ttflist}
    families = (PRIMARY_FONT, *(f for f in CJK_FONTS if f in installed))
    covered: set[int] = set()
    for family in families:
        path = font_manager.findfont(
            font_manager.FontProperties(family=family), fallback_to_default=False
        )
        covered.update(font_manager.get_font(path).get_charmap())
    return families, frozenset(covered)


def drawable(text: str) -> bool:
    """Whether every character of `text` has a glyph in the fonts the chart uses."""
    covered = fonts()[1]
    return all(ord(c) in covered or c.isspace() for c in text)


def source_line(content: ChartContent) -> str:
    """The footer's 'Source: publisher (date); ...', in glyphs the machine can draw."""
    return _source_line(content.sources, drawable)


def title(content: ChartContent) -> str:
    return readable(content.name, content.indicator_id, drawable)


def subtitle(content: ChartContent) -> str:
    """The scope: the enterprise's name, or the region; the day the chart stands on."""
    scope = readable(content.scope, content.scope_id or "", drawable)
    return scope + (f", as known on {content.known_at}" if content.known_at else "")


# Units of Chinese sources in English, for a machine without a CJK font.
UNIT_WORDS = {
    "亿元": "100 million CNY",
    "万元": "10,000 CNY",
    "元": "CNY",
    "万吨": "10,000 t",
    "吨": "t",
    "家": "enterprises",
    "个": "items",
    "人": "people",
    "万人": "10,000 people",
}


def axis_label(content: ChartContent) -> str:
    """The unit, in glyphs the machine can draw: a Chinese unit in English where the fonts lack
    it ("亿元" as "100 million CNY"), else a pointer to the dataset."""
    label = content.axis_label
    return readable(label, UNIT_WORDS.get(label.strip(), "unit: see the dataset"), drawable)


def dataset_line(content: ChartContent) -> str:
    name = readable(content.dataset, "rarecli dataset", drawable)
    return f"Dataset: {name} · indicator {content.indicator_id} · drawn by rarecli"


def status_name(status: str) -> str:
    """'lower_bound' -> 'Lower bound': the legend's word for a figure's status."""
    return status.replace("_", " ").capitalize()


@contextmanager
def _settings(salt: str) -> Iterator[None]:
    with (
        warnings.catch_warnings(),
        matplotlib.rc_context(
            {
                "font.family": list(fonts()[0]),
                "text.parse_math": False,
                "svg.fonttype": "none",  # SVG text stays text: searchable, selectable, small
                "svg.hashsalt": salt,  # stable ids, different for each chart of the brief
                "pdf.fonttype": 42,  # TrueType in PDF: text stays text there too
                "axes.unicode_minus": True,
                "text.color": INK,
                "axes.edgecolor": MUTED,
                "xtick.color": MUTED,
                "ytick.color": MUTED,
                "xtick.labelcolor": INK,
                "ytick.labelcolor": INK,
            }
        ),
    ):
        # Every text is drawn in glyphs the machine has (`drawable`), so matplotlib's glyph
        # and font warnings say nothing the reader can act on.
        warnings.filterwarnings("ignore", message=r"(?s).*(Glyph|font)", category=UserWarning)
        yield


def render(content: ChartContent, fmt: ImageFormat, size: Size = "wide") -> bytes:
    """The chart as PNG, SVG or PDF bytes. Reproducible: no creation date is embedded."""
    buffer = io.BytesIO()
    metadata: dict[str, Any] = {"Title": title(content)}
    if fmt == "svg":
        metadata["Date"] = None
    elif fmt == "pdf":
        metadata["CreationDate"] = None
    with _settings(f"rarecli-{content.indicator_id}"):
        figure = build(content, size)
        figure.savefig(buffer, format=fmt, dpi=DPI, metadata=metadata, facecolor="white")
    return buffer.getvalue()


def _wrap(text: str, width_pt: float, size_pt: float) -> list[str]:
    """Lines of `text` that fit `width_pt` at `size_pt` (an average glyph is ~0.56 em)."""
    if not text:
        return []
    return textwrap.wrap(text, max(20, int(width_pt / (size_pt * 0.56))))


def build(content: ChartContent, size: Size = "wide") -> Figure:
    """The matplotlib Figure of the chart (call inside the rc settings of `render`)."""
    width, height = SIZES[size]
    fig = Figure(figsize=(width, height), dpi=DPI, facecolor="white")
    FigureCanvasAgg(fig)
    w_pt, h_pt = width * 72, height * 72
    margin = 22.0
    title_size, sub_size, foot_size = (18, 12, 9.5) if size == "wide" else (13, 10.5, 8)

    fig.text(margin / w_pt, 1 - 30 / h_pt, title(content), size=title_size, weight="bold")
    fig.text(margin / w_pt, 1 - 50 / h_pt, subtitle(content), size=sub_size, color=MUTED)

    foot = _wrap(source_line(content), w_pt - 2 * margin, foot_size)
    if size == "wide":
        for note in content.notes:
            foot += _wrap(note, w_pt - 2 * margin, foot_size)
        foot += _wrap(dataset_line(content), w_pt - 2 * margin, foot_size)
    line_pt = foot_size * 1.45
    for k, line in enumerate(reversed(foot)):
        fig.text(margin / w_pt, (10 + k * line_pt) / h_pt, line, size=foot_size, color=MUTED)
    footer_pt = 10 + len(foot) * line_pt

    if content.is_empty:
        fig.text(
            0.5, 0.5, "No figure or target in the dataset yet.", ha="center", color=MUTED, size=13
        )
        return fig

    handles = _legend_handles(content)
    # Wide: the legend under the plot, each target's label in the right margin at its height
    # (as Our World in Data labels its lines), clear of the data. Compact: labels inside.
    wide = size == "wide"
    columns = 4 if wide else 2
    legend_rows = math.ceil(len(handles) / columns)
    bottom_pt = footer_pt + 34 + legend_rows * 15 + (8 if legend_rows else 0)
    right_pt = (230 if content.targets else 24) if wide else 16
    ax = fig.add_axes((0, 0, 1, 1))  # placed below, once the tick labels are known
    _draw(ax, content, labels_inside=not wide)
    # The widest y tick label, from the locator: asking the axis for its labels would build
    # every tick twice, the costliest step of a small chart.
    low, high = ax.get_ylim()
    labels = [
        _tick(v) for v in ax.yaxis.get_major_locator().tick_values(low, high) if low <= v <= high
    ]
    left_pt = 30 + 6.8 * max((len(label) for label in labels), default=4)
    top_pt = 72
    ax.set_position(
        (
            left_pt / w_pt,
            bottom_pt / h_pt,
            1 - (left_pt + right_pt) / w_pt,
            1 - (bottom_pt + top_pt) / h_pt,
        )
    )
    if wide:
        _label_targets_in_margin(ax, content.targets, (1 - (bottom_pt + top_pt) / h_pt) * h_pt)
    fig.legend(
        handles=handles,
        loc="lower left",
        ncols=columns,
        bbox_to_anchor=(margin / w_pt, (footer_pt + 4) / h_pt),
        frameon=False,
        fontsize=10 if wide else 8.5,
        borderaxespad=0,
        columnspacing=1.6 if wide else 1.2,
        handletextpad=0.4,
    )
    return fig


def _marker(status: str) -> dict[str, Any]:
    """Filled circle: reported; upward triangle: lower bound; hollow circle: any other status
    (derived, estimated, an assumed year)."""
    if status == "reported":
        return {"marker": "o", "markersize": 8, "markerfacecolor": SERIES}
    if status == "lower_bound":
        return {"marker": "^", "markersize": 11, "markerfacecolor": SERIES}
    return {"marker": "o", "markersize": 8, "markerfacecolor": "white", "markeredgewidth": 2}


def _legend_handles(content: ChartContent) -> list[Line2D]:
    handles = [
        Line2D([], [], color=SERIES, linestyle="none", markeredgecolor=SERIES, **_marker(s))
        for s in content.statuses
    ]
    for handle, status in zip(handles, content.statuses, strict=True):
        handle.set_label(status_name(status))
    if content.earlier:
        handles.append(
            Line2D(
                [], [], color=MUTED, marker="o", linestyle="none", markersize=8,
                markerfacecolor="white", markeredgewidth=1.6,
                label=(
                    "Earlier version (forecast: published before the year ended)"
                    if all(p.early for p in content.earlier)
                    else "Earlier version of a figure"
                ),
            )
        )  # fmt: skip
    if content.year_to_date:
        handles.append(
            Line2D(
                [], [], color=YEAR_TO_DATE, marker="D", linestyle="none", markersize=7,
                label="Year to date, from January",
            )
        )  # fmt: skip
    if any(t.deadline is not None for t in content.targets):
        handles.append(
            Line2D(
                [], [], color=MUTED, marker="*", linestyle="none", markersize=13,
                label="Target, at its deadline",
            )
        )  # fmt: skip
    if any(t.deadline is None for t in content.targets):
        handles.append(
            Line2D([], [], color=MUTED, linestyle="-.", linewidth=1.4, label="Target, no deadline")
        )
    if any(t.projected for t in content.targets):
        handles.append(
            Line2D(
                [], [], color=SERIES, linestyle=(0, (5, 3)), linewidth=1.8,
                label="Projected at the observed rate",
            )
        )  # fmt: skip
    if any(t.required for t in content.targets):
        handles.append(
            Line2D(
                [], [], color=MUTED, linestyle=(0, (1, 2.2)), linewidth=2,
                label="Required to meet the target",
            )
        )  # fmt: skip
    return handles


def _draw(ax: Axes, content: ChartContent, labels_inside: bool = True) -> None:
    """The series, year-to-date points, targets, paths and axes."""
    ax.set_facecolor("white")
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.grid(axis="y", color=GRID, linewidth=0.8)
    ax.set_axisbelow(True)
    ax.tick_params(labelsize=11, length=4)
    ax.set_ylabel(axis_label(content), size=11.5, color=INK)

    # Artists carry ids (SVG group ids): "figure-ID-YEAR-MONTHS" for each figure, "series-ID",
    # "target-mark-T", "projected-T" and "required-T", so a reader or a test can find them.
    ident = content.indicator_id
    points = content.points
    if len(points) > 1:
        xs, ys = [p.x for p in points], [p.value for p in points]
        ax.plot(xs, ys, color=SERIES, linewidth=2.2, gid=f"series-{ident}")
    for p in points:
        style = {"color": SERIES, "markeredgecolor": SERIES, "zorder": 4, **_marker(p.status)}
        style["linestyle"] = "none"
        ax.plot([p.x], [p.value], gid=f"figure-{ident}-{p.year}-{p.months}", **style)
    if len(points) <= MAX_VALUE_LABELS:
        for p in points:
            _label_point(ax, p, SERIES)
    for n, p in enumerate(content.earlier):  # a forecast beside its outcome
        ax.plot(
            [p.x], [p.value], color=MUTED, marker="o", markersize=8, markerfacecolor="white",
            markeredgecolor=MUTED, markeredgewidth=1.6, linestyle="none", zorder=4,
            gid=f"earlier-{ident}-{p.year}-{n}",
        )  # fmt: skip
        ax.annotate(
            p.earlier_label, (p.x, p.value), xytext=(8, -2), textcoords="offset points",
            ha="left", va="top", size=9, color=MUTED, bbox=HALO, zorder=6,
        )  # fmt: skip
    for p in content.year_to_date:
        style = {"color": YEAR_TO_DATE, "marker": "D", "markersize": 7, "zorder": 4}
        style["linestyle"] = "none"
        ax.plot([p.x], [p.value], gid=f"figure-{ident}-{p.year}-{p.months}", **style)
        ax.annotate(
            f"{period(p.year, p.months)}: {p.label}", (p.x, p.value), xytext=(7, -4),
            textcoords="offset points", size=9.5, color=YEAR_TO_DATE, va="top",
        )  # fmt: skip

    for mark in content.current_targets:
        swatch = status_swatch(mark.status)
        if mark.required:
            ax.plot(
                mark.required.xs, mark.required.ys, color=MUTED, linestyle=(0, (1, 2.2)),
                linewidth=2, zorder=3, gid=f"required-{mark.target_id}",
            )  # fmt: skip
        if mark.projected:
            ax.plot(
                mark.projected.xs, mark.projected.ys, color=SERIES, linestyle=(0, (5, 3)),
                linewidth=1.8, zorder=3, gid=f"projected-{mark.target_id}",
            )  # fmt: skip
            ax.annotate(
                f"projected {number(mark.projected.ys[-1], 0)}",
                (mark.projected.xs[-1], mark.projected.ys[-1]), xytext=(7, 0),
                textcoords="offset points", ha="left", va="center", size=9.5, color=SERIES,
                bbox=HALO,
            )  # fmt: skip
        if mark.deadline is None:
            ax.axhline(
                mark.value, color=swatch.fill, linestyle="-.", linewidth=1.4, zorder=2,
                gid=f"target-mark-{mark.target_id}",
            )  # fmt: skip
    _axes_limits(ax, content)
    _label_targets(ax, content.targets, labels_inside)
    if not points and not content.year_to_date:
        ax.text(
            0.5, 0.5, "No figure in the dataset yet", transform=ax.transAxes, ha="center",
            va="center", size=12, color=MUTED,
        )  # fmt: skip


def _label_point(ax: Axes, point: Point, colour: str) -> None:
    label = point.label + (" (early)" if point.early else "")  # known before its year ended
    ax.annotate(
        label, (point.x, point.value), xytext=(0, 9), textcoords="offset points",
        ha="center", va="bottom", size=10, color=colour, weight="bold", bbox=HALO, zorder=6,
    )  # fmt: skip


def _margin_lines(mark: TargetMark) -> list[tuple[str, float]]:
    """The label in the margin: the goal, the status, and the late remark on a line of its own;
    a restated target's label on one line."""
    if mark.superseded_by:
        return [(mark.label, 9.5)]
    lines = [(f"Target {mark.goal}", 10.5)]
    verdict = mark.verdict
    if " (" in verdict:
        status, remark = verdict.split(" (", 1)
        lines += [(status, 10.0), ("(" + remark, 9.0)]
    elif verdict:
        lines.append((verdict, 10.0))
    return lines


def _label_targets_in_margin(ax: Axes, marks: tuple[TargetMark, ...], height_pt: float) -> None:
    """Each target's label right of the plot at the target's height (the goal, then its
    status), pushed apart where targets lie close."""
    y0, y1 = ax.get_ylim()
    wanted = sorted(((m.value - y0) / (y1 - y0), k) for k, m in enumerate(marks))
    tall = [(len(_margin_lines(marks[k])) * 13 + 4) / height_pt for _, k in wanted]
    placed: list[float] = []
    for (fy, _), k in zip(wanted, range(len(wanted)), strict=True):
        # bottom up: each clear of the one below it
        placed.append(max(fy, placed[-1] + (tall[k - 1] + tall[k]) / 2) if placed else fy)
    overflow = (placed[-1] + tall[-1] / 2 - 1.08) if placed else 0
    if overflow > 0:  # too high: shift the stack down, never below the axis
        placed = [max(p - overflow, 0) for p in placed]
    for (_, k), fy in zip(wanted, placed, strict=True):
        mark = marks[k]
        ink = MUTED if mark.superseded_by else status_swatch(mark.status).ink
        lines = _margin_lines(mark)
        top = (len(lines) - 1) * 13 / 2
        for n, (text, size) in enumerate(lines):
            ax.annotate(
                text, (1, fy), xycoords="axes fraction", xytext=(12, top - 13 * n),
                textcoords="offset points", va="center", size=size, color=ink,
                weight="bold" if n == 0 and not mark.superseded_by else "normal",
                annotation_clip=False,
            )  # fmt: skip


def _label_targets(ax: Axes, marks: tuple[TargetMark, ...], labels: bool = True) -> None:
    """A star at (deadline, value) and, with `labels`, the target's label beside it, kept from
    overlapping."""
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    placed: list[tuple[float, float, float]] = []  # axes fractions and the offset used
    dated = sorted(
        (m for m in marks if m.deadline is not None), key=lambda m: (m.value, m.deadline)
    )
    for mark in dated:
        swatch = status_swatch(mark.status)
        assert mark.deadline is not None
        faded = bool(mark.superseded_by)  # a restated target: where it stood, greyed
        ax.plot(
            [mark.deadline], [mark.value], marker="*", markersize=13 if faded else 17,
            color=MUTED if faded else swatch.fill, alpha=0.45 if faded else 1.0,
            markeredgecolor="white", markeredgewidth=0.8, linestyle="none", zorder=3.5,
            gid=f"target-mark-{mark.target_id}",
        )  # fmt: skip
        fx = (mark.deadline - x0) / (x1 - x0)
        fy = (mark.value - y0) / (y1 - y0)
        offset = -14.0
        for px, py, used in placed:
            if abs(px - fx) < 0.35 and abs(py - fy) < 0.08:
                offset = min(offset, used - 15)
        placed.append((fx, fy, offset))
        if not labels:
            continue
        right = fx > 0.45
        ax.annotate(
            mark.short_label, (mark.deadline, mark.value), xytext=(-11 if right else 11, offset),
            textcoords="offset points", ha="right" if right else "left", va="center",
            size=9.5 if faded else 10.5, color=MUTED if faded else swatch.ink,
            weight="bold" if swatch.bold and not faded else "normal", zorder=6, bbox=HALO,
        )  # fmt: skip
    for mark in (m for m in marks if m.deadline is None and labels):
        swatch = status_swatch(mark.status)
        ax.annotate(
            mark.short_label, (1, mark.value), xycoords=("axes fraction", "data"), xytext=(-4, 5),
            textcoords="offset points", ha="right", va="bottom", size=10.5, color=swatch.ink,
        )  # fmt: skip


def _axes_limits(ax: Axes, content: ChartContent) -> None:
    first, last = content.years() or (0, 0)
    if first == last:
        first, last = first - 1, last + 1
    # Room on the right for "projected N" beside the end of a projected path.
    room = 1.2 if any(t.projected for t in content.targets) else 0.6
    ax.set_xlim(first - 0.6, last + room)
    years = range(int(first), int(last) + 1)
    if len(years) <= 14:
        ax.xaxis.set_major_locator(FixedLocator(list(years)))
    else:
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _: f"{x:.0f}"))

    values = content.values()
    low, high = min(values), max(values)
    if low >= 0:
        low = 0.0
    pad = (high - low) * 0.14 or abs(high) * 0.5 or 1.0
    ax.set_ylim(low - (0 if low == 0 else pad * 0.5), high + pad)
    counts = all(float(v).is_integer() for v in values)
    ax.yaxis.set_major_locator(MaxNLocator(nbins=6, integer=counts))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda y, _: _tick(y)))


def _tick(value: float) -> str:
    return axis_number(value)
