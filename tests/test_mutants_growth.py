"""Growth behaviour that mutation testing found unguarded: sort keys, CAGR edges, the caption.

Every expected figure is worked out by hand in the comment beside it.
"""

from __future__ import annotations

import io
import math
from typing import Any

import pandas as pd
import pytest
from rich.console import Console

from helpers import HEADER, Point, indicator
from rarecli.listings.growth import growth_listing
from rarecli.loader import parse_dataset
from rarecli.model import Dataset
from rarecli.queries.growth import compare_years, growth, growth_detail, resolve_years

Row = dict[str, Any]

# Dataset order zeta, alpha, neg, mid, beta; 2020 -> 2022 (span 2 years):
#   zeta  100 -> 125: change +25, change_pct +25 %,  CAGR sqrt(1.25) - 1 = +11.80 %
#   alpha  10 ->  40: change +30, change_pct +300 %, CAGR sqrt(4) - 1    = +100 %
#   neg    80 ->  60: change -20, change_pct -25 %,  CAGR sqrt(0.75) - 1 = -13.40 %
#   mid    50 ->  70: change +20, change_pct +40 %,  CAGR sqrt(1.4) - 1  = +18.32 %
#   beta   only 2022: every figure empty (listed with include_all only)
# change and change_pct rank zeta and mid differently, so each key is told apart.
RANKED = (
    indicator("zeta", {2020: 100, 2022: 125})
    + indicator("alpha", {2020: 10, 2022: 40})
    + indicator("neg", {2020: 80, 2022: 60})
    + indicator("mid", {2020: 50, 2022: 70})
    + indicator("beta", {2022: 5})
)


@pytest.fixture(scope="module")
def ranked() -> Dataset:
    return parse_dataset(HEADER + RANKED)


@pytest.mark.parametrize(
    ("sort", "order"),
    [
        ("dataset", ["zeta", "alpha", "neg", "mid", "beta"]),
        ("indicator", ["alpha", "beta", "mid", "neg", "zeta"]),  # by id, A to Z
        # largest first, the incomplete row last: 30, 25, 20, -20, empty
        ("change", ["alpha", "zeta", "mid", "neg", "beta"]),
        # 300 %, 40 %, 25 %, -25 %, empty
        ("change_pct", ["alpha", "mid", "zeta", "neg", "beta"]),
        # 100 %, 18.32 %, 11.80 %, -13.40 %, empty
        ("cagr_pct", ["alpha", "mid", "zeta", "neg", "beta"]),
    ],
)
def test_each_sort_key_orders_the_rows(ranked: Dataset, sort: str, order: list[str]) -> None:
    assert list(growth(ranked, include_all=True, sort=sort)["indicator_id"]) == order
    complete = [i for i in order if i != "beta"]
    assert list(growth(ranked, sort=sort)["indicator_id"]) == complete


def test_sorted_rows_keep_their_own_figures(ranked: Dataset) -> None:
    table = growth(ranked, sort="change")
    assert table["change"].tolist() == [30, 25, 20, -20]
    assert table["change_pct"].tolist() == [300, 25, 40, -25]
    assert table["from_value"].tolist() == [10, 100, 50, 80]
    assert table["to_value"].tolist() == [40, 125, 70, 60]
    assert table.index.tolist() == [0, 1, 2, 3]


def one(points: dict[int, Point], start: int | None = None, end: int | None = None) -> Row:
    ds = parse_dataset(HEADER + indicator("a", points))
    return {str(k): v for k, v in growth(ds, start, end).iloc[0].items()}


def test_cagr_is_empty_when_the_end_value_is_zero() -> None:
    got = one({2020: 10, 2022: 0})
    assert got["change"] == -10  # 0 - 10
    assert got["change_pct"] == -100  # 100 * -10 / 10
    assert math.isnan(got["cagr_pct"])  # (0 / 10) ** (1 / 2) - 1 would be -100 %: not defined


def test_cagr_is_empty_when_the_end_value_is_negative() -> None:
    got = one({2020: 10, 2022: -5})
    assert got["change"] == -15  # -5 - 10
    assert got["change_pct"] == -150  # 100 * -15 / 10
    assert math.isnan(got["cagr_pct"])


def test_cagr_over_one_year_is_the_relative_change() -> None:
    got = one({2020: 1, 2021: 100, 2022: 150}, 2021, 2022)
    assert (got["from_year"], got["to_year"]) == (2021, 2022)
    assert got["change"] == 50  # 150 - 100
    assert got["change_pct"] == 50  # 100 * 50 / 100
    assert got["cagr_pct"] == 50  # 100 * ((150 / 100) ** (1 / 1) - 1)


def test_cagr_over_three_years() -> None:
    got = one({2019: 8, 2022: 27})
    assert got["change"] == 19  # 27 - 8
    assert got["change_pct"] == 237.5  # 100 * 19 / 8
    assert math.isclose(got["cagr_pct"], 50)  # (27 / 8) ** (1 / 3) = 1.5


def test_change_beyond_the_float_range_is_empty() -> None:
    got = one({2020: -1e308, 2022: 1e308})
    assert math.isnan(got["change"])  # 1e308 + 1e308 overflows to infinity
    assert math.isnan(got["change_pct"])
    assert math.isnan(got["cagr_pct"])


def test_complete_marks_rows_with_both_years(ranked: Dataset) -> None:
    detail = growth_detail(ranked).set_index("indicator_id")
    assert detail["complete"].to_dict() == {
        "zeta": True,
        "alpha": True,
        "neg": True,
        "mid": True,
        "beta": False,
    }


# Three sources in this order: src (from HEADER), alpha_src, beta_src. The 2020 figure cites
# beta_src, the 2022 figure alpha_src, the 2021 one (not compared) src.
CITED = (
    HEADER
    + """
[[sources]]
id = "alpha_src"
title = "A"
publisher = "Alpha Press"
published = "2021-03"

[[sources]]
id = "beta_src"
title = "B"
publisher = "Beta Daily"

[[indicators]]
id = "x"
name = "X"
unit = "units"
category = "things"

  [[indicators.observations]]
  year = 2020
  value = 10
  source = "beta_src"

  [[indicators.observations]]
  year = 2021
  value = 12
  source = "src"

  [[indicators.observations]]
  year = 2022
  value = 15
  source = "alpha_src"
"""
)


def caption_of(ds: Dataset) -> list[str]:
    detail = growth_detail(ds, 2020, 2022)
    report = growth_listing(ds, detail, resolve_years(ds, 2020, 2022), False)
    screen = Console(file=io.StringIO(), width=200, color_system=None)
    screen.print(report.table())
    lines = screen.file.getvalue().splitlines()  # type: ignore[attr-defined]
    return [line.rstrip() for line in lines if line.startswith("Sources:")]


def test_each_side_keeps_its_source() -> None:
    ds = parse_dataset(CITED)
    detail = growth_detail(ds, 2020, 2022).set_index("indicator_id")
    assert detail.loc["x", "from_source"] == "beta_src"
    assert detail.loc["x", "to_source"] == "alpha_src"
    assert detail.loc["x", "from_status"] == "reported"
    assert detail.loc["x", "to_status"] == "reported"


def test_growth_table_caption_cites_both_years_in_dataset_order() -> None:
    ds = parse_dataset(CITED)
    # alpha_src before beta_src (dataset order), with its date; src (2021 only) is not cited
    assert caption_of(ds) == ["Sources: alpha_src (Alpha Press, 2021-03); beta_src (Beta Daily)"]


def test_ties_keep_dataset_order_whatever_the_size() -> None:
    # 40 indicators whose change is alternately +1 and +2 (10 -> 11, 10 -> 12): a stable sort
    # lists every +2 in dataset order, then every +1 in dataset order. An unstable sort (numpy's
    # default introsort) reorders ties once a table has more than 16 rows.
    body = "".join(indicator(f"i{n:02d}", {2020: 10, 2022: 11 + n % 2}) for n in range(40))
    ds = parse_dataset(HEADER + body)
    odd, even = [f"i{n:02d}" for n in range(1, 40, 2)], [f"i{n:02d}" for n in range(0, 40, 2)]
    for key in ("change", "change_pct", "cagr_pct"):
        assert list(growth(ds, sort=key)["indicator_id"]) == odd + even, key


@pytest.mark.parametrize(
    ("start", "end", "change_pct", "cagr_pct"),
    [
        (1, 3, 200, 100 * (3**0.5 - 1)),  # 100 * 2 / 1; a base of exactly 1 is a base
        (0.5, 2, 300, 100),  # 100 * 1.5 / 0.5; (2 / 0.5) ** (1 / 2) = 2
        (4, 1, -75, -50),  # 100 * -3 / 4; (1 / 4) ** (1 / 2) = 0.5: an end of 1 is an end
        (4, 0.25, -93.75, -75),  # 100 * -3.75 / 4; (0.25 / 4) ** (1 / 2) = 0.25
    ],
)
def test_relative_figures_with_values_up_to_one(
    start: float, end: float, change_pct: float, cagr_pct: float
) -> None:
    got = one({2020: start, 2022: end})
    assert math.isclose(got["change_pct"], change_pct)
    assert math.isclose(got["cagr_pct"], cagr_pct)


def test_years_are_nullable_integers(ranked: Dataset) -> None:
    table = growth(ranked, include_all=True).set_index("indicator_id")
    assert str(table["from_year"].dtype) == "Int64"
    assert str(table["to_year"].dtype) == "Int64"
    assert table.loc["beta", "from_year"] is pd.NA  # beta has no 2020 figure
    assert table.loc["beta", "to_year"] == 2022


def test_detail_has_a_plain_index(ranked: Dataset) -> None:
    detail = growth_detail(ranked, sort="change")
    assert "index" not in detail.columns
    assert detail.index.tolist() == [0, 1, 2, 3, 4]


def test_compare_years_keeps_dataset_order_by_default(ranked: Dataset) -> None:
    got = compare_years(ranked, (2020, 2022))
    assert list(got["indicator_id"]) == ["zeta", "alpha", "neg", "mid", "beta"]


def test_current_year_is_the_default_end_even_when_not_the_latest() -> None:
    text = HEADER.replace(
        'region = "Testland"', 'region = "T"\nbase_year = 2020\ncurrent_year = 2021'
    )
    ds = parse_dataset(text + indicator("a", {2019: 1, 2020: 2, 2021: 3, 2022: 4}))
    got = growth(ds).iloc[0]
    assert (got["from_year"], got["to_year"], got["change"]) == (2020, 2021, 1)  # 3 - 2
