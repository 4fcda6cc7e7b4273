"""CSV and TSV: RFC 4180 quoting, plain numbers, formula-guarded text."""

from __future__ import annotations

import csv
import io

import pandas as pd

from rarecli.render.cells import guard, plain
from rarecli.render.report import Kind


def delimited(frame: pd.DataFrame, kinds: dict[str, Kind], delimiter: str = ",") -> str:
    """The frame as delimited text with one header row; empty cells for missing values."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(frame.columns)
    columns = []
    for name in frame.columns:
        kind = kinds.get(name, "text")
        values = [plain(v, kind) for v in frame[name].tolist()]
        if kind == "text":
            values = [None if v is None else guard(str(v)) for v in values]
        columns.append(["" if v is None else v for v in values])
    writer.writerows(zip(*columns, strict=True))
    return out.getvalue()
