"""Target progress (rarecli.queries.targets), by the SDG progress method: the spec's worked
example, each status and the boundaries between them, compound or linear rates, what each status
leaves empty, where the baseline and latest figures come from, --as-of, passed deadlines, and
the shipped targets.

Every expected figure is worked out by hand in the comment beside it. Datasets that must land
exactly on a boundary use linear rates (a base of 0), whose quotients are exact in floating point.
"""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers import HEADER, indicator, target, write
from rarecli import load_dataset, target_progress
from rarecli.errors import UsageError
from rarecli.loader import parse_dataset
from rarecli.model import Dataset
from rarecli.queries.targets import TARGET_COLUMNS, progress_detail
from rarecli.vocabulary import TARGET_STATUSES

NAN = float("nan")
FIGURES = ("r_obs", "r_req", "ratio", "projected_value", "progress_pct", "expected_pct")


def one(points: dict[int, Any], value: float, **extra: Any) -> dict[str, Any]:
    """The progress of target t on indicator x, the dataset parsed from text."""
    ds = parse_dataset(HEADER + indicator("x", points) + target("t", "x", value, **extra))
    return {str(k): v for k, v in progress_detail(ds).iloc[0].items()}


def one_in_file(
    tmp_path: Path, points: dict[int, Any], value: float, **extra: Any
) -> dict[str, Any]:
    """The same, the dataset written to a file and loaded from there."""
    ds = load_dataset(write(tmp_path, indicator("x", points), target("t", "x", value, **extra)))
    return progress_detail(ds).iloc[0].to_dict()  # type: ignore[no-any-return]


def assert_figures(got: dict[str, Any], expected: dict[str, float]) -> None:
    """Every figure as expected (NaN where empty), to floating-point accuracy."""
    for column in FIGURES:
        want, have = expected[column], got[column]
        if math.isnan(want):
            assert math.isnan(have), (column, have)
        else:
            assert math.isclose(have, want, rel_tol=1e-12, abs_tol=1e-12), (column, have, want)


# --- the spec's worked example, and each status --------------------------------------------------


def test_worked_example_of_the_spec(tmp_path: Path) -> None:
    got = one_in_file(tmp_path, {2015: 50, 2020: 60}, 100, deadline=2030)
    assert math.isclose(got["r_obs"], (60 / 50) ** (1 / 5) - 1)  # 3.714 %
    assert round(100 * got["r_obs"], 3) == 3.714
    assert round(100 * got["r_req"], 3) == 4.729  # (100 / 50) ** (1 / 15) - 1
    assert round(got["ratio"], 3) == 0.785
    assert round(got["projected_value"], 1) == 86.4  # 60 * 1.03714 ** 10
    assert got["progress_pct"] == 20  # (60 - 50) / (100 - 50)
    assert round(got["expected_pct"], 1) == 33.3  # (2020 - 2015) / (2030 - 2015)
    assert got["status"] == "needs_acceleration"


@pytest.mark.parametrize(
    ("points", "value", "extra", "status"),
    [
        ({}, 10, {"deadline": 2030}, "no_data"),
        ({2020: 5, 2022: 12}, 10, {"deadline": 2030}, "achieved"),
        ({2020: 5, 2022: 8}, 10, {"deadline": 2022}, "missed"),  # deadline == latest year
        ({2020: 5, 2024: 8}, 10, {"deadline": 2022}, "missed"),  # deadline already passed
        ({2020: 5, 2022: 8}, 10, {}, "pending"),  # no deadline
        ({2022: 5}, 10, {"deadline": 2030}, "insufficient_data"),  # one observation
        ({2020: 100, 2022: 130}, 200, {"deadline": 2026}, "on_track"),  # 14.0 %/yr, 12.25 needed
        ({2020: 100, 2022: 121}, 200, {"deadline": 2026}, "needs_acceleration"),  # ratio 0.82
        ({2020: 100, 2022: 110}, 200, {"deadline": 2026}, "limited_progress"),
        ({2020: 100, 2022: 90}, 200, {"deadline": 2026}, "deteriorating"),
        # at_most: falling towards a ceiling
        ({2020: 100, 2022: 64}, 50, {"deadline": 2026, "direction": "at_most"}, "on_track"),
        (
            {2020: 100, 2022: 81},
            50,
            {"deadline": 2026, "direction": "at_most"},
            "needs_acceleration",
        ),
        ({2020: 100, 2022: 40}, 50, {"deadline": 2026, "direction": "at_most"}, "achieved"),
        ({2020: 100, 2022: 110}, 50, {"deadline": 2026, "direction": "at_most"}, "deteriorating"),
        # the target equals the baseline and is not met: r_req = 0
        ({2020: 100, 2022: 90}, 100, {"deadline": 2026}, "deteriorating"),
        # the latest observation before the chosen baseline
        ({2020: 1, 2022: 2}, 10, {"deadline": 2030, "baseline_year": 2022}, "insufficient_data"),
    ],
)
def test_each_status(
    tmp_path: Path, points: dict[int, float], value: float, extra: dict[str, Any], status: str
) -> None:
    assert one_in_file(tmp_path, points, value, **extra)["status"] == status


def test_on_track_ratio_by_hand(tmp_path: Path) -> None:
    got = one_in_file(tmp_path, {2020: 100, 2022: 121}, 200, deadline=2026)
    # observed 10 %/yr; required 2 ** (1 / 6) - 1 = 12.25 %/yr; ratio 0.8166
    assert math.isclose(got["ratio"], 0.1 / (2 ** (1 / 6) - 1))
    assert round(got["ratio"], 3) == 0.817
    assert got["status"] == "needs_acceleration"


def test_at_most_ratio_by_hand(tmp_path: Path) -> None:
    got = one_in_file(tmp_path, {2020: 100, 2022: 81}, 50, deadline=2026, direction="at_most")
    # observed -10 %/yr; required 0.5 ** (1 / 6) - 1 = -10.91 %/yr; d = -1 makes the ratio positive
    assert math.isclose(got["ratio"], 0.1 / (1 - 0.5 ** (1 / 6)))
    assert round(got["ratio"], 3) == 0.917


# --- compound or linear rates --------------------------------------------------------------------


def test_zero_base_uses_linear_rates(tmp_path: Path) -> None:
    got = one_in_file(tmp_path, {2020: 0, 2022: 4}, 10, deadline=2025)
    assert got["r_obs"] == 2  # (4 - 0) / 2 per year
    assert got["r_req"] == 2  # (10 - 0) / 5 per year
    assert got["ratio"] == 1
    assert got["projected_value"] == 10  # 4 + 2 * 3
    assert got["status"] == "on_track"


def test_negative_values_use_linear_rates(tmp_path: Path) -> None:
    got = one_in_file(tmp_path, {2020: -10, 2022: -6}, 0, deadline=2024)
    assert got["r_obs"] == 2
    assert got["r_req"] == 2.5
    assert got["ratio"] == 0.8
    assert got["status"] == "needs_acceleration"


def test_latest_value_of_zero_uses_linear_rates() -> None:
    got = one({2020: 10, 2022: 0}, 20, deadline=2025)
    assert_figures(
        got,
        {
            "r_obs": -5,  # (0 - 10) / (2022 - 2020); compound would give (0 / 10) ** 0.5 - 1 = -1
            "r_req": 2,  # (20 - 10) / (2025 - 2020)
            "ratio": -2.5,  # -5 / 2
            "projected_value": -15,  # 0 + -5 * (2025 - 2022)
            "progress_pct": -100,  # 100 * (0 - 10) / (20 - 10)
            "expected_pct": 40,  # 100 * 2 / 5
        },
    )
    assert got["status"] == "deteriorating"


def test_target_of_zero_uses_linear_rates() -> None:
    got = one({2020: 10, 2022: 6}, 0, deadline=2025, direction="at_most")
    assert_figures(
        got,
        {
            "r_obs": -2,  # (6 - 10) / 2
            "r_req": -2,  # (0 - 10) / 5; compound would give (0 / 10) ** (1 / 5) - 1 = -1
            "ratio": 1,  # d * r_obs / |r_req| = -1 * -2 / 2
            "projected_value": 0,  # 6 + -2 * 3
            "progress_pct": 40,  # 100 * (6 - 10) / (0 - 10)
            "expected_pct": 40,  # 100 * 2 / 5
        },
    )
    assert got["status"] == "on_track"


def test_base_of_zero_uses_linear_rates() -> None:
    got = one({2020: 0, 2022: 3}, 9, deadline=2026)
    assert_figures(
        got,
        {
            "r_obs": 1.5,  # (3 - 0) / 2; compound would divide by zero
            "r_req": 1.5,  # (9 - 0) / 6
            "ratio": 1,
            "projected_value": 9,  # 3 + 1.5 * 4
            "progress_pct": 100 / 3,  # 100 * 3 / 9
            "expected_pct": 100 / 3,  # 100 * 2 / 6
        },
    )
    assert got["status"] == "on_track"


def test_values_between_zero_and_one_use_compound_rates() -> None:
    # B = 0.25, A = 0.5, T = 1: all positive, so compound, though none exceeds 1.
    got = one({2020: 0.25, 2022: 0.5}, 1, deadline=2024)
    root2 = math.sqrt(2)
    assert_figures(
        got,
        {
            "r_obs": root2 - 1,  # (0.5 / 0.25) ** (1 / 2) - 1; linear: 0.25 / 2 = 0.125
            "r_req": root2 - 1,  # (1 / 0.25) ** (1 / 4) - 1; linear: 0.75 / 4 = 0.1875
            "ratio": 1,  # equal rates; linear would give 0.125 / 0.1875 = 0.667
            "projected_value": 1,  # 0.5 * sqrt(2) ** 2; linear: 0.5 + 0.125 * 2 = 0.75
            "progress_pct": 100 / 3,  # 100 * 0.25 / 0.75
            "expected_pct": 50,  # 100 * 2 / 4
        },
    )
    assert got["status"] == "on_track"


@pytest.mark.parametrize(
    ("points", "value", "ratio"),
    [
        # only B is 1: r_obs = 4 ** (1/2) - 1 = 1, r_req = 16 ** (1/4) - 1 = 1 -> ratio 1
        # (linear: 3 / 2 = 1.5 against 15 / 4 = 3.75 -> 0.4)
        ({2020: 1, 2022: 4}, 16, 1.0),
        # only A is 1: r_obs = (1 / 0.25) ** (1/2) - 1 = 1, r_req = (4 / 0.25) ** (1/4) - 1 = 1
        # (linear: 0.75 / 2 = 0.375 against 3.75 / 4 = 0.9375 -> 0.4)
        ({2020: 0.25, 2022: 1}, 4, 1.0),
        # only T is 1: r_obs = (0.5 / 0.125) ** (1/2) - 1 = 1, r_req = 8 ** (1/4) - 1 = 0.6818
        # -> 1.4667 (linear: 0.1875 against 0.21875 -> 0.857)
        ({2020: 0.125, 2022: 0.5}, 1, 1 / (8**0.25 - 1)),
    ],
)
def test_a_value_of_exactly_one_is_still_compound(
    points: dict[int, float], value: float, ratio: float
) -> None:
    got = one(points, value, deadline=2024)
    assert math.isclose(got["ratio"], ratio, rel_tol=1e-12)
    assert got["status"] == "on_track"


def test_a_required_rate_of_exactly_one_is_a_rate() -> None:
    # linear (base 0): r_obs = 2 / 2 = 1, r_req = 5 / 5 = 1: ratio 1
    got = one({2020: 0, 2022: 2}, 5, deadline=2025)
    assert (got["r_req"], got["ratio"], got["status"]) == (1, 1, "on_track")


def test_rates_beyond_the_float_range_are_empty() -> None:
    # (1e300 / 1e-300) ** (1 / 1) overflows: no rate, no ratio, and no warning escapes
    got = one({2020: 1e-300, 2021: 1e300}, 1e301, deadline=2030)
    assert math.isnan(got["r_obs"])
    assert math.isnan(got["ratio"])
    assert got["progress_pct"] == pytest.approx(10)  # 100 * 1e300 / 1e301


# --- the ratio thresholds, exactly on the boundary -----------------------------------------------


@pytest.mark.parametrize(
    ("latest", "ratio", "projected", "status"),
    [
        # r_obs = (19 - 0) / 1 = 19, r_req = (100 - 0) / 5 = 20: 19 / 20 = 0.95 exactly
        (19, 0.95, 95, "on_track"),  # 19 + 19 * 4
        # r_obs = 12, r_req = 20: 12 / 20 = 0.6 exactly
        (12, 0.6, 60, "needs_acceleration"),  # 12 + 12 * 4
        # r_obs = 0, r_req = 20: ratio 0 exactly
        (0, 0.0, 0, "limited_progress"),
    ],
)
def test_ratio_on_a_threshold_takes_the_better_status(
    latest: float, ratio: float, projected: float, status: str
) -> None:
    got = one({2020: 0, 2021: latest}, 100, deadline=2025)
    assert got["ratio"] == ratio
    assert got["projected_value"] == projected
    assert got["progress_pct"] == latest  # 100 * (latest - 0) / (100 - 0)
    assert got["expected_pct"] == 20  # 100 * 1 / 5
    assert got["status"] == status


def test_ratio_just_below_a_threshold_takes_the_worse_status() -> None:
    # r_obs = 18.99, r_req = 20: 0.9495
    assert one({2020: 0, 2021: 18.99}, 100, deadline=2025)["status"] == "needs_acceleration"
    # r_obs = 11.99, r_req = 20: 0.5995
    assert one({2020: 0, 2021: 11.99}, 100, deadline=2025)["status"] == "limited_progress"
    # r_obs = -0.01: ratio -0.0005
    assert one({2020: 0, 2021: -0.01}, 100, deadline=2025)["status"] == "deteriorating"


def test_at_most_ratio_on_a_threshold() -> None:
    # falling 19 a year from 0 towards -100 in 5 years: d * r_obs / |r_req| = -1 * -19 / 20
    got = one({2020: 0, 2021: -19}, -100, deadline=2025, direction="at_most")
    assert got["ratio"] == 0.95
    assert got["status"] == "on_track"


# --- met at equality -----------------------------------------------------------------------------


def test_at_most_is_achieved_at_equality() -> None:
    got = one({2020: 100, 2022: 50}, 50, deadline=2026, direction="at_most")
    assert got["status"] == "achieved"
    assert got["progress_pct"] == 100  # 100 * (50 - 100) / (50 - 100)
    # r_obs = 0.5 ** (1/2) - 1 = -29.29 %, r_req = 0.5 ** (1/6) - 1 = -10.91 %
    assert math.isclose(got["ratio"], (1 - 0.5**0.5) / (1 - 0.5 ** (1 / 6)))
    assert math.isclose(got["projected_value"], 12.5)  # 50 * (0.5 ** 0.5) ** 4


def test_at_least_is_achieved_at_equality() -> None:
    got = one({2020: 5, 2022: 10}, 10, deadline=2030)
    assert got["status"] == "achieved"
    assert got["progress_pct"] == 100  # 100 * (10 - 5) / (10 - 5)


def test_at_most_just_above_the_ceiling_is_not_achieved() -> None:
    got = one({2020: 100, 2022: 50.5}, 50, deadline=2026, direction="at_most")
    assert got["status"] == "on_track"  # r_obs -28.9 %/yr against -10.9 % needed


# --- what each status leaves empty ---------------------------------------------------------------


def test_insufficient_data_leaves_ratio_and_projection_empty() -> None:
    got = one({2022: 5}, 10, deadline=2030)  # the only figure is both baseline and latest
    assert got["status"] == "insufficient_data"
    assert (got["baseline_year"], got["latest_year"]) == (2022, 2022)
    assert_figures(
        got,
        {
            "r_obs": NAN,
            "r_req": NAN,
            "ratio": NAN,
            "projected_value": NAN,
            "progress_pct": 0,  # 100 * (5 - 5) / (10 - 5)
            "expected_pct": 0,  # 100 * (2022 - 2022) / (2030 - 2022)
        },
    )


def test_missed_with_the_deadline_in_the_latest_year() -> None:
    got = one({2020: 5, 2022: 8}, 10, deadline=2022)
    assert got["status"] == "missed"
    assert_figures(
        got,
        {
            "r_obs": 1.6**0.5 - 1,  # (8 / 5) ** (1 / 2) - 1 = 26.49 %
            "r_req": 2**0.5 - 1,  # (10 / 5) ** (1 / 2) - 1 = 41.42 %
            "ratio": (1.6**0.5 - 1) / (2**0.5 - 1),  # 0.6396
            "projected_value": 8,  # 8 * 1.2649 ** (2022 - 2022): the latest figure itself
            "progress_pct": 60,  # 100 * (8 - 5) / (10 - 5)
            "expected_pct": 100,  # 100 * (2022 - 2020) / (2022 - 2020)
        },
    )


def test_missed_after_the_deadline_has_no_projection() -> None:
    got = one({2020: 5, 2024: 8}, 10, deadline=2022)
    assert got["status"] == "missed"
    assert math.isnan(got["projected_value"])  # the deadline (2022) is before the latest year
    assert got["progress_pct"] == 60  # 100 * (8 - 5) / (10 - 5)
    assert got["expected_pct"] == 200  # 100 * (2024 - 2020) / (2022 - 2020)


def test_deadline_in_the_baseline_year_has_no_required_rate() -> None:
    # (5 / 10) ** (1 / (2020 - 2020)) would be 0.5 ** inf - 1 = -1: not a rate
    got = one({2020: 10, 2022: 8}, 5, deadline=2020, direction="at_most")
    assert got["status"] == "missed"
    assert math.isnan(got["r_req"])
    assert math.isnan(got["expected_pct"])  # 100 * 2 / 0
    assert math.isnan(got["projected_value"])  # the deadline is before the latest year


def test_pending_has_rates_but_no_requirement() -> None:
    got = one({2020: 5, 2022: 8}, 10)  # no deadline
    assert got["status"] == "pending"
    assert_figures(
        got,
        {
            "r_obs": 1.6**0.5 - 1,  # (8 / 5) ** (1 / 2) - 1
            "r_req": NAN,
            "ratio": NAN,
            "projected_value": NAN,
            "progress_pct": 60,  # 100 * (8 - 5) / (10 - 5)
            "expected_pct": NAN,
        },
    )


def test_target_equal_to_the_baseline_and_not_met() -> None:
    got = one({2020: 100, 2022: 90}, 100, deadline=2026)
    assert got["status"] == "deteriorating"
    assert_figures(
        got,
        {
            "r_obs": 0.9**0.5 - 1,  # (90 / 100) ** (1 / 2) - 1
            "r_req": 0,  # (100 / 100) ** (1 / 6) - 1
            "ratio": NAN,  # no division by zero reaches the user
            "projected_value": 72.9,  # 90 * (0.9 ** 0.5) ** 4 = 90 * 0.81
            "progress_pct": NAN,  # 100 * -10 / 0
            "expected_pct": 100 / 3,  # 100 * 2 / 6
        },
    )


def test_no_data_leaves_every_figure_empty() -> None:
    got = one({}, 10, deadline=2030)
    assert got["status"] == "no_data"
    assert got["flags"] is None
    assert_figures(got, dict.fromkeys(FIGURES, NAN))


# --- where the baseline and the latest figure come from ------------------------------------------


def test_baseline_year_picks_that_observation(tmp_path: Path) -> None:
    got = one_in_file(
        tmp_path, {2018: 1, 2020: 50, 2025: 60}, 100, deadline=2035, baseline_year=2020
    )
    assert (got["baseline_year"], got["baseline_value"]) == (2020, 50)


def test_baseline_and_latest_keep_their_status_and_source() -> None:
    text = HEADER + (
        '\n[[sources]]\nid = "other"\ntitle = "O"\npublisher = "P"\n\n'
        + indicator("x", {2018: (40, "estimated"), 2020: 50, 2022: (60, "derived")}).replace(
            'year = 2022\n  value = 60\n  source = "src"',
            'year = 2022\n  value = 60\n  source = "other"',
        )
        + target("t", "x", 100, deadline=2030)
    )
    got = progress_detail(parse_dataset(text), today=dt.date(2023, 1, 1)).iloc[0]
    # no baseline_year: the first observation (2018) is the baseline
    assert (got["baseline_year"], got["baseline_value"]) == (2018, 40)
    assert (got["baseline_status"], got["baseline_source"]) == ("estimated", "src")
    assert (got["latest_year"], got["latest_value"]) == (2022, 60)
    assert (got["latest_status"], got["latest_source"]) == ("derived", "other")
    assert got["flags"] == "estimated;derived"
    assert got["progress_pct"] == pytest.approx(100 / 3)  # 100 * (60 - 40) / (100 - 40)
    assert got["expected_pct"] == pytest.approx(100 / 3)  # 100 * 4 / 12


def test_each_target_gets_its_own_baseline() -> None:
    text = HEADER + (
        indicator("x", {2018: 10, 2020: 20, 2022: 40})
        + target("early", "x", 80, deadline=2026)
        + target("later", "x", 80, deadline=2026, baseline_year=2020)
    )
    got = progress_detail(parse_dataset(text)).set_index("target_id").to_dict("index")
    assert got["early"]["baseline_value"] == 10  # the first observation
    assert got["later"]["baseline_value"] == 20  # the observation at baseline_year
    # later: r_obs = (40 / 20) ** (1/2) - 1 = 41.42 %, r_req = (80 / 20) ** (1/6) - 1 = 25.99 %
    assert math.isclose(got["later"]["ratio"], (2**0.5 - 1) / (4 ** (1 / 6) - 1))
    # early: r_obs = (40 / 10) ** (1/4) - 1 = 41.42 %, r_req = (80 / 10) ** (1/8) - 1 = 29.68 %
    assert math.isclose(got["early"]["ratio"], (4**0.25 - 1) / (8 ** (1 / 8) - 1))


def test_years_are_nullable_integers() -> None:
    text = HEADER + indicator("x", {2020: 1, 2022: 2}) + indicator("y")
    text += target("t", "x", 5, deadline=2030) + target("u", "y", 5, deadline=2030)
    got = progress_detail(parse_dataset(text)).set_index("target_id")
    for column in ("baseline_year", "latest_year", "deadline"):
        assert str(got[column].dtype) == "Int64", column
    assert (got.loc["t", "baseline_year"], got.loc["t", "latest_year"]) == (2020, 2022)
    assert got.loc["u", "baseline_year"] is pd.NA
    assert got.loc["u", "latest_year"] is pd.NA
    assert "index" not in got.columns


# --- --as-of: nothing later than that year -------------------------------------------------------


def test_as_of_before_the_baseline_year_hides_the_baseline(tmp_path: Path) -> None:
    ds = load_dataset(
        write(
            tmp_path,
            indicator("x", {2018: 1, 2020: 50, 2022: 60}),
            target("t", "x", 100, deadline=2035, baseline_year=2020),
        )
    )
    # No fallback to the first figure (2018): that would show a figure the user did not ask
    # for as the baseline. Nothing after 2019 appears in any column.
    row = progress_detail(ds, as_of=2019).iloc[0]
    assert row["status"] == "no_data"
    assert row["baseline_year"] is pd.NA
    assert math.isnan(row["baseline_value"])
    assert row["latest_year"] == 2018
    assert math.isnan(row["progress_pct"])
    assert math.isnan(row["projected_value"])


def test_as_of_hides_a_later_first_figure_used_as_baseline(tmp_path: Path) -> None:
    ds = load_dataset(
        write(tmp_path, indicator("x", {2023: 10, 2024: 12}), target("t", "x", 20, deadline=2030))
    )
    row = progress_detail(ds, as_of=2022).iloc[0]
    assert (row["status"], row["baseline_year"], row["latest_year"]) == ("no_data", pd.NA, pd.NA)


def test_as_of_hides_later_data(tmp_path: Path) -> None:
    ds = load_dataset(
        write(
            tmp_path,
            indicator("x", {2015: 50, 2020: 60, 2025: 200}),
            target("t", "x", 100, deadline=2030),
        )
    )
    assert progress_detail(ds).iloc[0]["status"] == "achieved"
    earlier = progress_detail(ds, as_of=2020).iloc[0]
    assert (earlier["latest_year"], earlier["status"]) == (2020, "needs_acceleration")
    assert progress_detail(ds, as_of=2010).iloc[0]["status"] == "no_data"


def test_target_progress_passes_as_of_on() -> None:
    text = HEADER + indicator("x", {2015: 50, 2020: 60, 2025: 200})
    ds = parse_dataset(text + target("t", "x", 100, deadline=2030))
    got = target_progress(ds, as_of=2020).iloc[0]
    # 2025 is hidden: 50 -> 60 of 100 by 2030, the spec's worked example
    assert (got["latest_year"], got["latest_value"]) == (2020, 60)
    assert got["status"] == "needs_acceleration"
    assert target_progress(ds).iloc[0]["status"] == "achieved"  # 200 >= 100


# --- passed deadlines, and a lower bound at the deadline -----------------------------------------


def test_no_deadline_passed_once_the_outcome_is_in(tmp_path: Path) -> None:
    ds = load_dataset(
        write(tmp_path, indicator("a", {2022: 50, 2025: 70}), target("t", "a", 100, deadline=2025))
    )
    row = target_progress(ds, today=dt.date(2027, 1, 1)).iloc[0]
    assert (row["status"], row["flags"]) == ("missed", None)


def test_deadline_passed_without_any_figure(tmp_path: Path) -> None:
    ds = load_dataset(write(tmp_path, indicator("a"), target("t", "a", 10, deadline=2024)))
    row = target_progress(ds, today=dt.date(2026, 11, 29)).iloc[0]
    assert (row["status"], row["flags"]) == ("no_data", "deadline_passed")


def test_an_achieved_target_has_no_deadline_passed_flag(tmp_path: Path) -> None:
    ds = load_dataset(
        write(tmp_path, indicator("a", {2020: 50, 2024: 120}), target("t", "a", 100, deadline=2025))
    )
    row = target_progress(ds, today=dt.date(2026, 11, 29)).iloc[0]
    assert (row["status"], row["flags"]) == ("achieved", None)


def test_a_lower_bound_short_of_the_target_at_its_deadline_proves_nothing(tmp_path: Path) -> None:
    body = indicator("a", {2022: 5, 2025: (8, "lower_bound")})
    ds = load_dataset(write(tmp_path, body, target("t", "a", 10, deadline=2025)))
    row = target_progress(ds, today=dt.date(2026, 1, 1)).iloc[0]
    assert (row["status"], row["flags"]) == ("insufficient_data", "lower_bound")
    exact = load_dataset(
        write(
            tmp_path,
            indicator("a", {2022: 5, 2025: 8}),
            target("t", "a", 10, deadline=2025),
            name="x.toml",
        )
    )
    assert target_progress(exact, today=dt.date(2026, 1, 1)).iloc[0]["status"] == "missed"


def test_an_at_most_target_is_not_met_by_a_lower_bound(tmp_path: Path) -> None:
    body = indicator("a", {2020: 100, 2024: (80, "lower_bound")})
    ds = load_dataset(
        write(tmp_path, body, target("t", "a", 90, deadline=2024, direction="at_most"))
    )
    row = target_progress(ds, today=dt.date(2025, 1, 1)).iloc[0]
    # "at least 80" says nothing about being at most 90
    assert (row["status"], row["flags"]) == ("insufficient_data", "lower_bound")


# --- the shipped targets -------------------------------------------------------------------------


def test_lower_bound_that_proves_the_target(shipped: Dataset) -> None:
    got = target_progress(shipped, year=2024).set_index("target_id")
    assert got.loc["industry_output_2024", "status"] == "achieved"
    # the 2024 figure was read on a mirror of the media centre only: an aggregator
    assert got.loc["industry_output_2024", "flags"] == "lower_bound;secondary"


def test_shipped_2024_targets(shipped: Dataset) -> None:
    got = target_progress(shipped, year=2024).set_index("target_id")["status"].to_dict()
    assert got == {
        "industry_output_2024": "achieved",
        "new_materials_output_2024": "no_data",
        "nev_motor_output_2024": "no_data",
        "lsht_motor_output_2024": "no_data",
        "direct_drive_wind_turbine_output_2024": "no_data",
    }


def test_shipped_high_tech_2025_target_from_2022_to_2024(shipped: Dataset) -> None:
    got = target_progress(shipped, year=2025, today=dt.date(2025, 6, 1)).set_index("target_id")
    row = got.loc["national_high_tech_enterprises_2025"]
    assert (row["baseline_year"], row["baseline_value"]) == (2022, 50)
    assert (row["latest_year"], row["latest_value"]) == (2024, 70)
    assert row["progress_pct"] == 40  # (70 - 50) / (100 - 50)
    assert math.isclose(row["expected_pct"], 200 / 3)  # 2 of 3 years
    # sqrt(1.4) - 1 = 18.32 %/yr observed against 2 ** (1/3) - 1 = 25.99 %/yr required
    assert math.isclose(row["ratio"], (1.4**0.5 - 1) / (2 ** (1 / 3) - 1))
    assert math.isclose(row["projected_value"], 70 * 1.4**0.5)
    assert row["status"] == "needs_acceleration"
    # the 2024 count was published on 2024-10-09, before 2024 ended: an early figure
    assert row["flags"] == "derived;early"


def test_undated_targets_without_data(shipped: Dataset) -> None:
    got = target_progress(shipped).set_index("target_id")
    assert got.loc["ore_processing_on_completion", "deadline"] is pd.NA
    assert got.loc["ore_processing_on_completion", "status"] == "no_data"
    assert got.loc["national_rare_earth_bases_two", "status"] == "no_data"


# --- columns and filters -------------------------------------------------------------------------


def test_columns_and_filters(shipped: Dataset) -> None:
    assert list(target_progress(shipped).columns) == list(TARGET_COLUMNS)
    assert set(target_progress(shipped, statuses=["achieved"])["status"]) == {"achieved"}
    assert target_progress(shipped, year=1999).empty
    only = target_progress(shipped, indicators=["magnet_output"])
    assert list(only["target_id"]) == ["magnet_output_2023", "magnet_output_2025"]


def test_unknown_status_suggests(shipped: Dataset) -> None:
    with pytest.raises(UsageError) as caught:
        target_progress(shipped, statuses=["on-track"])
    assert caught.value.hint == "did you mean 'on_track'?"


def test_dataset_without_targets(tmp_path: Path) -> None:
    ds = load_dataset(write(tmp_path, indicator("x", {2020: 1})))
    assert target_progress(ds).empty
    assert list(target_progress(ds).columns) == list(TARGET_COLUMNS)


# --- property: any series gives a status, and no infinity ----------------------------------------


finite = st.floats(-1e6, 1e6, allow_nan=False, allow_infinity=False)


@given(
    st.dictionaries(st.integers(2000, 2030), finite, max_size=5),
    finite,
    st.one_of(st.none(), st.integers(1995, 2040)),
    st.sampled_from(["at_least", "at_most"]),
    st.one_of(st.none(), st.integers(1995, 2040)),
)
def test_any_series_gives_a_status_and_no_infinity(
    points: dict[int, float], value: float, deadline: int | None, direction: str, as_of: int | None
) -> None:
    extra: dict[str, Any] = {"direction": direction}
    if deadline is not None:
        extra["deadline"] = deadline
    ds = parse_dataset(HEADER + indicator("x", points) + target("t", "x", value, **extra))  # type: ignore[arg-type]
    got = progress_detail(ds, as_of=as_of).iloc[0]
    assert got["status"] in TARGET_STATUSES
    for column in ("progress_pct", "expected_pct", "projected_value", "ratio"):
        assert not math.isinf(got[column])
