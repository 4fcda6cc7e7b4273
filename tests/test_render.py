"""Renderers without the CLI: the formula guard and the CSV and TSV writers
(rarecli.render.delimited), JSON and Markdown (structured), the format chosen (formats) and the
atomic writer (write), which the editor uses too. Cells have their own tests, in test_cells.py."""

from __future__ import annotations

import csv
import io
import json
import os
import stat
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.console import Console

from rarecli.errors import OutputError
from rarecli.model import Dataset
from rarecli.render import write as write_module
from rarecli.render.delimited import (
    FORMULA_START,
    guard,
    to_csv,
    to_tsv,
    tsv_escape,
    tsv_unescape,
    unguard,
)
from rarecli.render.formats import Format, choose_format
from rarecli.render.structured import to_json, to_markdown
from rarecli.render.write import create_file, emit, replace_file, write_atomic

# --- the formula guard ---------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
def test_guard_prefixes_formula_starts(text: str) -> None:
    assert guard(text) == "'" + text


def test_guard_leaves_plain_text() -> None:
    assert guard("Rare earth") == "Rare earth"
    assert guard("稀土") == "稀土"


@pytest.mark.parametrize(
    ("text", "guarded"),
    [("=1", "'=1"), ("a=1", "a=1"), ("", ""), ("'x", "'x"), ("1-2", "1-2"), (" -1", " -1")],
)
def test_guard_looks_at_the_first_character_only(text: str, guarded: str) -> None:
    assert guard(text) == guarded


# --- CSV and TSV ---------------------------------------------------------------------------------


def test_csv_quoting_and_guard() -> None:
    frame = pd.DataFrame({"name": ['a,"b"\nc', "=cmd", None], "value": [1.0, -2.5, float("nan")]})
    text = to_csv(frame, {"value": "number"})
    assert text.splitlines()[0] == "name,value"
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[1:] == [['a,"b"\nc', "1"], ["'=cmd", "-2.5"], ["", ""]]


# Any text a dataset can hold (no NUL: validation refuses control characters other than newline
# and tab, and Python 3.10's csv module cannot write a NUL at all).
@given(st.lists(st.text(st.characters(blacklist_characters="\x00")), min_size=1, max_size=5))
def test_csv_round_trips_any_text(texts: list[str]) -> None:
    text = to_csv(pd.DataFrame({"t": texts}), {})
    back = [row[0] if row else "" for row in csv.reader(io.StringIO(text, newline=""))][1:]
    assert back == [guard(t) for t in texts]


def test_tsv_is_one_record_per_line_with_escapes() -> None:
    frame = pd.DataFrame(
        {"t": ["a\tb", "line\nnext\r", "back\\slash", '"quoted"', "=cmd"], "n": [1.0, 2, 3, 4, 5]}
    )
    text = to_tsv(frame, {"n": "int"})
    assert "\r" not in text
    assert text.split("\n") == [
        "t\tn",
        "a\\tb\t1",
        "line\\nnext\\r\t2",
        "back\\\\slash\t3",
        '"quoted"\t4',
        "'=cmd\t5",
        "",
    ]


# --- the guard and the escapes undone, as `import` reads them ----------------------------------


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


# --- JSON and Markdown ---------------------------------------------------------------------------


def test_json_and_markdown() -> None:
    frame = pd.DataFrame({"name": ["稀土|x"], "year": pd.array([pd.NA], dtype="Int64")})
    assert json.loads(to_json(frame, {"year": "int"})) == [{"name": "稀土|x", "year": None}]
    assert "稀土" in to_json(frame, {})  # non-ASCII kept as is
    assert to_markdown(frame, {"year": "int"}).splitlines() == [
        "| name | year |",
        "| --- | ---: |",
        "| 稀土\\|x |  |",
    ]


def test_list_columns_are_arrays_in_json_and_joined_elsewhere() -> None:
    frame = pd.DataFrame({"flags": ["derived;secondary", None]})
    assert json.loads(to_json(frame, {"flags": "list"})) == [
        {"flags": ["derived", "secondary"]},
        {"flags": []},
    ]
    assert to_csv(frame, {"flags": "list"}).split("\r\n") == [
        "flags",
        "derived;secondary",
        '""',
        "",
    ]
    assert to_markdown(frame, {"flags": "list"}).splitlines()[2] == "| derived;secondary |"


# --- the format chosen ---------------------------------------------------------------------------


def test_terminal_console_gets_a_table_and_a_pipe_gets_csv(shipped: Dataset) -> None:
    from rarecli.listings.growth import growth_listing
    from rarecli.queries.growth import growth_detail, resolve_years

    report = growth_listing(shipped, growth_detail(shipped), resolve_years(shipped), False)
    screen = Console(file=io.StringIO(), width=100, force_terminal=True, color_system=None)
    emit(report, Format.table, console=screen)
    assert "Growth 2022 → 2024: Baotou rare earth industry" in screen.file.getvalue()  # type: ignore[attr-defined]
    piped = Console(file=io.StringIO(), width=100, force_terminal=False)
    assert choose_format(None, None, piped.is_terminal) is Format.csv
    assert choose_format(None, Path("x.md"), True) is Format.markdown
    assert choose_format(Format.json, Path("x.md"), True) is Format.json


# --- the atomic writer ---------------------------------------------------------------------------


def test_atomic_write_replaces_whole_file(tmp_path: Path) -> None:
    path = tmp_path / "out.csv"
    path.write_text("old")
    path.chmod(0o640)
    write_atomic(path, b"new")
    assert path.read_text() == "new"
    assert path.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


def test_atomic_write_refuses_directory_and_protected(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="is a directory"):
        write_atomic(tmp_path, b"x")
    data = tmp_path / "data.toml"
    data.write_text("keep")
    with pytest.raises(OutputError, match="refusing to overwrite"):
        write_atomic(tmp_path / "." / "data.toml", b"x", protect=data)
    assert data.read_text() == "keep"


def test_atomic_write_through_a_symlink_keeps_the_link(tmp_path: Path) -> None:
    target = tmp_path / "real.csv"
    target.write_text("old")
    target.chmod(0o600)
    link = tmp_path / "link.csv"
    link.symlink_to(target)
    write_atomic(link, b"new")
    assert link.is_symlink()
    assert target.read_text() == "new"
    assert target.stat().st_mode & 0o777 == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.csv", "real.csv"]


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_replace_file_keeps_the_mode_given(tmp_path: Path) -> None:
    path = tmp_path / "f.txt"
    path.write_text("old")
    path.chmod(0o640)
    replace_file(path, b"new", path.stat().st_mode)
    assert path.read_bytes() == b"new"
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert _leftovers(tmp_path) == []


def test_a_new_file_gets_the_umask_mode(tmp_path: Path) -> None:
    umask = os.umask(0o027)
    try:
        replace_file(tmp_path / "a", b"x")
        create_file(tmp_path / "b", b"y")
    finally:
        os.umask(umask)
    assert stat.S_IMODE((tmp_path / "a").stat().st_mode) == 0o640
    assert stat.S_IMODE((tmp_path / "b").stat().st_mode) == 0o640
    assert (tmp_path / "b").read_bytes() == b"y"


def test_create_file_never_overwrites(tmp_path: Path) -> None:
    path = tmp_path / "f.toml"
    path.write_text("mine")
    with pytest.raises(FileExistsError):
        create_file(path, b"theirs")
    assert path.read_text() == "mine"
    assert _leftovers(tmp_path) == []


def test_a_failed_write_leaves_the_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "f.txt"
    path.write_text("old")

    def disk_full(_: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(write_module.os, "fsync", disk_full)
    with pytest.raises(OSError, match="No space left"):
        replace_file(path, b"new")
    with pytest.raises(OSError, match="No space left"):
        create_file(tmp_path / "g.txt", b"new")
    assert path.read_text() == "old"
    assert not (tmp_path / "g.txt").exists()
    assert _leftovers(tmp_path) == []
