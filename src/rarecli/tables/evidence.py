"""A figure's evidence as one table cell: its source, quote and note."""

from __future__ import annotations

from typing import Any

from rich.text import Text

from rarecli.queries.observations import figure_flags
from rarecli.render.cells import safe
from rarecli.render.table import text
from rarecli.vocabulary import period

EARLIER = "earlier version"  # a figure that a later publication replaced


def evidence_cell(row: Any, source_type: Any = None, with_note: bool = True) -> Text:
    """A figure's source id (and its type, if given), its quote and (`with_note`) its note, for
    a table."""
    cell = text(row.source_id, "dim")
    if isinstance(source_type, str):
        cell.append(f" ({safe(source_type)})", style="dim")
    if isinstance(row.quote, str):
        cell.append("\n“" + safe(row.quote) + "”")
    if with_note and isinstance(row.note, str):
        cell.append("\n" + safe(row.note), style="italic")
    return cell


def figure_marks(row: Any) -> list[str]:
    """What a table says beside a figure: its figure_flags, and "earlier version" where a later
    version replaced it."""
    flags = figure_flags(row.status, bool(row.secondary), bool(row.early))
    return flags if row.current else [*flags, EARLIER]


def period_cell(row: Any) -> Text:
    """The figure's period, and under it the day it became known."""
    cell = Text(period(int(row.year), int(row.months)))
    if isinstance(row.known, str):
        cell.append(f"\nknown {safe(row.known)}", style="dim")
    return cell
