"""TOML values as the ledger writes them: numbers as typed, text in double quotes with TOML
escapes, dates as TOML dates. Each value keeps its Python form for comparison with the file."""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Sequence
from typing import Any, NamedTuple

import tomli

_NUMBER = re.compile(
    r"[+-]?(?:0|[1-9](?:_?[0-9])*)(?:\.[0-9](?:_?[0-9])*)?(?:[eE][+-]?[0-9](?:_?[0-9])*)?"
)
_LOOSE_NUMBER = re.compile(r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
_FULL_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
_ESCAPES = {ord('"'): '\\"', ord("\\"): "\\\\", ord("\n"): "\\n", ord("\t"): "\\t"}
_ESCAPES |= {ord("\r"): "\\r", ord("\b"): "\\b", ord("\f"): "\\f"}
_ESCAPES |= {c: f"\\u{c:04x}" for c in (*range(0x20), 0x7F) if c not in _ESCAPES}


class Value(NamedTuple):
    """A value to write: its Python form (as tomli would read it back) and its TOML text."""

    py: Any
    toml: str


class BadValue(ValueError):
    """A value that cannot be written as asked; `hint` says how to fix it."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message, self.hint = message, hint


def text(value: str) -> Value:
    """A basic string: double quotes, TOML escapes; any other character (Chinese) as is."""
    return Value(value, '"' + value.translate(_ESCAPES) + '"')


def integer(value: int) -> Value:
    return Value(value, str(value))


def ids(values: Sequence[str]) -> Value:
    return Value(list(values), "[" + ", ".join(text(v).toml for v in values) + "]")


def number(typed: str) -> Value:
    """The number as the user typed it (`67.75` stays `67.75`, `132` stays `132`).

    Text that is a plain decimal but not TOML (`.5`, `07`, `5.`) is written in TOML's form.
    """
    raw = typed.strip()
    if _NUMBER.fullmatch(raw):
        parsed = tomli.loads(f"v = {raw}")["v"]
        if isinstance(parsed, float) and not math.isfinite(parsed):
            raise BadValue(f"{typed!r} is not a finite number", "give a real number")
        return Value(parsed, raw)
    if _LOOSE_NUMBER.fullmatch(raw):
        if re.fullmatch(r"[+-]?[0-9]+", raw):
            return integer(int(raw))
        parsed_float = float(raw)
        if math.isfinite(parsed_float):
            return Value(parsed_float, repr(parsed_float))
    raise BadValue(f"{typed!r} is not a number", "write it like 209 or 67.75, no units or commas")


def from_python(value: float | int) -> Value:
    """A number read from a spreadsheet cell: an integral float is written as an integer."""
    if isinstance(value, bool):
        raise BadValue(f"{value!r} is not a number")
    if isinstance(value, float):
        if not math.isfinite(value):
            raise BadValue(f"{value!r} is not a finite number", "give a real number")
        return Value(value, repr(value))
    return integer(value)


def date(typed: str) -> Value:
    """A TOML date for YYYY-MM-DD; "YYYY-MM" and "YYYY" (no day in the source) stay text."""
    raw = typed.strip()
    if _FULL_DATE.fullmatch(raw):
        try:
            return Value(dt.date.fromisoformat(raw), raw)
        except ValueError:
            raise BadValue(f"{typed!r} is not a date", "write e.g. 2024-10-09") from None
    return text(raw)


def same(a: Any, b: Any) -> bool:
    """Whether two values read from TOML mean the same (132 and 132.0 do; dates as ISO text)."""
    return bool(_norm(a) == _norm(b))


def _norm(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, list | tuple):
        return tuple(_norm(v) for v in value)
    return value
