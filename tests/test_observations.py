"""`rarecli observations`: every figure long (the import contract) and wide (years as columns),
its filters, its library twin and its terminal table."""

from __future__ import annotations

import csv
import io
import json
import math
from pathlib import Path

import pandas as pd
import pytest

import rarecli
from helpers import indicator, run, write
from rarecli.loader import load_dataset
from rarecli.queries.observations import LONG_COLUMNS
from rarecli.vocabulary import period

# A second source that is an aggregator, and one that only corroborates.
SOURCES = """
[[sources]]
id = "blog"
title = "A reprint"
publisher = "A blog"
type = "aggregator"
url = "https://blog.example/post"

[[sources]]
id = "paper"
title = "A newspaper story"
publisher = "A newspaper"
type = "media"
"""
# a: gaps (no 2019), a lower bound in 2021, a year-to-date figure for Jan–May 2022;
# b: a derived figure from the aggregator only (secondary), in another category;
# c: no figure at all.
OBSERVED = """
[[indicators]]
id = "a"
name = "Alpha output"
unit = "t"
category = "output"
  [[indicators.observations]]
  year = 2020
  value = 100
  source = "src"
  quote = "100 t in 2020"
  corroborated_by = ["paper"]
  [[indicators.observations]]
  year = 2021
  value = 110.5
  source = "src"
  status = "lower_bound"
  quote = "over 110.5 t"
  [[indicators.observations]]
  year = 2022
  months = 5
  value = 50
  source = "src"
  quote = "50 t from January to May"

[[indicators]]
id = "b"
name = "Beta firms"
unit = "firms"
category = "firms"
  [[indicators.observations]]
  year = 2019
  value = 7
  source = "blog"
  status = "derived"
  note = "9 - 2"
"""


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return write(tmp_path, SOURCES, OBSERVED, indicator("c", category="firms"))


def test_long_columns_are_the_contract_on_the_shipped_data() -> None:
    code, out, err = run("observations", "-f", "csv")
    assert (code, err) == (0, "")
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == list(LONG_COLUMNS)
    shipped = load_dataset()
    assert len(rows) - 1 == shipped.observation_count


def test_long_rows_in_dataset_order_then_year_and_months(data: Path) -> None:
    code, out, _ = run("observations", "-f", "csv", "--data", str(data))
    assert code == 0
    lines = out.splitlines()
    assert lines[1:] == [
        # published, known (undated sources: empty), early, current
        "a,Alpha output,output,t,,2020,12,100,reported,src,,100 t in 2020,,,,false,true",
        "a,Alpha output,output,t,,2021,12,110.5,lower_bound,src,,over 110.5 t,,,,false,true",
        "a,Alpha output,output,t,,2022,5,50,reported,src,,50 t from January to May,,,,false,true",
        "b,Beta firms,firms,firms,,2019,12,7,derived,blog,aggregator,,9 - 2,,,false,true",
    ]


def test_wide_has_full_years_only_plain_numbers_and_flags(data: Path) -> None:
    code, out, _ = run("observations", "--wide", "-f", "csv", "--data", str(data))
    assert code == 0
    # 2022 has only a year-to-date figure: no column; c has no figure yet: a row all the same.
    assert out.splitlines() == [
        "indicator_id,indicator,category,unit,2019,2020,2021,flags",
        "a,Alpha output,output,t,,100,110.5,2021: lower_bound",
        'b,Beta firms,firms,firms,7,,,"2019: derived, secondary"',
        "c,C,firms,units,,,,",
    ]


def test_wide_json_numbers_and_nulls(data: Path) -> None:
    code, out, _ = run("observations", "--wide", "-f", "json", "--data", str(data))
    assert code == 0
    rows = json.loads(out)
    assert rows[0] == {
        "indicator_id": "a",
        "indicator": "Alpha output",
        "category": "output",
        "unit": "t",
        "2019": None,
        "2020": 100,
        "2021": 110.5,
        "flags": "2021: lower_bound",
    }
    assert isinstance(rows[1]["2019"], int)


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["-c", "firms"], [("b", 2019, 12)]),
        (["-i", "a", "--from", "2021"], [("a", 2021, 12), ("a", 2022, 5)]),
        (["--to", "2020"], [("a", 2020, 12), ("b", 2019, 12)]),
        (["--from", "2020", "--to", "2020"], [("a", 2020, 12)]),
        (["-c", "output", "-c", "firms", "--from", "2030"], []),
    ],
)
def test_filters(data: Path, args: list[str], expected: list[tuple[str, int, int]]) -> None:
    code, out, err = run("observations", "-f", "json", "--data", str(data), *args)
    assert (code, err) == (0, "")
    assert [(r["indicator_id"], r["year"], r["months"]) for r in json.loads(out)] == expected


def test_a_range_without_figures_is_empty_not_an_error(data: Path) -> None:
    code, out, err = run("observations", "--from", "2030", "-f", "csv", "--data", str(data))
    assert (code, err) == (0, "")
    assert out.splitlines() == [",".join(LONG_COLUMNS)]  # the header alone
    code, out, _ = run("observations", "--wide", "--from", "2030", "--data", str(data))
    assert out.splitlines() == [
        "indicator_id,indicator,category,unit,flags",
        "a,Alpha output,output,t,",
        "b,Beta firms,firms,firms,",
        "c,C,firms,units,",
    ]


@pytest.mark.parametrize(
    ("args", "message", "hint"),
    [
        (["-c", "firm"], "--category: unknown category 'firm'", "did you mean 'firms'?"),
        (["-i", "alpha"], "--indicator: unknown indicator id 'alpha'", "valid indicator ids"),
        (
            ["--from", "2022", "--to", "2020"],
            "--from: 2022 is later than the end year 2020",
            "swap",
        ),
    ],
)
def test_usage_errors(data: Path, args: list[str], message: str, hint: str) -> None:
    code, out, err = run("observations", "--data", str(data), *args)
    assert (code, out) == (2, "")
    assert err.splitlines()[0] == f"rarecli: error: {message}"
    assert hint in err


def test_library_returns_the_cli_frame(data: Path) -> None:
    ds = load_dataset(data)
    for wide in (False, True):
        frame = rarecli.observations(ds, wide=wide)
        args = ["observations", "-f", "json", "--data", str(data), *(["--wide"] if wide else [])]
        code, out, _ = run(*args)
        assert code == 0
        rows = json.loads(out)
        assert list(frame.columns) == list(rows[0])
        for got, row in zip(frame.to_dict("records"), rows, strict=True):
            for key, value in row.items():
                cell = got[key]
                if value is None:
                    assert cell is None or (isinstance(cell, float) and math.isnan(cell))
                else:
                    assert cell == value
    assert "observations" in rarecli.__all__


def test_library_selection_and_types(data: Path) -> None:
    ds = load_dataset(data)
    long = rarecli.observations(ds, categories=["output"], start=2021)
    assert long["year"].tolist() == [2021, 2022]
    assert long["months"].tolist() == [12, 5]
    assert long["value"].tolist() == [110.5, 50.0]
    wide = rarecli.observations(ds, indicators=["b"], wide=True)
    assert list(wide.columns) == ["indicator_id", "indicator", "category", "unit", "2019", "flags"]
    assert wide.loc[0, "2019"] == 7.0
    assert pd.api.types.is_float_dtype(wide["2019"])


@pytest.mark.parametrize(
    ("year", "months", "text"),
    [
        (2025, 5, "Jan–May 2025"),
        (2025, 1, "Jan 2025"),
        (2024, 6, "Jan–Jun 2024"),
        (2024, 12, "2024"),
    ],
)
def test_period(year: int, months: int, text: str) -> None:
    assert period(year, months) == text


def test_long_table_writes_year_to_date_periods(data: Path) -> None:
    code, out, _ = run("observations", "-f", "table", "--data", str(data))
    assert code == 0
    assert "Jan–May 2022" in out
    assert "≥ 110.5" in out
    assert "months: the figure covers January to that month" in out
    assert "secondary: from a secondary source only" in out


def test_wide_table_marks_flagged_figures(data: Path) -> None:
    code, out, _ = run("observations", "--wide", "-f", "table", "--data", str(data))
    assert code == 0
    assert "≥ 110.5*" in out
    assert "7*" in out
    assert "Year-to-date figures are left out here" in out
    assert "2022" not in out.split("\n")[2]  # no 2022 column: only a year-to-date figure


def test_every_text_format(data: Path) -> None:
    _, tsv, _ = run("observations", "-f", "tsv", "--data", str(data))
    assert tsv.splitlines()[0].split("\t") == list(LONG_COLUMNS)
    _, md, _ = run("observations", "--wide", "-f", "markdown", "--data", str(data))
    assert (
        md.splitlines()[0]
        == "| indicator_id | indicator | category | unit | 2019 | 2020 | 2021 | flags |"
    )
