"""How a column's values are written in CSV, TSV, JSON, Markdown and xlsx.

Each table declares its columns once, as an ordered mapping of name to kind; the keys are the
contract's column order.

    text    as is (CSV/TSV: guarded against formula injection)
    int     a whole number
    number  a figure from the dataset, exactly, without binary noise
    pct     a derived percentage, rounded to 2 decimals
    derived a derived value (e.g. a projection), rounded to 2 decimals
    ratio   a dimensionless ratio, rounded to 3 decimals
    list    a ';'-joined list of ids or flags: a JSON array; CSV, TSV and Markdown keep the ';'
    bool    true or false: a JSON boolean; CSV, TSV and Markdown write true/false
"""

from __future__ import annotations

from typing import Literal

ColumnKind = Literal["text", "int", "number", "pct", "derived", "ratio", "list", "bool"]
Columns = dict[str, ColumnKind]
