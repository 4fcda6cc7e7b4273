"""Building blocks of the terminal tables: safe text, numbers, bars, captions, footnotes."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any, Literal

import pandas as pd
from rich import box
from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.measure import Measurement
from rich.table import Table
from rich.text import Text

from rarecli.render.cells import is_missing, number, safe

_BLOCKS = " ▏▎▍▌▋▊▉█"
_SPARKS = "▁▂▃▄▅▆▇█"


def rows(frame: pd.DataFrame) -> Iterator[Any]:
    """The frame's rows as named tuples (typed Any: columns hold mixed scalars and NA)."""
    return frame.itertuples(index=False)


# How a column of a Grid behaves:
#   number  right-aligned, never wrapped or cut
#   label   left-aligned, never wrapped or cut (a period such as "Jan–May 2025")
#   text    left-aligned, wraps between words; its longest word (an id, a number) is never cut
#   prose   left-aligned, may fold anywhere (titles, quotes, notes: Chinese has no spaces)
#   bar     decorative: the first to give way when the table is too wide, with a note saying so
Fit = Literal["number", "label", "text", "prose", "bar"]
_PROSE_MIN = 16
_UNBOUNDED = 100_000  # a prose column folds to this width before the table gives up
STACKED_NOTE = "The terminal is too narrow for the table: each row is shown as a block."


class Grid:
    """A table that degrades honestly with the terminal's width.

    It draws a Rich table when every number, status and id fits whole; else the same table
    without its bar columns (and says so); else one block per row, each cell on a line of its
    own under its header. Nothing is ever cut or dropped in silence.
    """

    def __init__(self, title: str, *columns: tuple[str, Fit] | tuple[str, Fit, int]):
        self.title = safe(title)
        self.columns = [
            (header, kind, least[0] if least else None) for header, kind, *least in columns
        ]
        self.rows: list[tuple[Text, ...]] = []

    def add_row(self, *cells: Text) -> None:
        self.rows.append(cells)

    def _kept(self, bars: bool) -> list[int]:
        return [i for i, (_, kind, _) in enumerate(self.columns) if bars or kind != "bar"]

    def table(self, bars: bool = True, widths: Sequence[int] = ()) -> Table:
        """The Rich table; with `widths` (one per column kept), each column fixed to its width
        and every id in a text column broken after an `_` where it is wider than that."""
        table = Table(
            title=Text(self.title),  # a str title would be parsed as Rich markup
            title_justify="left",
            title_style="bold",
            header_style="bold",
            box=box.SIMPLE_HEAD,
            show_edge=False,
            pad_edge=False,
            collapse_padding=True,
        )
        keep = self._kept(bars)
        for i in keep:
            header, kind, least = self.columns[i]
            if kind in ("number", "label"):
                justify: Literal["left", "right"] = "right" if kind == "number" else "left"
                table.add_column(header, justify=justify, no_wrap=True)
            else:
                table.add_column(header, overflow="fold", min_width=least)
        for row in self.rows:
            cells = [row[i] for i in keep]
            if widths:
                cells = [
                    _break_ids(cell, w) if self.columns[i][1] == "text" else cell
                    for i, cell, w in zip(keep, cells, widths, strict=True)
                ]
            table.add_row(*cells)
        for column, w in zip(table.columns, widths, strict=False):
            column.width = w
        return table

    def laid_out(self, console: Console, width: int, bars: bool = True) -> Table | None:
        """The table with every column's width fixed so that no number, status or id is cut,
        within `width`; None when that cannot be done.

        Rich shrinks columns below their longest word when a table is too wide, so the widths
        are chosen here: numbers and bars get their full width; a text column at least its
        longest word, where an id counts by its longest part between underscores (it breaks
        there); a prose column at least _PROSE_MIN; what is left goes to the text and prose
        columns, in proportion to what they could use.
        """
        table = self.table(bars)
        options = console.options.update_width(_UNBOUNDED)  # a measure is clamped to the width
        ranges = []
        for i, column in zip(self._kept(bars), table.columns, strict=True):
            _, kind, least = self.columns[i]
            cells = [Text(str(column.header)), *(row[i] for row in self.rows)]
            low = max(Measurement.get(console, options, c).minimum for c in cells)
            high = max(Measurement.get(console, options, c).maximum for c in cells)
            high = max(high, least or 0)
            if kind in ("number", "label", "bar"):
                low = high
            elif kind == "prose":
                low = min(high, max(least or 0, _PROSE_MIN))
            else:
                low = max(least or 0, *(_unbreakable(c) for c in cells))
            ranges.append((low, high))
        natural = Measurement.get(console, options, table).maximum
        budget = width - (natural - sum(high for _, high in ranges))  # less padding and rules
        spare = budget - sum(low for low, _ in ranges)
        if spare < 0:
            return None
        wants = [high - low for low, high in ranges]
        total = sum(wants)
        widths = [
            high if total <= spare else low + spare * want // total
            for (low, high), want in zip(ranges, wants, strict=True)
        ]
        return self.table(bars, widths)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        table = self.laid_out(console, width)
        if table is not None:
            yield table
            return
        has_bars = any(kind == "bar" for _, kind, _ in self.columns)
        table = self.laid_out(console, width, bars=False) if has_bars else None
        if table is not None:
            yield table
            yield Text("Bars hidden: the terminal is too narrow for them.", style="dim")
        else:
            yield self.stacked(width)

    def stacked(self, width: int) -> RenderableType:
        """One block per row: the first cell as its heading, then `header: cell` lines."""
        parts: list[RenderableType] = [Text(self.title, style="bold")]
        for row in self.rows:
            block = Text()
            block.append_text(_break_ids(row[0], width))
            for (header, kind, _), cell in zip(self.columns[1:], row[1:], strict=True):
                if kind == "bar" or not cell.plain.strip():
                    continue
                block.append("\n  " + (f"{header}: " if header else ""), style="dim")
                lines = cell.split("\n")
                for n, line in enumerate(lines):
                    block.append_text(line)
                    if n < len(lines) - 1:
                        block.append("\n    ")
            parts += [Text(""), block]
        parts.append(Text(STACKED_NOTE, style="dim"))
        return Group(*parts)


def _unbreakable(cell: Text) -> int:
    """The widest run of the cell that may not be broken: a word, or a part of an id up to and
    including its `_`."""
    widest = 0
    for word in cell.plain.split():
        parts = [p + "_" for p in word.split("_")[:-1]] + [word.rsplit("_", 1)[-1]]
        widest = max(widest, *(cell_len(p) for p in parts))
    return widest


def _break_ids(cell: Text, width: int) -> Text:
    """The cell with every word longer than `width` broken after underscores, not inside a
    name: ids break only at `_`."""
    if all(len(word) <= width for word in cell.plain.split()):
        return cell
    out = Text()
    for line in cell.split("\n", include_separator=True):
        words = line.plain.split(" ")
        if all(len(w) <= width for w in words):
            out.append_text(line)
            continue
        style = line.spans[0].style if line.spans else line.style
        pieces: list[str] = []
        for word in words:
            current = ""
            for part in word.split("_"):
                chunk = part if not current else "_" + part
                if current and len(current) + len(chunk) > width:
                    pieces.append(current + "_")
                    current = part
                else:
                    current += chunk
            pieces.append(current)
        out.append("\n".join(pieces), style=style)
    return out


def text(value: Any, style: str = "") -> Text:
    """Dataset text as a literal cell: no markup, no control characters. `style` covers this
    text only, not what is appended to the cell later."""
    cell = Text()
    cell.append("" if is_missing(value) else safe(str(value)), style=style)
    return cell


def figure(value: Any, decimals: int | None = None, style: str = "") -> Text:
    return Text(number(value, decimals), style=style)


def bar(fraction: float, width: int = 10, style: str = "green") -> Text:
    """A horizontal bar of `fraction` (clamped to -1..1) of `width` cells: solid, in eighths,
    when positive; shaded (░, whole cells, at least one) and red when negative, so that a fall
    looks different from a rise without colour too."""
    if is_missing(fraction):
        return Text("")
    if fraction < 0:
        return Text("░" * max(1, round(min(1.0, -fraction) * width)), style="red")
    eighths = round(min(1.0, fraction) * width * 8)
    full, part = divmod(eighths, 8)
    return Text("█" * full + (_BLOCKS[part] if part else ""), style=style)


def sparkline(values: Sequence[float]) -> str:
    """One block character per value, scaled between the series' minimum and maximum."""
    if not values:
        return ""
    low, high = min(values), max(values)
    span = high / 2 - low / 2  # halves: the span of -1e308 and 1e308 must not overflow
    return "".join(_SPARKS[round((v / 2 - low / 2) / span * 7) if span else 3] for v in values)


def with_notes(
    table: RenderableType, caption: str = "", notes: Iterable[str] = ()
) -> RenderableType:
    """The table followed by its caption and footnotes in dim text."""
    lines = [Text(safe(line), style="dim") for line in (caption, *notes) if line]
    return Group(table, *lines) if lines else table


def empty(message: str) -> RenderableType:
    return Text(message, style="yellow")
