"""Cell values: plain values for machine formats, readable strings for people."""

from __future__ import annotations

import math
import re
from typing import Any

import numpy as np
import pandas as pd

from rarecli.columns import ColumnKind

_ROUND = {"pct": 2, "derived": 2, "ratio": 3}
_EXACT_INT = 1e15  # below this a whole float prints as an integer without loss
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def is_missing(value: Any) -> bool:
    if value is None:
        return True
    try:
        return bool(value != value)  # NaN and pandas' NA
    except TypeError:  # pd.NA refuses bool()
        return True


Plain = str | int | float | bool | list[str] | None


def plain_column(values: pd.Series, kind: ColumnKind) -> list[Plain]:
    """A column as JSON/CSV values: None when missing, an int when whole, rounded by kind; a
    list of texts for a list column (';'-joined in the frame; empty when missing).

    Column-wise, so that rounding and the whole-number test run in numpy, not per cell.
    """
    if kind == "text":
        return [None if is_missing(v) else str(v) for v in values.tolist()]
    if kind == "list":
        return [str(v).split(";") if isinstance(v, str) and v else [] for v in values.tolist()]
    if kind == "bool":
        return [None if is_missing(v) else bool(v) for v in values.tolist()]
    numbers = pd.to_numeric(values, errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    if kind in _ROUND:
        with np.errstate(over="ignore", invalid="ignore"):  # a huge number needs no rounding
            rounded = np.round(numbers, _ROUND[kind])
        numbers = np.where(np.isfinite(rounded), rounded, numbers)
    finite = np.isfinite(numbers)
    if kind == "number":  # drop binary noise such as 0.30000000000000004, cell by cell
        numbers = np.array([float(f"{x:.15g}") for x in numbers.tolist()], dtype=float)
    whole = finite & (np.abs(numbers) < _EXACT_INT) & (np.trunc(numbers) == numbers)
    ints = np.where(whole, numbers, 0).astype(np.int64).tolist()
    return [
        i if w else (x if f else None)
        for i, x, w, f in zip(ints, numbers.tolist(), whole.tolist(), finite.tolist(), strict=True)
    ]


def safe(text: str) -> str:
    r"""Text for the terminal: control characters (ESC included) shown as \xNN, never sent raw."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def number(value: Any, decimals: int | None = None) -> str:
    """A figure for people: thousands separators; `decimals` fixed, else as many as it has."""
    if is_missing(value):
        return ""
    x = float(value) + 0.0  # -0.0 + 0.0 is 0.0: no "-0"
    if not math.isfinite(x):
        return ""
    if abs(x) >= _EXACT_INT:  # past 15 digits the rest is binary noise, not the figure
        return f"{x:.15g}"
    if decimals is None:
        if x.is_integer():
            return f"{int(x):,}"
        text = f"{x:,.6f}".rstrip("0").rstrip(".")
        return text if abs(x) >= 1e-6 else f"{x:.3g}"
    return f"{x:,.{decimals}f}"


def signed(value: Any, decimals: int | None = None) -> str:
    """Like number(), with an explicit sign (+/−) for changes."""
    text = number(value, decimals)
    if not text or text.startswith("-"):
        return text.replace("-", "−", 1)
    return "+" + text if float(value) != 0 else text
