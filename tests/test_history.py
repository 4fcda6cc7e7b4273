"""Evidence in time (rarecli.history and the loader's history rules): known dates, versions of
one figure, early figures, the current figure, the ledger as known on a day, target lineage."""

from __future__ import annotations

import datetime as dt

import pytest

from rarecli import history
from rarecli.errors import DatasetError, UsageError
from rarecli.loader import parse_dataset
from rarecli.model import Dataset

# Two publications of the 2022 figure (a forecast in August 2022, the outcome in August 2023),
# listed out of order; a 2021 figure dated by its own `published`; an undated source.
LEDGER = """schema_version = 1

[dataset]
title = "Output"
region = "Testland"

[[sources]]
id = "forecast"
title = "Mayor's forecast"
publisher = "Paper"
published = 2022-08-18

[[sources]]
id = "final"
title = "Year book"
publisher = "Bureau"
published = "2023-08"

[[sources]]
id = "undated"
title = "A page without a date"
publisher = "Blog"

[[indicators]]
id = "output"
name = "Output value"
unit = "CNY bn"
category = "output"

  [[indicators.observations]]
  year = 2022
  value = 67.75
  source = "final"

  [[indicators.observations]]
  year = 2022
  value = 60
  status = "estimated"
  source = "forecast"

  [[indicators.observations]]
  year = 2021
  value = 38
  status = "estimated"
  source = "forecast"
  published = 2021-12-13

  [[indicators.observations]]
  year = 2020
  value = 21
  source = "undated"

[[targets]]
id = "output_2025"
indicator = "output"
deadline = 2025
value = 100
set_in = 2021
source = "undated"

[[targets]]
id = "output_2025_restated"
indicator = "output"
deadline = 2025
value = 130
source = "final"
published = 2024-03-05
supersedes = "output_2025"
"""


def load(text: str = LEDGER) -> Dataset:
    return parse_dataset(text, "d.toml")


def problems(text: str) -> list[str]:
    with pytest.raises(DatasetError) as caught:
        parse_dataset(text, "d.toml")
    return [p.render("d.toml") for p in caught.value.problems]


def figures(ds: Dataset) -> list[tuple[int, float]]:
    return [(o.year, o.value) for o in ds.indicators[0].observations]


# --- dates ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "day"),
    [
        ("2023-08", dt.date(2023, 8, 31)),
        ("2024-02", dt.date(2024, 2, 29)),  # a leap year
        ("2023-02", dt.date(2023, 2, 28)),
        ("2024", dt.date(2024, 12, 31)),
        ("2022-08-18", dt.date(2022, 8, 18)),
        (None, None),
    ],
)
def test_a_partial_date_is_known_at_the_end_of_its_month_or_year(
    written: str | None, day: dt.date | None
) -> None:
    assert history.known_day(written) == day


@pytest.mark.parametrize(
    ("year", "months", "end"),
    [
        (2022, 12, dt.date(2022, 12, 31)),
        (2024, 2, dt.date(2024, 2, 29)),
        (2022, 6, dt.date(2022, 6, 30)),
    ],
)
def test_period_end(year: int, months: int, end: dt.date) -> None:
    assert history.period_end(year, months) == end


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("2022-12-31", dt.date(2022, 12, 31)),
        ("2023-06", dt.date(2023, 6, 30)),
        ("2022", dt.date(2022, 12, 31)),
        (" 2022 ", dt.date(2022, 12, 31)),
    ],
)
def test_known_at_reads_the_end_of_a_month_or_year(text: str, day: dt.date) -> None:
    assert history.parse_known_at(text) == day


@pytest.mark.parametrize(
    "text",
    [
        "2022-13",
        "2022-02-30",
        "22",
        "2022/12/31",
        "",
        "yesterday",
        "2022-1",
        "2022-01-01-01",  # four parts
        "２０２２",  # digits, but not ASCII ones
    ],
)
def test_known_at_rejects_what_is_no_date(text: str) -> None:
    with pytest.raises(UsageError) as caught:
        history.parse_known_at(text)
    assert caught.value.param == "known_at"
    assert "YYYY-MM-DD" in (caught.value.hint or "")


# --- versions in the loader -----------------------------------------------------------------------


def test_versions_are_ordered_by_period_then_known_date() -> None:
    ds = load()
    assert figures(ds) == [(2020, 21.0), (2021, 38.0), (2022, 60.0), (2022, 67.75)]
    assert ds.indicators[0].observations[1].published == "2021-12-13"
    assert history.current_flags(ds.indicators[0]) == [True, True, False, True]


def test_the_current_figure_is_the_last_known() -> None:
    current = history.current(load())
    assert figures(current) == [(2020, 21.0), (2021, 38.0), (2022, 67.75)]
    plain = history.current(current)
    assert plain is current  # nothing to drop: the same dataset


def test_early_figures_were_known_before_their_period_ended() -> None:
    ds = load()
    dating = history.Dating(ds)
    early = [dating.early(o) for o in ds.indicators[0].observations]
    assert early == [False, True, True, False]  # undated: never early; 2021-12-13 < 2021-12-31
    written = [dating.observation_written(o) for o in ds.indicators[0].observations]
    assert written == [None, "2021-12-13", "2022-08-18", "2023-08"]


def test_a_figure_published_on_the_last_day_of_its_period_is_not_early() -> None:
    ds = load(LEDGER.replace("published = 2021-12-13", "published = 2021-12-31"))
    assert not history.Dating(ds).early(ds.indicators[0].observations[1])
    ytd = load(
        LEDGER.replace(
            "year = 2021\n  value = 38", "year = 2021\n  months = 6\n  value = 38"
        ).replace("published = 2021-12-13", 'published = "2021-07"')
    )
    half = next(o for o in ytd.indicators[0].observations if o.months == 6)
    assert not history.Dating(ytd).early(half)  # known 2021-07-31, after June ended


def test_the_same_known_date_twice_is_an_error_naming_both_lines() -> None:
    # "2023-08" and 2023-08-31 are the same day however written
    text = LEDGER.replace(
        '  value = 60\n  status = "estimated"\n  source = "forecast"\n',
        '  value = 60\n  status = "estimated"\n  source = "forecast"\n  published = 2023-08-31\n',
    )
    assert problems(text) == [
        "d.toml:36: indicators[0].observations[1].year: a second observation for 2022 in "
        "indicator 'output', known on 2023-08-31 (see line 30: keep one and put the other's "
        "source in corroborated_by, or give each its own published date)"
    ]


def test_an_undated_figure_beside_a_dated_one_is_an_error() -> None:
    text = LEDGER.replace(
        '  year = 2020\n  value = 21\n  source = "undated"',
        '  year = 2022\n  value = 21\n  source = "undated"',
    )
    assert problems(text) == [
        "d.toml:49: indicators[0].observations[3].year: an undated observation beside a dated one "
        "for 2022 in indicator 'output' (see line 30: give the undated one a published date (or "
        "its source one), so the versions can be ordered)"
    ]


def test_published_must_be_a_date() -> None:
    text = LEDGER.replace("published = 2021-12-13", 'published = "Dec 2021"')
    assert problems(text) == [
        "d.toml:46: indicators[0].observations[2].published: expected a date, got 'Dec 2021' "
        '(write 2024-10-09, or "2024-10" / "2024" without a day)'
    ]
    zero = LEDGER.replace("published = 2021-12-13", 'published = "0000"')
    assert len(problems(zero)) == 1


# --- targets -------------------------------------------------------------------------------------


def test_target_known_dates() -> None:
    ds = load()
    dating = history.Dating(ds)
    first, restated = ds.targets
    assert dating.target_written(first) == "2021"  # undated source: known from set_in
    assert dating.target(first) == dt.date(2021, 12, 31)
    assert dating.target_written(restated) == "2024-03-05"
    assert history.superseded_ids(ds) == {"output_2025": "output_2025_restated"}
    assert [t.id for t in history.current_targets(ds).targets] == ["output_2025_restated"]
    undated = load(LEDGER.replace("set_in = 2021\n", ""))
    assert history.Dating(undated).target(undated.targets[0]) is None


def test_a_view_that_hides_the_restated_target_restates_nothing() -> None:
    # the restated target is undated (no set_in, an undated source): left out of every view, so
    # its successor supersedes nothing there and no superseded target is counted
    ds = load(LEDGER.replace("set_in = 2021\n", ""))
    view = history.known_at(ds, dt.date(2025, 1, 1))
    assert [t.id for t in view.dataset.targets] == ["output_2025_restated"]
    assert history.superseded_ids(view.dataset) == {}


def test_left_out_note_counts_every_undated_target() -> None:
    ds = load(
        LEDGER.replace("set_in = 2021\n", "").replace(
            'source = "final"\npublished = 2024-03-05', 'source = "undated"'
        )
    )
    view = history.known_at(ds, dt.date(2025, 1, 1))
    assert (view.undated_figures, view.undated_targets) == (1, 2)
    assert history.left_out_note(view) == (
        "left out as of 2025-01-01: 1 undated figure and 2 undated targets (no published date)"
    )


def test_supersedes_must_name_a_target() -> None:
    text = LEDGER.replace('supersedes = "output_2025"', 'supersedes = "output_2052"')
    assert problems(text) == [
        "d.toml:68: targets[1].supersedes: unknown target id 'output_2052' (did you mean "
        "'output_2025'?)"
    ]


def test_a_chain_of_supersedes_must_not_loop() -> None:
    text = LEDGER.replace(
        'set_in = 2021\nsource = "undated"',
        'set_in = 2021\nsource = "undated"\nsupersedes = "output_2025_restated"',
    )
    found = problems(text)
    assert len(found) == 2
    assert found[0] == (
        "d.toml:60: targets[0].supersedes: target 'output_2025' restates itself through a chain "
        "of supersedes (a target supersedes an older one; remove the supersedes that closes the "
        "loop)"
    )
    itself = LEDGER.replace('supersedes = "output_2025"', 'supersedes = "output_2025_restated"')
    assert len(problems(itself)) == 1


def test_a_target_is_restated_once() -> None:
    fork = (
        LEDGER
        + """
[[targets]]
id = "output_2025_again"
indicator = "output"
value = 120
source = "final"
supersedes = "output_2025"
"""
    )
    assert problems(fork) == [
        "d.toml:75: targets[2].supersedes: target 'output_2025' is already restated by "
        "'output_2025_restated' (a target is restated once: let this one supersede "
        "'output_2025_restated' instead, or drop the supersedes)"
    ]


# --- the ledger as known on a day -----------------------------------------------------------------


def test_known_at_hides_what_was_published_later_and_counts_the_undated() -> None:
    view = history.known_at(load(), dt.date(2022, 12, 31))
    assert figures(view.dataset) == [(2021, 38.0), (2022, 60.0)]
    assert (view.undated_figures, view.undated_targets) == (1, 0)
    assert [t.id for t in view.dataset.targets] == ["output_2025"]  # the restatement came later
    assert history.left_out_note(view) == (
        "left out as of 2022-12-31: 1 undated figure (no published date)"
    )


def test_known_at_the_day_of_publication_includes_it() -> None:
    view = history.known_at(load(), dt.date(2022, 8, 18))
    assert figures(view.dataset) == [(2021, 38.0), (2022, 60.0)]
    before = history.known_at(load(), dt.date(2022, 8, 17))
    assert figures(before.dataset) == [(2021, 38.0)]
    # a partial date counts at the end of its month: not yet known on 2023-08-30
    assert figures(history.known_at(load(), dt.date(2023, 8, 30)).dataset)[-1] == (2022, 60.0)
    assert figures(history.known_at(load(), dt.date(2023, 8, 31)).dataset)[-1] == (2022, 67.75)
