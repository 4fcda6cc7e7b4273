"""Growth arithmetic against values worked out by hand."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers import indicator, write
from rarecli import growth, load_dataset
from rarecli.errors import UsageError
from rarecli.model import Dataset
from rarecli.queries.growth import GROWTH_COLUMNS, growth_detail


def row(frame, indicator_id: str) -> dict[str, object]:  # type: ignore[no-untyped-def]
    return frame.set_index("indicator_id").loc[indicator_id].to_dict()  # type: ignore[no-any-return]


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
        # 209 - 179 = 30; 30 / 179 = 16.76 %; sqrt(209 / 179) - 1 = 8.06 %
        ("rare_earth_enterprises", 179, 209, 30, 16.76, 8.06, "derived"),
        # 85 - 63 = 22; 22 / 63 = 34.92 %; sqrt(85 / 63) - 1 = 16.16 %
        ("large_scale_enterprises", 63, 85, 22, 34.92, 16.16, "derived"),
        # 70 - 50 = 20; 40 %; sqrt(1.4) - 1 = 18.32 %
        ("national_high_tech_enterprises", 50, 70, 20, 40.0, 18.32, "derived"),
        # a rate: +8 percentage points, +10 % relative; sqrt(1.1) - 1 = 4.88 %
        ("local_conversion_rate", 80, 88, 8, 10.0, 4.88, "assumed_year"),
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


def test_sixteen_year_span(shipped: Dataset) -> None:
    got = row(growth(shipped, 2016, 2024), "rare_earth_enterprises")
    # 106 -> 209 over 8 years: (209 / 106) ** (1 / 8) - 1 = 8.857 %
    assert got["change"] == 103
    assert math.isclose(got["cagr_pct"], 100 * ((209 / 106) ** (1 / 8) - 1))  # type: ignore[arg-type]


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


def test_one_year_only_is_left_out_unless_all(tmp_path: Path) -> None:
    body = indicator("a", {2020: 1, 2022: 2}) + indicator("b", {2022: 5})
    ds = load_dataset(write(tmp_path, body))
    assert list(growth(ds)["indicator_id"]) == ["a"]
    everything = growth(ds, include_all=True).set_index("indicator_id")
    assert list(everything.index) == ["a", "b"]
    assert math.isnan(everything.loc["b", "from_value"])
    assert math.isnan(everything.loc["b", "change"])


def test_same_year_twice(tmp_path: Path) -> None:
    ds = load_dataset(write(tmp_path, indicator("a", {2020: 1, 2022: 2})))
    got = growth(ds, 2022, 2022).iloc[0]
    assert got["change"] == 0
    assert math.isnan(got["cagr_pct"])


def test_defaults_without_base_year_are_earliest_and_latest(tmp_path: Path) -> None:
    ds = load_dataset(write(tmp_path, indicator("a", {2018: 1, 2020: 2, 2023: 4})))
    got = growth(ds).iloc[0]
    assert (got["from_year"], got["to_year"]) == (2018, 2023)


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
