"""The shipped dataset's contract: its ids, and every figure's quote found verbatim in a source."""

from __future__ import annotations

from pathlib import Path

import pytest

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
        (2017, 12, 15.07, "derived", "aggregator"),  # 17.6 / 1.168
        (2018, 12, 17.6, "reported", "aggregator"),
        (2020, 12, 21.84, "derived", "media"),  # 38 / 1.74
        (2021, 12, 38, "estimated", "media"),
        (2022, 6, 32.71, "reported", "aggregator"),  # 上半年
        (2022, 12, 67.75, "reported", "media"),
        (2023, 12, 82.9, "reported", "aggregator"),
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
