"""`rarecli revisions`: every version of the figures published more than once, the revision from
one version to the next, and the median distance of early figures from the current ones, checked
against values worked out by hand."""

from __future__ import annotations

import csv
import io
import json
import math
from pathlib import Path

import pytest

import rarecli
from helpers import run
from rarecli.errors import UsageError
from rarecli.listings.revisions import revisions_summary
from rarecli.loader import parse_dataset
from rarecli.queries.revisions import (
    REVISION_COLUMNS,
    EarlyError,
    early_error,
    revised_figures,
    revision_detail,
)

SOURCES = """schema_version = 1

[dataset]
title = "Output"
region = "Testland"

[[sources]]
id = "mayor"
title = "Mayor's forecast"
publisher = "Paper"
published = 2022-08-18

[[sources]]
id = "bureau"
title = "Year book"
publisher = "Bureau"
published = "2023-08"

[[sources]]
id = "revised"
title = "Revised year book"
publisher = "Bureau"
published = 2024-06-30
"""


def ledger(*observations: str) -> rarecli.Dataset:
    """An indicator 'output' with the given [[indicators.observations]] bodies."""
    body = "".join(f"\n  [[indicators.observations]]\n{o}" for o in observations)
    text = SOURCES + (
        '\n[[indicators]]\nid = "output"\nname = "Output"\nunit = "CNY bn"\n'
        'category = "output"\n' + body
    )
    return parse_dataset(text, "d.toml")


def obs(year: int, value: float, source: str, *extra: str) -> str:
    lines = [f"  year = {year}", f"  value = {value!r}", f'  source = "{source}"', *extra]
    return "\n".join(lines) + "\n"


# 2022: a forecast of 60 (Aug 2022), the outcome 67.75 (Aug 2023), revised to 68 (Jun 2024);
# 2021: one figure only; 2020: 0 then 5 (no percentage from 0).
THREE_VERSIONS = ledger(
    obs(2022, 68.0, "revised"),
    obs(2022, 60.0, "mayor", '  status = "estimated"'),
    obs(2022, 67.75, "bureau"),
    obs(2021, 38.0, "bureau"),
    obs(2020, 0.0, "mayor", '  published = "2021-01"'),
    obs(2020, 5.0, "bureau"),
)


def rows(ds: rarecli.Dataset, **options: object) -> list[tuple[object, ...]]:
    table = rarecli.revisions(ds, **options)  # type: ignore[arg-type]
    return [
        (r.year, r.version, r.known, r.value, r.revision, r.revision_pct, r.current, r.early)
        for r in table.itertuples()
    ]


def same(got: list[tuple[object, ...]], expected: list[tuple[object, ...]]) -> bool:
    """Row by row equal, NaN matching NaN, floats to 1e-9."""

    def equal(a: object, b: object) -> bool:
        if isinstance(a, float) and isinstance(b, float):
            return (math.isnan(a) and math.isnan(b)) or abs(a - b) < 1e-9
        return a == b

    return len(got) == len(expected) and all(
        len(g) == len(e) and all(equal(a, b) for a, b in zip(g, e, strict=True))
        for g, e in zip(got, expected, strict=True)
    )


NAN = float("nan")


def test_versions_in_known_order_with_their_revisions() -> None:
    got = rows(THREE_VERSIONS)
    assert same(
        got,
        [
            # 0 then 5: revision 5, no percentage of 0
            (2020, 1, "2021-01", 0.0, NAN, NAN, False, False),
            (2020, 2, "2023-08", 5.0, 5.0, NAN, True, False),
            # 60 -> 67.75: +7.75 = 12.9166...% of 60; 67.75 -> 68: +0.25 = 0.369...% of 67.75
            (2022, 1, "2022-08-18", 60.0, NAN, NAN, False, True),
            (2022, 2, "2023-08", 67.75, 7.75, 100 * 7.75 / 60, False, False),
            (2022, 3, "2024-06-30", 68.0, 0.25, 100 * 0.25 / 67.75, True, False),
        ],
    ), got


def test_revision_detail_columns_and_its_default_selection() -> None:
    detail = revision_detail(THREE_VERSIONS)
    assert list(detail.columns) == [
        *REVISION_COLUMNS,
        "note",
        "corroborated_by",
        "secondary",
        "versions",
    ]
    assert list(detail.index) == [0, 1, 2, 3, 4]  # 2021's one version left out
    assert revised_figures(revision_detail(THREE_VERSIONS, include_all=True)) == 2


def test_a_previous_value_of_one_gives_a_percentage() -> None:
    got = rows(ledger(obs(2022, 1.0, "mayor"), obs(2022, 2.0, "bureau")))
    assert (got[1][4], got[1][5]) == (1.0, 100.0)


def test_all_lists_the_figures_with_one_version_too() -> None:
    got = rows(THREE_VERSIONS, include_all=True)
    assert [(r[0], r[1], r[6]) for r in got] == [
        (2020, 1, False),
        (2020, 2, True),
        (2021, 1, True),  # its only version, current
        (2022, 1, False),
        (2022, 2, False),
        (2022, 3, True),
    ]


def test_revision_drops_binary_noise_and_keeps_its_sign() -> None:
    ds = ledger(obs(2022, 0.3, "mayor"), obs(2022, 0.1, "bureau"))
    got = rows(ds)
    assert got[1][4] == -0.2  # 0.1 - 0.3 is -0.19999999999999998 in binary
    assert abs(got[1][5] - (-200 / 3)) < 1e-9


def test_summary_counts_revised_figures_and_the_median_early_error() -> None:
    detail = revision_detail(THREE_VERSIONS)
    assert revised_figures(detail) == 2  # 2020 and 2022; 2021 has one version
    # 2022 only: the first (60) is early, the current (68) is not: |68 - 60| / 60 = 13.33 %.
    # 2020's first version (0, known January 2021) is not early.
    assert early_error(detail) == EarlyError(1, 13.3, 0)
    assert revisions_summary(detail) == (
        "2 figures have more than one version; early figures were off by a median of 13.3 % "
        "from the current ones (1 figure: 100 · |current − first| / |first|)."
    )


def test_median_of_an_even_count_and_what_is_left_out() -> None:
    early = '  published = "2021-06"'
    ds = ledger(
        # 2016: 10 early -> 11 (10 %); 2017: 20 early -> 25 (25 %): median 17.5
        obs(2016, 10.0, "mayor", '  published = "2016-06"'),
        obs(2016, 11.0, "bureau"),
        obs(2017, 20.0, "mayor", '  published = "2017-06"'),
        obs(2017, 25.0, "bureau"),
        # 2018: the current version is a lower bound, 2015 the first: the distance is unknown
        obs(2018, 30.0, "mayor", '  published = "2018-06"'),
        obs(2018, 40.0, "bureau", '  status = "lower_bound"'),
        obs(2015, 30.0, "mayor", '  published = "2015-06"', '  status = "lower_bound"'),
        obs(2015, 40.0, "bureau"),
        # 2021: both versions early (the current one too): not compared
        obs(2021, 1.0, "mayor", early),
        obs(2021, 2.0, "bureau", '  published = "2021-07"'),
        # 2019: the early first version is 0: no relative distance, left out
        obs(2019, 0.0, "mayor", '  published = "2019-06"'),
        obs(2019, 3.0, "bureau"),
    )
    detail = revision_detail(ds)
    assert revised_figures(detail) == 6
    assert early_error(detail) == EarlyError(2, 17.5, 2)
    assert revisions_summary(detail).endswith(
        "(2 figures: 100 · |current − first| / |first|); 2 early figures left out of the "
        "median: a lower bound on one side makes the distance unknown."
    )


def test_summary_without_anything_to_compare() -> None:
    detail = revision_detail(ledger(obs(2021, 38.0, "bureau")))
    assert revised_figures(detail) == 0
    assert early_error(detail) == EarlyError(0, None, 0)
    assert revisions_summary(detail) == (
        "0 figures have more than one version; no early figure has a later version that is "
        "not early to compare it with."
    )


def test_an_unknown_id_is_named_as_the_argument() -> None:
    with pytest.raises(UsageError) as caught:
        rarecli.revisions(THREE_VERSIONS, ["outptu"])
    assert (caught.value.param, caught.value.hint) == ("indicator_id", "did you mean 'output'?")


# --- the shipped ledger, by hand -----------------------------------------------------------------


COMPARED = (
    "year",
    "version",
    "known",
    "value",
    "status",
    "revision",
    "revision_pct",
    "early",
    "current",
)


def test_shipped_output_value_versions() -> None:
    code, out, err = run("revisions industry_output_value -f csv")
    assert (code, err) == (0, "")
    got = [tuple(r[k] for k in COMPARED) for r in csv.DictReader(io.StringIO(out))]
    assert got == [
        ("2016", "1", "2017-09-18", "15", "reported", "", "", "false", "false"),
        ("2016", "2", "2017", "15", "reported", "0", "0", "false", "true"),
        # the mayor's forecast of Aug 2022, then the outcome of Aug 2023: 7.75 / 60 = 12.92 %
        ("2022", "1", "2022-08-18", "60", "estimated", "", "", "true", "false"),
        ("2022", "2", "2023-08", "67.75", "reported", "7.75", "12.92", "false", "true"),
        ("2024", "1", "2024-08", "100", "estimated", "", "", "true", "false"),
        ("2024", "2", "2025-05", "100", "lower_bound", "0", "0", "false", "true"),
    ]


def test_shipped_summary_in_the_table_and_in_json(tmp_path: Path) -> None:
    _, table, _ = run("revisions -f table", env={"COLUMNS": "200"})
    # local_conversion_rate 2019: 75 early -> 75 (0 %); industry_output_value 2022: 60 -> 67.75
    # (12.92 %): median 6.46 -> 6.5; 2024's current version is a lower bound, left out.
    assert (
        "8 figures have more than one version; early figures were off by a median of 6.5 % "
        "from the current ones (2 figures: 100 · |current − first| / |first|); 1 early figure "
        "left out of the median: a lower bound on one side makes the distance unknown."
    ) in " ".join(table.split())
    assert "early: published before the period ended: a forecast, not an outcome" in table
    _, out, _ = run("revisions industry_output_value -f json")
    first = json.loads(out)[2]
    assert (first["early"], first["current"], first["revision"]) == (True, False, None)


def test_known_at_shows_the_versions_known_by_then() -> None:
    _, out, _ = run("revisions industry_output_value --known-at 2023-08-30 -f csv")
    assert [(r["year"], r["value"]) for r in csv.DictReader(io.StringIO(out))] == [
        ("2016", "15"),
        ("2016", "15"),  # 2022's outcome was published in August 2023: not yet known
    ]
    _, table, _ = run(
        "revisions industry_output_value --known-at 2023-08-30 -f table", env={"COLUMNS": "200"}
    )
    assert "as known on 2023-08-30" in table


def test_nothing_revised_says_so() -> None:
    code, out, _ = run("revisions green_smelting_capacity -f table", env={"COLUMNS": "120"})
    assert code == 0
    assert "No figure matches with more than one version; --all lists every figure." in out


def test_huge_values_revise_without_overflow() -> None:
    got = rows(ledger(obs(2022, 1e300, "mayor"), obs(2022, 1.5e300, "bureau")))
    # 0.5e300 is kept as it is (rounding it to 10 decimals would overflow to infinity)
    assert (got[1][4], got[1][5]) == (0.5e300, 50.0)
    assert rows(ledger(obs(2022, 1.0, "mayor"), obs(2022, 0.0, "bureau")))[1][5] == -100.0
