"""JSON (an array of objects) and Markdown (a pipe table)."""

from __future__ import annotations

import json
import re

import pandas as pd

from rarecli.columns import ColumnKind
from rarecli.render.cells import plain_column


def records(frame: pd.DataFrame, kinds: dict[str, ColumnKind]) -> list[dict[str, object]]:
    """Rows as dicts of plain values (None for missing), columns in order."""
    names = list(frame.columns)
    columns = [plain_column(frame[n], kinds.get(n, "text")) for n in names]
    return [dict(zip(names, row, strict=True)) for row in zip(*columns, strict=True)]


def to_json(frame: pd.DataFrame, kinds: dict[str, ColumnKind]) -> str:
    return json.dumps(records(frame, kinds), ensure_ascii=False, indent=2, allow_nan=False) + "\n"


# What could start Markdown or HTML inside a line: emphasis, code, links and images, tags,
# entities, strike-through and the table's own "|". Cells never start a line, and their line
# breaks are folded, so "#", ">" quotes and list markers cannot begin there.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&])")


def md_text(text: str) -> str:
    """Text as literal Markdown on one line: each character that could start markup escaped
    with a backslash, line breaks (U+2028 and U+2029 too) folded into spaces."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def _md_cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return md_text(";".join(value) if isinstance(value, list) else str(value))


def to_markdown(frame: pd.DataFrame, kinds: dict[str, ColumnKind]) -> str:
    names = list(frame.columns)
    rule = ["---" if kinds.get(n, "text") in ("text", "list") else "---:" for n in names]
    lines = ["| " + " | ".join(names) + " |", "| " + " | ".join(rule) + " |"]
    for row in records(frame, kinds):
        lines.append("| " + " | ".join(_md_cell(v) for v in row.values()) + " |")
    return "\n".join(lines) + "\n"
