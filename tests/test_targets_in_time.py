"""Targets in time, and --known-at on every listing (SPEC: Evidence in time): the baseline at
set_in, the columns known, supersedes, set_in and latest_partial_*, the flags early,
newer_partial and old_evidence, target lineage (--history, superseded_by), and the ledger as
known on a day in targets, growth, indicators, show and observations.

Every expected figure is worked out by hand in the comment beside it.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest

from helpers import Point, indicator, run, target, write

TODAY = {"RARECLI_TODAY": "2026-12-03"}
WIDE = {**TODAY, "COLUMNS": "200"}


def dated(ident: str, published: str) -> str:
    """A [[sources]] table published on `published` (a TOML date, or "YYYY-MM" quoted)."""
    return (
        f'[[sources]]\nid = "{ident}"\ntitle = "Source {ident}"\npublisher = "P"\n'
        f"published = {published}\n"
    )


def figure(year: int, value: float, source: str, months: int = 12, status: str = "") -> str:
    """One more [[indicators.observations]] of the indicator above it."""
    lines = ["  [[indicators.observations]]", f"  year = {year}"]
    if months != 12:
        lines.append(f"  months = {months}")
    lines += [f"  value = {value!r}", f'  source = "{source}"']
    if status:
        lines.append(f'  status = "{status}"')
    return "\n".join(lines) + "\n"


def rows(command: str, path: Path, env: dict[str, str] | None = None) -> list[dict[str, Any]]:
    """The JSON rows of `rarecli COMMAND -f json --data PATH`, which must succeed quietly."""
    code, out, err = run(*command.split(), "-f", "json", data=path, env=env or TODAY)
    assert (code, err) == (0, ""), err
    return json.loads(out)  # type: ignore[no-any-return]


def by_id(found: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {row["target_id"]: row for row in found}


def lineage(command: str, path: Path) -> list[tuple[str, str | None]]:
    """(target_id, superseded_by) of each row of a `targets --history` listing."""
    return [(r["target_id"], r["superseded_by"]) for r in rows(command, path)]


def table(command: str, path: Path | None = None, env: dict[str, str] | None = None) -> str:
    """The terminal table of a command, 200 columns wide."""
    code, out, err = run(*command.split(), "-f", "table", data=path, env=env or WIDE)
    assert (code, err) == (0, ""), err
    return " ".join(out.split())  # a note may wrap: compare words, not lines


# --- the baseline at set_in ---------------------------------------------------------------------

# Full-year figures in 2018, 2020 and 2022, and a year-to-date figure of 2021 that a baseline
# never is (only full-year figures count).
BASELINE_SERIES = indicator("x", {2018: 10, 2020: 20, 2022: 40}) + figure(2021, 30, "src", 6)


@pytest.mark.parametrize(
    ("extra", "baseline"),
    [
        ({"set_in": 2021}, (2020, 20)),  # last full-year figure in or before 2021: 2020
        ({"set_in": 2020}, (2020, 20)),  # in set_in itself
        ({"set_in": 2022}, (2022, 40)),
        ({"set_in": 2030}, (2022, 40)),  # after every figure: the last one
        ({"set_in": 2017}, (2018, 10)),  # none in or before 2017: the first after it
        ({"set_in": 2021, "baseline_year": 2022}, (2022, 40)),  # baseline_year overrides
        ({"set_in": 2021, "baseline_year": 2018}, (2018, 10)),
        ({}, (2018, 10)),  # no set_in: the indicator's first full-year figure
    ],
)
def test_the_baseline_is_the_situation_when_the_target_was_set(
    tmp_path: Path, extra: dict[str, int], baseline: tuple[int, float]
) -> None:
    path = write(tmp_path, BASELINE_SERIES, target("t", "x", 100, deadline=2030, **extra))
    (row,) = rows("targets", path)
    assert (row["baseline_year"], row["baseline_value"]) == baseline
    assert (row["latest_year"], row["latest_value"]) == (2022, 40)
    assert row["set_in"] == extra.get("set_in")


def test_progress_is_measured_from_the_set_in_baseline(tmp_path: Path) -> None:
    path = write(tmp_path, BASELINE_SERIES, target("t", "x", 60, deadline=2026, set_in=2021))
    (row,) = rows("targets", path)
    # B = 20 (2020), A = 40 (2022), T = 60 by 2026:
    # progress 100 * (40 - 20) / (60 - 20) = 50; expected 100 * (2022 - 2020) / (2026 - 2020)
    # = 33.33; r_obs = (40 / 20) ** (1 / 2) - 1 = 0.414214; r_req = 3 ** (1 / 6) - 1 = 0.200937;
    # ratio 2.061 -> on_track; projected 40 * 1.414214 ** 4 = 160
    assert (row["progress_pct"], row["expected_pct"]) == (50, 33.33)
    assert row["ratio"] == 2.061
    assert row["projected_value"] == 160
    assert row["status"] == "on_track"
    # without set_in, from 2018: r_obs = (40 / 10) ** (1 / 4) - 1 = 0.414214 as well, but
    # progress 100 * (40 - 10) / (60 - 10) = 60
    plain = write(tmp_path, BASELINE_SERIES, target("t", "x", 60, deadline=2026), name="p.toml")
    assert rows("targets", plain)[0]["progress_pct"] == 60


@pytest.mark.parametrize(
    ("as_of", "baseline", "status"),
    [
        # the baseline is 2020 (the last figure in or before 2021); --as-of 2019 hides it, and
        # does not move it to 2018, as a hidden baseline_year does not
        (2019, (None, None), "no_data"),
        (2020, (2020, 20), "insufficient_data"),
        (2021, (2020, 20), "insufficient_data"),
    ],
)
def test_as_of_hides_the_set_in_baseline_without_moving_it(
    tmp_path: Path, as_of: int, baseline: tuple[int | None, float | None], status: str
) -> None:
    path = write(tmp_path, BASELINE_SERIES, target("t", "x", 100, deadline=2030, set_in=2021))
    (row,) = rows(f"targets --as-of {as_of}", path)
    assert (row["baseline_year"], row["baseline_value"], row["status"]) == (*baseline, status)


def test_each_target_has_its_own_set_in_baseline(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        BASELINE_SERIES,
        target("early_plan", "x", 100, deadline=2030, set_in=2019),  # 2018 is the last <= 2019
        target("late_plan", "x", 100, deadline=2030, set_in=2023),  # 2022 is the last <= 2023
    )
    got = by_id(rows("targets", path))
    assert (got["early_plan"]["baseline_year"], got["early_plan"]["baseline_value"]) == (2018, 10)
    assert (got["late_plan"]["baseline_year"], got["late_plan"]["baseline_value"]) == (2022, 40)
    assert got["late_plan"]["status"] == "insufficient_data"  # a == b: 2022 both


# --- the columns known, supersedes, set_in, latest_partial_*; early and newer_partial ------------

# x: 30 in 2021 and 36 in 2022 from the year book (2023-02, after both years ended); 45 in 2023
# said on 2023-07-15, before 2023 ended (early); year-to-date 2024 figures for Jan-Mar (12) and
# Jan-Jun (25), published 2024-07 (known 2024-07-31, after June: not early).
COLUMNS_LEDGER = (
    dated("plan", "2021-03-01")
    + dated("book", '"2023-02"')
    + dated("mid", "2023-07-15")
    + dated("ytd", '"2024-07"')
    + indicator("x", unit="CNY bn")
    + figure(2021, 30, "book")
    + figure(2022, 36, "book")
    + figure(2023, 45, "mid")
    + figure(2024, 12, "ytd", months=3)
    + figure(2024, 25, "ytd", months=6)
    + target("x_2025", "x", 60, deadline=2025, set_in=2021).replace('"src"', '"plan"')
    + target("x_own", "x", 50, set_in=2022, published="2022-05-01")
    + target("x_set_in", "x", 50, set_in=2021)
    + target("x_undated", "x", 50)
)


def test_columns_of_a_target_in_time(tmp_path: Path) -> None:
    path = write(tmp_path, COLUMNS_LEDGER)
    found = rows("targets", path, env={"RARECLI_TODAY": "2025-06-01"})
    keys = list(found[0])
    at = keys.index("latest_value")
    assert keys[at : at + 3] == ["latest_value", "latest_partial_period", "latest_partial_value"]
    assert {"known", "supersedes", "set_in"} <= set(keys)
    got = by_id(found)
    row = got["x_2025"]
    # B = 30 (2021, the last in or before set_in 2021), A = 45 (2023), T = 60 by 2025:
    # progress 100 * 15 / 30 = 50; expected 100 * 2 / 4 = 50; r_obs = 1.5 ** (1 / 2) - 1
    # = 0.224745; r_req = 2 ** (1 / 4) - 1 = 0.189207; ratio 1.188 -> on_track;
    # projected 45 * 1.224745 ** 2 = 45 * 1.5 = 67.5
    assert (row["baseline_year"], row["baseline_value"]) == (2021, 30)
    assert (row["latest_year"], row["latest_value"]) == (2023, 45)
    assert (row["progress_pct"], row["expected_pct"], row["ratio"]) == (50, 50, 1.188)
    assert (row["projected_value"], row["status"]) == (67.5, "on_track")
    # the newest year-to-date figure after 2023: Jan-Jun 2024 (not Jan-Mar)
    assert (row["latest_partial_period"], row["latest_partial_value"]) == ("Jan–Jun 2024", 25)
    # 2023 was said in July 2023: early; 2025 - 2023 = 2 years: not old evidence
    assert row["flags"] == ["early", "newer_partial"]
    assert (row["set_in"], row["known"], row["supersedes"]) == (2021, "2021-03-01", None)
    # known: its own published as written; its set_in year where its source has no date; empty
    # where it has neither
    assert (got["x_own"]["known"], got["x_own"]["set_in"]) == ("2022-05-01", 2022)
    assert (got["x_set_in"]["known"], got["x_set_in"]["set_in"]) == ("2021", 2021)
    assert (got["x_undated"]["known"], got["x_undated"]["set_in"]) == (None, None)
    assert got["x_undated"]["baseline_year"] == 2021  # no set_in: the first figure


def test_the_table_shows_the_newer_partial_figure_beside_the_status(tmp_path: Path) -> None:
    path = write(tmp_path, COLUMNS_LEDGER)
    shown = table("targets", path, env={"RARECLI_TODAY": "2025-06-01", "COLUMNS": "200"})
    assert "newer: Jan–Jun 2024 25 CNY bn (year to date)" in shown
    assert "early: published before the period ended: a forecast, not an outcome" in shown


def test_csv_writes_the_new_columns(tmp_path: Path) -> None:
    path = write(tmp_path, COLUMNS_LEDGER)
    code, out, _ = run("targets", "-f", "csv", data=path, env={"RARECLI_TODAY": "2025-06-01"})
    row = next(r for r in csv.DictReader(io.StringIO(out)) if r["target_id"] == "x_2025")
    assert code == 0
    assert (row["set_in"], row["known"], row["supersedes"]) == ("2021", "2021-03-01", "")
    assert (row["latest_partial_period"], row["latest_partial_value"]) == ("Jan–Jun 2024", "25")
    assert row["flags"] == "early;newer_partial"


@pytest.mark.parametrize(
    ("points", "partial", "period"),
    [
        ({2022: 36}, (2022, 6), None),  # of the latest full year itself: not newer
        ({2022: 36}, (2021, 9), None),  # of an earlier year
        ({2022: 36}, (2023, 9), "Jan–Sep 2023"),
        ({}, (2023, 9), "Jan–Sep 2023"),  # no full-year figure at all: any year is newer
    ],
)
def test_newer_partial_only_after_the_latest_full_year(
    tmp_path: Path, points: dict[int, Point], partial: tuple[int, int], period: str | None
) -> None:
    body = indicator("x", points) + figure(partial[0], 20, "src", months=partial[1])
    path = write(tmp_path, body, target("t", "x", 100, deadline=2030))
    (row,) = rows("targets", path, env={"RARECLI_TODAY": "2024-01-01"})
    assert row["latest_partial_period"] == period
    assert row["latest_partial_value"] == (20 if period else None)
    assert ("newer_partial" in row["flags"]) is (period is not None)


def test_known_at_hides_a_partial_figure_published_later(tmp_path: Path) -> None:
    path = write(tmp_path, COLUMNS_LEDGER)
    # on 2024-06-30 the year-to-date figures (known 2024-07-31) are not out yet; 2023's 45
    # (2023-07-15) is
    found = by_id(rows("targets --known-at 2024-06-30", path))
    row = found["x_2025"]
    assert (row["latest_value"], row["latest_partial_period"]) == (45, None)
    assert row["flags"] == ["early"]
    # x_own (2022-05-01) and x_set_in (2021: known from 2021-12-31) were known by then
    assert list(found) == ["x_2025", "x_own", "x_set_in"]


def test_a_target_dated_by_its_set_in_is_known_from_the_end_of_that_year(tmp_path: Path) -> None:
    path = write(tmp_path, COLUMNS_LEDGER)
    # 2021-06-30: x_2025 (2021-03-01) is known; x_set_in not until 2021-12-31, x_own not until
    # 2022-05-01; x_undated is left out and counted
    assert [r["target_id"] for r in rows("targets --known-at 2021-06", path)] == ["x_2025"]
    assert [r["target_id"] for r in rows("targets --known-at 2021-12-31", path)] == [
        "x_2025",
        "x_set_in",
    ]
    shown = table("targets --known-at 2021-06", path)
    assert "left out as of 2021-06-30: 1 undated target (no published date)" in shown


def test_as_of_hides_a_later_partial_figure(tmp_path: Path) -> None:
    path = write(tmp_path, COLUMNS_LEDGER)
    row = by_id(rows("targets --as-of 2023", path, env={"RARECLI_TODAY": "2025-06-01"}))["x_2025"]
    assert (row["latest_partial_period"], row["latest_partial_value"]) == (None, None)
    assert row["flags"] == ["early"]


# --- old evidence: the latest full-year figure 3 or more years before the reference year ---------

# The latest full-year figure is of 2022 (both figures published 2023-01-15); the deadline is far.
OLD = dated("pub", "2023-01-15") + indicator("x", {2020: 10, 2022: 20}).replace('"src"', '"pub"')


@pytest.mark.parametrize(
    ("options", "today", "old"),
    [
        ("", "2024-12-31", False),  # 2024 - 2022 = 2
        ("", "2025-01-01", True),  # 2025 - 2022 = 3
        ("--known-at 2024-12-31", "2030-01-01", False),  # 2024 - 2022 = 2
        ("--known-at 2025-01-01", "2030-01-01", True),  # 2025 - 2022 = 3
        ("--known-at 2025", "2030-01-01", True),  # the end of 2025
        ("--as-of 2024", "2030-01-01", False),  # 2024 - 2022 = 2
        ("--as-of 2025", "2030-01-01", True),  # 2025 - 2022 = 3
    ],
)
def test_old_evidence_from_three_years_before_the_reference_year(
    tmp_path: Path, options: str, today: str, old: bool
) -> None:
    path = write(tmp_path, OLD, target("t", "x", 100, deadline=2040, set_in=2020))
    (row,) = rows(f"targets {options}".strip(), path, env={"RARECLI_TODAY": today})
    assert ("old_evidence" in row["flags"]) is old
    # B = 10 (2020), A = 20 (2022) whichever day: progress 100 * 10 / 90 = 11.11
    assert row["progress_pct"] == 11.11


def test_old_evidence_has_its_footnote(tmp_path: Path) -> None:
    path = write(tmp_path, OLD, target("t", "x", 100, deadline=2040, set_in=2020))
    shown = table("targets", path, env={"RARECLI_TODAY": "2025-01-01", "COLUMNS": "200"})
    assert "old_evidence: the latest full-year figure is 3 or more years older" in shown


# --- target lineage ------------------------------------------------------------------------------

# `old` (40 by 2025, set 2020-03-01) is restated on 2023-03-05 by `new` (60 by 2025). Figures:
# 10 in 2020 (published 2021-03-01), 20 in 2022 (2023-02-01), 50 in 2023 (2024-02-01).
LINEAGE = (
    dated("plan", "2020-03-01")
    + dated("restate", "2023-03-05")
    + dated("f2020", "2021-03-01")
    + dated("f2022", "2023-02-01")
    + dated("f2023", "2024-02-01")
    + indicator("x")
    + figure(2020, 10, "f2020")
    + figure(2022, 20, "f2022")
    + figure(2023, 50, "f2023")
    + target("old", "x", 40, deadline=2025, set_in=2020).replace('"src"', '"plan"')
    + target("new", "x", 60, deadline=2025, set_in=2023, supersedes="old").replace(
        '"src"', '"restate"'
    )
)
SUPERSEDED_NOTE = (
    "1 superseded target of the ledger is not shown (restated by a later one): --history lists "
    "them."
)


def test_superseded_targets_are_hidden_and_counted(tmp_path: Path) -> None:
    path = write(tmp_path, LINEAGE)
    (row,) = rows("targets", path)
    assert (row["target_id"], row["supersedes"], row["known"]) == ("new", "old", "2023-03-05")
    # set_in 2023: B = A = 50 (2023), 60 not met, deadline ahead -> insufficient_data
    assert (row["baseline_year"], row["status"]) == (2023, "insufficient_data")
    assert "superseded_by" not in row
    assert SUPERSEDED_NOTE in table("targets", path)


def test_history_lists_superseded_targets_as_they_stood(tmp_path: Path) -> None:
    path = write(tmp_path, LINEAGE)
    got = by_id(rows("targets --history", path))
    assert list(got) == ["old", "new"]
    old = got["old"]
    assert (old["superseded_by"], got["new"]["superseded_by"]) == ("new", None)
    # judged on what was known on 2023-03-05, when `new` was published: 10 (2020) -> 20 (2022),
    # not the 50 of 2023 (which would be achieved). r_obs = 2 ** (1 / 2) - 1 = 0.414214,
    # r_req = 4 ** (1 / 5) - 1 = 0.319508: ratio 1.296 -> on_track; progress 100 * 10 / 30
    # = 33.33; expected 100 * 2 / 5 = 40
    assert (old["latest_year"], old["latest_value"]) == (2022, 20)
    assert (old["ratio"], old["status"]) == (1.296, "on_track")
    assert (old["progress_pct"], old["expected_pct"]) == (33.33, 40)
    shown = table("targets --history", path)
    assert "then; superseded by new" in shown
    assert SUPERSEDED_NOTE not in shown
    assert "judged on the evidence known when the target that restates it was published" in shown


def test_a_target_is_superseded_only_once_its_successor_is_known(tmp_path: Path) -> None:
    path = write(tmp_path, LINEAGE)
    # 2022-12-31: `new` (2023-03-05) is not known yet, `old` is current; of the figures only
    # 2020 is known (2022's came 2023-02-01): B = A = 10 -> insufficient_data
    (row,) = rows("targets --known-at 2022-12-31", path)
    assert (row["target_id"], row["latest_value"], row["status"]) == (
        "old",
        10,
        "insufficient_data",
    )
    assert SUPERSEDED_NOTE not in table("targets --known-at 2022-12-31", path)
    assert lineage("targets --known-at 2022-12-31 --history", path) == [("old", None)]
    # 2023-03-05: `new` is known from that day
    (row,) = rows("targets --known-at 2023-03-05", path)
    assert row["target_id"] == "new"
    assert SUPERSEDED_NOTE in table("targets --known-at 2023-03-05", path)
    assert lineage("targets --known-at 2023-03-05 --history", path) == [
        ("old", "new"),
        ("new", None),
    ]


def test_a_chain_of_restatements(tmp_path: Path) -> None:
    # a (2020-03-01) <- b (2023-03-05) <- c (2025-03-05)
    body = (
        dated("s20", "2020-03-01")
        + dated("s23", "2023-03-05")
        + dated("s25", "2025-03-05")
        + indicator("x")
        + target("a", "x", 40, deadline=2025).replace('"src"', '"s20"')
        + target("b", "x", 50, deadline=2025, supersedes="a").replace('"src"', '"s23"')
        + target("c", "x", 60, deadline=2027, supersedes="b").replace('"src"', '"s25"')
    )
    path = write(tmp_path, body)
    assert [r["target_id"] for r in rows("targets", path)] == ["c"]
    note = "2 superseded targets of the ledger are not shown (restated by a later one)"
    assert note in table("targets", path)
    assert lineage("targets --history", path) == [("a", "b"), ("b", "c"), ("c", None)]
    # on 2024-12-31 b is current and a superseded; c is not known yet
    assert [r["target_id"] for r in rows("targets --known-at 2024", path)] == ["b"]
    assert SUPERSEDED_NOTE in table("targets --known-at 2024", path)
    assert lineage("targets --known-at 2024 --history", path) == [("a", "b"), ("b", None)]


# --- --known-at on the shipped data --------------------------------------------------------------


def test_shipped_2022_output_target_is_judged_on_the_forecast() -> None:
    code, out, err = run("targets --known-at 2022-12-31 -f csv", env=TODAY)
    assert (code, err) == (0, "")
    then = {r["target_id"]: r for r in csv.DictReader(io.StringIO(out))}["industry_output_2022"]
    # known on 2022-12-31: the forecast of 60 for 2022 (said 2022-08-18), 60 >= 50
    assert (then["latest_year"], then["latest_value"]) == ("2022", "60")
    assert then["status"] == "achieved"
    assert {"estimated", "early"} <= set(then["flags"].split(";"))
    _, now_out, _ = run("targets -f csv", env=TODAY)
    now = {r["target_id"]: r for r in csv.DictReader(io.StringIO(now_out))}["industry_output_2022"]
    # on every figure: the 2022 outcome of 67.75 is the baseline (set_in 2022)
    assert (now["baseline_year"], now["baseline_value"]) == ("2022", "67.75")
    assert "early" not in now["flags"].split(";")
    # a baseline in the deadline year leaves no path to measure: no progress, no rates, no
    # ratio (not 100 * (100 - 67.75) / (50 - 67.75) = -181.69, nor a ratio from 1 / 0)
    assert (now["progress_pct"], now["expected_pct"], now["ratio"]) == ("", "", "")
    assert (now["latest_value"], now["status"]) == ("100", "achieved")
    assert (then["progress_pct"], then["ratio"]) == ("", "")


@pytest.mark.parametrize("year", ["0", "-5", "99999"])
def test_as_of_any_year(year: str) -> None:
    code, out, err = run(f"targets --as-of={year} -f csv", env=TODAY)
    assert (code, err) == (0, "")
    rows = list(csv.DictReader(io.StringIO(out)))
    if year == "99999":  # every figure: the same table as without --as-of
        assert rows == list(csv.DictReader(io.StringIO(run("targets -f csv", env=TODAY).out)))
    else:  # no figure at all, not even a year-to-date one
        assert {r["status"] for r in rows} == {"no_data"}
        assert {r["latest_partial_period"] for r in rows} == {""}


def test_shipped_known_at_title_and_undated_footnote() -> None:
    shown = table("targets --known-at 2022-12-31")
    assert "Targets: Baotou rare earth industry, as known on 2022-12-31" in shown
    # data/indicators.toml: five sources have no published date (rex_exchange_2024,
    # rex_htz_2025_06, rex_cnre_2025_q3, rex_baotou_jan_nov, reportify_ai_cnre) and seven
    # figures cite one of them without a published of their own: exchange_trading_volume and
    # exchange_transaction_value (Jan-Oct 2024), htz_magnet_output and
    # htz_rare_earth_value_added_growth (Jan-May 2025), cnre_revenue (Jan-Sep 2025 and 2025),
    # rare_earth_value_added_growth (Jan-Nov 2025): 2 + 2 + 2 + 1 = 7; every target has a date
    # or a set_in, so none is left out
    assert "left out as of 2022-12-31: 7 undated figures (no published date)" in shown
    assert "undated target" not in shown


# --- --known-at on growth, indicators, show and observations --------------------------------------

# 2021: 50 (published 2022-02, known 2022-02-28). 2022: a forecast of 60 (2022-08-18, before 2022
# ended: early) and the outcome 67.75 (2023-08, known 2023-08-31). A target of 100 by 2023.
IN_TIME = (
    dated("jan", '"2022-02"')
    + dated("forecast", "2022-08-18")
    + dated("final", '"2023-08"')
    + indicator("output", unit="CNY bn")
    + figure(2021, 50, "jan")
    + figure(2022, 60, "forecast", status="estimated")
    + figure(2022, 67.75, "final")
    + target("output_2023", "output", 100, deadline=2023, set_in=2021).replace('"src"', '"jan"')
)
BETWEEN, AFTER = "2022-12-31", "2023-12-31"


@pytest.fixture
def ledger(tmp_path: Path) -> Path:
    return write(tmp_path, IN_TIME)


def test_growth_known_at(ledger: Path) -> None:
    (then,) = rows(f"growth --known-at {BETWEEN}", ledger)
    # 50 -> 60: change 10, 100 * 10 / 50 = 20 %, over one year the CAGR is 20 % too
    assert (then["to_value"], then["to_status"]) == (60, "estimated")
    assert (then["change"], then["change_pct"], then["cagr_pct"]) == (10, 20, 20)
    assert then["flags"] == ["estimated", "early"]
    (after,) = rows(f"growth --known-at {AFTER}", ledger)
    # 50 -> 67.75: change 17.75, 100 * 17.75 / 50 = 35.5 %
    assert (after["to_value"], after["change"], after["change_pct"]) == (67.75, 17.75, 35.5)
    assert after["flags"] == []
    assert rows("growth", ledger) == [after]  # without --known-at: every figure counts


def test_growth_known_at_before_a_year_was_known_is_a_usage_error(ledger: Path) -> None:
    # on 2022-06-30 only 2021 is known: --to 2022 names a year with no figure known by then
    code, out, err = run("growth --known-at 2022-06-30 --to 2022", data=ledger, env=TODAY)
    assert (code, out) == (2, "")
    assert err.startswith("rarecli: error: --to:")


def test_indicators_known_at(ledger: Path) -> None:
    (then,) = rows(f"indicators --known-at {BETWEEN}", ledger)
    assert (then["latest_year"], then["latest_value"], then["latest_status"]) == (
        2022,
        60,
        "estimated",
    )
    assert (then["observations"], then["targets"]) == (2, 1)  # 50 and the forecast; the target
    (after,) = rows(f"indicators --known-at {AFTER}", ledger)
    assert (after["latest_value"], after["latest_status"], after["observations"]) == (
        67.75,
        "reported",
        3,
    )


def versions(found: list[dict[str, Any]]) -> list[tuple[int, float, bool, bool]]:
    return [(r["year"], r["value"], r["early"], r["current"]) for r in found]


@pytest.mark.parametrize("command", ["show output", "observations"])
def test_show_and_observations_known_at(ledger: Path, command: str) -> None:
    # (year, value, early, current)
    assert versions(rows(f"{command} --known-at {BETWEEN}", ledger)) == [
        (2021, 50, False, True),
        (2022, 60, True, True),  # the forecast is the last version known then
    ]
    assert versions(rows(f"{command} --known-at {AFTER}", ledger)) == [
        (2021, 50, False, True),
        (2022, 60, True, False),
        (2022, 67.75, False, True),
    ]
    known = [r["known"] for r in rows(f"{command} --known-at {AFTER}", ledger)]
    assert known == ["2022-02", "2022-08-18", "2023-08"]


def test_observations_wide_known_at(ledger: Path) -> None:
    (then,) = rows(f"observations --wide --known-at {BETWEEN}", ledger)
    (after,) = rows(f"observations --wide --known-at {AFTER}", ledger)
    assert (then["2021"], then["2022"]) == (50, 60)
    assert (after["2021"], after["2022"]) == (50, 67.75)


@pytest.mark.parametrize(
    "command", ["growth", "indicators", "show output", "observations", "targets"]
)
def test_the_title_says_as_known_on(ledger: Path, command: str) -> None:
    assert f"as known on {BETWEEN}" in table(f"{command} --known-at {BETWEEN}", ledger)
    assert "as known on" not in table(command, ledger)


def test_targets_known_at_judges_on_the_forecast(ledger: Path) -> None:
    (then,) = rows(f"targets --known-at {BETWEEN}", ledger)
    # B = 50 (2021), A = 60 (2022), T = 100 by 2023: progress 100 * 10 / 50 = 20; r_obs = 0.2,
    # r_req = 2 ** (1 / 2) - 1 = 0.414214: ratio 0.483 -> limited_progress; projected 60 * 1.2
    # = 72
    assert (then["latest_value"], then["progress_pct"], then["ratio"]) == (60, 20, 0.483)
    assert (then["projected_value"], then["status"]) == (72, "limited_progress")
    assert then["flags"] == ["estimated", "early"]
    (after,) = rows(f"targets --known-at {AFTER}", ledger)
    # A = 67.75: progress 100 * 17.75 / 50 = 35.5; r_obs = 0.355, ratio 0.857 ->
    # needs_acceleration; projected 67.75 * 1.355 = 91.80
    assert (after["latest_value"], after["progress_pct"], after["ratio"]) == (67.75, 35.5, 0.857)
    assert (after["projected_value"], after["status"]) == (91.8, "needs_acceleration")


@pytest.mark.parametrize(
    ("options", "passed"),
    [
        ("", True),  # today 2026 > deadline 2023, the latest figure is of 2022
        ("--known-at 2023-12-31", False),  # 2023 is not after 2023
        ("--known-at 2024-01-01", True),
        ("--known-at 2024", True),
        ("--as-of 2023", False),  # judged at the end of 2023
        ("--as-of 2024", True),
        ("--known-at 2030 --as-of 2023", False),  # the earlier of the two
        ("--known-at 2023 --as-of 2030", False),
    ],
)
def test_deadline_passed_is_judged_at_the_known_at_date(
    ledger: Path, options: str, passed: bool
) -> None:
    (row,) = rows(f"targets {options}".strip(), ledger)
    assert row["latest_year"] == 2022
    assert ("deadline_passed" in row["flags"]) is passed


def test_known_at_and_as_of_combine(ledger: Path) -> None:
    # known on 2023-12-31 (every figure) but only years up to 2021: B = A = 50 (2021)
    (row,) = rows("targets --known-at 2023-12-31 --as-of 2021", ledger)
    assert (row["latest_year"], row["latest_value"], row["status"]) == (
        2021,
        50,
        "insufficient_data",
    )
    # years up to 2023 (nothing hidden) but known on 2022-12-31: the forecast
    (row,) = rows("targets --known-at 2022-12-31 --as-of 2023", ledger)
    assert (row["latest_value"], row["status"]) == (60, "limited_progress")
    title = "Targets: Test industry, as of 2021, as known on 2023-12-31"
    assert title in table("targets --known-at 2023-12-31 --as-of 2021", ledger)


@pytest.mark.parametrize(
    "command", ["growth", "indicators", "show output", "observations", "targets"]
)
def test_a_bad_known_at_is_a_usage_error(ledger: Path, command: str) -> None:
    code, out, err = run(*command.split(), "--known-at", "2022-13", data=ledger)
    assert (code, out) == (2, "")
    errors = [line for line in err.splitlines() if line.startswith("rarecli: error:")]
    assert errors == ["rarecli: error: --known-at: '2022-13' is not a date"]
    assert err == (
        "rarecli: error: --known-at: '2022-13' is not a date\n"
        "  hint: write YYYY-MM-DD, or YYYY-MM / YYYY for the end of that month or year\n"
    )


def test_undated_figures_and_targets_are_left_out_and_counted(tmp_path: Path) -> None:
    # HEADER's source `src` has no date: its 2020 figure and the target without set_in are
    # undated; the 2021 figure is known 2022-02-28, the target set in 2021 from the end of 2021
    body = (
        dated("jan", '"2022-02"')
        + indicator("x", {2020: 5})
        + figure(2021, 50, "jan")
        + target("undated", "x", 100, deadline=2030)
        + target("set_2021", "x", 100, deadline=2030, set_in=2021)
    )
    path = write(tmp_path, body)
    note = "left out as of 2022-12-31: 1 undated figure and 1 undated target (no published date)"
    assert note in table("targets --known-at 2022-12-31", path)
    (row,) = rows("targets --known-at 2022-12-31", path)
    # without the undated 2020 figure, the only one is 2021's 50 (in set_in 2021): B = A = 50
    assert (row["target_id"], row["baseline_value"], row["status"]) == (
        "set_2021",
        50,
        "insufficient_data",
    )
    (row,) = rows("indicators --known-at 2022-12-31", path)
    assert (row["first_year"], row["observations"], row["targets"]) == (2021, 1, 1)
    assert "left out as of" not in table("targets", path)
