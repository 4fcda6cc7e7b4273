"""Growth (rarecli.queries.growth): change, relative change and CAGR between two years against
values worked out by hand, in the comment beside each; the edges of that arithmetic, the bounds,
which rows and years are compared, the sort keys, and the sources in the growth table's caption.
"""

from __future__ import annotations

import io
import math
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.console import Console

from helpers import HEADER, Point, indicator, write
from rarecli import growth, load_dataset
from rarecli.errors import UsageError
from rarecli.listings.growth import growth_listing
from rarecli.loader import parse_dataset
from rarecli.model import Dataset
from rarecli.queries.growth import (
    GROWTH_COLUMNS,
    check_sort,
    compare_years,
    growth_detail,
    resolve_years,
)


def row(frame, indicator_id: str) -> dict[str, object]:  # type: ignore[no-untyped-def]
    return frame.set_index("indicator_id").loc[indicator_id].to_dict()  # type: ignore[no-any-return]


Row = dict[str, Any]


def one(points: dict[int, Point], start: int | None = None, end: int | None = None) -> Row:
    ds = parse_dataset(HEADER + indicator("a", points))
    return {str(k): v for k, v in growth(ds, start, end).iloc[0].items()}


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


# --- the columns and the shipped figures ---------------------------------------------------------


def test_columns_in_contract_order(shipped: Dataset) -> None:
    assert list(growth(shipped).columns) == [
        "indicator_id",
        "indicator",
        "category",
        "unit",
        "from_year",
        "from_value",
        "from_status",
        "to_year",
        "to_value",
        "to_status",
        "change",
        "change_pct",
        "cagr_pct",
        "bound",
        "flags",
    ]
    assert list(GROWTH_COLUMNS) == list(growth(shipped).columns)


def test_default_compares_2022_with_2024(shipped: Dataset) -> None:
    table = growth(shipped)
    assert set(table["from_year"]) == {2022}
    assert set(table["to_year"]) == {2024}
    assert list(table["indicator_id"]) == [
        "rare_earth_enterprises",
        "large_scale_enterprises",
        "national_high_tech_enterprises",
        "top10_magnet_companies_present",
        "local_conversion_rate",
        "industry_output_value",
    ]


@pytest.mark.parametrize(
    ("indicator_id", "start", "end", "change", "change_pct", "cagr_pct", "flags"),
    [
        # The 2024 counts and rate come from the article of 2024-10-09, published before 2024
        # ended: early figures.
        # 209 - 179 = 30; 30 / 179 = 16.76 %; sqrt(209 / 179) - 1 = 8.06 %
        ("rare_earth_enterprises", 179, 209, 30, 16.76, 8.06, "derived;early"),
        # 85 - 63 = 22; 22 / 63 = 34.92 %; sqrt(85 / 63) - 1 = 16.16 %
        ("large_scale_enterprises", 63, 85, 22, 34.92, 16.16, "derived;early"),
        # 70 - 50 = 20; 40 %; sqrt(1.4) - 1 = 18.32 %
        ("national_high_tech_enterprises", 50, 70, 20, 40.0, 18.32, "derived;early"),
        # a rate: +8 percentage points, +10 % relative; sqrt(1.1) - 1 = 4.88 %
        ("local_conversion_rate", 80, 88, 8, 10.0, 4.88, "assumed_year;early"),
        # at least 100: change >= 32.25, >= 47.60 %, CAGR >= sqrt(100 / 67.75) - 1 = 21.49 %
        # the 2024 figure was read on a mirror only (an aggregator): secondary
        ("industry_output_value", 67.75, 100, 32.25, 47.60, 21.49, "lower_bound;secondary"),
    ],
)
def test_shipped_growth_by_hand(
    shipped: Dataset,
    indicator_id: str,
    start: float,
    end: float,
    change: float,
    change_pct: float,
    cagr_pct: float,
    flags: str,
) -> None:
    got = row(growth(shipped), indicator_id)
    assert (got["from_value"], got["to_value"], got["change"]) == (start, end, change)
    assert round(got["change_pct"], 2) == change_pct  # type: ignore[call-overload]
    assert round(got["cagr_pct"], 2) == cagr_pct  # type: ignore[call-overload]
    assert got["flags"] == flags


def test_sixteen_year_span(shipped: Dataset) -> None:
    got = row(growth(shipped, 2016, 2024), "rare_earth_enterprises")
    # 106 -> 209 over 8 years: (209 / 106) ** (1 / 8) - 1 = 8.857 %
    assert got["change"] == 103
    assert math.isclose(got["cagr_pct"], 100 * ((209 / 106) ** (1 / 8) - 1))  # type: ignore[arg-type]


# --- bounds: a lower bound at either end ---------------------------------------------------------


def test_lower_bound_end_marks_a_lower_bound(shipped: Dataset) -> None:
    detail = growth_detail(shipped).set_index("indicator_id")
    assert detail.loc["industry_output_value", "bound"] == "at_least"
    assert detail.loc["rare_earth_enterprises", "bound"] == ""


def test_lower_bound_start_marks_an_upper_bound(tmp_path: Path) -> None:
    ds = load_dataset(write(tmp_path, indicator("a", {2020: (10, "lower_bound"), 2022: 20})))
    assert growth_detail(ds).loc[0, "bound"] == "at_most"


def test_both_ends_lower_bounds_leave_direction_unknown(tmp_path: Path) -> None:
    points = {2020: (10, "lower_bound"), 2022: (20, "lower_bound")}
    ds = load_dataset(write(tmp_path, indicator("a", points)))
    detail = growth_detail(ds)
    assert detail.loc[0, "bound"] == "unknown"
    assert detail.loc[0, "flags"] == "lower_bound"


# --- the arithmetic at its edges -----------------------------------------------------------------


def test_zero_base_leaves_relative_figures_empty(tmp_path: Path) -> None:
    ds = load_dataset(write(tmp_path, indicator("a", {2020: 0, 2022: 5})))
    got = growth(ds).iloc[0]
    assert got["change"] == 5
    assert math.isnan(got["change_pct"])
    assert math.isnan(got["cagr_pct"])


def test_negative_values(tmp_path: Path) -> None:
    ds = load_dataset(write(tmp_path, indicator("a", {2020: -4, 2022: 2})))
    got = growth(ds).iloc[0]
    assert got["change"] == 6
    assert got["change_pct"] == -150  # relative to a negative base, as defined: 100 * 6 / -4
    assert math.isnan(got["cagr_pct"])


def test_falling_series(tmp_path: Path) -> None:
    ds = load_dataset(write(tmp_path, indicator("a", {2020: 100, 2022: 81})))
    got = growth(ds).iloc[0]
    assert got["change"] == -19
    assert got["change_pct"] == -19
    assert math.isclose(got["cagr_pct"], -10)  # sqrt(0.81) = 0.9


def test_no_binary_noise_in_change(tmp_path: Path) -> None:
    ds = load_dataset(write(tmp_path, indicator("a", {2020: 0.1, 2022: 0.3})))
    assert growth(ds).iloc[0]["change"] == 0.2


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


def test_change_beyond_the_float_range_is_empty() -> None:
    got = one({2020: -1e308, 2022: 1e308})
    assert math.isnan(got["change"])  # 1e308 + 1e308 overflows to infinity
    assert math.isnan(got["change_pct"])
    assert math.isnan(got["cagr_pct"])


def test_a_huge_change_is_not_lost(tmp_path: Path) -> None:
    ds = load_dataset(write(tmp_path, indicator("a", {2020: 1e300, 2022: 1.5e-7})))
    row = growth(ds).iloc[0]
    assert row["change"] == pytest.approx(-1e300)
    assert row["change_pct"] == pytest.approx(-100.0)


# --- which rows, and which years -----------------------------------------------------------------


def test_one_year_only_is_left_out_unless_all(tmp_path: Path) -> None:
    body = indicator("a", {2020: 1, 2022: 2}) + indicator("b", {2022: 5})
    ds = load_dataset(write(tmp_path, body))
    assert list(growth(ds)["indicator_id"]) == ["a"]
    everything = growth(ds, include_all=True).set_index("indicator_id")
    assert list(everything.index) == ["a", "b"]
    assert math.isnan(everything.loc["b", "from_value"])
    assert math.isnan(everything.loc["b", "change"])


def test_complete_marks_rows_with_both_years(ranked: Dataset) -> None:
    detail = growth_detail(ranked).set_index("indicator_id")
    assert detail["complete"].to_dict() == {
        "zeta": True,
        "alpha": True,
        "neg": True,
        "mid": True,
        "beta": False,
    }


def test_same_year_twice(tmp_path: Path) -> None:
    ds = load_dataset(write(tmp_path, indicator("a", {2020: 1, 2022: 2})))
    got = growth(ds, 2022, 2022).iloc[0]
    assert got["change"] == 0
    assert math.isnan(got["cagr_pct"])


def test_defaults_without_base_year_are_earliest_and_latest(tmp_path: Path) -> None:
    ds = load_dataset(write(tmp_path, indicator("a", {2018: 1, 2020: 2, 2023: 4})))
    got = growth(ds).iloc[0]
    assert (got["from_year"], got["to_year"]) == (2018, 2023)


def test_current_year_is_the_default_end_even_when_not_the_latest() -> None:
    text = HEADER.replace(
        'region = "Testland"', 'region = "T"\nbase_year = 2020\ncurrent_year = 2021'
    )
    ds = parse_dataset(text + indicator("a", {2019: 1, 2020: 2, 2021: 3, 2022: 4}))
    got = growth(ds).iloc[0]
    assert (got["from_year"], got["to_year"], got["change"]) == (2020, 2021, 1)  # 3 - 2


def test_dataset_without_observations(tmp_path: Path) -> None:
    ds = load_dataset(write(tmp_path, indicator("a")))
    assert growth(ds).empty


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        (2013, None, "start: the dataset has no observation in 2013"),
        (None, 2030, "end: the dataset has no observation in 2030"),
        (2024, 2022, "start: 2024 is later than the end year 2022"),
    ],
)
def test_bad_years(shipped: Dataset, start: int | None, end: int | None, message: str) -> None:
    with pytest.raises(UsageError) as caught:
        growth(shipped, start, end)
    assert caught.value.message == message


def test_bad_year_lists_the_years_with_data(shipped: Dataset) -> None:
    with pytest.raises(UsageError) as caught:
        growth(shipped, 2013)
    assert caught.value.hint == (
        "years with full-year figures: 2011, 2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, "
        "2023, 2024, 2025"
    )


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


# --- filters and sort keys -----------------------------------------------------------------------


def test_filters_and_sort(shipped: Dataset) -> None:
    assert set(growth(shipped, categories=["enterprises"])["category"]) == {"enterprises"}
    assert list(growth(shipped, indicators=["local_conversion_rate"])["indicator_id"]) == [
        "local_conversion_rate"
    ]
    ranked = growth(shipped, sort="cagr_pct")["cagr_pct"].tolist()
    assert ranked == sorted(ranked, reverse=True)


def test_unknown_category_suggests(shipped: Dataset) -> None:
    with pytest.raises(UsageError) as caught:
        growth(shipped, categories=["enterprise"])
    assert caught.value.hint == "did you mean 'enterprises'?"


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


def test_ties_keep_dataset_order_whatever_the_size() -> None:
    # 40 indicators whose change is alternately +1 and +2 (10 -> 11, 10 -> 12): a stable sort
    # lists every +2 in dataset order, then every +1 in dataset order. An unstable sort (numpy's
    # default introsort) reorders ties once a table has more than 16 rows.
    body = "".join(indicator(f"i{n:02d}", {2020: 10, 2022: 11 + n % 2}) for n in range(40))
    ds = parse_dataset(HEADER + body)
    odd, even = [f"i{n:02d}" for n in range(1, 40, 2)], [f"i{n:02d}" for n in range(0, 40, 2)]
    for key in ("change", "change_pct", "cagr_pct"):
        assert list(growth(ds, sort=key)["indicator_id"]) == odd + even, key


def test_compare_years_keeps_dataset_order_by_default(ranked: Dataset) -> None:
    got = compare_years(ranked, (2020, 2022))
    assert list(got["indicator_id"]) == ["zeta", "alpha", "neg", "mid", "beta"]


# --- the sources of each end, and the growth table's caption -------------------------------------


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


# --- property: compounding the CAGR gives back the end value -------------------------------------


@given(
    st.lists(st.floats(0.01, 1e6, allow_nan=False), min_size=2, max_size=8),
    st.integers(1900, 2000),
)
def test_compounding_cagr_reproduces_the_end_value(values: list[float], first: int) -> None:
    points = {first + 2 * i: v for i, v in enumerate(values)}
    from helpers import HEADER
    from rarecli.loader import parse_dataset

    ds = parse_dataset(HEADER + indicator("a", points))  # type: ignore[arg-type]
    got = growth(ds).iloc[0]
    years = got["to_year"] - got["from_year"]
    rebuilt = got["from_value"] * (1 + got["cagr_pct"] / 100) ** years
    assert math.isclose(rebuilt, values[-1], rel_tol=1e-9)
    assert math.isclose(got["change"], values[-1] - values[0], rel_tol=1e-9, abs_tol=1e-9)


# --- the years compared, and the words of their errors --------------------------------------------

YTD_ONE_YEAR = (
    HEADER
    + indicator("output", {2023: 10.0, 2024: 12.0})
    + "  [[indicators.observations]]\n  year = 2024\n  months = 5\n  value = 4.0\n"
    + '  source = "src"\n'
)


def test_one_year_of_year_to_date_figures_compares_only_when_both_years_are_given() -> None:
    ds = parse_dataset(YTD_ONE_YEAR)
    assert resolve_years(ds, 2024, 2024, months=5) == (2024, 2024)  # asked for: no error
    for start, end in ((None, None), (2024, None), (None, 2024)):  # a default: one year only
        with pytest.raises(UsageError) as caught:
            resolve_years(ds, start, end, months=5)
        assert caught.value.param == "months"
        assert caught.value.detail == (
            "only 2024 has January to May figures; growth compares two years"
        )
        assert caught.value.hint == (
            "add the figures of another year, or compare full years (leave --months out)"
        )


def test_a_year_without_the_figures_asked_for_lists_the_years_that_have_them() -> None:
    ds = parse_dataset(YTD_ONE_YEAR)
    with pytest.raises(UsageError) as caught:
        resolve_years(ds, 2023, 2024, months=5)
    assert (caught.value.param, caught.value.detail) == (
        "start",
        "the dataset has no January to May figure in 2023",
    )
    assert caught.value.hint == "years with such figures: 2024"
    with pytest.raises(UsageError) as caught:
        resolve_years(ds, 2024, 2024, months=3)
    assert caught.value.hint == "years with such figures: none"
    with pytest.raises(UsageError) as caught:
        resolve_years(ds, 2022, 2024)
    assert caught.value.hint == "years with full-year figures: 2023, 2024"


def test_an_unknown_sort_key_names_the_parameter_and_the_nearest_key() -> None:
    with pytest.raises(UsageError) as caught:
        check_sort("chnage")
    assert (caught.value.param, caught.value.detail) == ("sort", "unknown sort key 'chnage'")
    assert caught.value.hint == "did you mean 'change'?"
    assert check_sort("cagr_pct") == "cagr_pct"
