"""Cells (rarecli.render.cells): what counts as missing; numbers as people read them (thousands
separators, at most six decimals, tiny figures in scientific notation, the 1e15 boundary of whole
numbers, the typographic minus); plain values for the machine formats; control characters shown,
not obeyed."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from rarecli.columns import ColumnKind
from rarecli.render.cells import is_missing, number, plain_column, safe, signed

INF = float("inf")
NAN = float("nan")


# --- missing values ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "missing"),
    [
        (None, True),
        (NAN, True),
        (np.float64("nan"), True),
        (pd.NA, True),  # NA != NA is NA, whose bool() raises TypeError
        (pd.NaT, True),
        (0, False),
        (0.0, False),
        ("", False),
        ("x", False),
        (INF, False),  # infinite is a value; number() decides how to show it
    ],
)
def test_is_missing(value: object, missing: bool) -> None:
    assert is_missing(value) is missing


# --- numbers for people --------------------------------------------------------------------------


def test_people_numbers() -> None:
    assert number(250000.0) == "250,000"
    assert number(67.75) == "67.75"
    assert number(82.825117, 2) == "82.83"
    assert signed(-19.0) == "−19"
    assert signed(0.0) == "0"
    assert signed(8.0) == "+8"


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, ""),
        (NAN, ""),
        (pd.NA, ""),
        (INF, ""),
        (-INF, ""),
        (0.0, "0"),
        (-19.0, "-19"),
        (1234.5, "1,234.5"),
        (123456.7891234, "123,456.789123"),  # at most six decimals
        (0.123456, "0.123456"),
        # below one millionth, three significant digits in scientific notation
        (1.5e-7, "1.5e-07"),
        (-1.5e-7, "-1.5e-07"),
        (9.99e-7, "9.99e-07"),
        (1e-6, "0.000001"),  # one millionth itself still fits six decimals
        (-1e-6, "-0.000001"),
        # whole numbers, on both sides of 1e15
        (999_999_999_999_999.0, "999,999,999,999,999"),
        # from 1e15 on a float holds no more than its 15 significant digits: no noise digits
        (1e15, "1e+15"),
        (-1e15, "-1e+15"),
        (1e16, "1e+16"),
        (1234567890123456.0, "1.23456789012346e+15"),
        (1e300, "1e+300"),
        (2**53 + 2.0, "9.00719925474099e+15"),  # 15 significant digits, not the noise after
    ],
)
def test_number(value: object, text: str) -> None:
    assert number(value) == text


@pytest.mark.parametrize(
    ("value", "decimals", "text"),
    [
        (1234.5, 2, "1,234.50"),
        (1234.5678, 0, "1,235"),
        (0.0, 1, "0.0"),
        (1.5e-7, 2, "0.00"),
        (INF, 2, ""),
        (NAN, 2, ""),
        (None, 2, ""),
    ],
)
def test_number_with_fixed_decimals(value: object, decimals: int, text: str) -> None:
    assert number(value, decimals) == text


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (2.0000001, "2"),  # six decimals are 2.000000: no trailing point is left
        (-1234.0000004, "-1,234"),
        (0.5000001, "0.5"),
    ],
)
def test_number_that_rounds_to_whole_has_no_point(value: float, text: str) -> None:
    assert number(value) == text


@pytest.mark.parametrize(
    ("value", "decimals", "text"),
    [
        (None, None, ""),
        (NAN, None, ""),
        (pd.NA, None, ""),
        (INF, None, ""),
        (-INF, 2, ""),
        (0.0, None, "0"),
        (-0.0, None, "0"),
        (0.0, 2, "0.00"),
        (8.0, None, "+8"),
        (-19.0, None, "−19"),  # a typographic minus, U+2212
        (1234.5, 2, "+1,234.50"),
        (-1234.5, 2, "−1,234.50"),
        # a tiny change keeps its sign; only the leading minus becomes typographic
        (1.5e-7, None, "+1.5e-07"),
        (-1.5e-7, None, "−1.5e-07"),
        (-0.001, 2, "−0.00"),
        (0.001, 2, "+0.00"),
    ],
)
def test_signed(value: object, decimals: int | None, text: str) -> None:
    assert signed(value, decimals) == text


# --- plain values for the machine formats --------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "kind", "expected"),
    [
        (209.0, "number", 209),
        (67.75, "number", 67.75),
        (0.1 + 0.2, "number", 0.3),
        (16.759776536, "pct", 16.76),
        (40.0, "pct", 40),
        (0.704891, "ratio", 0.705),
        (86.4000001, "derived", 86.4),
        (float("nan"), "number", None),
        (pd.NA, "int", None),
        (None, "text", None),
        (1e308, "number", 1e308),
        (np.int64(2024), "int", 2024),
        ("x", "text", "x"),
    ],
)
def test_plain_column(value: object, kind: str, expected: object) -> None:
    got = plain_column(pd.Series([value]), kind)[0]  # type: ignore[arg-type]
    assert got == expected
    assert type(got) is type(expected)


def column(values: list[object], kind: ColumnKind) -> list[str | int | float | None]:
    return plain_column(pd.Series(values, dtype=object), kind)


def test_plain_text_column() -> None:
    got = column([None, NAN, pd.NA, "x", 5, ""], "text")
    assert got == [None, None, None, "x", "5", ""]


@pytest.mark.parametrize("kind", ["number", "int", "pct", "derived", "ratio"])
def test_plain_numbers_drop_missing_and_infinite(kind: ColumnKind) -> None:
    assert column([None, NAN, pd.NA, INF, -INF], kind) == [None] * 5


def test_plain_whole_numbers_are_ints_below_1e15_only() -> None:
    got = column([999_999_999_999_999.0, -999_999_999_999_999.0, 1e15, -1e15, 1e16], "number")
    assert got == [999_999_999_999_999, -999_999_999_999_999, 1e15, -1e15, 1e16]
    assert [type(v) for v in got] == [int, int, float, float, float]


@pytest.mark.parametrize(
    ("value", "kind", "expected"),
    [
        (1.5e-7, "number", 1.5e-7),  # tiny figures are kept, not rounded to 0
        (-1.5e-7, "number", -1.5e-7),
        (1e-6, "number", 1e-6),
        (1.5e-7, "pct", 0),  # a percentage keeps 2 decimals
        (-0.004, "pct", 0),
        (2.345678, "derived", 2.35),
        (0.95049, "ratio", 0.95),  # 3 decimals: 0.950 is written 0.95
        (0.6005, "ratio", 0.6),  # 0.6005 is 0.60049999... in binary
        (12.0, "pct", 12),
        (2024.0, "int", 2024),
        (-3.0, "int", -3),
        (0.30000000000000004, "number", 0.3),  # binary noise dropped
        (1234567.891, "number", 1234567.891),
    ],
)
def test_plain_rounding_by_kind(value: float, kind: ColumnKind, expected: float) -> None:
    got = column([value], kind)[0]
    assert got == expected
    assert type(got) is type(expected)


def test_plain_column_keeps_order_and_mixes_types() -> None:
    got = column([1.0, 2.5, None, 3.0], "number")
    assert got == [1, 2.5, None, 3]
    assert [type(v) for v in got] == [int, float, type(None), int]


def test_plain_numbers_from_text() -> None:
    # numbers given as text are parsed; what is not a number is missing
    assert column(["12", "2.5", "abc"], "number") == [12, 2.5, None]


@pytest.mark.parametrize("kind", ["number", "int", "pct"])
def test_plain_nullable_integer_column(kind: ColumnKind) -> None:
    values = pd.Series(pd.array([2024, None, -3], dtype="Int64"))
    got = plain_column(values, kind)
    assert got == [2024, None, -3]
    assert [type(v) for v in got] == [int, type(None), int]


def test_plain_nullable_float_column() -> None:
    values = pd.Series(pd.array([1.5, None, 2.0], dtype="Float64"))
    got = plain_column(values, "number")
    assert got == [1.5, None, 2]
    assert [type(v) for v in got] == [float, type(None), int]


# --- control characters --------------------------------------------------------------------------


def test_safe_shows_control_characters() -> None:
    assert safe("a\x1b]8;;http://x\x07b") == "a\\x1b]8;;http://x\\x07b"
    assert safe("line\nnext\ttab") == "line\nnext\ttab"


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("\x00", "\\x00"),
        ("\x7f", "\\x7f"),
        ("\x9b", "\\x9b"),  # the 8-bit CSI
        ("a\x1fb", "a\\x1fb"),
        ("\xa0é稀", "\xa0é稀"),  # printable beyond ASCII stays
        ("a\nb\tc", "a\nb\tc"),
    ],
)
def test_safe(text: str, shown: str) -> None:
    assert safe(text) == shown
