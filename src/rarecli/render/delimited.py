"""CSV and TSV: RFC 4180 quoting, plain numbers, formula-guarded text."""

from __future__ import annotations

import csv
import io

import pandas as pd

from rarecli.render.cells import guard, plain_column
from rarecli.render.report import Kind


def delimited(frame: pd.DataFrame, kinds: dict[str, Kind], delimiter: str = ",") -> str:
    """The frame as delimited text with one header row; empty cells for missing values."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(frame.columns)
    columns: list[list[str | int | float]] = []
    for name in frame.columns:
        kind = kinds.get(name, "text")
        values = plain_column(frame[name], kind)
        if kind == "text":
            columns.append(["" if v is None else guard(str(v)) for v in values])
        else:
            columns.append(["" if v is None else v for v in values])
    writer.writerows(zip(*columns, strict=True))
    return out.getvalue()
