"""The shipped dataset's contract: its ids, and every figure's quote found verbatim in a source."""

from __future__ import annotations

from pathlib import Path

import pytest

from rarecli.history import Dating, current, known_day, superseded_ids
from rarecli.model import SOURCE_TYPES, Dataset, Indicator, Source, Target

SOURCES_DIR = Path(__file__).resolve().parents[2] / "shared" / "sources"
ARTICLE = "gim_2024_10_09"
ARTICLE_FILE = "baotou-rare-earth-2024-10-09.txt"
SOURCE_FILES = (ARTICLE_FILE, "RESEARCH.md", "RESEARCH-2026.md")

CONTRACT = {
    "enterprises": {
        "china_north_rare_earth",
        "tianjiao_qingmei",
        "baogang_group",
        "wolong_pm_motor_park",
        "inst_magnet_park",
        "green_smelting_upgrade_project",
    },
    "indicators": {
        "rare_earth_enterprises",
        "large_scale_enterprises",
        "national_high_tech_enterprises",
        "single_champion_enterprises",
        "pre_listing_enterprises",
        "top10_magnet_companies_present",
        "local_conversion_rate",
        "industry_output_value",
        "new_materials_output",
        "magnet_output",
        "nev_motor_output",
        "lsht_motor_output",
        "direct_drive_wind_turbine_output",
        "green_smelting_capacity",
        "ore_processing_capacity",
        "national_rare_earth_bases",
    },
}


def indicator(ds: Dataset, ident: str) -> Indicator:
    return next(i for i in ds.indicators if i.id == ident)


def sources(ds: Dataset) -> dict[str, Source]:
    return {s.id: s for s in ds.sources}


def targets(ds: Dataset) -> dict[str, Target]:
    return {t.id: t for t in ds.targets}


def test_contract_ids_are_present(shipped: Dataset) -> None:
    assert CONTRACT["enterprises"] <= {e.id for e in shipped.enterprises}
    assert CONTRACT["indicators"] <= {i.id for i in shipped.indicators}


def test_units_and_scopes_of_the_contract(shipped: Dataset) -> None:
    by_id = {i.id: i for i in shipped.indicators}
    assert by_id["industry_output_value"].unit == "CNY bn"
    assert by_id["local_conversion_rate"].unit == "%"
    for motor in ("nev_motor_output", "lsht_motor_output", "direct_drive_wind_turbine_output"):
        assert (by_id[motor].unit, by_id[motor].scope) == ("units", "wolong_pm_motor_park")
    assert by_id["green_smelting_capacity"].scope == "baogang_group"
    assert by_id["ore_processing_capacity"].scope == "green_smelting_upgrade_project"


def test_article_targets(shipped: Dataset) -> None:
    article = [t for t in shipped.targets if t.source == ARTICLE]
    assert sorted(t.indicator for t in article if t.deadline == 2024) == [
        "direct_drive_wind_turbine_output",
        "industry_output_value",
        "lsht_motor_output",
        "nev_motor_output",
        "new_materials_output",
    ]
    assert {t.indicator for t in article if t.deadline is None} == {
        "ore_processing_capacity",
        "national_rare_earth_bases",
    }
    assert {(t.indicator, t.value) for t in shipped.targets if t.deadline in (2023, 2025)} == {
        ("magnet_output", 60000),
        ("magnet_output", 100000),
        ("listed_enterprises", 10),
        ("single_champion_enterprises", 3),
        ("national_high_tech_enterprises", 100),
        ("industry_output_value", 100),
        ("new_materials_capacity_added", 50000),
        ("new_materials_output_value", 130),
        ("new_materials_applications_share", 60),
        ("enterprises_output_over_1bn", 20),
        ("enterprises_output_over_5bn", 5),
        ("industrial_value_added_growth", 14),
    }


def test_every_figure_has_a_quote(shipped: Dataset) -> None:
    for i in shipped.indicators:
        for o in i.observations:
            assert o.quote, (i.id, o.year)
    for t in shipped.targets:
        assert t.quote, t.id


@pytest.fixture(scope="module")
def source_texts() -> dict[str, str]:
    if not SOURCES_DIR.is_dir():
        pytest.skip(f"{SOURCES_DIR} is not beside the repository")
    return {name: (SOURCES_DIR / name).read_text(encoding="utf-8") for name in SOURCE_FILES}


def test_the_source_texts_are_all_there(source_texts: dict[str, str]) -> None:
    assert all(len(text) > 1000 for text in source_texts.values())


def test_quotes_are_verbatim(shipped: Dataset, source_texts: dict[str, str]) -> None:
    """Every quote, of observations and targets, occurs character for character in the article
    (for the article's own figures) or in one of the research files."""
    research = source_texts["RESEARCH.md"] + "\n" + source_texts["RESEARCH-2026.md"]
    quoted = [(o.source, o.quote) for i in shipped.indicators for o in i.observations]
    quoted += [(t.source, t.quote) for t in shipped.targets]
    for source, quote in quoted:
        where = source_texts[ARTICLE_FILE] if source == ARTICLE else research
        assert quote, source
        assert quote in where, (source, quote)


def test_new_research_quotes_come_from_the_2026_file(
    shipped: Dataset, source_texts: dict[str, str]
) -> None:
    # the figures only RESEARCH-2026.md has are checked against it, not by luck elsewhere
    for i in shipped.indicators:
        for o in i.observations:
            if o.source in ("metalnomist_2024_08", "rex_baotou_jan_nov", "cfi_broker_2025_09"):
                assert o.quote in source_texts["RESEARCH-2026.md"], (i.id, o.year)


# --- sources: type and address ----------------------------------------------------------------


def test_every_source_has_a_type_and_every_url_a_scheme(shipped: Dataset) -> None:
    for source in shipped.sources:
        assert source.type in SOURCE_TYPES, source.id
        if source.url is not None:
            assert source.url.startswith(("http://", "https://")), source.id
    assert sum(s.url is None for s in shipped.sources) == 1  # only the 2011 reprint has none


@pytest.mark.parametrize(
    ("source_id", "source_type"),
    [
        ("gim_2024_10_09", "media"),
        ("baotou_plan_2025", "official"),
        ("xinhua_2019_09_19", "aggregator"),  # read on a mirror of Xinhua
        ("baotou_media_2025_05", "aggregator"),  # read on a mirror of the media centre
        ("metalnomist_2024_08", "aggregator"),
        ("smm_2025_04_21", "media"),
    ],
)
def test_source_types_by_hand(shipped: Dataset, source_id: str, source_type: str) -> None:
    assert sources(shipped)[source_id].type == source_type


# --- the new figures, checked by hand against the research ------------------------------------


def test_output_value_series(shipped: Dataset) -> None:
    series = [
        (o.year, o.months, o.value, o.status, sources(shipped)[o.source].type)
        for o in indicator(shipped, "industry_output_value").observations
    ]
    assert series == [
        (2016, 12, 15, "reported", "media"),
        (2016, 12, 15, "reported", "aggregator"),  # the 2017 forum speech, a reprint dated 2017
        (2017, 12, 15.07, "derived", "aggregator"),  # 17.6 / 1.168
        (2018, 12, 17.6, "reported", "aggregator"),
        (2020, 12, 21.84, "derived", "media"),  # 38 / 1.74
        (2021, 12, 38, "estimated", "media"),
        (2022, 6, 32.71, "reported", "aggregator"),  # 上半年
        (2022, 12, 60, "estimated", "aggregator"),  # the mayor's forecast, 有望突破600亿元
        (2022, 12, 67.75, "reported", "media"),
        (2023, 12, 82.9, "reported", "aggregator"),
        (2024, 12, 100, "estimated", "aggregator"),  # projected in August 2024
        (2024, 12, 100, "lower_bound", "aggregator"),
    ]
    assert round(17.6 / 1.168, 2) == 15.07
    assert round(38 / 1.74, 2) == 21.84
    notes = {o.year: o.note or "" for o in indicator(shipped, "industry_output_value").observations}
    assert "80 billion" in notes[2023]
    assert "treo_2024_01_25" in notes[2023]


def test_more_than_a_fifth_of_china_in_2016(shipped: Dataset) -> None:
    (share,) = indicator(shipped, "national_output_share").observations
    assert (share.year, share.value, share.status) == (2016, 20, "lower_bound")


def test_new_materials_share_and_its_target(shipped: Dataset) -> None:
    share = indicator(shipped, "new_materials_applications_share")
    assert share.unit == "%"
    assert [(o.year, o.months, o.value, o.status) for o in share.observations] == [
        (2016, 12, 44, "reported"),
        (2019, 12, 51, "reported"),
        (2022, 6, 38.09, "derived"),
    ]
    assert round(100 * 124.6 / 327.1, 2) == 38.09
    target = targets(shipped)["new_materials_applications_share_2025"]
    assert (target.value, target.deadline, target.direction) == (60, 2025, "at_least")


def test_listed_companies(shipped: Dataset) -> None:
    enterprises = {e.id: e for e in shipped.enterprises}
    assert enterprises["inst_magnetic"].name_zh == "包头市英思特稀磁新材料股份有限公司"
    assert "2024-12-04" in (enterprises["inst_magnetic"].distinction or "")
    assert enterprises["tianhe_magnetics"].name_zh == "包头天和磁材科技股份有限公司"
    assert "2025-01-03" in (enterprises["tianhe_magnetics"].distinction or "")
    (count,) = indicator(shipped, "listed_enterprises").observations
    assert (count.year, count.value, count.status) == (2025, 3, "lower_bound")
    assert "No official count" in (count.note or "")
    assert targets(shipped)["listed_enterprises_2025"].value == 10


def test_output_value_targets_of_2022_and_2024(shipped: Dataset) -> None:
    by_id = targets(shipped)
    assert (by_id["industry_output_2022"].value, by_id["industry_output_2022"].deadline) == (
        50,
        2022,
    )
    assert (by_id["industry_output_2024"].value, by_id["industry_output_2024"].deadline) == (
        100,
        2024,
    )
    assert "may attach to rare earth new materials" in (
        by_id["new_materials_output_value_2025"].note or ""
    )


def test_high_tech_zone_is_its_own_scope(shipped: Dataset) -> None:
    zone = next(e for e in shipped.enterprises if e.id == "rare_earth_high_tech_zone")
    assert (zone.kind, zone.name_zh) == ("industrial_park", "包头稀土高新区")
    zone_ids = {i.id for i in shipped.indicators if i.scope == "rare_earth_high_tech_zone"}
    assert zone_ids == {i.id for i in shipped.indicators if i.id.startswith("htz_")}
    assert {"htz_industry_output_value", "htz_rare_earth_enterprises", "htz_magnet_output"} <= (
        zone_ids
    )
    # the city-wide series hold no figure of the zone
    for city in ("industry_output_value", "rare_earth_enterprises", "magnet_output"):
        assert indicator(shipped, city).scope is None
    output = indicator(shipped, "htz_industry_output_value").observations
    assert [(o.year, o.months, o.value, o.status) for o in output] == [
        (2011, 9, 11.528, "reported"),
        (2021, 10, 17.23, "reported"),
        (2023, 12, 30, "lower_bound"),
    ]


def test_china_northern_rare_earth_group_figures(shipped: Dataset) -> None:
    group = [i for i in shipped.indicators if i.scope == "china_north_rare_earth"]
    assert {i.id for i in group} == {"cnre_revenue", "cnre_net_profit", "cnre_magnet_output"}
    for i in group:
        assert "Group-consolidated" in (i.description or ""), i.id
        assert "outside Baotou" in (i.description or ""), i.id
    revenue = {(o.year, o.months): o for o in indicator(shipped, "cnre_revenue").observations}
    assert revenue[2024, 12].value == 32.966  # not the aggregator's 329.66
    assert "329.66" in (revenue[2024, 12].note or "")
    assert revenue[2025, 9].value == 30.29
    assert revenue[2025, 12].status == "estimated"  # a broker's forecast
    profit = indicator(shipped, "cnre_net_profit").observations
    assert [(o.year, o.value, o.status) for o in profit] == [(2025, 2.266, "estimated")]
    magnets = [
        (o.year, o.months, o.value) for o in indicator(shipped, "cnre_magnet_output").observations
    ]
    assert magnets == [(2024, 12, 58800), (2025, 6, 34600)]


def test_year_to_date_growth_rates(shipped: Dataset) -> None:
    rates = {
        i.id: [(o.year, o.months, o.value, o.status) for o in i.observations]
        for i in shipped.indicators
        if i.category == "growth"
    }
    assert all(indicator(shipped, ident).unit == "%" for ident in rates)
    assert rates["rare_earth_value_added_growth"] == [(2025, 11, 24.6, "assumed_year")]
    assert rates["htz_rare_earth_value_added_growth"] == [(2025, 5, 16.9, "reported")]
    assert rates["industrial_value_added_growth"] == [
        (2025, 6, 12.3, "reported"),
        (2025, 9, 9.9, "reported"),
    ]
    assert "probable" in (
        indicator(shipped, "rare_earth_value_added_growth").observations[0].note or ""
    )


def test_statuses_carry_their_explanation(shipped: Dataset) -> None:
    for i in shipped.indicators:
        for o in i.observations:
            if o.status in ("derived", "assumed_year", "lower_bound", "estimated"):
                assert o.note, (i.id, o.year, o.months)
            if o.status == "derived":
                assert any(op in (o.note or "") for op in ("/", "+", " - ")), (i.id, o.year)


def test_no_figure_for_inner_mongolia_as_a_whole(shipped: Dataset) -> None:
    # the region's 2025 targets (150 kt magnet capacity, 35 bn new materials) are not Baotou's
    assert 150000 not in {t.value for t in shipped.targets}
    assert 35 not in {t.value for t in shipped.targets}
    assert all("Inner Mongolia" not in i.name for i in shipped.indicators)


def test_default_years_still_2022_and_2024(shipped: Dataset) -> None:
    assert (shipped.info.base_year, shipped.info.current_year) == (2022, 2024)


# --- evidence in time: every version of a figure, and the targets restated later --------------


def versions(ds: Dataset, ident: str, year: int, months: int = 12) -> list[tuple[object, ...]]:
    """(value, status, source, known date as written, early) of each version, in known order."""
    dating = Dating(ds)
    return [
        (o.value, o.status, o.source, dating.observation_written(o), dating.early(o))
        for o in indicator(ds, ident).observations
        if (o.year, o.months) == (year, months)
    ]


# (indicator, year, months) -> the sources of its versions, in known-date order
VERSIONED = {
    ("rare_earth_enterprises", 2021, 12): ["nmg_daily_2021_12_13", "chinanews_nmg_2021_12_14"],
    ("large_scale_enterprises", 2021, 12): ["nmg_daily_2021_12_13", "chinanews_nmg_2021_12_14"],
    ("pre_listing_enterprises", 2024, 12): ["nmg_gov_2024_09_13", ARTICLE],
    ("local_conversion_rate", 2019, 12): ["xinhua_2019_09_19", "forum_2019_reprint"],
    ("local_conversion_rate", 2024, 12): ["nmg_gov_2024_09_13", ARTICLE],
    ("industry_output_value", 2016, 12): ["sina_nmg_2017_09_18", "zjdjkj_2017"],
    ("industry_output_value", 2022, 12): ["shsec_2022_08_18", "beijiang_2023_08"],
    ("industry_output_value", 2024, 12): ["metalnomist_2024_08", "baotou_media_2025_05"],
}


def test_the_figures_with_more_than_one_version(shipped: Dataset) -> None:
    histories: dict[tuple[str, int, int], list[str]] = {}
    for i in shipped.indicators:
        for o in i.observations:
            histories.setdefault((i.id, o.year, o.months), []).append(o.source)
    assert {k: v for k, v in histories.items() if len(v) > 1} == VERSIONED


def test_the_versions_of_a_figure_have_distinct_known_days(shipped: Dataset) -> None:
    dating = Dating(shipped)
    for ident, year, months in VERSIONED:
        days = [
            dating.observation(o)
            for o in indicator(shipped, ident).observations
            if (o.year, o.months) == (year, months)
        ]
        assert None not in days, ident
        assert days == sorted(set(days)), (ident, year)  # strictly increasing, none undated


def test_output_value_forecasts_beside_outcomes(shipped: Dataset) -> None:
    assert versions(shipped, "industry_output_value", 2022) == [
        (60, "estimated", "shsec_2022_08_18", "2022-08-18", True),  # 有望突破600亿元
        (67.75, "reported", "beijiang_2023_08", "2023-08", False),
    ]
    assert versions(shipped, "industry_output_value", 2024) == [
        (100, "estimated", "metalnomist_2024_08", "2024-08", True),  # "projected to rise to"
        (100, "lower_bound", "baotou_media_2025_05", "2025-05", False),  # 跨上千亿元台阶
    ]
    # 2021: the sources give the December forecast only, no outcome
    (forecast,) = [
        o for o in indicator(shipped, "industry_output_value").observations if o.year == 2021
    ]
    assert versions(shipped, "industry_output_value", 2021) == [
        (38, "estimated", "nmg_daily_2021_12_13", "2021-12-13", True)
    ]
    assert "no outcome was found" in (forecast.note or "")
    # 2023: the newsletter's "80 billion" is of an unclear scope, kept in the note only
    assert [v[:3] for v in versions(shipped, "industry_output_value", 2023)] == [
        (82.9, "reported", "metalnomist_2024_08")
    ]


def test_the_forecast_of_2022_is_what_was_known_at_the_end_of_2022(shipped: Dataset) -> None:
    dating = Dating(shipped)
    end_2022 = known_day("2022-12-31")
    known = [
        o
        for o in indicator(shipped, "industry_output_value").observations
        if (o.year, o.months) == (2022, 12) and dating.observation(o) <= end_2022
    ]
    assert [(o.value, o.status) for o in known] == [(60, "estimated")]


def test_current_figures_are_the_ledgers_before_the_versions(shipped: Dataset) -> None:
    now = current(shipped)
    figures = {(i.id, o.year, o.months): o for i in now.indicators for o in i.observations}
    assert {k: (figures[k].value, figures[k].status, figures[k].source) for k in VERSIONED} == {
        ("rare_earth_enterprises", 2021, 12): (141, "reported", "chinanews_nmg_2021_12_14"),
        ("large_scale_enterprises", 2021, 12): (47, "reported", "chinanews_nmg_2021_12_14"),
        ("pre_listing_enterprises", 2024, 12): (8, "reported", ARTICLE),
        ("local_conversion_rate", 2024, 12): (88, "reported", ARTICLE),
        ("industry_output_value", 2022, 12): (67.75, "reported", "beijiang_2023_08"),
        ("industry_output_value", 2024, 12): (100, "lower_bound", "baotou_media_2025_05"),
        # the same value; the reprints dated by their year alone are known later
        ("local_conversion_rate", 2019, 12): (75, "reported", "forum_2019_reprint"),
        ("industry_output_value", 2016, 12): (15, "reported", "zjdjkj_2017"),
    }
    # the 2016 figure does not rest on a reprint alone: Sina gave it first
    assert figures["industry_output_value", 2016, 12].corroborated_by == ("sina_nmg_2017_09_18",)


def test_the_current_version_lists_the_earlier_ones_of_the_same_value(shipped: Dataset) -> None:
    for ident, year, months in VERSIONED:
        history = [
            o
            for o in indicator(shipped, ident).observations
            if (o.year, o.months) == (year, months)
        ]
        last = history[-1]
        for earlier in history[:-1]:
            same = (earlier.value, earlier.status) == (last.value, last.status)
            assert (earlier.source in last.corroborated_by) == same, (ident, year, earlier.source)
            assert not earlier.corroborated_by, (ident, year)


def test_published_only_where_it_differs_from_the_source(shipped: Dataset) -> None:
    dates = {s.id: s.published for s in shipped.sources}
    for i in shipped.indicators:
        for o in i.observations:
            if o.published is not None:
                assert known_day(o.published) != known_day(dates[o.source]), (i.id, o.year)
    for t in shipped.targets:
        if t.published is not None:
            assert known_day(t.published) != known_day(dates[t.source]), t.id


def test_restated_output_targets_form_a_chain(shipped: Dataset) -> None:
    by_id = targets(shipped)
    dating = Dating(shipped)
    chain = []
    target: Target | None = by_id["industry_output_2025_restated_2023"]
    while target is not None:
        chain.append(target)
        target = by_id.get(target.supersedes) if target.supersedes else None
    assert [(t.id, t.source, t.set_in, t.value, t.deadline, t.direction) for t in chain] == [
        ("industry_output_2025_restated_2023", "beijiang_2023_08", 2023, 100, 2025, "at_least"),
        (
            "industry_output_2025_restated_2022",
            "chinadaily_2022_04_15",
            2022,
            100,
            2025,
            "at_least",
        ),
        ("industry_output_2025", "chinanews_nmg_2021_12_14", 2021, 100, 2025, "at_least"),
    ]
    days = [dating.target(t) for t in reversed(chain)]
    assert days == sorted(set(days))
    assert chain[0].quote == "力争到2025年稀土产业产值达到1000亿元以上"
    # the article's 2024 target restates the municipal "No. 1 document" of January 2024
    assert by_id["industry_output_2024"].supersedes == "industry_output_2024_no1_document"
    first = by_id["industry_output_2024_no1_document"]
    assert (first.source, first.value, first.deadline, first.set_in) == (
        "jiemian_2024_01",
        100,
        2024,
        2024,
    )
    assert superseded_ids(shipped) == {
        "industry_output_2025": "industry_output_2025_restated_2022",
        "industry_output_2025_restated_2022": "industry_output_2025_restated_2023",
        "industry_output_2024_no1_document": "industry_output_2024",
    }


def test_every_target_says_when_it_was_set(shipped: Dataset) -> None:
    dating = Dating(shipped)
    for t in shipped.targets:
        assert t.set_in is not None, t.id
        # every shipped target was set (or restated) in the year of the text that gives it
        assert str(t.set_in) == (dating.target_written(t) or "")[:4], t.id


def test_what_is_not_a_version_or_a_restatement(shipped: Dataset) -> None:
    by_id = targets(shipped)
    # the Wolong park: a design capacity "at completion" is not the plan for the end of 2024
    for ident in (
        "nev_motor_output_2024",
        "lsht_motor_output_2024",
        "direct_drive_wind_turbine_output_2024",
    ):
        assert by_id[ident].supersedes is None
        assert "Not a restatement" in (by_id[ident].note or "")
    # the ambiguous 1300亿 of the 2025 work report restates nothing
    assert by_id["new_materials_output_value_2025"].supersedes is None
    assert by_id["ore_processing_on_completion"].supersedes is None
    # same known date (2024-08): a corroboration, not a second version
    (smelting,) = indicator(shipped, "smelting_separation_capacity").observations
    assert smelting.corroborated_by == ("metalnomist_2024_08",)
    # an undated source cannot be a version beside a dated one
    revenue = [o for o in indicator(shipped, "cnre_revenue").observations if o.year == 2024]
    assert [(o.source, o.corroborated_by) for o in revenue] == [
        ("smm_2025_04_21", ("reportify_ai_cnre",))
    ]
    assert sources(shipped)["reportify_ai_cnre"].published is None
