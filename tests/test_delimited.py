"""CSV and TSV rules, written once both ways: what a listing writes, `import` reads back."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rarecli.render.delimited import FORMULA_START, guard, tsv_escape, tsv_unescape, unguard


@pytest.mark.parametrize(
    ("text", "guarded"),
    [
        ("=SUM(A1)", "'=SUM(A1)"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@cmd", "'@cmd"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("a=b", "a=b"),  # only the first character counts
        ("", ""),
        ("'quoted", "'quoted"),
    ],
)
def test_guard_and_its_undoing(text: str, guarded: str) -> None:
    assert guard(text) == guarded
    assert unguard(guarded) == text


def test_unguard_keeps_a_quote_before_anything_else() -> None:
    assert unguard("'") == "'"
    assert unguard("'a") == "'a"
    assert unguard("''=") == "''="


@given(st.text())
def test_unguard_undoes_guard(text: str) -> None:
    if text.startswith("'") and text[1:2] in FORMULA_START and text[1:2]:
        return  # a text that looks guarded already: written as is, read with its quote dropped
    assert unguard(guard(text)) == text


@pytest.mark.parametrize(
    ("value", "escaped"),
    [("a\tb", "a\\tb"), ("a\nb", "a\\nb"), ("a\rb", "a\\rb"), ("a\\b", "a\\\\b"), ("ab", "ab")],
)
def test_tsv_escapes_and_their_undoing(value: str, escaped: str) -> None:
    assert tsv_escape(value) == escaped
    assert tsv_unescape(escaped) == value


def test_tsv_unescape_keeps_an_unknown_or_trailing_backslash() -> None:
    assert tsv_unescape("a\\xb") == "a\\xb"
    assert tsv_unescape("a\\") == "a\\"


@given(st.text())
def test_tsv_round_trip_and_one_line(value: str) -> None:
    escaped = tsv_escape(value)
    assert not {"\t", "\n", "\r"} & set(escaped)
    assert tsv_unescape(escaped) == value
