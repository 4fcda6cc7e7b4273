"""CSV (RFC 4180) and TSV (IANA text/tab-separated-values, with escapes): plain numbers,
formula-guarded text, lists joined with ';'."""

from __future__ import annotations

import csv
import io

import pandas as pd

from rarecli.columns import Kind
from rarecli.render.cells import guard, plain_column

_TSV_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _cells(frame: pd.DataFrame, kinds: dict[str, Kind]) -> list[list[str | int | float]]:
    """Each column's cells: "" when missing, lists joined with ';', text guarded."""
    columns: list[list[str | int | float]] = []
    for name in frame.columns:
        kind = kinds.get(name, "text")
        values = plain_column(frame[name], kind)
        if kind == "text":
            columns.append(["" if v is None else guard(str(v)) for v in values])
        elif kind == "list":
            columns.append([guard(";".join(v)) if isinstance(v, list) else "" for v in values])
        else:
            columns.append(["" if v is None or isinstance(v, list) else v for v in values])
    return columns


def to_csv(frame: pd.DataFrame, kinds: dict[str, Kind]) -> str:
    """RFC 4180: CRLF line ends, quotes where needed; one header row."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(frame.columns)
    writer.writerows(zip(*_cells(frame, kinds), strict=True))
    return out.getvalue()


def tsv_escape(text: str) -> str:
    r"""A tab, newline, carriage return or backslash in a value as \t, \n, \r, \\."""
    return text.translate(_TSV_ESCAPES)


def to_tsv(frame: pd.DataFrame, kinds: dict[str, Kind]) -> str:
    """For cut and awk: LF line ends, no quoting, one record per line; one header row."""
    lines = ["\t".join(tsv_escape(str(name)) for name in frame.columns)]
    rows = zip(*_cells(frame, kinds), strict=True)
    lines += ["\t".join(tsv_escape(str(v)) for v in row) for row in rows]
    return "\n".join(lines) + "\n"
