"""Building blocks of the terminal tables: safe text, numbers, bars, captions, footnotes."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import pandas as pd
from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from rarecli.model import Dataset
from rarecli.render.cells import is_missing, number, safe

_BLOCKS = " ▏▎▍▌▋▊▉█"
_SPARKS = "▁▂▃▄▅▆▇█"


def rows(frame: pd.DataFrame) -> Iterator[Any]:
    """The frame's rows as named tuples (typed Any: columns hold mixed scalars and NA)."""
    return frame.itertuples(index=False)


def new_table(title: str, *columns: tuple[str, str] | tuple[str, str, int]) -> Table:
    """A table with a title and (header, justify[, minimum width]) columns.

    Right-justified (numeric) columns never wrap; text columns fold long words, so that a quote
    in Chinese, which has no spaces to wrap at, is never cut short.
    """
    table = Table(
        title=Text(safe(title)),  # a str title would be parsed as Rich markup
        title_justify="left",
        title_style="bold",
        header_style="bold",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
    )
    for header, justify, *least in columns:
        if justify == "right":
            table.add_column(header, justify="right", no_wrap=True)
        else:
            table.add_column(header, overflow="fold", min_width=least[0] if least else None)
    return table


def text(value: Any, style: str = "") -> Text:
    """Dataset text as a literal cell: no markup, no control characters. `style` covers this
    text only, not what is appended to the cell later."""
    cell = Text()
    cell.append("" if is_missing(value) else safe(str(value)), style=style)
    return cell


def figure(value: Any, decimals: int | None = None, style: str = "") -> Text:
    return Text(number(value, decimals), style=style)


def bar(fraction: float, width: int = 10, style: str = "cyan") -> Text:
    """A horizontal bar of `fraction` (clamped to 0..1) of `width` cells, in eighths."""
    if is_missing(fraction):
        return Text("")
    eighths = round(max(0.0, min(1.0, fraction)) * width * 8)
    full, part = divmod(eighths, 8)
    return Text("█" * full + (_BLOCKS[part] if part else ""), style=style)


def sparkline(values: Sequence[float]) -> str:
    """One block character per value, scaled between the series' minimum and maximum."""
    if not values:
        return ""
    low, high = min(values), max(values)
    span = high / 2 - low / 2  # halves: the span of -1e308 and 1e308 must not overflow
    return "".join(_SPARKS[round((v / 2 - low / 2) / span * 7) if span else 3] for v in values)


def source_caption(ds: Dataset, source_ids: Iterable[Any], label: str = "Sources") -> str:
    """'Sources: id (publisher, date); ...' for the given ids, in dataset order."""
    wanted = {s for s in source_ids if isinstance(s, str)}
    cited = [s for s in ds.sources if s.id in wanted]
    if not cited:
        return ""
    parts = [f"{s.id} ({s.publisher}{', ' + s.published if s.published else ''})" for s in cited]
    return f"{label}: " + "; ".join(parts)


def with_notes(
    table: RenderableType, caption: str = "", notes: Iterable[str] = ()
) -> RenderableType:
    """The table followed by its caption and footnotes in dim text."""
    lines = [Text(safe(line), style="dim") for line in (caption, *notes) if line]
    return Group(table, *lines) if lines else table


def empty(message: str) -> RenderableType:
    return Text(message, style="yellow")
