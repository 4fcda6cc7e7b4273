"""A figure's evidence as one table cell: its source, quote and note."""

from __future__ import annotations

from typing import Any

from rich.text import Text

from rarecli.render.cells import safe
from rarecli.render.table import text


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
