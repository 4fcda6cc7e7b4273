"""The shipped dataset's contract: its ids, and every figure's quote found verbatim in a source."""

from __future__ import annotations

from pathlib import Path

import pytest

from rarecli.model import Dataset

SOURCES_DIR = Path(__file__).resolve().parents[2] / "shared" / "sources"
ARTICLE = "gim_2024_10_09"

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
    article = (SOURCES_DIR / "baotou-rare-earth-2024-10-09.txt").read_text(encoding="utf-8")
    return {"article": article, "research": (SOURCES_DIR / "RESEARCH.md").read_text("utf-8")}


def test_quotes_are_verbatim(shipped: Dataset, source_texts: dict[str, str]) -> None:
    quoted = [(o.source, o.quote) for i in shipped.indicators for o in i.observations]
    quoted += [(t.source, t.quote) for t in shipped.targets]
    for source, quote in quoted:
        where = source_texts["article"] if source == ARTICLE else source_texts["research"]
        assert quote, source
        assert quote in where, (source, quote)
