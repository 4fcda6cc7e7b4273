"""Cell values: plain values for machine formats, readable strings for people."""

from __future__ import annotations

import math
import re
from typing import Any

from rarecli.render.report import Kind

_ROUND = {"pct": 2, "derived": 2, "ratio": 3}
_EXACT_INT = 1e15  # below this a whole float prints as an integer without loss
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def is_missing(value: Any) -> bool:
    if value is None:
        return True
    try:
        return bool(value != value)  # NaN and pandas' NA
    except TypeError:  # pd.NA refuses bool()
        return True


def plain(value: Any, kind: Kind) -> str | int | float | None:
    """The value as a JSON/CSV scalar: None when missing, an int when whole, rounded by kind."""
    if is_missing(value):
        return None
    if kind == "text":
        return str(value)
    number = float(value)
    if not math.isfinite(number):
        return None
    number = round(number, _ROUND[kind]) if kind in _ROUND else float(f"{number:.15g}")
    if number.is_integer() and abs(number) < _EXACT_INT:
        return int(number)
    return number


def guard(text: str) -> str:
    """Prefix a text cell that a spreadsheet would read as a formula (OWASP CSV injection)."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def safe(text: str) -> str:
    r"""Text for the terminal: control characters (ESC included) shown as \xNN, never sent raw."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def number(value: Any, decimals: int | None = None) -> str:
    """A figure for people: thousands separators; `decimals` fixed, else as many as it has."""
    if is_missing(value):
        return ""
    x = float(value)
    if not math.isfinite(x):
        return ""
    if decimals is None:
        rounded = plain(x, "number")
        if isinstance(rounded, int):
            return f"{rounded:,}"
        text = f"{x:,.6f}".rstrip("0").rstrip(".")
        return text if abs(x) >= 1e-6 else f"{x:.3g}"
    return f"{x:,.{decimals}f}"


def signed(value: Any, decimals: int | None = None) -> str:
    """Like number(), with an explicit sign (+/−) for changes."""
    text = number(value, decimals)
    if not text or text.startswith("-"):
        return text.replace("-", "−", 1)
    return "+" + text if float(value) != 0 else text
