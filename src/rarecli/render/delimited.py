"""CSV (RFC 4180) and TSV (IANA text/tab-separated-values, with escapes): plain numbers,
formula-guarded text, lists joined with ';'.

Each rule is written here both ways: the formula guard and its undoing, the TSV escapes and
their undoing, so that `rarecli import` reads back exactly what a listing wrote.
"""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

    from rarecli.columns import ColumnKind

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # what a spreadsheet reads as a formula
# U+2028 and U+2029 end a line for str.splitlines() and many editors: escaped as \n is.
_TSV_ESCAPES = str.maketrans(
    {
        "\\": "\\\\",
        "\t": "\\t",
        "\n": "\\n",
        "\r": "\\r",
        "\u2028": "\\u2028",
        "\u2029": "\\u2029",
    }
)
_TSV_UNESCAPES = {"t": "\t", "n": "\n", "r": "\r", "\\": "\\", "u2028": "\u2028", "u2029": "\u2029"}


def guard(text: str) -> str:
    """Prefix a text cell that a spreadsheet would read as a formula (OWASP CSV injection)."""
    return "'" + text if text.startswith(FORMULA_START) else text


def unguard(text: str) -> str:
    """A guarded cell as it was before `guard`: its `'` dropped where a formula start follows."""
    return text[1:] if text[:1] == "'" and text[1:2] and text[1:2] in FORMULA_START else text


def tsv_escape(text: str) -> str:
    r"""A tab, newline, carriage return, line or paragraph separator (U+2028, U+2029) or
    backslash in a value as \t, \n, \r, \u2028, \u2029, \\."""
    return text.translate(_TSV_ESCAPES)


def tsv_unescape(cell: str) -> str:
    r"""The value of an escaped TSV cell: the escapes of `tsv_escape` undone; any other
    backslash kept."""
    if "\\" not in cell:
        return cell
    out, i = [], 0
    while i < len(cell):
        ch = cell[i]
        code = cell[i + 1 : i + 6] if cell[i + 1 : i + 2] == "u" else cell[i + 1 : i + 2]
        if ch == "\\" and code in _TSV_UNESCAPES:
            out.append(_TSV_UNESCAPES[code])
            i += 1 + len(code)
        else:
            out.append(ch)
            i += 1
    return "".join(out)


def _cells(frame: pd.DataFrame, kinds: dict[str, ColumnKind]) -> list[list[str | int | float]]:
    """Each column's cells: "" when missing, lists joined with ';', text guarded."""
    from rarecli.render.cells import plain_column

    columns: list[list[str | int | float]] = []
    for name in frame.columns:
        kind = kinds.get(name, "text")
        values = plain_column(frame[name], kind)
        if kind == "text":
            columns.append(["" if v is None else guard(str(v)) for v in values])
        elif kind == "list":
            columns.append([guard(";".join(v)) if isinstance(v, list) else "" for v in values])
        elif kind == "bool":
            columns.append(["" if v is None else "true" if v else "false" for v in values])
        else:
            columns.append(["" if v is None or isinstance(v, list) else v for v in values])
    return columns


def to_csv(frame: pd.DataFrame, kinds: dict[str, ColumnKind]) -> str:
    """RFC 4180: CRLF line ends, quotes where needed; one header row."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(frame.columns)
    writer.writerows(zip(*_cells(frame, kinds), strict=True))
    return out.getvalue()


def to_tsv(frame: pd.DataFrame, kinds: dict[str, ColumnKind]) -> str:
    """For cut and awk: LF line ends, no quoting, one record per line; one header row."""
    lines = ["\t".join(tsv_escape(str(name)) for name in frame.columns)]
    rows = zip(*_cells(frame, kinds), strict=True)
    lines += ["\t".join(tsv_escape(str(v)) for v in row) for row in rows]
    return "\n".join(lines) + "\n"
