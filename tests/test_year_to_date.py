"""Year-to-date figures (January to some month): growth, targets and indicators use full years,
unless --months compares the same months of two years; a period is written "Jan–May 2025"; show
carries the months of each figure."""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
from pathlib import Path

import pytest

from helpers import indicator, run, target, write
from rarecli import growth, load_dataset, target_progress
from rarecli.queries.indicators import indicator_table
from rarecli.queries.show import observation_table
from rarecli.vocabulary import period


def ytd(body: str, year: int, months: int) -> str:
    """`body` with its observation of `year` made a January-to-`months` figure."""
    return body.replace(f"year = {year}\n", f"year = {year}\n  months = {months}\n", 1)


# Output value: full years 2022 and 2024; Jan–May of 2024 and 2025 (2024's written as 2023 and
# moved there, since the helper takes one value per year).
OUTPUT = ytd(
    ytd(indicator("output", {2022: 60, 2024: 100, 2023: 30, 2025: 36}), 2023, 5), 2025, 5
).replace("year = 2023\n  months = 5", "year = 2024\n  months = 5")


def test_period_words() -> None:
    assert [period(2025, m) for m in (1, 5, 6, 11, 12)] == [
        "Jan 2025",
        "Jan–May 2025",
        "Jan–Jun 2025",
        "Jan–Nov 2025",
        "2025",
    ]


def test_growth_uses_full_year_figures(tmp_path: Path) -> None:
    ds = load_dataset(write(tmp_path, OUTPUT))
    row = growth(ds).iloc[0]
    # full years only: 60 -> 100 over two years; the Jan-May figures are not the latest
    assert (row["from_year"], row["to_year"], row["from_value"], row["to_value"]) == (
        2022,
        2024,
        60,
        100,
    )
    assert math.isclose(row["cagr_pct"], 100 * (math.sqrt(100 / 60) - 1))


def test_growth_months_compares_the_same_period(tmp_path: Path) -> None:
    data = write(tmp_path, OUTPUT)
    row = growth(load_dataset(data), months=5).iloc[0]
    assert (row["from_year"], row["to_year"], row["from_value"], row["to_value"]) == (
        2024,
        2025,
        30,
        36,
    )
    assert row["change_pct"] == pytest.approx(20.0)  # 36 / 30 - 1
    code, out, _ = run("growth", "--months", "5", "--data", str(data), "-f", "table")
    assert code == 0
    assert out.splitlines()[0].rstrip() == "Growth Jan–May 2024 → Jan–May 2025: Test industry"
    assert "Year-to-date figures: January to May of each year." in out


def test_growth_to_a_year_with_only_year_to_date_figures(tmp_path: Path) -> None:
    data = write(tmp_path, OUTPUT)
    code, out, err = run("growth", "--to", "2025", "--data", str(data))
    assert (code, out) == (2, "")
    assert err == (
        "rarecli: error: --to: the dataset has no observation in 2025\n"
        "  hint: years with full-year figures: 2022, 2024\n"
    )
    code, _, err = run("growth", "--months", "6", "--to", "2025", "--data", str(data))
    assert (
        err.splitlines()[0]
        == "rarecli: error: --to: the dataset has no January to June figure in 2025"
    )


def test_months_with_a_single_year_of_such_figures_is_a_usage_error(tmp_path: Path) -> None:
    body = ytd(indicator("a", {2024: 1, 2025: 2}), 2025, 5)
    code, out, err = run("growth", "--months", "5", "--data", str(write(tmp_path, body)))
    assert (code, out) == (2, "")
    assert err.splitlines()[0] == (
        "rarecli: error: --months: only 2025 has January to May figures; growth compares two years"
    )


def test_targets_use_full_year_figures(tmp_path: Path) -> None:
    ds = load_dataset(write(tmp_path, OUTPUT, target("t", "output", 200, deadline=2030)))
    row = target_progress(ds, today=dt.date(2026, 1, 1)).iloc[0]
    assert (row["baseline_year"], row["latest_year"], row["latest_value"]) == (2022, 2024, 100)


def test_indicators_report_full_year_figures_and_count_every_observation(tmp_path: Path) -> None:
    row = indicator_table(load_dataset(write(tmp_path, OUTPUT))).iloc[0]
    assert (row["first_year"], row["latest_year"], row["latest_value"]) == (2022, 2024, 100)
    assert row["observations"] == 4


def test_show_writes_periods_and_carries_months_and_source_type(tmp_path: Path) -> None:
    data = write(tmp_path, OUTPUT)
    frame = observation_table(load_dataset(data), "output")
    assert list(zip(frame["year"], frame["months"], strict=True)) == [
        (2022, 12),
        (2024, 5),
        (2024, 12),
        (2025, 5),
    ]
    _, out, _ = run("show", "output", "--data", str(data), "-f", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert list(rows[0]) == [
        "indicator_id",
        "year",
        "months",
        "value",
        "unit",
        "status",
        "source_id",
        "source_type",
        "quote",
        "note",
        "known",
        "early",
        "current",
    ]
    assert [r["months"] for r in rows] == ["12", "5", "12", "5"]
    _, table, _ = run("show", "output", "--data", str(data), "-f", "table", env={"COLUMNS": "120"})
    assert "Jan–May 2025" in table
    assert "Jan–May 2024" in table
