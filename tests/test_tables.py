"""The terminal tables (rarecli.tables): they fit the terminal and never cut a number, a status
or an id; an id breaks only at an underscore; a fall reads as a fall without colour; when the
terminal is too narrow the bars go first, then each row becomes a block, and the table says so."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.cells import cell_len

from helpers import BIG, run, target, write


@pytest.mark.parametrize("width", [40, 60, 80, 120])
@pytest.mark.parametrize("command", ["growth", "targets", "indicators", "sources", "enterprises"])
def test_tables_fit_and_keep_every_number_whole(tmp_path: Path, command: str, width: int) -> None:
    data = write(
        tmp_path,
        BIG,
        target("huge_target", "huge_value_series_with_a_long_identifier", 1e12, deadline=2030),
    )
    code, out, _ = run(
        command, "--data", str(data), "-f", "table", env={"COLUMNS": str(width), "NO_COLOR": "1"}
    )
    assert code == 0
    assert max(cell_len(line) for line in out.splitlines()) <= width
    assert "…" not in out
    flat = out.replace("\n", " ")
    if command == "growth":
        for number in (
            "987,654,321,098.25",
            "123,456,789,012.5",
            "+16.76%" if False else "+100.00%",
        ):
            assert number in flat, (width, number)
        assert (
            "huge_value_series_with_a_long_identifier" in flat.replace(" ", "").replace("\n", "")
            or "huge_value_series_with_a_long_identifier" in out
        )


def test_ids_break_only_at_underscores_in_a_very_narrow_terminal(tmp_path: Path) -> None:
    data = write(tmp_path, BIG)
    _, out, _ = run(
        "growth", "--data", str(data), "-f", "table", env={"COLUMNS": "20", "NO_COLOR": "1"}
    )
    lines = out.splitlines()
    assert "huge_value_series_" in lines
    assert "with_a_long_" in lines
    assert "identifier" in lines
    assert all(cell_len(line) <= 20 for line in lines)


def test_a_fall_looks_different_from_a_rise_without_colour(tmp_path: Path) -> None:
    data = write(tmp_path, BIG.split('[[indicators]]\nid = "huge')[0])
    _, out, _ = run(
        "growth", "--data", str(data), "-f", "table", env={"COLUMNS": "120", "NO_COLOR": "1"}
    )
    falls = next(line for line in out.splitlines() if line.startswith("Falls"))
    rises = next(line for line in out.splitlines() if line.startswith("Small up"))
    assert "−6" in falls
    assert "−60.00%" in falls
    assert "░" in falls
    assert "+1" in rises
    assert "+100.00%" in rises
    assert "█" in rises
    assert "░" not in rises


def test_narrow_table_drops_bars_and_says_so() -> None:
    _, out, _ = run("growth", "-f", "table", env={"COLUMNS": "70"})
    assert "Bars hidden: the terminal is too narrow for them." in out
    assert "+16.76%" in out
    assert "+8.06%" in out


def test_stacked_layout_says_so() -> None:
    _, out, _ = run("growth", "-f", "table", env={"COLUMNS": "60"})
    assert "each row is shown as a block" in " ".join(out.split())
    assert "  Change %: +16.76%" in out.splitlines()
    assert "  CAGR %: +8.06%" in out.splitlines()
